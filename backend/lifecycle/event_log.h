// event_log.h — the lifecycle events of every tenant as the dispatcher and the delivery-log routes see them: which
// are due (in order per subject), the outcome of each attempt, a tenant's log, and redelivery. Table
// `lifecycle_events` (migration 14); writers record events with store/lifecycle_events.h, never through this class.
//
// Contract:
// - Opens its OWN connection to the database file, so its statements never interleave with another store's
//   transaction on the server's shared handle. Thread-safe (one mutex around that connection).
// - Due(now): pending events with next_attempt_at <= now whose subject has no EARLIER pending event (an event is never
//   sent while an earlier event of the same interview, proposal or connection is undelivered — whether or not that
//   one is due yet), oldest first. Delivered, dead and skipped events do not hold later ones back.
// - Every read and write of the routes is scoped by tenant: another tenant's event id is "not there" (nullopt).
// - Redeliver puts an event of any state back to pending, due now, with its attempts reset; the payload and the
//   webhook-id stay the same.
// - Errors: storage_error.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise::lifecycle {

struct LifecycleEvent {
  std::int64_t id = 0;        // webhook-id "evt_<id>" (store/lifecycle_events.h)
  std::string tenant_id;
  std::string type;           // lifecycle_events::k*
  std::string subject_id;     // interview, proposal or connection id
  std::string payload;        // the exact body every attempt sends
  std::string state;          // "pending" | "delivered" | "dead" | "skipped"
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  int last_status = 0;        // the receiver's last HTTP status; 0 = none (not reached, or not tried)
  std::string last_error;     // what the tenant may read: no address, port or secret
  std::int64_t delivered_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// One attempt's outcome, as the dispatcher records it.
struct AttemptRecord {
  std::string state;          // "delivered" | "pending" (retry at next_attempt_at) | "dead" | "skipped"
  int attempts = 0;           // including this attempt (a skip does not count)
  std::int64_t next_attempt_at = 0;
  int status = 0;
  std::string error;
};

struct LogQuery {
  std::string state;          // "" = every state
  std::string subject_id;     // "" = every subject
  std::int64_t before_id = 0; // 0 = from the newest; else only ids below (paging)
  int limit = 50;
};

// Events not yet delivered (pending, whether due or waiting for a retry) and when the oldest of them was recorded
// (0 = none): now minus that is the delivery lag GET /metrics reports.
struct DeliveryBacklog {
  int pending = 0;
  std::int64_t oldest_created_at = 0;
};

class EventLog {
 public:
  static Result<std::unique_ptr<EventLog>> Open(const std::string& path);

  // At most `limit` events, and at most `per_tenant` of any one tenant (so a tenant with a long backlog cannot fill
  // every batch and starve the others).
  Result<std::vector<LifecycleEvent>> Due(std::int64_t now, int limit, int per_tenant);
  Result<bool> Record(std::int64_t id, const AttemptRecord& record, std::int64_t now);

  // Newest first.
  Result<std::vector<LifecycleEvent>> List(const std::string& tenant_id, const LogQuery& query);
  Result<std::optional<LifecycleEvent>> Get(const std::string& tenant_id, std::int64_t id);
  Result<std::optional<LifecycleEvent>> Redeliver(const std::string& tenant_id, std::int64_t id, std::int64_t now);
  // Forgets finished events (delivered, dead, skipped) last touched before `before`; answers how many. Pending ones
  // stay whatever their age.
  Result<int> Purge(std::int64_t before);
  Result<DeliveryBacklog> Backlog();

 private:
  explicit EventLog(std::unique_ptr<SqliteStore> database) : database_(std::move(database)) {}

  std::unique_ptr<SqliteStore> database_;
  std::mutex mutex_;
};

}  // namespace slotwise::lifecycle
