// booking_request.cpp — see booking_request.h.
#include "booking/booking_request.h"

#include <algorithm>
#include <cctype>

#include "booking/candidate_text.h"
#include "crypto/crypto_primitives.h"
#include "mail/mail_message.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/interview_holds.h"

namespace slotwise {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxDurationSeconds = 12 * 3600;
constexpr std::int64_t kMaxBufferMinutes = 240;
constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxNotes = 20000;
constexpr std::size_t kMaxAttendees = 50;

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }

Result<std::string> Email(const json& value, const std::string& field) {
  if (!value.is_string()) return Invalid(field, field + " must be an e-mail address (a string)");
  const std::string text = value.get<std::string>();
  const std::size_t at = text.find('@');
  const bool clean = std::none_of(text.begin(), text.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
  if (text.empty() || text.size() > 254 || at == std::string::npos || at == 0 || at + 1 == text.size() ||
      text.find('@', at + 1) != std::string::npos || !clean) {
    return Invalid(field, field + " is not an e-mail address: \"" + text.substr(0, 80) + "\"");
  }
  return AsciiLower(text);
}

Result<std::string> Text(const json& object, const char* key, const std::string& path, std::size_t max, bool required) {
  const std::string field = path.empty() ? key : path + "." + key;
  if (!object.contains(key) || object.at(key).is_null()) {
    if (required) return Invalid(field, field + " is required");
    return std::string();
  }
  if (!object.at(key).is_string()) return Invalid(field, field + " must be a string");
  std::string text = object.at(key).get<std::string>();
  if (required && text.empty()) return Invalid(field, field + " must not be empty");
  if (text.size() > max) return Invalid(field, field + " is longer than " + std::to_string(max) + " bytes");
  return text;
}

Result<std::int64_t> Instant(const json& object, const char* key) {
  if (!object.contains(key)) return Invalid(key, std::string(key) + " is required (RFC 3339 UTC, e.g. 2026-12-01T09:00:00Z)");
  if (!object.at(key).is_string()) return Invalid(key, std::string(key) + " must be an RFC 3339 UTC string");
  const CallerInstant instant = ParseCallerInstant(object.at(key).get<std::string>());
  if (instant.out_of_range) return Invalid(key, OutOfRangeMessage(key));
  if (!instant.instant) {
    return Invalid(key, std::string(key) + " is not an RFC 3339 UTC instant: " + object.at(key).get<std::string>());
  }
  return *instant.instant;
}

// [{"sub": "…"}…] (or plain strings) → lower-cased e-mails, duplicates removed.
Result<std::vector<std::string>> SubList(const json& value, const std::string& field) {
  if (!value.is_array()) return Invalid(field, field + " must be a list of {\"sub\": \"<e-mail>\"}");
  if (value.size() > kMaxAttendees) return Invalid(field, field + " has more than " + std::to_string(kMaxAttendees) + " entries");
  std::vector<std::string> subs;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    const json& item = value[i];
    Result<std::string> email = item.is_object() ? (item.contains("sub") ? Email(item.at("sub"), item_field + ".sub")
                                                                         : Result<std::string>(Invalid(item_field + ".sub", item_field + ".sub is required")))
                                                 : Email(item, item_field);
    if (!email) return email.error();
    if (std::find(subs.begin(), subs.end(), *email) == subs.end()) subs.push_back(*email);
  }
  return subs;
}

Result<std::int64_t> Minutes(const json& value, const std::string& field) {
  if (!value.is_object() || !value.contains("minutes") || !value.at("minutes").is_number_integer()) {
    return Invalid(field, field + " must be {\"minutes\": <whole number>}");
  }
  const std::int64_t minutes = value.at("minutes").get<std::int64_t>();
  if (minutes < 0 || minutes > kMaxBufferMinutes) {
    return Invalid(field + ".minutes", field + ".minutes must be between 0 and " + std::to_string(kMaxBufferMinutes));
  }
  return minutes * 60;
}

const std::vector<std::string> kVideoKinds = {"none", "google_meet", "teams", "zoom", "goto"};

