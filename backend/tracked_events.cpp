// tracked_events.cpp — see tracked_events.h.
#include "tracked_events.h"

#include <nlohmann/json.hpp>

#include "slotwise/time.h"
#include "sqlite_statement.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "connection_id, calendar_id, provider_event_id, kind, expected_start, expected_end, flag, detail, flagged_at, "
    "checked_at";

Error Malformed(std::string_view provider, std::string_view what) {
  return Error{"provider_error",
               std::string(provider) + " answered an event that is not as documented: " + std::string(what), ""};
}

std::string StringAt(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Range(std::int64_t start, std::int64_t end) {
  return FormatRfc3339(start) + " – " + FormatRfc3339(end);
}

// Google {dateTime: RFC 3339} or {date: "YYYY-MM-DD"} (all-day).
bool ReadGoogleTime(const json& event, const char* key, std::int64_t& out, bool& all_day) {
  auto it = event.find(key);
  if (it == event.end() || !it->is_object()) return false;
  if (const std::string date = StringAt(*it, "date"); !date.empty()) {
    all_day = true;
    return true;
  }
  std::optional<Instant> instant = ParseRfc3339(StringAt(*it, "dateTime"));
  if (!instant) return false;
  out = *instant;
  return true;
}

// Graph {dateTime: "YYYY-MM-DDTHH:MM:SS[.fffffff]", timeZone: "UTC"}; only UTC is read (we ask for it).
bool ReadGraphTime(const json& event, const char* key, std::int64_t& out) {
  auto it = event.find(key);
  if (it == event.end() || !it->is_object()) return false;
  const std::string zone = StringAt(*it, "timeZone");
  if (zone != "UTC" && zone != "Etc/UTC" && zone != "Coordinated Universal Time") return false;
  const std::string text = StringAt(*it, "dateTime");
  if (text.size() < 19) return false;
  std::optional<Instant> instant = ParseRfc3339(text.substr(0, 19) + "Z");
  if (!instant) return false;
  out = *instant;
  return true;
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

Result<ObservedEvent> ObserveGoogleEvent(std::string_view body) {
  const json event = json::parse(body.begin(), body.end(), nullptr, false);
  if (!event.is_object()) return Malformed("Google Calendar", "not a JSON object");
  ObservedEvent observed;
  if (StringAt(event, "status") == "cancelled") {
    observed.gone = true;
    return observed;
  }
  if (!ReadGoogleTime(event, "start", observed.start, observed.all_day) ||
      !ReadGoogleTime(event, "end", observed.end, observed.all_day)) {
    return Malformed("Google Calendar", "start/end missing or not RFC 3339");
  }
  if (auto attendees = event.find("attendees"); attendees != event.end() && attendees->is_array()) {
    for (const json& attendee : *attendees) {
      if (!attendee.is_object()) continue;
      const bool resource =
          attendee.contains("resource") && attendee["resource"].is_boolean() && attendee["resource"].get<bool>();
      if (resource && StringAt(attendee, "responseStatus") == "declined") {
        observed.declined_rooms.push_back(StringAt(attendee, "email"));
      }
    }
  }
  return observed;
}

Result<ObservedEvent> ObserveGraphEvent(std::string_view body) {
  const json event = json::parse(body.begin(), body.end(), nullptr, false);
  if (!event.is_object()) return Malformed("Microsoft Graph", "not a JSON object");
  ObservedEvent observed;
  if (event.contains("isCancelled") && event["isCancelled"].is_boolean() && event["isCancelled"].get<bool>()) {
    observed.gone = true;
    return observed;
  }
  if (event.contains("isAllDay") && event["isAllDay"].is_boolean() && event["isAllDay"].get<bool>()) {
    observed.all_day = true;
  } else if (!ReadGraphTime(event, "start", observed.start) || !ReadGraphTime(event, "end", observed.end)) {
    return Malformed("Microsoft Graph", "start/end missing or not in UTC");
  }
  if (auto attendees = event.find("attendees"); attendees != event.end() && attendees->is_array()) {
    for (const json& attendee : *attendees) {
      if (!attendee.is_object() || StringAt(attendee, "type") != "resource") continue;
      auto status = attendee.find("status");
      if (status == attendee.end() || !status->is_object() || StringAt(*status, "response") != "declined") continue;
      auto address = attendee.find("emailAddress");
      observed.declined_rooms.push_back(
          address != attendee.end() && address->is_object() ? StringAt(*address, "address") : std::string("a room"));
    }
  }
  return observed;
}

Result<ObservedEvent> ObserveZoomMeeting(std::string_view body) {
  const json meeting = json::parse(body.begin(), body.end(), nullptr, false);
  if (!meeting.is_object()) return Malformed("Zoom", "not a JSON object");
  std::optional<Instant> start = ParseRfc3339(StringAt(meeting, "start_time"));
  auto duration = meeting.find("duration");
  if (!start || duration == meeting.end() || !duration->is_number_integer()) {
    return Malformed("Zoom", "start_time or duration missing");
  }
  ObservedEvent observed;
  observed.start = *start;
  observed.end = *start + duration->get<std::int64_t>() * 60;
  return observed;
}

// [SECTION] The store

Result<std::vector<TrackedEvent>> TrackedEvents::Select(const std::string& where,
                                                        const std::vector<std::string>& args) {
  Result<Statement> stmt =
      Statement::Prepare(database_.handle(), std::string("SELECT ") + kColumns + " FROM tracked_events WHERE " + where +
                                                 " ORDER BY expected_start, provider_event_id");
  if (!stmt) return stmt.error();
  for (std::size_t i = 0; i < args.size(); ++i) stmt.value().Bind(static_cast<int>(i + 1), args[i]);
  std::vector<TrackedEvent> rows;
  while (true) {
    Result<bool> row = stmt.value().Step();
    if (!row) return row.error();
    if (!*row) break;
    const Statement& s = stmt.value();
    rows.push_back(TrackedEvent{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Int(5), s.Text(6), s.Text(7),
                                s.Int(8), s.Int(9)});
  }
  return rows;
}

Result<bool> TrackedEvents::Track(const std::string& connection_id, const std::string& calendar_id,
                                  const std::string& provider_event_id, std::int64_t expected_start,
                                  std::int64_t expected_end, const std::string& kind, std::int64_t now) {
  if (connection_id.empty() || calendar_id.empty() || provider_event_id.empty()) {
    return Error{"invalid_request", "connection, calendar and event id are required", "provider_event_id"};
  }
  if (expected_end <= expected_start) return Error{"invalid_request", "the end must be after the start", "end"};
  std::lock_guard lock(mutex_);
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(),
      "INSERT INTO tracked_events (connection_id, calendar_id, provider_event_id, kind, expected_start, expected_end, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (connection_id, provider_event_id) DO UPDATE SET "
      "calendar_id = excluded.calendar_id, kind = excluded.kind, expected_start = excluded.expected_start, "
      "expected_end = excluded.expected_end, flag = '', detail = '', flagged_at = 0");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, connection_id).Bind(2, calendar_id).Bind(3, provider_event_id).Bind(4, kind);
  stmt.value().Bind(5, expected_start).Bind(6, expected_end).Bind(7, now);
  Result<bool> done = stmt.value().Step();
  if (!done) return done.error();
  return true;
}

Result<bool> TrackedEvents::Untrack(const std::string& connection_id, const std::string& provider_event_id) {
  std::lock_guard lock(mutex_);
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(), "DELETE FROM tracked_events WHERE connection_id = ?1 AND provider_event_id = ?2 RETURNING 1");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, connection_id).Bind(2, provider_event_id);
  return stmt.value().Step();  // true when a row was deleted (RETURNING: the shared handle's change count may race)
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
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(),
      "UPDATE tracked_events SET flagged_at = CASE WHEN ?3 = '' THEN 0 WHEN flag = ?3 THEN flagged_at ELSE ?5 END, "
      "flag = ?3, detail = ?4, checked_at = ?5 WHERE connection_id = ?1 AND provider_event_id = ?2 RETURNING 1");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, connection_id).Bind(2, provider_event_id).Bind(3, assessment.flag).Bind(4, assessment.detail);
  stmt.value().Bind(5, now);
  Result<bool> updated = stmt.value().Step();
  if (!updated) return updated.error();
  if (!*updated) {
    return Error{"not_found", "no tracked event " + provider_event_id, "provider_event_id"};
  }
  return true;
}

}  // namespace slotwise
