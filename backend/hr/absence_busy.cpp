// absence_busy.cpp — see absence_busy.h.
#include "hr/absence_busy.h"

#include <algorithm>

#include "hr/absence_days.h"
#include "hr/work_schedule.h"

namespace slotwise::hr {

namespace {

// The UTC instant where half `half` (2·day or 2·day + 1) of the local calendar starts.
Instant HalfStart(std::int64_t half, const TimeZone& zone, const WorkingHours& hours) {
  const std::int64_t day = FloorDiv(half, 2);
  const std::int32_t second = half % 2 == 0 ? 0 : MiddayOf(hours, WeekdayFromDays(day));
  return zone.FromLocal(LocalDateTime{CivilFromDays(day), second});
}

}  // namespace

std::vector<BusyEvent> AbsencesToBusy(const std::vector<Absence>& absences, const TimeZone& zone,
                                      const WorkingHours& hours, Interval window) {
  std::vector<BusyEvent> events;
  for (const Absence& absence : absences) {
    if (absence.status != AbsenceStatus::kApproved) continue;
    const Instant start = std::max(HalfStart(FirstHalf(absence), zone, hours), window.start);
    const Instant end = std::min(HalfStart(EndHalf(absence), zone, hours), window.end);
    if (start >= end) continue;
    BusyEvent event;
    event.interval = Interval{start, end};
    event.status = BusyStatus::kOutOfOffice;
    event.is_private = true;
    events.push_back(event);
  }
  std::sort(events.begin(), events.end(), [](const BusyEvent& a, const BusyEvent& b) {
    return a.interval.start != b.interval.start ? a.interval.start < b.interval.start : a.interval.end < b.interval.end;
  });
  return events;
}

}  // namespace slotwise::hr
