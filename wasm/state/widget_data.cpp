// widget_data.cpp — see widget_data.h.
#include "state/widget_data.h"
#include "state/widget_json.h"

#include <algorithm>

#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "state/widget_i18n.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

bool HasRole(const json& person, const char* role) {
  if (!person.contains("roles") || !person.at("roles").is_array()) return false;
  for (const json& item : person.at("roles")) {
    if (item.is_string() && item.get<std::string>() == role) return true;
  }
  return false;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void Fail(WidgetModel& model, std::string sentence) {
  model.load = LoadState::kFailed;
  model.error = std::move(sentence);
}

std::int32_t MinutesOf(const json& value, std::int32_t fallback) {
  if (value.is_object() && value.contains("minutes") && value.at("minutes").is_number_integer()) {
    return value.at("minutes").get<std::int32_t>();
  }
  return fallback;
}

// The embed option `interview.loop` = {"stages": [{id, duration_minutes, interviewers: [{sub}], required,
// max_gap_minutes}]}: 1–5 stages, each with 5–480 minutes, at least one interviewer, 1 ≤ required ≤ interviewers,
// a gap of 0–1440 minutes. Empty when anything is off (the widget then plans a single interview).
std::vector<LoopStage> LoopStagesOf(const json& loop) {
  if (!loop.is_object() || !loop.contains("stages") || !loop.at("stages").is_array()) return {};
  const json& stages = loop.at("stages");
  if (stages.empty() || stages.size() > 5) return {};
  std::vector<LoopStage> parsed;
  for (const json& item : stages) {
    if (!item.is_object()) return {};
    LoopStage stage;
    stage.id = JsonText(item, "id").empty() ? "stage-" + std::to_string(parsed.size() + 1) : JsonText(item, "id");
    stage.pool = SubsOf(item.value("interviewers", json::array()));
    auto integer = [&](const char* key, std::int32_t fallback) {
      return item.contains(key) && item.at(key).is_number_integer() ? item.at(key).get<std::int32_t>() : fallback;
    };
    stage.duration_minutes = integer("duration_minutes", stage.duration_minutes);
    stage.required = integer("required", stage.required);
    stage.max_gap_minutes = integer("max_gap_minutes", stage.max_gap_minutes);
    if (stage.pool.empty() || stage.duration_minutes < 5 || stage.duration_minutes > 480 || stage.required < 1 ||
        stage.required > static_cast<std::int32_t>(stage.pool.size()) || stage.max_gap_minutes < 0 ||
        stage.max_gap_minutes > 1440) {
      return {};
    }
    parsed.push_back(std::move(stage));
  }
  return parsed;
}

}  // namespace

std::string ErrorSentence(int http_status, std::string_view body) {
  if (http_status == 0) return "The Slotwise server could not be reached.";
  const json doc = ParseJson(body);
  std::string sentence = "The server answered with status " + std::to_string(http_status) + ".";
  if (doc.is_object() && doc.contains("error") && doc.at("error").is_object()) {
    const std::string message = JsonText(doc.at("error"), "message");
    if (!message.empty()) sentence += " " + message;
  }
  return sentence;
}

std::string ConnectionsUrl(const WidgetModel& model) {
  if (model.interview.organizer.empty()) return "";
  static const char kHex[] = "0123456789ABCDEF";
  std::string url = "/v1/connections?user=";
  for (const char ch : model.interview.organizer) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                       c == '_' || c == '~';
    if (plain) {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 15];
    }
  }
  return url;
}

BusyStatus ParseBusyStatus(std::string_view text) {
  if (text == "tentative") return BusyStatus::kTentative;
  if (text == "oof") return BusyStatus::kOof;
  if (text == "working_elsewhere") return BusyStatus::kWorkingElsewhere;
  if (text == "free") return BusyStatus::kFree;
  return BusyStatus::kBusy;
}

PageAppearance AppearanceOfPageOptions(std::string_view options_json) {
  const json options = ParseJson(options_json);
  const json theme = options.is_object() && options.contains("theme") ? options.at("theme") : json();
  const bool reduced_motion = options.is_object() && options.contains("reducedMotion") && options.at("reducedMotion").is_boolean() &&
                              options.at("reducedMotion").get<bool>();
  return PageAppearance{ParseTheme(JsonText(theme, "scheme")), ParseHexColor(JsonText(theme, "accent")), reduced_motion};
}

