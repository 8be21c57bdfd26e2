// database_backup.cpp — see database_backup.h.
#include "store/database_backup.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "slotwise/error_codes.h"
#include "store/database_file.h"

namespace slotwise {

namespace {

constexpr int kPagesPerStep = 1024;
constexpr int kBusyRetries = 500;  // 10 ms apart: a source lock that outlives 5 s is an error

Error StorageError(sqlite3* db, const std::string& what) {
  return Error{codes::kStorageError, what + ": " + sqlite3_errmsg(db), ""};
}

// Copies every page of `source` (inside one read transaction, so one snapshot) into a new file at `temp`; answers
// the number of pages.
Result<int> CopySnapshot(const DatabaseFile& source, const std::string& database, const std::string& temp) {
  Result<DatabaseFile> copy = DatabaseFile::Open(temp, 5000, true);
  if (!copy) return copy.error();
  // The read transaction starts at the first read: from here on every page comes from this one snapshot.
  if (Result<bool> begun = source.Exec("BEGIN; SELECT COUNT(*) FROM sqlite_schema;", "cannot read " + database);
      !begun) {
    return begun.error();
  }
  sqlite3_backup* backup = sqlite3_backup_init(copy->handle(), "main", source.handle(), "main");
  if (backup == nullptr) {
    Error error = StorageError(copy->handle(), "cannot start the backup of " + database);
    (void)source.Exec("ROLLBACK;", "end the read");
    return error;
  }
  int rc = SQLITE_OK;
  for (int busy = 0; busy < kBusyRetries;) {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      ++busy;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } else if (rc != SQLITE_OK) {
      break;
    }
  }
  const int pages = sqlite3_backup_pagecount(backup);
  const int finished = sqlite3_backup_finish(backup);
  (void)source.Exec("ROLLBACK;", "end the read");
  if (rc != SQLITE_DONE || finished != SQLITE_OK) {
    return Error{codes::kStorageError,
                 "the backup of " + database + " failed: " + sqlite3_errstr(rc != SQLITE_DONE ? rc : finished), ""};
  }
  if (!copy->Close()) return Error{codes::kStorageError, "cannot close " + temp, ""};
  return pages;
}

// The copy as a self-contained file: the rollback journal (the backup carried the source's WAL mark in its header),
// checked, and synced to disk. Answers its schema version.
Result<int> SealCopy(const std::string& temp, const std::string& target) {
  Result<DatabaseFile> copy = DatabaseFile::Open(temp, 5000);
  if (!copy) return copy.error();
  Result<std::string> mode = copy->Text("PRAGMA journal_mode=DELETE;", "cannot set the copy's journal mode");
  if (!mode) return mode.error();
  if (*mode != "delete") return Error{codes::kStorageError, "the copy stayed in journal mode " + *mode, ""};
  Result<int> version = CheckSlotwiseDatabase(*copy, target);
  if (!version) return version.error();
  if (!copy->Close()) return Error{codes::kStorageError, "cannot close " + temp, ""};
  if (Result<bool> synced = SyncFile(temp); !synced) return synced.error();
  return version;
}

// Gives `temp` the name `target`: rename(2) when replacing is allowed, else link(2), which refuses an existing name.
Result<bool> Install(const std::string& temp, const std::string& target, bool overwrite) {
  if (overwrite) {
    if (::rename(temp.c_str(), target.c_str()) != 0) {
      return Error{codes::kStorageError, "cannot rename the copy to " + target + ": " + std::strerror(errno), ""};
    }
  } else {
    if (::link(temp.c_str(), target.c_str()) != 0) {
      if (errno == EEXIST) return Error{codes::kStorageConflict, target + " exists; pass --force to replace it", "to"};
      return Error{codes::kStorageError, "cannot name the copy " + target + ": " + std::strerror(errno), ""};
    }
    ::unlink(temp.c_str());
  }
  return SyncFolder(target);
}

}  // namespace

Result<BackupReport> BackupDatabase(const std::string& database, const std::string& target, bool overwrite) {
  const auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(target, ec)) {
    return Error{codes::kStorageConflict, target + " exists; pass --force to replace it", "to"};
  }
  Result<DatabaseFile> source = DatabaseFile::Open(database, 5000);
  if (!source) return source.error();
  if (Result<bool> reading = source->Exec("PRAGMA query_only=ON;", "cannot open " + database); !reading) {
    return reading.error();
  }
  const std::string temp = TempPathNextTo(target);
  RemoveWithCompanions(temp);
  Result<int> pages = CopySnapshot(*source, database, temp);
  source->Close();
  Result<int> version = pages ? SealCopy(temp, target) : Result<int>(pages.error());
  Result<bool> installed = version ? Install(temp, target, overwrite) : Result<bool>(version.error());
  if (!installed) {
    RemoveWithCompanions(temp);
    return installed.error();
  }
  BackupReport report;
  report.path = target;
  report.bytes = std::filesystem::file_size(target, ec);
  report.pages = *pages;
  report.schema_version = *version;
  report.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return report;
}

}  // namespace slotwise
