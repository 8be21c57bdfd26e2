// availability.h — the parsed availability problem (docs/ENGINE.md "The
// availability query" + "Calendars supplied inline").
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

enum class ConferencingProvider : std::uint8_t { kZoom, kTeams, kGoogleMeet, kGoTo };

// Teams lobbyBypassScope (Microsoft Graph lobbyBypassSettings.scope): who is admitted without waiting in the lobby.
enum class LobbyBypassScope : std::uint8_t {
  kOrganizer, kOrganization, kOrganizationAndFederated, kEveryone, kInvited, kOrganizationExcludingGuests };
// Google Meet SpaceConfig.AccessType: who joins without knocking.
enum class MeetAccessType : std::uint8_t { kOpen, kTrusted, kRestricted };

// A conferencing host account's settings (`calendars[sub].conferencing_account`; docs/ENGINE.md "Host accounts and
// host-before-join rules"). Only the fields of the account's provider matter; the others keep their defaults.
struct ConferencingAccount {
  ConferencingProvider provider = ConferencingProvider::kZoom;
  std::string owner;                          // sub of the person who owns the account
  std::optional<std::size_t> owner_calendar;  // index of the owner's calendar, when the document has one
  bool personal = false;                      // account_type "personal" (Zoom: passcode always on)
  bool join_before_host = false;              // Zoom join_before_host; GoTo "allow attendees to start the meeting"
  std::int64_t jbh_time_minutes = 0;          // Zoom jbh_time: 0 (any time), 5 or 10 minutes before the start
  bool waiting_room = false;                  // Zoom waiting room
  bool passcode_enabled = false;              // the account's "meeting passcode" setting
  bool passcode_locked = false;               // locked by the account's admin
  LobbyBypassScope lobby_bypass_scope = LobbyBypassScope::kOrganization;  // Teams (Microsoft's default)
  MeetAccessType meet_access_type = MeetAccessType::kTrusted;             // Google Meet
};

// One calendar of the document: a person, a room or a conferencing host account.
struct Calendar {
  std::string sub;
  const TimeZone* zone = nullptr;         // the owner's zone ("UTC" when the calendar gives none); never null
  WorkingHours working_hours;             // around_the_clock when the calendar gives none; ignored for rooms/hosts
  std::optional<std::int64_t> capacity;   // rooms; nullopt = unknown (fails any min_capacity)
  std::optional<std::int64_t> max_interviews_per_day;   // load limits, counted in `zone`
  std::optional<std::int64_t> max_interviews_per_week;  // ISO weeks (Monday first) in `zone`
  std::vector<BusyEvent> busy;            // sorted by (start, end) by the parser (stable); may overlap
  std::optional<ConferencingAccount> conferencing_account;  // host accounts only; nullopt = busy check only
  // `free_busy: {"status": "unknown", "reason"}`: the calendar's free/busy could not be read (the provider refused
  // it, …) — the reason, as one human sentence. nullopt = known (`busy` is the whole truth). Unless the query says
  // "unknown_free_busy": "free", the parser adds one BusyEvent{unknown = true} covering kUnknownFreeBusySpan to `busy`
  // (first in order), so every rule treats the calendar as never free.
  std::optional<std::string> free_busy_unknown;
};

