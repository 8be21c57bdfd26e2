// solver.cpp — allowed-start sets per rule, their combination, and the grid/period walk (see solver.h).
//
// [SECTION] Start-space helpers  — working windows, event ranges, load limits, "at least k of n"
// [SECTION] Start sets           — per calendar, per group, rooms, hosts, the intersection
// [SECTION] Answers              — listing who is free, grid slots, periods
#include "slotwise/solver.h"

#include <algorithm>
#include <deque>

#include "slotwise/host_rules.h"

namespace slotwise {

namespace {

// =====================================================================================================================
// [SECTION] Start-space helpers
// =====================================================================================================================

inline Instant LocalDay(const TimeZone& zone, Instant t) { return FloorDiv(zone.ToLocalSeconds(t), kSecondsPerDay); }

// Each window is [FromLocal(day, start), FromLocal(day, end)) (RFC 5545 for gaps/overlaps); windows that meet across
// midnight join into one.
IntervalList WorkingStarts(const WorkingHours& hours, const TimeZone& zone, Duration duration, Instant from, Instant to) {
  if (hours.around_the_clock) return {{from, to}};
  IntervalList windows;
  const std::int64_t first_day = LocalDay(zone, from) - 1;
  const std::int64_t last_day = LocalDay(zone, to + duration) + 1;
  windows.reserve(static_cast<std::size_t>(last_day - first_day + 1) * 2);
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    const auto& day_windows = hours.windows[static_cast<std::size_t>(WeekdayFromDays(day))];
    const std::int64_t midnight = day * kSecondsPerDay;
    for (const LocalWindow& w : day_windows) {
      windows.push_back({zone.FromLocalSeconds(midnight + w.start), zone.FromLocalSeconds(midnight + w.end)});
    }
  }
  windows = MergeIntervals(std::move(windows));
  IntervalList starts;
  starts.reserve(windows.size());
  for (const Interval& w : windows) {
    const Instant lo = std::max(w.start, from);
    const Instant hi = std::min(w.end - duration + 1, to);
    if (lo < hi) starts.push_back({lo, hi});
  }
  return starts;
}

// Starts whose buffered window [s - before, s + duration + after) meets a blocking event, clipped to [from, to).
// `events` sorted by start (Calendar::busy), so the ranges come out sorted and merge in one pass.
IntervalList BlockedStarts(const std::vector<BusyEvent>& events, bool tentative_blocks, Duration duration,
                           Duration before, Duration after, Instant from, Instant to) {
  IntervalList blocked;
  const Instant reach = duration + after - 1;  // an event starting at a blocks starts from a - reach on
  for (const BusyEvent& e : events) {
    const Instant lo = std::max(e.interval.start - reach, from);
    if (lo >= to) break;  // sorted by start: every later event starts later still
    const Instant hi = std::min(e.interval.end + before, to);
    if (lo >= hi || !StatusBlocks(e.status, tentative_blocks)) continue;
    if (!blocked.empty() && lo <= blocked.back().end) {
      blocked.back().end = std::max(blocked.back().end, hi);
    } else {
      blocked.push_back({lo, hi});
    }
  }
  return blocked;
}

// Sorted local day numbers (in `zone`) on which at least `limit` interview events start. For weeks, the day numbers
// of every day of each ISO week that reached the limit.
std::vector<std::int64_t> FullDays(const std::vector<BusyEvent>& events, const TimeZone& zone,
                                   std::optional<std::int64_t> per_day, std::optional<std::int64_t> per_week) {
  std::vector<std::int64_t> days;
  for (const BusyEvent& e : events) {
    if (e.interview) days.push_back(LocalDay(zone, e.interval.start));
  }
  std::sort(days.begin(), days.end());
  std::vector<std::int64_t> full;
  auto add_runs = [&full](const std::vector<std::int64_t>& keys, std::int64_t limit, int span_days) {
    for (std::size_t i = 0; i < keys.size();) {
      std::size_t j = i;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      if (static_cast<std::int64_t>(j - i) >= limit) {
        for (int k = 0; k < span_days; ++k) full.push_back(keys[i] + k);
      }
      i = j;
    }
  };
  if (per_day) add_runs(days, *per_day, 1);
  if (per_week) {
    std::vector<std::int64_t> weeks;
    weeks.reserve(days.size());
    for (std::int64_t d : days) weeks.push_back(IsoWeekStartDay(d));  // sorted input stays sorted
    add_runs(weeks, *per_week, 7);
  }
  std::sort(full.begin(), full.end());
  full.erase(std::unique(full.begin(), full.end()), full.end());
  return full;
}

// The instants in [from, to) whose local date in `zone` is one of the sorted `days` (exact through DST changes, even
// when a local date occurs in two pieces).
IntervalList InstantsOnDays(const std::vector<std::int64_t>& days, const TimeZone& zone, Instant from, Instant to) {
  IntervalList out;
  if (days.empty()) return out;
  for (const OffsetSpan& span : zone.OffsetSpans(from, to)) {
    const std::int64_t first = FloorDiv(span.start + span.offset, kSecondsPerDay);
    const std::int64_t last = FloorDiv(span.end - 1 + span.offset, kSecondsPerDay);
    for (auto it = std::lower_bound(days.begin(), days.end(), first); it != days.end() && *it <= last; ++it) {
      const Instant lo = std::max(span.start, *it * kSecondsPerDay - span.offset);
      const Instant hi = std::min(span.end, (*it + 1) * kSecondsPerDay - span.offset);
      if (lo < hi) out.push_back({lo, hi});
    }
  }
  return MergeIntervals(std::move(out));
}

// The instants contained in at least `k` (>= 1) of the normalized `lists`.
IntervalList AtLeast(const std::vector<const IntervalList*>& lists, std::size_t k) {
  if (k == 0 || lists.size() < k) return {};
  if (k == lists.size()) {
    IntervalList result = *lists.front();
    for (std::size_t i = 1; i < lists.size() && !result.empty(); ++i) result = IntersectIntervals(result, *lists[i]);
    return result;
  }
  struct Edge {
    Instant at;
    int delta;
  };
  std::vector<Edge> edges;
  std::size_t total = 0;
  for (const IntervalList* list : lists) total += list->size();
  edges.reserve(total * 2);
  for (const IntervalList* list : lists) {
    for (const Interval& i : *list) {
      edges.push_back({i.start, +1});
      edges.push_back({i.end, -1});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.at < b.at; });
  IntervalList out;
  const auto needed = static_cast<std::int64_t>(k);
  std::int64_t count = 0;
  for (std::size_t i = 0; i < edges.size();) {
    const Instant at = edges[i].at;
    const bool was_enough = count >= needed;
    for (; i < edges.size() && edges[i].at == at; ++i) count += edges[i].delta;
    const bool is_enough = count >= needed;
    if (!was_enough && is_enough) out.push_back({at, at});
    if (was_enough && !is_enough) out.back().end = at;
  }
  return out;
}

// =====================================================================================================================
// [SECTION] Start sets
// =====================================================================================================================

// Query periods shrunk by the duration ([p.start, p.end - duration]), from now + minimum_notice on; with
// candidate.hours_required, only the starts whose slot lies inside the candidate's hours.
IntervalList StartSpace(const AvailabilityQuery& query, Instant now) {
  IntervalList space;
  const Instant earliest = now + query.minimum_notice;
  for (const Interval& p : query.query_periods) {
    space.push_back({std::max(p.start, earliest), p.end - query.duration + 1});
  }
  space = MergeIntervals(std::move(space));
  if (space.empty() || !query.candidate || !query.candidate->hours_required) return space;
  return IntersectIntervals(space, CandidateHoursStarts(query, query.duration, space.front().start, space.back().end));
}

// Working-hours starts (already intersected with the start space) are the same for every calendar with the same zone
// and hours — typically a whole team's 09:00–17:00 — so they are computed once per distinct pair. The cache holds at
// most kMaxEntries pairs (beyond that, starts are computed per calendar), keeping lookups cheap for any input.
class WorkingStartsCache {
 public:
  WorkingStartsCache(const AvailabilityQuery& query, const IntervalList& space) : query_(query), space_(space) {}

