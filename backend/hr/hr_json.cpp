// hr_json.cpp — see hr_json.h.
//
// [SECTION] Readers
// [SECTION] Employees, absences, org units
// [SECTION] Channel mappings
#include "hr/hr_json.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <initializer_list>

#include "hr/absence_days.h"
#include "hr/hr_text.h"
#include "hr/work_schedule.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::hr {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxText = 200;

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Readers
// -----------------------------------------------------------------------------------------------------------------

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }

std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

Result<bool> OnlyKnown(const json& value, const std::string& path, std::initializer_list<const char*> known) {
  if (!value.is_object()) return Invalid(path, (path.empty() ? "the body" : path) + " must be a JSON object");
  for (const auto& item : value.items()) {
    const std::string& key = item.key();  // a named reference, not a structured binding: clang 14 (the fuzz build)
                                          // cannot capture a binding in the lambda below
    if (std::none_of(known.begin(), known.end(), [&](const char* name) { return key == name; })) {
      return Invalid(Join(path, key), "unknown field \"" + key.substr(0, 80) + "\"");
    }
  }
  return true;
}

// Reads an optional string member into `out` (untouched when absent or null).
Result<bool> Text(const json& value, const char* key, const std::string& path, std::string& out,
                  bool required = false) {
  auto it = value.find(key);
  if (it == value.end() || it->is_null()) {
    if (required) return Invalid(Join(path, key), Join(path, key) + " is required");
    return false;
  }
  if (!it->is_string()) return Invalid(Join(path, key), Join(path, key) + " must be a string");
  const std::string& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxText) return Invalid(Join(path, key), Join(path, key) + " is longer than 200 characters");
  if (required && text.empty()) return Invalid(Join(path, key), Join(path, key) + " must not be empty");
  out = text;
  return true;
}

Result<bool> Date(const json& value, const char* key, const std::string& path, std::string& out, bool required) {
  Result<bool> read = Text(value, key, path, out, required);
  if (!read || !*read) return read;
  if (!out.empty() && !ParseIsoDate(out)) {
    return Invalid(Join(path, key), Join(path, key) + " must be a date YYYY-MM-DD, not \"" + out.substr(0, 40) + "\"");
  }
  return true;
}

Result<bool> Bool(const json& value, const char* key, const std::string& path, bool& out) {
  auto it = value.find(key);
  if (it == value.end() || it->is_null()) return false;
  if (!it->is_boolean()) return Invalid(Join(path, key), Join(path, key) + " must be true or false");
  out = it->get<bool>();
  return true;
}

Result<bool> Zone(const std::string& name, const std::string& field, ZoneSource& zones) {
  if (name.empty() || (IsValidZoneName(name) && zones.Find(name))) return true;
  return Invalid(field, field + " is not a known IANA time zone: \"" + name.substr(0, 80) + "\"");
}

Result<DayPart> Part(const json& value, const char* key, const std::string& path, DayPart fallback) {
  std::string text;
  Result<bool> read = Text(value, key, path, text);
  if (!read) return read.error();
  if (!*read) return fallback;
  std::optional<DayPart> part = ParseDayPart(text);
  if (!part) return Invalid(Join(path, key), Join(path, key) + " must be \"full\", \"morning\" or \"afternoon\"");
  return *part;
}

constexpr std::array<const char*, 7> kWeekdayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Employees, absences, org units
// -----------------------------------------------------------------------------------------------------------------

