// ranking.h — ordering answers by `query.ranking` (docs/ENGINE.md "Ranking"), for single slots and interview loops.
//
// Contract:
// - Pure and deterministic; ties are broken by start time, then by query order (stable sorts over chronological input).
// - "Interviews" are the calendar's events marked "interview": true (any status), counted by the local date / ISO week
//   (Monday first) of their START in the calendar's own zone — the same counting as the load limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "slotwise/availability.h"
#include "slotwise/intervals.h"
#include "slotwise/solver.h"

namespace slotwise {

// Single-slot ranking considers at most this many valid grid starts (earliest first) before sorting; see ENGINE.md.
inline constexpr std::size_t kMaxRankedStarts = 20000;

// Existing interview counts per calendar, by local day and ISO week. Build once per problem; O(log n) lookups.
class InterviewLoad {
 public:
  explicit InterviewLoad(const std::vector<Calendar>& calendars);
  std::int64_t Day(std::size_t calendar, Instant t) const;              // local day number of t in the calendar's zone
  std::int64_t OnDay(std::size_t calendar, std::int64_t day) const;     // interviews starting on local day `day`
  std::int64_t InWeekOf(std::size_t calendar, std::int64_t day) const;  // interviews in the ISO week holding `day`

 private:
  const std::vector<Calendar>* calendars_;
  std::vector<std::vector<std::int64_t>> days_;  // per calendar: sorted local days of its interview events
};

// The sum, over the groups, of the week counts of the `required` free members with the fewest interviews that week
// (ties: query order) — the balanced_load cost of a single slot whose free participants are `free` (query order).
std::int64_t BalancedLoadCost(const AvailabilityQuery& query, const InterviewLoad& load,
                              const std::vector<std::size_t>& free, Instant s);

// Reorders `order` (indices into `slots`, best first) round-robin over the local days of `zone`: every day's best slot
// (in `order`), then every day's second, … — stable, so days keep the order of their best slot.
void SpreadOverDays(const std::vector<SlotMatch>& slots, const TimeZone& zone, std::vector<std::size_t>& order);

// Solve() ordered by query.ranking: "earliest" without "spread" (and response_format "periods") is exactly Solve();
// otherwise the first kMaxRankedStarts valid grid starts are ranked (stable: chronological among equals), spread over
// days when query.spread_days, and cut to max_results.
std::vector<SlotMatch> SolveRanked(const Problem& problem);

}  // namespace slotwise