bool ApplyProposalAnswer(WidgetModel& model, int http_status, std::string_view body) {
  const json answer = ParseJson(body);
  if (http_status != 200 || !answer.is_object() || !answer.contains("candidate_availability") ||
      !answer.at("candidate_availability").is_array()) {
    return false;
  }
  CandidateOffer offer;
  for (const json& period : answer.at("candidate_availability")) {
    const std::optional<Instant> start = ParseRfc3339(JsonText(period, "start"));
    const std::optional<Instant> end = ParseRfc3339(JsonText(period, "end"));
    if (start && end && *start < *end) offer.periods.push_back({*start, *end});
  }
  if (offer.periods.empty()) return false;
  offer.periods = MergeIntervals(std::move(offer.periods));
  offer.note = JsonText(answer, "candidate_message");
  model.candidate_offer = std::move(offer);
  return true;
}

void ApplyPageOptions(WidgetModel& model, std::string_view options_json) {
  const json options = ParseJson(options_json);
  if (!options.is_object()) return;
  model.locale = ParseLocale(JsonText(options, "locale"));
  if (!JsonText(options, "timeZone").empty()) model.viewport.viewer_zone = JsonText(options, "timeZone");
  if (options.contains("candidateHours") && options.at("candidateHours").is_object()) {
    const json& hours = options.at("candidateHours");
    const std::optional<std::int32_t> start = ParseClockTime(JsonText(hours, "start"));
    const std::optional<std::int32_t> end = ParseClockTime(JsonText(hours, "end"));
    if (start && end && *start < *end) {  // seconds after midnight; "24:00" ends the day
      model.settings.candidate_day_start_minutes = *start / 60;
      model.settings.candidate_day_end_minutes = *end / 60;
    }
    if (hours.contains("required") && hours.at("required").is_boolean()) {
      model.settings.candidate_hours_required = hours.at("required").get<bool>();
    }
  }
  if (!options.contains("interview") || !options.at("interview").is_object()) return;
  const json& interview = options.at("interview");
  model.interview.id = JsonText(interview, "id");
  model.interview.title = JsonText(interview, "title");
  model.interview.organizer = JsonText(interview, "organizer");
  model.interview.interviewers = SubsOf(interview.value("interviewers", json::array()));
  model.interview.observers = SubsOf(interview.value("observers", json::array()));
  model.interview.proposal_id = JsonText(interview, "proposal_id");
  if (interview.contains("candidate") && interview.at("candidate").is_object()) {
    model.interview.candidate = interview.at("candidate");
    const std::string zone = JsonText(model.interview.candidate, "time_zone");
    if (!zone.empty()) model.viewport.candidate_zone = zone;
  }
  if (interview.contains("conferencing") && interview.at("conferencing").is_object()) {
    const std::string provider = JsonText(interview.at("conferencing"), "provider");
    model.settings.type = provider == "zoom"          ? InterviewType::kZoom
                          : provider == "teams"       ? InterviewType::kTeams
                          : provider == "goto"        ? InterviewType::kGoTo
                          : provider == "google_meet" ? InterviewType::kGoogleMeet
                          : provider == "none"        ? InterviewType::kOnSite
                                                      : model.settings.type;
    model.settings.host = JsonText(interview.at("conferencing"), "host");
  }
  if (interview.contains("duration_minutes") && interview.at("duration_minutes").is_number_integer()) {
    model.settings.duration_minutes = interview.at("duration_minutes").get<std::int32_t>();
  }
  if (interview.contains("loop")) {
    model.settings.loop_stages = LoopStagesOf(interview.at("loop"));
    model.settings.loop = !model.settings.loop_stages.empty();
    for (const LoopStage& stage : model.settings.loop_stages) {  // the stages' interviewers take part
      for (const std::string& sub : stage.pool) {
        if (!Contains(model.interview.interviewers, sub)) model.interview.interviewers.push_back(sub);
      }
    }
  }
}

