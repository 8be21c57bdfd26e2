// Property test for shared/sequence: random small loop problems (2–3 stages, pools of 1–3, per-stage rooms or one loop
// room, load limits, DST days, every ranking), each solved by SolveLoops and by a naive reference written from
// docs/ENGINE.md "Interview loops" / "Ranking": every grid minute of every stage, every combination of member and room
// choices enumerated, free-ness checked event by event and minute by minute. The two answers (stage starts, chosen
// members, chosen rooms, scores, order) must be equal. On a difference the failing document is printed.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "slotwise/sequence.h"

#include "support/system_zones.h"

using namespace slotwise;
using nlohmann::json;

namespace {

const char* const kZones[] = {"UTC", "America/New_York", "Asia/Kolkata"};

ZoneSource& Zones() { return testing::SystemZones(); }

// =====================================================================================================================
// The reference.
// =====================================================================================================================

std::int64_t LocalDayOf(const TimeZone& zone, Instant t) {
  return FloorDiv(zone.ToLocalSeconds(t), kSecondsPerDay);
}

// Every minute of [s, s + d) lies in a working window of its own local date (windows in the tests avoid DST hours).
bool Working(const WorkingHours& hours, const TimeZone& zone, Instant s, Duration d) {
  if (hours.around_the_clock) return true;
  for (Instant t = s; t < s + d; t += kSecondsPerMinute) {
    const std::int64_t local = zone.ToLocalSeconds(t);
    const std::int64_t day = FloorDiv(local, kSecondsPerDay);
    const std::int64_t second = local - day * kSecondsPerDay;
    bool inside = false;
    for (const LocalWindow& w : hours.windows[static_cast<std::size_t>(WeekdayFromDays(day))]) {
      inside = inside || (w.start <= second && second < w.end);
    }
    if (!inside) return false;
  }
  return true;
}

struct Reference {
  const LoopProblem& problem;
  const AvailabilityQuery& q = problem.base.query;
  const std::vector<Calendar>& calendars = problem.base.calendars;

  bool Blocked(const Calendar& c, Instant s, Duration d) const {
    for (const BusyEvent& e : c.busy) {
      if (StatusBlocks(e.status, q.tentative_blocks) && e.interval.start < s + d + q.buffer_after &&
          s - q.buffer_before < e.interval.end) {
        return true;
      }
    }
    return false;
  }
  std::int64_t CountDay(std::size_t m, std::int64_t day) const {
    std::int64_t n = 0;
    for (const BusyEvent& e : calendars[m].busy)
      n += e.interview && LocalDayOf(*calendars[m].zone, e.interval.start) == day;
    return n;
  }
  std::int64_t CountWeek(std::size_t m, std::int64_t day) const {
    std::int64_t n = 0;
    for (const BusyEvent& e : calendars[m].busy) {
      n += e.interview && IsoWeekStartDay(LocalDayOf(*calendars[m].zone, e.interval.start)) == IsoWeekStartDay(day);
    }
    return n;
  }
  bool Free(std::size_t m, Instant s, Duration d) const {
    const Calendar& c = calendars[m];
    const std::int64_t day = LocalDayOf(*c.zone, s);
    if (c.max_interviews_per_day && CountDay(m, day) >= *c.max_interviews_per_day) return false;
    if (c.max_interviews_per_week && CountWeek(m, day) >= *c.max_interviews_per_week) return false;
    return Working(c.working_hours, *c.zone, s, d) && !Blocked(c, s, d);
  }
  bool Usable(std::size_t r, const RoomRequest& rooms, Instant s, Duration d) const {
    if (rooms.min_capacity && !(calendars[r].capacity && *calendars[r].capacity >= *rooms.min_capacity)) return false;
    return !Blocked(calendars[r], s, d);
  }
};

// All k-subsets of `items`, lexicographic by position.
std::vector<std::vector<std::size_t>> Subsets(const std::vector<std::size_t>& items, std::size_t k) {
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> pick;
  std::function<void(std::size_t)> rec = [&](std::size_t j) {
    if (pick.size() == k) {
      out.push_back(pick);
      return;
    }
    for (std::size_t i = j; i < items.size(); ++i) {
      pick.push_back(items[i]);
      rec(i + 1);
      pick.pop_back();
    }
  };
  rec(0);
  return out;
}

// Calls visit(choice) for every element of the cartesian product of `options`, first slot most significant.
void Product(const std::vector<std::vector<std::vector<std::size_t>>>& options,
             const std::function<void(const std::vector<std::vector<std::size_t>>&)>& visit) {
  std::vector<std::vector<std::size_t>> choice(options.size());
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (i == options.size()) {
      visit(choice);
      return;
    }
    for (const std::vector<std::size_t>& o : options[i]) {
      choice[i] = o;
      rec(i + 1);
    }
  };
  rec(0);
}