  // The starts for `calendar`; the reference is valid until the next call (the overflow slot is reused).
  const IntervalList& For(const Calendar& calendar) {
    for (const Entry& entry : entries_) {
      if (entry.zone == calendar.zone && SameHours(*entry.hours, calendar.working_hours)) return entry.starts;
    }
    IntervalList starts = Compute(calendar);
    if (entries_.size() == kMaxEntries) {
      uncached_ = std::move(starts);
      return uncached_;
    }
    entries_.push_back({calendar.zone, &calendar.working_hours, std::move(starts)});
    return entries_.back().starts;
  }

 private:
  static constexpr std::size_t kMaxEntries = 32;
  struct Entry {
    const TimeZone* zone;
    const WorkingHours* hours;
    IntervalList starts;
  };

  static bool SameHours(const WorkingHours& a, const WorkingHours& b) {
    return a.around_the_clock == b.around_the_clock && (a.around_the_clock || a.windows == b.windows);
  }
  IntervalList Compute(const Calendar& calendar) const {
    return IntersectIntervals(WorkingStarts(calendar.working_hours, *calendar.zone, query_.duration,
                                            space_.front().start, space_.back().end),
                              space_);
  }

  const AvailabilityQuery& query_;
  const IntervalList& space_;
  std::deque<Entry> entries_;  // a deque: references handed out stay valid as entries are added
  IntervalList uncached_;
};

IntervalList ParticipantStarts(const Calendar& calendar, const AvailabilityQuery& query, const IntervalList& space,
                               WorkingStartsCache& working) {
  const Instant from = space.front().start, to = space.back().end;
  const std::optional<std::int64_t> per_day = calendar.max_interviews_per_day;
  const std::optional<std::int64_t> per_week = calendar.max_interviews_per_week;
  if ((per_day && *per_day == 0) || (per_week && *per_week == 0)) return {};  // no interview may be added, ever
  IntervalList starts = SubtractIntervals(working.For(calendar),
                                          BlockedStarts(calendar.busy, query.tentative_blocks, query.duration,
                                                        query.buffer_before, query.buffer_after, from, to));
  if ((per_day || per_week) && !starts.empty()) {
    const std::vector<std::int64_t> full = FullDays(calendar.busy, *calendar.zone, per_day, per_week);
    starts = SubtractIntervals(starts, InstantsOnDays(full, *calendar.zone, from, to));
  }
  return starts;
}

// Rooms and host accounts: no working hours and no load limits, only their blocking events.
IntervalList ResourceStarts(const Calendar& calendar, const AvailabilityQuery& query, const IntervalList& space) {
  return SubtractIntervals(space, BlockedStarts(calendar.busy, query.tentative_blocks, query.duration,
                                                query.buffer_before, query.buffer_after, space.front().start,
                                                space.back().end));
}

bool RoomCapacityFits(const Calendar& room, const RoomRequest& rooms) {
  if (!rooms.min_capacity) return true;
  return room.capacity && *room.capacity >= *rooms.min_capacity;
}

}  // namespace

