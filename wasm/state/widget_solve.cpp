// widget_solve.cpp — see widget_solve.h.
#include "state/widget_solve.h"
#include "state/widget_json.h"

#include <algorithm>
#include <cstdio>

#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "state/widget_i18n.h"
#include "state/widget_time_format.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

json Minutes(std::int32_t minutes) { return {{"minutes", minutes}}; }

// "08:00" for 480 minutes after midnight ("24:00" for the day's end).
std::string ClockText(std::int32_t minutes) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return text;
}

Interval IntervalOf(const json& object) {
  const std::optional<Instant> start = ParseRfc3339(JsonText(object, "start"));
  const std::optional<Instant> end = ParseRfc3339(JsonText(object, "end"));
  return {start.value_or(0), end.value_or(0)};
}

std::vector<HostOutcome> HostsOf(const json& list) {
  std::vector<HostOutcome> hosts;
  if (!list.is_array()) return hosts;
  for (const json& item : list) {
    HostOutcome host;
    host.sub = JsonText(item, "sub");
    if (item.contains("passcode") && item.at("passcode").is_boolean()) host.passcode = item.at("passcode").get<bool>();
    host.passcode_reason = JsonText(item, "passcode_reason");
    if (item.contains("warnings") && item.at("warnings").is_array()) {
      for (const json& warning : item.at("warnings")) host.warnings.emplace_back(JsonText(warning, "code"), JsonText(warning, "message"));
    }
    hosts.push_back(std::move(host));
  }
  return hosts;
}

Suggestion SlotOf(const json& slot) {
  Suggestion suggestion;
  suggestion.when = IntervalOf(slot);
  suggestion.participants = SubsOf(slot.value("participants", json::array()));
  suggestion.rooms = SubsOf(slot.value("rooms", json::array()));
  suggestion.hosts = HostsOf(slot.value("hosts", json::array()));
  return suggestion;
}

Suggestion SequenceOf(const json& sequence) {
  Suggestion suggestion;
  suggestion.when = {ParseRfc3339(JsonText(sequence, "sequence_start")).value_or(0), ParseRfc3339(JsonText(sequence, "sequence_end")).value_or(0)};
  if (sequence.contains("sequence") && sequence.at("sequence").is_array()) {
    for (const json& stage : sequence.at("sequence")) {
      StagePick pick{JsonText(stage, "sequence_id"), IntervalOf(stage), SubsOf(stage.value("participants", json::array())),
                     SubsOf(stage.value("rooms", json::array()))};
      for (const std::string& sub : pick.participants) {
        if (std::find(suggestion.participants.begin(), suggestion.participants.end(), sub) == suggestion.participants.end()) {
          suggestion.participants.push_back(sub);
        }
      }
      suggestion.stages.push_back(std::move(pick));
    }
  }
  return suggestion;
}

Reason ReasonOf(const json& item) {
  Reason reason;
  reason.code = JsonText(item, "code");
  reason.sub = JsonText(item, "sub");
  reason.status = JsonText(item, "status");
  reason.rule = JsonText(item, "rule");
  reason.period = JsonText(item, "period");
  reason.message = JsonText(item, "message");
  reason.free = JsonInt(item, "free");
  reason.required = JsonInt(item, "required");
  reason.limit = JsonInt(item, "limit");
  reason.count = JsonInt(item, "count");
  if (item.contains("interval") && item.at("interval").is_object()) reason.interval = IntervalOf(item.at("interval"));
  if (reason.code == "room_capacity") {
    reason.count = item.contains("capacity") && item.at("capacity").is_number_integer() ? item.at("capacity").get<std::int64_t>() : -1;
    reason.limit = JsonInt(item, "min_capacity");
  }
  if (reason.code == "minimum_notice") reason.earliest = ParseRfc3339(JsonText(item, "earliest")).value_or(0);
  if (reason.code == "free_busy_unknown") reason.why = JsonText(item, "reason");
  return reason;
}

std::string HostRulePolicy(const WidgetModel& model, const std::string& rule, const json& base) {
  if (auto it = model.settings.host_rule_overrides.find(rule); it != model.settings.host_rule_overrides.end()) return it->second;
  return JsonText(base, rule.c_str());
}

}  // namespace

std::string CandidateName(const WidgetModel& model) {
  const std::string name = JsonText(model.interview.candidate, "name");
  return name.empty() ? JsonText(model.interview.candidate, "email") : name;
}

