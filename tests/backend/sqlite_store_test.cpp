// Tests for backend/sqlite_store: a real SQLite file in a temporary folder.
#include <doctest/doctest.h>

#include <string>

#include <sqlite3.h>

#include "store/sqlite_query.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

using namespace slotwise;

TEST_CASE("SqliteStore: opening creates the file, runs migrations and uses WAL") {
  const testing::TempDir dir("slotwise-store");
  const std::string path = (dir.path() / "nested" / "slotwise.db").string();
  {
    auto store = SqliteStore::Open(path);
    REQUIRE(store.ok());
    CHECK(store.value()->SchemaVersion() >= 1);
    const Result<std::optional<std::string>> mode = First(Query<std::string>(
        store.value()->handle(), "PRAGMA journal_mode", {}, [](SqlRow& row) { return row.Text(); }));
    REQUIRE(mode.ok());
    CHECK(mode->value_or("") == "wal");
  }
  auto reopened = SqliteStore::Open(path);  // migrations are not applied twice
  REQUIRE(reopened.ok());
  CHECK(reopened.value()->SchemaVersion() >= 1);
}

TEST_CASE("SqliteStore: an unusable path is an error value, not a crash") {
  auto store = SqliteStore::Open("/proc/slotwise-cannot-write-here/x.db");
  CHECK_FALSE(store.ok());
  CHECK(store.error().code == "storage_error");
}

TEST_CASE("SqliteStore: migration 16 keeps every booked object and lets a sync record an attendee change") {
  const testing::TempDir dir("slotwise-store");
  const std::string path = (dir.path() / "slotwise.db").string();
  {
    // A database as version 15 left it: booked_objects with the old CHECK and no attendee_change, one row.
    auto store = SqliteStore::Open(path);
    REQUIRE(store.ok());
    sqlite3* db = store.value()->handle();
    REQUIRE(sqlite3_exec(db,
                "DROP TABLE booked_objects;"
                "CREATE TABLE booked_objects ("
                "  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,"
                "  object TEXT NOT NULL CHECK (object IN ('event', 'meeting')), tenant_id TEXT NOT NULL,"
                "  provider TEXT NOT NULL CHECK (provider IN ('google', 'microsoft', 'zoom', 'goto')),"
                "  calendar_id TEXT NOT NULL, provider_object_id TEXT NOT NULL,"
                "  expected_start INTEGER NOT NULL, expected_end INTEGER NOT NULL,"
                "  flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'moved_externally', 'deleted_externally', 'room_declined')),"
                "  detail TEXT NOT NULL DEFAULT '', flagged_at INTEGER NOT NULL DEFAULT 0, checked_at INTEGER NOT NULL DEFAULT 0,"
                "  observed_start INTEGER NOT NULL DEFAULT 0, observed_end INTEGER NOT NULL DEFAULT 0,"
                "  created_at INTEGER NOT NULL, PRIMARY KEY (interview_id, object));"
                "INSERT INTO interviews (id, tenant_id, status, spec, start_at, end_at, created_at, updated_at)"
                "  VALUES ('iv_1', 't', 'confirmed', '{}', 100, 200, 1, 1);"
                "INSERT INTO booked_objects (interview_id, object, tenant_id, provider, calendar_id, provider_object_id,"
                "  expected_start, expected_end, flag, detail, created_at)"
                "  VALUES ('iv_1', 'event', 't', 'google', 'lena@x', 'evt1', 100, 200, 'room_declined', 'declined', 1);"
                "ALTER TABLE api_keys DROP COLUMN last_used_at;"  // migration 19's column
                // migration 22's columns and table, 23's and 24's tables
                "ALTER TABLE rooms DROP COLUMN source; ALTER TABLE rooms DROP COLUMN retired_at;"
                "ALTER TABLE rooms DROP COLUMN features; ALTER TABLE rooms DROP COLUMN room_list;"
                "DROP TABLE directory_refreshes; DROP TABLE room_displays; DROP TABLE hr_absence_types;"
                "DELETE FROM schema_migrations WHERE version >= 16;",
                nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK_FALSE(Exec(db, "UPDATE booked_objects SET flag = 'attendees_changed';", {}).ok());  // the old CHECK
  }
  auto migrated = SqliteStore::Open(path);
  REQUIRE(migrated.ok());
  CHECK(migrated.value()->SchemaVersion() == SqliteStore::NewestSchemaVersion());
  sqlite3* db = migrated.value()->handle();
  const Result<std::optional<std::string>> row = First(Query<std::string>(
      db, "SELECT flag || '|' || detail || '|' || attendee_change FROM booked_objects WHERE interview_id = 'iv_1';", {},
      [](SqlRow& r) { return r.Text(); }));
  REQUIRE(row.ok());
  CHECK(row->value_or("") == "room_declined|declined|");
  CHECK(Exec(db, "UPDATE booked_objects SET flag = 'attendees_changed', attendee_change = '{\"removed\":[\"a@x\"]}';", {})
            .ok());
  CHECK(Exec(db, "DELETE FROM interviews WHERE id = 'iv_1';", {}).ok());  // the cascade still holds
  const Result<std::optional<std::int64_t>> left =
      First(Query<std::int64_t>(db, "SELECT COUNT(*) FROM booked_objects;", {}, [](SqlRow& r) { return r.Int(); }));
  REQUIRE(left.ok());
  CHECK(left->value_or(-1) == 0);
}
