// ranking.cpp — interview counts and the single-slot rankings (see ranking.h).
#include "slotwise/ranking.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace slotwise {

InterviewLoad::InterviewLoad(const std::vector<Calendar>& calendars) : calendars_(&calendars) {
  days_.resize(calendars.size());
  for (std::size_t c = 0; c < calendars.size(); ++c) {
    for (const BusyEvent& e : calendars[c].busy) {
      if (e.interview)
        days_[c].push_back(FloorDiv(calendars[c].zone->ToLocalSeconds(e.interval.start), kSecondsPerDay));
    }
    std::sort(days_[c].begin(), days_[c].end());
  }
}

std::int64_t InterviewLoad::Day(std::size_t calendar, Instant t) const {
  return FloorDiv((*calendars_)[calendar].zone->ToLocalSeconds(t), kSecondsPerDay);
}

std::int64_t InterviewLoad::OnDay(std::size_t calendar, std::int64_t day) const {
  const std::vector<std::int64_t>& days = days_[calendar];
  auto range = std::equal_range(days.begin(), days.end(), day);
  return static_cast<std::int64_t>(range.second - range.first);
}

std::int64_t InterviewLoad::InWeekOf(std::size_t calendar, std::int64_t day) const {
  const std::vector<std::int64_t>& days = days_[calendar];
  const std::int64_t monday = IsoWeekStartDay(day);
  return static_cast<std::int64_t>(std::lower_bound(days.begin(), days.end(), monday + 7) -
                                   std::lower_bound(days.begin(), days.end(), monday));
}

std::int64_t BalancedLoadCost(const AvailabilityQuery& query, const InterviewLoad& load,
                              const std::vector<std::size_t>& free, Instant s) {
  std::int64_t cost = 0;
  std::vector<std::int64_t> counts;
  for (const ParticipantGroup& group : query.groups) {
    counts.clear();
    for (std::size_t m : group.members) {
      if (std::find(free.begin(), free.end(), m) != free.end()) counts.push_back(load.InWeekOf(m, load.Day(m, s)));
    }
    std::stable_sort(counts.begin(), counts.end());
    for (std::size_t i = 0; i < group.required && i < counts.size(); ++i) cost += counts[i];
  }
  return cost;
}

void SpreadOverDays(const std::vector<SlotMatch>& slots, const TimeZone& zone, std::vector<std::size_t>& order) {
  std::map<std::int64_t, std::size_t> taken;  // local day -> slots of that day placed so far
  std::vector<std::size_t> round(slots.size(), 0);
  for (std::size_t i : order) {
    round[i] = taken[FloorDiv(zone.ToLocalSeconds(slots[i].interval.start), kSecondsPerDay)]++;
  }
  std::stable_sort(order.begin(), order.end(), [&round](std::size_t a, std::size_t b) { return round[a] < round[b]; });
}

std::vector<SlotMatch> SolveRanked(const Problem& problem) {
  const AvailabilityQuery& query = problem.query;
  if (query.response_format == ResponseFormat::kPeriods || query.ranking == Ranking::kFewestRoomChanges ||
      (query.ranking == Ranking::kEarliest && !query.spread_days)) {
    return Solve(problem);
  }
  const StartSets sets = ComputeStartSets(query, problem.calendars, problem.now);
  std::vector<SlotMatch> slots;
  ForEachGridStart(sets.available, *query.zone, query.start_interval, [&](Instant s) {
    SlotMatch& match = slots.emplace_back();
    match.interval = {s, s + query.duration};
    ListFree(query, sets, s, match);
    return slots.size() < kMaxRankedStarts;
  });
  std::vector<std::int64_t> keys(slots.size(), 0);
  if (query.ranking == Ranking::kBalancedLoad) {
    const InterviewLoad load(problem.calendars);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      keys[i] = BalancedLoadCost(query, load, slots[i].participants, slots[i].interval.start);
    }
  } else if (!slots.empty()) {  // candidate_friendly: 0 inside the candidate's hours, 1 outside
    const IntervalList friendly =
        CandidateHoursStarts(query, query.duration, slots.front().interval.start, slots.back().interval.start + 1);
    for (std::size_t i = 0; i < slots.size(); ++i)
      keys[i] = IntervalsContain(friendly, slots[i].interval.start) ? 0 : 1;
  }
  std::vector<std::size_t> order(slots.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  if (query.spread_days) SpreadOverDays(slots, *query.zone, order);
  std::vector<SlotMatch> ranked;
  ranked.reserve(std::min(order.size(), query.max_results));
  for (std::size_t i = 0; i < order.size() && ranked.size() < query.max_results; ++i) {
    ranked.push_back(std::move(slots[order[i]]));
  }
  return ranked;
}

}  // namespace slotwise
