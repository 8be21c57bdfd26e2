// absence_days.h — absences as runs of half days: validation of their shape, overlap, duration in working days and
// the day someone is back. Pure functions; thread-safe; no throw except std::bad_alloc.
//
// The half-day model: every calendar day d has two halves, morning (index 2·d) and afternoon (2·d + 1), d being the
// day number of time.h. An absence covers the half-open run [FirstHalf, EndHalf):
//   first day: full → its morning; afternoon → its afternoon (absent from midday on)
//   last day:  full → up to and including its afternoon; morning → up to its midday (back in the afternoon)
//   a one-day absence may be full, morning or afternoon (first and last part must then be equal).
// Two absences overlap when their runs intersect: a morning and an afternoon of the same day do not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hr/hr_model.h"
#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/working_hours.h"

namespace slotwise::hr {

// "YYYY-MM-DD" of a civil date / day number.
std::string FormatIsoDay(const CivilDate& date);
std::string FormatIsoDay(std::int64_t day_number);
// The day number of an ISO date; nullopt when malformed.
std::optional<std::int64_t> DayNumber(std::string_view iso_day);

// Checks dates, parts, order and type of an absence; "invalid_request" with `path` + ".first_day" etc. Days outside
// the supported range 1970-01-01 .. 2200-12-31 (slotwise/time.h) are refused naming the range.
// `types`: the tenant's own absence types (hr_store.h ListAbsenceTypes); null or empty = the built-in set.
Result<bool> ValidateAbsenceShape(const Absence& absence, const std::string& path,
                                  const std::vector<AbsenceType>* types = nullptr);

// The half-day run of a valid absence (see above). Behaviour is unspecified for an invalid one.
std::int64_t FirstHalf(const Absence& absence);
std::int64_t EndHalf(const Absence& absence);  // exclusive
bool AbsencesOverlap(const Absence& a, const Absence& b);
// True when the absence covers any half of `day_number`; `part` tells which: kFull (both halves), kMorning, kAfternoon.
bool CoversDay(const Absence& absence, std::int64_t day_number, DayPart* part = nullptr);

// Half days of work the absence takes: each covered half of a working day counts 1 (so 2·working days).
std::int64_t WorkingHalfDays(const Absence& absence, const WorkingHours& hours);

// When the person is back: the first working half after the absence — the afternoon of the last day when the last
// day is a morning-only absence on a working day, otherwise the next working day (searched up to 366 days ahead;
// nullopt when there is none). `part` is kMorning when back for the whole day, kAfternoon when back at midday.
struct ReturnDay {
  std::int64_t day_number = 0;
  DayPart part = DayPart::kMorning;
};
std::optional<ReturnDay> ReturnDayOf(const Absence& absence, const WorkingHours& hours);

}  // namespace slotwise::hr
