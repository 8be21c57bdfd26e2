// goto_meetings.cpp — see goto_meetings.h.
#include "goto_meetings.h"

#include <utility>

#include "provider_json.h"
#include "slotwise/json_text.h"
#include "url.h"

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

}  // namespace slotwise::providers
