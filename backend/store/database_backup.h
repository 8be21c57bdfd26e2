// database_backup.h — an online backup of the SQLite database while a server serves and writes (`slotwise backup`,
// docs/BACKUP.md).
//
// Contract of BackupDatabase(database, target, overwrite):
// - The copy is one snapshot: it opens its own connection to `database` (which must exist; kNotFound otherwise),
//   starts one read transaction and copies every page with SQLite's online backup API inside it. In WAL mode writers
//   (this process or others) keep committing meanwhile; none of their later commits reach the copy and none is held
//   up (a checkpoint cannot pass the snapshot until the copy ends). The source is never written (query_only).
// - The pages go to a temporary file next to `target` (database_file.h TempPathNextTo), which is switched to the
//   rollback journal (a single self-contained file, no -wal to carry along), checked with `PRAGMA integrity_check`
//   and for Slotwise's schema (CheckSlotwiseDatabase), fsynced, and only then given the name `target`; the folder is
//   fsynced after. `target` therefore never holds a partial or unchecked copy; on any failure the temporary file is
//   removed and `target` is as before.
// - An existing `target` is refused with kStorageConflict (field "to") unless `overwrite`; without `overwrite` the
// final
//   name is taken with link(2), which fails rather than replace a file that appeared meanwhile.
// - Copies the database file only: the token keyring and other key files live outside it and are never read here.
// Errors: kNotFound, kStorageConflict, kStorageError (SQLite or the file system, with its message), kInvalidRequest /
// kNotSupported when the copy does not check out.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "slotwise/result.h"

namespace slotwise {

struct BackupReport {
  std::string path;          // the target as given
  std::uintmax_t bytes = 0;  // size of the written file
  int pages = 0;             // database pages copied
  int schema_version = 0;    // the copy's newest migration
  std::chrono::milliseconds took{0};
};

Result<BackupReport> BackupDatabase(const std::string& database, const std::string& target, bool overwrite);

}  // namespace slotwise
