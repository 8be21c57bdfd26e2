// sequence_solver.cpp — interview loops: stage start sets, the walk over stage starts, the choice of interviewers and
// rooms, ranking and the answer JSON (see sequence.h, docs/ENGINE.md "Interview loops" and "Ranking").
//
// [SECTION] Stages      — one single-slot query + start sets per stage
// [SECTION] Search      — start tuples (depth first, earliest first), member choice with cross-stage load limits
// [SECTION] Answer      — SolveLoops, LoopAnswerToJson
#include <algorithm>
#include <limits>
#include <numeric>

#include "slotwise/ranking.h"
#include "slotwise/sequence.h"
#include "slotwise/solver.h"

namespace slotwise {

namespace {

// =====================================================================================================================
// [SECTION] Stages
// =====================================================================================================================

struct StageData {
  AvailabilityQuery query;      // the stage as a single-slot query (query-level settings + the stage's own)
  StartSets sets;               // allowed starts of every member, room and group for this stage
  std::vector<Instant> starts;  // grid starts at which the stage alone is possible, ascending
  IntervalList friendly;        // candidate_friendly only: starts inside the candidate's working hours
};

std::vector<StageData> BuildStages(const LoopProblem& problem) {
  std::vector<StageData> stages(problem.stages.size());
  for (std::size_t k = 0; k < stages.size(); ++k) {
    StageData& data = stages[k];
    data.query = problem.base.query;
    data.query.groups = problem.stages[k].groups;
    data.query.duration = problem.stages[k].duration;
    data.query.rooms = problem.loop_room ? problem.loop_room : problem.stages[k].rooms;
    data.query.conferencing.reset();
    data.sets = ComputeStartSets(data.query, problem.base.calendars, problem.base.now);
    ForEachGridStart(data.sets.available, *data.query.zone, data.query.start_interval, [&data](Instant s) {
      data.starts.push_back(s);
      return true;
    });
    if (problem.base.query.ranking == Ranking::kCandidateFriendly && !data.starts.empty()) {
      data.friendly =
          CandidateHoursStarts(data.query, data.query.duration, data.starts.front(), data.starts.back() + 1);
    }
  }
  return stages;
}

// The latest end of a query period holding [s, s + duration): every later stage must end by then.
Instant PeriodBound(const IntervalList& periods, Instant s, Duration duration) {
  Instant bound = std::numeric_limits<Instant>::min();
  for (const Interval& p : periods) {
    if (p.start <= s && s + duration <= p.end) bound = std::max(bound, p.end);
  }
  return bound;
}

// =====================================================================================================================
// [SECTION] Search
// =====================================================================================================================

class LoopSearch {
 public:
  LoopSearch(const LoopProblem& problem, std::size_t limit)
      : problem_(problem),
        calendars_(problem.base.calendars),
        ranking_(problem.base.query.ranking),
        stop_at_(ranking_ == Ranking::kEarliest ? std::min(limit, kMaxLoopsCollected) : kMaxLoopsCollected),
        stages_(BuildStages(problem)),
        load_(calendars_),
        starts_(stages_.size()),
        chosen_(stages_.size()),
        member_day_(stages_.size(), std::vector<std::int64_t>(calendars_.size(), 0)) {}

  std::vector<LoopMatch> Run() {
    if (stop_at_ == 0) return {};
    for (Instant s : stages_[0].starts) {
      bound_ = PeriodBound(problem_.base.query.query_periods, s, stages_[0].query.duration);
      if (bound_ == std::numeric_limits<Instant>::min()) continue;  // cannot happen: s lies in the start space
      starts_[0] = s;
      if (!Walk(1)) break;
    }
    return std::move(loops_);
  }

 private:
  // Chooses stage k's start given stages 0..k-1; false once enough loops are collected.
  bool Walk(std::size_t k) {
    if (k == stages_.size()) return Complete();
    const Instant previous_end = starts_[k - 1] + stages_[k - 1].query.duration;
    const Duration duration = stages_[k].query.duration;
    const Instant lo = previous_end + problem_.stages[k].gap_min;
    Instant hi = bound_ - duration;  // inclusive
    if (problem_.stages[k].gap_max) hi = std::min(hi, previous_end + *problem_.stages[k].gap_max);
    const std::vector<Instant>& starts = stages_[k].starts;
    for (auto it = std::lower_bound(starts.begin(), starts.end(), lo); it != starts.end() && *it <= hi; ++it) {
      if (++total_steps_ > kMaxSearchSteps) return false;  // the whole search's budget (sequence.h)
      starts_[k] = *it;
      if (!Walk(k + 1)) return false;
    }
    return true;
  }

