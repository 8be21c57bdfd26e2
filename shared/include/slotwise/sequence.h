// sequence.h — interview loops ("sequenced availability"): several stages in order, each with its own interviewers,
// duration, gap to the previous stage and rooms, solved in one go (docs/ENGINE.md "Interview loops").
//
// Contract:
// - `ParseLoopDocument` reads the inline-calendar document whose query has "sequence" (field names follow Cronofy's
//   Sequenced Availability: sequence_id, ordinal, buffer.before.minimum/maximum). It never throws; errors are the
//   parser's (invalid_query / unknown_participant / unknown_time_zone + JSON path, e.g. `query.sequence[1].ordinal`).
// - A loop is a tuple of stage starts s_1 < … plus, per stage, the interviewers CHOSEN (exactly `required` members of
//   every group, free at that stage's start) and the rooms chosen. Every stage start is on the query grid, the whole
//   loop lies inside ONE query period, s_1 >= now + minimum_notice, and gap_k = s_k - end_{k-1} lies in
//   [gap_min_k, gap_max_k]. Load limits count across the loop: a person chosen for two stages starting on the same
//   local day adds two interviews to that day (and week).
// - Solving is pure and deterministic; all instants are UTC seconds, intervals half-open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/result.h"

namespace slotwise {

inline constexpr std::size_t kMaxStages = 10;
inline constexpr std::int64_t kMaxGapMinutes = 14 * 24 * 60;  // buffer.before.minimum / maximum
inline constexpr std::size_t kMaxLoopsCollected = 10000;      // feasible loops ranked at most (earliest first)
inline constexpr std::size_t kMaxAssignmentSteps = 100000;    // member (and room) choice search steps per start tuple
inline constexpr std::size_t kMaxSearchSteps = 5000000;       // start tuples tried + choice steps, whole search

struct SequenceStage {
  std::string sequence_id;
  std::int64_t ordinal = 1;
  std::vector<ParticipantGroup> groups;  // as query.participants (1..kMaxGroups)
  Duration duration = 0;                 // seconds, > 0
  Duration gap_min = 0;                  // start - previous stage's end, seconds; ignored for the first stage
  std::optional<Duration> gap_max;       // nullopt: unbounded (within the query period)
  std::optional<RoomRequest> rooms;      // this stage's rooms (never together with LoopProblem::loop_room)
};

struct LoopProblem {
  Problem base;                          // now, calendars and the query-level settings (base.query.groups unused)
  std::vector<SequenceStage> stages;     // sorted by ordinal (distinct), 1..kMaxStages
  std::optional<RoomRequest> loop_room;  // the same room(s) for every stage
};

struct LoopStageMatch {
  Interval interval;                      // [s_k, s_k + duration_k)
  std::vector<std::size_t> participants;  // chosen interviewers, group by group, each in query order (deduplicated)
  std::vector<std::size_t> rooms;         // chosen rooms (query order); empty when the stage has no rooms
  friend bool operator==(const LoopStageMatch&, const LoopStageMatch&) = default;
};

struct LoopMatch {
  std::vector<LoopStageMatch> stages;
  std::int64_t score = 0;  // the ranking key (lower is better): 0 for "earliest"; see docs/ENGINE.md "Ranking"
  friend bool operator==(const LoopMatch&, const LoopMatch&) = default;
};

// True when `document` is an object whose "query" is an object with a "sequence" member.
bool HasSequence(const nlohmann::json& document);

Result<LoopProblem> ParseLoopDocument(const nlohmann::json& document, ZoneSource& zones);

// Every feasible loop (at most kMaxLoopsCollected, earliest first; "earliest" stops at `limit`), ranked by
// problem.base.query.ranking, cut to `limit`.
std::vector<LoopMatch> SolveLoops(const LoopProblem& problem, std::size_t limit);
inline std::vector<LoopMatch> SolveLoops(const LoopProblem& problem) {
  return SolveLoops(problem, problem.base.query.max_results);
}

// {"available_sequences": [{"sequence_start", "sequence_end", "sequence": [{"sequence_id", "start", "end",
// "participants": [{"sub"}…], "rooms"?}…], "score"? (when the ranking is not "earliest")}…]}
nlohmann::json LoopAnswerToJson(const LoopProblem& problem, const std::vector<LoopMatch>& loops);

}  // namespace slotwise
