// directory_json.cpp — see directory_json.h.
#include "api/directory_json.h"

#include <charconv>

#include "api/stored_fields.h"
#include "booking/external_change_policy.h"
#include "proposals/candidate_change_policy.h"
#include "mail/mail_message.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "slotwise/json_input.h"
#include "store/personal_data_retention.h"

namespace slotwise {

using nlohmann::json;

namespace {

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }

using body_fields::CheckKeys;
using body_fields::Read;

}  // namespace

json TenantJson(const Tenant& tenant) {
  return {{"id", tenant.id},
          {"name", tenant.name},
          {"allowed_origins", tenant.allowed_origins},
          {"time_zone", tenant.time_zone},
          {"locale", tenant.locale},
          {"calendar_provider", tenant.calendar_provider},
          {"policies", slotwise::ParseJson(tenant.policies_json)},
          {"ats_webhook_url", tenant.ats_webhook_url},
          {"ats_webhook_secret_set", !tenant.ats_webhook_secret.empty()}};
}

// policies.minimum_notice: {"minutes": 0..576000}, as the engine's query.minimum_notice (filled into every query that
// names none).
static Result<bool> CheckMinimumNoticePolicy(const json& policies) {
  const auto notice = policies.find("minimum_notice");
  if (notice == policies.end()) return true;
  const bool valid = notice->is_object() && notice->size() == 1 && notice->contains("minutes") &&
                     notice->at("minutes").is_number_integer() && notice->at("minutes").get<std::int64_t>() >= 0 &&
                     notice->at("minutes").get<std::int64_t>() <= 576000;
  if (!valid) return Invalid("policies.minimum_notice", "policies.minimum_notice must be {\"minutes\": 0..576000}");
  return true;
}

Result<bool> ApplyTenant(Tenant& tenant, const json& body, ZoneSource& zones) {
  if (Result<bool> keys = CheckKeys(body, {"id", "name", "allowed_origins", "time_zone", "locale", "calendar_provider",
                                           "policies", "ats_webhook_url", "ats_webhook_secret"});
      !keys) {
    return keys;
  }
  for (auto step : {Read(body, "name", tenant.name), Read(body, "allowed_origins", tenant.allowed_origins),
                    Read(body, "time_zone", tenant.time_zone), Read(body, "locale", tenant.locale),
                    Read(body, "calendar_provider", tenant.calendar_provider),
                    Read(body, "ats_webhook_url", tenant.ats_webhook_url),
                    Read(body, "ats_webhook_secret", tenant.ats_webhook_secret)}) {
    if (!step) return step;
  }
  if (body.contains("policies")) {
    if (!body.at("policies").is_object()) return Invalid("policies", "policies must be an object");
    if (Result<ExternalChangePolicy> policy = ParseExternalChangePolicy(body.at("policies")); !policy) {
      return policy.error();
    }
    if (Result<CandidateChangePolicy> changes = ParseCandidateChangePolicy(body.at("policies")); !changes) {
      return changes.error();
    }
    if (Result<std::int64_t> retention = RetentionDays(body.at("policies")); !retention) return retention.error();
    if (Result<bool> notice = CheckMinimumNoticePolicy(body.at("policies")); !notice) return notice;
    tenant.policies_json = body.at("policies").dump();
  }
  if (!tenant.calendar_provider.empty() && tenant.calendar_provider != "google" && tenant.calendar_provider != "microsoft") {
    return Invalid("calendar_provider", "calendar_provider must be google or microsoft");
  }
  // The name is the {{company}} of the candidates' e-mail subjects; the zone is their default time zone.
  if (Result<bool> name = mail::CheckHeaderInput(tenant.name, "name"); !name) return name;
  return CheckZoneName(tenant.time_zone, "time_zone", zones);
}


json PersonJson(const Person& person) {
  json value = {{"email", person.email}, {"name", person.name}, {"time_zone", person.time_zone},
                {"roles", person.roles}, {"locale", person.locale}, {"calendar_provider", person.calendar_provider}};
  value["working_hours"] = person.working_hours_json.empty() ? json(nullptr) : slotwise::ParseJson(person.working_hours_json);
  value["max_interviews_per_day"] = person.max_interviews_per_day ? json(*person.max_interviews_per_day) : json(nullptr);
  value["max_interviews_per_week"] = person.max_interviews_per_week ? json(*person.max_interviews_per_week) : json(nullptr);
  return value;
}

