// change_assessment.h — how a sync decides whether something Slotwise booked (store/interview_model.h BookedObject)
// was changed outside Slotwise: the observation an adapter read, compared with what was booked.
//
// Contract:
// - Flags: "" (as booked), "moved_externally", "deleted_externally", "room_declined"; one per object, the most
//   severe observed (deleted > moved > room declined).
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

// What the provider says about an event or meeting now.
struct ObservedEvent {
  bool gone = false;       // deleted, cancelled or not found
  bool all_day = false;    // became an all-day event (no start/end instants)
  std::int64_t start = 0;  // valid when !gone && !all_day
  std::int64_t end = 0;
  std::vector<std::string> declined_rooms;  // resource attendees that declined
};

// The verdict, as the store records it (observed times are 0 when gone or all-day).
Observation Assess(const BookedObject& booked, const ObservedEvent& observed);

Result<ObservedEvent> ObservedFrom(const providers::CreatedEvent& event);
Result<ObservedEvent> ObservedFrom(const MeetingState& meeting);

}  // namespace slotwise
