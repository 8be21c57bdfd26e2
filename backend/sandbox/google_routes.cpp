// google_routes.cpp — Google Calendar API v3 under /google/calendar/v3: freeBusy, events insert/get/patch/update/
// delete/list (sync tokens), Meet links via conferenceData, watch channels.
#include <algorithm>

#include "sandbox/calendar_events.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/ascii.h"

namespace slotwise::sandbox {

namespace {

constexpr std::size_t kMaxFreeBusyCalendars = 50;
constexpr Duration kMaxFreeBusyRange = 90 * kSecondsPerDay;  // unconfirmed limit (docs/PROVIDERS.md: about 90 days)
const std::string kBase = "/google/calendar/v3";

bool HasAnyScope(const AccessToken& token, std::initializer_list<const char*> scopes) {
  for (const char* scope : scopes) {
    if (token.scopes.count(std::string("https://www.googleapis.com/auth/") + scope)) return true;
  }
  return false;
}

bool CanRead(const AccessToken& token) {
  return HasAnyScope(token, {"calendar", "calendar.readonly", "calendar.events", "calendar.events.readonly",
                             "calendar.freebusy", "calendar.events.freebusy"});
}
bool CanWrite(const AccessToken& token) { return HasAnyScope(token, {"calendar", "calendar.events"}); }

void InsufficientScopes(httplib::Response& res) {
  GoogleError(res, 403, "insufficientPermissions", "Insufficient Permission: Request had insufficient authentication scopes.");
}

// Authenticates and resolves the calendar id of the path ("primary" = the token's user). Answers and returns
// nullopt on failure.
std::optional<std::pair<AccessToken, std::string>> Authorize(SandboxCore& core, const httplib::Request& req,
                                                             httplib::Response& res, bool write) {
  auto token = ResolveBearer(core, req, "google");
  if (!token) {
    GoogleUnauthorized(res);
    return std::nullopt;
  }
  if (write ? !CanWrite(*token) : !CanRead(*token)) {
    InsufficientScopes(res);
    return std::nullopt;
  }
  std::string calendar = req.matches.size() > 1 ? req.matches[1].str() : "";
  if (auto decoded = net::PercentDecode(calendar)) calendar = *decoded;
  if (calendar == "primary") calendar = token->user_email;
  if (AsciiLower(calendar) != AsciiLower(token->user_email)) {
    GoogleError(res, 404, "notFound", "Not Found");
    return std::nullopt;
  }
  return std::make_pair(*token, token->user_email);
}

bool ValidEventId(const std::string& id) {
  if (id.size() < 5 || id.size() > 1024) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'v') || (c >= '0' && c <= '9'); });
}

std::string MeetCode() {
  std::string raw = RandomHex(10);
  std::string letters;
  for (char c : raw) letters += static_cast<char>('a' + (c % 26));
  return letters.substr(0, 3) + "-" + letters.substr(3, 4) + "-" + letters.substr(7, 3);
}

void CompleteMeet(json& resource) {
  json& conference = resource["conferenceData"];
  std::string code = MeetCode();
  std::string uri = "https://meet.google.com/" + code;
  conference["createRequest"]["status"] = {{"statusCode", "success"}};
  const std::string pin = RandomDigits(9);
  conference["entryPoints"] = json::array({{{"entryPointType", "video"}, {"uri", uri}, {"label", "meet.google.com/" + code}},
                                           {{"entryPointType", "phone"}, {"uri", "tel:+49-30-5679-5800"},
                                            {"label", "+49 30 5679 5800"}, {"pin", pin}, {"regionCode", "DE"}}});
  conference["conferenceSolution"] = {{"key", {{"type", "hangoutsMeet"}}},
                                      {"name", "Google Meet"},
                                      {"iconUri", "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png"}};
  conference["conferenceId"] = code;
  resource["hangoutLink"] = uri;
}