Result<Employee> ParseEmployee(const json& value, const std::string& path, Employee base, ZoneSource& zones) {
  if (Result<bool> ok = OnlyKnown(value, path, {"id", "first_name", "last_name", "email", "hire_date",
                                                "termination_date", "position", "status", "office", "department",
                                                "team", "birthday", "time_zone", "working_hours", "teams_user_id"});
      !ok) {
    return ok.error();
  }
  Employee e = std::move(base);
  for (auto step : {Text(value, "id", path, e.id, e.id.empty()), Text(value, "first_name", path, e.first_name),
                    Text(value, "last_name", path, e.last_name), Text(value, "email", path, e.email),
                    Date(value, "hire_date", path, e.hire_date, false),
                    Date(value, "termination_date", path, e.termination_date, false),
                    Text(value, "position", path, e.position), Text(value, "status", path, e.status),
                    Text(value, "office", path, e.office), Text(value, "department", path, e.department),
                    Text(value, "team", path, e.team), Date(value, "birthday", path, e.birthday, false),
                    Text(value, "time_zone", path, e.time_zone), Text(value, "teams_user_id", path, e.teams_user_id)}) {
    if (!step) return step.error();
  }
  if (e.id.size() > 64) return Invalid(Join(path, "id"), "an employee id is at most 64 characters");
  if (!e.email.empty() && (e.email.find('@') == std::string::npos || e.email.find(' ') != std::string::npos)) {
    return Invalid(Join(path, "email"), Join(path, "email") + " must be an e-mail address");
  }
  e.email = AsciiLower(e.email);
  if (e.status.empty()) e.status = "active";
  if (e.status != "active" && e.status != "onboarding" && e.status != "leave" && e.status != "inactive") {
    return Invalid(Join(path, "status"), Join(path, "status") + " must be active, onboarding, leave or inactive");
  }
  if (!e.termination_date.empty() && !e.hire_date.empty() && e.termination_date < e.hire_date) {
    return Invalid(Join(path, "termination_date"), "termination_date must not be before hire_date");
  }
  if (Result<bool> ok = Zone(e.time_zone, Join(path, "time_zone"), zones); !ok) return ok.error();
  if (auto it = value.find("working_hours"); it != value.end()) {
    if (it->is_null()) {
      e.working_hours_json.clear();
    } else {
      Result<WorkingHours> hours = ParseWorkingHoursText(it->dump(), Join(path, "working_hours"));
      if (!hours) return hours.error();
      e.working_hours_json = it->dump();
    }
  }
  return e;
}

Result<Absence> ParseAbsence(const json& value, const std::string& path, const std::vector<AbsenceType>* types) {
  if (Result<bool> ok = OnlyKnown(value, path, {"id", "employee_id", "type", "first_day", "first_day_part", "last_day",
                                                "last_day_part", "substitute_id", "status", "comment"});
      !ok) {
    return ok.error();
  }
  Absence a;
  std::string status = "approved";
  for (auto step : {Text(value, "id", path, a.id, true), Text(value, "employee_id", path, a.employee_id, true),
                    Text(value, "type", path, a.type, true), Text(value, "first_day", path, a.first_day, true),
                    Text(value, "last_day", path, a.last_day, true),
                    Text(value, "substitute_id", path, a.substitute_id), Text(value, "status", path, status),
                    Text(value, "comment", path, a.comment)}) {
    if (!step) return step.error();
  }
  Result<DayPart> first = Part(value, "first_day_part", path, DayPart::kFull);
  if (!first) return first.error();
  a.first_day_part = *first;
  Result<DayPart> last = Part(value, "last_day_part", path, a.first_day == a.last_day ? a.first_day_part : DayPart::kFull);
  if (!last) return last.error();
  a.last_day_part = *last;
  std::optional<AbsenceStatus> parsed = ParseAbsenceStatus(status);
  if (!parsed) return Invalid(Join(path, "status"), "status must be requested, approved, rejected or cancelled");
  a.status = *parsed;
  if (Result<bool> ok = ValidateAbsenceShape(a, path, types); !ok) return ok.error();
  return a;
}

