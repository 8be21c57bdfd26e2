// hr_attributes.h — the attribute allow-list of HR credentials (docs/PRODUCT.md R003.3): which employee
// attributes exist, how a read is cut down to the granted ones, and how a write outside them is refused.
//
// Attributes: first_name, last_name, email, hire_date, termination_date, position, status, office, department,
// team (the Teams list of docs/PRODUCT.md R003.3: the preset "microsoft_teams"), plus birthday, time_zone,
// working_hours, teams_user_id (employee fields that may be granted too) and "absences" (the right to read absence
// records). The employee "id" is the record's key, not an attribute: every credential sees it.
//
// Contract:
// - A read through a credential contains exactly "id" and the granted attributes: every other attribute is ABSENT
//   from the JSON (no key at all — not null, not ""). A tenant API key reads everything (AttributeSet::All()).
// - Org units of kind office / department / team are visible only with the attribute of the same name.
// - A write naming an attribute outside the set is refused: Error "attribute_not_allowed" (HTTP 403) whose field is
//   the attribute and whose message names it. Unknown members are "invalid_request" (422).
// Pure; thread-safe; no throw except std::bad_alloc.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hr/hr_model.h"
#include "slotwise/result.h"

namespace slotwise::hr {

const std::vector<std::string>& AllAttributes();    // every attribute name, in the order above
const std::vector<std::string>& TeamsPreset();      // the ten of docs/PRODUCT.md R003.3
bool IsAttribute(std::string_view name);

class AttributeSet {
 public:
  static AttributeSet All();
  explicit AttributeSet(const std::vector<std::string>& names) : names_(names.begin(), names.end()) {}
  bool Has(std::string_view name) const { return all_ || names_.count(std::string(name)) > 0; }

 private:
  AttributeSet() = default;
  bool all_ = false;
  std::set<std::string> names_;
};

// `attributes` of a credential request: an array of attribute names and/or the preset "microsoft_teams".
// Answers the sorted, de-duplicated names; "invalid_request" at `path`[i] for an unknown name or a non-string, and
// at `path` for an empty or non-array value.
Result<std::vector<std::string>> ParseAttributeList(const nlohmann::json& value, const std::string& path);

// The employee as a read through `allowed` returns it.
nlohmann::json EmployeeJson(const Employee& employee, const AttributeSet& allowed);
// An absence record (reads need the "absences" attribute; the record itself has no employee attributes).
nlohmann::json AbsenceJson(const Absence& absence);
nlohmann::json OrgUnitJson(const OrgUnit& unit);
bool OrgUnitVisible(OrgUnitKind kind, const AttributeSet& allowed);

// Refuses a write whose members name attributes outside `allowed` (see the contract). `known_members` other than
// attributes ("id") are allowed; any other member is invalid_request.
Result<bool> CheckWritable(const nlohmann::json& body, const AttributeSet& allowed, const std::string& path);

}  // namespace slotwise::hr