// Fields shared by POST and PATCH: applies those present in `body` to `spec`.
Result<bool> ApplyFields(InterviewSpec& spec, json& rules, const json& body, bool creating) {
  if (!body.is_object()) return Invalid("", "the request body must be a JSON object");
  static const std::vector<std::string> kKnown = {"title", "organizer", "start", "end", "interviewers", "observers",
                                                  "room", "conferencing", "buffer", "candidate", "notes",
                                                  "candidate_message", "query"};
  for (const auto& [key, value] : body.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) return Invalid(key, "unknown field " + key);
    if (!creating && (key == "organizer" || key == "candidate")) {
      return Invalid(key, key + " cannot be changed; cancel and book again");
    }
  }
  if (creating || body.contains("title")) {
    Result<std::string> title = Text(body, "title", "", 300, true);
    if (!title) return title.error();
    if (Result<bool> header = mail::CheckHeaderInput(*title, "title"); !header) return header.error();  // the subject
    spec.title = *title;
  }
  if (creating) {
    if (!body.contains("organizer")) return Invalid("organizer", "organizer (the recruiter's e-mail) is required");
    Result<std::string> organizer = Email(body.at("organizer"), "organizer");
    if (!organizer) return organizer.error();
    spec.organizer = *organizer;
  }
  if (creating || body.contains("start") || body.contains("end")) {
    if (body.contains("start") || creating) {
      Result<std::int64_t> start = Instant(body, "start");
      if (!start) return start.error();
      spec.start = *start;
    }
    if (body.contains("end") || creating) {
      Result<std::int64_t> end = Instant(body, "end");
      if (!end) return end.error();
      spec.end = *end;
    }
    if (spec.end <= spec.start) return Invalid("end", "end must be after start");
    if (spec.end - spec.start > kMaxDurationSeconds) return Invalid("end", "an interview lasts at most 12 hours");
    if (spec.start % 60 != 0 || spec.end % 60 != 0) return Invalid("start", "start and end must be whole minutes");
  }
  if (creating || body.contains("interviewers")) {
    if (!body.contains("interviewers")) return Invalid("interviewers", "interviewers is required (at least one)");
    Result<std::vector<std::string>> interviewers = SubList(body.at("interviewers"), "interviewers");
    if (!interviewers) return interviewers.error();
    if (interviewers->empty()) return Invalid("interviewers", "at least one interviewer is required");
    spec.interviewers = std::move(interviewers).value();
  }
  if (body.contains("observers")) {
    Result<std::vector<std::string>> observers = SubList(body.at("observers"), "observers");
    if (!observers) return observers.error();
    spec.observers = std::move(observers).value();
  }
  if (body.contains("room")) {
    const json& room = body.at("room");
    if (room.is_null()) {
      spec.room.clear();
    } else {
      if (!room.is_object() || !room.contains("sub")) return Invalid("room", "room must be {\"sub\": \"<room e-mail>\"} or null");
      Result<std::string> email = Email(room.at("sub"), "room.sub");
      if (!email) return email.error();
      spec.room = *email;
    }
  }
  if (creating && !body.contains("conferencing")) spec.video = "none";
  if (body.contains("conferencing")) {
    const json& conferencing = body.at("conferencing");
    if (!conferencing.is_object()) return Invalid("conferencing", "conferencing must be an object");
    Result<std::string> provider = Text(conferencing, "provider", "conferencing", 20, true);
    if (!provider) return provider.error();
    if (std::find(kVideoKinds.begin(), kVideoKinds.end(), *provider) == kVideoKinds.end()) {
      return Invalid("conferencing.provider", "conferencing.provider must be one of none, google_meet, teams, zoom, goto");
    }
    Result<std::string> host = Text(conferencing, "host", "conferencing", 300, false);
    if (!host) return host.error();
    if ((*provider == "zoom" || *provider == "goto") && host->empty()) {
      return Invalid("conferencing.host", "a " + *provider + " interview needs conferencing.host (a linked host account, e.g. \"" +
                                              *provider + ":rita@acme.test\")");
    }
    if (!host->empty() && host->rfind(*provider + ":", 0) != 0) {
      return Invalid("conferencing.host", "conferencing.host must be a " + *provider + " account (\"" + *provider + ":<e-mail>\")");
    }
    spec.video = *provider;
    spec.host_account = AsciiLower(*host);
  }
  if (body.contains("buffer")) {
    const json& buffer = body.at("buffer");
    if (!buffer.is_object()) return Invalid("buffer", "buffer must be {\"before\": {\"minutes\"}, \"after\": {\"minutes\"}}");
    spec.buffer_before = 0;
    spec.buffer_after = 0;
    if (buffer.contains("before")) {
      Result<std::int64_t> before = Minutes(buffer.at("before"), "buffer.before");
      if (!before) return before.error();
      spec.buffer_before = *before;
    }
    if (buffer.contains("after")) {
      Result<std::int64_t> after = Minutes(buffer.at("after"), "buffer.after");
      if (!after) return after.error();
      spec.buffer_after = *after;
    }
  }
  if (creating) {
    if (!body.contains("candidate") || !body.at("candidate").is_object()) {
      return Invalid("candidate", "candidate {\"name\", \"email\", \"time_zone\"?, \"locale\"?} is required");
    }
    const json& candidate = body.at("candidate");
    Result<std::string> id = Text(candidate, "id", "candidate", 200, false);
    Result<std::string> name = Text(candidate, "name", "candidate", 200, true);
    Result<std::string> zone = Text(candidate, "time_zone", "candidate", 64, false);
    Result<std::string> locale = Text(candidate, "locale", "candidate", 35, false);
    for (const Result<std::string>* part : {&id, &name, &zone, &locale}) {
      if (!*part) return part->error();
    }
    if (Result<bool> header = mail::CheckHeaderInput(*name, "candidate.name"); !header) return header.error();
    if (!candidate.contains("email")) return Invalid("candidate.email", "candidate.email is required");
    Result<std::string> email = Email(candidate.at("email"), "candidate.email");
    if (!email) return email.error();
    spec.candidate = InterviewCandidate{*id, *name, *email, zone->empty() ? "" : *zone, locale->empty() ? "" : *locale};
  }
  for (const char* key : {"notes", "candidate_message"}) {
    if (!body.contains(key)) continue;
    Result<std::string> text = Text(body, key, "", std::string(key) == "notes" ? kMaxNotes : kMaxText, false);
    if (!text) return text.error();
    (std::string(key) == "notes" ? spec.notes : spec.candidate_message) = *text;
  }
  if (body.contains("query")) {
    const json& query = body.at("query");
    if (!query.is_object()) return Invalid("query", "query must be an object");
    for (const char* key : kQueryRuleFields) {
      if (query.contains(key)) rules[key] = query.at(key);
    }
  }
  for (const std::string& attendee : spec.interviewers) {
    if (std::find(spec.observers.begin(), spec.observers.end(), attendee) != spec.observers.end()) {
      return Invalid("observers", attendee + " is listed both as interviewer and observer");
    }
  }
  return CheckCandidateText(spec.candidate_message, !spec.video.empty() && spec.video != "none");
}

}  // namespace