void ApplyDirectory(WidgetModel& model, int people_status, std::string_view people_body, int rooms_status,
                    std::string_view rooms_body, int hosts_status, std::string_view hosts_body) {
  if (people_status != 200) return Fail(model, ErrorSentence(people_status, people_body));
  const json people = ParseJson(people_body);
  if (!people.is_object() || !people.contains("people") || !people.at("people").is_array()) {
    return Fail(model, "The server's list of people is not readable.");
  }
  // Rooms and host accounts are optional for scheduling: a failure there leaves those rows out.
  const json rooms = rooms_status == 200 ? ParseJson(rooms_body) : json();
  const json hosts = hosts_status == 200 ? ParseJson(hosts_body) : json();

  std::vector<Row> interviewers, observers, room_rows, host_rows;
  const bool preselected = !model.interview.interviewers.empty();
  int defaults_left = 2;
  for (const json& person : people.at("people")) {
    Row row;
    row.sub = JsonText(person, "email");
    if (row.sub.empty()) continue;
    row.name = JsonText(person, "name");
    row.time_zone = JsonText(person, "time_zone");
    if (Contains(model.interview.observers, row.sub)) {
      row.kind = RowKind::kObserver;
      observers.push_back(std::move(row));
      continue;
    }
    if (!HasRole(person, "interviewer") && !Contains(model.interview.interviewers, row.sub)) continue;
    row.kind = RowKind::kInterviewer;
    if (preselected) {
      row.included = Contains(model.interview.interviewers, row.sub);
    } else {
      row.included = defaults_left > 0 && row.sub != model.interview.organizer && !HasRole(person, "recruiter");
      if (row.included) --defaults_left;
    }
    interviewers.push_back(std::move(row));
  }
  if (preselected) {  // the page's order first
    std::stable_sort(interviewers.begin(), interviewers.end(), [&](const Row& a, const Row& b) {
      auto rank = [&](const Row& r) {
        auto it = std::find(model.interview.interviewers.begin(), model.interview.interviewers.end(), r.sub);
        return it == model.interview.interviewers.end() ? model.interview.interviewers.size()
                                                        : static_cast<std::size_t>(it - model.interview.interviewers.begin());
      };
      return rank(a) < rank(b);
    });
  }
  if (rooms.is_object() && rooms.contains("rooms") && rooms.at("rooms").is_array()) {
    for (const json& room : rooms.at("rooms")) {
      Row row;
      row.kind = RowKind::kRoom;
      row.sub = JsonText(room, "email");
      if (row.sub.empty()) continue;
      row.name = JsonText(room, "name");
      if (room.contains("capacity") && room.at("capacity").is_number_integer()) row.capacity = room.at("capacity").get<std::int64_t>();
      row.building = JsonText(room, "building");
      room_rows.push_back(std::move(row));
    }
  }
  if (hosts.is_object() && hosts.contains("host_accounts") && hosts.at("host_accounts").is_array()) {
    for (const json& host : hosts.at("host_accounts")) {
      Row row;
      row.kind = RowKind::kHost;
      row.sub = JsonText(host, "id");
      if (row.sub.empty()) continue;
      row.host_provider = JsonText(host, "provider");
      row.host_owner = JsonText(host, "owner");
      if (host.contains("settings") && host.at("settings").is_object()) row.host_settings = host.at("settings");
      host_rows.push_back(std::move(row));
    }
  }
  model.rows.clear();
  for (auto* group : {&interviewers, &observers, &room_rows, &host_rows}) {
    for (Row& row : *group) model.rows.push_back(std::move(row));
  }
  // Host rows are named after their owner: "Zoom · Lena Fischer".
  for (Row& row : model.rows) {
    if (row.kind != RowKind::kHost) continue;
    const int owner = FindRow(model, row.host_owner);
    row.name = owner >= 0 && !model.rows[static_cast<std::size_t>(owner)].name.empty()
                   ? model.rows[static_cast<std::size_t>(owner)].name
                   : row.host_owner;
    if (owner >= 0) row.time_zone = model.rows[static_cast<std::size_t>(owner)].time_zone;
  }
}

