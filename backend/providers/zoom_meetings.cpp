// zoom_meetings.cpp — see zoom_meetings.h.
#include "providers/zoom_meetings.h"

#include <algorithm>
#include <utility>

#include "net/url.h"
#include "providers/idempotency.h"
#include "providers/provider_json.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxPasscodeLength = 10;
constexpr std::size_t kMaxTopicLength = 200;
constexpr std::int64_t kMaxListPageSize = 300;

bool BoolIn(const json& document, std::string_view section, std::string_view key) {
  const json* part = detail::Member(document, section);
  return part != nullptr && detail::BoolAt(*part, key).value_or(false);
}

Result<bool> ValidateSpec(const ZoomMeetingSpec& spec) {
  if (spec.password) {
    if (Result<bool> valid = ValidateZoomPasscode(*spec.password); !valid) return valid;
  }
  if (spec.duration_minutes <= 0) return InvalidRequest("a Zoom meeting needs a positive duration", "duration");
  if (spec.topic.size() > kMaxTopicLength) return InvalidRequest("a Zoom topic is at most 200 characters", "topic");
  if (spec.jbh_time && *spec.jbh_time != 0 && *spec.jbh_time != 5 && *spec.jbh_time != 10) {
    return InvalidRequest("jbh_time must be 0, 5 or 10 minutes", "settings.jbh_time");
  }
  return true;
}

json MeetingBody(const ZoomMeetingSpec& spec) {
  json body = {{"topic", spec.topic},
               {"type", 2},
               {"start_time", FormatRfc3339(spec.start)},
               {"duration", spec.duration_minutes}};
  if (!spec.timezone.empty()) body["timezone"] = spec.timezone;
  if (spec.password) body["password"] = *spec.password;
  if (!spec.agenda.empty()) body["agenda"] = spec.agenda;
  if (!spec.schedule_for.empty()) body["schedule_for"] = spec.schedule_for;
  json settings = json::object();
  if (spec.join_before_host) settings["join_before_host"] = *spec.join_before_host;
  if (spec.jbh_time) settings["jbh_time"] = *spec.jbh_time;
  if (spec.waiting_room) settings["waiting_room"] = *spec.waiting_room;
  if (spec.meeting_authentication) settings["meeting_authentication"] = *spec.meeting_authentication;
  if (!spec.alternative_hosts.empty()) {
    std::string hosts;
    for (const std::string& host : spec.alternative_hosts) hosts += (hosts.empty() ? "" : ";") + host;
    settings["alternative_hosts"] = hosts;
  }
  if (!settings.empty()) body["settings"] = std::move(settings);
  return body;
}

// The fields every meeting answer shares (create, GET, list items); `id` may come back empty.
ZoomMeeting MeetingFromJson(const json& object) {
  ZoomMeeting meeting;
  meeting.id = detail::IdAt(object, "id").value_or("");
  meeting.uuid = detail::StringOr(object, "uuid");
  meeting.host_id = detail::StringOr(object, "host_id");
  meeting.host_email = detail::StringOr(object, "host_email");
  meeting.topic = detail::StringOr(object, "topic");
  meeting.agenda = detail::StringOr(object, "agenda");
  meeting.timezone = detail::StringOr(object, "timezone");
  meeting.join_url = detail::StringOr(object, "join_url");
  meeting.start_url = detail::StringOr(object, "start_url");
  meeting.password = detail::StringOr(object, "password");
  if (const json* settings = detail::Member(object, "settings"); settings && settings->is_object()) {
    meeting.join_before_host = detail::BoolAt(*settings, "join_before_host");
    if (const json* numbers = detail::Member(*settings, "global_dial_in_numbers"); numbers && numbers->is_array()) {
      for (const json& number : *numbers) {
        const std::string digits = detail::StringOr(number, "number");
        if (digits.empty()) continue;
        std::string region = detail::StringOr(number, "country_name");
        if (const std::string city = detail::StringOr(number, "city"); !city.empty()) {
          region += (region.empty() ? "" : ", ") + city;
        }
        meeting.dial_in.push_back({digits, region, meeting.id});
      }
    }
  }
  meeting.start_time = detail::StringOr(object, "start_time");
  meeting.start = ParseRfc3339(meeting.start_time).value_or(0);
  meeting.duration_minutes = detail::IntAt(object, "duration").value_or(0);
  meeting.type = detail::IntAt(object, "type").value_or(0);
  return meeting;
}

}  // namespace

