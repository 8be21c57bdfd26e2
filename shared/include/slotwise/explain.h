// explain.h — why grid starts are unavailable, and which single relaxation would open the most slots.
//
// Contract:
// - `Explain` looks at the grid starts (docs/ENGINE.md grid rule) inside the
// query periods, earliest first, and reports the
//   first kMaxExplainedStarts of them that are NOT available, each with every reason that applies and its culprit
//   (the blocking event, the member outside working hours, the full day/week, the room, the host, the notice).
// - Relaxations are single changes to the query, each re-solved: the number of available grid starts it gives
//   (counted up to kRelaxationCountCap) minus today's. Only changes that open at least one slot are listed, ranked by
//   that gain (descending), ties by the order in which they are generated (documented in docs/ENGINE.md).
// - Pure; never throws. Costs one solve per candidate relaxation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/host_rules.h"

namespace slotwise {

inline constexpr std::size_t kMaxExplainedStarts = 500;
inline constexpr std::size_t kRelaxationCountCap = 100000;

enum class ReasonCode : std::uint8_t {
  kBusy,                 // a blocking event overlaps the slot itself
  kBuffer,               // a blocking event overlaps only the buffered window
  kOutsideWorkingHours,  // the slot is not inside the member's working hours
  kLoadLimit,            // the member's day/week already holds max interviews
  kRoomBusy,             // a candidate room has a blocking event over the buffered window
  kRoomCapacity,         // a candidate room is too small (or its capacity is unknown)
  kHostBusy,             // a candidate host account has a blocking event over the buffered window
  kMinimumNotice,        // the slot starts before now + minimum_notice
  kOutsideCandidateHours,  // candidate.hours "require" and the slot is not inside the candidate's working hours
  kGroupShort,           // a group has fewer free members than required
  kRoomsShort,           // fewer usable rooms than required
  kHostsShort,           // fewer free host accounts than required
  kHostRule,             // a host account breaks a host-before-join rule whose policy is "refuse" (+ host_rule)
  kFreeBusyUnknown,      // the member's/room's/host's free/busy is unknown and the query lets that block (+ reason,
                         // from Calendar::free_busy_unknown; `event` is the stand-in BusyEvent{unknown})
};

struct Reason {
  ReasonCode code = ReasonCode::kBusy;
  std::optional<std::size_t> calendar;  // the member/room/host (index into Problem::calendars)
  std::optional<BusyEvent> event;       // kBusy/kBuffer/kRoomBusy/kHostBusy: the culprit event
  bool week = false;                    // kLoadLimit: true = per ISO week, false = per day
  std::int64_t limit = 0;               // kLoadLimit: the limit; kGroupShort & co: required
  std::int64_t count = 0;               // kLoadLimit: interviews already there; kGroupShort & co: free count
  std::optional<std::int64_t> capacity; // kRoomCapacity
  std::int64_t min_capacity = 0;        // kRoomCapacity
  std::size_t group = 0;                // kGroupShort
  Instant earliest = 0;                 // kMinimumNotice: now + minimum_notice
  HostRule host_rule = HostRule::kHostAbsentNoJbh;  // kHostRule
};

struct UnavailableStart {
  Instant start = 0;
  std::vector<Reason> reasons;
};

enum class RelaxationCode : std::uint8_t {
  kDropMember,        // remove `calendar` from group `group`
  kLowerRequired,     // group `group` needs one member fewer
  kAcceptTentative,   // tentative_blocks false
  kHalveBuffers,
  kZeroBuffers,
  kLowerRoomsRequired,
  kDropMinCapacity,
  kDropRooms,
  kLowerHostsRequired,
  kDropConferencing,
  kHalveNotice,
  kZeroNotice,
  kWarnHostRule,      // query.host_rules: `host_rule` becomes "warn" (the slot is kept with a warning)
  kAddHostOwner,      // add the owner `calendar` of a host account as an interviewer (a new group of one)
  kIgnoreCandidateHours,  // candidate.hours "prefer": times outside the candidate's hours are offered (ranked last
                          // only with candidate_friendly)
};

struct Relaxation {
  RelaxationCode code = RelaxationCode::kAcceptTentative;
  std::optional<std::size_t> group;
  std::optional<std::size_t> calendar;
  std::optional<HostRule> host_rule;  // kWarnHostRule
  std::size_t slots_after = 0;  // available grid starts with the change (capped)
  std::size_t gain = 0;         // slots_after - today's count
  std::string message;          // one human sentence
};

struct Explanation {
  std::size_t available_starts = 0;         // today's count of available grid starts (capped)
  std::vector<UnavailableStart> unavailable; // at most kMaxExplainedStarts, earliest first
  bool truncated = false;                    // more unavailable starts exist than were explained
  std::vector<Relaxation> relaxations;       // best first
};

Explanation Explain(const Problem& problem);

// Why participant `calendar` is not free at start s, from the rules alone (outside_working_hours, busy/buffer with
// the culprit event, load_limit); empty when none applies. Shared by explanations and booking validation.
std::vector<Reason> ParticipantReasonsAt(const Problem& problem, std::size_t calendar, Instant s);
// The blocking events of room/host `calendar` over the buffered window of start s, each as a `code` reason.
std::vector<Reason> ResourceBusyReasonsAt(const Problem& problem, std::size_t calendar, Instant s, ReasonCode code);
nlohmann::json ExplanationToJson(const Problem& problem, const Explanation& explanation);

}  // namespace slotwise