IntervalList WorkingHoursStarts(const Calendar& calendar, Duration duration, Instant from, Instant to) {
  if (to <= from) return {};
  return WorkingStarts(calendar.working_hours, *calendar.zone, duration, from, to);
}

IntervalList CandidateHoursStarts(const AvailabilityQuery& query, Duration duration, Instant from, Instant to) {
  if (to <= from) return {};
  if (!query.candidate) return {{from, to}};
  return WorkingStarts(query.candidate->working_hours, *query.candidate->zone, duration, from, to);
}

StartSets ComputeStartSets(const AvailabilityQuery& query, const std::vector<Calendar>& calendars, Instant now) {
  StartSets sets;
  sets.start_space = StartSpace(query, now);
  sets.as_participant.resize(calendars.size());
  sets.as_room.resize(calendars.size());
  sets.as_host.resize(calendars.size());
  std::vector<bool> seen(calendars.size(), false);
  WorkingStartsCache working(query, sets.start_space);
  for (const ParticipantGroup& group : query.groups) {
    for (std::size_t m : group.members) {
      if (seen[m]) continue;
      seen[m] = true;
      sets.participant_order.push_back(m);
      if (!sets.start_space.empty()) sets.as_participant[m] = ParticipantStarts(calendars[m], query, sets.start_space, working);
    }
  }
  if (sets.start_space.empty()) return sets;

  IntervalList available = sets.start_space;
  std::vector<const IntervalList*> lists;
  for (const ParticipantGroup& group : query.groups) {
    lists.clear();
    for (std::size_t m : group.members) lists.push_back(&sets.as_participant[m]);
    sets.per_group.push_back(AtLeast(lists, group.required));
    available = IntersectIntervals(available, sets.per_group.back());
  }
  sets.rooms_ok = sets.start_space;
  if (query.rooms) {
    lists.clear();
    for (std::size_t r : query.rooms->members) {
      if (RoomCapacityFits(calendars[r], *query.rooms)) sets.as_room[r] = ResourceStarts(calendars[r], query, sets.start_space);
      lists.push_back(&sets.as_room[r]);
    }
    sets.rooms_ok = AtLeast(lists, query.rooms->required);
    available = IntersectIntervals(available, sets.rooms_ok);
  }
  sets.hosts_ok = sets.start_space;
  if (query.conferencing) {
    lists.clear();
    for (std::size_t h : query.conferencing->hosts) {
      sets.as_host[h] = ResourceStarts(calendars[h], query, sets.start_space);
      if (HostNeedsOwner(calendars[h], query)) {  // a refused host-before-join rule: usable only with its owner there
        const std::optional<std::size_t> owner = calendars[h].conferencing_account->owner_calendar;
        sets.as_host[h] = owner ? IntersectIntervals(sets.as_host[h], sets.as_participant[*owner]) : IntervalList{};
      }
      lists.push_back(&sets.as_host[h]);
    }
    sets.hosts_ok = AtLeast(lists, query.conferencing->required);
    available = IntersectIntervals(available, sets.hosts_ok);
  }
  sets.available = std::move(available);
  return sets;
}

