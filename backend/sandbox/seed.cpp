// seed.cpp — applies POST /sandbox/seed documents (see docs/SANDBOX.md "Seeding"): tenants, users, rooms, Zoom
// accounts, events, Teams teams, service accounts, clients, the Zoom webhook endpoint.
#include <algorithm>
#include <functional>

#include "sandbox/calendar_events.h"
#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"

namespace slotwise::sandbox {

namespace {

Error Invalid(const std::string& field, const std::string& message) { return Error{"invalid_seed", message, field}; }

bool KnownProvider(const std::string& provider) {
  return provider == "google" || provider == "microsoft" || provider == "zoom" || provider == "goto";
}

std::string DomainOf(const std::string& email) {
  auto at = email.find('@');
  return at == std::string::npos ? "" : email.substr(at + 1);
}

std::string NewUserId(const std::string& provider) {
  if (provider == "microsoft") return NewGuid();
  if (provider == "google") return "1" + RandomDigits(20);
  if (provider == "goto") return RandomDigits(18);
  return RandomId(16);  // zoom ids look like "KDcuGIm1QgePTO8WbOqwIQ"
}

Result<bool> SeedUser(SandboxCore& core, const json& item, const std::string& field) {
  User user;
  user.provider = GetString(item, "provider");
  user.email = GetString(item, "email");
  if (!KnownProvider(user.provider)) return Invalid(field + ".provider", "unknown provider");
  if (user.email.find('@') == std::string::npos) return Invalid(field + ".email", "email required");
  user.name = GetString(item, "name", user.email);
  user.time_zone = GetString(item, "time_zone", "UTC");
  if (!core.zones.Find(user.time_zone)) return Invalid(field + ".time_zone", "unknown IANA zone " + user.time_zone);
  user.id = GetString(item, "id", NewUserId(user.provider));
  user.domain = DomainOf(user.email);
  user.tenant = GetString(item, "tenant");
  user.zoom_account = GetString(item, "zoom_account");
  user.free_busy_shared = GetBool(item, "free_busy_shared", true);
  user.admin = GetBool(item, "admin");
  if (user.provider == "microsoft" && user.tenant.empty()) {
    for (const auto& [id, tenant] : core.state.tenants) {
      if (tenant.domain == user.domain) user.tenant = id;
    }
    if (user.tenant.empty()) return Invalid(field + ".tenant", "microsoft users need a tenant (or a tenant domain)");
  }
  if (user.provider == "zoom" && user.zoom_account.empty()) user.zoom_account = "sandbox-zoom-account";
  if (user.provider == "zoom" && !core.state.zoom_accounts.count(user.zoom_account)) {
    ZoomAccount account;
    account.id = user.zoom_account;
    core.state.zoom_accounts[account.id] = account;
  }
  if (const json* hours = GetMember(item, "working_hours"); hours && hours->is_object()) {
    user.working_hours.start = GetString(*hours, "start", "09:00");
    user.working_hours.end = GetString(*hours, "end", "17:00");
    if (!ParseClockTime(user.working_hours.start) || !ParseClockTime(user.working_hours.end))
      return Invalid(field + ".working_hours", "start/end must be HH:MM");
    if (const json* days = GetMember(*hours, "days"); days && days->is_array()) {
      user.working_hours.days.clear();
      for (const auto& day : *days) {
        if (!day.is_number_integer() || day.get<int>() < 0 || day.get<int>() > 6)
          return Invalid(field + ".working_hours.days", "days are 0 (Sunday) .. 6");
        user.working_hours.days.push_back(day.get<int>());
      }
    }
  }
  for (auto& existing : core.state.users) {
    if (existing.provider == user.provider && existing.email == user.email) {
      existing = user;
      return true;
    }
  }
  core.state.users.push_back(user);
  return true;
}

Result<bool> SeedEvent(SandboxCore& core, const json& item, const std::string& field) {
  CalendarEvent event;
  event.provider = GetString(item, "provider");
  event.calendar = GetString(item, "calendar");
  if (event.provider != "google" && event.provider != "microsoft")
    return Invalid(field + ".provider", "events are google or microsoft");
  if (!KnownCalendar(core, event.provider, event.calendar))
    return Invalid(field + ".calendar", "unknown calendar " + event.calendar);
  const TimeZone* zone = core.zones.Find(CalendarZone(core, event.provider, event.calendar));
  if (!zone) zone = core.zones.Find("UTC");
  std::string all_day_date = GetString(item, "date");
  std::optional<Instant> start, end;
  if (!all_day_date.empty()) {
    auto date = ParseIsoDate(all_day_date);
    if (!date) return Invalid(field + ".date", "date must be YYYY-MM-DD");
    std::int64_t days = DaysFromCivil(*date);
    start = zone->FromLocal(LocalDateTime{*date, 0});
    end = zone->FromLocal(LocalDateTime{CivilFromDays(days + 1), 0});
  } else {
    start = ParseRfc3339(GetString(item, "start"));
    end = ParseRfc3339(GetString(item, "end"));
  }
  if (!start || !end || *end <= *start) return Invalid(field + ".start", "start/end must be RFC 3339, end after start");
  event.start = *start;
  event.end = *end;
  event.origin = "seed";
  std::string title = GetString(item, "summary", GetString(item, "subject", "Busy"));
  std::string show_as = GetString(item, "show_as", "busy");
  bool is_private = GetBool(item, "private");
  const User* owner = core.FindUser(event.provider, event.calendar);
  std::string owner_name = owner ? owner->name : event.calendar;
  json attendees = json::array();
  if (const json* list = GetMember(item, "attendees"); list && list->is_array()) {
    for (const auto& email : *list) {
      if (!email.is_string()) continue;
      if (event.provider == "google") attendees.push_back({{"email", email}, {"responseStatus", "accepted"}});
      else
        attendees.push_back({{"emailAddress", {{"address", email}}}, {"type", "required"},
                             {"status", {{"response", "accepted"}, {"time", FormatRfc3339(event.start)}}}});
    }
  }
  if (event.provider == "google") {
    event.id = GetString(item, "id", "seed" + RandomHex(8));
    json r = {{"summary", title}, {"attendees", attendees}};
    if (!all_day_date.empty()) {
      r["start"] = {{"date", all_day_date}};
      r["end"] = {{"date", FormatLocalDate(event.end, *zone)}};
    } else {
      r["start"] = {{"dateTime", FormatWithOffset(event.start, *zone)}, {"timeZone", zone->name()}};
      r["end"] = {{"dateTime", FormatWithOffset(event.end, *zone)}, {"timeZone", zone->name()}};
    }
    if (show_as == "free") r["transparency"] = "transparent";
    if (show_as == "tentative") r["status"] = "tentative";
    if (show_as == "oof") r["eventType"] = "outOfOffice";
    if (show_as == "focus") r["eventType"] = "focusTime";
    if (is_private) r["visibility"] = "private";
    if (const json* location = GetMember(item, "location"); location && location->is_string()) r["location"] = *location;
    event.resource = r;
    event.id = GetString(item, "id", event.id);
    core.TouchEvent(event);
    FinishGoogleResource(event, core.Now(), owner_name);
    DeriveGoogleFields(event);
  } else {
    event.id = GetString(item, "id", "AAMkAGI2" + RandomId(24));
    std::string zone_name = "UTC";
    const TimeZone* utc = core.zones.Find("UTC");
    json r = {{"subject", title},
              {"start", {{"dateTime", FormatGraphDateTime(event.start, *utc)}, {"timeZone", zone_name}}},
              {"end", {{"dateTime", FormatGraphDateTime(event.end, *utc)}, {"timeZone", zone_name}}},
              {"showAs", show_as == "focus" ? "busy" : show_as},
              {"isAllDay", !all_day_date.empty()},
              {"sensitivity", is_private ? "private" : "normal"},
              {"attendees", attendees}};
    if (const json* location = GetMember(item, "location"); location && location->is_string())
      r["location"] = {{"displayName", *location}};
    event.resource = r;
    core.TouchEvent(event);
    FinishGraphResource(event, core.Now(), owner_name);
    DeriveGraphFields(event);
  }
  core.state.events[SandboxCore::EventKey(event.provider, event.calendar, event.id)] = event;
  return true;
}

Result<bool> SeedArray(const json& seed, const char* key, const std::function<Result<bool>(const json&, const std::string&)>& each) {
  const json* list = GetMember(seed, key);
  if (!list) return true;
  if (!list->is_array()) return Invalid(key, std::string(key) + " must be an array");
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) return Invalid(field, "must be an object");
    auto result = each((*list)[i], field);
    if (!result) return result;
  }
  return true;
}

