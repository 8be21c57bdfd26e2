// temp_directory_store.h — test helper: a tenant directory (SqliteDirectoryStore) on a fresh SQLite file in a TempDir,
// with the token vault that seals its secrets.
//
// Contract: the database is "slotwise.db" in `dir` (migrated by SqliteStore::Open), the vault's keyring holds one
// fresh key "test-1". Members are public for the tests; they are destroyed store first, folder last. Failing to open
// fails the test. Not thread-safe beyond what the stores promise.
#pragma once

#include <memory>
#include <string>

#include <doctest/doctest.h>

#include "crypto/token_vault.h"
#include "store/sqlite_directory_store.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

namespace slotwise::testing {

struct TempDirectoryStore {
  TempDirectoryStore() : dir("slotwise-directory"), db_path(dir.File("slotwise.db")) {
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(db_path);
    REQUIRE_MESSAGE(opened.ok(), "cannot open " << db_path);
    database = std::move(opened).value();
    Result<crypto::Keyring> ring = crypto::Keyring::Parse(crypto::Keyring::NewKeySpec("test-1"));
    REQUIRE(ring.ok());
    vault = std::make_unique<crypto::TokenVault>(std::move(ring).value());
    store = std::make_unique<SqliteDirectoryStore>(*database, *vault);
  }

  TempDir dir;
  std::string db_path;
  std::unique_ptr<SqliteStore> database;
  std::unique_ptr<crypto::TokenVault> vault;
  std::unique_ptr<SqliteDirectoryStore> store;
};

}  // namespace slotwise::testing
