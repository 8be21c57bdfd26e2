// icalendar.h — the candidate's invitation as an iCalendar object (RFC 5545): one VEVENT plus the VTIMEZONE of the
// candidate's zone, ready to attach to an e-mail (text/calendar; method=REQUEST or CANCEL, RFC 6047).
//
// Privacy contract: the invitation is built ONLY from the CandidateInvite handed in. It is a separate object from the
// internal calendar event (the recruiter's event with interviewers and observers): callers must never copy the
// internal event's description, notes, attendee list or private links into it. Summary, description and location are
// the candidate-facing texts.
//
// Output contract:
// - CRLF line ends; content lines folded at 75 octets without splitting a UTF-8 sequence; TEXT values escaped.
// - VCALENDAR: PRODID, VERSION:2.0, CALSCALE:GREGORIAN, METHOD:REQUEST|CANCEL.
// - VTIMEZONE (TZID = the zone's IANA name) with one STANDARD/DAYLIGHT sub-component per offset change from at least
//   one year before `start` to at least one year after `end` (DTSTART = wall time just before the change, in the old
//   offset; TZOFFSETFROM/TZOFFSETTO). It starts with the change that set the offset in force at the window's start,
//   or, when there was none in the 400 days before, an observance at the window's start with TZOFFSETFROM = TO.
//   A sub-component is DAYLIGHT when its offset is above the offsets before and after it, STANDARD otherwise.
// - VEVENT: UID, SEQUENCE, DTSTAMP (UTC), DTSTART/DTEND;TZID=<zone> in wall time, SUMMARY, DESCRIPTION, LOCATION (the
//   room, else the join URL), URL (the join URL), ORGANIZER, ATTENDEE (the candidate, RSVP), STATUS (CONFIRMED, or
//   CANCELLED for kCancel), TRANSP:OPAQUE. Empty summary/description/location/URL and empty names are left out.
// - A UTC zone (UTC, Etc/UTC, GMT … — any alias of UTC) gives "…Z" times and no VTIMEZONE. A start or end that falls
//   in the second occurrence of a repeated wall time (which a TZID time cannot express: RFC 5545 picks the first) is
//   written in UTC instead.
// Thread-safe (pure function of its arguments).
#pragma once

#include <string>

#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::invites {

enum class InviteMethod { kRequest, kCancel };  // iTIP method: a new/updated invitation, or its cancellation

struct Person {
  std::string name;   // display name (CN); may be empty; DQUOTEs are removed
  std::string email;  // required: non-empty, contains "@", no whitespace or control characters
};

struct CandidateInvite {
  std::string uid;   // stable across updates and the cancel; non-empty, no control characters
  int sequence = 0;  // >= 0; raise it on every update (RFC 5546 §2.1.4)
  InviteMethod method = InviteMethod::kRequest;
  std::string summary;      // candidate-facing title
  std::string description;  // candidate-facing text; NEVER the internal event's description or notes
  std::string location;     // the room or address; empty -> LOCATION is the join URL
  std::string join_url;     // video meeting URL; empty when on site; no whitespace or control characters
  Instant start = 0;        // UTC instant, inclusive
  Instant end = 0;          // UTC instant, exclusive; start < end <= start + kMaxInviteDuration
  Person organizer;         // the recruiter (ORGANIZER)
  Person candidate;         // the only ATTENDEE
  Instant dtstamp = 0;      // when this version of the object was created (UTC)
};

inline constexpr Duration kMaxInviteDuration = 366 * kSecondsPerDay;
inline constexpr Instant kMinInviteInstant = -2208988800;  // 1900-01-01T00:00:00Z: start, end and dtstamp are
inline constexpr Instant kMaxInviteInstant = 32503680000;  // 3000-01-01T00:00:00Z  within [kMin, kMax)

// The iCalendar text of `invite` with times in `zone` (the candidate's zone). On invalid input returns an Error with
// code "invalid_invite" and `field` naming the member ("uid", "sequence", "end", "join_url", "organizer.email",
// "candidate.email", …); nothing is rendered then.
Result<std::string> RenderICalendar(const CandidateInvite& invite, const TimeZone& zone);

// True when `zone` is UTC under any of its IANA names (the zone needs no VTIMEZONE).
bool IsUtcZone(const TimeZone& zone);

}  // namespace slotwise::invites
