// outbox_rows.cpp — see outbox_rows.h.
#include "store/outbox_rows.h"

#include "store/sqlite_query.h"

namespace slotwise {

Result<bool> InsertOutboxJob(sqlite3* db, const std::string& tenant_id, const std::string& subject_id, OutboxKind kind,
                             std::int64_t now, const std::string& payload_json) {
  Result<int> inserted = Exec(db,
                              "INSERT INTO outbox (tenant_id, interview_id, kind, state, next_attempt_at, payload, "
                              "created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?);",
                              {tenant_id, subject_id, std::string(OutboxKindName(kind)), now, payload_json, now, now});
  if (!inserted) return inserted.error();
  return true;
}

}  // namespace slotwise
