// change_assessment.h — how a sync decides whether something Slotwise booked (store/interview_model.h BookedObject)
// was changed outside Slotwise: the observation an adapter read, compared with what was booked.
//
// Contract:
// - Flags: "" (as booked), "moved_externally", "deleted_externally", "room_declined", "attendees_changed"; one per
//   object, the most severe observed (deleted > moved > room declined > attendees changed).
// - "attendees_changed": an event's people (attendees that are not resources, the organiser left out) differ from
//   the interviewers and observers booked, compared case-insensitively — someone removed or added — or a booked
//   interviewer declined (an observer's decline is not flagged: observers are optional). Who is recorded in
//   Observation::attendees, e-mails in lower case, sorted. Meetings carry no attendees and are never so flagged.
// - `Assess` is pure. Times are Unix seconds (UTC); intervals are half-open [start, end).
// - `ObservedFrom` turns what the adapters read into an observation: a cancelled event is gone; declined resource
//   attendees are declined rooms; "provider_error" when a timed event has no UTC start/end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "booking/provider_gateway.h"
#include "providers/calendar_adapter.h"
#include "slotwise/result.h"
#include "store/interview_model.h"

namespace slotwise {

inline constexpr std::string_view kFlagMovedExternally = "moved_externally";
inline constexpr std::string_view kFlagDeletedExternally = "deleted_externally";
inline constexpr std::string_view kFlagRoomDeclined = "room_declined";
inline constexpr std::string_view kFlagAttendeesChanged = "attendees_changed";

// Who Slotwise invited to a booked event: the interview's organiser (never compared), interviewers and observers.
struct BookedPeople {
  std::string organizer;
  std::vector<std::string> interviewers;
  std::vector<std::string> observers;
};

BookedPeople PeopleOf(const InterviewSpec& spec);

// How severe a flag is: 4 deleted, 3 moved, 2 room declined, 1 attendees changed, 0 none (or unknown).
int FlagSeverity(std::string_view flag);

// `spec` with the people as the event has them now: the removed and the declining taken off (compared
// case-insensitively), the added appended to the interviewers. Other fields unchanged.
InterviewSpec WithAttendeeChange(InterviewSpec spec, const AttendeeChange& change);

// "a@x, b@y" (for sentences).
std::string JoinedEmails(const std::vector<std::string>& emails);

// What the provider says about an event or meeting now.
struct ObservedEvent {
  bool gone = false;       // deleted, cancelled or not found
  bool all_day = false;    // became an all-day event (no start/end instants)
  std::int64_t start = 0;  // valid when !gone && !all_day
  std::int64_t end = 0;
  std::vector<std::string> declined_rooms;  // resource attendees that declined
  bool people_known = false;                // an event's attendees were read (false for meetings)
  std::vector<providers::AttendeeStatus> people;  // attendees that are not resources, with their answers
};

// The verdict, as the store records it (observed times are 0 when gone or all-day). `people` is who was booked on
// the object (ignored unless observed.people_known).
Observation Assess(const BookedObject& booked, const ObservedEvent& observed, const BookedPeople& people);

Result<ObservedEvent> ObservedFrom(const providers::CreatedEvent& event);
Result<ObservedEvent> ObservedFrom(const MeetingState& meeting);

}  // namespace slotwise
