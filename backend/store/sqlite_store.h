// sqlite_store.h — the embedded SQLite store: one database file, WAL journal, synchronous=FULL, a busy timeout, and
// versioned migrations applied at open.
//
// Contract: `Open` creates the file (and its parent folder) when missing and brings the schema to the newest version
// inside one transaction per migration; on failure it returns an Error and leaves no half-applied migration. A
// SqliteStore is used by one thread at a time per instance (open one per thread, SQLite serializes writers).
#pragma once

#include <memory>
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
  const std::string& path() const { return path_; }
  // The raw handle for the stores built on this database (connection_store.cpp). Opened with SQLITE_OPEN_FULLMUTEX;
  // callers that need multi-statement transactions serialize them themselves.
  sqlite3* handle() const { return db_; }

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<bool> Migrate();

  sqlite3* db_;
  std::string path_;
};

}  // namespace slotwise
