// availability.h — the parsed availability problem (API.md "The availability query" + "Calendars supplied inline").
//
// Contract:
// - A `Problem` is fully validated: every index points into `calendars`, every zone pointer is non-null and owned by
//   the ZoneSource handed to `ParseAvailabilityDocument` (it must outlive the Problem), durations are positive and
//   within the limits of docs/ENGINE.md, and every `required` is 1..members.
// - All instants are UTC seconds; all durations are seconds (the wire's minutes times 60); intervals are half-open.
// - `ParseAvailabilityDocument` never throws and never asserts on input: a malformed document gives an Error with
//   code "invalid_query", "unknown_participant" or "unknown_time_zone", a human sentence, and the JSON path of the
//   offending value as `field` (e.g. `query.participants[1].required`, `calendars["anna@acme.test"].busy[3].end`).
//   Unknown members of objects are ignored (forward compatibility); every known member is strictly type-checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/busy.h"
#include "slotwise/intervals.h"
#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"
#include "slotwise/working_hours.h"

namespace slotwise {

// Documented limits (docs/ENGINE.md "Limits"): past any of them the parser answers invalid_query with the field.
inline constexpr std::size_t kMaxQueryPeriods = 50;
inline constexpr Duration kMaxQuerySpan = 400 * kSecondsPerDay;       // last period end - first period start
inline constexpr std::size_t kMaxGroups = 100;
inline constexpr std::size_t kMaxMembersTotal = 2000;                  // participants + rooms + hosts, summed
inline constexpr std::size_t kMaxCalendars = 10000;
inline constexpr std::size_t kMaxEventsPerCalendar = 100000;
inline constexpr std::size_t kMaxEventsTotal = 1000000;
inline constexpr std::size_t kMaxWindowsPerDay = 48;
inline constexpr std::int64_t kMaxDurationMinutes = 24 * 60;           // required_duration
inline constexpr std::int64_t kMaxBufferMinutes = 24 * 60;             // each of buffer.before / buffer.after
inline constexpr std::int64_t kMaxNoticeMinutes = 400 * 24 * 60;       // minimum_notice
inline constexpr int kDefaultMaxResults = 256;
inline constexpr int kMaxMaxResults = 512;
inline constexpr std::int64_t kDefaultStartIntervalMinutes = 15;
inline constexpr std::int64_t kMaxCapacity = 1000000;
inline constexpr std::int64_t kMaxInterviewLimit = 1000;

// One calendar of the document: a person, a room or a conferencing host account.
struct Calendar {
  std::string sub;
  const TimeZone* zone = nullptr;         // the owner's zone ("UTC" when the calendar gives none); never null
  WorkingHours working_hours;             // around_the_clock when the calendar gives none; ignored for rooms/hosts
  std::optional<std::int64_t> capacity;   // rooms; nullopt = unknown (fails any min_capacity)
  std::optional<std::int64_t> max_interviews_per_day;   // load limits, counted in `zone`
  std::optional<std::int64_t> max_interviews_per_week;  // ISO weeks (Monday first) in `zone`
  std::vector<BusyEvent> busy;            // sorted by (start, end) by the parser (stable); may overlap
};

// A participant group: at least `required` of `members` must be free.
struct ParticipantGroup {
  std::vector<std::size_t> members;  // indices into Problem::calendars, in query order, no duplicates
  std::size_t required = 1;          // 1..members.size() ("all" = members.size())
};

struct RoomRequest {
  std::vector<std::size_t> members;         // candidate rooms, query order, no duplicates
  std::size_t required = 1;                 // usable rooms needed, 1..members.size()
  std::optional<std::int64_t> min_capacity; // nullopt: any capacity (even unknown) is fine
};

enum class ConferencingProvider : std::uint8_t { kZoom, kTeams, kGoogleMeet, kGoTo };

// The video meeting's host account(s). Host-before-join rules come later; they attach here.
struct ConferencingRequest {
  ConferencingProvider provider = ConferencingProvider::kZoom;
  std::vector<std::size_t> hosts;  // candidate host-account calendars, query order, no duplicates
  std::size_t required = 1;        // free host accounts needed, 1..hosts.size()
};

enum class ResponseFormat : std::uint8_t {
  kSlots,    // every valid grid start ("slots" and "overlapping_slots")
  kPeriods,  // maximal runs of whole-minute starts with an identical free list
};

struct AvailabilityQuery {
  std::vector<ParticipantGroup> groups;
  Duration duration = 0;                     // required_duration, seconds, > 0
  IntervalList query_periods;                // as given (each non-empty), any order
  Duration start_interval = 15 * kSecondsPerMinute;
  Duration buffer_before = 0;
  Duration buffer_after = 0;
  const TimeZone* zone = nullptr;            // the grid's zone ("time_zone", default UTC); never null
  Duration minimum_notice = 0;
  ResponseFormat response_format = ResponseFormat::kSlots;
  std::size_t max_results = kDefaultMaxResults;
  bool tentative_blocks = true;
  std::optional<RoomRequest> rooms;
  std::optional<ConferencingRequest> conferencing;
  bool explain = false;
};

struct Problem {
  Instant now = 0;
  AvailabilityQuery query;
  std::vector<Calendar> calendars;  // every calendar of the document, in document (key) order
};

// Parses and validates the inline-calendar document {"now", "query", "calendars"} (API.md). `zones` resolves every
// zone name; the returned Problem points into it. Never throws.
Result<Problem> ParseAvailabilityDocument(const nlohmann::json& document, ZoneSource& zones);
Result<Problem> ParseAvailabilityText(std::string_view json_text, ZoneSource& zones);  // not JSON: invalid_json

std::string_view ConferencingProviderName(ConferencingProvider provider);

}  // namespace slotwise
