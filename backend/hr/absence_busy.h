// absence_busy.h — absences as the engine sees them: out-of-office busy intervals (busy.h, status kOutOfOffice,
// wire name "oof"), so an interviewer on leave is never offered in a slot.
//
// Contract (pure; thread-safe; no throw except std::bad_alloc):
// - Only APPROVED absences count (requested, rejected and cancelled ones do not block).
// - Each covered half day becomes a local-time interval in the person's zone, converted per RFC 5545 like all-day
//   events (busy.h): morning = [local midnight, midday), afternoon = [midday, next local midnight), a full day both —
//   so a 23- or 25-hour DST day is covered exactly. midday = MiddayOf(hours, weekday) (work_schedule.h: the middle
//   of that day's working hours, 12:00 when it has none).
// - Adjacent pieces of one absence are merged; the result is clipped to `window` (half-open UTC), sorted by start,
//   one BusyEvent per merged run with summary "" and is_private = true (the absence type is HR data).
//
// The hook for the availability gatherer (the lead wires it): for each person of a query,
//   HrRuntime::OutOfOffice(tenant_id, person.email, *zone_of_person, working_hours_of_person, window)
// returns these events for the HR employee with that e-mail (none when there is no such employee); append them to
// the person's busy list before solving.
#pragma once

#include <vector>

#include "hr/hr_model.h"
#include "slotwise/busy.h"
#include "slotwise/time_zone.h"
#include "slotwise/working_hours.h"

namespace slotwise::hr {

std::vector<BusyEvent> AbsencesToBusy(const std::vector<Absence>& absences, const TimeZone& zone,
                                      const WorkingHours& hours, Interval window);

}  // namespace slotwise::hr
