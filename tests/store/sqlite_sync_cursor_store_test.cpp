// Tests for backend/store/sqlite_sync_cursor_store: incremental-sync cursors on a real SQLite file (migration 15).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "store/sqlite_store.h"
#include "store/sqlite_sync_cursor_store.h"
#include "support/temp_dir.h"

using namespace slotwise;

TEST_CASE("SqliteSyncCursorStore: one cursor per tenant, provider and calendar (any case), replaced and removed") {
  testing::TempDir dir("slotwise-cursors");
  Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(dir.File("slotwise.db"));
  REQUIRE(opened.ok());
  CHECK((*opened)->SchemaVersion() >= 15);
  SqliteSyncCursorStore cursors(**opened);

  Result<std::optional<SyncCursor>> none = cursors.GetCursor("acme", "google", "lena@acme.test");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  REQUIRE(cursors.PutCursor("acme", "google", "lena@acme.test", "sync-1", 100, 100));
  REQUIRE(cursors.PutCursor("acme", "microsoft", "lena@acme.test", "https://graph/delta?$deltatoken=d1", 50, 60));
  REQUIRE(cursors.PutCursor("globex", "google", "lena@acme.test", "other-tenant", 70, 70));
  REQUIRE(cursors.PutCursor("acme", "google", "Lena@ACME.test", "sync-2", 100, 200));  // the same calendar

  Result<std::optional<SyncCursor>> google = cursors.GetCursor("acme", "google", "LENA@acme.test");
  REQUIRE(google);
  REQUIRE(google->has_value());
  CHECK((*google)->cursor == "sync-2");
  CHECK((*google)->started_at == 100);
  CHECK((*google)->updated_at == 200);
  CHECK((*cursors.GetCursor("acme", "microsoft", "lena@acme.test"))->cursor == "https://graph/delta?$deltatoken=d1");
  CHECK((*cursors.GetCursor("globex", "google", "lena@acme.test"))->cursor == "other-tenant");

  Result<bool> removed = cursors.RemoveCursor("acme", "google", "lena@acme.test");
  REQUIRE(removed);
  CHECK(*removed);
  CHECK_FALSE(cursors.GetCursor("acme", "google", "lena@acme.test")->has_value());
  CHECK_FALSE(*cursors.RemoveCursor("acme", "google", "lena@acme.test"));
  CHECK(cursors.GetCursor("globex", "google", "lena@acme.test")->has_value());
  // Only the two calendar systems with incremental sync have cursors.
  CHECK_FALSE(cursors.PutCursor("acme", "zoom", "host-1", "x", 1, 1));
}
