// microsoft_routes.cpp — Microsoft Graph v1.0 calendars under /microsoft/v1.0: getSchedule, events (create with
// Teams link and transactionId idempotency, get, list, calendarView, calendarView/delta, patch, delete), users, places
// (rooms).
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "sandbox/calendar_events.h"
#include "sandbox/graph_common.h"
#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/ascii.h"

namespace slotwise::sandbox {

namespace {

const std::string kBase = "/microsoft/v1.0";
constexpr std::size_t kMaxSchedules = 20;
constexpr Duration kMaxSchedulePeriod = 62 * kSecondsPerDay;  // the period must be shorter than this

int StatusDigit(const std::string& show_as) {
  if (show_as == "tentative") return 1;
  if (show_as == "busy") return 2;
  if (show_as == "oof") return 3;
  if (show_as == "workingElsewhere") return 4;
  return 0;
}
int StatusRank(int digit) {  // oof > busy > tentative > workingElsewhere > free
  static const int kRank[] = {0, 2, 3, 4, 1};
  return kRank[digit];
}

json WorkingHoursJson(const User& user) {
  static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  json days = json::array();
  for (int day : user.working_hours.days) days.push_back(kDays[day]);
  return {{"daysOfWeek", days}, {"startTime", user.working_hours.start + ":00.0000000"},
          {"endTime", user.working_hours.end + ":00.0000000"},
          {"timeZone", {{"name", WindowsNameFor(user.time_zone)}}}};
}

std::optional<Instant> GraphTime(SandboxCore& core, const json& body, const char* key, std::string* zone_name) {
  const json* when = GetMember(body, key);
  if (!when) return std::nullopt;
  *zone_name = GetString(*when, "timeZone", "UTC");
  const TimeZone* zone = core.zones.Resolve(*zone_name);
  if (!zone) return std::nullopt;
  return ParseWallDateTime(GetString(*when, "dateTime"), *zone);
}

// The mailbox of the path when the caller's token holds one of `rule`'s permissions and may use it; otherwise Graph's
// error is answered and nullopt returned.
std::optional<Mailbox> PermittedMailbox(SandboxCore& core, const httplib::Request& req, httplib::Response& res,
                                        const GraphRule& rule) {
  auto token = GraphToken(core, req, res);
  if (!token || !RequireGraphPermission(core, *token, rule, res)) return std::nullopt;
  return GraphMailbox(core, *token, req.matches[1].str(), res);
}

// The calendarView window (startDateTime/endDateTime, UTC unless stated); otherwise 400 and nullopt.
std::optional<std::pair<Instant, Instant>> ViewWindow(SandboxCore& core, const httplib::Request& req,
                                                      httplib::Response& res) {
  auto start = ParseWallDateTime(Query(req, "startDateTime"), *core.zones.Find("UTC"));
  auto end = ParseWallDateTime(Query(req, "endDateTime"), *core.zones.Find("UTC"));
  if (start && end) return std::make_pair(*start, *end);
  GraphError(res, 400, "ErrorInvalidParameter",
             "This request requires a time window specified by the query string parameters StartDateTime "
             "and EndDateTime.", core.Now());
  return std::nullopt;
}

void GetSchedule(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kCalendarRead, res)) return;
  auto caller = GraphMailbox(core, *token, req.matches[1].str(), res);
  if (!caller) return;
  auto body = ParseJsonObject(req.body);
  std::int64_t now = core.Now();
  if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", now);
  const json* schedules = GetMember(*body, "schedules");
  if (!schedules || !schedules->is_array() || schedules->empty())
    return GraphError(res, 400, "ErrorInvalidParameter", "The parameter 'schedules' is required.", now);
  if (schedules->size() > kMaxSchedules)
    return GraphError(res, 400, "ErrorInvalidParameter",
                      "The number of schedules requested (" + std::to_string(schedules->size()) +
                          ") exceeds the maximum of 20.", now);
  std::string zone_name, end_zone_name;
  auto start = GraphTime(core, *body, "startTime", &zone_name);
  auto end = GraphTime(core, *body, "endTime", &end_zone_name);
  if (!start || !end) return GraphError(res, 400, "ErrorInvalidParameter", "startTime and endTime are required ({dateTime, timeZone}).", now);
  if (*end <= *start) return GraphError(res, 400, "ErrorInvalidParameter", "The end time must be after the start time.", now);
  if (*end - *start >= kMaxSchedulePeriod)
    return GraphError(res, 400, "ErrorInvalidParameter", "The requested period must be shorter than 62 days.", now);
  std::int64_t interval = GetInt(*body, "availabilityViewInterval", 30);
  if (interval < 5 || interval > 1440)
    return GraphError(res, 400, "ErrorInvalidParameter", "availabilityViewInterval must be between 5 and 1440.", now);
  const TimeZone* out_zone = core.zones.Resolve(zone_name);
  Duration step = interval * kSecondsPerMinute;
  std::int64_t slots = (*end - *start + step - 1) / step;
  json value = json::array();
  for (const auto& schedule : *schedules) {
    std::string id = schedule.is_string() ? schedule.get<std::string>() : "";
    const User* user = core.FindUser("microsoft", id);
    const Room* room = user ? nullptr : core.FindRoom("microsoft", id);
    if (!user && !room) {
      value.push_back({{"scheduleId", id}, {"availabilityView", ""}, {"scheduleItems", json::array()},
                       {"error", {{"message", "The specified address is not a valid mailbox in this organization."},
                                  {"responseCode", "ErrorInvalidRecipients"}}}});
      continue;
    }
    if (user && !user->free_busy_shared && !token->app_only && AsciiLower(token->user_email) != AsciiLower(user->email)) {
      value.push_back({{"scheduleId", id}, {"availabilityView", ""}, {"scheduleItems", json::array()},
                       {"error", {{"message", "The user has not shared free/busy information with you."},
                                  {"responseCode", "ErrorNoFreeBusyAccess"}}}});
      continue;
    }
    auto blocks = CalendarBlocks(core.state, "microsoft", id, *start, *end);
    std::string view(static_cast<std::size_t>(slots), '0');
    json items = json::array();
    for (const auto& block : blocks) {
      int digit = StatusDigit(block.show_as);
      for (std::int64_t i = 0; i < slots; ++i) {
        Instant slot_start = *start + i * step, slot_end = slot_start + step;
        if (block.end <= slot_start || block.start >= slot_end) continue;
        auto& cell = view[static_cast<std::size_t>(i)];
        if (StatusRank(digit) > StatusRank(cell - '0')) cell = static_cast<char>('0' + digit);
      }
      if (block.show_as == "free") continue;
      json item = {{"isPrivate", block.event->is_private}, {"status", block.show_as},
                   {"start", {{"dateTime", FormatGraphDateTime(block.start, *out_zone)}, {"timeZone", zone_name}}},
                   {"end", {{"dateTime", FormatGraphDateTime(block.end, *out_zone)}, {"timeZone", zone_name}}}};
      if (!block.event->is_private) {
        item["subject"] = GetString(block.event->resource, "subject");
        const json* location = GetMember(block.event->resource, "location");
        item["location"] = location ? GetString(*location, "displayName") : "";
      }
      items.push_back(item);
    }
    json entry = {{"scheduleId", id}, {"availabilityView", view}, {"scheduleItems", items}};
    if (user) entry["workingHours"] = WorkingHoursJson(*user);
    value.push_back(entry);
  }
  SendJson(res, 200, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)"},
                      {"value", value}});
}

