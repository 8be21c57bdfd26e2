// sqlite_sync_cursor_store.cpp — see sqlite_sync_cursor_store.h.
#include "store/sqlite_sync_cursor_store.h"

#include "store/sqlite_query.h"

namespace slotwise {

Result<std::optional<SyncCursor>> SqliteSyncCursorStore::GetCursor(const std::string& tenant_id,
                                                                   const std::string& provider,
                                                                   const std::string& calendar_id) {
  std::lock_guard lock(mutex_);
  return First(Query<SyncCursor>(
      database_.handle(),
      "SELECT cursor, started_at, updated_at FROM sync_cursors WHERE tenant_id = ? AND provider = ? AND "
      "calendar_id = ?;",
      {tenant_id, provider, calendar_id}, [](SqlRow& row) { return SyncCursor{row.Text(), row.Int(), row.Int()}; }));
}

Result<bool> SqliteSyncCursorStore::PutCursor(const std::string& tenant_id, const std::string& provider,
                                              const std::string& calendar_id, const std::string& cursor,
                                              std::int64_t started_at, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<int> done = Exec(database_.handle(),
                          "INSERT INTO sync_cursors (tenant_id, provider, calendar_id, cursor, started_at, updated_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (tenant_id, provider, calendar_id) "
                          "DO UPDATE SET cursor = ?4, started_at = ?5, updated_at = ?6;",
                          {tenant_id, provider, calendar_id, cursor, started_at, now});
  if (!done) return done.error();
  return true;
}

Result<bool> SqliteSyncCursorStore::RemoveCursor(const std::string& tenant_id, const std::string& provider,
                                                 const std::string& calendar_id) {
  std::lock_guard lock(mutex_);
  return Exists(database_.handle(),
                "DELETE FROM sync_cursors WHERE tenant_id = ? AND provider = ? AND calendar_id = ? RETURNING 1;",
                {tenant_id, provider, calendar_id});
}

}  // namespace slotwise