  // A full start tuple: choose rooms and members; keep the loop when both exist.
  bool Complete() {
    LoopMatch match;
    match.stages.resize(stages_.size());
    std::int64_t room_score = 0;
    const bool rooms_ok = ChooseRooms(match, room_score);
    total_steps_ += room_steps_;
    if (!rooms_ok) return total_steps_ <= kMaxSearchSteps;
    const bool members_ok = ChooseMembers(match);
    total_steps_ += member_steps_;
    if (!members_ok) return total_steps_ <= kMaxSearchSteps;
    for (std::size_t k = 0; k < stages_.size(); ++k) {
      match.stages[k].interval = {starts_[k], starts_[k] + stages_[k].query.duration};
    }
    if (ranking_ == Ranking::kBalancedLoad) match.score = best_cost_;
    if (ranking_ == Ranking::kFewestRoomChanges) match.score = room_score;
    if (ranking_ == Ranking::kCandidateFriendly) {
      for (std::size_t k = 0; k < stages_.size(); ++k)
        match.score += IntervalsContain(stages_[k].friendly, starts_[k]) ? 0 : 1;
    }
    loops_.push_back(std::move(match));
    return loops_.size() < stop_at_;
  }

  std::vector<std::size_t> UsableRooms(std::size_t k) const {
    std::vector<std::size_t> usable;
    for (std::size_t r : stages_[k].query.rooms->members) {
      if (IntervalsContain(stages_[k].sets.as_room[r], starts_[k])) usable.push_back(r);
    }
    return usable;
  }

  // Rooms: one set for the whole loop (usable at every stage), or per stage the first `required` usable ones — for
  // fewest_room_changes the per-stage choice with the fewest distinct rooms (ties: first in query order).
  bool ChooseRooms(LoopMatch& match, std::int64_t& distinct) {
    if (problem_.loop_room) {
      std::vector<std::size_t> common = UsableRooms(0);
      for (std::size_t k = 1; k < stages_.size() && common.size() >= problem_.loop_room->required; ++k) {
        const std::vector<std::size_t> usable = UsableRooms(k);
        std::erase_if(common,
                      [&usable](std::size_t r) { return std::find(usable.begin(), usable.end(), r) == usable.end(); });
      }
      if (common.size() < problem_.loop_room->required) return false;
      common.resize(problem_.loop_room->required);
      for (LoopStageMatch& stage : match.stages) stage.rooms = common;
      distinct = static_cast<std::int64_t>(common.size());
      return true;
    }
    room_options_.assign(stages_.size(), {});
    for (std::size_t k = 0; k < stages_.size(); ++k) {
      if (stages_[k].query.rooms) room_options_[k] = UsableRooms(k);
    }
    best_rooms_.clear();
    best_distinct_ = std::numeric_limits<std::size_t>::max();
    room_steps_ = 0;
    room_pick_.assign(stages_.size(), {});
    PickRooms(0, 0);
    if (best_rooms_.empty()) return false;
    for (std::size_t k = 0; k < stages_.size(); ++k) match.stages[k].rooms = best_rooms_[k];
    distinct = static_cast<std::int64_t>(best_distinct_);
    return true;
  }

  std::size_t DistinctRooms() const {
    std::vector<std::size_t> all;
    for (const std::vector<std::size_t>& pick : room_pick_) all.insert(all.end(), pick.begin(), pick.end());
    std::sort(all.begin(), all.end());
    return static_cast<std::size_t>(std::unique(all.begin(), all.end()) - all.begin());
  }