// A meeting already in a Zoom user's account ({host, start_time, duration?, topic?, type?, agenda?}), listed and read
// through the Zoom routes like one made with POST /users/me/meetings.
Result<bool> SeedZoomMeeting(SandboxCore& core, const json& item, const std::string& field) {
  const User* host = core.FindUser("zoom", GetString(item, "host"));
  if (!host) return Invalid(field + ".host", "host must be a seeded Zoom user");
  const std::optional<Instant> start = ParseRfc3339(GetString(item, "start_time"));
  if (!start) return Invalid(field + ".start_time", "start_time must be an RFC 3339 instant");
  const std::int64_t duration = GetInt(item, "duration", 60);
  if (duration <= 0) return Invalid(field + ".duration", "duration must be a positive number of minutes");
  const std::int64_t type = GetInt(item, "type", 2);
  if (type != 1 && type != 2 && type != 3 && type != 8) return Invalid(field + ".type", "type is 1, 2, 3 or 8");
  ZoomMeeting meeting;
  meeting.id = std::stoll(RandomDigits(11));
  while (core.state.zoom_meetings.count(meeting.id)) ++meeting.id;
  meeting.host_email = host->email;
  meeting.seeded = true;
  const std::string id_text = std::to_string(meeting.id);
  meeting.resource = {{"uuid", RandomId(16) + "=="}, {"id", meeting.id}, {"host_id", host->id},
                      {"host_email", host->email}, {"topic", GetString(item, "topic", "Zoom meeting")},
                      {"type", type}, {"start_time", FormatRfc3339(*start)}, {"duration", duration},
                      {"timezone", host->time_zone}, {"created_at", FormatRfc3339(core.Now())},
                      {"status", "waiting"}, {"join_url", "https://zoom.us/j/" + id_text},
                      {"start_url", "https://zoom.us/s/" + id_text + "?zak=" + RandomId(24)}};
  if (const std::string agenda = GetString(item, "agenda"); !agenda.empty()) meeting.resource["agenda"] = agenda;
  core.state.zoom_meetings[meeting.id] = meeting;
  return true;
}

}  // namespace

