// event_log.cpp — see event_log.h.
#include "lifecycle/event_log.h"

#include "store/sqlite_query.h"

namespace slotwise::lifecycle {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, type, subject_id, payload, state, attempts, next_attempt_at, last_status, last_error, "
    "delivered_at, created_at, updated_at";

LifecycleEvent ReadEvent(SqlRow& row) {
  LifecycleEvent event;
  event.id = row.Int();
  event.tenant_id = row.Text();
  event.type = row.Text();
  event.subject_id = row.Text();
  event.payload = row.Text();
  event.state = row.Text();
  event.attempts = static_cast<int>(row.Int());
  event.next_attempt_at = row.Int();
  event.last_status = static_cast<int>(row.Int());
  event.last_error = row.Text();
  event.delivered_at = row.Int();
  event.created_at = row.Int();
  event.updated_at = row.Int();
  return event;
}

}  // namespace

Result<std::unique_ptr<EventLog>> EventLog::Open(const std::string& path) {
  Result<std::unique_ptr<SqliteStore>> database = SqliteStore::Open(path);
  if (!database) return database.error();
  return std::unique_ptr<EventLog>(new EventLog(std::move(database).value()));
}

Result<std::vector<LifecycleEvent>> EventLog::Due(std::int64_t now, int limit, int per_tenant) {
  std::lock_guard lock(mutex_);
  return Query<LifecycleEvent>(
      database_->handle(),
      std::string("SELECT ") + kColumns +
          " FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.tenant_id ORDER BY e.id) AS tenant_rank "
          "FROM lifecycle_events AS e WHERE e.state = 'pending' AND e.next_attempt_at <= ?1 AND NOT EXISTS ("
          "SELECT 1 FROM lifecycle_events AS earlier WHERE earlier.tenant_id = e.tenant_id AND "
          "earlier.subject_id = e.subject_id AND earlier.id < e.id AND earlier.state = 'pending')) "
          "WHERE tenant_rank <= ?3 ORDER BY id LIMIT ?2;",
      {now, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(per_tenant)}, ReadEvent);
}

Result<int> EventLog::Purge(std::int64_t before) {
  std::lock_guard lock(mutex_);
  return Exec(database_->handle(),
              "DELETE FROM lifecycle_events WHERE state IN ('delivered', 'dead', 'skipped') AND updated_at < ?1;",
              {before});
}

Result<DeliveryBacklog> EventLog::Backlog() {
  std::lock_guard lock(mutex_);
  Result<std::optional<DeliveryBacklog>> backlog = First(Query<DeliveryBacklog>(
      database_->handle(),
      "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM lifecycle_events WHERE state = 'pending';", {},
      [](SqlRow& row) {
        DeliveryBacklog counted;
        counted.pending = static_cast<int>(row.Int());
        counted.oldest_created_at = row.Int();
        return counted;
      }));
  if (!backlog) return backlog.error();
  return backlog->value_or(DeliveryBacklog{});
}

Result<bool> EventLog::Record(std::int64_t id, const AttemptRecord& record, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<int> changed = Exec(database_->handle(),
                             "UPDATE lifecycle_events SET state = ?2, attempts = ?3, next_attempt_at = ?4, "
                             "last_status = ?5, last_error = ?6, updated_at = ?7, "
                             "delivered_at = CASE WHEN ?2 = 'delivered' THEN ?7 ELSE delivered_at END WHERE id = ?1;",
                             {id, record.state, static_cast<std::int64_t>(record.attempts), record.next_attempt_at,
                              static_cast<std::int64_t>(record.status), record.error, now});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<std::vector<LifecycleEvent>> EventLog::List(const std::string& tenant_id, const LogQuery& query) {
  std::lock_guard lock(mutex_);
  return Query<LifecycleEvent>(
      database_->handle(),
      std::string("SELECT ") + kColumns +
          " FROM lifecycle_events WHERE tenant_id = ?1 AND (?2 = '' OR state = ?2) AND (?3 = '' OR subject_id = ?3) "
          "AND (?4 = 0 OR id < ?4) ORDER BY id DESC LIMIT ?5;",
      {tenant_id, query.state, query.subject_id, query.before_id, static_cast<std::int64_t>(query.limit)}, ReadEvent);
}

Result<std::optional<LifecycleEvent>> EventLog::Get(const std::string& tenant_id, std::int64_t id) {
  std::lock_guard lock(mutex_);
  return First(Query<LifecycleEvent>(database_->handle(),
                                     std::string("SELECT ") + kColumns +
                                         " FROM lifecycle_events WHERE tenant_id = ?1 AND id = ?2;",
                                     {tenant_id, id}, ReadEvent));
}

Result<std::optional<LifecycleEvent>> EventLog::Redeliver(const std::string& tenant_id, std::int64_t id,
                                                         std::int64_t now) {
  std::lock_guard lock(mutex_);
  return First(Query<LifecycleEvent>(database_->handle(),
                                     std::string("UPDATE lifecycle_events SET state = 'pending', attempts = 0, "
                                                 "next_attempt_at = ?3, last_error = '', updated_at = ?3 "
                                                 "WHERE tenant_id = ?1 AND id = ?2 RETURNING ") +
                                         kColumns + ";",
                                     {tenant_id, id, now}, ReadEvent));
}

}  // namespace slotwise::lifecycle
