// database_file.h — what backup and restore (database_backup.h, database_restore.h) do to whole SQLite files: open a
// connection to a file that must already exist, check that a file is a sound Slotwise database, and make a written
// file durable before and after it takes its final name.
//
// Contract:
// - `DatabaseFile::Open` opens an existing file read-write, never creating it (kNotFound when it is missing) unless
//   `create`, with a busy timeout of `busy_timeout_ms` (0 = answer SQLITE_BUSY at once). It sets no pragma (no
//   journal mode, no migration). The connection closes when the object goes.
// - `CheckSlotwiseDatabase` runs `PRAGMA integrity_check` and reads the schema version (the newest row of
//   schema_migrations, sqlite_store.h). It answers the version, or kInvalidRequest (not SQLite, a damaged page,
//   no schema_migrations table: the message says which) or kNotSupported (a version above
//   SqliteStore::NewestSchemaVersion(): written by a newer binary, which this one could misread).
// - `SyncFile` / `SyncFolder` fsync a file and the folder holding a name (so a rename survives a power cut);
//   kStorageError naming the path when that fails.
// - `TempPathNextTo(target)` is a name in the target's folder that no other process picks ("<target>.partial-<pid>"),
//   so the rename onto the target stays within one file system. `RemoveWithCompanions` removes a database file and
//   its -wal, -shm and -journal, ignoring the ones that do not exist.
#pragma once

#include <sqlite3.h>

#include <string>

#include "slotwise/result.h"

namespace slotwise {

class DatabaseFile {
 public:
  static Result<DatabaseFile> Open(const std::string& path, int busy_timeout_ms, bool create = false);
  DatabaseFile(DatabaseFile&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  DatabaseFile& operator=(DatabaseFile&&) = delete;
  DatabaseFile(const DatabaseFile&) = delete;
  ~DatabaseFile() { Close(); }

  sqlite3* handle() const { return db_; }
  // Runs one or more statements without rows; kStorageError with `what` and SQLite's message on failure.
  Result<bool> Exec(const std::string& sql, const std::string& what) const;
  // The first column of the first row of `sql` as text ("" when there is no row).
  Result<std::string> Text(const std::string& sql, const std::string& what) const;
  // Closes now (idempotent); false when SQLite could not close the file cleanly.
  bool Close();

 private:
  explicit DatabaseFile(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

Result<int> CheckSlotwiseDatabase(const DatabaseFile& file, const std::string& path);

Result<bool> SyncFile(const std::string& path);
Result<bool> SyncFolder(const std::string& path_in_folder);

std::string TempPathNextTo(const std::string& target);
void RemoveWithCompanions(const std::string& path);

}  // namespace slotwise
