// hr_json.h — the REST API's JSON for HR data (docs/HR.md): parsing and validating imported employees, absences and
// org units and channel mappings, and writing mappings back out.
//
// Contract: every parser checks types and values before use and answers the first problem as
// Error{"invalid_request", sentence, JSON path} (e.g. "employees[2].hire_date"); unknown members are refused (a typo
// must not silently drop data). Text fields are at most 200 characters. Pure apart from the zone lookups through
// `zones` (which must be safe to call from this thread); no throw except std::bad_alloc.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "hr/hr_model.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"

namespace slotwise::hr {

// An employee from `value` (every member but "id" optional; absent members keep `base`'s values, so the same parser
// serves imports — base = {} — and PATCH — base = the stored employee).
Result<Employee> ParseEmployee(const nlohmann::json& value, const std::string& path, Employee base, ZoneSource& zones);

// An absence: {id, employee_id, type, first_day, first_day_part?, last_day, last_day_part?, substitute_id?, status?,
// comment?}. Parts default to "full"; status to "approved" (an import states facts).
// `types`: the tenant's own absence types (null or empty = the built-in set).
Result<Absence> ParseAbsence(const nlohmann::json& value, const std::string& path,
                             const std::vector<AbsenceType>* types = nullptr);

// An org unit: {kind: office|department|team, name, parent?}.
Result<OrgUnit> ParseOrgUnit(const nlohmann::json& value, const std::string& path);

// A channel mapping: {unit:{kind,name}, target:{kind:"graph_channel", team_id, channel_id, connection_id} |
// {kind:"workflow_webhook", url}, language, time_of_day "HH:MM", time_zone, weekdays?:["mon",…], events?:{absences,
// birthdays, anniversaries, new_joiners}, enabled?}. Absent optional members keep `base`'s values.
Result<ChannelMapping> ParseMapping(const nlohmann::json& value, ChannelMapping base, ZoneSource& zones);

// The mapping as the API shows it: the webhook URL is a credential and is shown as "https://host/…" only.
nlohmann::json MappingJson(const ChannelMapping& mapping);
nlohmann::json PostRecordJson(const PostRecord& record);

}  // namespace slotwise::hr
