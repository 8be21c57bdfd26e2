// sqlite_audit_log_store.h — AuditLogStore (audit_log_store.h) on the server's shared SQLite handle (table
// `audit_log`, migration 17 of sqlite_store.cpp, whose triggers make it append-only). Every statement runs under the
// handle's lock (SqliteStore::lock). Thread-safe.
#pragma once

#include "store/audit_log_store.h"
#include "store/sqlite_store.h"

namespace slotwise {

class SqliteAuditLogStore final : public AuditLogStore {
 public:
  explicit SqliteAuditLogStore(SqliteStore& database) : database_(database) {}

  Result<AuditEntry> Append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> List(const std::string& tenant_id, std::int64_t after_id,
                                       std::size_t limit) override;

 private:
  SqliteStore& database_;
};

}  // namespace slotwise