std::string BuildDocumentRequest(const WidgetModel& model, Interval view) {
  std::vector<std::string> people, rooms, hosts;
  const std::string provider = ProviderOf(model.settings.type);
  for (const Row& row : model.rows) {
    switch (row.kind) {
      case RowKind::kInterviewer:
      case RowKind::kObserver: people.push_back(row.sub); break;
      case RowKind::kRoom: rooms.push_back(row.sub); break;
      case RowKind::kHost:
        if (row.host_provider == provider) hosts.push_back(row.sub);
        break;
    }
  }
  json query = {{"participants", json::array({{{"members", SubMembers(people)}, {"required", 1}}})},
                {"required_duration", {{"minutes", model.settings.duration_minutes}}},
                {"query_periods", json::array({{{"start", FormatRfc3339(view.start)}, {"end", FormatRfc3339(view.end)}}})},
                {"time_zone", model.viewport.viewer_zone}};
  if (!rooms.empty()) query["rooms"] = {{"members", SubMembers(rooms)}, {"required", 1}};
  if (!hosts.empty()) query["conferencing"] = {{"provider", provider}, {"hosts", {{"members", SubMembers(hosts)}, {"required", 1}}}};
  if (!model.booking.interview_id.empty() && model.booking.rescheduling) {
    return DumpJson({{"query", query}, {"except_interview_id", model.booking.interview_id}});
  }
  return DumpJson(query);
}

void ApplySolveDocument(WidgetModel& model, int http_status, std::string_view body) {
  if (http_status != 200) return Fail(model, ErrorSentence(http_status, body));
  const json doc = ParseJson(body);
  if (!doc.is_object() || !doc.contains("calendars") || !doc.at("calendars").is_object() || !doc.contains("query") ||
      !doc.at("query").is_object()) {
    return Fail(model, "The server's availability document is not readable.");
  }
  const std::optional<Instant> now = ParseRfc3339(JsonText(doc, "now"));
  if (!now) return Fail(model, "The server's availability document has no valid \"now\".");
  model.now = *now;
  const bool first = !model.document_loaded;
  model.base_query = doc.at("query");
  for (const auto& [sub, calendar] : doc.at("calendars").items()) {
    if (!calendar.is_object()) continue;
    model.calendars[sub] = calendar;
    std::vector<BusyEvent> events;
    if (calendar.contains("busy") && calendar.at("busy").is_array()) {
      for (const json& item : calendar.at("busy")) {
        const std::optional<Instant> start = ParseRfc3339(JsonText(item, "start"));
        const std::optional<Instant> end = ParseRfc3339(JsonText(item, "end"));
        if (!start || !end || *end <= *start) continue;
        BusyEvent event{{*start, *end}, ParseBusyStatus(JsonText(item, "status")), false};
        if (item.contains("status") && !item.at("status").is_string()) event.status = BusyStatus::kBusy;
        event.interview = item.contains("interview") && item.at("interview").is_boolean() && item.at("interview").get<bool>();
        events.push_back(event);
      }
    }
    std::stable_sort(events.begin(), events.end(), [](const BusyEvent& a, const BusyEvent& b) { return a.when.start < b.when.start; });
    model.busy[sub] = std::move(events);
    const json* free_busy = calendar.contains("free_busy") ? &calendar.at("free_busy") : nullptr;
    if (free_busy != nullptr && free_busy->is_object() && JsonText(*free_busy, "status") == "unknown") {
      model.unknown_free_busy[sub] = JsonText(*free_busy, "reason");
    } else {
      model.unknown_free_busy.erase(sub);
    }
    if (calendar.contains("working_hours") && calendar.at("working_hours").is_object()) {
      model.working_hours[sub] = calendar.at("working_hours");
    } else {
      model.working_hours.erase(sub);
    }
    const int index = FindRow(model, sub);
    if (index < 0) continue;
    Row& row = model.rows[static_cast<std::size_t>(index)];
    if (!JsonText(calendar, "time_zone").empty()) row.time_zone = JsonText(calendar, "time_zone");
    if (calendar.contains("capacity") && calendar.at("capacity").is_number_integer()) row.capacity = calendar.at("capacity").get<std::int64_t>();
    if (calendar.contains("conferencing_account") && calendar.at("conferencing_account").is_object()) {
      row.host_settings = calendar.at("conferencing_account");
    }
  }
  const json& query = model.base_query;
  if (query.contains("conferencing") && query.at("conferencing").is_object()) {
    const std::string provider = JsonText(query.at("conferencing"), "provider");
    if (!provider.empty() && !Contains(model.loaded_providers, provider)) model.loaded_providers.push_back(provider);
  }
  if (first) {
    if (query.contains("buffer") && query.at("buffer").is_object()) {
      model.settings.buffer_before_minutes = MinutesOf(query.at("buffer").value("before", json()), model.settings.buffer_before_minutes);
      model.settings.buffer_after_minutes = MinutesOf(query.at("buffer").value("after", json()), model.settings.buffer_after_minutes);
    }
    if (query.contains("start_interval")) model.settings.start_interval_minutes = MinutesOf(query.at("start_interval"), model.settings.start_interval_minutes);
    if (query.contains("minimum_notice")) model.settings.minimum_notice_minutes = MinutesOf(query.at("minimum_notice"), model.settings.minimum_notice_minutes);
  }
  model.document_loaded = true;
  model.load = LoadState::kLoaded;
  model.error.clear();
  ++model.solve_generation;
}

