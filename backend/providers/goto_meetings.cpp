// goto_meetings.cpp — see goto_meetings.h.
#include "providers/goto_meetings.h"

#include <utility>

#include "net/url.h"
#include "providers/idempotency.h"
#include "providers/provider_json.h"
#include "slotwise/json_text.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSubjectLength = 100;

Result<bool> ValidateSpec(const GoToMeetingSpec& spec) {
  if (spec.subject.size() > kMaxSubjectLength) {
    return InvalidRequest("a GoTo meeting subject is at most 100 characters", "subject");
  }
  if (spec.end <= spec.start) return InvalidRequest("the meeting's end must be after its start", "endtime");
  for (std::string_view allowed : {"PSTN", "Free", "Hybrid", "Private", "VoIP"}) {
    if (spec.conference_call_info == allowed) return true;
  }
  return InvalidRequest("conferencecallinfo must be PSTN, Free, Hybrid, Private or VoIP", "conferencecallinfo");
}

std::string Body(const GoToMeetingSpec& spec) {
  return DumpJson({{"subject", spec.subject},
                   {"starttime", FormatRfc3339(spec.start)},
                   {"endtime", FormatRfc3339(spec.end)},
                   {"passwordrequired", spec.password_required},
                   {"conferencecallinfo", spec.conference_call_info},
                   {"timezonekey", ""},
                   {"meetingtype", spec.meeting_type}});
}

// RFC 3339, or GoTo's variants of it: a fraction of any digits (or none: "…:00.+0000") and a "+hhmm" offset.
std::optional<Instant> ParseGoToTime(std::string text) {
  if (std::optional<Instant> strict = ParseRfc3339(text)) return strict;
  if (text.size() > 19 && text[19] == '.') {
    std::size_t end = 20;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    text.erase(19, end - 19);
  }
  const std::size_t zone = 19;
  if (text.size() == zone + 5 && (text[zone] == '+' || text[zone] == '-')) text.insert(zone + 3, ":");
  return ParseRfc3339(text);
}

}  // namespace

Result<GoToMeeting> ParseGoToCreated(std::string_view body) {
  std::optional<json> parsed = detail::ParseJson(body);
  if (!parsed || !parsed->is_array() || parsed->empty() || !(*parsed)[0].is_object()) {
    return MalformedResponse(Provider::kGoTo, "POST /meetings did not answer a non-empty JSON array of meetings");
  }
  const json& first = (*parsed)[0];
  GoToMeeting meeting;
  meeting.meeting_id = detail::IdAt(first, "meetingid").value_or("");
  meeting.join_url = detail::StringOr(first, "joinURL");
  if (meeting.meeting_id.empty() || meeting.join_url.empty()) {
    return MalformedResponse(Provider::kGoTo, "the created meeting has no meetingid or joinURL");
  }
  meeting.unique_meeting_id = detail::IdAt(first, "uniqueMeetingId").value_or("");
  meeting.max_participants = detail::IntAt(first, "maxParticipants");
  meeting.conference_call_info = detail::StringOr(first, "conferenceCallInfo");
  return meeting;
}

Result<std::vector<GoToMeeting>> ParseGoToUpcoming(std::string_view body) {
  std::vector<GoToMeeting> meetings;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return meetings;
  std::optional<json> parsed = detail::ParseJson(body);
  if (!parsed || !parsed->is_array()) {
    return MalformedResponse(Provider::kGoTo, "GET /upcomingMeetings did not answer a JSON array of meetings");
  }
  for (const json& item : *parsed) {
    GoToMeeting meeting;
    if (item.is_object()) meeting.meeting_id = detail::IdAt(item, "meetingId").value_or("");
    if (meeting.meeting_id.empty()) return MalformedResponse(Provider::kGoTo, "an upcoming meeting has no meetingId");
    meeting.subject = detail::StringOr(item, "subject");
    meeting.start = ParseGoToTime(detail::StringOr(item, "startTime")).value_or(0);
    meeting.end = ParseGoToTime(detail::StringOr(item, "endTime")).value_or(0);
    meeting.join_url = detail::StringOr(item, "joinURL");
    meeting.conference_call_info = detail::StringOr(item, "conferenceCallInfo");
    meetings.push_back(std::move(meeting));
  }
  return meetings;
}

std::vector<GoToMeeting> FindGoToMeetingsByMarker(const std::vector<GoToMeeting>& meetings, std::string_view marker) {
  std::vector<GoToMeeting> found;
  for (const GoToMeeting& meeting : meetings) {
    if (ContainsMarker(meeting.subject, marker)) found.push_back(meeting);
  }
  return found;
}

GoToMeetings::GoToMeetings(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                           RetryPolicy policy, RetryHooks hooks)
    : client_(transport, tokens, Provider::kGoTo, policy, std::move(hooks)), api_base_(std::move(api_base)) {}

Result<GoToMeeting> GoToMeetings::CreateMeeting(const GoToMeetingSpec& spec) {
  if (Result<bool> valid = ValidateSpec(spec); !valid) return valid.error();
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("POST", JoinUrl(api_base_, "/meetings"), Body(spec)));
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return ParseGoToCreated(sent->body);
}

Result<bool> GoToMeetings::UpdateMeeting(std::string_view meeting_id, const GoToMeetingSpec& spec) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  if (Result<bool> valid = ValidateSpec(spec); !valid) return valid.error();
  Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest(
      "PUT", JoinUrl(api_base_, "/meetings/" + net::PercentEncode(meeting_id)), Body(spec)));
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return true;
}

Result<bool> GoToMeetings::DeleteMeeting(std::string_view meeting_id) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  Result<net::HttpResponse> sent = client_.Send(
      ProviderClient::JsonRequest("DELETE", JoinUrl(api_base_, "/meetings/" + net::PercentEncode(meeting_id))));
  if (!sent) return client_.ToError(sent.error());
  if (sent->Ok() || sent->status == 404) return true;
  return client_.ToError(*sent);
}

Result<std::string> GoToMeetings::HostUrl(std::string_view meeting_id) {
  if (meeting_id.empty()) return InvalidRequest("the meeting id is empty", "meeting_id");
  Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest(
      "GET", JoinUrl(api_base_, "/meetings/" + net::PercentEncode(meeting_id) + "/start")));
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  std::string url;
  if (std::optional<json> parsed = detail::ParseJson(sent->body)) {
    if (parsed->is_string()) url = parsed->get<std::string>();
    else url = detail::StringAt(*parsed, "hostURL").value_or(detail::StringOr(*parsed, "hostUrl"));
  } else if (sent->body.rfind("https://", 0) == 0 || sent->body.rfind("http://", 0) == 0) {
    url = sent->body;
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r' || url.back() == ' ')) url.pop_back();
  }
  if (url.empty()) return MalformedResponse(Provider::kGoTo, "GET /meetings/{id}/start has no hostURL");
  return url;
}

Result<std::vector<GoToMeeting>> GoToMeetings::UpcomingMeetings() {
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("GET", JoinUrl(api_base_, "/upcomingMeetings")));
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return ParseGoToUpcoming(sent->body);
}

}  // namespace slotwise::providers