std::string TeamsJoinUrl(const std::string& tenant, const std::string& user_id) {
  std::string thread = "19%3ameeting_" + RandomId(36) + "%40thread.v2";
  return "https://teams.microsoft.com/l/meetup-join/" + thread + "/0?context=%7b%22Tid%22%3a%22" + tenant +
         "%22%2c%22Oid%22%3a%22" + user_id + "%22%7d";
}

// Validates and derives; answers 400 and returns false on bad input.
bool Normalize(SandboxCore& core, CalendarEvent& event, const Mailbox& mailbox, bool create_meeting,
               httplib::Response& res) {
  auto range = GraphEventTimes(event.resource, core.zones);
  if (!range) {
    GraphError(res, 400, "ErrorInvalidRequest",
               "start and end are required as {dateTime, timeZone} with end after start.", core.Now());
    return false;
  }
  event.start = range->start;
  event.end = range->end;
  if (json* attendees = event.resource.contains("attendees") ? &event.resource["attendees"] : nullptr;
      attendees && attendees->is_array()) {
    for (auto& attendee : *attendees) {
      if (!attendee.is_object()) continue;
      if (!attendee.contains("type")) attendee["type"] = "required";
      if (!attendee.contains("status")) attendee["status"] = {{"response", "none"}, {"time", "0001-01-01T00:00:00Z"}};
    }
  }
  if (create_meeting && GetBool(event.resource, "isOnlineMeeting")) {
    std::string provider = GetString(event.resource, "onlineMeetingProvider", "teamsForBusiness");
    event.resource["onlineMeetingProvider"] = provider;
    if (provider == "teamsForBusiness" && core.state.teams_meeting_failure > 0) {
      --core.state.teams_meeting_failure;  // the event stands, flagged online, but Teams made no meeting for it
      event.resource["onlineMeeting"] = nullptr;
    } else if (provider == "teamsForBusiness") {
      std::string tenant = mailbox.user ? mailbox.user->tenant : std::string(kDemoMicrosoftTenant);
      event.resource["onlineMeeting"] = {{"joinUrl", TeamsJoinUrl(tenant, mailbox.id)},
                                         {"conferenceId", RandomDigits(9)},
                                         {"tollNumber", "+49 69 365 0000"}};
      event.resource["onlineMeetingUrl"] = nullptr;
    }
  }
  AnswerRoomInvitations(core, event);
  DeriveGraphFields(event);
  return true;
}