void ApplyConnections(WidgetModel& model, int http_status, std::string_view body) {
  if (http_status != 200) return;  // connections are advisory: scheduling still works
  const json doc = ParseJson(body);
  if (!doc.is_object() || !doc.contains("connections") || !doc.at("connections").is_array()) return;
  model.connection_issues.clear();
  for (const json& connection : doc.at("connections")) {
    const std::string status = JsonText(connection, "status");
    if (status.empty() || status == "connected" || status == "active") continue;
    ConnectionIssue issue;
    issue.provider = JsonText(connection, "provider");
    issue.status = status;
    issue.fix_url = JsonText(connection, "fix_url");
    if (issue.fix_url.empty()) issue.fix_url = JsonText(connection, "reconnect_url");
    issue.message = JsonText(connection, "message");
    model.connection_issues.push_back(std::move(issue));
  }
}

namespace {

void SelectPeopleOf(WidgetModel& model, const json& view) {
  const std::vector<std::string> interviewers = SubsOf(view.value("interviewers", json::array()));
  const std::vector<std::string> observers = SubsOf(view.value("observers", json::array()));
  for (Row& row : model.rows) {
    if (row.kind == RowKind::kInterviewer || row.kind == RowKind::kObserver) {
      if (Contains(observers, row.sub)) row.kind = RowKind::kObserver;
      else if (Contains(interviewers, row.sub)) row.kind = RowKind::kInterviewer;
      row.included = Contains(interviewers, row.sub) || Contains(observers, row.sub);
    }
  }
}

}  // namespace

void SelectInterviewPeople(WidgetModel& model, std::string_view body) {
  const json view = ParseJson(body);
  if (!view.is_object() || !view.contains("interviewers") || !view.at("interviewers").is_array()) return;
  SelectPeopleOf(model, view);
  ++model.solve_generation;
}

