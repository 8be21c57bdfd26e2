// sqlite_audit_log_store.cpp — see sqlite_audit_log_store.h.
#include "store/sqlite_audit_log_store.h"

#include <mutex>

#include "store/sqlite_query.h"

namespace slotwise {

Result<AuditEntry> SqliteAuditLogStore::Append(const AuditEntry& entry) {
  std::lock_guard lock(database_.lock());
  Result<std::optional<std::int64_t>> id = First(Query<std::int64_t>(
      database_.handle(),
      "INSERT INTO audit_log (tenant_id, at, actor_kind, actor_id, action, object, status, request_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id;",
      {entry.tenant_id, entry.at, entry.actor_kind, entry.actor_id, entry.action, entry.object,
       static_cast<std::int64_t>(entry.status), entry.request_id},
      [](SqlRow& row) { return row.Int(); }));
  if (!id) return id.error();
  AuditEntry stored = entry;
  stored.id = id->value_or(0);
  return stored;
}

Result<std::vector<AuditEntry>> SqliteAuditLogStore::List(const std::string& tenant_id, std::int64_t after_id,
                                                            std::size_t limit) {
  std::lock_guard lock(database_.lock());
  return Query<AuditEntry>(
      database_.handle(),
      "SELECT id, tenant_id, at, actor_kind, actor_id, action, object, status, request_id FROM audit_log "
      "WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?;",
      {tenant_id, after_id, static_cast<std::int64_t>(limit)}, [](SqlRow& row) {
        AuditEntry entry;
        entry.id = row.Int();
        entry.tenant_id = row.Text();
        entry.at = row.Int();
        entry.actor_kind = row.Text();
        entry.actor_id = row.Text();
        entry.action = row.Text();
        entry.object = row.Text();
        entry.status = static_cast<int>(row.Int());
        entry.request_id = row.Text();
        return entry;
      });
}

}  // namespace slotwise