void CreateEvent(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto mailbox = PermittedMailbox(core, req, res, graph_rules::kCalendarWrite);
  if (!mailbox) return;
  auto body = ParseJsonObject(req.body);
  if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", core.Now());
  std::string transaction = GetString(*body, "transactionId");
  std::string transaction_key = mailbox->email + "\n" + transaction;
  if (!transaction.empty()) {
    auto it = core.state.graph_transactions.find(transaction_key);
    if (it != core.state.graph_transactions.end()) {
      auto existing = core.state.events.find(it->second);
      if (existing != core.state.events.end() && !existing->second.deleted)
        return SendJson(res, 201, existing->second.resource);
    }
  }
  CalendarEvent event;
  event.provider = "microsoft";
  event.calendar = mailbox->email;
  event.id = "AAMkAGI2" + RandomId(30) + "AAA=";
  event.resource = *body;
  for (const char* server_side : {"id", "iCalUId", "webLink", "createdDateTime", "lastModifiedDateTime", "onlineMeeting"})
    event.resource.erase(server_side);
  if (!Normalize(core, event, *mailbox, true, res)) return;
  core.TouchEvent(event);
  FinishGraphResource(event, core.Now(), mailbox->name);
  std::string key = SandboxCore::EventKey("microsoft", event.calendar, event.id);
  core.state.events[key] = event;
  if (!transaction.empty()) core.state.graph_transactions[transaction_key] = key;
  NotifyGraphSubscriptions(core, event, "created");
  SendJson(res, 201, event.resource);
}

CalendarEvent* FindEvent(SandboxCore& core, const Mailbox& mailbox, const std::string& id) {
  auto it = core.state.events.find(SandboxCore::EventKey("microsoft", mailbox.email, id));
  if (it == core.state.events.end() || it->second.deleted) return nullptr;
  return &it->second;
}

void NotFound(SandboxCore& core, httplib::Response& res) {
  GraphError(res, 404, "ErrorItemNotFound", "The specified object was not found in the store.", core.Now());
}

