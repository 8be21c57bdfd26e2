// change_assessment.cpp — see change_assessment.h.
#include "booking/change_assessment.h"

#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

Error Malformed(std::string_view provider, std::string_view what) {
  return Error{codes::kProviderError,
               std::string(provider) + " answered an event that is not as documented: " + std::string(what), ""};
}

std::string What(const BookedObject& booked) {
  return booked.object == "meeting" ? booked.provider + " meeting" : "event";
}

std::string Range(std::int64_t start, std::int64_t end) {
  return FormatRfc3339(start) + " – " + FormatRfc3339(end);
}

}  // namespace

// [SECTION] Assessing an observation

Observation Assess(const BookedObject& expected, const ObservedEvent& observed) {
  if (observed.gone) {
    return {std::string(kFlagDeletedExternally), "the " + What(expected) + " was deleted or cancelled outside Slotwise (booked for " +
                                                     Range(expected.expected_start, expected.expected_end) + ")"};
  }
  if (observed.all_day) {
    return {std::string(kFlagMovedExternally),
            "the event was changed into an all-day event outside Slotwise (booked for " +
                Range(expected.expected_start, expected.expected_end) + ")"};
  }
  if (observed.start != expected.expected_start || observed.end != expected.expected_end) {
    return {std::string(kFlagMovedExternally),
            "the " + What(expected) + " was moved to " + Range(observed.start, observed.end) +
                " outside Slotwise (booked for " + Range(expected.expected_start, expected.expected_end) + ")",
            observed.start, observed.end};
  }
  if (!observed.declined_rooms.empty()) {
    std::string rooms;
    for (const std::string& room : observed.declined_rooms) rooms += (rooms.empty() ? "" : ", ") + room;
    return {std::string(kFlagRoomDeclined), "the room declined the booking: " + rooms, observed.start, observed.end};
  }
  return {"", "", observed.start, observed.end};
}

Result<ObservedEvent> ObservedFrom(const providers::CreatedEvent& event) {
  ObservedEvent observed;
  if (event.cancelled) {
    observed.gone = true;
    return observed;
  }
  observed.all_day = event.all_day;
  if (!event.all_day && (event.start == 0 || event.end <= event.start)) {
    return Malformed("The calendar", "start/end missing or not in UTC");
  }
  observed.start = event.start;
  observed.end = event.end;
  for (const providers::AttendeeStatus& attendee : event.attendees) {
    if (attendee.resource && attendee.response == providers::AttendeeResponse::kDeclined) {
      observed.declined_rooms.push_back(attendee.email);
    }
  }
  return observed;
}

Result<ObservedEvent> ObservedFrom(const MeetingState& meeting) {
  if (meeting.start == 0 || meeting.end <= meeting.start) return Malformed("The meeting service", "start or duration missing");
  ObservedEvent observed;
  observed.start = meeting.start;
  observed.end = meeting.end;
  return observed;
}

}  // namespace slotwise
