// calendar_delta_sync.cpp — see calendar_delta_sync.h.
#include "booking/calendar_delta_sync.h"

#include <set>

namespace slotwise {

DeltaCounts CalendarDeltaSync::RunOnce() {
  DeltaCounts round;
  Result<std::vector<BookedCalendar>> calendars = interviews_.BookedCalendars(clock_());
  if (!calendars) {
    round.errors = 1;
    Add(round);
    return round;
  }
  for (const BookedCalendar& calendar : *calendars) {
    const DeltaCounts one = SyncCalendar(calendar);
    round.calendars += one.calendars;
    round.provider_calls += one.provider_calls;
    round.full_syncs += one.full_syncs;
    round.expired += one.expired;
    round.changes += one.changes;
    round.rechecked += one.rechecked;
    round.flagged += one.flagged;
    round.errors += one.errors;
  }
  return round;
}

DeltaCounts CalendarDeltaSync::SyncCalendar(const BookedCalendar& calendar) {
  DeltaCounts counts;
  counts.errors = 1;  // until the cursor is stored
  const std::int64_t now = clock_();
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(calendar.tenant_id);
  Result<std::optional<SyncCursor>> stored =
      cursors_.GetCursor(calendar.tenant_id, calendar.provider, calendar.calendar_id);
  if (!tenant || !tenant->has_value() || !stored) {
    Add(counts);
    return counts;
  }
  std::string cursor;
  std::int64_t started_at = now;
  if (stored->has_value() && (*stored)->started_at >= now - options_.restart_after) {
    cursor = (*stored)->cursor;
    started_at = (*stored)->started_at;
  }
  const Interval window{now - options_.window_past, now + options_.window_future};
  ++counts.provider_calls;
  Result<providers::CalendarChanges> changes = gateway_.ChangesOn(**tenant, calendar.calendar_id, cursor, window);
  if (changes && changes->expired) {
    ++counts.expired;
    started_at = now;
    ++counts.provider_calls;
    changes = gateway_.ChangesOn(**tenant, calendar.calendar_id, "", window);
  }
  if (!changes || changes->expired) {
    Add(counts);
    return counts;
  }
  Result<std::vector<BookedObject>> objects =
      interviews_.BookedObjectsOn(calendar.tenant_id, calendar.provider, calendar.calendar_id);
  if (!objects) {
    Add(counts);
    return counts;
  }
  std::set<std::string> changed;
  if (!changes->full) {
    for (const providers::EventChange& change : changes->changes) changed.insert(change.id);
    counts.changes = static_cast<int>(changes->changes.size());
  }
  std::vector<BookedObject> recheck;
  for (const BookedObject& object : *objects) {
    if (object.object != "event") continue;
    if (changes->full || changed.count(object.provider_object_id)) recheck.push_back(object);
  }
  const SyncCounts checked = booked_.Check(recheck);
  counts.rechecked = static_cast<int>(recheck.size());
  counts.flagged = checked.flagged;
  if (checked.errors == 0 &&
      cursors_.PutCursor(calendar.tenant_id, calendar.provider, calendar.calendar_id, changes->cursor, started_at, now)) {
    counts.errors = 0;
    counts.calendars = 1;
    counts.full_syncs = changes->full ? 1 : 0;
  }
  Add(counts);
  return counts;
}

void CalendarDeltaSync::Add(const DeltaCounts& counts) {
  calendars_.fetch_add(counts.calendars);
  provider_calls_.fetch_add(counts.provider_calls);
  full_syncs_.fetch_add(counts.full_syncs);
  expired_.fetch_add(counts.expired);
  changes_.fetch_add(counts.changes);
  rechecked_.fetch_add(counts.rechecked);
  flagged_.fetch_add(counts.flagged);
  errors_.fetch_add(counts.errors);
}

DeltaCounts CalendarDeltaSync::Totals() const {
  return DeltaCounts{calendars_.load(), provider_calls_.load(), full_syncs_.load(), expired_.load(),
                     changes_.load(),   rechecked_.load(),      flagged_.load(),    errors_.load()};
}

}  // namespace slotwise