Result<OrgUnit> ParseOrgUnit(const json& value, const std::string& path) {
  if (Result<bool> ok = OnlyKnown(value, path, {"kind", "name", "parent"}); !ok) return ok.error();
  OrgUnit unit;
  std::string kind;
  for (auto step : {Text(value, "kind", path, kind, true), Text(value, "name", path, unit.name, true),
                    Text(value, "parent", path, unit.parent)}) {
    if (!step) return step.error();
  }
  std::optional<OrgUnitKind> parsed = ParseOrgUnitKind(kind);
  if (!parsed) return Invalid(Join(path, "kind"), Join(path, "kind") + " must be office, department or team");
  unit.kind = *parsed;
  return unit;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Channel mappings
// -----------------------------------------------------------------------------------------------------------------

Result<ChannelMapping> ParseMapping(const json& value, ChannelMapping m, ZoneSource& zones) {
  if (Result<bool> ok = OnlyKnown(value, "", {"id", "unit", "target", "language", "time_of_day", "time_zone",
                                              "weekdays", "events", "enabled"});
      !ok) {
    return ok.error();
  }
  if (auto it = value.find("unit"); it != value.end()) {
    if (Result<bool> ok = OnlyKnown(*it, "unit", {"kind", "name"}); !ok) return ok.error();
    std::string kind;
    for (auto step : {Text(*it, "kind", "unit", kind, true), Text(*it, "name", "unit", m.unit_name, true)}) {
      if (!step) return step.error();
    }
    std::optional<OrgUnitKind> parsed = ParseOrgUnitKind(kind);
    if (!parsed) return Invalid("unit.kind", "unit.kind must be office, department or team");
    m.unit_kind = *parsed;
  } else if (m.unit_name.empty()) {
    return Invalid("unit", "unit {kind, name} is required");
  }
  if (auto it = value.find("target"); it != value.end()) {
    if (Result<bool> ok = OnlyKnown(*it, "target", {"kind", "team_id", "channel_id", "connection_id", "url"}); !ok) {
      return ok.error();
    }
    std::string kind;
    if (Result<bool> read = Text(*it, "kind", "target", kind, true); !read) return read.error();
    std::optional<TargetKind> parsed = ParseTargetKind(kind);
    if (!parsed) return Invalid("target.kind", "target.kind must be graph_channel or workflow_webhook");
    m.target_kind = *parsed;
    m.team_id.clear();
    m.channel_id.clear();
    m.connection_id.clear();
    m.webhook_url.clear();
    if (m.target_kind == TargetKind::kGraphChannel) {
      for (auto step : {Text(*it, "team_id", "target", m.team_id, true),
                        Text(*it, "channel_id", "target", m.channel_id, true),
                        Text(*it, "connection_id", "target", m.connection_id, true)}) {
        if (!step) return step.error();
      }
      if (it->contains("url")) return Invalid("target.url", "a graph_channel target has no url");
    } else {
      auto url = it->find("url");
      if (url == it->end() || !url->is_string() || url->get_ref<const std::string&>().size() > 2048) {
        return Invalid("target.url", "target.url (the Workflows trigger URL) is required, at most 2048 characters");
      }
      m.webhook_url = url->get<std::string>();  // what it may point at: the route checks (auth/outbound_policy.h)
      for (const char* key : {"team_id", "channel_id", "connection_id"}) {
        if (it->contains(key)) return Invalid(std::string("target.") + key, "a workflow_webhook target has only a url");
      }
    }
  } else if (m.channel_id.empty() && m.webhook_url.empty()) {
    return Invalid("target", "target is required");
  }
  if (Result<bool> read = Text(value, "language", "", m.language); !read) return read.error();
  if (!IsLanguage(m.language)) return Invalid("language", "language must be en, de, nl or ja");
  if (auto it = value.find("time_of_day"); it != value.end()) {
    std::optional<std::int32_t> seconds =
        it->is_string() ? ParseClockTime(it->get_ref<const std::string&>()) : std::nullopt;
    if (!seconds || *seconds >= kSecondsPerDay) return Invalid("time_of_day", "time_of_day must be \"HH:MM\", 00:00–23:59");
    m.time_of_day = *seconds;
  }
  if (Result<bool> read = Text(value, "time_zone", "", m.time_zone); !read) return read.error();
  if (m.time_zone.empty()) return Invalid("time_zone", "time_zone must be an IANA zone");
  if (Result<bool> ok = Zone(m.time_zone, "time_zone", zones); !ok) return ok.error();
  if (auto it = value.find("weekdays"); it != value.end()) {
    if (!it->is_array()) return Invalid("weekdays", "weekdays must be an array of mon, tue, wed, thu, fri, sat, sun");
    m.weekdays.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& day = (*it)[i];
      auto found = day.is_string() ? std::find(kWeekdayNames.begin(), kWeekdayNames.end(), day.get<std::string>())
                                   : kWeekdayNames.end();
      if (found == kWeekdayNames.end()) {
        return Invalid("weekdays[" + std::to_string(i) + "]", "a weekday is one of mon, tue, wed, thu, fri, sat, sun");
      }
      const int index = static_cast<int>(found - kWeekdayNames.begin());
      if (std::find(m.weekdays.begin(), m.weekdays.end(), index) == m.weekdays.end()) m.weekdays.push_back(index);
    }
    std::sort(m.weekdays.begin(), m.weekdays.end());
  }
  if (auto it = value.find("events"); it != value.end()) {
    if (Result<bool> ok = OnlyKnown(*it, "events", {"absences", "birthdays", "anniversaries", "new_joiners"}); !ok) {
      return ok.error();
    }
    for (auto step : {Bool(*it, "absences", "events", m.toggles.absences),
                      Bool(*it, "birthdays", "events", m.toggles.birthdays),
                      Bool(*it, "anniversaries", "events", m.toggles.anniversaries),
                      Bool(*it, "new_joiners", "events", m.toggles.new_joiners)}) {
      if (!step) return step.error();
    }
  }
  if (Result<bool> read = Bool(value, "enabled", "", m.enabled); !read) return read.error();
  return m;
}