std::vector<Interval> QueryPeriods(const WidgetModel& model, Interval period) {
  if (!model.candidate_offer || !model.candidate_offer->only_these) return {period};
  return IntersectIntervals({period}, model.candidate_offer->periods);
}

std::string BuildSolveDocument(const WidgetModel& model, Interval period, bool explain, int max_results, std::string* error) {
  const Settings& settings = model.settings;
  std::vector<std::string> interviewers, rooms, hosts;
  const std::string provider = ProviderOf(settings.type);
  for (const Row& row : model.rows) {
    if (!row.included) continue;
    if (row.kind == RowKind::kInterviewer) interviewers.push_back(row.sub);
    if (row.kind == RowKind::kRoom && (settings.room.empty() || settings.room == row.sub)) rooms.push_back(row.sub);
    if (row.kind == RowKind::kHost && row.host_provider == provider && (settings.host.empty() || settings.host == row.sub) &&
        model.calendars.contains(row.sub)) {
      hosts.push_back(row.sub);
    }
  }
  if (!settings.loop && interviewers.empty()) {
    if (error) *error = Tr(model.locale, StringId::kNoInterviewer);
    return "";
  }
  const std::vector<Interval> periods = QueryPeriods(model, period);
  if (periods.empty()) {
    if (error) *error = Format(model.locale, StringId::kNoOfferedTime, {CandidateName(model)});
    return "";
  }
  json query = json::object();
  const json& base = model.base_query;
  query["query_periods"] = json::array();
  for (const Interval& part : periods) {
    query["query_periods"].push_back({{"start", FormatRfc3339(part.start)}, {"end", FormatRfc3339(part.end)}});
  }
  query["start_interval"] = Minutes(settings.start_interval_minutes);
  query["buffer"] = {{"before", Minutes(settings.buffer_before_minutes)}, {"after", Minutes(settings.buffer_after_minutes)}};
  query["minimum_notice"] = Minutes(settings.minimum_notice_minutes);
  query["time_zone"] = model.viewport.viewer_zone.empty() ? "UTC" : model.viewport.viewer_zone;
  query["max_results"] = max_results;
  query["tentative_blocks"] = settings.tentative_blocks;
  json candidate = {{"external", true}};
  if (!model.viewport.candidate_zone.empty()) {
    candidate["time_zone"] = model.viewport.candidate_zone;
    const json hours = json::array({json::array({ClockText(settings.candidate_day_start_minutes),
                                                 ClockText(settings.candidate_day_end_minutes)})});
    candidate["working_hours"] = {{"mon", hours}, {"tue", hours}, {"wed", hours}, {"thu", hours}, {"fri", hours}};
    candidate["hours"] = settings.candidate_hours_required ? "require" : "prefer";
  }
  query["candidate"] = candidate;
  query["spread"] = "days";  // the first suggestions are on different days (the grid shows each day's others)
  query["ranking"] = settings.ranking == Ranking::kBalancedLoad     ? "balanced_load"
                     : settings.ranking == Ranking::kCandidateFriendly ? "candidate_friendly"
                                                                        : "earliest";
  if (settings.loop) {
    json stages = json::array();
    int ordinal = 1;
    for (const LoopStage& stage : settings.loop_stages) {
      std::vector<std::string> pool;
      for (const std::string& sub : stage.pool) {
        if (model.calendars.contains(sub)) pool.push_back(sub);
      }
      if (pool.empty()) {
        if (error) *error = Tr(model.locale, StringId::kNoInterviewer);
        return "";
      }
      json item = {{"sequence_id", stage.id}, {"ordinal", ordinal},
                   {"required_duration", Minutes(stage.duration_minutes)},
                   {"participants", json::array({{{"members", SubMembers(pool)},
                                                  {"required", std::min<std::int64_t>(stage.required, static_cast<std::int64_t>(pool.size()))}}})}};
      if (ordinal > 1) item["buffer"] = {{"before", {{"minimum", Minutes(0)}, {"maximum", Minutes(stage.max_gap_minutes)}}}};
      stages.push_back(item);
      ++ordinal;
    }
    if (stages.empty()) {
      if (error) *error = Tr(model.locale, StringId::kNoInterviewer);
      return "";
    }
    query["sequence"] = stages;
    if (settings.type == InterviewType::kOnSite && !rooms.empty()) {
      query["loop_room"] = {{"members", SubMembers(rooms)}, {"required", 1}};
    }
  } else {
    query["participants"] = json::array({{{"members", SubMembers(interviewers)}, {"required", "all"}}});
    query["required_duration"] = Minutes(settings.duration_minutes);
    query["explain"] = explain;
    if (settings.type == InterviewType::kOnSite && !rooms.empty()) {
      int attendees = static_cast<int>(interviewers.size()) + 1;  // + the candidate
      for (const Row& row : model.rows) attendees += row.included && row.kind == RowKind::kObserver ? 1 : 0;
      query["rooms"] = {{"members", SubMembers(rooms)}, {"required", 1}, {"min_capacity", attendees}};
    }
    if (!provider.empty() && !hosts.empty()) {
      query["conferencing"] = {{"provider", provider}, {"hosts", {{"members", SubMembers(hosts)}, {"required", 1}}}};
      json rules = json::object();
      const json base_rules = base.value("host_rules", json::object());
      for (const char* rule : {"host_absent_no_jbh", "waiting_room_overrides_jbh", "lobby_blocks_candidate"}) {
        const std::string policy = HostRulePolicy(model, rule, base_rules);
        if (!policy.empty()) rules[rule] = policy;
      }
      if (!rules.empty()) query["host_rules"] = rules;
    }
  }
  json calendars = json::object();
  for (const auto& [sub, calendar] : model.calendars.items()) calendars[sub] = calendar;
  return DumpJson({{"now", FormatRfc3339(model.now)}, {"query", query}, {"calendars", calendars}});
}