std::vector<LoopMatch> ReferenceLoops(const LoopProblem& problem) {
  const Reference ref{problem};
  const AvailabilityQuery& q = problem.base.query;
  const std::size_t n = problem.stages.size();
  // Grid minutes of the query periods, found minute by minute.
  std::set<Instant> grid;
  for (const Interval& p : q.query_periods) {
    for (Instant t = p.start; t < p.end; t += kSecondsPerMinute) {
      if (FloorMod(q.zone->ToLocalSeconds(t), q.start_interval) == 0) grid.insert(t);
    }
  }
  std::set<std::vector<Instant>> tuples;
  for (const Interval& p : q.query_periods) {
    std::vector<Instant> starts(n);
    std::function<void(std::size_t)> rec = [&](std::size_t k) {
      if (k == n) {
        tuples.insert(starts);
        return;
      }
      for (Instant s : grid) {
        const Duration d = problem.stages[k].duration;
        if (s < p.start || s + d > p.end) continue;
        if (k == 0 && s < problem.base.now + q.minimum_notice) continue;
        if (k > 0) {
          const Instant gap = s - (starts[k - 1] + problem.stages[k - 1].duration);
          if (gap < problem.stages[k].gap_min) continue;
          if (problem.stages[k].gap_max && gap > *problem.stages[k].gap_max) continue;
        }
        starts[k] = s;
        rec(k + 1);
      }
    };
    rec(0);
  }
  std::vector<LoopMatch> loops;
  for (const std::vector<Instant>& starts : tuples) {
    // Members: every combination; valid when the load limits hold across the loop.
    std::vector<std::vector<std::vector<std::size_t>>> options;
    std::vector<std::size_t> slot_stage;
    for (std::size_t k = 0; k < n; ++k) {
      for (const ParticipantGroup& g : problem.stages[k].groups) {
        std::vector<std::size_t> free;
        for (std::size_t m : g.members) {
          if (ref.Free(m, starts[k], problem.stages[k].duration)) free.push_back(m);
        }
        options.push_back(Subsets(free, g.required));
        slot_stage.push_back(k);
      }
    }
    bool found = false;
    std::int64_t best_cost = 0;
    std::vector<std::vector<std::size_t>> best;
    Product(options, [&](const std::vector<std::vector<std::size_t>>& choice) {
      std::vector<std::set<std::size_t>> per_stage(n);
      for (std::size_t i = 0; i < choice.size(); ++i)
        per_stage[slot_stage[i]].insert(choice[i].begin(), choice[i].end());
      std::map<std::size_t, std::vector<std::int64_t>> days;  // person -> local day of each of their stages
      std::int64_t cost = 0;
      for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t m : per_stage[k]) {
          const std::int64_t day = LocalDayOf(*ref.calendars[m].zone, starts[k]);
          days[m].push_back(day);
          cost += ref.CountWeek(m, day);
        }
      }
      for (const auto& [m, list] : days) {
        const Calendar& c = ref.calendars[m];
        for (std::int64_t day : list) {
          const auto same_day = std::count(list.begin(), list.end(), day);
          const auto same_week = std::count_if(
              list.begin(), list.end(), [day](std::int64_t o) { return IsoWeekStartDay(o) == IsoWeekStartDay(day); });
          if (c.max_interviews_per_day && ref.CountDay(m, day) + same_day > *c.max_interviews_per_day) return;
          if (c.max_interviews_per_week && ref.CountWeek(m, day) + same_week > *c.max_interviews_per_week) return;
        }
      }
      if (q.ranking != Ranking::kBalancedLoad) cost = 0;
      if (!found || cost < best_cost) {
        found = true;
        best_cost = cost;
        best = choice;
      }
    });
    if (!found) continue;
    // Rooms.
    std::vector<std::vector<std::size_t>> rooms(n);
    std::int64_t distinct = 0;
    if (problem.loop_room) {
      bool any = false;
      for (const std::vector<std::size_t>& pick : Subsets(problem.loop_room->members, problem.loop_room->required)) {
        bool ok = true;
        for (std::size_t k = 0; k < n; ++k) {
          for (std::size_t r : pick)
            ok = ok && ref.Usable(r, *problem.loop_room, starts[k], problem.stages[k].duration);
        }
        if (ok) {
          for (std::size_t k = 0; k < n; ++k) rooms[k] = pick;
          distinct = static_cast<std::int64_t>(pick.size());
          any = true;
          break;
        }
      }
      if (!any) continue;
    } else {
      std::vector<std::vector<std::vector<std::size_t>>> room_options(n);
      for (std::size_t k = 0; k < n; ++k) {
        if (!problem.stages[k].rooms) {
          room_options[k] = {{}};
          continue;
        }
        std::vector<std::size_t> usable;
        for (std::size_t r : problem.stages[k].rooms->members) {
          if (ref.Usable(r, *problem.stages[k].rooms, starts[k], problem.stages[k].duration)) usable.push_back(r);
        }
        room_options[k] = Subsets(usable, problem.stages[k].rooms->required);
      }
      bool any = false;
      Product(room_options, [&](const std::vector<std::vector<std::size_t>>& choice) {
        std::set<std::size_t> all;
        for (const auto& pick : choice) all.insert(pick.begin(), pick.end());
        const auto count = static_cast<std::int64_t>(all.size());
        if (!any || (q.ranking == Ranking::kFewestRoomChanges && count < distinct)) {
          any = true;
          distinct = count;
          rooms = choice;
        }
      });
      if (!any) continue;
    }
    LoopMatch match;
    for (std::size_t k = 0; k < n; ++k) {
      LoopStageMatch stage;
      stage.interval = {starts[k], starts[k] + problem.stages[k].duration};
      for (std::size_t i = 0; i < best.size(); ++i) {
        if (slot_stage[i] != k) continue;
        for (std::size_t m : best[i]) {
          if (std::find(stage.participants.begin(), stage.participants.end(), m) == stage.participants.end()) {
            stage.participants.push_back(m);
          }
        }
      }
      stage.rooms = rooms[k];
      match.stages.push_back(stage);
    }
    if (q.ranking == Ranking::kBalancedLoad) match.score = best_cost;
    if (q.ranking == Ranking::kFewestRoomChanges) match.score = distinct;
    if (q.ranking == Ranking::kCandidateFriendly && q.candidate) {
      for (std::size_t k = 0; k < n; ++k) {
        match.score +=
            Working(q.candidate->working_hours, *q.candidate->zone, starts[k], problem.stages[k].duration) ? 0 : 1;
      }
    }
    loops.push_back(std::move(match));
  }
  std::stable_sort(loops.begin(), loops.end(),
                   [](const LoopMatch& a, const LoopMatch& b) { return a.score < b.score; });
  if (loops.size() > q.max_results) loops.resize(q.max_results);
  return loops;
}

