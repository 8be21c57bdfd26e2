// Tests for backend/store/database_backup.h and database_restore.h: an online backup while another connection
// commits, and the restore's refusals (existing target, damaged or foreign file, newer schema, a database in use), on
// real SQLite files in a temporary folder.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "slotwise/error_codes.h"
#include "store/database_backup.h"
#include "store/database_restore.h"
#include "store/sqlite_query.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

using namespace slotwise;
using slotwise::testing::ReadFile;
using slotwise::testing::TempDir;
using slotwise::testing::WriteFile;

namespace {

namespace fs = std::filesystem;

// Runs one or more statements (sqlite3_exec); true on success.
bool Run(sqlite3* db, const std::string& sql) {
  return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::unique_ptr<SqliteStore> OpenStore(const std::string& path) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store).value();
}

// Two accounts whose sum is always 1000: every writer transaction moves an amount between them.
void SeedAccounts(SqliteStore& store) {
  REQUIRE(Run(store.handle(), "CREATE TABLE accounts (name TEXT PRIMARY KEY, amount INTEGER NOT NULL)"));
  REQUIRE(Run(store.handle(), "INSERT INTO accounts VALUES ('a', 1000), ('b', 0)"));
}

std::int64_t QueryInt(SqliteStore& store, const std::string& sql) {
  Result<std::optional<std::int64_t>> value =
      First(Query<std::int64_t>(store.handle(), sql, {}, [](SqlRow& row) { return row.Int(); }));
  REQUIRE_MESSAGE(value.ok(), (value.ok() ? "" : value.error().message));
  return value->value_or(-1);
}

std::string QueryText(SqliteStore& store, const std::string& sql) {
  Result<std::optional<std::string>> value =
      First(Query<std::string>(store.handle(), sql, {}, [](SqlRow& row) { return row.Text(); }));
  REQUIRE_MESSAGE(value.ok(), (value.ok() ? "" : value.error().message));
  return value->value_or("");
}

// A backup of a small Slotwise database at `dir`/name, made from a store at `dir`/source-name.
std::string MakeBackup(const TempDir& dir, const std::string& name) {
  const std::string source = dir.File("source-" + name);
  {
    std::unique_ptr<SqliteStore> store = OpenStore(source);
    SeedAccounts(*store);
  }
  const std::string backup = dir.File(name);
  Result<BackupReport> report = BackupDatabase(source, backup, false);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  return backup;
}

}  // namespace