Result<bool> ValidateZoomPasscode(std::string_view password) {
  if (password.empty()) return InvalidRequest("a Zoom passcode cannot be empty (omit it instead)", "password");
  if (password.size() > kMaxPasscodeLength) {
    return InvalidRequest("a Zoom passcode is at most 10 characters", "password");
  }
  for (char c : password) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' ||
                         c == '-' || c == '_' || c == '*';
    if (!allowed) {
      return InvalidRequest("a Zoom passcode may contain only letters, digits and @ - _ *", "password");
    }
  }
  return true;
}

ConferencingAccount ToConferencingAccount(const ZoomHostSettings& settings, std::string owner_sub) {
  ConferencingAccount account;
  account.provider = ConferencingProvider::kZoom;
  account.owner = std::move(owner_sub);
  account.personal = settings.personal;
  account.join_before_host = settings.join_before_host;
  account.jbh_time_minutes = settings.jbh_time_minutes;
  account.waiting_room = settings.waiting_room;
  account.passcode_enabled = settings.passcode_enabled;
  account.passcode_locked = settings.passcode_locked;
  return account;
}

ZoomHostSettings ParseZoomSettings(const json& user_settings, const json* lock_settings, bool personal) {
  ZoomHostSettings settings;
  settings.personal = personal;
  settings.join_before_host = BoolIn(user_settings, "schedule_meeting", "join_before_host");
  if (const json* schedule = detail::Member(user_settings, "schedule_meeting")) {
    const std::int64_t jbh = detail::IntAt(*schedule, "jbh_time").value_or(0);
    settings.jbh_time_minutes = (jbh == 5 || jbh == 10) ? jbh : 0;
  }
  settings.waiting_room = BoolIn(user_settings, "in_meeting", "waiting_room") ||
                          BoolIn(user_settings, "meeting_security", "waiting_room");
  settings.passcode_enabled = BoolIn(user_settings, "schedule_meeting", "require_password_for_scheduling_new_meetings");
  settings.meeting_authentication = detail::BoolAt(user_settings, "meeting_authentication").value_or(false) ||
                                    BoolIn(user_settings, "in_meeting", "meeting_authentication") ||
                                    BoolIn(user_settings, "meeting_security", "meeting_authentication");
  if (lock_settings != nullptr) {
    settings.lock_settings_known = true;
    settings.passcode_locked =
        BoolIn(*lock_settings, "schedule_meeting", "require_password_for_scheduling_new_meetings");
  }
  return settings;
}

ZoomMeetings::ZoomMeetings(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                           RetryPolicy policy, RetryHooks hooks, ZoomOptions options)
    : client_(transport, tokens, Provider::kZoom, policy, std::move(hooks), std::move(options.limiter)),
      api_base_(std::move(api_base)) {}

Result<net::HttpResponse> ZoomMeetings::Send(std::string method, std::string path, std::string body,
                                             std::string_view key) {
  return client_.Send(ProviderClient::JsonRequest(std::move(method), JoinUrl(api_base_, path), std::move(body)), key);
}

Error ZoomMeetings::ToError(const net::HttpResponse& response) const {
  Error error = client_.ToError(response);
  if (response.status == 429 && net::HeaderNameEquals(response.Header("X-RateLimit-Type"), "Daily-limit")) {
    std::string message = "Zoom's daily request limit for this host is used up; it resets at 00:00 UTC";
    if (const std::string_view after = response.Header("Retry-After"); !after.empty()) {
      message += " (Retry-After: " + std::string(after) + ")";
    }
    error = Error{codes::kRateLimited, message, "Daily-limit"};
  }
  return error;
}

