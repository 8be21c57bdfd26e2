// calendar_delta_sync.h — the safety net for change notifications that never arrived: per calendar holding booked
// events still to come, one incremental-sync call (Google syncToken, Graph calendarView delta; ProviderGateway::
// ChangesOn) that answers only what changed since the last call, and a re-check (BookedObjectSync::Check) of just the
// booked events among the changes — instead of one read per booked object.
//
// Contract:
// - The calendars come from InterviewStore::BookedCalendars; each is read with its booking tenant's own access (the
//   gateway's organiser connection or the tenant's organisation access), never another tenant's.
// - First contact with a calendar (no stored cursor) is a full listing that only establishes the cursor, and its
//   booked events are checked once. A cursor the provider no longer accepts (`expired`) is dropped: a full listing
//   follows at once and the calendar's booked events are checked once. So is a cursor whose chain began more than
//   `restart_after` seconds ago (the listing window was fixed then; a new chain moves it forward).
// - Changed or deleted ids that are booked events of that calendar (provider_object_id) are re-checked; ids of other
//   events are ignored. The comparison is BookedObjectSync's (change_assessment), not repeated here.
// - The new cursor is stored only when every re-check succeeded: a failed read or write leaves the old cursor, so the
//   next round sees the same changes again. A failing calendar does not stop the round (counted in `errors`).
// - Called from one thread at a time (the change-notification worker's periodic tick); Totals() is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "booking/booked_object_sync.h"
#include "booking/provider_gateway.h"
#include "store/directory_store.h"
#include "store/interview_store.h"
#include "store/sync_cursor_store.h"

namespace slotwise {

struct DeltaOptions {
  std::int64_t window_past = 24 * 3600;         // a full listing covers [now - window_past, now + window_future)
  std::int64_t window_future = 400 * 24 * 3600;
  std::int64_t restart_after = 30 * 24 * 3600;  // a cursor chain older than this starts over with a full listing
};

struct DeltaCounts {
  int calendars = 0;       // calendars whose changes were handled (cursor stored)
  int provider_calls = 0;  // ChangesOn calls (each follows its own pages)
  int full_syncs = 0;      // of the handled calendars, listed in full: first contact, expired or restarted cursor
  int expired = 0;         // cursors the provider no longer accepted
  int changes = 0;         // changed or deleted events the providers reported on incremental calls
  int rechecked = 0;       // booked objects handed to BookedObjectSync::Check
  int flagged = 0;         // of those, newly flagged
  int errors = 0;          // calendars left for the next round (provider call, store or re-check failed)
};

class CalendarDeltaSync {
 public:
  using Clock = std::function<std::int64_t()>;

  CalendarDeltaSync(DirectoryStore& directory, InterviewStore& interviews, SyncCursorStore& cursors,
                    ProviderGateway& gateway, BookedObjectSync& booked, Clock clock, DeltaOptions options = {})
      : directory_(directory), interviews_(interviews), cursors_(cursors), gateway_(gateway), booked_(booked),
        clock_(std::move(clock)), options_(options) {}

  // One round: every calendar with booked events still to come.
  DeltaCounts RunOnce();
  // One calendar of the round.
  DeltaCounts SyncCalendar(const BookedCalendar& calendar);

  // Totals since construction (for /metrics and tests).
  DeltaCounts Totals() const;

 private:
  void Add(const DeltaCounts& counts);

  DirectoryStore& directory_;
  InterviewStore& interviews_;
  SyncCursorStore& cursors_;
  ProviderGateway& gateway_;
  BookedObjectSync& booked_;
  Clock clock_;
  DeltaOptions options_;
  std::atomic<int> calendars_{0}, provider_calls_{0}, full_syncs_{0}, expired_{0}, changes_{0}, rechecked_{0},
      flagged_{0}, errors_{0};
};

}  // namespace slotwise