// =====================================================================================================================
// [SECTION] Answers
// =====================================================================================================================

void ListFree(const AvailabilityQuery& query, const StartSets& sets, Instant s, SlotMatch& match) {
  match.participants.clear();
  match.rooms.clear();
  match.hosts.clear();
  for (std::size_t m : sets.participant_order) {
    if (IntervalsContain(sets.as_participant[m], s)) match.participants.push_back(m);
  }
  if (query.rooms) {
    for (std::size_t r : query.rooms->members) {
      if (IntervalsContain(sets.as_room[r], s)) match.rooms.push_back(r);
    }
  }
  if (query.conferencing) {
    for (std::size_t h : query.conferencing->hosts) {
      if (IntervalsContain(sets.as_host[h], s)) match.hosts.push_back(h);
    }
  }
}

std::size_t CountGridStarts(const IntervalList& starts, const TimeZone& zone, Duration step, std::size_t cap) {
  if (cap == 0) return 0;
  return ForEachGridStart(starts, zone, step, [n = std::size_t{0}, cap](Instant) mutable { return ++n < cap; });
}

namespace {

std::vector<SlotMatch> GridSlots(const AvailabilityQuery& query, const StartSets& sets) {
  std::vector<SlotMatch> slots;
  slots.reserve(std::min<std::size_t>(query.max_results, 64));
  ForEachGridStart(sets.available, *query.zone, query.start_interval, [&](Instant s) {
    SlotMatch& match = slots.emplace_back();
    match.interval = {s, s + query.duration};
    ListFree(query, sets, s, match);
    return slots.size() < query.max_results;
  });
  return slots;
}

Instant CeilMinute(Instant t) { return FloorDiv(t + kSecondsPerMinute - 1, kSecondsPerMinute) * kSecondsPerMinute; }

// Adds to `cuts` every boundary of `list` inside (lo, hi), rounded up to the whole minute where membership changes.
void AddCuts(const IntervalList& list, Instant lo, Instant hi, std::vector<Instant>& cuts) {
  auto it = std::lower_bound(list.begin(), list.end(), lo, [](const Interval& i, Instant v) { return i.end <= v; });
  for (; it != list.end() && it->start < hi; ++it) {
    for (Instant b : {it->start, it->end}) {
      const Instant cut = CeilMinute(b);
      if (cut > lo && cut < hi) cuts.push_back(cut);
    }
  }
}

std::vector<SlotMatch> Periods(const AvailabilityQuery& query, const StartSets& sets) {
  // The whole-minute starts of `available`, as [first minute, last minute + 60) runs.
  IntervalList minutes;
  for (const Interval& i : sets.available) {
    const Instant first = CeilMinute(i.start);
    const Instant last = FloorDiv(i.end - 1, kSecondsPerMinute) * kSecondsPerMinute;
    if (first <= last) minutes.push_back({first, last + kSecondsPerMinute});
  }
  minutes = MergeIntervals(std::move(minutes));

  std::vector<SlotMatch> periods;
  std::vector<Instant> cuts;
  SlotMatch piece;
  for (const Interval& run : minutes) {
    cuts.clear();
    cuts.push_back(run.start);
    for (std::size_t m : sets.participant_order) AddCuts(sets.as_participant[m], run.start, run.end, cuts);
    if (query.rooms) {
      for (std::size_t r : query.rooms->members) AddCuts(sets.as_room[r], run.start, run.end, cuts);
    }
    if (query.conferencing) {
      for (std::size_t h : query.conferencing->hosts) AddCuts(sets.as_host[h], run.start, run.end, cuts);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cuts.push_back(run.end);
    bool open = false;  // whether periods.back() belongs to this run and may still grow
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
      ListFree(query, sets, cuts[c], piece);
      const Instant last_start = cuts[c + 1] - kSecondsPerMinute;
      if (open && periods.back().participants == piece.participants && periods.back().rooms == piece.rooms &&
          periods.back().hosts == piece.hosts) {
        periods.back().interval.end = last_start + query.duration;
        continue;
      }
      if (periods.size() == query.max_results) return periods;  // the next period starts: the earlier ones are final
      piece.interval = {cuts[c], last_start + query.duration};
      periods.push_back(piece);
      open = true;
    }
  }
  return periods;
}

}  // namespace

std::vector<SlotMatch> SolveWith(const AvailabilityQuery& query, const std::vector<Calendar>& calendars, Instant now) {
  const StartSets sets = ComputeStartSets(query, calendars, now);
  if (query.response_format == ResponseFormat::kPeriods) return Periods(query, sets);
  return GridSlots(query, sets);
}

std::vector<SlotMatch> Solve(const Problem& problem) { return SolveWith(problem.query, problem.calendars, problem.now); }

}  // namespace slotwise