Result<json> ZoomMeetings::GetJson(std::string path, std::string_view key) {
  Result<net::HttpResponse> sent = Send("GET", std::move(path), {}, key);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return ToError(*sent);
  std::optional<json> parsed = detail::ParseJson(sent->body);
  if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kZoom, "the body is not a JSON object");
  return std::move(*parsed);
}

Result<ZoomUser> ZoomMeetings::GetMe() {
  Result<json> me = GetJson("/users/me", "me");
  if (!me) return me.error();
  ZoomUser user;
  user.id = detail::IdAt(*me, "id").value_or("");
  user.email = detail::StringOr(*me, "email");
  user.type = detail::IntAt(*me, "type").value_or(0);
  user.timezone = detail::StringOr(*me, "timezone");
  user.account_id = detail::IdAt(*me, "account_id").value_or("");
  if (user.id.empty() || user.account_id.empty()) {
    return MalformedResponse(Provider::kZoom, "/users/me has no id or account_id");
  }
  return user;
}

Result<ZoomHostSettings> ZoomMeetings::GetSettings(const ZoomUser& user) {
  const std::string user_id = user.id.empty() ? std::string("me") : user.id;
  Result<json> settings = GetJson("/users/" + net::PercentEncode(user_id) + "/settings", user_id);
  if (!settings) return settings.error();
  const bool personal = user.type == 1;
  if (user.account_id.empty()) return ParseZoomSettings(*settings, nullptr, personal);
  Result<json> locks = GetJson("/accounts/" + net::PercentEncode(user.account_id) + "/lock_settings", user_id);
  if (!locks) {
    const std::string& code = locks.error().code;
    if (code == codes::kProviderForbidden || code == codes::kProviderRejected || code == codes::kProviderNotFound) {
      return ParseZoomSettings(*settings, nullptr, personal);  // no admin scope: lock state unknown
    }
    return locks.error();
  }
  return ParseZoomSettings(*settings, &*locks, personal);
}

Result<ZoomMeeting> ZoomMeetings::CreateMeeting(const ZoomMeetingSpec& spec) {
  if (Result<bool> valid = ValidateSpec(spec); !valid) return valid.error();
  const std::string user_id = spec.user_id.empty() ? std::string("me") : spec.user_id;
  Result<net::HttpResponse> sent =
      Send("POST", "/users/" + net::PercentEncode(user_id) + "/meetings", DumpJson(MeetingBody(spec)), user_id);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return ToError(*sent);
  return ParseZoomMeeting(sent->body);
}

Result<ZoomMeeting> ZoomMeetings::GetMeeting(std::string_view meeting_id) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  Result<net::HttpResponse> sent = Send("GET", "/meetings/" + net::PercentEncode(meeting_id), {}, {});
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return ToError(*sent);
  return ParseZoomMeeting(sent->body);
}

Result<ZoomMeeting> ParseZoomMeeting(std::string_view body) {
  std::optional<json> parsed = detail::ParseJson(body);
  if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kZoom, "the meeting is not a JSON object");
  ZoomMeeting meeting = MeetingFromJson(*parsed);
  if (meeting.id.empty() || meeting.join_url.empty()) {
    return MalformedResponse(Provider::kZoom, "the meeting has no id or join_url");
  }
  return meeting;
}

