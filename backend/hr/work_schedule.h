// work_schedule.h — a person's working week as the HR features read it: which days are working days and where the
// working day splits into morning and afternoon. Pure functions over the engine's WorkingHours (working_hours.h).
//
// Contract:
// - ParseWorkingHoursText reads docs/ENGINE.md's working_hours object with the
// engine's own parser (so HR and the solver can
//   never disagree about what a schedule means). "" gives DefaultWorkingHours(). Errors: "invalid_request" with
//   `field` set to "<path>.<weekday>…" as the engine reports it.
// - A working day is a weekday with at least one window (every day when around_the_clock).
// - MiddayOf(hours, weekday): the split between morning and afternoon, in seconds after local midnight: the middle
//   of [start of the day's first window, end of its last window) rounded down to a whole minute; 12:00 when the day
//   has no windows or the hours are around the clock. Monday–Friday 09:00–17:00 splits at 13:00.
// Thread-safe, no throw except std::bad_alloc.
#pragma once

#include <cstdint>
#include <string>

#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/working_hours.h"

namespace slotwise::hr {

WorkingHours DefaultWorkingHours();  // Monday–Friday 09:00–17:00
Result<WorkingHours> ParseWorkingHoursText(const std::string& text, const std::string& path);
bool IsWorkingDay(const WorkingHours& hours, Weekday weekday);
std::int32_t MiddayOf(const WorkingHours& hours, Weekday weekday);

}  // namespace slotwise::hr
