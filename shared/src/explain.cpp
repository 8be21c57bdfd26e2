// explain.cpp — reasons for unavailable grid starts, and ranked single relaxations (see explain.h).
//
// [SECTION] Reasons      — per unavailable start: notice, short groups (with each missing member's causes), rooms, hosts
// [SECTION] Relaxations  — candidate query changes, each re-solved and counted
// [SECTION] JSON
#include "slotwise/explain.h"

#include <algorithm>

#include "slotwise/solver.h"

namespace slotwise {

namespace {

// =====================================================================================================================
// [SECTION] Reasons
// =====================================================================================================================

struct Context {
  const Problem& problem;
  const StartSets& sets;                   // solved with minimum_notice ignored, so lists cover every period start
  std::vector<IntervalList> working;       // per calendar index (participants only): working-hours starts
};

std::int64_t LocalDayOf(const TimeZone& zone, Instant t) { return FloorDiv(zone.ToLocalSeconds(t), kSecondsPerDay); }

// Blocking events of `calendar` meeting the buffered window of slot s; `code_in_slot` when they meet the slot itself.
void EventReasons(const Problem& p, std::size_t calendar, Instant s, ReasonCode in_slot, ReasonCode in_buffer,
                  std::vector<Reason>& out) {
  const AvailabilityQuery& q = p.query;
  for (const BusyEvent& e : p.calendars[calendar].busy) {
    if (e.interval.start >= s + q.duration + q.buffer_after) break;  // sorted by start
    if (!StatusBlocks(e.status, q.tentative_blocks) || e.interval.end <= s - q.buffer_before) continue;
    Reason reason;
    reason.code = e.unknown ? ReasonCode::kFreeBusyUnknown
                            : (e.interval.start < s + q.duration && s < e.interval.end) ? in_slot : in_buffer;
    reason.calendar = calendar;
    reason.event = e;
    out.push_back(std::move(reason));
  }
}

void LoadReasons(const Calendar& c, std::size_t index, Instant s, std::vector<Reason>& out) {
  if (!c.max_interviews_per_day && !c.max_interviews_per_week) return;
  const std::int64_t day = LocalDayOf(*c.zone, s);
  std::int64_t on_day = 0, in_week = 0;
  for (const BusyEvent& e : c.busy) {
    if (!e.interview) continue;
    const std::int64_t event_day = LocalDayOf(*c.zone, e.interval.start);
    on_day += event_day == day;
    in_week += IsoWeekStartDay(event_day) == IsoWeekStartDay(day);
  }
  for (bool week : {false, true}) {
    const std::optional<std::int64_t> limit = week ? c.max_interviews_per_week : c.max_interviews_per_day;
    const std::int64_t count = week ? in_week : on_day;
    if (limit && count >= *limit) {
      Reason reason;
      reason.code = ReasonCode::kLoadLimit;
      reason.calendar = index;
      reason.week = week;
      reason.limit = *limit;
      reason.count = count;
      out.push_back(reason);
    }
  }
}

// The refused host-before-join rules that host `h` breaks at s (its owner is not a free participant there).
void HostRuleReasons(const Context& ctx, std::size_t h, Instant s, std::vector<Reason>& out) {
  const Calendar& host = ctx.problem.calendars[h];
  if (!HostNeedsOwner(host, ctx.problem.query)) return;
  const std::optional<std::size_t> owner = host.conferencing_account->owner_calendar;
  if (owner && IntervalsContain(ctx.sets.as_participant[*owner], s)) return;
  for (HostRule rule : FiringRules(*host.conferencing_account, false, CandidateExternal(ctx.problem.query))) {
    if (PolicyFor(ctx.problem.query.host_rules, rule) != HostRulePolicy::kRefuse) continue;
    Reason reason;
    reason.code = ReasonCode::kHostRule;
    reason.calendar = h;
    reason.host_rule = rule;
    out.push_back(reason);
  }
}

std::vector<Reason> ReasonsAt(const Context& ctx, Instant s) {
  const Problem& p = ctx.problem;
  const AvailabilityQuery& q = p.query;
  std::vector<Reason> reasons;
  if (s < p.now + q.minimum_notice) {
    Reason reason;
    reason.code = ReasonCode::kMinimumNotice;
    reason.earliest = p.now + q.minimum_notice;
    reasons.push_back(reason);
  }
  if (q.candidate && q.candidate->hours_required && !IntervalsContain(CandidateHoursStarts(q, q.duration, s, s + 1), s)) {
    Reason reason;
    reason.code = ReasonCode::kOutsideCandidateHours;
    reasons.push_back(reason);
  }
  for (std::size_t g = 0; g < q.groups.size(); ++g) {
    const ParticipantGroup& group = q.groups[g];
    std::size_t free = 0;
    for (std::size_t m : group.members) free += IntervalsContain(ctx.sets.as_participant[m], s);
    if (free >= group.required) continue;
    Reason shortage;
    shortage.code = ReasonCode::kGroupShort;
    shortage.group = g;
    shortage.count = static_cast<std::int64_t>(free);
    shortage.limit = static_cast<std::int64_t>(group.required);
    reasons.push_back(shortage);
    for (std::size_t m : group.members) {
      if (IntervalsContain(ctx.sets.as_participant[m], s)) continue;
      if (!IntervalsContain(ctx.working[m], s)) {
        Reason reason;
        reason.code = ReasonCode::kOutsideWorkingHours;
        reason.calendar = m;
        reasons.push_back(reason);
      }
      EventReasons(p, m, s, ReasonCode::kBusy, ReasonCode::kBuffer, reasons);
      LoadReasons(p.calendars[m], m, s, reasons);
    }
  }
  if (q.rooms && !IntervalsContain(ctx.sets.rooms_ok, s)) {
    std::size_t usable = 0;
    std::vector<Reason> details;
    for (std::size_t r : q.rooms->members) {
      if (IntervalsContain(ctx.sets.as_room[r], s)) {
        ++usable;
        continue;
      }
      const Calendar& room = p.calendars[r];
      if (q.rooms->min_capacity && !(room.capacity && *room.capacity >= *q.rooms->min_capacity)) {
        Reason reason;
        reason.code = ReasonCode::kRoomCapacity;
        reason.calendar = r;
        reason.capacity = room.capacity;
        reason.min_capacity = *q.rooms->min_capacity;
        details.push_back(reason);
      } else {
        EventReasons(p, r, s, ReasonCode::kRoomBusy, ReasonCode::kRoomBusy, details);
      }
    }
    Reason shortage;
    shortage.code = ReasonCode::kRoomsShort;
    shortage.count = static_cast<std::int64_t>(usable);
    shortage.limit = static_cast<std::int64_t>(q.rooms->required);
    reasons.push_back(shortage);
    reasons.insert(reasons.end(), details.begin(), details.end());
  }
  if (q.conferencing && !IntervalsContain(ctx.sets.hosts_ok, s)) {
    std::size_t free = 0;
    std::vector<Reason> details;
    for (std::size_t h : q.conferencing->hosts) {
      if (IntervalsContain(ctx.sets.as_host[h], s)) {
        ++free;
        continue;
      }
      EventReasons(p, h, s, ReasonCode::kHostBusy, ReasonCode::kHostBusy, details);
      HostRuleReasons(ctx, h, s, details);
    }
    Reason shortage;
    shortage.code = ReasonCode::kHostsShort;
    shortage.count = static_cast<std::int64_t>(free);
    shortage.limit = static_cast<std::int64_t>(q.conferencing->required);
    reasons.push_back(shortage);
    reasons.insert(reasons.end(), details.begin(), details.end());
  }
  return reasons;
}

// =====================================================================================================================
// [SECTION] Relaxations
// =====================================================================================================================

std::string GroupName(std::size_t g) { return "group " + std::to_string(g + 1); }

// Host-before-join relaxations: each refused rule that some host account may break becomes "warn"; each such host's
// owner (when the document has the owner's calendar and the query does not name them) joins as an interviewer.
template <class Add>
void AddHostRuleCandidates(const Problem& p, Add& add) {
  const AvailabilityQuery& q = p.query;
  const bool external = CandidateExternal(q);
  std::vector<std::size_t> owners_added;
  for (HostRule rule : {HostRule::kHostAbsentNoJbh, HostRule::kWaitingRoomOverridesJbh, HostRule::kLobbyBlocksCandidate}) {
    if (PolicyFor(q.host_rules, rule) != HostRulePolicy::kRefuse) continue;
    std::string example;
    for (std::size_t h : q.conferencing->hosts) {
      const Calendar& host = p.calendars[h];
      if (!host.conferencing_account) continue;
      const std::vector<HostRule> fired = FiringRules(*host.conferencing_account, false, external);
      if (std::find(fired.begin(), fired.end(), rule) != fired.end() && example.empty()) example = host.sub;
    }
    if (example.empty()) continue;
    AvailabilityQuery changed = q;
    HostRulePolicies& policies = changed.host_rules;
    (rule == HostRule::kHostAbsentNoJbh ? policies.host_absent_no_jbh
     : rule == HostRule::kWaitingRoomOverridesJbh ? policies.waiting_room_overrides_jbh
                                                  : policies.lobby_blocks_candidate) = HostRulePolicy::kWarn;
    add(std::move(changed), RelaxationCode::kWarnHostRule,
        "Keep slots that break " + std::string(HostRuleName(rule)) + " with a warning instead of refusing them (or fix " +
            example + "'s settings, e.g. turn on join before host).")->host_rule = rule;
  }
  for (std::size_t h : q.conferencing->hosts) {
    const Calendar& host = p.calendars[h];
    if (!HostNeedsOwner(host, q) || !host.conferencing_account->owner_calendar) continue;
    const std::size_t owner = *host.conferencing_account->owner_calendar;
    if (std::find(owners_added.begin(), owners_added.end(), owner) != owners_added.end()) continue;
    bool named = false;
    for (const ParticipantGroup& group : q.groups) {
      named = named || std::find(group.members.begin(), group.members.end(), owner) != group.members.end();
    }
    if (named) continue;
    owners_added.push_back(owner);
    AvailabilityQuery changed = q;
    changed.groups.push_back({{owner}, 1});
    add(std::move(changed), RelaxationCode::kAddHostOwner,
        "Add " + p.calendars[owner].sub + ", the owner of host account " + host.sub + ", as an interviewer.")
        ->calendar = owner;
  }
}

std::vector<std::pair<AvailabilityQuery, Relaxation>> Candidates(const Problem& p) {
  const AvailabilityQuery& q = p.query;
  std::vector<std::pair<AvailabilityQuery, Relaxation>> out;
  auto add = [&out](AvailabilityQuery changed, RelaxationCode code, std::string message) {
    Relaxation relaxation;
    relaxation.code = code;
    relaxation.message = std::move(message);
    out.emplace_back(std::move(changed), std::move(relaxation));
    return &out.back().second;
  };
  for (std::size_t g = 0; g < q.groups.size(); ++g) {
    const ParticipantGroup& group = q.groups[g];
    if (group.members.size() < 2) continue;
    for (std::size_t i = 0; i < group.members.size(); ++i) {
      AvailabilityQuery changed = q;
      ParticipantGroup& target = changed.groups[g];
      target.members.erase(target.members.begin() + static_cast<std::ptrdiff_t>(i));
      target.required = std::min(target.required, target.members.size());
      Relaxation* r = add(std::move(changed), RelaxationCode::kDropMember,
                          "Leave " + p.calendars[group.members[i]].sub + " out of " + GroupName(g) + ".");
      r->group = g;
      r->calendar = group.members[i];
    }
  }
  for (std::size_t g = 0; g < q.groups.size(); ++g) {
    if (q.groups[g].required < 2) continue;
    AvailabilityQuery changed = q;
    --changed.groups[g].required;
    add(std::move(changed), RelaxationCode::kLowerRequired,
        "Require " + std::to_string(q.groups[g].required - 1) + " instead of " + std::to_string(q.groups[g].required) +
            " members of " + GroupName(g) + ".")->group = g;
  }
  if (q.tentative_blocks) {
    AvailabilityQuery changed = q;
    changed.tentative_blocks = false;
    add(std::move(changed), RelaxationCode::kAcceptTentative, "Treat tentative events as free.");
  }
  if (q.buffer_before > 0 || q.buffer_after > 0) {
    AvailabilityQuery halved = q;
    halved.buffer_before = FloorDiv(q.buffer_before / kSecondsPerMinute, 2) * kSecondsPerMinute;
    halved.buffer_after = FloorDiv(q.buffer_after / kSecondsPerMinute, 2) * kSecondsPerMinute;
    add(std::move(halved), RelaxationCode::kHalveBuffers, "Halve the buffers before and after the interview.");
    AvailabilityQuery zero = q;
    zero.buffer_before = zero.buffer_after = 0;
    add(std::move(zero), RelaxationCode::kZeroBuffers, "Drop the buffers before and after the interview.");
  }
  if (q.rooms) {
    if (q.rooms->required > 1) {
      AvailabilityQuery changed = q;
      --changed.rooms->required;
      add(std::move(changed), RelaxationCode::kLowerRoomsRequired, "Book one room fewer.");
    }
    if (q.rooms->min_capacity) {
      AvailabilityQuery changed = q;
      changed.rooms->min_capacity.reset();
      add(std::move(changed), RelaxationCode::kDropMinCapacity, "Accept rooms of any capacity.");
    }
    AvailabilityQuery changed = q;
    changed.rooms.reset();
    add(std::move(changed), RelaxationCode::kDropRooms, "Hold the interview without a room (e.g. by video).");
  }
  if (q.conferencing) {
    if (q.conferencing->required > 1) {
      AvailabilityQuery changed = q;
      --changed.conferencing->required;
      add(std::move(changed), RelaxationCode::kLowerHostsRequired, "Use one host account fewer.");
    }
    AvailabilityQuery changed = q;
    changed.conferencing.reset();
    add(std::move(changed), RelaxationCode::kDropConferencing, "Hold the interview without a video meeting.");
    AddHostRuleCandidates(p, add);
  }
  if (q.minimum_notice > 0) {
    AvailabilityQuery halved = q;
    halved.minimum_notice = q.minimum_notice / kSecondsPerMinute / 2 * kSecondsPerMinute;
    add(std::move(halved), RelaxationCode::kHalveNotice, "Halve the minimum notice.");
    AvailabilityQuery zero = q;
    zero.minimum_notice = 0;
    add(std::move(zero), RelaxationCode::kZeroNotice, "Allow interviews without notice.");
  }
  if (q.candidate && q.candidate->hours_required) {
    AvailabilityQuery changed = q;
    changed.candidate->hours_required = false;
    add(std::move(changed), RelaxationCode::kIgnoreCandidateHours,
        "Also offer times outside the candidate's working hours (" + q.candidate->zone->name() + ").");
  }
  return out;
}

}  // namespace

std::vector<Reason> ParticipantReasonsAt(const Problem& problem, std::size_t calendar, Instant s) {
  std::vector<Reason> reasons;
  const Calendar& c = problem.calendars[calendar];
  if (!IntervalsContain(WorkingHoursStarts(c, problem.query.duration, s, s + 1), s)) {
    Reason reason;
    reason.code = ReasonCode::kOutsideWorkingHours;
    reason.calendar = calendar;
    reasons.push_back(reason);
  }
  EventReasons(problem, calendar, s, ReasonCode::kBusy, ReasonCode::kBuffer, reasons);
  LoadReasons(c, calendar, s, reasons);
  return reasons;
}

std::vector<Reason> ResourceBusyReasonsAt(const Problem& problem, std::size_t calendar, Instant s, ReasonCode code) {
  std::vector<Reason> reasons;
  EventReasons(problem, calendar, s, code, code, reasons);
  return reasons;
}

Explanation Explain(const Problem& problem) {
  const AvailabilityQuery& q = problem.query;
  Explanation explanation;
  const StartSets today = ComputeStartSets(q, problem.calendars, problem.now);
  explanation.available_starts = CountGridStarts(today.available, *q.zone, q.start_interval, kRelaxationCountCap);

  // The same sets with the notice ignored, so that starts before now + notice are explained by everything else too.
  // The candidate's required hours are lifted likewise (each such start says so first).
  AvailabilityQuery no_notice = q;
  no_notice.minimum_notice = 0;
  if (no_notice.candidate) no_notice.candidate->hours_required = false;
  Instant earliest = q.query_periods.front().start;
  for (const Interval& p : q.query_periods) earliest = std::min(earliest, p.start);
  const StartSets sets = ComputeStartSets(no_notice, problem.calendars, std::min(problem.now, earliest));
  Context ctx{problem, sets, std::vector<IntervalList>(problem.calendars.size())};
  if (!sets.start_space.empty()) {
    for (std::size_t m : sets.participant_order) {
      ctx.working[m] = WorkingHoursStarts(problem.calendars[m], q.duration, sets.start_space.front().start,
                                          sets.start_space.back().end);
    }
  }
  ForEachGridStart(sets.start_space, *q.zone, q.start_interval, [&](Instant s) {
    if (IntervalsContain(today.available, s)) return true;
    if (explanation.unavailable.size() == kMaxExplainedStarts) {
      explanation.truncated = true;
      return false;
    }
    explanation.unavailable.push_back({s, ReasonsAt(ctx, s)});
    return true;
  });

  for (auto& [changed, relaxation] : Candidates(problem)) {
    const StartSets relaxed = ComputeStartSets(changed, problem.calendars, problem.now);
    relaxation.slots_after = CountGridStarts(relaxed.available, *q.zone, q.start_interval, kRelaxationCountCap);
    if (relaxation.slots_after <= explanation.available_starts) continue;
    relaxation.gain = relaxation.slots_after - explanation.available_starts;
    explanation.relaxations.push_back(std::move(relaxation));
  }
  std::stable_sort(explanation.relaxations.begin(), explanation.relaxations.end(),
                   [](const Relaxation& a, const Relaxation& b) { return a.gain > b.gain; });
  return explanation;
}

// =====================================================================================================================
// [SECTION] JSON
// =====================================================================================================================

namespace {

const char* ReasonName(ReasonCode code) {
  switch (code) {
    case ReasonCode::kBusy: return "busy";
    case ReasonCode::kBuffer: return "buffer";
    case ReasonCode::kOutsideWorkingHours: return "outside_working_hours";
    case ReasonCode::kLoadLimit: return "load_limit";
    case ReasonCode::kRoomBusy: return "room_busy";
    case ReasonCode::kRoomCapacity: return "room_capacity";
    case ReasonCode::kHostBusy: return "host_busy";
    case ReasonCode::kMinimumNotice: return "minimum_notice";
    case ReasonCode::kOutsideCandidateHours: return "outside_candidate_hours";
    case ReasonCode::kGroupShort: return "group_short";
    case ReasonCode::kRoomsShort: return "rooms_short";
    case ReasonCode::kHostsShort: return "hosts_short";
    case ReasonCode::kHostRule: return "host_rule";
    case ReasonCode::kFreeBusyUnknown: return "free_busy_unknown";
  }
  return "unknown";
}

const char* RelaxationName(RelaxationCode code) {
  switch (code) {
    case RelaxationCode::kDropMember: return "drop_member";
    case RelaxationCode::kLowerRequired: return "lower_required";
    case RelaxationCode::kAcceptTentative: return "accept_tentative";
    case RelaxationCode::kHalveBuffers: return "halve_buffers";
    case RelaxationCode::kZeroBuffers: return "zero_buffers";
    case RelaxationCode::kLowerRoomsRequired: return "lower_rooms_required";
    case RelaxationCode::kDropMinCapacity: return "drop_min_capacity";
    case RelaxationCode::kDropRooms: return "drop_rooms";
    case RelaxationCode::kLowerHostsRequired: return "lower_hosts_required";
    case RelaxationCode::kDropConferencing: return "drop_conferencing";
    case RelaxationCode::kHalveNotice: return "halve_notice";
    case RelaxationCode::kZeroNotice: return "zero_notice";
    case RelaxationCode::kWarnHostRule: return "warn_host_rule";
    case RelaxationCode::kAddHostOwner: return "add_host_owner";
    case RelaxationCode::kIgnoreCandidateHours: return "ignore_candidate_hours";
  }
  return "unknown";
}

// "2026-12-01 10:00" — the wall time of `t` in `zone`.
std::string LocalText(Instant t, const TimeZone& zone) {
  std::string text = FormatRfc3339(zone.ToLocalSeconds(t));
  text[10] = ' ';
  return text.substr(0, 16);
}

// "10:00–11:00 Europe/Berlin" (the end's date is added when it differs from the start's).
std::string SpanText(const Interval& span, const TimeZone& zone) {
  const std::string start = LocalText(span.start, zone), end = LocalText(span.end, zone);
  return start + "–" + (end.compare(0, 10, start, 0, 10) == 0 ? end.substr(11) : end) + " " + zone.name();
}

// kFreeBusyUnknown: why the calendar's free/busy is unknown.
std::string UnknownReason(const Problem& p, const Reason& r) {
  return r.calendar ? p.calendars[*r.calendar].free_busy_unknown.value_or("") : std::string();
}

// One English sentence per reason, with times in the query's zone (what the recruiter is looking at).
std::string ReasonMessage(const Problem& p, const Reason& r) {
  const TimeZone& zone = *p.query.zone;
  const std::string sub = r.calendar ? p.calendars[*r.calendar].sub : std::string();
  const std::string span = r.event ? SpanText(r.event->interval, zone) : std::string();
  const std::string status = r.event ? std::string(r.event->status == BusyStatus::kOutOfOffice ? "out of office"
                                                   : r.event->status == BusyStatus::kTentative ? "tentatively booked"
                                                                                                : "busy")
                                     : std::string();
  switch (r.code) {
    case ReasonCode::kBusy: return sub + " is " + status + " " + span + ".";
    case ReasonCode::kBuffer: return sub + " is " + status + " " + span + ", inside the buffer around the interview.";
    case ReasonCode::kOutsideWorkingHours: return "The interview is outside " + sub + "'s working hours.";
    case ReasonCode::kLoadLimit:
      return sub + " already has " + std::to_string(r.count) + " interviews that " + (r.week ? "week" : "day") +
             " (limit " + std::to_string(r.limit) + ").";
    case ReasonCode::kRoomBusy: return "Room " + sub + " is booked " + span + ".";
    case ReasonCode::kRoomCapacity:
      return r.capacity ? "Room " + sub + " holds " + std::to_string(*r.capacity) + "; the interview needs " +
                              std::to_string(r.min_capacity) + "."
                        : "Room " + sub + " has no known capacity; the interview needs " +
                              std::to_string(r.min_capacity) + ".";
    case ReasonCode::kHostBusy: return "Host account " + sub + " is already in a meeting " + span + ".";
    case ReasonCode::kMinimumNotice:
      return "It starts before the earliest allowed time, " + LocalText(r.earliest, zone) + " " + zone.name() + ".";
    case ReasonCode::kOutsideCandidateHours:
      return "It is outside the candidate's working hours (" + p.query.candidate->zone->name() + ").";
    case ReasonCode::kGroupShort:
      return "Group " + std::to_string(r.group + 1) + " has " + std::to_string(r.count) + " of the " +
             std::to_string(r.limit) + " required members free.";
    case ReasonCode::kRoomsShort:
      return std::to_string(r.count) + " of the " + std::to_string(r.limit) + " required rooms are usable.";
    case ReasonCode::kHostsShort:
      return std::to_string(r.count) + " of the " + std::to_string(r.limit) + " required host accounts are free.";
    case ReasonCode::kHostRule: return HostRuleMessage(r.host_rule, p.calendars[*r.calendar]);
    case ReasonCode::kFreeBusyUnknown:
      return "The free/busy time of " + sub + " is unknown (" + UnknownReason(p, r) + "), so no time is offered with " +
             sub + ".";
  }
  return "";
}

nlohmann::json ReasonToJson(const Problem& p, const Reason& r) {
  nlohmann::json out = {{"code", ReasonName(r.code)}, {"message", ReasonMessage(p, r)}};
  if (r.calendar) out["sub"] = p.calendars[*r.calendar].sub;
  if (r.code == ReasonCode::kFreeBusyUnknown) {
    out["reason"] = UnknownReason(p, r);  // no interval: the stand-in event is no time of the calendar's
  } else if (r.event) {
    out["status"] = BusyStatusName(r.event->status);
    out["interval"] = {{"start", FormatRfc3339(r.event->interval.start)}, {"end", FormatRfc3339(r.event->interval.end)}};
  }
  switch (r.code) {
    case ReasonCode::kLoadLimit:
      out["period"] = r.week ? "week" : "day";
      out["limit"] = r.limit;
      out["count"] = r.count;
      break;
    case ReasonCode::kRoomCapacity:
      out["capacity"] = r.capacity ? nlohmann::json(*r.capacity) : nlohmann::json();
      out["min_capacity"] = r.min_capacity;
      break;
    case ReasonCode::kMinimumNotice: out["earliest"] = FormatRfc3339(r.earliest); break;
    case ReasonCode::kOutsideCandidateHours: out["time_zone"] = p.query.candidate->zone->name(); break;
    case ReasonCode::kHostRule:
      out["rule"] = HostRuleName(r.host_rule);
      break;
    case ReasonCode::kGroupShort: out["group"] = r.group; [[fallthrough]];
    case ReasonCode::kRoomsShort:
    case ReasonCode::kHostsShort:
      out["free"] = r.count;
      out["required"] = r.limit;
      break;
    default: break;
  }
  return out;
}

}  // namespace

nlohmann::json ExplanationToJson(const Problem& problem, const Explanation& explanation) {
  nlohmann::json unavailable = nlohmann::json::array();
  for (const UnavailableStart& start : explanation.unavailable) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const Reason& r : start.reasons) reasons.push_back(ReasonToJson(problem, r));
    unavailable.push_back({{"start", FormatRfc3339(start.start)}, {"reasons", std::move(reasons)}});
  }
  nlohmann::json relaxations = nlohmann::json::array();
  for (const Relaxation& r : explanation.relaxations) {
    nlohmann::json item = {{"code", RelaxationName(r.code)}, {"message", r.message}, {"slots", r.slots_after},
                           {"gain", r.gain}};
    if (r.group) item["group"] = *r.group;
    if (r.calendar) item["sub"] = problem.calendars[*r.calendar].sub;
    if (r.host_rule) item["rule"] = HostRuleName(*r.host_rule);
    relaxations.push_back(std::move(item));
  }
  return {{"available_starts", explanation.available_starts},
          {"unavailable", std::move(unavailable)},
          {"truncated", explanation.truncated},
          {"relaxations", std::move(relaxations)}};
}

}  // namespace slotwise
