// absence_days.cpp — see absence_days.h.
#include "hr/absence_days.h"

#include <algorithm>
#include <cstdio>

#include "hr/hr_text.h"
#include "hr/work_schedule.h"
#include "slotwise/error_codes.h"

namespace slotwise::hr {

std::string FormatIsoDay(const CivilDate& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

std::string FormatIsoDay(std::int64_t day_number) { return FormatIsoDay(CivilFromDays(day_number)); }

std::optional<std::int64_t> DayNumber(std::string_view iso_day) {
  std::optional<CivilDate> date = ParseIsoDate(iso_day);
  if (!date) return std::nullopt;
  return DaysFromCivil(*date);
}

Result<bool> ValidateAbsenceShape(const Absence& a, const std::string& path, const std::vector<AbsenceType>* types) {
  auto invalid = [&](const std::string& field, const std::string& message) -> Result<bool> {
    return Error{codes::kInvalidRequest, message, path + field};
  };
  if (types && !types->empty()) {
    std::string ids;
    bool known = false;
    for (const AbsenceType& type : *types) {
      known = known || type.id == a.type;
      ids += (ids.empty() ? "" : ", ") + type.id;
    }
    if (!known) return invalid(".type", "type must be one of the tenant's absence types: " + ids);
  } else if (!IsAbsenceType(a.type)) {
    return invalid(".type", "type must be one of " + AbsenceTypeList());
  }
  std::optional<std::int64_t> first = DayNumber(a.first_day);
  if (!first) return invalid(".first_day", "first_day must be a date YYYY-MM-DD");
  std::optional<std::int64_t> last = DayNumber(a.last_day);
  if (!last) return invalid(".last_day", "last_day must be a date YYYY-MM-DD");
  // Days of the supported range (slotwise/time.h): 1970-01-01 up to the day that ends at kLastSupportedInstant.
  const auto supported = [](std::int64_t day) { return day >= 0 && day < kLastSupportedInstant / kSecondsPerDay; };
  if (!supported(*first)) return invalid(".first_day", OutOfRangeMessage(path + ".first_day"));
  if (!supported(*last)) return invalid(".last_day", OutOfRangeMessage(path + ".last_day"));
  if (*last < *first) return invalid(".last_day", "last_day must not be before first_day");
  if (*last - *first > 366) return invalid(".last_day", "an absence may span at most 367 days");
  if (*first == *last) {
    if (a.first_day_part != a.last_day_part) {
      return invalid(".last_day_part", "a one-day absence has one part: first_day_part and last_day_part must match");
    }
  } else {
    if (a.first_day_part == DayPart::kMorning) {
      return invalid(".first_day_part",
                     "the first day of a longer absence is \"full\" or \"afternoon\" (absent from midday on)");
    }
    if (a.last_day_part == DayPart::kAfternoon) {
      return invalid(".last_day_part", "the last day of a longer absence is \"full\" or \"morning\" (back at midday)");
    }
  }
  if (!a.substitute_id.empty() && a.substitute_id == a.employee_id) {
    return invalid(".substitute_id", "an employee cannot be their own substitute");
  }
  return true;
}

std::int64_t FirstHalf(const Absence& a) {
  const std::int64_t day = DayNumber(a.first_day).value_or(0);
  return 2 * day + (a.first_day_part == DayPart::kAfternoon ? 1 : 0);
}

std::int64_t EndHalf(const Absence& a) {
  const std::int64_t day = DayNumber(a.last_day).value_or(0);
  return 2 * day + (a.last_day_part == DayPart::kMorning ? 1 : 2);
}

bool AbsencesOverlap(const Absence& a, const Absence& b) {
  return FirstHalf(a) < EndHalf(b) && FirstHalf(b) < EndHalf(a);
}

bool CoversDay(const Absence& a, std::int64_t day_number, DayPart* part) {
  const bool morning = FirstHalf(a) <= 2 * day_number && 2 * day_number < EndHalf(a);
  const bool afternoon = FirstHalf(a) <= 2 * day_number + 1 && 2 * day_number + 1 < EndHalf(a);
  if (part) *part = morning && afternoon ? DayPart::kFull : (morning ? DayPart::kMorning : DayPart::kAfternoon);
  return morning || afternoon;
}

std::int64_t WorkingHalfDays(const Absence& a, const WorkingHours& hours) {
  std::int64_t count = 0;
  for (std::int64_t half = FirstHalf(a); half < EndHalf(a); ++half) {
    if (IsWorkingDay(hours, WeekdayFromDays(FloorDiv(half, 2)))) ++count;
  }
  return count;
}

std::optional<ReturnDay> ReturnDayOf(const Absence& a, const WorkingHours& hours) {
  const std::int64_t end = EndHalf(a);
  if (end % 2 == 1 && IsWorkingDay(hours, WeekdayFromDays(end / 2))) return ReturnDay{end / 2, DayPart::kAfternoon};
  for (std::int64_t day = (end + 1) / 2; day <= (end + 1) / 2 + 366; ++day) {
    if (IsWorkingDay(hours, WeekdayFromDays(day))) return ReturnDay{day, DayPart::kMorning};
  }
  return std::nullopt;
}

}  // namespace slotwise::hr