void EventOp(SandboxCore& core, const httplib::Request& req, httplib::Response& res, const std::string& op) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, op == "GET" ? graph_rules::kCalendarRead : graph_rules::kCalendarWrite,
                              res)) {
    return;
  }
  auto mailbox = GraphMailbox(core, *token, req.matches[1].str(), res);
  if (!mailbox) return;
  std::string id = req.matches[2].str();
  if (auto decoded = net::PercentDecode(id)) id = *decoded;
  CalendarEvent* event = FindEvent(core, *mailbox, id);
  if (!event) return NotFound(core, res);
  if (op == "GET") return SendJson(res, 200, event->resource);
  if (op == "DELETE") {
    event->deleted = true;
    core.TouchEvent(*event);
    NotifyGraphSubscriptions(core, *event, "deleted");
    res.status = 204;
    return;
  }
  auto body = ParseJsonObject(req.body);
  if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", core.Now());
  CalendarEvent updated = *event;
  for (auto& [key, value] : body->items()) {
    if (key == "id" || key == "iCalUId" || key == "webLink") continue;
    updated.resource[key] = value;
  }
  bool wants_meeting = GetBool(*body, "isOnlineMeeting") && event->resource.value("onlineMeeting", json()).is_null();
  if (!Normalize(core, updated, *mailbox, wants_meeting, res)) return;
  core.TouchEvent(updated);
  FinishGraphResource(updated, core.Now(), mailbox->name);
  *event = updated;
  NotifyGraphSubscriptions(core, updated, "updated");
  SendJson(res, 200, updated.resource);
}

void ListEvents(SandboxCore& core, const httplib::Request& req, httplib::Response& res, bool calendar_view) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto mailbox = PermittedMailbox(core, req, res, graph_rules::kCalendarRead);
  if (!mailbox) return;
  Instant from = 0, to = 0;
  if (calendar_view) {
    auto window = ViewWindow(core, req, res);
    if (!window) return;
    std::tie(from, to) = *window;
  }
  std::vector<const CalendarEvent*> matching;
  for (const auto& [key, event] : core.state.events) {
    if (event.provider != "microsoft" || event.deleted) continue;
    if (SandboxCore::EventKey("microsoft", event.calendar, "") != SandboxCore::EventKey("microsoft", mailbox->email, ""))
      continue;
    if (calendar_view && (event.end <= from || event.start >= to)) continue;
    matching.push_back(&event);
  }
  std::sort(matching.begin(), matching.end(), [](auto* a, auto* b) { return a->start < b->start; });
  std::size_t top = static_cast<std::size_t>(std::clamp<long long>(std::atoll(Query(req, "$top").c_str()), 0, 1000));
  if (top == 0) top = 10;
  std::size_t skip = static_cast<std::size_t>(std::max<long long>(0, std::atoll(Query(req, "$skip").c_str())));
  json value = json::array();
  for (std::size_t i = skip; i < matching.size() && value.size() < top; ++i) value.push_back(matching[i]->resource);
  json body = {{"value", value}};
  if (skip + value.size() < matching.size()) {
    std::string path = req.path + "?$top=" + std::to_string(top) + "&$skip=" + std::to_string(skip + value.size());
    if (calendar_view)
      path += "&startDateTime=" + net::PercentEncode(Query(req, "startDateTime")) + "&endDateTime=" +
              net::PercentEncode(Query(req, "endDateTime"));
    body["@odata.nextLink"] = SelfBase(req) + path;
  }
  SendJson(res, 200, body);
}

// The page size a client asked for with `Prefer: odata.maxpagesize=N` (1..1000), else `fallback`.
std::size_t MaxPageSize(const httplib::Request& req, std::size_t fallback) {
  const std::string prefer = req.get_header_value("Prefer");
  const std::string key = "odata.maxpagesize=";
  const std::size_t at = prefer.find(key);
  if (at == std::string::npos) return fallback;
  const long long asked = std::atoll(prefer.c_str() + at + key.size());
  return asked > 0 ? static_cast<std::size_t>(std::min<long long>(asked, 1000)) : fallback;
}

