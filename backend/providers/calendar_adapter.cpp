// calendar_adapter.cpp — names and shared validation for calendar_adapter.h.
#include "providers/calendar_adapter.h"

#include "providers/provider_errors.h"
#include "slotwise/error_codes.h"

namespace slotwise::providers {

std::string_view ConferenceStatusName(ConferenceStatus status) {
  switch (status) {
    case ConferenceStatus::kNone: return "none";
    case ConferenceStatus::kPending: return "pending";
    case ConferenceStatus::kSuccess: return "success";
    case ConferenceStatus::kFailure: return "failure";
  }
  return "none";
}

std::string_view AttendeeResponseName(AttendeeResponse response) {
  switch (response) {
    case AttendeeResponse::kUnknown: return "unknown";
    case AttendeeResponse::kNeedsAction: return "needs_action";
    case AttendeeResponse::kAccepted: return "accepted";
    case AttendeeResponse::kTentative: return "tentative";
    case AttendeeResponse::kDeclined: return "declined";
    case AttendeeResponse::kOrganizer: return "organizer";
  }
  return "unknown";
}

Result<CalendarChanges> CalendarAdapter::Changes(std::string_view, Interval) {
  return Error{codes::kNotSupported, "this calendar adapter cannot list changes incrementally", ""};
}

Result<bool> ValidateEventSpec(const EventSpec& spec) {
  if (spec.idempotency_key.empty()) {
    return InvalidRequest("an event needs an idempotency key so that a retried create cannot double-book",
                          "idempotency_key");
  }
  if (spec.end <= spec.start) return InvalidRequest("the event's end must be after its start", "end");
  for (std::size_t i = 0; i < spec.attendees.size(); ++i) {
    if (spec.attendees[i].email.empty()) {
      return InvalidRequest("every attendee needs an email address", "attendees[" + std::to_string(i) + "].email");
    }
  }
  return true;
}

}  // namespace slotwise::providers
