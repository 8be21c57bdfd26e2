// zoom_routes.cpp — Zoom API v2 under /zoom/v2: users, settings, account lock settings, meetings with the account's
// passcode / waiting-room / join-before-host policy, the per-host daily create/update limit, webhooks on changes, and
// the host's meeting list (type filter, page_size, next_page_token).
#include <algorithm>
#include <charconv>
#include <tuple>

#include "crypto/crypto_primitives.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/json_text.h"

namespace slotwise::sandbox {

namespace {

const std::string kBase = "/zoom/v2";
constexpr int kDailyMeetingWrites = 100;
constexpr std::int64_t kDefaultPageSize = 30;
constexpr std::int64_t kMaxPageSize = 300;
constexpr std::int64_t kPageTokenLifetime = 15 * 60;  // Zoom: next_page_token expires after 15 minutes

std::optional<AccessToken> ZoomToken(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  if (req.has_param("access_token")) {
    ZoomError(res, 401, 124, "Invalid access token, does not support the access_token in the query string.");
    return std::nullopt;
  }
  auto token = ResolveBearer(core, req, "zoom");
  if (token) return token;
  bool known = core.state.access_tokens.count(BearerToken(req)) > 0;
  ZoomError(res, 401, 124, known ? "Access token is expired." : "Invalid access token.");
  return std::nullopt;
}

// "me", an id or an email of a user in the caller's account.
const User* ZoomUser(SandboxCore& core, const AccessToken& token, std::string segment, httplib::Response& res) {
  if (auto decoded = net::PercentDecode(segment)) segment = *decoded;
  const User* caller = core.FindUser("zoom", token.user_email);
  const User* user = segment == "me" ? caller : core.FindUser("zoom", segment);
  if (!user || !caller || user->zoom_account != caller->zoom_account) {
    ZoomError(res, 404, 1001, "User does not exist: " + segment + ".");
    return nullptr;
  }
  return user;
}

const ZoomAccount& AccountOf(SandboxCore& core, const User& user) {
  auto it = core.state.zoom_accounts.find(user.zoom_account);
  if (it == core.state.zoom_accounts.end()) {
    ZoomAccount& fresh = core.state.zoom_accounts[user.zoom_account];
    fresh.id = user.zoom_account;
    return fresh;
  }
  return it->second;
}

bool Setting(const ZoomAccount& account, const char* key, bool fallback) { return GetBool(account.settings, key, fallback); }
bool Locked(const ZoomAccount& account, const char* key) { return GetBool(account.locks, key, false); }

json UserJson(SandboxCore& core, const User& user) {
  const ZoomAccount& account = AccountOf(core, user);
  auto space = user.name.find(' ');
  std::string pmi = "9" + std::to_string(std::hash<std::string>{}(user.email) % 1000000000ULL);
  return {{"id", user.id}, {"email", user.email},
          {"first_name", space == std::string::npos ? user.name : user.name.substr(0, space)},
          {"last_name", space == std::string::npos ? "" : user.name.substr(space + 1)},
          {"display_name", user.name}, {"type", account.personal ? 1 : 2}, {"role_name", "Member"},
          {"pmi", std::stoll(pmi)}, {"use_pmi", false}, {"timezone", user.time_zone}, {"verified", 1},
          {"account_id", user.zoom_account}, {"status", "active"}, {"language", "en-US"},
          {"personal_meeting_url", "https://zoom.us/j/" + pmi}};
}

json SettingsJson(const ZoomAccount& account) {
  return {{"schedule_meeting",
           {{"host_video", true}, {"participants_video", true},
            {"join_before_host", Setting(account, "join_before_host", false)},
            {"jbh_time", GetInt(account.settings, "jbh_time", 0)},
            {"require_password_for_scheduling_new_meetings", Setting(account, "passcode_required", false) || account.personal},
            {"mute_upon_entry", false}}},
          {"in_meeting", {{"waiting_room", Setting(account, "waiting_room", false)}}},
          {"meeting_security",
           {{"waiting_room", Setting(account, "waiting_room", false)},
            {"password_requirement", {{"length", 6}, {"have_letter", false}, {"have_number", false}}}}}};
}

json LocksJson(const ZoomAccount& account) {
  return {{"schedule_meeting",
           {{"join_before_host", Locked(account, "join_before_host")},
            {"require_password_for_scheduling_new_meetings", Locked(account, "passcode_required")}}},
          {"in_meeting", {{"waiting_room", Locked(account, "waiting_room")}}},
          {"meeting_security", {{"waiting_room", Locked(account, "waiting_room")}}}};
}

bool ValidPasscode(const std::string& password) {
  if (password.empty() || password.size() > 10) return false;
  return std::all_of(password.begin(), password.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '@' || c == '-' || c == '_' || c == '*';
  });
}

std::string GeneratedPasscode() {
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string raw = crypto::RandomBytes(6), out;
  for (char c : raw) out += kAlphabet[static_cast<unsigned char>(c) % (sizeof(kAlphabet) - 1)];
  return out;
}

// Counts a create/update for the host; false (and 429) past the daily limit.
bool CountDailyWrite(SandboxCore& core, const std::string& host, httplib::Response& res) {
  std::string key = host + "\n" + std::to_string(FloorDiv(core.Now(), kSecondsPerDay));
  int& count = core.state.zoom_daily_counts[key];
  if (count >= kDailyMeetingWrites) {
    SendServerError(res, "zoom", "/v2/meetings", 429, "", core.Now(), "Daily-limit");
    res.set_header("Retry-After", FormatRfc3339((FloorDiv(core.Now(), kSecondsPerDay) + 1) * kSecondsPerDay));
    return false;
  }
  ++count;
  return true;
}

void SendWebhook(SandboxCore& core, const std::string& event, const json& object, const std::string& account_id) {
  if (!core.state.zoom_webhook || core.state.zoom_webhook->url.empty()) return;
  json payload = {{"event", event}, {"event_ts", core.NowMs()},
                  {"payload", {{"account_id", account_id}, {"object", object}}}};
  std::string body = DumpJson(payload);
  std::string timestamp = std::to_string(core.Now());
  std::string signature = "v0=" + crypto::HexEncode(crypto::HmacSha256(core.state.zoom_webhook->secret,
                                                                        "v0:" + timestamp + ":" + body));
  net::HttpRequest request;
  request.method = "POST";
  request.url = core.state.zoom_webhook->url;
  request.body = body;
  request.With("Content-Type", "application/json").With("x-zm-signature", signature);
  request.With("x-zm-request-timestamp", timestamp);
  core.notifier.Enqueue(request, "zoom_webhook");
  core.state.logged_objects.push_back(LoggedObject{"zoom_webhook", event, account_id, payload, core.Now()});
}

// Applies the body's fields to `meeting` with the account policy; answers 400 (code 300) on bad input.
bool ApplyMeetingBody(SandboxCore& core, const User& host, const json& body, json& meeting, bool creating,
                      httplib::Response& res) {
  const ZoomAccount& account = AccountOf(core, host);
  json errors = json::array();
  if (const json* topic = GetMember(body, "topic")) {
    if (!topic->is_string() || topic->get<std::string>().size() > 200) errors.push_back({{"field", "topic"}, {"message", "Invalid topic"}});
    else meeting["topic"] = *topic;
  } else if (creating) {
    meeting["topic"] = "Zoom meeting";
  }
  if (const json* type = GetMember(body, "type")) {
    if (!type->is_number_integer() || (type->get<int>() != 1 && type->get<int>() != 2 && type->get<int>() != 3 && type->get<int>() != 8))
      errors.push_back({{"field", "type"}, {"message", "Invalid meeting type"}});
    else meeting["type"] = *type;
  } else if (creating) {
    meeting["type"] = 2;
  }
  if (const json* start = GetMember(body, "start_time")) {
    std::string text = start->is_string() ? start->get<std::string>() : "";
    std::string zone_name = GetString(body, "timezone", host.time_zone);
    const TimeZone* zone = core.zones.Find(zone_name);
    auto instant = zone ? ParseWallDateTime(text, *zone) : std::nullopt;
    if (!instant) errors.push_back({{"field", "start_time"}, {"message", "Invalid start_time"}});
    else meeting["start_time"] = FormatRfc3339(*instant);
  }
  if (const json* duration = GetMember(body, "duration")) {
    if (!duration->is_number_integer() || duration->get<std::int64_t>() < 0)
      errors.push_back({{"field", "duration"}, {"message", "Invalid duration"}});
    else meeting["duration"] = *duration;
  }
  if (const json* zone = GetMember(body, "timezone"); zone && zone->is_string()) meeting["timezone"] = *zone;
  if (const json* agenda = GetMember(body, "agenda"); agenda && agenda->is_string()) meeting["agenda"] = *agenda;
  std::string password = meeting.value("password", std::string());
  if (const json* sent = GetMember(body, "password")) {
    std::string text = sent->is_string() ? sent->get<std::string>() : "";
    if (!ValidPasscode(text))
      errors.push_back({{"field", "password"},
                        {"message", "Passcode can only have a maximum of 10 characters and only alphanumeric "
                                    "characters and @ - _ *"}});
    else password = text;
  }
  if (!errors.empty()) {
    SendJson(res, 400, {{"code", 300}, {"message", "Validation Failed."}, {"errors", errors}});
    return false;
  }
  bool passcode_enforced = account.personal || (Setting(account, "passcode_required", false) && Locked(account, "passcode_required"));
  if (password.empty() && passcode_enforced) password = GeneratedPasscode();
  meeting["password"] = password;
  if (password.empty()) meeting.erase("password");
  json settings = meeting.value("settings", json::object());
  const json* sent_settings = GetMember(body, "settings");
  auto apply = [&](const char* key, const char* account_key, bool fallback) {
    bool account_value = Setting(account, account_key, fallback);
    if (Locked(account, account_key)) settings[key] = account_value;
    else if (sent_settings && GetMember(*sent_settings, key) && (*sent_settings)[key].is_boolean()) settings[key] = (*sent_settings)[key];
    else if (!settings.contains(key)) settings[key] = account_value;
  };
  apply("join_before_host", "join_before_host", false);
  apply("waiting_room", "waiting_room", false);
  if (sent_settings) {
    for (const char* key : {"host_video", "participant_video", "mute_upon_entry", "meeting_authentication"}) {
      if (GetMember(*sent_settings, key)) settings[key] = (*sent_settings)[key];
    }
    for (const char* key : {"jbh_time", "approval_type"}) {
      if (GetMember(*sent_settings, key) && (*sent_settings)[key].is_number_integer()) settings[key] = (*sent_settings)[key];
    }
    for (const char* key : {"auto_recording", "alternative_hosts"}) {
      if (GetMember(*sent_settings, key) && (*sent_settings)[key].is_string()) settings[key] = (*sent_settings)[key];
    }
  }
  if (!settings.contains("jbh_time")) settings["jbh_time"] = GetInt(account.settings, "jbh_time", 0);
  // join_before_host is reported as stored but has no effect while waiting_room is on (docs/SANDBOX.md).
  meeting["settings"] = settings;
  return true;
}

void CreateMeeting(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = ZoomToken(core, req, res);
  if (!token) return;
  const User* host = ZoomUser(core, *token, req.matches[1].str(), res);
  if (!host) return;
  auto body = ParseJsonObject(req.body);
  if (!body) return ZoomError(res, 400, 300, "Request Body should be a valid JSON object.");
  if (!CountDailyWrite(core, host->email, res)) return;
  ZoomMeeting meeting;
  meeting.id = std::stoll(RandomDigits(11));
  while (core.state.zoom_meetings.count(meeting.id)) ++meeting.id;
  meeting.host_email = host->email;
  json resource = {{"uuid", RandomId(16) + "=="}, {"id", meeting.id}, {"host_id", host->id},
                   {"host_email", host->email}, {"timezone", host->time_zone}, {"duration", 60},
                   {"created_at", FormatRfc3339(core.Now())}, {"status", "waiting"}};
  if (!ApplyMeetingBody(core, *host, *body, resource, true, res)) return;
  // Zoom lists the account's dial-in numbers in the meeting's settings (fixed demo numbers here).
  resource["settings"]["global_dial_in_numbers"] = json::array(
      {{{"country", "DE"}, {"country_name", "Germany"}, {"city", "Frankfurt"}, {"number", "+49 69 5050 0951"}, {"type", "toll"}},
       {{"country", "US"}, {"country_name", "US"}, {"city", "New York"}, {"number", "+1 646 558 8656"}, {"type", "toll"}}});
  std::string id_text = std::to_string(meeting.id);
  std::string pwd = resource.value("password", std::string());
  resource["join_url"] = "https://zoom.us/j/" + id_text + (pwd.empty() ? "" : "?pwd=" + crypto::Base64UrlEncode(pwd) + ".1");
  resource["start_url"] = "https://zoom.us/s/" + id_text + "?zak=" + RandomId(24);
  if (!pwd.empty()) {
    resource["h323_password"] = RandomDigits(6);
    resource["encrypted_password"] = crypto::Base64UrlEncode(pwd);
  }
  meeting.resource = resource;
  core.state.zoom_meetings[meeting.id] = meeting;
  SendWebhook(core, "meeting.created", resource, host->zoom_account);
  SendJson(res, 201, resource);
}

ZoomMeeting* FindMeeting(SandboxCore& core, const AccessToken& token, const std::string& id_text, httplib::Response& res) {
  std::int64_t id = std::atoll(id_text.c_str());
  auto it = core.state.zoom_meetings.find(id);
  const User* caller = core.FindUser("zoom", token.user_email);
  const User* host = it == core.state.zoom_meetings.end() ? nullptr : core.FindUser("zoom", it->second.host_email);
  if (!host || it->second.deleted || !caller || host->zoom_account != caller->zoom_account) {
    ZoomError(res, 404, 3001, "Meeting does not exist: " + id_text + ".");
    return nullptr;
  }
  return &it->second;
}

void MeetingOp(SandboxCore& core, const httplib::Request& req, httplib::Response& res, const std::string& op) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = ZoomToken(core, req, res);
  if (!token) return;
  ZoomMeeting* meeting = FindMeeting(core, *token, req.matches[1].str(), res);
  if (!meeting) return;
  const User* host = core.FindUser("zoom", meeting->host_email);
  if (op == "GET") return SendJson(res, 200, meeting->resource);
  if (op == "DELETE") {
    meeting->deleted = true;
    SendWebhook(core, "meeting.deleted", {{"id", meeting->id}, {"uuid", meeting->resource.value("uuid", "")}},
                host ? host->zoom_account : "");
    res.status = 204;
    return;
  }
  auto body = ParseJsonObject(req.body);
  if (!body) return ZoomError(res, 400, 300, "Request Body should be a valid JSON object.");
  if (!host || !CountDailyWrite(core, host->email, res)) return;
  json updated = meeting->resource;
  if (!ApplyMeetingBody(core, *host, *body, updated, false, res)) return;
  meeting->resource = updated;
  SendWebhook(core, "meeting.updated", updated, host->zoom_account);
  res.status = 204;
}