// Applies conferenceData.createRequest when conferenceDataVersion=1; returns false (and answers 400) when invalid.
bool ApplyConference(SandboxCore& core, const httplib::Request& req, json& resource, const json* previous,
                     httplib::Response& res) {
  bool enabled = Query(req, "conferenceDataVersion") == "1";
  const json* conference = GetMember(resource, "conferenceData");
  if (!enabled || !conference) {
    if (previous && previous->contains("conferenceData")) {
      resource["conferenceData"] = (*previous)["conferenceData"];
      if (previous->contains("hangoutLink")) resource["hangoutLink"] = (*previous)["hangoutLink"];
    } else {
      resource.erase("conferenceData");
    }
    return true;
  }
  if (previous && previous->contains("conferenceData") && !GetMember(*conference, "createRequest")) return true;
  const json* create = GetMember(*conference, "createRequest");
  if (!create) return true;
  const json* key = GetMember(*create, "conferenceSolutionKey");
  if (!key || GetString(*key, "type") != "hangoutsMeet") {
    GoogleError(res, 400, "invalid", "Invalid conference type value.");
    return false;
  }
  if (GetString(*create, "requestId").empty()) {
    GoogleError(res, 400, "required", "Required conference request id.");
    return false;
  }
  if (previous && previous->contains("conferenceData")) {  // same requestId: keep the existing conference
    resource["conferenceData"] = (*previous)["conferenceData"];
    if (previous->contains("hangoutLink")) resource["hangoutLink"] = (*previous)["hangoutLink"];
    return true;
  }
  json fresh = {{"createRequest", {{"requestId", GetString(*create, "requestId")},
                                   {"conferenceSolutionKey", {{"type", "hangoutsMeet"}}}}}};
  resource["conferenceData"] = fresh;
  if (core.state.meet_failure > 0) {  // Google's verdict is final: no entry points, no hangoutLink
    --core.state.meet_failure;
    resource["conferenceData"]["createRequest"]["status"] = {{"statusCode", "failure"}};
  } else if (core.state.meet_pending > 0) {
    --core.state.meet_pending;
    resource["conferenceData"]["createRequest"]["status"] = {{"statusCode", "pending"}};
  } else {
    CompleteMeet(resource);
  }
  return true;
}

bool CheckSendUpdates(const httplib::Request& req, httplib::Response& res) {
  std::string value = Query(req, "sendUpdates");
  if (value.empty() || value == "all" || value == "externalOnly" || value == "none") return true;
  GoogleError(res, 400, "invalidParameter", "Invalid value for: " + value + " is not a valid value", "global", "sendUpdates");
  return false;
}

// Validates times, derives fields, answers rooms. Returns false (and answers 400) on bad times.
bool Normalize(SandboxCore& core, CalendarEvent& event, httplib::Response& res) {
  if (!GetMember(event.resource, "start") || !GetMember(event.resource, "end")) {
    GoogleError(res, 400, "required", GetMember(event.resource, "start") ? "Missing end time." : "Missing start time.");
    return false;
  }
  const TimeZone* zone = core.zones.Find(CalendarZone(core, "google", event.calendar));
  auto range = zone ? GoogleEventTimes(event.resource, *zone, core.zones) : std::nullopt;
  if (!range) {
    GoogleError(res, 400, "timeRangeEmpty", "The specified time range is empty.", "global", "end.dateTime");
    return false;
  }
  event.start = range->start;
  event.end = range->end;
  if (json* attendees = event.resource.contains("attendees") ? &event.resource["attendees"] : nullptr;
      attendees && attendees->is_array()) {
    for (auto& attendee : *attendees) {
      if (attendee.is_object() && !attendee.contains("responseStatus")) attendee["responseStatus"] = "needsAction";
    }
  }
  AnswerRoomInvitations(core, event);
  DeriveGoogleFields(event);
  return true;
}

void NotifyEvent(SandboxCore& core, const CalendarEvent& event) {
  NotifyGoogleChannels(core, event.calendar);
  for (const auto& email : event.attendee_emails) {
    if (AsciiLower(email) != AsciiLower(event.calendar)) NotifyGoogleChannels(core, email);
  }
}

