// tracked_events.h — the events Slotwise created in a provider calendar (booked interviews, Zoom meetings) and must
// keep watching, with what Slotwise expects of each, and the flag set when someone changed one outside Slotwise.
//
// Contract:
// - One row per (connection_id, provider_event_id); Track again replaces the expectation and clears the flag.
//   Rows go away with their connection (ON DELETE CASCADE).
// - Flags: "" (as expected), "moved_externally", "deleted_externally", "room_declined". One flag per event, the most
//   severe observed (deleted > moved > room declined). `flagged_at` is when the current flag was first seen; it is
//   kept while the same flag is observed again and reset when the event is back as expected.
// - `Assess` is pure: it compares an expectation with an observation (ObservedEvent, built by ObservedFrom from what
//   the provider adapters read) and says which flag applies.
// - Times are Unix seconds (UTC); intervals are half-open [start, end).
// - Errors: "storage_error", "invalid_request" (empty ids, end <= start), "not_found" (SetFlag on an unknown row).
// - Thread-safe: one mutex serializes this store's statements on the shared SQLite handle.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/calendar_adapter.h"
#include "providers/zoom_meetings.h"
#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

inline constexpr std::string_view kFlagMovedExternally = "moved_externally";
inline constexpr std::string_view kFlagDeletedExternally = "deleted_externally";
inline constexpr std::string_view kFlagRoomDeclined = "room_declined";

struct TrackedEvent {
  std::string connection_id;      // the connection whose token reads the event
  std::string calendar_id;        // Google calendar id / Graph mailbox / Zoom host user id
  std::string provider_event_id;  // the provider's event (or Zoom meeting) id
  std::string kind;               // what Slotwise booked it as, e.g. "interview" (informational)
  std::int64_t expected_start = 0;
  std::int64_t expected_end = 0;
  std::string flag;             // "" or one of the kFlag* values
  std::string detail;           // one human sentence about the flag; "" when none
  std::int64_t flagged_at = 0;  // 0 when no flag
  std::int64_t checked_at = 0;  // last time a sync compared it; 0 = never
};

// What the provider says about an event now.
struct ObservedEvent {
  bool gone = false;       // deleted, cancelled or not found
  bool all_day = false;    // became an all-day event (no start/end instants)
  std::int64_t start = 0;  // valid when !gone && !all_day
  std::int64_t end = 0;
  std::vector<std::string> declined_rooms;  // resource attendees that declined
};

struct Assessment {
  std::string flag;    // "" or one of the kFlag* values
  std::string detail;  // "" when flag is ""
};

Assessment Assess(const TrackedEvent& expected, const ObservedEvent& observed);

// An event or meeting as the adapters read it (calendar_adapter.h, zoom_meetings.h), as an observation: cancelled is
// gone; declined resource attendees are declined rooms. "provider_error" when a timed event has no UTC start/end.
Result<ObservedEvent> ObservedFrom(const providers::CreatedEvent& event);
Result<ObservedEvent> ObservedFrom(const providers::ZoomMeeting& meeting);

class TrackedEvents {
 public:
  explicit TrackedEvents(SqliteStore& database) : database_(database) {}

  // Starts (or restarts) watching an event Slotwise created. The connection must exist.
  Result<bool> Track(const std::string& connection_id, const std::string& calendar_id,
                     const std::string& provider_event_id, std::int64_t expected_start, std::int64_t expected_end,
                     const std::string& kind, std::int64_t now);
  Result<bool> Untrack(const std::string& connection_id, const std::string& provider_event_id);

  // Every tracked event of a connection (ordered by expected start), and those of one of its calendars
  // (calendar ids compare case-insensitively: e-mail addresses).
  Result<std::vector<TrackedEvent>> Flags(const std::string& connection_id);
  Result<std::vector<TrackedEvent>> ForCalendar(const std::string& connection_id, const std::string& calendar_id);
  // Rows (any connection) tracking this provider event id — used to route Zoom webhooks, which name a meeting.
  Result<std::vector<TrackedEvent>> ByProviderEventId(const std::string& provider_event_id);

  // Records a sync's verdict (see the flag rules above).
  Result<bool> SetFlag(const std::string& connection_id, const std::string& provider_event_id,
                       const Assessment& assessment, std::int64_t now);

 private:
  Result<std::vector<TrackedEvent>> Select(const std::string& where, const std::vector<std::string>& args);

  SqliteStore& database_;
  std::mutex mutex_;
};

}  // namespace slotwise
