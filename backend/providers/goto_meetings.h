// goto_meetings.h — GoToMeeting REST adapter (PROVIDERS.md "GoToMeeting").
//
// Requests (relative to `api_base`, e.g. "https://api.getgo.com/G2M/rest" or the sandbox's ".../goto/G2M/rest"):
//   CreateMeeting  POST /meetings {subject, starttime, endtime (UTC ISO 8601), passwordrequired, conferencecallinfo,
//                  timezonekey:"", meetingtype} → 201 with an ARRAY [{joinURL, meetingid, maxParticipants,
//                  uniqueMeetingId, conferenceCallInfo}] — note the casing; the first element is the meeting.
//   UpdateMeeting  PUT /meetings/{id} → 204
//   DeleteMeeting  DELETE /meetings/{id} → 204; 404 = already gone = success
//   HostUrl        GET /meetings/{id}/start → {"hostURL": "…"} (a bare JSON string or text URL is accepted too)
// Errors: provider_errors.h; a body that is not the documented shape is "provider_error", never a crash.
// Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "provider_client.h"
#include "slotwise/time.h"

namespace slotwise::providers {

struct GoToMeetingSpec {
  std::string subject;                         // ≤ 100 characters
  Instant start = 0;                           // UTC
  Instant end = 0;                             // UTC, after start
  bool password_required = false;
  std::string conference_call_info = "VoIP";   // PSTN | Free | Hybrid | Private | VoIP
  std::string meeting_type = "scheduled";      // immediate | scheduled | recurring
};

struct GoToMeeting {
  std::string meeting_id;         // `meetingid` (a number on the wire), as text
  std::string join_url;           // `joinURL`
  std::string unique_meeting_id;  // `uniqueMeetingId`, as text; may be empty
  std::optional<std::int64_t> max_participants;
  std::string conference_call_info;
};

class GoToMeetings {
 public:
  GoToMeetings(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base, RetryPolicy policy = {},
               RetryHooks hooks = {});

  Result<GoToMeeting> CreateMeeting(const GoToMeetingSpec& spec);
  Result<bool> UpdateMeeting(std::string_view meeting_id, const GoToMeetingSpec& spec);  // true on 204
  Result<bool> DeleteMeeting(std::string_view meeting_id);                               // true; gone = true
  Result<std::string> HostUrl(std::string_view meeting_id);                              // the organiser's start URL

 private:
  ProviderClient client_;
  std::string api_base_;
};

// Parses the 201 body of POST /meetings ("provider_error" unless an array whose first element has meetingid+joinURL).
Result<GoToMeeting> ParseGoToCreated(std::string_view body);

}  // namespace slotwise::providers
