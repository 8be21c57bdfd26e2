// sqlite_sync_cursor_store.h — SyncCursorStore (sync_cursor_store.h) on the server's shared SQLite handle (table
// `sync_cursors`, migration 15 of sqlite_store.cpp). Each call is one statement; one mutex serialises them on the
// handle, as the other stores on it do. Thread-safe.
#pragma once

#include <mutex>

#include "store/sqlite_store.h"
#include "store/sync_cursor_store.h"

namespace slotwise {

class SqliteSyncCursorStore final : public SyncCursorStore {
 public:
  explicit SqliteSyncCursorStore(SqliteStore& database) : database_(database) {}

  Result<std::optional<SyncCursor>> GetCursor(const std::string& tenant_id, const std::string& provider,
                                              const std::string& calendar_id) override;
  Result<bool> PutCursor(const std::string& tenant_id, const std::string& provider, const std::string& calendar_id,
                         const std::string& cursor, std::int64_t started_at, std::int64_t now) override;
  Result<bool> RemoveCursor(const std::string& tenant_id, const std::string& provider,
                            const std::string& calendar_id) override;

 private:
  SqliteStore& database_;
  std::mutex mutex_;
};

}  // namespace slotwise