Result<std::vector<ZoomMeeting>> ZoomMeetings::ListMeetings(std::string_view user_id, ZoomListOptions options) {
  if (options.page_size < 1 || options.page_size > kMaxListPageSize) {
    return InvalidRequest("a Zoom meeting list page holds 1 to 300 meetings", "page_size");
  }
  if (options.max_pages < 1) return InvalidRequest("at least one page must be allowed", "max_pages");
  const std::string user = user_id.empty() ? std::string("me") : std::string(user_id);
  const std::string path = "/users/" + net::PercentEncode(user) + "/meetings";
  std::vector<ZoomMeeting> meetings;
  std::string page_token;
  for (int page = 0; page < options.max_pages; ++page) {
    net::Params query = {{"type", "upcoming"}, {"page_size", std::to_string(options.page_size)}};
    if (!page_token.empty()) query.emplace_back("next_page_token", page_token);
    Result<json> answer = GetJson(net::WithQuery(path, query), user);
    if (!answer) return answer.error();
    const json* items = detail::Member(*answer, "meetings");
    if (items != nullptr && !items->is_array() && !items->is_null()) {
      return MalformedResponse(Provider::kZoom, "the meeting list's meetings is not an array");
    }
    if (items != nullptr && items->is_array()) {
      for (const json& item : *items) {
        ZoomMeeting meeting = item.is_object() ? MeetingFromJson(item) : ZoomMeeting{};
        if (meeting.id.empty()) return MalformedResponse(Provider::kZoom, "a listed meeting has no id");
        meetings.push_back(std::move(meeting));
      }
    }
    page_token = detail::StringOr(*answer, "next_page_token");
    if (page_token.empty()) return meetings;
  }
  return Error{codes::kProviderError,
               "Zoom still had more upcoming meetings after " + std::to_string(options.max_pages) +
                   " pages; the list was not truncated",
               codes::kTooManyPages};
}

std::vector<ZoomMeeting> FindMeetingsByMarker(const std::vector<ZoomMeeting>& meetings, std::string_view marker) {
  std::vector<ZoomMeeting> found;
  for (const ZoomMeeting& meeting : meetings) {
    if (ContainsMarker(meeting.agenda, marker)) found.push_back(meeting);
  }
  return found;
}

std::vector<BusyEvent> ZoomMeetingsAsBusy(const std::vector<ZoomMeeting>& meetings, Interval window,
                                          std::string_view skip_agenda_containing) {
  constexpr std::int64_t kScheduled = 2;
  constexpr std::int64_t kRecurringFixedTime = 8;
  std::vector<BusyEvent> busy;
  for (const ZoomMeeting& meeting : meetings) {
    if (meeting.type != kScheduled && meeting.type != kRecurringFixedTime) continue;
    if (meeting.start_time.empty() || meeting.duration_minutes <= 0) continue;
    if (!ParseRfc3339(meeting.start_time)) continue;
    if (!skip_agenda_containing.empty() && meeting.agenda.find(skip_agenda_containing) != std::string::npos) continue;
    const Interval occupied{meeting.start, meeting.start + meeting.duration_minutes * kSecondsPerMinute};
    if (occupied.end <= window.start || occupied.start >= window.end) continue;
    BusyEvent event;
    event.interval = occupied;
    event.status = BusyStatus::kBusy;
    event.summary = meeting.topic;
    busy.push_back(std::move(event));
  }
  std::stable_sort(busy.begin(), busy.end(),
                   [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });
  return busy;
}

Result<std::vector<BusyEvent>> ZoomMeetings::BusyMeetings(Interval window, std::string_view skip_agenda_containing,
                                                          std::string_view user_id) {
  Result<std::vector<ZoomMeeting>> listed = ListMeetings(user_id);
  if (!listed) return listed.error();
  return ZoomMeetingsAsBusy(*listed, window, skip_agenda_containing);
}

Result<bool> ZoomMeetings::UpdateMeeting(std::string_view meeting_id, const ZoomMeetingSpec& spec) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  if (Result<bool> valid = ValidateSpec(spec); !valid) return valid.error();
  json body = MeetingBody(spec);
  body.erase("type");
  Result<net::HttpResponse> sent =
      Send("PATCH", "/meetings/" + net::PercentEncode(meeting_id), DumpJson(body), spec.user_id);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return ToError(*sent);
  return true;
}

Result<bool> ZoomMeetings::DeleteMeeting(std::string_view meeting_id) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  Result<net::HttpResponse> sent = Send("DELETE", "/meetings/" + net::PercentEncode(meeting_id), {}, {});
  if (!sent) return client_.ToError(sent.error());
  if (sent->Ok()) return true;
  if (sent->status == 404 && ProviderErrorCode(Provider::kZoom, *sent) == "3001") return true;  // already gone
  return ToError(*sent);
}

}  // namespace slotwise::providers