// calendarView/delta: a round's first request names the window (startDateTime/endDateTime) and gets the window's
// live events; $skiptoken continues a round page by page; the last page's @odata.deltaLink carries a $deltatoken that
// starts the next round, which reports the mailbox's events changed since: live ones in the window in full, deleted
// ones (and ones moved out of the window) as {id, @removed: {reason: "deleted"}}. An unknown token answers 410.
void CalendarViewDelta(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto mailbox = PermittedMailbox(core, req, res, graph_rules::kCalendarRead);
  if (!mailbox) return;
  const std::string mailbox_key = SandboxCore::EventKey("microsoft", mailbox->email, "");
  const std::string skip_token = Query(req, "$skiptoken");
  const std::string delta_token = Query(req, "$deltatoken");
  GraphDeltaRound round;
  if (!skip_token.empty() || !delta_token.empty()) {
    auto found = core.state.graph_delta_tokens.find(skip_token.empty() ? delta_token : skip_token);
    if (found == core.state.graph_delta_tokens.end() || found->second.mailbox != mailbox_key) {
      return GraphError(res, 410, "SyncStateNotFound",
                        "The sync state generation is not found or has expired. Start a new synchronization.",
                        core.Now());
    }
    round = found->second;
    if (skip_token.empty()) {  // a new round: what changed after the previous one
      round.since = round.until;
      round.until = core.state.change_counter;
      round.offset = 0;
      round.initial = false;
    }
  } else {
    auto window = ViewWindow(core, req, res);
    if (!window) return;
    round = GraphDeltaRound{mailbox_key, window->first, window->second, 0, core.state.change_counter, 0, true};
  }
  std::vector<const CalendarEvent*> changed;
  for (const auto& [key, event] : core.state.events) {
    if (event.provider != "microsoft" || SandboxCore::EventKey("microsoft", event.calendar, "") != mailbox_key) continue;
    if (event.change <= round.since || event.change > round.until) continue;
    const bool in_window = !event.deleted && event.end > round.from && event.start < round.to;
    if (round.initial && !in_window) continue;
    changed.push_back(&event);
  }
  std::sort(changed.begin(), changed.end(), [](auto* a, auto* b) { return a->change < b->change; });
  const std::size_t page = MaxPageSize(req, 10);
  json value = json::array();
  for (std::size_t i = round.offset; i < changed.size() && value.size() < page; ++i) {
    const CalendarEvent& event = *changed[i];
    if (event.deleted || event.end <= round.from || event.start >= round.to) {
      value.push_back(
          json{{"@odata.type", "#microsoft.graph.event"}, {"id", event.id}, {"@removed", {{"reason", "deleted"}}}});
    } else {
      value.push_back(event.resource);
    }
  }
  round.offset += value.size();
  const bool more = round.offset < changed.size();
  const std::string next_token = RandomHex(16);
  core.state.graph_delta_tokens[next_token] = round;
  json body = {{"@odata.context", SelfBase(req) + kBase + "/$metadata#Collection(event)"}, {"value", value}};
  body[more ? "@odata.nextLink" : "@odata.deltaLink"] =
      SelfBase(req) + req.path + (more ? "?$skiptoken=" : "?$deltatoken=") + next_token;
  SendJson(res, 200, body);
}

json UserJson(const User& user) {
  auto space = user.name.find(' ');
  return {{"id", user.id}, {"displayName", user.name}, {"mail", user.email}, {"userPrincipalName", user.email},
          {"givenName", space == std::string::npos ? user.name : user.name.substr(0, space)},
          {"surname", space == std::string::npos ? "" : user.name.substr(space + 1)},
          {"businessPhones", json::array()}, {"jobTitle", nullptr}, {"officeLocation", nullptr},
          {"preferredLanguage", nullptr}, {"mobilePhone", nullptr}};
}

// Paged list helper: $top (default `page`, ≤ 999) and $skiptoken (an offset) → {value, @odata.nextLink?}.
json Page(const httplib::Request& req, const std::vector<json>& all, std::size_t page, const std::string& context,
          const char* skip_name) {
  std::size_t top = static_cast<std::size_t>(std::clamp<long long>(std::atoll(Query(req, "$top").c_str()), 0, 999));
  if (top == 0) top = page;
  std::size_t skip = static_cast<std::size_t>(std::max<long long>(0, std::atoll(Query(req, skip_name).c_str())));
  json value = json::array();
  for (std::size_t i = skip; i < all.size() && value.size() < top; ++i) value.push_back(all[i]);
  json body = {{"@odata.context", context}, {"value", value}};
  if (skip + value.size() < all.size())
    body["@odata.nextLink"] = SelfBase(req) + req.path + "?$top=" + std::to_string(top) + "&" + skip_name + "=" +
                              std::to_string(skip + value.size());
  return body;
}