  // Depth first over (stage, position in its usable rooms), take-first = query order; stops at the first complete
  // choice unless fewest_room_changes asks for the minimum.
  bool PickRooms(std::size_t k, std::size_t j) {
    if (++room_steps_ > kMaxAssignmentSteps) return false;
    if (k == stages_.size()) {
      const std::size_t distinct = DistinctRooms();
      if (distinct < best_distinct_) {
        best_distinct_ = distinct;
        best_rooms_ = room_pick_;
      }
      return ranking_ == Ranking::kFewestRoomChanges;
    }
    const std::size_t required = stages_[k].query.rooms ? stages_[k].query.rooms->required : 0;
    if (room_pick_[k].size() == required) return PickRooms(k + 1, 0);
    const std::vector<std::size_t>& options = room_options_[k];
    if (options.size() - j < required - room_pick_[k].size()) return true;
    if (ranking_ == Ranking::kFewestRoomChanges && DistinctRooms() >= best_distinct_) return true;
    room_pick_[k].push_back(options[j]);
    const bool go_on = PickRooms(k, j + 1);
    room_pick_[k].pop_back();
    if (!go_on) return false;
    return PickRooms(k, j + 1);
  }

  // Members: for every (stage, group) `required` of the group's members free at that stage's start, honouring load
  // limits across the loop. Earliest-type rankings take the first choice in query order; balanced_load the one with
  // the smallest sum of week counts (ties: first in query order).
  bool ChooseMembers(LoopMatch& match) {
    slots_.clear();
    for (std::size_t k = 0; k < stages_.size(); ++k) {
      for (std::size_t g = 0; g < stages_[k].query.groups.size(); ++g) {
        Slot slot{k, g, {}, {}};
        for (std::size_t m : stages_[k].query.groups[g].members) {
          if (!IntervalsContain(stages_[k].sets.as_participant[m], starts_[k])) continue;
          slot.free.push_back(m);
          member_day_[k][m] = load_.Day(m, starts_[k]);
          slot.cost.push_back(ranking_ == Ranking::kBalancedLoad ? load_.InWeekOf(m, member_day_[k][m]) : 0);
        }
        slots_.push_back(std::move(slot));
      }
      chosen_[k].clear();
    }
    best_cost_ = std::numeric_limits<std::int64_t>::max();
    best_chosen_.clear();
    member_steps_ = 0;
    PickMembers(0, 0, 0);
    if (best_chosen_.empty()) return false;
    for (std::size_t k = 0; k < stages_.size(); ++k) {
      std::vector<std::size_t>& list = match.stages[k].participants;
      for (std::size_t m : best_chosen_[k]) {
        if (std::find(list.begin(), list.end(), m) == list.end()) list.push_back(m);
      }
    }
    return true;
  }

  struct Slot {
    std::size_t stage;
    std::size_t group;
    std::vector<std::size_t> free;   // the group's members free at the stage's start, query order
    std::vector<std::int64_t> cost;  // balanced_load: each free member's interviews in that week (else 0)
  };

  // Would one more interview for `m` at stage k keep m within its limits, given m's other stages in this loop?
  bool LoadAllows(std::size_t k, std::size_t m) const {
    const Calendar& calendar = calendars_[m];
    if (!calendar.max_interviews_per_day && !calendar.max_interviews_per_week) return true;
    const std::int64_t day = member_day_[k][m];
    const std::int64_t week = IsoWeekStartDay(day);
    std::int64_t same_day = 1, same_week = 1;
    for (std::size_t j = 0; j < stages_.size(); ++j) {
      if (j == k || std::find(chosen_[j].begin(), chosen_[j].end(), m) == chosen_[j].end()) continue;
      const std::int64_t other = member_day_[j][m];  // m was chosen at stage j, so it is filled
      same_day += other == day ? 1 : 0;
      same_week += IsoWeekStartDay(other) == week ? 1 : 0;
    }
    if (calendar.max_interviews_per_day && load_.OnDay(m, day) + same_day > *calendar.max_interviews_per_day)
      return false;
    if (calendar.max_interviews_per_week && load_.InWeekOf(m, day) + same_week > *calendar.max_interviews_per_week) {
      return false;
    }
    return true;
  }