json MappingJson(const ChannelMapping& m) {
  json target = {{"kind", TargetKindName(m.target_kind)}};
  if (m.target_kind == TargetKind::kGraphChannel) {
    target["team_id"] = m.team_id;
    target["channel_id"] = m.channel_id;
    target["connection_id"] = m.connection_id;
  } else {
    const std::size_t host_end = m.webhook_url.find('/', m.webhook_url.find("://") + 3);
    target["url_hint"] = m.webhook_url.substr(0, host_end) + "/…";
  }
  json weekdays = json::array();
  for (int day : m.weekdays) weekdays.push_back(kWeekdayNames[static_cast<std::size_t>(day)]);
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", m.time_of_day / 3600, m.time_of_day % 3600 / 60);
  return {{"id", m.id},
          {"unit", {{"kind", OrgUnitKindName(m.unit_kind)}, {"name", m.unit_name}}},
          {"target", target},
          {"language", m.language},
          {"time_of_day", time},
          {"time_zone", m.time_zone},
          {"weekdays", weekdays},
          {"events", {{"absences", m.toggles.absences},
                      {"birthdays", m.toggles.birthdays},
                      {"anniversaries", m.toggles.anniversaries},
                      {"new_joiners", m.toggles.new_joiners}}},
          {"enabled", m.enabled}};
}

json PostRecordJson(const PostRecord& r) {
  json out = {{"local_day", r.local_day}, {"state", PostStateName(r.state)}, {"attempts", r.attempts},
              {"scheduled_at", FormatRfc3339(r.scheduled_at)}};
  if (r.posted_at > 0) out["posted_at"] = FormatRfc3339(r.posted_at);
  if (!r.message_id.empty()) out["message_id"] = r.message_id;
  if (!r.last_error.empty()) out["last_error"] = r.last_error;
  if (r.state == PostState::kRetry) out["next_attempt_at"] = FormatRfc3339(r.next_attempt_at);
  return out;
}

}  // namespace slotwise::hr