void FreeBusy(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = ResolveBearer(core, req, "google");
  if (!token) return GoogleUnauthorized(res);
  if (!CanRead(*token)) return InsufficientScopes(res);
  auto body = ParseJsonObject(req.body);
  if (!body) return GoogleError(res, 400, "parseError", "Parse Error");
  std::string time_min = GetString(*body, "timeMin"), time_max = GetString(*body, "timeMax");
  if (time_min.empty()) return GoogleError(res, 400, "required", "Missing timeMin parameter.", "global", "timeMin");
  if (time_max.empty()) return GoogleError(res, 400, "required", "Missing timeMax parameter.", "global", "timeMax");
  auto from = ParseRfc3339(time_min), to = ParseRfc3339(time_max);
  if (!from) return GoogleError(res, 400, "invalid", "Invalid value for: timeMin", "global", "timeMin");
  if (!to) return GoogleError(res, 400, "invalid", "Invalid value for: timeMax", "global", "timeMax");
  if (*to <= *from) return GoogleError(res, 400, "timeRangeEmpty", "The specified time range is empty.", "global", "timeMax");
  if (*to - *from > kMaxFreeBusyRange)
    return GoogleError(res, 400, "timeRangeTooLong", "The requested time range is too long.", "global", "timeMax");
  const TimeZone* out_zone = core.zones.Find("UTC");
  if (std::string zone_name = GetString(*body, "timeZone"); !zone_name.empty()) {
    if (const TimeZone* zone = core.zones.Find(zone_name)) out_zone = zone;
  }
  json calendars = json::object();
  const json* items = GetMember(*body, "items");
  std::size_t index = 0;
  if (items && items->is_array()) {
    for (const auto& item : *items) {
      std::string id = GetString(item, "id");
      if (id.empty()) continue;
      if (id == "primary") id = token->user_email;
      if (index++ >= kMaxFreeBusyCalendars) {
        calendars[id] = {{"errors", json::array({{{"domain", "global"}, {"reason", "tooManyCalendarsRequested"}}})},
                         {"busy", json::array()}};
        continue;
      }
      const User* owner = core.FindUser("google", id);
      if (!KnownCalendar(core, "google", id) ||
          (owner && !owner->free_busy_shared && AsciiLower(token->user_email) != AsciiLower(owner->email))) {
        // Google answers a calendar the caller may not see exactly as one that does not exist.
        calendars[id] = {{"errors", json::array({{{"domain", "global"}, {"reason", "notFound"}}})},
                         {"busy", json::array()}};
        continue;
      }
      json busy = json::array();
      Instant open_start = 0, open_end = 0;
      bool open = false;
      for (const auto& block : CalendarBlocks(core.state, "google", id, *from, *to)) {
        if (block.show_as == "free") continue;
        Instant start = std::max(block.start, *from), end = std::min(block.end, *to);
        if (open && start <= open_end) {
          open_end = std::max(open_end, end);
          continue;
        }
        if (open) busy.push_back({{"start", FormatWithOffset(open_start, *out_zone)}, {"end", FormatWithOffset(open_end, *out_zone)}});
        open = true;
        open_start = start;
        open_end = end;
      }
      if (open) busy.push_back({{"start", FormatWithOffset(open_start, *out_zone)}, {"end", FormatWithOffset(open_end, *out_zone)}});
      calendars[id] = {{"busy", busy}};
    }
  }
  SendJson(res, 200, {{"kind", "calendar#freeBusy"}, {"timeMin", FormatRfc3339(*from)}, {"timeMax", FormatRfc3339(*to)},
                      {"calendars", calendars}});
}