Result<Person> PersonFrom(const std::string& tenant_id, const std::string& email, const json& body, ZoneSource& zones) {
  if (Result<bool> key = CheckStoredKey(email, "email"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "time_zone", "working_hours", "roles", "max_interviews_per_day",
                                           "max_interviews_per_week", "locale", "calendar_provider"});
      !keys) {
    return keys.error();
  }
  Person person;
  person.tenant_id = tenant_id;
  person.email = email;
  std::int64_t per_day = 0;
  std::int64_t per_week = 0;
  for (auto step : {Read(body, "name", person.name), Read(body, "time_zone", person.time_zone),
                    Read(body, "roles", person.roles), Read(body, "locale", person.locale),
                    Read(body, "calendar_provider", person.calendar_provider)}) {
    if (!step) return step.error();
  }
  if (Result<bool> name = mail::CheckHeaderInput(person.name, "name"); !name) return name.error();
  if (Result<bool> zone = CheckZoneName(person.time_zone, "time_zone", zones); !zone) return zone.error();
  Result<bool> day = Read(body, "max_interviews_per_day", per_day);
  if (!day) return day.error();
  if (*day) person.max_interviews_per_day = per_day;
  Result<bool> week = Read(body, "max_interviews_per_week", per_week);
  if (!week) return week.error();
  if (*week) person.max_interviews_per_week = per_week;
  if (body.contains("working_hours") && !body.at("working_hours").is_null()) {
    if (Result<bool> hours = CheckWorkingHours(body.at("working_hours"), "working_hours"); !hours) return hours.error();
    person.working_hours_json = body.at("working_hours").dump();
  }
  for (const std::string& role : person.roles) {
    if (role != "recruiter" && role != "interviewer" && role != "observer") {
      return Invalid("roles", "roles are recruiter, interviewer and observer; not " + role);
    }
  }
  return person;
}

json RoomJson(const Room& room) {
  return {{"email", room.email},
          {"name", room.name},
          {"capacity", room.capacity ? json(*room.capacity) : json(nullptr)},
          {"building", room.building},
          {"floor", room.floor},
          {"calendar_provider", room.calendar_provider},
          {"source", room.source},
          {"features", room.features},
          {"room_list", room.room_list},
          {"retired", room.retired_at != 0},
          {"retired_at", room.retired_at != 0 ? json(FormatRfc3339(room.retired_at)) : json(nullptr)}};
}

bool RoomFilter::Matches(const Room& room) const {
  if (room.retired_at != 0 && !include_retired) return false;
  if (!building.empty() && AsciiLower(room.building) != AsciiLower(building)) return false;
  if (!room_list.empty() && AsciiLower(room.room_list) != AsciiLower(room_list)) return false;
  if (min_capacity > 0 && (!room.capacity || *room.capacity < min_capacity)) return false;
  if (!feature.empty() && std::none_of(room.features.begin(), room.features.end(), [&](const std::string& known) {
        return AsciiLower(known) == AsciiLower(feature);
      })) {
    return false;
  }
  return true;
}

Result<RoomFilter> ReadRoomFilter(const httplib::Request& req) {
  RoomFilter filter;
  filter.building = req.get_param_value("building");
  filter.room_list = req.get_param_value("room_list");
  filter.feature = req.get_param_value("feature");
  for (const auto* text : {&filter.building, &filter.room_list, &filter.feature}) {
    if (text->size() > 256) return Invalid("building", "a filter value is at most 256 characters");
  }
  if (req.has_param("min_capacity")) {
    const std::string text = req.get_param_value("min_capacity");
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 100000) {
      return Invalid("min_capacity", "min_capacity is a whole number from 1 to 100000; not \"" + text + "\"");
    }
    filter.min_capacity = value;
  }
  if (req.has_param("include_retired")) {
    const std::string text = req.get_param_value("include_retired");
    if (text != "true" && text != "false") {
      return Invalid("include_retired", "include_retired is true or false; not \"" + text + "\"");
    }
    filter.include_retired = text == "true";
  }
  return filter;
}