// 400 code 300 naming one query parameter, as Zoom's validation errors do.
void ZoomValidationError(httplib::Response& res, const std::string& field, const std::string& message) {
  SendJson(res, 400, {{"code", 300}, {"message", "Validation Failed."},
                      {"errors", json::array({{{"field", field}, {"message", message}}})}});
}

// One listed meeting: where it sorts and whether `type` lists it.
struct Listed {
  Instant start = 0;
  std::int64_t id = 0;
  const json* resource = nullptr;
};

// Zoom's list `type` filter relative to the sandbox clock: a meeting runs [start, start + duration) where start is
// its start_time (created_at when it has none). Instant meetings (type 1) are never listed.
bool ListedAs(const std::string& type, Instant start, Instant end, Instant now) {
  if (type == "upcoming" || type == "upcoming_meetings") return end > now;
  if (type == "live") return start <= now && now < end;
  if (type == "previous_meetings") return end <= now;
  return true;  // scheduled: every meeting not deleted
}

// Opaque keyset token: the (start, id) of the page's last meeting and when the token was issued.
std::string PageToken(const Listed& last, Instant now) {
  return crypto::Base64UrlEncode(std::to_string(last.start) + ":" + std::to_string(last.id) + ":" + std::to_string(now));
}

std::optional<std::pair<Instant, std::int64_t>> ReadPageToken(const std::string& token, Instant now) {
  auto text = crypto::Base64UrlDecode(token);
  if (!text) return std::nullopt;
  std::int64_t values[3] = {};  // start, id, issued
  const char* at = text->data();
  const char* const end = text->data() + text->size();
  for (int i = 0; i < 3; ++i) {
    auto [next, error] = std::from_chars(at, end, values[i]);
    if (error != std::errc() || (i < 2 ? (next == end || *next != ':') : next != end)) return std::nullopt;
    at = next + 1;
  }
  if (values[2] > now || now - values[2] > kPageTokenLifetime) return std::nullopt;
  return std::make_pair(values[0], values[1]);
}

