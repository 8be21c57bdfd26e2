// sync_cursor_store.h — where each watched calendar's incremental sync left off: the provider's opaque cursor
// (Google nextSyncToken, Graph @odata.deltaLink; providers/calendar_adapter.h CalendarChanges), one per (tenant,
// provider, calendar). The storage interface; sqlite_sync_cursor_store.h implements it.
//
// Contract: calendar ids compare case-insensitively (e-mail addresses). Put replaces the cursor of its key. A cursor
// is not a secret on its own (it reads nothing without the calendar's access token) and is stored as given.
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "slotwise/result.h"

namespace slotwise {

struct SyncCursor {
  std::string cursor;
  std::int64_t started_at = 0;  // when the full listing that began this chain of cursors ran
  std::int64_t updated_at = 0;  // when this cursor was stored
};

class SyncCursorStore {
 public:
  virtual ~SyncCursorStore() = default;
  // The cursor of the calendar; nullopt when none was stored (first contact) or it was removed.
  virtual Result<std::optional<SyncCursor>> GetCursor(const std::string& tenant_id, const std::string& provider,
                                                      const std::string& calendar_id) = 0;
  // Stores `cursor` (updated_at = now) with the time its chain began (`started_at`).
  virtual Result<bool> PutCursor(const std::string& tenant_id, const std::string& provider,
                                 const std::string& calendar_id, const std::string& cursor, std::int64_t started_at,
                                 std::int64_t now) = 0;
  // Forgets the cursor (the next sync is a full one); true when there was one.
  virtual Result<bool> RemoveCursor(const std::string& tenant_id, const std::string& provider,
                                    const std::string& calendar_id) = 0;
};

}  // namespace slotwise