json RoomRefreshJson(const RoomRefresh& refresh, std::int64_t interval_seconds) {
  const auto at = [](std::int64_t seconds) { return seconds != 0 ? json(FormatRfc3339(seconds)) : json(nullptr); };
  json report = slotwise::ParseJson(refresh.report_json);
  if (!report.is_object()) report = json::object();
  json answer = {{"schedule_hours", interval_seconds / 3600},
                 {"last_attempt_at", at(refresh.attempted_at)},
                 {"last_refreshed_at", at(refresh.refreshed_at)},
                 {"next_attempt_at", interval_seconds > 0 && refresh.attempted_at != 0
                                         ? at(refresh.attempted_at + interval_seconds)
                                         : json(nullptr)},
                 {"outcome", refresh.outcome.empty() ? json(nullptr) : json(refresh.outcome)},
                 {"sources", report.value("sources", json::array())},
                 {"rooms", report.value("rooms", json::object())},
                 {"notes", report.value("notes", json::array())}};
  if (report.contains("error")) answer["error"] = report["error"];
  return answer;
}

Result<Room> RoomFrom(const std::string& tenant_id, const std::string& email, const json& body) {
  if (Result<bool> key = CheckStoredKey(email, "email"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "capacity", "building", "floor", "calendar_provider"}); !keys) {
    return keys.error();
  }
  Room room;
  room.tenant_id = tenant_id;
  room.email = email;
  std::int64_t capacity = 0;
  for (auto step : {Read(body, "name", room.name), Read(body, "building", room.building), Read(body, "floor", room.floor),
                    Read(body, "calendar_provider", room.calendar_provider)}) {
    if (!step) return step.error();
  }
  if (Result<bool> name = mail::CheckHeaderInput(room.name, "name"); !name) return name.error();
  Result<bool> has_capacity = Read(body, "capacity", capacity);
  if (!has_capacity) return has_capacity.error();
  if (*has_capacity) room.capacity = capacity;
  return room;
}

json HostJson(const HostAccount& host) {
  return {{"id", host.id}, {"provider", host.provider}, {"owner", host.owner_email},
          {"connection_id", host.connection_id}, {"settings", slotwise::ParseJson(host.settings_json)}};
}

Result<HostAccount> HostFrom(const std::string& tenant_id, const std::string& id, const json& body) {
  if (Result<bool> key = CheckStoredKey(id, "id"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"connection_id", "settings"}); !keys) return keys.error();
  HostAccount host;
  host.tenant_id = tenant_id;
  host.id = id;
  const std::size_t colon = id.find(':');
  if (colon == std::string::npos) return Invalid("id", "a host account id is \"<provider>:<owner e-mail>\"");
  host.provider = id.substr(0, colon);
  host.owner_email = id.substr(colon + 1);
  if (host.provider != "zoom" && host.provider != "teams" && host.provider != "google_meet" && host.provider != "goto") {
    return Invalid("id", "the provider of a host account is zoom, teams, google_meet or goto");
  }
  if (Result<bool> read = Read(body, "connection_id", host.connection_id); !read) return read.error();
  if (body.contains("settings")) {
    if (!body.at("settings").is_object()) return Invalid("settings", "settings must be an object (docs/ENGINE.md)");
    host.settings_json = body.at("settings").dump();
  }
  return host;
}


json CandidateJson(const Candidate& candidate) {
  return {{"id", candidate.id}, {"name", candidate.name}, {"email", candidate.email},
          {"time_zone", candidate.time_zone}, {"locale", candidate.locale}};
}

Result<Candidate> CandidateFrom(const std::string& tenant_id, const std::string& id, const json& body,
                                ZoneSource& zones) {
  if (Result<bool> key = CheckStoredKey(id, "id"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "email", "time_zone", "locale"}); !keys) return keys.error();
  Candidate candidate;
  candidate.tenant_id = tenant_id;
  candidate.id = id;
  for (auto step : {Read(body, "name", candidate.name), Read(body, "email", candidate.email),
                    Read(body, "time_zone", candidate.time_zone), Read(body, "locale", candidate.locale)}) {
    if (!step) return step.error();
  }
  if (candidate.email.find('@') == std::string::npos) return Invalid("email", "email must be an e-mail address");
  // Name and address become the To: header of the candidate's e-mails.
  for (const auto& [text, field] : {std::pair{&candidate.name, "name"}, std::pair{&candidate.email, "email"}}) {
    if (Result<bool> header = mail::CheckHeaderInput(*text, field); !header) return header.error();
  }
  if (Result<bool> zone = CheckZoneName(candidate.time_zone, "time_zone", zones); !zone) return zone.error();
  return candidate;
}

}  // namespace slotwise