std::string TenantDomain(const SandboxCore& core, const std::string& tenant) {
  auto it = core.state.tenants.find(tenant);
  return it == core.state.tenants.end() ? "" : it->second.domain;
}

void ListUsers(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kUsersList, res)) return;
  std::vector<json> all;
  for (const auto& user : core.state.users) {
    if (user.provider == "microsoft" && user.tenant == token->tenant) all.push_back(UserJson(user));
  }
  SendJson(res, 200, Page(req, all, 100, "https://graph.microsoft.com/v1.0/$metadata#users", "$skiptoken"));
}

// GET /organization: the token's organisation with its verified domain (app-only or delegated tokens alike).
void GetOrganization(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kOrganizationRead, res)) return;
  auto it = core.state.tenants.find(token->tenant);
  if (it == core.state.tenants.end()) {
    return GraphError(res, 404, "Request_ResourceNotFound", "Resource does not exist.", core.Now());
  }
  json organization = {{"id", it->second.id},
                       {"displayName", it->second.name},
                       {"verifiedDomains", json::array({{{"name", it->second.domain},
                                                         {"isDefault", true},
                                                         {"isInitial", false},
                                                         {"type", "Managed"},
                                                         {"capabilities", "Email, OfficeCommunicationsOnline"}}})}};
  SendJson(res, 200, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#organization"},
                      {"value", json::array({organization})}});
}

void GetUser(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  auto mailbox = GraphMailbox(core, *token, req.matches[1].str(), res, /*allow_other_users_for_delegated=*/true);
  if (!mailbox) return;
  const bool self = !token->app_only && AsciiLower(mailbox->email) == AsciiLower(token->user_email);
  if (!RequireGraphPermission(core, *token, self ? graph_rules::kUserSelf : graph_rules::kUserOther, res)) return;
  if (!mailbox->user) return GraphError(res, 404, "Request_ResourceNotFound", "Resource does not exist.", core.Now());
  SendJson(res, 200, UserJson(*mailbox->user));
}

// GET /users/{id}/mailboxSettings: the user's zone (the sandbox answers IANA names, which Graph allows next to
// Windows ones) and working hours, with Graph's shapes ("monday", "09:00:00.0000000").
void MailboxSettings(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kMailboxSettingsRead, res)) return;
  auto mailbox = GraphMailbox(core, *token, req.matches[1].str(), res, /*allow_other_users_for_delegated=*/false);
  if (!mailbox) return;
  if (!mailbox->user) return GraphError(res, 404, "Request_ResourceNotFound", "Resource does not exist.", core.Now());
  static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  const User& user = *mailbox->user;
  json days = json::array();
  for (int day : user.working_hours.days) {
    if (day >= 0 && day <= 6) days.push_back(kDays[day]);
  }
  SendJson(res, 200,
           {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + user.id + "')/mailboxSettings"},
            {"timeZone", user.time_zone},
            {"language", {{"locale", "en-US"}, {"displayName", "English (United States)"}}},
            {"workingHours",
             {{"daysOfWeek", days},
              {"startTime", user.working_hours.start + ":00.0000000"},
              {"endTime", user.working_hours.end + ":00.0000000"},
              {"timeZone", {{"name", user.time_zone}}}}}});
}