void ApplySolveAnswer(WidgetModel& model, int engine_status, std::string_view body) {
  model.suggestions.clear();
  model.relaxations.clear();
  model.available_starts = 0;
  model.solve_error.clear();
  const json answer = ParseJson(body);
  if (engine_status != 0 || !answer.is_object()) {
    model.solve_error = answer.is_object() && answer.contains("error") ? JsonText(answer.at("error"), "message") : "engine failure";
    return;
  }
  if (answer.contains("available_slots") && answer.at("available_slots").is_array()) {
    for (const json& slot : answer.at("available_slots")) model.suggestions.push_back(SlotOf(slot));
  }
  if (answer.contains("available_sequences") && answer.at("available_sequences").is_array()) {
    for (const json& sequence : answer.at("available_sequences")) model.suggestions.push_back(SequenceOf(sequence));
  }
  model.available_starts = static_cast<std::int32_t>(model.suggestions.size());
  if (answer.contains("explanation") && answer.at("explanation").is_object()) {
    const json& explanation = answer.at("explanation");
    model.available_starts = static_cast<std::int32_t>(JsonInt(explanation, "available_starts"));
    if (explanation.contains("relaxations") && explanation.at("relaxations").is_array()) {
      for (const json& item : explanation.at("relaxations")) {
        model.relaxations.push_back({JsonText(item, "code"), JsonText(item, "sub"), JsonText(item, "rule"), JsonInt(item, "gain"), JsonText(item, "message")});
      }
    }
  }
  // Keep the cursor on the same start when it is still suggested.
  model.suggestion_cursor = -1;
  if (model.selected) {
    for (std::size_t i = 0; i < model.suggestions.size(); ++i) {
      if (model.suggestions[i].when.start == *model.selected) model.suggestion_cursor = static_cast<std::int32_t>(i);
    }
  }
}

int SolveSuggestions(WidgetModel& model, Interval visible, ZoneSource& zones) {
  std::string error;
  const std::string document = BuildSolveDocument(model, visible, /*explain=*/!model.settings.loop, 100, &error);
  if (document.empty()) {
    model.suggestions.clear();
    model.relaxations.clear();
    model.available_starts = 0;
    model.solve_error = error;
    return 2;
  }
  const EngineAnswer answer = CallEngine("solve", document, zones);
  ApplySolveAnswer(model, static_cast<int>(answer.status), answer.body);
  return static_cast<int>(answer.status);
}

void ApplyExplainAnswer(WidgetModel& model, Instant start, int engine_status, std::string_view body) {
  Explanation explanation;
  explanation.start = start;
  const json answer = ParseJson(body);
  if (engine_status != 0 || !answer.is_object()) {
    explanation.error = answer.is_object() && answer.contains("error") ? JsonText(answer.at("error"), "message") : "engine failure";
    model.explanation = std::move(explanation);
    return;
  }
  if (answer.contains("available_slots") && answer.at("available_slots").is_array()) {
    for (const json& slot : answer.at("available_slots")) {
      Suggestion suggestion = SlotOf(slot);
      if (suggestion.when.start == start) {
        explanation.available = true;
        explanation.slot = std::move(suggestion);
        break;
      }
    }
  }
  if (!explanation.available && answer.contains("explanation") && answer.at("explanation").is_object()) {
    const json& unavailable = answer.at("explanation").value("unavailable", json::array());
    for (const json& item : unavailable) {
      if (ParseRfc3339(JsonText(item, "start")) != start) continue;
      for (const json& reason : item.value("reasons", json::array())) explanation.reasons.push_back(ReasonOf(reason));
    }
  }
  model.explanation = std::move(explanation);
}

