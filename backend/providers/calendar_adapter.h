// calendar_adapter.h — the calendar interface every calendar provider adapter implements (Google Calendar,
// Microsoft Graph), and the value types it speaks.
//
// Contract (every implementation):
// - Instants are UTC seconds (slotwise::Instant); ranges are half-open [start, end).
// - Errors are values (provider_errors.h vocabulary plus the token source's "reauth_needed"/"consent_required");
//   nothing throws; a malformed provider response is a "provider_error", never a crash.
// - Thread-safe: one adapter may serve many threads (each call is independent; limits are enforced inside).
// - Creates are idempotent on `EventSpec::idempotency_key`: calling CreateEvent again with the same key (e.g. after a
//   timeout) returns the event the first call made instead of a second event.
// - DeleteEvent is idempotent: an event that is already gone (404/410) is success.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/dial_in.h"
#include "slotwise/intervals.h"
#include "slotwise/provider_busy.h"
#include "slotwise/result.h"

namespace slotwise::providers {

enum class VideoKind : std::uint8_t { kNone, kMeet, kTeams };  // conference created WITH the event
enum class SendUpdates : std::uint8_t { kAll, kExternalOnly, kNone };  // who the provider emails about changes
enum class ConferenceStatus : std::uint8_t { kNone, kPending, kSuccess, kFailure };
enum class AttendeeResponse : std::uint8_t { kUnknown, kNeedsAction, kAccepted, kTentative, kDeclined, kOrganizer };

std::string_view ConferenceStatusName(ConferenceStatus status);    // "none", "pending", "success", "failure"
std::string_view AttendeeResponseName(AttendeeResponse response);  // "unknown", "needs_action", "accepted", …

struct Attendee {
  std::string email;
  std::string name;       // display name; may be empty
  bool optional = false;  // Graph type "optional"; Google optional:true
  bool resource = false;  // a room or other resource (Graph type "resource"; Google resource:true)
};

struct EventSpec {
  std::string organiser_calendar_id;  // Google calendar id / Graph user id or UPN; empty = the adapter's default
  std::string idempotency_key;        // client-chosen, stable across retries of the same booking; required
  std::string summary;
  std::string description;            // plain text
  Instant start = 0;                  // UTC
  Instant end = 0;                    // UTC, exclusive; must be after start
  std::string time_zone = "UTC";      // IANA name the event is shown in (Google timeZone); informational for Graph
  std::vector<Attendee> attendees;
  std::string location;               // free text; for Graph the first resource attendee is the location's mailbox
  VideoKind video = VideoKind::kNone;
  SendUpdates send_updates = SendUpdates::kAll;
  bool tentative = false;             // a hold, not yet a meeting: Google status "tentative", Graph showAs "tentative"
};

struct AttendeeStatus {
  std::string email;
  AttendeeResponse response = AttendeeResponse::kUnknown;
  bool resource = false;  // a room or other resource attendee
};

struct CreatedEvent {
  std::string id;           // provider event id
  std::string ical_uid;     // iCalUID (Google) / iCalUId (Graph); empty when absent
  std::string web_link;     // htmlLink (Google) / webLink (Graph)
  std::string join_url;     // Meet / Teams join URL; empty when none (yet)
  std::vector<DialIn> dial_in;  // the conference's phone numbers (Meet phone entry points, Teams toll numbers)
  ConferenceStatus conference = ConferenceStatus::kNone;
  bool cancelled = false;   // Google status "cancelled" / Graph isCancelled
  bool all_day = false;     // a date-only (Google) / isAllDay (Graph) event: start/end are then 0
  Instant start = 0;        // UTC; 0 when all-day or not stated in UTC (Graph is asked for UTC)
  Instant end = 0;          // UTC, exclusive
  std::vector<AttendeeStatus> attendees;  // in the provider's order
};

// One event an incremental sync reports (Changes): changed, created or deleted since the cursor.
struct EventChange {
  std::string id;        // the provider event id
  bool deleted = false;  // Google status "cancelled" / Graph "@removed" (also: left the synchronised window)
};

// What Changes answers. When `expired`, the cursor given is no longer accepted (Google 410 fullSyncRequired, Graph
// 410 SyncStateNotFound …): `changes` is empty and `cursor` too; start over with an empty cursor. Otherwise `cursor`
// is the opaque cursor of the next call (store it only once the changes are handled) and `full` says whether this was
// a full listing (no cursor given: `changes` is every event the window holds, not what changed).
struct CalendarChanges {
  std::vector<EventChange> changes;
  std::string cursor;
  bool full = false;
  bool expired = false;
};

struct RoomInfo {
  std::string email;
  std::string name;
  std::optional<std::int64_t> capacity;  // nullopt = unknown
  std::string building;
  std::string floor;                     // Graph floorNumber as text ("3"); may be a label
  std::vector<std::string> features;     // Google featureInstances' names; Graph tags and named devices
  std::string room_list;                 // Graph: the address of the room list holding it (ListRoomLists); "" = none
};

class CalendarAdapter {
 public:
  virtual ~CalendarAdapter() = default;

  // Busy times of `calendar_ids` over `range` (UTC, half-open; must not be empty). One CalendarBusy per id, in the
  // order given (duplicates answered once each). A calendar the provider reports an error for gets that Error
  // ("provider_calendar_error" — never "free"). The outer Result fails only for bad input ("invalid_request") or
  // when the connection itself fails ("unauthorized", "reauth_needed", "consent_required"); other failed calls
  // become the Error of the calendars they covered. `time_zone` is the IANA zone the provider formats times in
  // (Google's timeZone; Graph is always asked for UTC), it never changes the instants returned.
  virtual Result<std::vector<CalendarBusy>> FreeBusy(const std::vector<std::string>& calendar_ids, Interval range,
                                                     std::string_view time_zone) = 0;
  virtual Result<CreatedEvent> CreateEvent(const EventSpec& spec) = 0;
  // Replaces time, text, attendees and location of an existing event (spec.idempotency_key unused).
  virtual Result<CreatedEvent> UpdateEvent(std::string_view event_id, const EventSpec& spec) = 0;
  // Deletes the event from the adapter's default calendar; true when deleted or already gone.
  virtual Result<bool> DeleteEvent(std::string_view event_id) = 0;
  // The organisation's rooms; "not_supported" where the provider has no room directory through this connection.
  virtual Result<std::vector<RoomInfo>> ListRooms() = 0;
  // The event as it is now (e.g. attendee/room responses) from the adapter's default calendar.
  virtual Result<CreatedEvent> GetEvent(std::string_view event_id) = 0;
  // The events of the adapter's default calendar changed since `cursor` (a previous answer's cursor; "" = none: a
  // full listing of `window` that only establishes the cursor). Follows every page. The window bounds only a full
  // listing (Google: timeMin/timeMax may not accompany a syncToken; Graph: the deltaLink keeps the first window).
  // Default: "not_supported".
  virtual Result<CalendarChanges> Changes(std::string_view cursor, Interval window);
};

// Shared validation of an EventSpec (non-empty idempotency key, end after start, attendee emails non-empty);
// "invalid_request" with the field name on failure.
Result<bool> ValidateEventSpec(const EventSpec& spec);

}  // namespace slotwise::providers