void Insert(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, true);
  if (!auth) return;
  if (!CheckSendUpdates(req, res)) return;
  auto body = ParseJsonObject(req.body);
  if (!body) return GoogleError(res, 400, "parseError", "Parse Error");
  CalendarEvent event;
  event.provider = "google";
  event.calendar = auth->second;
  event.id = GetString(*body, "id");
  if (GetMember(*body, "id")) {
    if (!ValidEventId(event.id)) return GoogleError(res, 400, "invalid", "Invalid resource id value.");
    if (core.state.events.count(SandboxCore::EventKey("google", event.calendar, event.id)))
      return GoogleError(res, 409, "duplicate", "The requested identifier already exists.");
  } else {
    event.id = RandomHex(13);  // hex digits are base32hex characters too
  }
  event.resource = *body;
  for (const char* server_side : {"htmlLink", "etag", "created", "updated", "hangoutLink", "kind"}) event.resource.erase(server_side);
  if (!ApplyConference(core, req, event.resource, nullptr, res)) return;
  if (!Normalize(core, event, res)) return;
  const User* owner = core.FindUser("google", event.calendar);
  core.TouchEvent(event);
  FinishGoogleResource(event, core.Now(), owner ? owner->name : "");
  core.state.events[SandboxCore::EventKey("google", event.calendar, event.id)] = event;
  NotifyEvent(core, event);
  SendJson(res, 200, event.resource);
}

CalendarEvent* FindEvent(SandboxCore& core, const std::string& calendar, const httplib::Request& req) {
  auto it = core.state.events.find(SandboxCore::EventKey("google", calendar, req.matches[2].str()));
  return it == core.state.events.end() ? nullptr : &it->second;
}

void Get(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, false);
  if (!auth) return;
  CalendarEvent* event = FindEvent(core, auth->second, req);
  if (!event) return GoogleError(res, 404, "notFound", "Not Found");
  const json* conference = GetMember(event->resource, "conferenceData");
  if (conference && conference->contains("createRequest") &&
      GetString((*conference)["createRequest"].value("status", json::object()), "statusCode") == "pending") {
    CompleteMeet(event->resource);
    core.TouchEvent(*event);
  }
  SendJson(res, 200, event->resource);
}

void Update(SandboxCore& core, const httplib::Request& req, httplib::Response& res, bool patch) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, true);
  if (!auth) return;
  if (!CheckSendUpdates(req, res)) return;
  CalendarEvent* stored = FindEvent(core, auth->second, req);
  if (!stored) return GoogleError(res, 404, "notFound", "Not Found");
  if (stored->deleted) return GoogleError(res, 410, "deleted", "Resource has been deleted");
  auto body = ParseJsonObject(req.body);
  if (!body) return GoogleError(res, 400, "parseError", "Parse Error");
  CalendarEvent updated = *stored;
  json previous = stored->resource;
  if (patch) {
    updated.resource.merge_patch(*body);
  } else {
    updated.resource = *body;
    for (const char* keep : {"created", "iCalUID", "organizer", "creator"}) {
      if (previous.contains(keep)) updated.resource[keep] = previous[keep];
    }
  }
  updated.resource["id"] = stored->id;
  if (!ApplyConference(core, req, updated.resource, &previous, res)) return;
  if (!Normalize(core, updated, res)) return;
  updated.resource["sequence"] = GetInt(previous, "sequence") + 1;
  const User* owner = core.FindUser("google", updated.calendar);
  core.TouchEvent(updated);
  FinishGoogleResource(updated, core.Now(), owner ? owner->name : "");
  std::vector<std::string> old_attendees = stored->attendee_emails;
  *stored = updated;
  NotifyEvent(core, updated);
  for (const auto& email : old_attendees) NotifyGoogleChannels(core, email);
  SendJson(res, 200, updated.resource);
}

void Delete(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, true);
  if (!auth) return;
  if (!CheckSendUpdates(req, res)) return;
  CalendarEvent* event = FindEvent(core, auth->second, req);
  if (!event) return GoogleError(res, 404, "notFound", "Not Found");
  if (event->deleted) return GoogleError(res, 410, "deleted", "Resource has been deleted");
  event->deleted = true;
  event->resource["status"] = "cancelled";
  core.TouchEvent(*event);
  NotifyEvent(core, *event);
  res.status = 204;
}

