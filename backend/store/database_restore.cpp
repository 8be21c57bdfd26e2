// database_restore.cpp — see database_restore.h.
#include "store/database_restore.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "slotwise/error_codes.h"
#include "store/database_file.h"

namespace slotwise {

namespace {

namespace fs = std::filesystem;

// A byte copy of `backup` at `temp`, switched to the rollback journal, checked and synced; answers its schema version.
Result<int> PrepareCopy(const std::string& backup, const std::string& temp) {
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) return Error{codes::kNotFound, "no backup file at " + backup, "from"};
  if (fs::exists(backup + "-wal", ec)) {
    return Error{codes::kInvalidRequest,
                 backup + " has a -wal beside it: it is a live database, not a backup (make one with slotwise backup)",
                 "from"};
  }
  if (!fs::copy_file(backup, temp, fs::copy_options::overwrite_existing, ec)) {
    return Error{codes::kStorageError, "cannot copy " + backup + " to " + temp + ": " + ec.message(), ""};
  }
  Result<DatabaseFile> copy = DatabaseFile::Open(temp, 5000);
  if (!copy) return copy.error();
  Result<std::string> mode = copy->Text("PRAGMA journal_mode=DELETE;", "cannot read " + backup);
  if (!mode)
    return Error{codes::kInvalidRequest, backup + " cannot be read as SQLite: " + mode.error().message, "from"};
  Result<int> version = CheckSlotwiseDatabase(*copy, backup);
  if (!version) {
    Error error = version.error();
    error.field = "from";
    return error;
  }
  if (!copy->Close()) return Error{codes::kStorageError, "cannot close " + temp, ""};
  if (Result<bool> synced = SyncFile(temp); !synced) return synced.error();
  return version;
}

// The existing database held exclusively, out of WAL (see the header); kStorageConflict when another connection has it
// open.
Result<DatabaseFile> HoldExclusively(const std::string& database) {
  Result<DatabaseFile> held = DatabaseFile::Open(database, 0);
  if (!held) return held.error();
  if (Result<bool> exclusive = held->Exec("PRAGMA locking_mode=EXCLUSIVE;", "cannot lock " + database); !exclusive) {
    return exclusive.error();
  }
  Result<std::string> mode = held->Text("PRAGMA journal_mode=DELETE;", "cannot lock " + database);
  const int refused = sqlite3_errcode(held->handle());
  if (!mode && (refused == SQLITE_BUSY || refused == SQLITE_LOCKED)) {
    return Error{codes::kStorageConflict,
                 database + " is in use (a running slotwise serve, or another process, has it open); stop it first",
                 "database"};
  }
  if (!mode) return mode.error();
  if (*mode != "delete") {
    return Error{codes::kStorageConflict,
                 database + " is in use (it stayed in " + *mode + " mode); stop the server first", "database"};
  }
  if (Result<bool> locked = held->Exec("BEGIN EXCLUSIVE;", "cannot lock " + database); !locked) {
    if (sqlite3_errcode(held->handle()) == SQLITE_BUSY) {
      return Error{codes::kStorageConflict, database + " is in use; stop the server first", "database"};
    }
    return locked.error();
  }
  return held;
}

}  // namespace

Result<RestoreReport> RestoreDatabase(const std::string& backup, const std::string& database, bool overwrite) {
  std::error_code ec;
  const bool exists = fs::exists(database, ec);
  if (exists && !overwrite) {
    return Error{codes::kStorageConflict, database + " exists; pass --force to replace it with the backup", "database"};
  }
  const fs::path folder = fs::path(database).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  const std::string temp = TempPathNextTo(database);
  RemoveWithCompanions(temp);
  Result<int> version = PrepareCopy(backup, temp);
  if (!version) {
    RemoveWithCompanions(temp);
    return version.error();
  }
  std::optional<DatabaseFile> held;
  if (exists) {
    Result<DatabaseFile> hold = HoldExclusively(database);
    if (!hold) {
      RemoveWithCompanions(temp);
      return hold.error();
    }
    held.emplace(std::move(hold).value());
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(database + suffix, ec);
  if (::rename(temp.c_str(), database.c_str()) != 0) {
    Error error{codes::kStorageError, "cannot rename the restored copy to " + database + ": " + std::strerror(errno),
                ""};
    RemoveWithCompanions(temp);
    return error;
  }
  Result<bool> synced = SyncFolder(database);
  if (held) held->Close();  // the old, now unlinked file: its lock guarded the switch
  if (!synced) return synced.error();
  RestoreReport report;
  report.path = database;
  report.bytes = fs::file_size(database, ec);
  report.schema_version = *version;
  report.replaced = exists;
  return report;
}

}  // namespace slotwise
