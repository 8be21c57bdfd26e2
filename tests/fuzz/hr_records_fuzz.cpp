// Fuzz target: the readers of the HR API's people and organisation writes (backend/hr/hr_json.h: employees, absences,
// org units, channel mappings), fed what the route's body reader accepts (ParseJson). Input: one byte choosing the
// reader, then the JSON value. Zones from /usr/share/zoneinfo through the server's ZoneinfoDirectory.
// Properties of an accepted value:
//   - employee: its zone resolves (or is empty), its working hours are JSON, and reading the same value again with
//     the result as the base (what a PATCH of the same fields does) changes nothing;
//   - absence: both days are real dates, first_day <= last_day;
//   - channel mapping: the zone resolves, the time of day is within the day, weekdays are 0..6, and re-reading the
//     same value on top of the result changes nothing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "hr/hr_json.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"

namespace {

using slotwise::fuzz::SystemZones;

using nlohmann::json;
namespace hr = slotwise::hr;

auto Fields(const hr::Employee& e) {
  return std::tie(e.id, e.first_name, e.last_name, e.email, e.hire_date, e.termination_date, e.position, e.status,
                  e.office, e.department, e.team, e.birthday, e.time_zone, e.working_hours_json, e.teams_user_id);
}

void Employee(const json& value) {
  const slotwise::Result<hr::Employee> read = hr::ParseEmployee(value, "employees[0]", {}, SystemZones());
  if (!read.ok()) return;
  const hr::Employee& e = *read;
  FUZZ_CHECK(e.time_zone.empty() || SystemZones().Find(e.time_zone) != nullptr, "accepted the zone " << e.time_zone);
  FUZZ_CHECK(e.working_hours_json.empty() || !slotwise::ParseJson(e.working_hours_json).is_discarded(),
             "stored working hours that are not JSON: " << e.working_hours_json);
  const slotwise::Result<hr::Employee> again = hr::ParseEmployee(value, "employees[0]", e, SystemZones());
  FUZZ_CHECK(again.ok(), "the same value on top of its own result is refused: " << again.error().message);
  FUZZ_CHECK(Fields(*again) == Fields(e), "the same value on top of its own result changed it: " << value.dump());
}

void Absence(const json& value) {
  const slotwise::Result<hr::Absence> read = hr::ParseAbsence(value, "absences[0]");
  if (!read.ok()) return;
  FUZZ_CHECK(slotwise::ParseIsoDate(read->first_day) && slotwise::ParseIsoDate(read->last_day) &&
                 read->first_day <= read->last_day,
             "accepted an absence from " << read->first_day << " to " << read->last_day);
}

void Mapping(const json& value) {
  const slotwise::Result<hr::ChannelMapping> read = hr::ParseMapping(value, {}, SystemZones());
  if (!read.ok()) return;
  const hr::ChannelMapping& m = *read;
  FUZZ_CHECK(SystemZones().Find(m.time_zone) != nullptr, "accepted the zone " << m.time_zone);
  FUZZ_CHECK(m.time_of_day >= 0 && m.time_of_day < 24 * 3600, "accepted the time of day " << m.time_of_day);
  for (int day : m.weekdays) FUZZ_CHECK(day >= 0 && day <= 6, "accepted the weekday " << day);
  const slotwise::Result<hr::ChannelMapping> again = hr::ParseMapping(value, m, SystemZones());
  FUZZ_CHECK(again.ok(), "the same mapping on top of its own result is refused: " << again.error().message);
  FUZZ_CHECK(hr::MappingJson(*again) == hr::MappingJson(m) && again->webhook_url == m.webhook_url,
             "the same mapping on top of its own result changed it: " << value.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  const std::uint8_t reader = input.Byte() % 4;
  const json value = slotwise::ParseJson(input.Rest());
  if (value.is_discarded()) return 0;  // the route answers invalid_json before any reader runs
  switch (reader) {
    case 0: Employee(value); break;
    case 1: Absence(value); break;
    case 2: (void)hr::ParseOrgUnit(value, "org_units[0]"); break;
    default: Mapping(value); break;
  }
  return 0;
}
