// admin_routes.cpp — the sandbox's own JSON admin API under /sandbox/ (docs/SANDBOX.md "Admin API"): reset, clients,
// seed, tokens, faults, request log, objects, external changes, clock, directory.
#include "sandbox/calendar_events.h"
#include "sandbox/faults.h"
#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"
#include "sandbox/routes.h"
#include "slotwise/ascii.h"
#include "slotwise/json_input.h"

namespace slotwise::sandbox {

namespace {

void Bad(httplib::Response& res, const std::string& code, const std::string& message, const std::string& field = "") {
  SendJson(res, 400, {{"error", {{"code", code}, {"message", message}, {"field", field}}}});
}

json EventSummary(const CalendarEvent& event) {
  json out = {{"type", event.provider == "google" ? "google_event" : "graph_event"}, {"id", event.id},
              {"owner", event.calendar}, {"start", FormatRfc3339(event.start)}, {"end", FormatRfc3339(event.end)},
              {"status", event.deleted ? "deleted" : "live"}, {"origin", event.origin},
              {"attendees", event.attendee_emails}, {"show_as", event.show_as}};
  const json& r = event.resource;
  out["title"] = GetString(r, event.provider == "google" ? "summary" : "subject");
  if (event.provider == "google") {
    out["meet_link"] = GetString(r, "hangoutLink");
    out["description"] = GetString(r, "description");
  } else {
    const json* body = GetMember(r, "body");
    out["description"] = body && body->is_object() ? GetString(*body, "content") : "";
    const json* meeting = GetMember(r, "onlineMeeting");
    out["join_url"] = meeting && meeting->is_object() ? GetString(*meeting, "joinUrl") : "";
    out["transaction_id"] = GetString(r, "transactionId");
  }
  return out;
}

void Objects(SandboxCore& core, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  json objects = json::array();
  for (const auto& [key, event] : core.state.events) {
    if (event.origin != "seed") objects.push_back(EventSummary(event));
  }
  for (const auto& [id, meeting] : core.state.zoom_meetings) {
    if (meeting.seeded) continue;
    objects.push_back({{"type", "zoom_meeting"}, {"id", id}, {"owner", meeting.host_email},
                       {"topic", meeting.resource.value("topic", "")}, {"join_url", meeting.resource.value("join_url", "")},
                       {"password", meeting.resource.value("password", "")}, {"settings", meeting.resource.value("settings", json::object())},
                       {"status", meeting.deleted ? "deleted" : "live"}});
  }
  for (const auto& [id, meeting] : core.state.goto_meetings) {
    objects.push_back({{"type", "goto_meeting"}, {"id", id}, {"owner", meeting.organizer_email},
                       {"subject", meeting.resource.value("subject", "")}, {"join_url", meeting.resource.value("joinURL", "")},
                       {"status", meeting.deleted ? "deleted" : "live"}});
  }
  for (const auto& logged : core.state.logged_objects) {
    objects.push_back({{"type", logged.kind}, {"id", logged.id}, {"owner", logged.owner}, {"fields", logged.fields},
                       {"at", FormatRfc3339(logged.at)}, {"status", "live"}});
  }
  SendJson(res, 200, {{"objects", objects}});
}

void Requests(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  std::string provider = Query(req, "provider");
  json entries = json::array();
  for (const auto& entry : core.state.request_log) {
    if (!provider.empty() && entry.provider != provider) continue;
    json item = {{"provider", entry.provider}, {"method", entry.method}, {"path", entry.path}, {"query", entry.query},
                 {"status", entry.status}, {"user", entry.user}, {"at", FormatRfc3339(entry.at)}};
    if (!entry.grant_type.empty()) item["grant_type"] = entry.grant_type;
    item["token_org"] = entry.token_org;
    item["data_orgs"] = entry.data_orgs;
    entries.push_back(item);
  }
  SendJson(res, 200, {{"requests", entries}});
}

// The attendee of `event` with `email` (compared case-insensitively) in the provider's own shape; nullptr when none.
json* FindAttendee(CalendarEvent& event, const std::string& email) {
  if (!event.resource.contains("attendees") || !event.resource["attendees"].is_array()) return nullptr;
  for (json& attendee : event.resource["attendees"]) {
    const json* address = event.provider == "google" ? &attendee : GetMember(attendee, "emailAddress");
    const std::string key = event.provider == "google" ? "email" : "address";
    if (address && AsciiLower(GetString(*address, key)) == AsciiLower(email)) return &attendee;
  }
  return nullptr;
}

// An organiser's edit of the guest list: remove_attendee / add_attendee / decline (each one e-mail, optional).
// Answers "" or the field of the edit that does not apply (then `event` is half edited: edit a copy).
std::string EditAttendees(CalendarEvent& event, const json& body) {
  if (!event.resource.contains("attendees") || !event.resource["attendees"].is_array()) {
    event.resource["attendees"] = json::array();
  }
  json& attendees = event.resource["attendees"];
  if (const std::string gone = GetString(body, "remove_attendee"); !gone.empty()) {
    json* found = FindAttendee(event, gone);
    if (!found) return "remove_attendee";
    attendees.erase(attendees.begin() + (found - &attendees[0]));
  }
  if (const std::string added = GetString(body, "add_attendee"); !added.empty()) {
    if (FindAttendee(event, added)) return "add_attendee";
    if (event.provider == "google") {
      attendees.push_back({{"email", added}, {"responseStatus", "needsAction"}});
    } else {
      attendees.push_back({{"emailAddress", {{"address", added}, {"name", ""}}}, {"type", "required"},
                           {"status", {{"response", "none"}, {"time", "0001-01-01T00:00:00Z"}}}});
    }
  }
  if (const std::string declined = GetString(body, "decline"); !declined.empty()) {
    json* found = FindAttendee(event, declined);
    if (!found) return "decline";
    if (event.provider == "google") (*found)["responseStatus"] = "declined";
    else (*found)["status"] = {{"response", "declined"}, {"time", "0001-01-01T00:00:00Z"}};
  }
  if (event.provider == "google") DeriveGoogleFields(event);
  else DeriveGraphFields(event);
  return "";
}

void ExternalChange(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  auto body = ParseJsonObject(req.body);
  if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
  std::lock_guard<std::mutex> lock(core.mutex);
  std::string provider = GetString(*body, "provider");
  std::string calendar = GetString(*body, "calendar");
  std::string event_id = GetString(*body, "event_id");
  auto it = core.state.events.find(SandboxCore::EventKey(provider, calendar, event_id));
  if (it == core.state.events.end()) return Bad(res, "unknown_event", "no such event", "event_id");
  CalendarEvent& event = it->second;
  std::string action = GetString(*body, "action", "update");
  if (action == "delete") {
    event.deleted = true;
    if (provider == "google") event.resource["status"] = "cancelled";
  } else {
    auto start = ParseRfc3339(GetString(*body, "start", FormatRfc3339(event.start)));
    auto end = ParseRfc3339(GetString(*body, "end", FormatRfc3339(event.end)));
    if (!start || !end || *end <= *start) return Bad(res, "invalid_time", "start/end must be RFC 3339, end after start", "start");
    CalendarEvent edited = event;  // nothing changes when an edit is refused
    if (const std::string field = EditAttendees(edited, *body); !field.empty()) {
      return Bad(res, "unknown_attendee", field == "add_attendee" ? "that attendee is already invited"
                                                                  : "no attendee with that e-mail on the event",
                 field);
    }
    event = std::move(edited);
    event.start = *start;
    event.end = *end;
    const TimeZone* utc = core.zones.Find("UTC");
    std::string title = GetString(*body, "title");
    if (provider == "google") {
      event.resource["start"] = {{"dateTime", FormatRfc3339(*start)}};
      event.resource["end"] = {{"dateTime", FormatRfc3339(*end)}};
      if (!title.empty()) event.resource["summary"] = title;
      event.resource["sequence"] = GetInt(event.resource, "sequence") + 1;
    } else {
      event.resource["start"] = {{"dateTime", FormatGraphDateTime(*start, *utc)}, {"timeZone", "UTC"}};
      event.resource["end"] = {{"dateTime", FormatGraphDateTime(*end, *utc)}, {"timeZone", "UTC"}};
      if (!title.empty()) event.resource["subject"] = title;
    }
  }
  event.origin = event.origin == "seed" ? "seed" : "external";
  core.TouchEvent(event);
  if (provider == "google") event.resource["updated"] = FormatRfc3339(core.Now());
  // "notify": false changes the event without telling any watcher: a notification the provider lost.
  if (!GetBool(*body, "notify", true)) {
  } else if (provider == "google") {
    NotifyGoogleChannels(core, event.calendar);
  } else {
    NotifyGraphSubscriptions(core, event, action == "delete" ? "deleted" : "updated");
  }
  SendJson(res, 200, EventSummary(event));
}

void Directory(SandboxCore& core, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  json users = json::array(), rooms = json::array(), tenants = json::array(), zoom = json::array(), teams = json::array();
  for (const auto& user : core.state.users) {
    users.push_back({{"provider", user.provider}, {"id", user.id}, {"email", user.email}, {"name", user.name},
                     {"time_zone", user.time_zone}, {"tenant", user.tenant}, {"zoom_account", user.zoom_account},
                     {"working_hours", {{"days", user.working_hours.days}, {"start", user.working_hours.start},
                                        {"end", user.working_hours.end}}}});
  }
  for (const auto& room : core.state.rooms) {
    rooms.push_back({{"provider", room.provider}, {"email", room.email}, {"name", room.name},
                     {"capacity", room.capacity}, {"time_zone", room.time_zone}, {"building", room.building},
                     {"features", room.features}});
  }
  for (const auto& [id, tenant] : core.state.tenants) {
    tenants.push_back({{"id", id}, {"domain", tenant.domain}, {"admin_consent_required", tenant.admin_consent_required}});
  }
  for (const auto& [id, account] : core.state.zoom_accounts) {
    zoom.push_back({{"id", id}, {"personal", account.personal}, {"settings", account.settings}, {"locks", account.locks}});
  }
  for (const auto& team : core.state.teams) {
    json channels = json::array();
    for (const auto& channel : team.channels)
      channels.push_back({{"id", channel.id}, {"name", channel.name}, {"membership_type", channel.membership_type}});
    teams.push_back({{"id", team.id}, {"name", team.name}, {"channels", channels}});
  }
  std::size_t events = 0;
  for (const auto& [key, event] : core.state.events) events += event.deleted ? 0 : 1;
  SendJson(res, 200, {{"users", users}, {"rooms", rooms}, {"tenants", tenants}, {"zoom_accounts", zoom},
                      {"teams", teams}, {"event_count", events}});
}

}  // namespace

void MountAdminRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  AddRoute(server, core, "POST", "/sandbox/reset", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body.empty() ? "{}" : req.body);
    if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
    std::lock_guard<std::mutex> lock(core.mutex);
    core.ResetLocked(GetBool(*body, "seed_demo_org", core.options.seed_demo_org));
    core.notifier.ClearDelivered();
    SendJson(res, 200, {{"ok", true}});
  });
  AddRoute(server, core, "POST", "/sandbox/clients", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
    std::string provider = GetString(*body, "provider"), id = GetString(*body, "client_id");
    if (provider != "google" && provider != "microsoft" && provider != "zoom" && provider != "goto" &&
        provider != "botframework")
      return Bad(res, "invalid_client", "provider must be google, microsoft, zoom, goto or botframework", "provider");
    if (id.empty()) return Bad(res, "invalid_client", "client_id required", "client_id");
    std::lock_guard<std::mutex> lock(core.mutex);
    Client& client = core.state.clients[id];
    client.provider = provider;
    client.id = id;
    if (std::string secret = GetString(*body, "client_secret"); !secret.empty()) client.secret = secret;
    if (const json* uris = GetMember(*body, "redirect_uris"); uris && uris->is_array()) {
      for (const auto& uri : *uris) {
        if (uri.is_string() && std::find(client.redirect_uris.begin(), client.redirect_uris.end(), uri.get<std::string>()) ==
                                   client.redirect_uris.end())
          client.redirect_uris.push_back(uri.get<std::string>());
      }
    }
    SendJson(res, 200, {{"provider", provider}, {"client_id", id}, {"redirect_uris", client.redirect_uris}});
  });
  AddRoute(server, core, "POST", "/sandbox/seed", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
    std::lock_guard<std::mutex> lock(core.mutex);
    auto result = ApplySeedLocked(core, *body);
    if (!result) return Bad(res, result.error().code, result.error().message, result.error().field);
    SendJson(res, 200, {{"ok", true}});
  });
  // A user's free/busy sharing with colleagues (sandbox_state.h, User::free_busy_shared).
  AddRoute(server, core, "POST", "/sandbox/free_busy_sharing", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
    const std::string provider = GetString(*body, "provider"), user_name = GetString(*body, "user");
    if (provider != "google" && provider != "microsoft")
      return Bad(res, "invalid_provider", "provider must be google or microsoft", "provider");
    const json* shared = GetMember(*body, "shared");
    if (shared == nullptr || !shared->is_boolean()) return Bad(res, "invalid_shared", "shared must be true or false", "shared");
    std::lock_guard<std::mutex> lock(core.mutex);
    User* user = core.FindUserMutable(provider, user_name);
    if (!user) return Bad(res, "unknown_user", "no " + provider + " user " + user_name, "user");
    user->free_busy_shared = shared->get<bool>();
    SendJson(res, 200, {{"provider", provider}, {"user", user->email}, {"shared", user->free_busy_shared}});
  });
  AddRoute(server, core, "POST", "/sandbox/tokens", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
    std::string provider = GetString(*body, "provider"), user_name = GetString(*body, "user");
    std::lock_guard<std::mutex> lock(core.mutex);
    const User* user = core.FindUser(provider, user_name);
    if (!user) return Bad(res, "unknown_user", "no " + provider + " user " + user_name, "user");
    std::string scope;
    if (const json* scopes = GetMember(*body, "scopes"); scopes && scopes->is_array()) {
      for (const auto& item : *scopes) {
        if (item.is_string()) scope += (scope.empty() ? "" : " ") + item.get<std::string>();
      }
    }
    if (scope.empty()) scope = DefaultMintScopes(provider);
    std::string client_id = provider == "google" ? std::string(kGoogleClientId)
                             : provider == "microsoft" ? std::string(kMicrosoftClientId)
                             : provider == "zoom" ? std::string(kZoomClientId) : std::string(kGoToClientId);
    auto [access, refresh] = core.MintLocked(provider, client_id, user->email, user->tenant, scope, true, false);
    SendJson(res, 200, {{"access_token", access}, {"refresh_token", refresh},
                        {"expires_in", core.options.access_token_ttl_seconds}, {"scope", scope}});
  });
  AddRoute(server, core, "POST", "/sandbox/faults", [&core](Req req, Res res) {
    auto parsed = slotwise::ParseJson(req.body);
    if (parsed.is_discarded()) return Bad(res, "invalid_json", "the body must be JSON");
    std::lock_guard<std::mutex> lock(core.mutex);
    json results = json::array();
    for (const auto& fault : parsed.is_array() ? parsed : json::array({parsed})) {
      auto result = AddFaultLocked(core, fault);
      if (!result) return Bad(res, result.error().code, result.error().message, result.error().field);
      results.push_back(result.value());
    }
    SendJson(res, 200, {{"ok", true}, {"applied", results}});
  });
  AddRoute(server, core, "GET", "/sandbox/faults", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    json faults = json::array();
    for (const auto& fault : core.state.faults) {
      faults.push_back({{"provider", fault.provider}, {"method", fault.method}, {"path_prefix", fault.path_prefix},
                        {"status", fault.status}, {"retry_after", fault.retry_after}, {"times", fault.times},
                        {"delay_ms", fault.delay_ms}});
    }
    SendJson(res, 200, {{"faults", faults}, {"meet_pending", core.state.meet_pending},
                        {"meet_failure", core.state.meet_failure},
                        {"teams_meeting_failure", core.state.teams_meeting_failure}});
  });
  AddRoute(server, core, "DELETE", "/sandbox/faults", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    core.state.faults.clear();
    core.state.meet_pending = 0;
    core.state.meet_failure = 0;
    core.state.teams_meeting_failure = 0;
    res.status = 204;
  });
  AddRoute(server, core, "GET", "/sandbox/requests", [&core](Req req, Res res) { Requests(core, req, res); });
  AddRoute(server, core, "DELETE", "/sandbox/requests", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    core.state.request_log.clear();
    res.status = 204;
  });
  AddRoute(server, core, "GET", "/sandbox/objects", [&core](Req, Res res) { Objects(core, res); });
  AddRoute(server, core, "POST", "/sandbox/external_change", [&core](Req req, Res res) { ExternalChange(core, req, res); });
  AddRoute(server, core, "GET", "/sandbox/directory", [&core](Req, Res res) { Directory(core, res); });
  // An administrator deletes a room from the organisation's directory (its calendar's events stay, as Google and
  // Microsoft keep them): {"provider", "email"}. 404 when there is no such room.
  AddRoute(server, core, "POST", "/sandbox/rooms/delete", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body) return SendJson(res, 400, {{"error", "a JSON object {provider, email} is required"}});
    std::lock_guard<std::mutex> lock(core.mutex);
    const std::string provider = GetString(*body, "provider"), email = AsciiLower(GetString(*body, "email"));
    const std::size_t removed = std::erase_if(core.state.rooms, [&](const Room& room) {
      return room.provider == provider && AsciiLower(room.email) == email;
    });
    if (removed == 0) return SendJson(res, 404, {{"error", "no " + provider + " room " + email}});
    SendJson(res, 200, {{"deleted", email}});
  });
  AddRoute(server, core, "POST", "/sandbox/clock", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    std::int64_t seconds = body ? GetInt(*body, "advance_seconds", -1) : -1;
    if (seconds < 0) return Bad(res, "invalid_clock", "advance_seconds must be >= 0", "advance_seconds");
    std::lock_guard<std::mutex> lock(core.mutex);
    core.clock_offset += seconds;
    SendJson(res, 200, {{"now", FormatRfc3339(core.Now())}});
  });
  AddRoute(server, core, "GET", "/sandbox/deliveries", [&core](Req req, Res res) {
    bool wait = Query(req, "wait") == "1";
    if (wait) core.notifier.WaitIdle(std::chrono::milliseconds(3000));
    json out = json::array();
    for (const auto& delivery : core.notifier.Delivered()) {
      out.push_back({{"url", delivery.url}, {"kind", delivery.kind}, {"status", delivery.status}, {"error", delivery.error}});
    }
    SendJson(res, 200, {{"deliveries", out}});
  });
  // The watches the providers hold: Google channels and Graph subscriptions, with expiry and renewal counts.
  AddRoute(server, core, "GET", "/sandbox/watches", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    const std::int64_t now = core.Now();
    json channels = json::array(), subscriptions = json::array();
    for (const auto& channel : core.state.channels) {
      channels.push_back({{"id", channel.id}, {"calendar", channel.calendar}, {"stopped", channel.stopped},
                          {"expires_at", channel.expiration_ms / 1000}, {"live", !channel.stopped &&
                                                                                     channel.expiration_ms / 1000 > now}});
    }
    for (const auto& subscription : core.state.subscriptions) {
      subscriptions.push_back({{"id", subscription.id}, {"user", subscription.user_email},
                               {"expires_at", subscription.expires_at}, {"renewals", subscription.renewals},
                               {"live", subscription.expires_at > now}});
    }
    SendJson(res, 200, {{"channels", channels}, {"subscriptions", subscriptions}, {"now", now}});
  });
  AddRoute(server, core, "POST", "/sandbox/drop_subscription", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    std::lock_guard<std::mutex> lock(core.mutex);
    if (!body || !DropGraphSubscription(core, GetString(*body, "id"))) {
      return Bad(res, "unknown_subscription", "no such subscription", "id");
    }
    SendJson(res, 200, {{"ok", true}});
  });
  AddRoute(server, core, "POST", "/sandbox/zoom_webhook", [&core](Req req, Res res) {
    auto body = ParseJsonObject(req.body);
    if (!body || GetString(*body, "url").empty() || GetString(*body, "secret").empty())
      return Bad(res, "invalid_webhook", "url and secret are required", "url");
    std::lock_guard<std::mutex> lock(core.mutex);
    core.state.zoom_webhook = ZoomWebhook{GetString(*body, "url"), GetString(*body, "secret")};
    SendJson(res, 200, {{"ok", true}});
  });
}

}  // namespace slotwise::sandbox