TEST_CASE("Backup: a copy taken while another connection commits is one snapshot, checked, in rollback mode") {
  TempDir dir("slotwise-backup");
  const std::string database = dir.File("slotwise.db");
  std::unique_ptr<SqliteStore> server = OpenStore(database);
  SeedAccounts(*server);
  // Enough rows that the copy takes many backup steps.
  REQUIRE(Run(server->handle(),
              "CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
              "INSERT INTO filler SELECT i, printf('%.200c', 'x') FROM n"));

  std::atomic<bool> stop{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    std::unique_ptr<SqliteStore> own = OpenStore(database);  // its own connection, as a server's store has
    for (int i = 0; !stop.load(); ++i) {
      const std::string amount = std::to_string(i % 7 + 1);
      if (Run(own->handle(), "BEGIN IMMEDIATE; UPDATE accounts SET amount = amount - " + amount +
                                 " WHERE name = 'a';"
                                 "UPDATE accounts SET amount = amount + " +
                                 amount +
                                 " WHERE name = 'b';"
                                 "INSERT INTO filler (text) VALUES ('during'); COMMIT;")) {
        ++commits;
      } else {
        Run(own->handle(), "ROLLBACK;");
      }
    }
  });
  while (commits.load() < 20) std::this_thread::yield();
  const std::string target = dir.File("backups/copy.db");
  fs::create_directories(dir.path() / "backups");
  const int commits_before = commits.load();
  Result<BackupReport> report = BackupDatabase(database, target, false);
  const int commits_after = commits.load();
  stop = true;
  writer.join();
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  CHECK(report->schema_version == SqliteStore::NewestSchemaVersion());
  CHECK(report->bytes == fs::file_size(target));
  CHECK(report->pages > 1024);  // several steps, one snapshot
  MESSAGE("commits during the backup: " << commits_after - commits_before << " in " << report->took.count() << " ms");

  // Nothing beside the copy: no temporary file, no -wal; the copy is a file on its own.
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.path() / "backups")) {
    CHECK_MESSAGE(entry.path().filename() == "copy.db", entry.path().string());
  }
  std::unique_ptr<SqliteStore> copy = OpenStore(target);
  CHECK(QueryInt(*copy, "SELECT SUM(amount) FROM accounts") == 1000);
  CHECK(QueryInt(*copy, "SELECT COUNT(*) FROM filler") >= 20000);
  CHECK(QueryText(*copy, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("Backup: an existing target is refused unless overwrite; a missing database is not found") {
  TempDir dir("slotwise-backup");
  const std::string database = dir.File("slotwise.db");
  { OpenStore(database); }
  const std::string target = dir.Write("existing.db", "keep me");
  Result<BackupReport> refused = BackupDatabase(database, target, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == codes::kStorageConflict);
  CHECK(refused.error().field == "to");
  CHECK(ReadFile(target) == "keep me");

  Result<BackupReport> replaced = BackupDatabase(database, target, true);
  REQUIRE_MESSAGE(replaced.ok(), (replaced.ok() ? "" : replaced.error().message));
  CHECK(ReadFile(target).rfind("SQLite format 3", 0) == 0);

  Result<BackupReport> missing = BackupDatabase(dir.File("nowhere.db"), dir.File("other.db"), false);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == codes::kNotFound);
  CHECK_FALSE(fs::exists(dir.File("nowhere.db")));  // never created
  CHECK_FALSE(fs::exists(dir.File("other.db")));
}

TEST_CASE("Restore: a backup becomes the database, which a store opens with its data; an existing one needs force") {
  TempDir dir("slotwise-backup");
  const std::string backup = MakeBackup(dir, "backup.db");
  const std::string database = dir.File("restored/slotwise.db");
  Result<RestoreReport> restored = RestoreDatabase(backup, database, false);
  REQUIRE_MESSAGE(restored.ok(), (restored.ok() ? "" : restored.error().message));
  CHECK_FALSE(restored->replaced);
  CHECK(restored->schema_version == SqliteStore::NewestSchemaVersion());
  {
    std::unique_ptr<SqliteStore> store = OpenStore(database);
    CHECK(QueryInt(*store, "SELECT amount FROM accounts WHERE name = 'a'") == 1000);
    CHECK(QueryText(*store, "PRAGMA journal_mode") == "wal");
    REQUIRE(Run(store->handle(), "UPDATE accounts SET amount = 1 WHERE name = 'a'"));
  }
  Result<RestoreReport> refused = RestoreDatabase(backup, database, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == codes::kStorageConflict);
  CHECK(refused.error().field == "database");

  Result<RestoreReport> forced = RestoreDatabase(backup, database, true);
  REQUIRE_MESSAGE(forced.ok(), (forced.ok() ? "" : forced.error().message));
  CHECK(forced->replaced);
  std::unique_ptr<SqliteStore> store = OpenStore(database);
  CHECK(QueryInt(*store, "SELECT amount FROM accounts WHERE name = 'a'") == 1000);
  CHECK(ReadFile(backup).rfind("SQLite format 3", 0) == 0);  // the backup file itself is untouched
}

TEST_CASE("Restore: a database some connection has open is refused and left as it was") {
  TempDir dir("slotwise-backup");
  const std::string backup = MakeBackup(dir, "backup.db");
  const std::string database = dir.File("slotwise.db");
  {
    std::unique_ptr<SqliteStore> server = OpenStore(database);  // what a running server holds
    REQUIRE(Run(server->handle(), "CREATE TABLE live (x INTEGER); INSERT INTO live VALUES (7)"));
    Result<RestoreReport> busy = RestoreDatabase(backup, database, true);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().code == codes::kStorageConflict);
    CHECK(busy.error().message.find("in use") != std::string::npos);
    CHECK(QueryInt(*server, "SELECT x FROM live") == 7);
    REQUIRE(Run(server->handle(), "INSERT INTO live VALUES (8)"));  // still the server's, still writable
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.path())) {
    CHECK_MESSAGE(entry.path().string().find(".partial-") == std::string::npos, entry.path().string());
  }
  Result<RestoreReport> stopped = RestoreDatabase(backup, database, true);  // the server stopped: now it may
  REQUIRE_MESSAGE(stopped.ok(), (stopped.ok() ? "" : stopped.error().message));
}