// =====================================================================================================================
// Random problems.
// =====================================================================================================================

struct Generator {
  std::mt19937 rng;
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }

  std::string At(Instant t) { return FormatRfc3339(t); }

  json Hours() {
    static const char* const kShapes[][2][2] = {{{"06:00", "20:00"}, {"", ""}},
                                                {{"05:00", "12:00"}, {"13:00", "22:00"}},
                                                {{"00:00", "01:00"}, {"14:00", "24:00"}},
                                                {{"08:00", "16:30"}, {"", ""}}};
    const auto& shape = kShapes[Int(0, 3)];
    json windows = json::array({{shape[0][0], shape[0][1]}});
    if (shape[1][0][0] != '\0') windows.push_back({shape[1][0], shape[1][1]});
    json hours = json::object();
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      if (!Chance(15)) hours[day] = windows;
    }
    return hours;
  }

  json Busy(Instant base, bool person) {
    json events = json::array();
    for (int i = Int(0, 2); i > 0; --i) {
      const Instant start = base + Int(person ? -96 : 0, 40) * 15 * kSecondsPerMinute;
      static const char* const kStatuses[] = {"busy", "tentative", "free", "oof", "busy"};
      json e = {{"start", At(start)},
                {"end", At(start + Int(1, 8) * 15 * kSecondsPerMinute)},
                {"status", kStatuses[Int(0, 4)]}};
      if (person && Chance(40)) e["interview"] = true;
      events.push_back(e);
    }
    return events;
  }

  json Members(const std::vector<std::string>& pool, int count) {
    std::vector<std::string> subs = pool;
    std::shuffle(subs.begin(), subs.end(), rng);
    json list = json::array();
    for (int i = 0; i < count; ++i) list.push_back({{"sub", subs[static_cast<std::size_t>(i)]}});
    return list;
  }

  json Document() {
    const Instant base = Chance(50) ? *ParseRfc3339("2026-03-08T03:00:00Z") : *ParseRfc3339("2026-12-01T08:00:00Z");
    const std::vector<std::string> people = {"p0", "p1", "p2", "p3", "p4"};
    const std::vector<std::string> room_names = {"r0", "r1", "r2"};
    json calendars = json::object();
    for (const std::string& sub : people) {
      json c = {{"time_zone", kZones[Int(0, 2)]}, {"busy", Busy(base, true)}};
      if (Chance(25)) c["working_hours"] = Hours();
      static const int kDay[] = {-1, -1, -1, -1, 0, 1, 2, 2, 3};
      static const int kWeek[] = {-1, -1, 2, 3, 4};
      if (const int day = kDay[Int(0, 8)]; day >= 0) c["max_interviews_per_day"] = day;
      if (const int week = kWeek[Int(0, 4)]; week >= 0) c["max_interviews_per_week"] = week;
      calendars[sub] = c;
    }
    for (const std::string& sub : room_names) {
      json c = {{"busy", Busy(base, false)}};
      if (Chance(75)) c["capacity"] = Int(2, 8);
      calendars[sub] = c;
    }
    const int grid = Chance(50) ? 30 : 60;
    json periods = json::array();
    for (int i = Int(1, 2); i > 0; --i) {
      const Instant start = base + Int(0, 16) * 15 * kSecondsPerMinute;
      periods.push_back({{"start", At(start)}, {"end", At(start + Int(16, 40) * 15 * kSecondsPerMinute)}});
    }
    static const char* const kRankings[] = {"earliest", "balanced_load", "candidate_friendly", "fewest_room_changes"};
    json query = {
        {"time_zone", kZones[Int(0, 2)]},
        {"start_interval", {{"minutes", grid}}},
        {"query_periods", periods},
        {"ranking", kRankings[Int(0, 3)]},
        {"max_results", Chance(20) ? Int(1, 4) : 512},
        {"buffer", {{"before", {{"minutes", Chance(30) ? 15 : 0}}}, {"after", {{"minutes", Chance(30) ? 15 : 0}}}}}};
    if (Chance(30)) query["minimum_notice"] = {{"minutes", Int(0, 8) * 30}};
    if (Chance(70)) query["candidate"] = {{"time_zone", kZones[Int(0, 2)]}, {"working_hours", Hours()}};
    const int room_mode = Int(0, 2);  // 0 none, 1 per stage, 2 loop room
    json sequence = json::array();
    const int stages = Int(2, 3);
    for (int k = 0; k < stages; ++k) {
      json groups = json::array();
      for (int g = Chance(70) ? 1 : 2; g > 0; --g) {
        const int count = Int(1, 3);
        json group = {{"members", Members(people, count)}};
        if (Chance(10))
          group["required"] = "all";
        else
          group["required"] = Int(1, count);
        groups.push_back(group);
      }
      static const int kDurations[] = {30, 45, 60};
      json stage = {{"sequence_id", "s" + std::to_string(k)},
                    {"ordinal", (stages - k) * 10},  // reversed on purpose
                    {"participants", groups},
                    {"required_duration", {{"minutes", kDurations[Int(0, 2)]}}}};
      const int gap_min = Int(0, 2) * 15;
      json before = {{"minimum", {{"minutes", gap_min}}}};
      if (Chance(75)) before["maximum"] = {{"minutes", gap_min + (Chance(10) ? 0 : Int(1, 4) * 30)}};
      stage["buffer"] = {{"before", before}};
      if (room_mode == 1 && Chance(70)) {
        const int count = Int(1, 3);
        stage["rooms"] = {{"members", Members(room_names, count)}, {"required", Int(1, std::min(count, 2))}};
        if (Chance(20)) stage["rooms"]["min_capacity"] = 4;
      }
      sequence.push_back(stage);
    }
    query["sequence"] = sequence;
    if (room_mode == 2) {
      const int count = Int(1, 3);
      query["loop_room"] = {{"members", Members(room_names, count)}, {"required", Int(1, std::min(count, 2))}};
    }
    return {{"now", At(base - Int(0, 4) * 30 * kSecondsPerMinute)}, {"query", query}, {"calendars", calendars}};
  }
};

}  // namespace

TEST_CASE("Sequence property: SolveLoops equals the naive enumeration on random small problems") {
  Generator generator{std::mt19937(20261124)};
  constexpr int kProblems = 2000;
  int with_loops = 0;
  for (int i = 0; i < kProblems; ++i) {
    const json document = generator.Document();
    Result<LoopProblem> problem = ParseLoopDocument(document, Zones());
    INFO(document.dump());
    REQUIRE(problem);
    const std::vector<LoopMatch> expected = ReferenceLoops(*problem);
    const std::vector<LoopMatch> actual = SolveLoops(*problem);
    with_loops += expected.empty() ? 0 : 1;
    REQUIRE(actual.size() == expected.size());
    for (std::size_t j = 0; j < actual.size(); ++j) {
      INFO("loop " << j);
      REQUIRE(actual[j] == expected[j]);
    }
  }
  MESSAGE("problems with at least one loop: " << with_loops << " of " << kProblems);
  CHECK(with_loops > kProblems / 4);  // the generator must keep producing problems that have answers
}