void List(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, false);
  if (!auth) return;
  std::string calendar = auth->second;
  std::string sync_token = Query(req, "syncToken");
  std::uint64_t since = 0;
  bool incremental = !sync_token.empty();
  if (incremental) {
    // Google refuses the filters a sync token cannot honour (the token already fixes what the listing covers).
    for (const char* restricted : {"timeMin", "timeMax", "updatedMin", "q", "iCalUID", "orderBy",
                                   "privateExtendedProperty", "sharedExtendedProperty"}) {
      if (req.has_param(restricted))
        return GoogleError(res, 400, "invalid", "Sync token cannot be used with other request restrictions.");
    }
    if (!core.state.sync_tokens.count(sync_token))
      return GoogleError(res, 410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
    auto dash = sync_token.rfind('-');
    since = std::stoull(sync_token.substr(dash + 1));
  }
  std::optional<Instant> from, to;
  if (!incremental) {
    if (std::string text = Query(req, "timeMin"); !text.empty() && !(from = ParseRfc3339(text)))
      return GoogleError(res, 400, "invalid", "Invalid value for: timeMin", "global", "timeMin");
    if (std::string text = Query(req, "timeMax"); !text.empty() && !(to = ParseRfc3339(text)))
      return GoogleError(res, 400, "invalid", "Invalid value for: timeMax", "global", "timeMax");
  }
  bool show_deleted = incremental || Query(req, "showDeleted") == "true";
  std::vector<const CalendarEvent*> matching;
  for (const auto& [key, event] : core.state.events) {
    if (event.provider != "google" || AsciiLower(event.calendar) != AsciiLower(calendar)) continue;
    if (incremental && event.change <= since) continue;
    if (event.deleted && !show_deleted) continue;
    if (from && event.end <= *from) continue;
    if (to && event.start >= *to) continue;
    matching.push_back(&event);
  }
  std::sort(matching.begin(), matching.end(), [](const CalendarEvent* a, const CalendarEvent* b) {
    return a->start != b->start ? a->start < b->start : a->id < b->id;
  });
  std::size_t offset = 0;
  std::string page_token = Query(req, "pageToken");
  if (!page_token.empty()) {
    if (page_token.rfind("p", 0) != 0 || page_token.size() < 2 ||
        !std::all_of(page_token.begin() + 1, page_token.end(), ::isdigit))
      return GoogleError(res, 400, "invalid", "Invalid page token value.", "global", "pageToken");
    offset = std::stoul(page_token.substr(1));
  }
  std::int64_t max_results = std::clamp<std::int64_t>(std::atoll(Query(req, "maxResults").c_str()), 0, 2500);
  if (max_results == 0) max_results = 250;
  json items = json::array();
  for (std::size_t i = offset; i < matching.size() && items.size() < static_cast<std::size_t>(max_results); ++i)
    items.push_back(matching[i]->resource);
  const User* owner = core.FindUser("google", calendar);
  json body = {{"kind", "calendar#events"}, {"summary", calendar}, {"updated", FormatRfc3339(core.Now())},
               {"timeZone", owner ? owner->time_zone : "UTC"}, {"accessRole", "owner"},
               {"defaultReminders", json::array()}, {"items", items}};
  if (offset + items.size() < matching.size()) {
    body["nextPageToken"] = "p" + std::to_string(offset + items.size());
  } else {
    std::string next = "CPDAlvWDx" + RandomHex(4) + "-" + std::to_string(core.state.change_counter);
    core.state.sync_tokens.insert(next);
    body["nextSyncToken"] = next;
  }
  SendJson(res, 200, body);
}