TEST_CASE("Restore: a stray -wal beside the target is removed, not replayed into the restored database") {
  TempDir dir("slotwise-backup");
  const std::string backup = MakeBackup(dir, "backup.db");
  // A WAL full of another database's commits, as a crashed server leaves it.
  const std::string other = dir.File("other.db");
  std::unique_ptr<SqliteStore> writer = OpenStore(other);
  REQUIRE(Run(writer->handle(),
              "PRAGMA wal_autocheckpoint=0; CREATE TABLE accounts (name TEXT, amount INTEGER);"
              "INSERT INTO accounts VALUES ('a', 5)"));
  const std::string database = dir.File("slotwise.db");
  fs::copy_file(other + "-wal", database + "-wal");
  fs::copy_file(other + "-shm", database + "-shm");
  Result<RestoreReport> restored = RestoreDatabase(backup, database, false);
  REQUIRE_MESSAGE(restored.ok(), (restored.ok() ? "" : restored.error().message));
  std::unique_ptr<SqliteStore> store = OpenStore(database);
  CHECK(QueryText(*store, "PRAGMA integrity_check") == "ok");
  CHECK(QueryInt(*store, "SELECT amount FROM accounts WHERE name = 'a'") == 1000);
}

TEST_CASE("Restore: foreign, damaged and newer files are refused and nothing is installed") {
  TempDir dir("slotwise-backup");
  const std::string database = dir.File("slotwise.db");
  auto refusal = [&](const std::string& file) {
    Result<RestoreReport> restored = RestoreDatabase(file, database, false);
    REQUIRE_FALSE(restored.ok());
    CHECK_FALSE(fs::exists(database));
    for (const fs::directory_entry& entry : fs::directory_iterator(dir.path())) {
      CHECK_MESSAGE(entry.path().string().find(".partial-") == std::string::npos, entry.path().string());
    }
    return restored.error();
  };

  SUBCASE("not SQLite") {
    const Error error = refusal(dir.Write("notes.txt", std::string(8192, 'n')));
    CHECK(error.code == codes::kInvalidRequest);
    CHECK(error.field == "from");
  }
  SUBCASE("SQLite without Slotwise's schema") {
    const std::string foreign = dir.File("foreign.db");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(foreign.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const Error error = refusal(foreign);
    CHECK(error.code == codes::kInvalidRequest);
    CHECK(error.message.find("schema_migrations") != std::string::npos);
  }
  SUBCASE("a damaged page") {
    const std::string backup = MakeBackup(dir, "backup.db");
    // The b-tree page of the accounts table, overwritten past its header: the rows it points at are garbage.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(backup.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db,
                               "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema "
                               "WHERE name = 'accounts'",
                               -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const std::size_t page = static_cast<std::size_t>(sqlite3_column_int(stmt, 0));
    const std::size_t page_size = static_cast<std::size_t>(sqlite3_column_int(stmt, 1));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    std::string bytes = ReadFile(backup);
    REQUIRE(bytes.size() >= page * page_size);
    for (std::size_t i = (page - 1) * page_size + 3; i < page * page_size; ++i) bytes[i] = static_cast<char>(0xA5);
    WriteFile(backup, bytes);
    const Error error = refusal(backup);
    CHECK(error.code == codes::kInvalidRequest);
    CHECK(error.message.find("integrity") != std::string::npos);
  }
  SUBCASE("a newer schema") {
    const std::string backup = MakeBackup(dir, "backup.db");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(backup.c_str(), &db) == SQLITE_OK);
    const std::string next = std::to_string(SqliteStore::NewestSchemaVersion() + 1);
    REQUIRE(sqlite3_exec(db, ("INSERT INTO schema_migrations VALUES (" + next + ", 'later')").c_str(), nullptr, nullptr,
                         nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const Error error = refusal(backup);
    CHECK(error.code == codes::kNotSupported);
    CHECK(error.message.find(next) != std::string::npos);
  }
  SUBCASE("a live database with its -wal") {
    const std::string live = dir.File("live.db");
    std::unique_ptr<SqliteStore> server = OpenStore(live);
    const Error error = refusal(live);
    CHECK(error.code == codes::kInvalidRequest);
    CHECK(error.message.find("-wal") != std::string::npos);
  }
}
