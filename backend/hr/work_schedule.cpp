// work_schedule.cpp — see work_schedule.h.
#include "hr/work_schedule.h"

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/time_zone.h"

namespace slotwise::hr {

WorkingHours DefaultWorkingHours() {
  WorkingHours hours;
  hours.around_the_clock = false;
  for (int day = 1; day <= 5; ++day) hours.windows[static_cast<std::size_t>(day)] = {{9 * 3600, 17 * 3600}};
  return hours;
}

Result<WorkingHours> ParseWorkingHoursText(const std::string& text, const std::string& path) {
  if (text.empty()) return DefaultWorkingHours();
  const nlohmann::json hours = slotwise::ParseJson(text);
  if (!hours.is_object()) return Error{codes::kInvalidRequest, path + " must be a working_hours object (docs/ENGINE.md)", path};
  // A one-calendar document for the engine's parser: the calendar's working_hours is what we want back.
  const nlohmann::json document = {
      {"now", "2026-01-01T00:00:00Z"},
      {"query", {{"participants", {{{"members", {{{"sub", "p"}}}}, {"required", "all"}}}},
                 {"required_duration", {{"minutes", 15}}},
                 {"query_periods", {{{"start", "2026-01-01T00:00:00Z"}, {"end", "2026-01-02T00:00:00Z"}}}}}},
      {"calendars", {{"p", {{"working_hours", hours}}}}}};
  InMemoryZoneSource zones;  // UTC only: the schedule's zone does not change its meaning
  Result<Problem> problem = ParseAvailabilityDocument(document, zones);
  if (!problem) {
    std::string field = problem.error().field;
    const std::string prefix = "calendars[\"p\"].working_hours";
    if (field.rfind(prefix, 0) == 0) field = path + field.substr(prefix.size());
    std::string message = problem.error().message;
    if (std::size_t at = message.find(prefix); at != std::string::npos) message.replace(at, prefix.size(), path);
    return Error{codes::kInvalidRequest, message, field.empty() ? path : field};
  }
  return problem->calendars.front().working_hours;
}

bool IsWorkingDay(const WorkingHours& hours, Weekday weekday) {
  return hours.around_the_clock || !hours.windows[static_cast<std::size_t>(weekday)].empty();
}

std::int32_t MiddayOf(const WorkingHours& hours, Weekday weekday) {
  const auto& windows = hours.windows[static_cast<std::size_t>(weekday)];
  if (hours.around_the_clock || windows.empty()) return 12 * 3600;
  const std::int32_t middle = (windows.front().start + windows.back().end) / 2;
  return middle - middle % 60;
}

}  // namespace slotwise::hr
