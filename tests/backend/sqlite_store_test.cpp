// Tests for backend/sqlite_store: a real SQLite file in a temporary folder.
#include <doctest/doctest.h>

#include <string>

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