  // Slot i, next candidate position j, `taken` of slot i chosen so far. False stops the whole search.
  bool PickMembers(std::size_t i, std::size_t j, std::size_t taken) {
    if (++member_steps_ > kMaxAssignmentSteps) return false;
    if (i == slots_.size()) {
      if (cost_ < best_cost_) {
        best_cost_ = cost_;
        best_chosen_ = chosen_;
      }
      return ranking_ == Ranking::kBalancedLoad;
    }
    const Slot& slot = slots_[i];
    const std::size_t required = stages_[slot.stage].query.groups[slot.group].required;
    if (taken == required) return PickMembers(i + 1, 0, 0);
    if (slot.free.size() - j < required - taken) return true;
    if (ranking_ == Ranking::kBalancedLoad && cost_ >= best_cost_) return true;
    const std::size_t m = slot.free[j];
    std::vector<std::size_t>& stage_chosen = chosen_[slot.stage];
    const bool again = std::find(stage_chosen.begin(), stage_chosen.end(), m) != stage_chosen.end();
    if (again || LoadAllows(slot.stage, m)) {
      const std::int64_t cost = again ? 0 : slot.cost[j];
      stage_chosen.push_back(m);
      cost_ += cost;
      const bool go_on = PickMembers(i, j + 1, taken + 1);
      cost_ -= cost;
      stage_chosen.pop_back();
      if (!go_on) return false;
    }
    return PickMembers(i, j + 1, taken);
  }

  const LoopProblem& problem_;
  const std::vector<Calendar>& calendars_;
  const Ranking ranking_;
  const std::size_t stop_at_;
  const std::vector<StageData> stages_;
  const InterviewLoad load_;
  std::vector<Instant> starts_;  // the start tuple being built
  Instant bound_ = 0;            // every stage must end by this (the period of stage 1)
  std::vector<LoopMatch> loops_;

  std::vector<Slot> slots_;
  std::vector<std::vector<std::size_t>> chosen_;  // per stage, the members taken so far (a member once per group)
  std::vector<std::vector<std::size_t>> best_chosen_;
  std::vector<std::vector<std::int64_t>> member_day_;  // [stage][calendar]: local day of the stage start (free members)
  std::int64_t cost_ = 0;
  std::int64_t best_cost_ = 0;
  std::size_t member_steps_ = 0;

  std::vector<std::vector<std::size_t>> room_options_, room_pick_, best_rooms_;
  std::size_t best_distinct_ = 0;
  std::size_t room_steps_ = 0;
  std::size_t total_steps_ = 0;  // start tuples tried + member/room search steps, bounded by kMaxSearchSteps
};

nlohmann::json SubList(const std::vector<std::size_t>& indices, const std::vector<Calendar>& calendars) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i : indices) list.push_back({{"sub", calendars[i].sub}});
  return list;
}

}  // namespace

// =====================================================================================================================
// [SECTION] Answer
// =====================================================================================================================

std::vector<LoopMatch> SolveLoops(const LoopProblem& problem, std::size_t limit) {
  if (problem.stages.empty() || limit == 0) return {};
  std::vector<LoopMatch> loops = LoopSearch(problem, limit).Run();
  if (problem.base.query.ranking != Ranking::kEarliest) {
    std::stable_sort(loops.begin(), loops.end(),
                     [](const LoopMatch& a, const LoopMatch& b) { return a.score < b.score; });
  }
  if (loops.size() > limit) loops.resize(limit);
  return loops;
}

nlohmann::json LoopAnswerToJson(const LoopProblem& problem, const std::vector<LoopMatch>& loops) {
  const std::vector<Calendar>& calendars = problem.base.calendars;
  nlohmann::json list = nlohmann::json::array();
  for (const LoopMatch& loop : loops) {
    nlohmann::json stages = nlohmann::json::array();
    for (std::size_t k = 0; k < loop.stages.size(); ++k) {
      const LoopStageMatch& stage = loop.stages[k];
      nlohmann::json entry = {{"sequence_id", problem.stages[k].sequence_id},
                              {"start", FormatRfc3339(stage.interval.start)},
                              {"end", FormatRfc3339(stage.interval.end)},
                              {"participants", SubList(stage.participants, calendars)}};
      if (problem.loop_room || problem.stages[k].rooms) entry["rooms"] = SubList(stage.rooms, calendars);
      stages.push_back(std::move(entry));
    }
    nlohmann::json item = {{"sequence_start", FormatRfc3339(loop.stages.front().interval.start)},
                           {"sequence_end", FormatRfc3339(loop.stages.back().interval.end)},
                           {"sequence", std::move(stages)}};
    if (problem.base.query.ranking != Ranking::kEarliest) item["score"] = loop.score;
    list.push_back(std::move(item));
  }
  nlohmann::json answer = {{"available_sequences", std::move(list)}};
  if (nlohmann::json unknown = UnknownFreeBusyJson(problem.base); !unknown.empty()) {
    answer["unknown_free_busy"] = std::move(unknown);
  }
  return answer;
}

}  // namespace slotwise