bool ApplyExistingInterview(WidgetModel& model, int http_status, std::string_view body) {
  if (http_status != 200) return false;
  const json view = ParseJson(body);
  const std::optional<Instant> start = ParseRfc3339(JsonText(view, "start"));
  const std::optional<Instant> end = ParseRfc3339(JsonText(view, "end"));
  if (!view.is_object() || JsonText(view, "id").empty() || !start || !end || *end <= *start) return false;
  SelectPeopleOf(model, view);
  model.settings.duration_minutes = static_cast<std::int32_t>((*end - *start) / 60);
  const json conferencing = view.value("conferencing", json::object());
  const std::string provider = JsonText(conferencing, "provider");
  model.settings.type = provider == "zoom"          ? InterviewType::kZoom
                        : provider == "teams"       ? InterviewType::kTeams
                        : provider == "goto"        ? InterviewType::kGoTo
                        : provider == "google_meet" ? InterviewType::kGoogleMeet
                                                    : InterviewType::kOnSite;
  model.settings.host = JsonText(conferencing, "host");
  if (view.contains("room") && view.at("room").is_object()) model.settings.room = JsonText(view.at("room"), "sub");
  const json buffer = view.value("buffer", json::object());
  model.settings.buffer_before_minutes = MinutesOf(buffer.value("before", json()), model.settings.buffer_before_minutes);
  model.settings.buffer_after_minutes = MinutesOf(buffer.value("after", json()), model.settings.buffer_after_minutes);
  model.booking = Booking{};
  model.booking.interview_id = JsonText(view, "id");
  model.booking.rescheduling = true;
  model.booking.status = JsonText(view, "status");
  model.booking.when = {*start, *end};
  model.booking.moving_from = {*start, *end};
  model.booking.booked_interviewers = SubsOf(view.value("interviewers", json::array()));
  model.booking.booked_observers = SubsOf(view.value("observers", json::array()));
  for (const json& tracked : view.value("tracking", json::array())) {
    if (!tracked.is_object() || JsonText(tracked, "state").empty() || JsonText(tracked, "state") == "as_booked") continue;
    ExternalChange change;
    change.object = JsonText(tracked, "object");
    change.state = JsonText(tracked, "state");
    change.detail = JsonText(tracked, "detail");
    const std::optional<Instant> booked_start = ParseRfc3339(JsonText(tracked, "expected_start"));
    const std::optional<Instant> booked_end = ParseRfc3339(JsonText(tracked, "expected_end"));
    if (booked_start && booked_end) change.booked = {*booked_start, *booked_end};
    const std::optional<Instant> seen_start = ParseRfc3339(JsonText(tracked, "observed_start"));
    const std::optional<Instant> seen_end = ParseRfc3339(JsonText(tracked, "observed_end"));
    if (seen_start && seen_end && *seen_end > *seen_start) change.observed = Interval{*seen_start, *seen_end};
    if (const json attendees = tracked.value("attendees", json()); attendees.is_object()) {
      const auto emails = [&](const char* key) {
        std::vector<std::string> list;
        for (const json& email : attendees.value(key, json::array())) {
          if (email.is_string()) list.push_back(email.get<std::string>());
        }
        return list;
      };
      change.removed = emails("removed");
      change.added = emails("added");
      change.declined = emails("declined");
    }
    model.booking.external_changes.push_back(std::move(change));
  }
  if (view.contains("candidate") && view.at("candidate").is_object()) {
    model.interview.candidate = view.at("candidate");
    if (!JsonText(view.at("candidate"), "time_zone").empty()) model.viewport.candidate_zone = JsonText(view.at("candidate"), "time_zone");
  }
  model.interview.title = JsonText(view, "title");
  model.interview.organizer = JsonText(view, "organizer");
  ++model.solve_generation;
  return true;
}

std::set<std::string> NeededZones(const WidgetModel& model) {
  std::set<std::string> zones;
  auto add = [&](const std::string& zone) {
    if (!zone.empty() && zone != "UTC") zones.insert(zone);
  };
  add(model.viewport.viewer_zone);
  add(model.viewport.candidate_zone);
  for (const Row& row : model.rows) add(row.time_zone);
  for (const auto& [sub, calendar] : model.calendars.items()) add(JsonText(calendar, "time_zone"));
  add(JsonText(model.base_query, "time_zone"));
  return zones;
}

int FindRow(const WidgetModel& model, const std::string& sub) {
  for (std::size_t i = 0; i < model.rows.size(); ++i) {
    if (model.rows[i].sub == sub) return static_cast<int>(i);
  }
  return -1;
}

std::string DisplayName(const WidgetModel& model, const std::string& sub) {
  const int index = FindRow(model, sub);
  if (index >= 0 && !model.rows[static_cast<std::size_t>(index)].name.empty()) return model.rows[static_cast<std::size_t>(index)].name;
  return sub;
}

std::string ProviderOf(InterviewType type) {
  switch (type) {
    case InterviewType::kOnSite: return "";
    case InterviewType::kGoogleMeet: return "google_meet";
    case InterviewType::kZoom: return "zoom";
    case InterviewType::kTeams: return "teams";
    case InterviewType::kGoTo: return "goto";
  }
  return "";
}

}  // namespace slotwise::widget
