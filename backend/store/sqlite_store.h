// sqlite_store.h — the embedded SQLite store: one database file, WAL journal, synchronous=FULL, secure_delete (freed
// bytes are overwritten with zeros, so erased personal data does not linger in free pages: docs/PRIVACY.md), a busy
// timeout, and versioned migrations applied at open.
//
// Contract: `Open` creates the file (and its parent folder) when missing and brings the schema to the newest version
// inside one transaction per migration; on failure it returns an Error and leaves no half-applied migration. A
// SqliteStore is used by one thread at a time per instance (open one per thread, SQLite serializes writers).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "slotwise/result.h"

struct sqlite3;

namespace slotwise {

class SqliteStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  int SchemaVersion() const;            // the newest applied migration
  static int NewestSchemaVersion();     // the newest migration this binary knows (what Open brings a database to)
  const std::string& path() const { return path_; }
  // Copies every WAL frame into the database file and truncates the -wal file to zero bytes (after an erasure: old
  // page images in the WAL would still hold the erased bytes). Tries a few times while readers or writers of other
  // connections are in the way (each attempt waits out the busy timeout); false when it could not complete (the next
  // checkpoint will).
  bool CheckpointTruncate();
  // The raw handle for the stores built on this database (connection_store.cpp). Opened with SQLITE_OPEN_FULLMUTEX.
  // A transaction belongs to the handle, not to a store: every statement and transaction on handle() runs under
  // lock(), shared by all those stores — otherwise one store's write lands inside another's open transaction (and is
  // rolled back with it) or its BEGIN fails. Recursive: a store may call another while holding it.
  sqlite3* handle() const { return db_; }
  std::recursive_mutex& lock() const { return lock_; }

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<bool> Migrate();

  sqlite3* db_;
  std::string path_;
  mutable std::recursive_mutex lock_;
};

}  // namespace slotwise
