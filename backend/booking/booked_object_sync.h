// booked_object_sync.h — keeps booked interviews true: re-reads what the outbox made at the providers (the interview
// store's booked objects) and records, per object, whether it is still as booked (booking/change_assessment.h).
//
// Contract:
// - Reads go through the ProviderGateway with the booking tenant's own access (the organiser's connection or the
//   tenant's organisation access; the host account's connection for meetings), never another tenant's.
// - What triggers a check: a change notification for a calendar (CalendarChanged), a Zoom webhook naming a meeting
//   (MeetingChanged), and the periodic safety net (CheckDue) that re-reads every object still to come at least every
//   `interval` seconds, catching notifications that never arrived.
// - Objects of a pending interview are skipped (the outbox is changing them; its journal re-tracks them), as are
//   objects already flagged deleted (final) and meetings whose service cannot be read one by one (GoTo).
// - A read that fails transiently leaves the object's flag as it was (counted as an error); "provider_not_found" means
//   the object is gone.
// - A newly flagged object gets a "changed_externally" history entry from the store, in the same transaction.
// - After an object is newly flagged, the flagged listener (if set) is called with it — the runtime applies the
//   tenant's external-change policy there (BookingService::ApplyExternalChangePolicy).
// - Thread-safe: stateless between calls apart from its counters; SetFlaggedListener is called once, before any check.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "booking/provider_gateway.h"
#include "store/directory_store.h"
#include "store/interview_store.h"

namespace slotwise {

struct SyncCounts {
  int checked = 0;  // objects re-read and compared
  int flagged = 0;  // of those, newly flagged
  int skipped = 0;  // pending interviews, final flags, unreadable services
  int errors = 0;   // reads or writes that failed (the object keeps its flag)
};

class BookedObjectSync {
 public:
  using Clock = std::function<std::int64_t()>;

  BookedObjectSync(DirectoryStore& directory, InterviewStore& interviews, ProviderGateway& gateway, Clock clock)
      : directory_(directory), interviews_(interviews), gateway_(gateway), clock_(std::move(clock)) {}

  // A calendar of a tenant changed (`provider` "google" | "microsoft", `calendar_id` the mailbox / calendar id).
  SyncCounts CalendarChanged(const std::string& tenant_id, const std::string& provider, const std::string& calendar_id);
  // A meeting changed (`provider` "zoom"): the webhook names only its id.
  SyncCounts MeetingChanged(const std::string& provider, const std::string& meeting_id);
  // The safety net: up to `limit` objects still to come that were last checked more than `interval` seconds ago.
  SyncCounts CheckDue(std::int64_t interval, int limit);

  SyncCounts Check(const std::vector<BookedObject>& objects);

  using FlaggedListener = std::function<void(const BookedObject& flagged)>;
  void SetFlaggedListener(FlaggedListener listener) { flagged_listener_ = std::move(listener); }

  // Totals since construction (for /metrics and tests).
  SyncCounts Totals() const;

 private:
  enum class Verdict { kChecked, kFlagged, kSkipped, kError };
  Verdict CheckOne(const BookedObject& object);

  DirectoryStore& directory_;
  InterviewStore& interviews_;
  ProviderGateway& gateway_;
  Clock clock_;
  FlaggedListener flagged_listener_;
  std::atomic<int> checked_{0}, flagged_{0}, skipped_{0}, errors_{0};
};

}  // namespace slotwise
