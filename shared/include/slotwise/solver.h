// solver.h — the availability solver of docs/ENGINE.md: which slots (or
// periods) fit every rule, and who is free in each.
//
// Contract:
// - Pure and deterministic; no allocation of unbounded size beyond the inputs (the parser's limits bound the work).
//   Thread-safe for distinct or const inputs (TimeZone methods are const).
// - All instants are UTC seconds; a slot is the half-open [start, start + duration).
// - The core idea: every rule is turned into a set of allowed START instants (a normalized interval list), the sets
//   are combined (intersections, "at least k of n" sweeps), and only then is the start grid walked. See
//   docs/ENGINE.md "Algorithm".
#pragma once

#include <cstddef>
#include <vector>

#include "slotwise/availability.h"
#include "slotwise/intervals.h"

namespace slotwise {

// One answer item: a slot (response_format "slots") or a period ("periods"), with the free calendars, each list in
// query order. Indices point into Problem::calendars. A sub named in several groups is listed once.
struct SlotMatch {
  Interval interval;                       // slot: [s, s + duration); period: [first start, last start + duration)
  std::vector<std::size_t> participants;   // free participants of every group
  std::vector<std::size_t> rooms;          // usable rooms (empty when the query has no rooms)
  std::vector<std::size_t> hosts;          // free host accounts (empty without conferencing)
  friend bool operator==(const SlotMatch&, const SlotMatch&) = default;
};

// The allowed-start sets behind an answer (exposed for explanations and relaxations).
struct StartSets {
  IntervalList start_space;                  // query periods shrunk by the duration, from now + minimum_notice on
  std::vector<IntervalList> as_participant;  // per calendar index: starts at which it is free as a participant
  std::vector<IntervalList> as_room;         // per calendar index: starts at which it is a usable room
  std::vector<IntervalList> as_host;         // per calendar index: starts at which the host account is free
  std::vector<IntervalList> per_group;       // per group: starts at which >= required members are free
  IntervalList rooms_ok;                     // starts with >= required usable rooms (start_space without rooms)
  IntervalList hosts_ok;                     // starts with >= required free hosts (start_space without conferencing)
  IntervalList available;                    // the intersection of all of the above: every rule holds
  std::vector<std::size_t> participant_order;  // distinct participant calendars in query order
};

StartSets ComputeStartSets(const AvailabilityQuery& query, const std::vector<Calendar>& calendars, Instant now);

// The answer items: grid starts ("slots") or periods, earliest first, at most query.max_results.
std::vector<SlotMatch> Solve(const Problem& problem);
std::vector<SlotMatch> SolveWith(const AvailabilityQuery& query, const std::vector<Calendar>& calendars, Instant now);

// The docs/ENGINE.md answer: {"available_slots": [...]} or {"available_periods": [...]}, each item {"start", "end",
// "participants": [{"sub"}…]} plus "rooms" when the query has rooms and "hosts" when it has conferencing.
nlohmann::json AnswerToJson(const Problem& problem, const std::vector<SlotMatch>& items);
// DumpJson(AnswerToJson(problem, items)), byte for byte, written straight to text (no JSON tree: the server's
// availability answers are mostly this). tests/shared/engine_fuzz_test.cpp holds the two equal on random problems.
std::string AnswerToText(const Problem& problem, const std::vector<SlotMatch>& items);

// Calls `visit(s)` for every grid start s (docs/ENGINE.md grid rule in `zone`, `step` seconds) inside normalized
// `starts`, ascending, until `visit` returns false. Returns the number of starts visited.
template <class Visit>
std::size_t ForEachGridStart(const IntervalList& starts, const TimeZone& zone, Duration step, Visit visit);

// The number of grid starts inside normalized `starts`, counting at most `cap`.
std::size_t CountGridStarts(const IntervalList& starts, const TimeZone& zone, Duration step, std::size_t cap);

// Starts s in [from, to) for which [s, s + duration) lies inside `calendar`'s working hours (all of [from, to) when
// it has none, i.e. around the clock).
IntervalList WorkingHoursStarts(const Calendar& calendar, Duration duration, Instant from, Instant to);

// Starts s in [from, to) for which [s, s + duration) lies inside the candidate's working hours in the candidate's
// zone; all of [from, to) when the query has no candidate (or the candidate gives no hours). Candidate-friendly
// ranking prefers these starts; with `candidate.hours_required` the start space is cut to them.
IntervalList CandidateHoursStarts(const AvailabilityQuery& query, Duration duration, Instant from, Instant to);

// Fills `match` with the calendars free at start `s` (lists in query order); match.interval is left untouched.
void ListFree(const AvailabilityQuery& query, const StartSets& sets, Instant s, SlotMatch& match);

// ---------------------------------------------------------------------------------------------------------------------
// Implementation of the template.

template <class Visit>
std::size_t ForEachGridStart(const IntervalList& starts, const TimeZone& zone, Duration step, Visit visit) {
  if (starts.empty()) return 0;
  const std::vector<OffsetSpan> spans = zone.OffsetSpans(starts.front().start, starts.back().end);
  std::size_t visited = 0;
  std::size_t k = 0;
  for (const Interval& piece : starts) {
    while (k < spans.size() && spans[k].end <= piece.start) ++k;
    for (std::size_t j = k; j < spans.size() && spans[j].start < piece.end; ++j) {
      const std::int64_t offset = spans[j].offset;
      if (offset % kSecondsPerMinute != 0) continue;  // no whole-minute instant has a whole-minute wall time
      const Instant lo = piece.start > spans[j].start ? piece.start : spans[j].start;
      const Instant hi = piece.end < spans[j].end ? piece.end : spans[j].end;
      for (Instant s = lo + FloorMod(-(lo + offset), step); s < hi; s += step) {
        ++visited;
        if (!visit(s)) return visited;
      }
    }
  }
  return visited;
}

}  // namespace slotwise