// `in_list`: only the rooms of that room list (GET /places/{list}/microsoft.graph.roomlist/rooms); "" = all.
void Rooms(SandboxCore& core, const httplib::Request& req, httplib::Response& res, bool lists,
           const std::string& in_list = "") {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kPlacesRead, res)) return;
  std::string domain = TenantDomain(core, token->tenant);
  if (!in_list.empty()) {
    const bool known = std::any_of(core.state.rooms.begin(), core.state.rooms.end(), [&](const Room& room) {
      return room.provider == "microsoft" && room.domain == domain && AsciiLower(room.room_list) == AsciiLower(in_list);
    });
    if (!known) return GraphError(res, 404, "ErrorItemNotFound", "The specified object was not found in the store.", core.Now());
  }
  std::vector<json> all;
  std::set<std::string> seen_lists;
  for (const auto& room : core.state.rooms) {
    if (room.provider != "microsoft" || room.domain != domain) continue;
    if (!in_list.empty() && AsciiLower(room.room_list) != AsciiLower(in_list)) continue;
    if (lists) {
      if (room.room_list.empty() || !seen_lists.insert(room.room_list).second) continue;
      std::string name = room.room_list.substr(0, room.room_list.find('@'));
      all.push_back({{"id", room.room_list}, {"displayName", name}, {"emailAddress", room.room_list},
                     {"address", {{"city", room.building}}}, {"phone", nullptr}});
      continue;
    }
    all.push_back({{"id", room.email}, {"emailAddress", room.email}, {"displayName", room.name},
                   {"capacity", room.capacity}, {"building", room.building}, {"floorNumber", room.floor},
                   {"floorLabel", std::to_string(room.floor)}, {"isWheelchairAccessible", false},
                   {"bookingType", "standard"}, {"audioDeviceName", nullptr}, {"videoDeviceName", nullptr},
                   {"displayDevice", nullptr}, {"tags", room.features}, {"nickname", room.name},
                   {"label", nullptr}, {"phone", nullptr}, {"geoCoordinates", nullptr}});
  }
  std::string kind = lists ? "roomlist" : "room";
  SendJson(res, 200, Page(req, all, 100, "https://graph.microsoft.com/v1.0/$metadata#places/microsoft.graph." + kind,
                          "$skip"));
}

}  // namespace

void MountMicrosoftRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  const std::string who = "/(?:users/)?([^/]+)";  // "/me" or "/users/{id}"
  AddRoute(server, core, "POST", kBase + who + "/calendar/getSchedule", [&core](Req q, Res s) { GetSchedule(core, q, s); });
  for (const std::string events : {"/events", "/calendar/events"}) {
    AddRoute(server, core, "POST", kBase + who + events, [&core](Req q, Res s) { CreateEvent(core, q, s); });
    AddRoute(server, core, "GET", kBase + who + events, [&core](Req q, Res s) { ListEvents(core, q, s, false); });
    for (const std::string method : {"GET", "PATCH", "DELETE"}) {
      AddRoute(server, core, method, kBase + who + events + "/([^/]+)",
               [&core, method](Req q, Res s) { EventOp(core, q, s, method); });
    }
  }
  AddRoute(server, core, "GET", kBase + who + "/calendarView", [&core](Req q, Res s) { ListEvents(core, q, s, true); });
  AddRoute(server, core, "GET", kBase + who + "/calendarView/delta",
           [&core](Req q, Res s) { CalendarViewDelta(core, q, s); });
  AddRoute(server, core, "GET", kBase + "/users", [&core](Req q, Res s) { ListUsers(core, q, s); });
  AddRoute(server, core, "GET", kBase + "/organization", [&core](Req q, Res s) { GetOrganization(core, q, s); });
  AddRoute(server, core, "GET", kBase + who + "/mailboxSettings", [&core](Req q, Res s) { MailboxSettings(core, q, s); });
  AddRoute(server, core, "GET", kBase + who, [&core](Req q, Res s) { GetUser(core, q, s); });
  AddRoute(server, core, "GET", kBase + "/places/microsoft\\.graph\\.room", [&core](Req q, Res s) { Rooms(core, q, s, false); });
  AddRoute(server, core, "GET", kBase + "/places/microsoft\\.graph\\.roomlist", [&core](Req q, Res s) { Rooms(core, q, s, true); });
  AddRoute(server, core, "GET", kBase + "/places/([^/]+)/microsoft\\.graph\\.roomlist/rooms", [&core](Req q, Res s) {
    std::string list = q.matches[1].str();
    if (auto decoded = net::PercentDecode(list)) list = *decoded;
    Rooms(core, q, s, false, list);
  });
}

}  // namespace slotwise::sandbox