void Watch(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto auth = Authorize(core, req, res, false);
  if (!auth) return;
  auto body = ParseJsonObject(req.body);
  if (!body) return GoogleError(res, 400, "parseError", "Parse Error");
  GoogleChannel channel;
  channel.id = GetString(*body, "id");
  channel.address = GetString(*body, "address");
  channel.token = GetString(*body, "token");
  channel.calendar = auth->second;
  if (channel.id.empty()) return GoogleError(res, 400, "required", "Required", "global", "id");
  if (GetString(*body, "type") != "web_hook" && GetString(*body, "type") != "webhook")
    return GoogleError(res, 400, "invalid", "Invalid value for: type", "global", "type");
  if (channel.address.rfind("http://", 0) != 0 && channel.address.rfind("https://", 0) != 0)
    return GoogleError(res, 400, "push.webhookUrlNotHttps", "WebHook callback must be HTTPS: " + channel.address);
  for (const auto& existing : core.state.channels) {
    if (existing.id == channel.id && !existing.stopped)
      return GoogleError(res, 400, "channelIdNotUnique", "Channel id " + channel.id + " not unique");
  }
  std::int64_t max_expiration = (core.Now() + 7 * kSecondsPerDay) * 1000;
  std::int64_t asked = 0;
  if (const json* expiration = GetMember(*body, "expiration")) {
    if (expiration->is_string()) asked = std::atoll(expiration->get<std::string>().c_str());
    else if (expiration->is_number_integer()) asked = expiration->get<std::int64_t>();
  }
  channel.expiration_ms = asked > 0 ? std::min(asked, max_expiration) : max_expiration;
  channel.resource_id = RandomId(20);
  core.state.channels.push_back(channel);
  std::string resource_uri = "https://www.googleapis.com/calendar/v3/calendars/" + net::PercentEncode(channel.calendar) +
                             "/events?alt=json";
  net::HttpRequest sync;
  sync.method = "POST";
  sync.url = channel.address;
  sync.With("X-Goog-Channel-ID", channel.id).With("X-Goog-Resource-ID", channel.resource_id);
  sync.With("X-Goog-Resource-URI", resource_uri).With("X-Goog-Resource-State", "sync");
  sync.With("X-Goog-Message-Number", "1").With("X-Goog-Channel-Expiration", FormatRfc3339(channel.expiration_ms / 1000));
  if (!channel.token.empty()) sync.With("X-Goog-Channel-Token", channel.token);
  core.state.channels.back().message_number = 1;
  core.notifier.Enqueue(sync, "google_sync");
  json answer = {{"kind", "api#channel"}, {"id", channel.id}, {"resourceId", channel.resource_id},
                 {"resourceUri", resource_uri}, {"expiration", std::to_string(channel.expiration_ms)}};
  if (!channel.token.empty()) answer["token"] = channel.token;
  SendJson(res, 200, answer);
}

void StopChannel(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = ResolveBearer(core, req, "google");
  if (!token) return GoogleUnauthorized(res);
  auto body = ParseJsonObject(req.body);
  if (!body) return GoogleError(res, 400, "parseError", "Parse Error");
  for (auto& channel : core.state.channels) {
    if (channel.id == GetString(*body, "id") && channel.resource_id == GetString(*body, "resourceId") && !channel.stopped) {
      channel.stopped = true;
      res.status = 204;
      return;
    }
  }
  GoogleError(res, 404, "notFound", "Channel '" + GetString(*body, "id") + "' not found for project");
}

}  // namespace

void MountGoogleRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  AddRoute(server, core, "POST", kBase + "/freeBusy", [&core](Req req, Res res) { FreeBusy(core, req, res); });
  AddRoute(server, core, "POST", kBase + "/calendars/([^/]+)/events", [&core](Req req, Res res) { Insert(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/calendars/([^/]+)/events", [&core](Req req, Res res) { List(core, req, res); });
  AddRoute(server, core, "POST", kBase + "/calendars/([^/]+)/events/watch", [&core](Req req, Res res) { Watch(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/calendars/([^/]+)/events/([^/]+)", [&core](Req req, Res res) { Get(core, req, res); });
  AddRoute(server, core, "PATCH", kBase + "/calendars/([^/]+)/events/([^/]+)",
           [&core](Req req, Res res) { Update(core, req, res, true); });
  AddRoute(server, core, "PUT", kBase + "/calendars/([^/]+)/events/([^/]+)",
           [&core](Req req, Res res) { Update(core, req, res, false); });
  AddRoute(server, core, "DELETE", kBase + "/calendars/([^/]+)/events/([^/]+)", [&core](Req req, Res res) { Delete(core, req, res); });
  AddRoute(server, core, "POST", kBase + "/channels/stop", [&core](Req req, Res res) { StopChannel(core, req, res); });
}

}  // namespace slotwise::sandbox