Result<BookingRequest> ParseBookingRequest(const json& body) {
  BookingRequest request;
  if (Result<bool> applied = ApplyFields(request.spec, request.query_rules, body, true); !applied) return applied.error();
  return request;
}

Result<BookingRequest> ApplyBookingPatch(const InterviewSpec& current, const json& patch) {
  BookingRequest request;
  request.spec = current;
  if (Result<bool> applied = ApplyFields(request.spec, request.query_rules, patch, false); !applied) return applied.error();
  return request;
}

std::vector<std::string> Attendees(const InterviewSpec& spec) {
  std::vector<std::string> attendees = spec.interviewers;
  for (const std::string& observer : spec.observers) {
    if (std::find(attendees.begin(), attendees.end(), observer) == attendees.end()) attendees.push_back(observer);
  }
  return attendees;
}

std::vector<std::string> HeldResources(const InterviewSpec& spec) {
  std::vector<std::string> resources;
  for (const std::string& attendee : Attendees(spec)) resources.push_back(PersonResource(attendee));
  if (!spec.room.empty()) resources.push_back(RoomResource(spec.room));
  if (!spec.host_account.empty()) resources.push_back(HostResource(spec.host_account));
  return resources;
}

json ValidationQuery(const InterviewSpec& spec, const json& rules, const std::string& default_zone) {
  json members = json::array();
  for (const std::string& attendee : Attendees(spec)) members.push_back({{"sub", attendee}});
  json query = {{"participants", json::array({{{"members", members}, {"required", "all"}}})},
                {"required_duration", {{"minutes", (spec.end - spec.start) / 60}}},
                {"query_periods", json::array({{{"start", FormatRfc3339(spec.start)}, {"end", FormatRfc3339(spec.end)}}})},
                {"start_interval", {{"minutes", 5}}},
                {"time_zone", default_zone},
                {"buffer", {{"before", {{"minutes", spec.buffer_before / 60}}}, {"after", {{"minutes", spec.buffer_after / 60}}}}}};
  if (!spec.room.empty()) query["rooms"] = {{"members", json::array({{{"sub", spec.room}}})}, {"required", 1}};
  if (!spec.host_account.empty()) query["conferencing"] = {{"provider", spec.video}, {"host", spec.host_account}};
  query["candidate"] = {{"email", spec.candidate.email}, {"external", true}};
  if (!spec.candidate.time_zone.empty()) query["candidate"]["time_zone"] = spec.candidate.time_zone;
  for (const auto& [key, value] : rules.items()) query[key] = value;
  return query;
}

json EngineBooking(const InterviewSpec& spec) {
  json participants = json::array();
  for (const std::string& attendee : Attendees(spec)) participants.push_back({{"sub", attendee}});
  json booking = {{"start", FormatRfc3339(spec.start)}, {"end", FormatRfc3339(spec.end)}, {"participants", participants}};
  if (!spec.room.empty()) booking["rooms"] = json::array({{{"sub", spec.room}}});
  if (!spec.host_account.empty()) booking["conferencing"] = {{"provider", spec.video}, {"host", spec.host_account}};
  return booking;
}

std::string RequestFingerprint(const json& body) { return crypto::HexEncode(crypto::Sha256(body.dump())); }

}  // namespace slotwise
