// database_file.cpp — see database_file.h.
#include "store/database_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>

#include "slotwise/error_codes.h"
#include "store/sqlite_store.h"

namespace slotwise {

namespace {

Error StorageError(sqlite3* db, const std::string& what) {
  return Error{codes::kStorageError, what + ": " + (db ? sqlite3_errmsg(db) : "cannot allocate"), ""};
}

Result<bool> SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Error{codes::kStorageError, "cannot open " + path + " to sync it", ""};
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Error{codes::kStorageError, "cannot sync " + path + " to disk", ""};
  return true;
}

}  // namespace

Result<DatabaseFile> DatabaseFile::Open(const std::string& path, int busy_timeout_ms, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::is_regular_file(path, ec)) {
    return Error{codes::kNotFound, "no database file at " + path, ""};
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), nullptr) !=
      SQLITE_OK) {
    Error error = StorageError(db, "cannot open " + path);
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return DatabaseFile(db);
}

Result<bool> DatabaseFile::Exec(const std::string& sql, const std::string& what) const {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return StorageError(db_, what);
  return true;
}

Result<std::string> DatabaseFile::Text(const std::string& sql, const std::string& what) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return StorageError(db_, what);
  const int rc = sqlite3_step(stmt);
  std::string value;
  if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return StorageError(db_, what);
  return value;
}

bool DatabaseFile::Close() {
  if (db_ == nullptr) return true;
  const bool closed = sqlite3_close(db_) == SQLITE_OK;
  db_ = nullptr;
  return closed;
}

Result<int> CheckSlotwiseDatabase(const DatabaseFile& file, const std::string& path) {
  sqlite3* db = file.handle();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(20);", -1, &stmt, nullptr) != SQLITE_OK) {
    return Error{codes::kInvalidRequest, path + " cannot be read as SQLite: " + sqlite3_errmsg(db), ""};
  }
  std::string problems;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const unsigned char* line = sqlite3_column_text(stmt, 0);
    const std::string text = line ? reinterpret_cast<const char*>(line) : "";
    if (text != "ok") problems += (problems.empty() ? "" : "; ") + text;
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) {
    return Error{codes::kInvalidRequest, path + " failed its integrity check: " + sqlite3_errmsg(db), ""};
  }
  if (!problems.empty()) {
    return Error{codes::kInvalidRequest, path + " failed its integrity check: " + problems.substr(0, 400), ""};
  }
  Result<std::string> table =
      file.Text("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations';", "read " + path);
  if (!table) return table.error();
  if (table->empty()) {
    return Error{codes::kInvalidRequest, path + " is SQLite but not a Slotwise database (no schema_migrations)", ""};
  }
  Result<std::string> version = file.Text("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", "read " + path);
  if (!version) return version.error();
  int schema = 0;
  const auto [end, failed] = std::from_chars(version->data(), version->data() + version->size(), schema);
  if (failed != std::errc() || end != version->data() + version->size()) {
    return Error{codes::kInvalidRequest, path + " has an unreadable schema version \"" + *version + "\"", ""};
  }
  if (schema > SqliteStore::NewestSchemaVersion()) {
    return Error{codes::kNotSupported,
                 path + " has schema version " + std::to_string(schema) + "; this slotwise knows up to " +
                     std::to_string(SqliteStore::NewestSchemaVersion()) + " (use the newer binary that wrote it)",
                 ""};
  }
  return schema;
}

Result<bool> SyncFile(const std::string& path) {
  return SyncPath(path, O_RDONLY);
}

Result<bool> SyncFolder(const std::string& path_in_folder) {
  std::filesystem::path folder = std::filesystem::path(path_in_folder).parent_path();
  if (folder.empty()) folder = ".";
  return SyncPath(folder.string(), O_RDONLY | O_DIRECTORY);
}

std::string TempPathNextTo(const std::string& target) {
  return target + ".partial-" + std::to_string(::getpid());
}

void RemoveWithCompanions(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}

}  // namespace slotwise
