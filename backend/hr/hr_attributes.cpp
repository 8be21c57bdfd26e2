// hr_attributes.cpp — see hr_attributes.h.
#include "hr/hr_attributes.h"

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

#include <algorithm>

namespace slotwise::hr {

namespace {

using nlohmann::json;

// An employee attribute and how to read it.
struct EmployeeField {
  const char* name;
  const std::string Employee::*member;
};

const std::vector<EmployeeField>& EmployeeFields() {
  static const std::vector<EmployeeField> fields = {
      {"first_name", &Employee::first_name},   {"last_name", &Employee::last_name},
      {"email", &Employee::email},             {"hire_date", &Employee::hire_date},
      {"termination_date", &Employee::termination_date}, {"position", &Employee::position},
      {"status", &Employee::status},           {"office", &Employee::office},
      {"department", &Employee::department},   {"team", &Employee::team},
      {"birthday", &Employee::birthday},       {"time_zone", &Employee::time_zone},
      {"working_hours", &Employee::working_hours_json}, {"teams_user_id", &Employee::teams_user_id},
  };
  return fields;
}

}  // namespace

const std::vector<std::string>& AllAttributes() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const EmployeeField& field : EmployeeFields()) out.emplace_back(field.name);
    out.emplace_back("absences");
    return out;
  }();
  return names;
}

const std::vector<std::string>& TeamsPreset() {
  static const std::vector<std::string> names = {"first_name", "last_name", "email",  "termination_date",
                                                 "hire_date",  "position",  "status", "office",
                                                 "department", "team"};
  return names;
}

bool IsAttribute(std::string_view name) {
  const std::vector<std::string>& all = AllAttributes();
  return std::find(all.begin(), all.end(), name) != all.end();
}

AttributeSet AttributeSet::All() {
  AttributeSet set;
  set.all_ = true;
  return set;
}

Result<std::vector<std::string>> ParseAttributeList(const json& value, const std::string& path) {
  if (!value.is_array() || value.empty()) {
    return Error{codes::kInvalidRequest,
                 path + " must be a non-empty array of attribute names (or \"microsoft_teams\" for the Microsoft Teams preset of docs/HR.md)",
                 path};
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (!value[i].is_string()) return Error{codes::kInvalidRequest, item_path + " must be a string", item_path};
    const std::string name = value[i].get<std::string>();
    if (name == "microsoft_teams") {
      names.insert(TeamsPreset().begin(), TeamsPreset().end());
    } else if (IsAttribute(name)) {
      names.insert(name);
    } else {
      std::string known;
      for (const std::string& attribute : AllAttributes()) known += (known.empty() ? "" : ", ") + attribute;
      return Error{codes::kInvalidRequest, "unknown attribute \"" + name.substr(0, 80) + "\"; known: " + known, item_path};
    }
  }
  return std::vector<std::string>(names.begin(), names.end());
}

json EmployeeJson(const Employee& e, const AttributeSet& allowed) {
  json out = {{"id", e.id}};
  for (const EmployeeField& field : EmployeeFields()) {
    if (!allowed.Has(field.name)) continue;
    const std::string& value = e.*(field.member);
    if (field.member == &Employee::working_hours_json) {
      const json hours = value.empty() ? json(nullptr) : slotwise::ParseJson(value);
      out[field.name] = hours.is_discarded() ? json(nullptr) : hours;
    } else {
      out[field.name] = value;
    }
  }
  return out;
}

json AbsenceJson(const Absence& a) {
  return {{"id", a.id},
          {"employee_id", a.employee_id},
          {"type", a.type},
          {"first_day", a.first_day},
          {"first_day_part", DayPartName(a.first_day_part)},
          {"last_day", a.last_day},
          {"last_day_part", DayPartName(a.last_day_part)},
          {"substitute_id", a.substitute_id},
          {"status", AbsenceStatusName(a.status)},
          {"source", a.source},
          {"comment", a.comment}};
}

json OrgUnitJson(const OrgUnit& unit) {
  return {{"kind", OrgUnitKindName(unit.kind)}, {"name", unit.name}, {"parent", unit.parent}};
}

bool OrgUnitVisible(OrgUnitKind kind, const AttributeSet& allowed) { return allowed.Has(OrgUnitKindName(kind)); }

Result<bool> CheckWritable(const json& body, const AttributeSet& allowed, const std::string& path) {
  if (!body.is_object()) return Error{codes::kInvalidRequest, path + " must be a JSON object", path};
  for (const auto& [key, value] : body.items()) {
    if (key == "id") continue;
    const bool employee_attribute = IsAttribute(key) && key != "absences";
    if (!employee_attribute) {
      return Error{codes::kInvalidRequest, "unknown employee field \"" + key.substr(0, 80) + "\"",
                   path.empty() ? key : path + "." + key};
    }
    if (!allowed.Has(key)) {
      return Error{codes::kAttributeNotAllowed,
                   "this HR credential may not write the attribute \"" + key + "\" (it is not in its allow-list)", key};
    }
  }
  return true;
}

}  // namespace slotwise::hr
