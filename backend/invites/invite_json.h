// invite_json.h — the JSON form of a candidate invitation (the input of `slotwise invite render`):
//   {"uid", "sequence"?, "method"?: "REQUEST"|"CANCEL", "summary"?, "description"?, "location"?, "join_url"?,
//    "start", "end", "dtstamp"? (RFC 3339), "organizer": {"name"?, "email"},
//    "candidate": {"name"?, "email", "time_zone"? (IANA, default "UTC")}}
//
// Contract: pure, thread-safe, no throw except std::bad_alloc. Members not listed above are rejected (a misspelt
// "join_ur" must not silently drop the meeting link). Errors: "invalid_json" for text that is not JSON,
// "invalid_invite" with `field` = the member's JSON path ("candidate.email") for a missing member or one of the wrong
// type or format. Checks that need no JSON (empty uid, end <= start, …) are RenderICalendar's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "invites/icalendar.h"
#include "slotwise/result.h"

namespace slotwise::invites {

struct InviteRequest {
  CandidateInvite invite;          // invite.dtstamp is 0 when `dtstamp` is absent
  std::optional<Instant> dtstamp;  // absent: the caller stamps the current time
  std::string time_zone = "UTC";   // candidate.time_zone
};

Result<InviteRequest> ParseInviteRequest(std::string_view json_text);

}  // namespace slotwise::invites