// GET /users/{userId}/meetings?type&page_size&next_page_token: the user's own meetings (never another host's).
void ListMeetings(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = ZoomToken(core, req, res);
  if (!token) return;
  const User* host = ZoomUser(core, *token, req.matches[1].str(), res);
  if (!host) return;
  const std::string type = req.has_param("type") ? Query(req, "type") : "live";  // Zoom's default is live
  static const std::set<std::string> kTypes = {"scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"};
  if (!kTypes.count(type)) return ZoomValidationError(res, "type", "Invalid field.");
  std::int64_t page_size = kDefaultPageSize;
  if (req.has_param("page_size")) {
    const std::string text = Query(req, "page_size");
    const bool digits = !text.empty() && text.size() <= 6 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    page_size = digits ? std::stoll(text) : 0;
    if (page_size < 1 || page_size > kMaxPageSize) {
      return ZoomValidationError(res, "page_size", "The page_size must be between 1 and 300.");
    }
  }
  const Instant now = core.Now();
  std::optional<std::pair<Instant, std::int64_t>> after;
  if (const std::string sent = Query(req, "next_page_token"); !sent.empty()) {
    after = ReadPageToken(sent, now);
    if (!after) return ZoomValidationError(res, "next_page_token", "Invalid or expired next_page_token.");
  }
  std::vector<Listed> listed;
  for (const auto& [id, meeting] : core.state.zoom_meetings) {
    if (meeting.deleted || meeting.host_email != host->email) continue;
    if (GetInt(meeting.resource, "type", 2) == 1) continue;
    const std::string start_text = GetString(meeting.resource, "start_time", GetString(meeting.resource, "created_at"));
    const Instant start = ParseRfc3339(start_text).value_or(0);
    const Instant end = start + GetInt(meeting.resource, "duration", 0) * kSecondsPerMinute;
    if (ListedAs(type, start, end, now)) listed.push_back({start, id, &meeting.resource});
  }
  std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
    return std::tie(a.start, a.id) < std::tie(b.start, b.id);
  });
  auto first = listed.begin();
  if (after) {
    first = std::upper_bound(listed.begin(), listed.end(), *after, [](const auto& key, const Listed& item) {
      return key < std::make_pair(item.start, item.id);
    });
  }
  json meetings = json::array();
  auto it = first;
  for (; it != listed.end() && static_cast<std::int64_t>(meetings.size()) < page_size; ++it) {
    json item;
    for (const char* key : {"uuid", "id", "host_id", "topic", "type", "start_time", "duration", "timezone", "agenda",
                            "created_at", "join_url"}) {
      if (const json* value = GetMember(*it->resource, key)) item[key] = *value;
    }
    meetings.push_back(std::move(item));
  }
  const std::string next = it == listed.end() ? "" : PageToken(*std::prev(it), now);
  SendJson(res, 200, {{"page_size", page_size}, {"total_records", listed.size()}, {"next_page_token", next},
                      {"meetings", meetings}});
}

}  // namespace

void MountZoomRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  AddRoute(server, core, "GET", kBase + "/users/([^/]+)", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = ZoomToken(core, req, res);
    if (!token) return;
    if (const User* user = ZoomUser(core, *token, req.matches[1].str(), res)) SendJson(res, 200, UserJson(core, *user));
  });
  AddRoute(server, core, "GET", kBase + "/users/([^/]+)/settings", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = ZoomToken(core, req, res);
    if (!token) return;
    const User* user = ZoomUser(core, *token, req.matches[1].str(), res);
    if (!user) return;
    const ZoomAccount& account = AccountOf(core, *user);
    json settings = SettingsJson(account);
    if (Query(req, "option") == "meeting_security" ) settings = {{"meeting_security", settings["meeting_security"]}};
    SendJson(res, 200, settings);
  });
  AddRoute(server, core, "GET", kBase + "/accounts/me/lock_settings", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = ZoomToken(core, req, res);
    if (!token) return;
    const User* user = core.FindUser("zoom", token->user_email);
    if (!user) return ZoomError(res, 404, 1001, "User does not exist.");
    SendJson(res, 200, LocksJson(AccountOf(core, *user)));
  });
  AddRoute(server, core, "POST", kBase + "/users/([^/]+)/meetings", [&core](Req req, Res res) { CreateMeeting(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/users/([^/]+)/meetings", [&core](Req req, Res res) { ListMeetings(core, req, res); });
  for (const std::string method : {"GET", "PATCH", "DELETE"}) {
    AddRoute(server, core, method, kBase + "/meetings/([0-9]+)", [&core, method](Req req, Res res) {
      MeetingOp(core, req, res, method);
    });
  }
}

}  // namespace slotwise::sandbox