Result<bool> ApplySeedLocked(SandboxCore& core, const json& seed) {
  if (!seed.is_object()) return Invalid("", "the seed must be a JSON object");
  auto step = SeedArray(seed, "tenants", [&core](const json& item, const std::string& field) -> Result<bool> {
    Tenant tenant;
    tenant.id = GetString(item, "id");
    tenant.domain = GetString(item, "domain");
    if (tenant.id.empty()) return Invalid(field + ".id", "tenant id required");
    tenant.name = GetString(item, "name", tenant.domain);
    tenant.admin_consent_required = GetBool(item, "admin_consent_required");
    tenant.rotate_refresh_strict = GetBool(item, "rotate_refresh_strict");
    tenant.app_roles = DefaultAppRoles();
    if (const json* roles = GetMember(item, "app_roles")) {
      if (!roles->is_array()) return Invalid(field + ".app_roles", "app_roles must be an array of permission names");
      tenant.app_roles.clear();
      for (const json& role : *roles) {
        if (!role.is_string()) return Invalid(field + ".app_roles", "app_roles must be an array of permission names");
        tenant.app_roles.insert(role.get<std::string>());
      }
    }
    core.state.tenants[tenant.id] = tenant;
    return true;
  });
  if (!step) return step;
  step = SeedArray(seed, "zoom_accounts", [&core](const json& item, const std::string& field) -> Result<bool> {
    ZoomAccount account;
    account.id = GetString(item, "id");
    if (account.id.empty()) return Invalid(field + ".id", "account id required");
    account.personal = GetBool(item, "personal");
    if (const json* settings = GetMember(item, "settings"); settings && settings->is_object()) account.settings = *settings;
    if (const json* locks = GetMember(item, "locks"); locks && locks->is_object()) account.locks = *locks;
    core.state.zoom_accounts[account.id] = account;
    return true;
  });
  if (!step) return step;
  step = SeedArray(seed, "users", [&core](const json& item, const std::string& field) {
    return SeedUser(core, item, field);
  });
  if (!step) return step;
  step = SeedArray(seed, "rooms", [&core](const json& item, const std::string& field) -> Result<bool> {
    Room room;
    room.provider = GetString(item, "provider");
    room.email = GetString(item, "email");
    if (room.provider != "google" && room.provider != "microsoft")
      return Invalid(field + ".provider", "rooms are google or microsoft");
    if (room.email.empty()) return Invalid(field + ".email", "email required");
    room.name = GetString(item, "name", room.email);
    room.capacity = static_cast<int>(GetInt(item, "capacity", 0));
    room.building = GetString(item, "building");
    room.floor = static_cast<int>(GetInt(item, "floor", 0));
    room.time_zone = GetString(item, "time_zone", "UTC");
    room.room_list = GetString(item, "room_list");
    // The organisation owning the room: Google resource calendars live under resource.calendar.google.com, so the
    // seed names their Workspace domain (`domain`); by default the address's own domain.
    room.domain = GetString(item, "domain", DomainOf(room.email));
    if (const json* features = GetMember(item, "features")) {
      if (!features->is_array()) return Invalid(field + ".features", "features must be an array of names");
      for (const json& feature : *features) {
        if (!feature.is_string()) return Invalid(field + ".features", "features must be an array of names");
        room.features.push_back(feature.get<std::string>());
      }
    }
    if (!core.zones.Find(room.time_zone)) return Invalid(field + ".time_zone", "unknown IANA zone");
    // Seeding a room again replaces it (same provider and address).
    std::erase_if(core.state.rooms, [&room](const Room& known) {
      return known.provider == room.provider && known.email == room.email;
    });
    core.state.rooms.push_back(room);
    return true;
  });
  if (!step) return step;
  step = SeedArray(seed, "events", [&core](const json& item, const std::string& field) {
    return SeedEvent(core, item, field);
  });
  if (!step) return step;
  step = SeedArray(seed, "zoom_meetings", [&core](const json& item, const std::string& field) {
    return SeedZoomMeeting(core, item, field);
  });
  if (!step) return step;
  step = SeedArray(seed, "teams", [&core](const json& item, const std::string& field) -> Result<bool> {
    Team team;
    team.id = GetString(item, "id", NewGuid());
    team.name = GetString(item, "name", "Team");
    team.tenant = GetString(item, "tenant");
    if (const json* channels = GetMember(item, "channels"); channels && channels->is_array()) {
      for (const auto& channel : *channels) {
        TeamsChannel parsed;
        parsed.id = GetString(channel, "id", "19:" + RandomHex(16) + "@thread.tacv2");
        parsed.name = GetString(channel, "name", "General");
        parsed.membership_type = GetString(channel, "membership_type", "standard");
        if (parsed.membership_type != "standard" && parsed.membership_type != "private")
          return Invalid(field + ".channels", "membership_type is standard or private");
        if (const json* members = GetMember(channel, "members"); members && members->is_array()) {
          for (const auto& member : *members) {
            if (member.is_string()) parsed.members.push_back(member.get<std::string>());
          }
        }
        team.channels.push_back(parsed);
      }
    }
    core.state.teams.push_back(team);
    return true;
  });
  if (!step) return step;
  step = SeedArray(seed, "service_accounts", [&core](const json& item, const std::string& field) -> Result<bool> {
    // Seeding an account again with the same key adds its domain: another Workspace authorised the same account.
    // Without public_key_pem, an account already seeded keeps its key: the item only (re)states what `domain`'s
    // administrator authorised it for (`scopes`).
    ServiceAccount account;
    account.client_email = GetString(item, "client_email");
    account.public_key_pem = GetString(item, "public_key_pem");
    const std::string domain = GetString(item, "domain");
    if (auto known = core.state.service_accounts.find(account.client_email);
        account.public_key_pem.empty() && known != core.state.service_accounts.end()) {
      account.public_key_pem = known->second.public_key_pem;
    }
    if (account.client_email.empty() || account.public_key_pem.empty() || domain.empty())
      return Invalid(field, "client_email, public_key_pem and domain are required");
    auto existing = core.state.service_accounts.find(account.client_email);
    if (existing != core.state.service_accounts.end() && existing->second.public_key_pem == account.public_key_pem) {
      account.domains = existing->second.domains;
    }
    if (existing != core.state.service_accounts.end() && existing->second.public_key_pem == account.public_key_pem) {
      account.scopes = existing->second.scopes;
    }
    if (std::find(account.domains.begin(), account.domains.end(), domain) == account.domains.end()) {
      account.domains.push_back(domain);
    }
    account.scopes.erase(domain);
    if (const json* scopes = GetMember(item, "scopes")) {
      if (!scopes->is_array()) return Invalid(field + ".scopes", "scopes must be an array of scope URLs");
      std::set<std::string>& authorised = account.scopes[domain];
      for (const json& scope : *scopes) {
        if (!scope.is_string()) return Invalid(field + ".scopes", "scopes must be an array of scope URLs");
        authorised.insert(scope.get<std::string>());
      }
    }
    core.state.service_accounts[account.client_email] = account;
    return true;
  });
  if (!step) return step;
  if (const json* webhook = GetMember(seed, "zoom_webhook"); webhook && webhook->is_object()) {
    core.state.zoom_webhook = ZoomWebhook{GetString(*webhook, "url"), GetString(*webhook, "secret")};
  }
  return true;
}

}  // namespace slotwise::sandbox