// What an unknown calendar blocks: every instant a caller can name (time.h, 1970..2200) and more than a year beyond.
inline constexpr Interval kUnknownFreeBusySpan = {-800 * kSecondsPerDay, 7'289'654'400 + 800 * kSecondsPerDay};

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

// The video meeting's host account(s). Host-before-join rules come later; they attach here.
struct ConferencingRequest {
  ConferencingProvider provider = ConferencingProvider::kZoom;
  std::vector<std::size_t> hosts;  // candidate host-account calendars, query order, no duplicates
  std::size_t required = 1;        // free host accounts needed, 1..hosts.size()
};

// The candidate the interview is for (optional `query.candidate`): the host-before-join rules need to know whether
// they are external (a Teams lobby may hold them), and candidate-friendly ranking needs their zone and hours.
struct CandidateInfo {
  std::string email;                 // optional; for messages only
  bool external = true;              // not a member of the organisation (the usual case)
  const TimeZone* zone = nullptr;    // the candidate's zone ("UTC" when not given); never null once parsed
  WorkingHours working_hours;        // local to `zone`; around_the_clock when not given
  bool hours_required = false;       // "hours": "require": single slots must lie inside `working_hours` (explained as
                                     // outside_candidate_hours); "prefer" (default): they only rank (candidate_friendly)
};

// How answers are ordered (`query.ranking`; docs/ENGINE.md "Ranking"). Ties
// are always broken by time, then query order.
enum class Ranking : std::uint8_t {
  kEarliest,           // "earliest" (default): chronological
  kBalancedLoad,       // "balanced_load": fewest existing interviews this ISO week among the chosen interviewers
  kCandidateFriendly,  // "candidate_friendly": inside query.candidate's working hours first
  kFewestRoomChanges,  // "fewest_room_changes": loops using fewer distinct rooms first (slots: as earliest)
};

// What a broken host-before-join rule does to a slot (query.host_rules): refuse it, or keep it with a warning.
enum class HostRulePolicy : std::uint8_t { kRefuse, kWarn };
struct HostRulePolicies {
  HostRulePolicy host_absent_no_jbh = HostRulePolicy::kRefuse;          // nobody could enter: refuse
  HostRulePolicy waiting_room_overrides_jbh = HostRulePolicy::kWarn;    // a setting contradiction: report it
  HostRulePolicy lobby_blocks_candidate = HostRulePolicy::kRefuse;      // the candidate could not enter: refuse
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
  std::optional<CandidateInfo> candidate;
  HostRulePolicies host_rules;               // per-tenant policy of the host-before-join rules
  Ranking ranking = Ranking::kEarliest;      // order of the answer (sequence.h / ranking.h)
  bool unknown_free_busy_blocks = true;      // "unknown_free_busy": "blocks" (default) | "free"
  bool spread_days = false;                  // "spread": "days": single-slot answers round-robin over local days
  bool explain = false;
};

struct Problem {
  Instant now = 0;
  AvailabilityQuery query;
  std::vector<Calendar> calendars;  // every calendar of the document, in document (key) order
};

// Parses and validates the inline-calendar document {"now", "query", "calendars"} (docs/ENGINE.md). `zones` resolves
// every zone name; the returned Problem points into it. Never throws.
Result<Problem> ParseAvailabilityDocument(const nlohmann::json& document, ZoneSource& zones);
Result<Problem> ParseAvailabilityText(std::string_view json_text, ZoneSource& zones);  // not JSON: invalid_json

// The same document read straight from its text: busy events become BusyEvents without a JSON tree (the query and
// each calendar's other members still go through the readers above). It answers only when it has read the document
// exactly as ParseAvailabilityText would — the same Problem — and declines (nullopt) on anything else: any error, an
// escape or a non-ASCII byte in text it reads itself, a known member given twice, deep nesting, an interview loop
// (query.sequence). Declined text must be read by ParseAvailabilityText, which gives the error. ParseAvailabilityText
// and CallEngine("solve") try it first.
std::optional<Problem> ParseAvailabilityFast(std::string_view json_text, ZoneSource& zones);

// The two halves of ParseAvailabilityDocument, for callers that hold calendars as values already (the backend's
// free/busy cache), so that a solve need not print and re-read them:
// - ParseCalendarValue parses one member of "calendars" exactly as the document parser does (busy sorted).
// - AssembleProblem takes calendars ordered by sub as a JSON object's keys are (std::string order), subs unique, each
//   busy list ordered by SortBusyEvents, every event non-empty; it applies the document parser's limits and parses the
//   query against them. For such calendars it gives the Problem that ParseAvailabilityDocument gives for the
//   document {"now", "query", "calendars"} they print as — tests/availability holds the two equal.
Result<Calendar> ParseCalendarValue(const std::string& sub, const nlohmann::json& value, ZoneSource& zones);
Result<Problem> AssembleProblem(Instant now, std::vector<Calendar> calendars, const nlohmann::json& query,
                                ZoneSource& zones);
// The parser's order of busy events: by (start, end), stable.
void SortBusyEvents(std::vector<BusyEvent>& busy);

// The answer's "unknown_free_busy" list (docs/ENGINE.md "The answer"): every calendar of the problem whose free/busy
// is unknown, in document order, as {"sub", "reason", "treated_as": "busy"|"free", "message"}; empty when none (the
// answer then has no such member).
nlohmann::json UnknownFreeBusyJson(const Problem& problem);

std::string_view ConferencingProviderName(ConferencingProvider provider);

}  // namespace slotwise