void ExplainSelected(WidgetModel& model, ZoneSource& zones) {
  if (!model.selected) return;
  const Instant start = *model.selected;
  if (model.settings.loop) {
    Explanation explanation;
    explanation.start = start;
    for (const Suggestion& suggestion : model.suggestions) {
      if (suggestion.when.start == start) {
        explanation.available = true;
        explanation.slot = suggestion;
      }
    }
    explanation.generation = model.solve_generation;
    model.explanation = std::move(explanation);
    return;
  }
  std::string error;
  const Interval period{start, start + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
  if (QueryPeriods(model, period) != std::vector<Interval>{period}) {  // not wholly inside the candidate's own times
    Reason outside;
    outside.code = "outside_candidate_offer";
    model.explanation = Explanation{start, false, std::nullopt, {outside}, "", model.solve_generation};
    return;
  }
  const std::string document = BuildSolveDocument(model, period, /*explain=*/true, 1, &error);
  if (document.empty()) {
    model.explanation = Explanation{start, false, std::nullopt, {}, error, model.solve_generation};
    return;
  }
  // The relaxations of a one-start query are not needed: only the reasons. Ranking does not matter either.
  json doc = slotwise::ParseJson(document);
  doc["query"]["ranking"] = "earliest";
  const EngineAnswer answer = CallEngine("solve", DumpJson(doc), zones);
  ApplyExplainAnswer(model, start, static_cast<int>(answer.status), answer.body);
  model.explanation.generation = model.solve_generation;
}

std::string DescribeHostWarning(const WidgetModel& model, const HostOutcome& host,
                                const std::pair<std::string, std::string>& warning, const TimeZone& zone) {
  Reason reason;
  reason.code = "host_rule";
  reason.rule = warning.first;
  reason.sub = host.sub;
  reason.message = warning.second;
  return Format(model.locale, StringId::kHostWarning, {DescribeReason(model, reason, zone)});
}

std::string DescribeReason(const WidgetModel& model, const Reason& reason, const TimeZone& zone) {
  const Locale locale = model.locale;
  const std::string who = DisplayName(model, reason.sub);
  const std::string when = reason.interval.empty() ? std::string() : FormatRange(locale, reason.interval, zone);
  if (reason.code == "busy") {
    if (reason.status == "tentative") return Format(locale, StringId::kReasonTentative, {who, when});
    if (reason.status == "oof") return Format(locale, StringId::kReasonOof, {who, when});
    return Format(locale, StringId::kReasonBusy, {who, when});
  }
  if (reason.code == "buffer") return Format(locale, StringId::kReasonBuffer, {who, when});
  if (reason.code == "free_busy_unknown") return Format(locale, StringId::kReasonFreeBusyUnknown, {who, reason.why});
  if (reason.code == "outside_working_hours") return Format(locale, StringId::kReasonOutsideHours, {who});
  if (reason.code == "group_short") {
    return Format(locale, StringId::kReasonGroupShort, {std::to_string(reason.free), std::to_string(reason.required)});
  }
  if (reason.code == "load_limit") {
    return Format(locale, reason.period == "week" ? StringId::kReasonLoadWeek : StringId::kReasonLoadDay,
                  {who, std::to_string(reason.count), std::to_string(reason.limit)});
  }
  if (reason.code == "minimum_notice") return Format(locale, StringId::kReasonNotice, {FormatDateTime(locale, reason.earliest, zone)});
  if (reason.code == "outside_candidate_offer") return Format(locale, StringId::kReasonOutsideOffer, {CandidateName(model)});
  if (reason.code == "outside_candidate_hours") {
    return Format(locale, StringId::kReasonCandidateHours,
                  {ClockText(model.settings.candidate_day_start_minutes) + "–" + ClockText(model.settings.candidate_day_end_minutes),
                   ZoneCity(model.viewport.candidate_zone)});
  }
  if (reason.code == "rooms_short") return Tr(locale, StringId::kReasonRoomsShort);
  if (reason.code == "room_busy") return Format(locale, StringId::kReasonRoomBusy, {who, when});
  if (reason.code == "room_capacity") {
    return Format(locale, StringId::kReasonRoomCapacity,
                  {who, reason.count < 0 ? std::string("?") : std::to_string(reason.count), std::to_string(reason.limit)});
  }
  if (reason.code == "hosts_short") return Tr(locale, StringId::kReasonHostsShort);
  if (reason.code == "host_busy") return Format(locale, StringId::kReasonHostBusy, {who, when});
  if (reason.code == "host_rule") {
    const int row = FindRow(model, reason.sub);
    const std::string owner = row >= 0 ? DisplayName(model, model.rows[static_cast<std::size_t>(row)].host_owner) : who;
    if (reason.rule == "host_absent_no_jbh") return Format(locale, StringId::kRuleHostAbsent, {owner});
    if (reason.rule == "waiting_room_overrides_jbh") return Format(locale, StringId::kRuleWaitingRoom, {owner});
    if (reason.rule == "lobby_blocks_candidate") return Format(locale, StringId::kRuleLobby, {owner});
  }
  return reason.message;
}

std::string DescribeRelaxation(const WidgetModel& model, const Relaxation& relaxation) {
  const Locale locale = model.locale;
  const std::string gain = std::to_string(relaxation.slots);
  const std::string& code = relaxation.code;
  if (code == "drop_member") return Format(locale, StringId::kRelaxDropMember, {DisplayName(model, relaxation.sub), gain});
  if (code == "lower_required") return Format(locale, StringId::kRelaxLowerRequired, {gain});
  if (code == "accept_tentative") return Format(locale, StringId::kRelaxAcceptTentative, {gain});
  if (code == "halve_buffers") return Format(locale, StringId::kRelaxHalveBuffers, {gain});
  if (code == "zero_buffers") return Format(locale, StringId::kRelaxZeroBuffers, {gain});
  if (code == "drop_rooms" || code == "drop_min_capacity" || code == "lower_rooms_required") {
    return Format(locale, StringId::kRelaxDropRooms, {gain});
  }
  if (code == "drop_conferencing" || code == "lower_hosts_required") return Format(locale, StringId::kRelaxDropConferencing, {gain});
  if (code == "warn_host_rule") return Format(locale, StringId::kRelaxWarnHostRule, {gain});
  if (code == "add_host_owner") return Format(locale, StringId::kRelaxAddHostOwner, {DisplayName(model, relaxation.sub), gain});
  if (code == "halve_notice") return Format(locale, StringId::kRelaxHalveNotice, {gain});
  if (code == "zero_notice") return Format(locale, StringId::kRelaxZeroNotice, {gain});
  if (code == "ignore_candidate_hours") return Format(locale, StringId::kRelaxCandidateHours, {gain});
  return Format(locale, StringId::kRelaxOther, {relaxation.message, gain});
}

bool ApplyRelaxation(WidgetModel& model, const Relaxation& relaxation) {
  const std::string& code = relaxation.code;
  Settings& settings = model.settings;
  bool applied = true;
  if (code == "drop_member") {
    const int row = FindRow(model, relaxation.sub);
    if (row < 0) return false;
    model.rows[static_cast<std::size_t>(row)].included = false;
  } else if (code == "accept_tentative") {
    settings.tentative_blocks = false;
  } else if (code == "halve_buffers") {
    settings.buffer_before_minutes /= 2;
    settings.buffer_after_minutes /= 2;
  } else if (code == "zero_buffers") {
    settings.buffer_before_minutes = settings.buffer_after_minutes = 0;
  } else if (code == "warn_host_rule") {
    if (relaxation.rule.empty()) return false;
    settings.host_rule_overrides[relaxation.rule] = "warn";
  } else if (code == "add_host_owner") {
    const int row = FindRow(model, relaxation.sub);
    if (row < 0) return false;
    model.rows[static_cast<std::size_t>(row)].kind = RowKind::kInterviewer;
    model.rows[static_cast<std::size_t>(row)].included = true;
  } else if (code == "halve_notice") {
    settings.minimum_notice_minutes /= 2;
  } else if (code == "zero_notice") {
    settings.minimum_notice_minutes = 0;
  } else if (code == "ignore_candidate_hours") {
    settings.candidate_hours_required = false;
  } else if (code == "drop_conferencing" || code == "lower_hosts_required") {
    settings.host.clear();  // any linked account instead of the chosen one
  } else if (code == "drop_rooms" || code == "drop_min_capacity" || code == "lower_rooms_required") {
    settings.room.clear();
  } else {
    applied = false;
  }
  if (applied) ++model.solve_generation;
  return applied;
}

}  // namespace slotwise::widget
