// tracked_events.cpp — see tracked_events.h.
#include "connections/tracked_events.h"

#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "connection_id, calendar_id, provider_event_id, kind, expected_start, expected_end, flag, detail, flagged_at, "
    "checked_at";

Error Malformed(std::string_view provider, std::string_view what) {
  return Error{codes::kProviderError,
               std::string(provider) + " answered an event that is not as documented: " + std::string(what), ""};
}

std::string Range(std::int64_t start, std::int64_t end) {
  return FormatRfc3339(start) + " – " + FormatRfc3339(end);
}

}  // namespace

// [SECTION] Assessing an observation

Assessment Assess(const TrackedEvent& expected, const ObservedEvent& observed) {
  if (observed.gone) {
    return {std::string(kFlagDeletedExternally), "the event was deleted or cancelled outside Slotwise (booked for " +
                                                     Range(expected.expected_start, expected.expected_end) + ")"};
  }
  if (observed.all_day) {
    return {std::string(kFlagMovedExternally),
            "the event was changed into an all-day event outside Slotwise (booked for " +
                Range(expected.expected_start, expected.expected_end) + ")"};
  }
  if (observed.start != expected.expected_start || observed.end != expected.expected_end) {
    return {std::string(kFlagMovedExternally), "the event was moved to " + Range(observed.start, observed.end) +
                                                   " outside Slotwise (booked for " +
                                                   Range(expected.expected_start, expected.expected_end) + ")"};
  }
  if (!observed.declined_rooms.empty()) {
    std::string rooms;
    for (const std::string& room : observed.declined_rooms) rooms += (rooms.empty() ? "" : ", ") + room;
    return {std::string(kFlagRoomDeclined), "the room declined the booking: " + rooms};
  }
  return {};
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

Result<ObservedEvent> ObservedFrom(const providers::ZoomMeeting& meeting) {
  if (meeting.start == 0 || meeting.duration_minutes <= 0) return Malformed("Zoom", "start_time or duration missing");
  ObservedEvent observed;
  observed.start = meeting.start;
  observed.end = meeting.start + meeting.duration_minutes * 60;
  return observed;
}

// [SECTION] The store

Result<std::vector<TrackedEvent>> TrackedEvents::Select(const std::string& where,
                                                        const std::vector<std::string>& args) {
  return Query<TrackedEvent>(database_.handle(),
                             std::string("SELECT ") + kColumns + " FROM tracked_events WHERE " + where +
                                 " ORDER BY expected_start, provider_event_id",
                             std::vector<SqlValue>(args.begin(), args.end()), [](SqlRow& row) {
                               return TrackedEvent{row.Text(), row.Text(), row.Text(), row.Text(), row.Int(),
                                                   row.Int(),  row.Text(), row.Text(), row.Int(),  row.Int()};
                             });
}

Result<bool> TrackedEvents::Track(const std::string& connection_id, const std::string& calendar_id,
                                  const std::string& provider_event_id, std::int64_t expected_start,
                                  std::int64_t expected_end, const std::string& kind, std::int64_t now) {
  if (connection_id.empty() || calendar_id.empty() || provider_event_id.empty()) {
    return Error{codes::kInvalidRequest, "connection, calendar and event id are required", "provider_event_id"};
  }
  if (expected_end <= expected_start) return Error{codes::kInvalidRequest, "the end must be after the start", "end"};
  std::lock_guard lock(mutex_);
  Result<int> done = Exec(
      database_.handle(),
      "INSERT INTO tracked_events (connection_id, calendar_id, provider_event_id, kind, expected_start, expected_end, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (connection_id, provider_event_id) DO UPDATE SET "
      "calendar_id = excluded.calendar_id, kind = excluded.kind, expected_start = excluded.expected_start, "
      "expected_end = excluded.expected_end, flag = '', detail = '', flagged_at = 0",
      {connection_id, calendar_id, provider_event_id, kind, expected_start, expected_end, now});
  if (!done) return done.error();
  return true;
}

Result<bool> TrackedEvents::Untrack(const std::string& connection_id, const std::string& provider_event_id) {
  std::lock_guard lock(mutex_);
  // True when a row was deleted (RETURNING: the shared handle's change count may race).
  return Exists(database_.handle(),
                "DELETE FROM tracked_events WHERE connection_id = ?1 AND provider_event_id = ?2 RETURNING 1",
                {connection_id, provider_event_id});
}

Result<std::vector<TrackedEvent>> TrackedEvents::Flags(const std::string& connection_id) {
  std::lock_guard lock(mutex_);
  return Select("connection_id = ?1", {connection_id});
}

Result<std::vector<TrackedEvent>> TrackedEvents::ForCalendar(const std::string& connection_id,
                                                             const std::string& calendar_id) {
  std::lock_guard lock(mutex_);
  return Select("connection_id = ?1 AND calendar_id = ?2 COLLATE NOCASE", {connection_id, calendar_id});
}

Result<std::vector<TrackedEvent>> TrackedEvents::ByProviderEventId(const std::string& provider_event_id) {
  std::lock_guard lock(mutex_);
  return Select("provider_event_id = ?1", {provider_event_id});
}

Result<bool> TrackedEvents::SetFlag(const std::string& connection_id, const std::string& provider_event_id,
                                    const Assessment& assessment, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<bool> updated = Exists(
      database_.handle(),
      "UPDATE tracked_events SET flagged_at = CASE WHEN ?3 = '' THEN 0 WHEN flag = ?3 THEN flagged_at ELSE ?5 END, "
      "flag = ?3, detail = ?4, checked_at = ?5 WHERE connection_id = ?1 AND provider_event_id = ?2 RETURNING 1",
      {connection_id, provider_event_id, assessment.flag, assessment.detail, now});
  if (!updated) return updated.error();
  if (!*updated) {
    return Error{codes::kNotFound, "no tracked event " + provider_event_id, "provider_event_id"};
  }
  return true;
}

}  // namespace slotwise
