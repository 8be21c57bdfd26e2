// tenant_data_deletion.cpp — see tenant_data_deletion.h.
#include "store/tenant_data_deletion.h"

#include <sqlite3.h>

#include <mutex>
#include <vector>

#include "slotwise/error_codes.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

// Tables whose rows belong to a tenant through a parent row: the statement deleting the tenant's rows, child first.
struct ChildTable {
  const char* table;
  const char* delete_sql;
};
constexpr ChildTable kChildTables[] = {
    {"interview_history",
     "DELETE FROM interview_history WHERE interview_id IN (SELECT id FROM interviews WHERE tenant_id = ?);"},
    // The journal of every job the tenant queued: its interviews', and its proposals' holds (run under "prp_…").
    {"outbox_steps",
     "DELETE FROM outbox_steps WHERE interview_id IN (SELECT id FROM interviews WHERE tenant_id = ?1 "
     "UNION SELECT interview_id FROM outbox WHERE tenant_id = ?1);"},
    {"change_subscriptions",
     "DELETE FROM change_subscriptions WHERE connection_id IN (SELECT id FROM connections WHERE tenant_id = ?);"},
    {"connection_checks",
     "DELETE FROM connection_checks WHERE connection_id IN (SELECT id FROM connections WHERE tenant_id = ?);"},
    {"hr_daily_posts",
     "DELETE FROM hr_daily_posts WHERE mapping_id IN (SELECT id FROM hr_channel_mappings WHERE tenant_id = ?);"},
};

constexpr const char* kAuditLogTable = "audit_log";

// Every table with a tenant_id column: those referencing another table than tenants first (so a cascade does not
// remove rows before they are counted), then the rest, by name.
Result<std::vector<std::string>> TenantTables(sqlite3* db) {
  return Query<std::string>(db,
                            "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
                            "WHERE m.type = 'table' AND c.name = 'tenant_id' "
                            "ORDER BY (SELECT COUNT(*) FROM pragma_foreign_key_list(m.name) f WHERE f.\"table\" != 'tenants') DESC, "
                            "m.name;",
                            {}, [](SqlRow& row) { return row.Text(); });
}

}  // namespace

Result<TenantDataDeletion> DeleteTenantData(SqliteStore& database, const std::string& tenant_id) {
  std::lock_guard lock(database.lock());
  sqlite3* db = database.handle();
  TenantDataDeletion deletion;
  {
    WriteTransaction transaction(db);
    if (Result<bool> began = transaction.Began(); !began) return began.error();
    Result<bool> exists = Exists(db, "SELECT 1 FROM tenants WHERE id = ?;", {tenant_id});
    if (!exists) return exists.error();
    if (!*exists) return Error{codes::kNotFound, "no tenant " + tenant_id, ""};
    Result<bool> running =
        Exists(db, "SELECT 1 FROM outbox WHERE tenant_id = ? AND state = 'running' LIMIT 1;", {tenant_id});
    if (!running) return running.error();
    if (*running) {
      return Error{codes::kStorageConflict,
                   "an outbox job of this tenant is calling a provider right now; retry in a minute", ""};
    }
    for (const ChildTable& child : kChildTables) {
      Result<int> rows = Exec(db, child.delete_sql, {tenant_id});
      if (!rows) return rows.error();
      if (*rows > 0) deletion.rows_by_table[child.table] = *rows;
    }
    Result<std::vector<std::string>> tables = TenantTables(db);
    if (!tables) return tables.error();
    // Every table before the tenant row (so the counts are the rows really held: none is left to cascade), the audit
    // log after it (its rows may go only once the tenant is gone: migration 17).
    auto delete_rows_of = [&](const std::string& table) -> Result<bool> {
      // `table` comes from the schema itself, never from a caller; quoted as an identifier all the same.
      Result<int> rows = Exec(db, "DELETE FROM \"" + table + "\" WHERE tenant_id = ?;", {tenant_id});
      if (!rows) return rows.error();
      if (*rows > 0) deletion.rows_by_table[table] = *rows;
      return true;
    };
    for (const std::string& table : *tables) {
      if (table == kAuditLogTable) continue;
      if (Result<bool> done = delete_rows_of(table); !done) return done.error();
    }
    Result<int> tenant_rows = Exec(db, "DELETE FROM tenants WHERE id = ?;", {tenant_id});
    if (!tenant_rows) return tenant_rows.error();
    deletion.rows_by_table["tenants"] = *tenant_rows;
    if (Result<bool> done = delete_rows_of(kAuditLogTable); !done) return done.error();
    if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  }
  // Best effort: a reader holding an old snapshot keeps the WAL from being truncated now; the next checkpoint does it.
  sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  return deletion;
}

}  // namespace slotwise
