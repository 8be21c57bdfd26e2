// Tests for backend/sqlite_store: a real SQLite file in a temporary folder.
#include <doctest/doctest.h>

#include <filesystem>

#include "store/sqlite_store.h"

using namespace slotwise;

TEST_CASE("SqliteStore: opening creates the file, runs migrations and uses WAL") {
  const auto dir = std::filesystem::temp_directory_path() / ("slotwise-store-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "nested" / "slotwise.db").string();
  {
    auto store = SqliteStore::Open(path);
    REQUIRE(store.ok());
    CHECK(store.value()->SchemaVersion() >= 1);
    CHECK(store.value()->JournalMode() == "wal");
  }
  auto reopened = SqliteStore::Open(path);  // migrations are not applied twice
  REQUIRE(reopened.ok());
  CHECK(reopened.value()->SchemaVersion() >= 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("SqliteStore: an unusable path is an error value, not a crash") {
  auto store = SqliteStore::Open("/proc/slotwise-cannot-write-here/x.db");
  CHECK_FALSE(store.ok());
  CHECK(store.error().code == "storage_error");
}
