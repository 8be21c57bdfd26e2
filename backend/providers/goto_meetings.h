// goto_meetings.h — GoToMeeting REST adapter (docs/PROVIDERS.md "GoToMeeting").
//
// Requests (relative to `api_base`, e.g. "https://api.getgo.com/G2M/rest" or the sandbox's ".../goto/G2M/rest"):
//   CreateMeeting  POST /meetings {subject, starttime, endtime (UTC ISO 8601), passwordrequired, conferencecallinfo,
//                  timezonekey:"", meetingtype} → 201 with an ARRAY [{joinURL, meetingid, maxParticipants,
//                  uniqueMeetingId, conferenceCallInfo}] — note the casing; the first element is the meeting.
//   UpdateMeeting  PUT /meetings/{id} → 204
//   DeleteMeeting  DELETE /meetings/{id} → 204; 404 = already gone = success
//   HostUrl        GET /meetings/{id}/start → {"hostURL": "…"} (a bare JSON string or text URL is accepted too)
//   UpcomingMeetings GET /upcomingMeetings → 200 with an ARRAY [{meetingId (a string in the swagger; a number is
//                  accepted), subject, startTime, endTime, conferenceCallInfo, meetingType, passwordRequired, status
//                  ACTIVE|INACTIVE, organizerKey, email, firstName, lastName, accountKey, locale}] — no joinURL.
// Errors: provider_errors.h; a body that is not the documented shape is
// "provider_error", never a crash. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "providers/provider_client.h"
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
  std::string meeting_id;         // `meetingid` (create) / `meetingId` (upcoming list), as text
  std::string join_url;           // `joinURL`; empty for UpcomingMeetings items (the list does not carry it)
  std::string subject;            // set by UpcomingMeetings; Slotwise's recovery marker lives here
  Instant start = 0;              // `startTime` (UpcomingMeetings); 0 when absent or unreadable
  Instant end = 0;                // `endTime` (UpcomingMeetings); 0 when absent or unreadable
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
  // The authenticated organizer's upcoming meetings, in GoTo's order (one call; GoTo does not page this list).
  // Deleted meetings are not listed. An empty 200/204 body is an empty list. "provider_error" unless the body is an
  // array whose every element is an object with a meetingId; other errors as for every call (a 401 is refreshed once).
  Result<std::vector<GoToMeeting>> UpcomingMeetings();

 private:
  ProviderClient client_;
  std::string api_base_;
};

// Parses the 201 body of POST /meetings ("provider_error" unless an array whose first element has meetingid+joinURL).
Result<GoToMeeting> ParseGoToCreated(std::string_view body);

// Parses the 200 body of GET /upcomingMeetings (see UpcomingMeetings). Times are read as RFC 3339, also with a
// fraction and a "+hhmm" offset ("2026-03-02T09:00:00.000+0000").
Result<std::vector<GoToMeeting>> ParseGoToUpcoming(std::string_view body);

// The meetings whose subject carries `marker` as a whole token (followed by the end of the subject or by a character
// other than a letter, digit, '-' or '_': "Ref: sw-12-1" does not match "Ref: sw-12-10"). Every match, in input order;
// an empty marker matches nothing. Pure. The subject is at most 100 characters, so keep the marker short.
std::vector<GoToMeeting> FindGoToMeetingsByMarker(const std::vector<GoToMeeting>& meetings, std::string_view marker);

}  // namespace slotwise::providers
