// database_restore.h — installs a backup as the server's database (`slotwise restore`, docs/BACKUP.md).
//
// Contract of RestoreDatabase(backup, database, overwrite):
// - `backup` must be a file on its own: a `backup-wal` beside it means a live or uncleanly closed database whose
//   newest commits are not in the file, and is refused (kInvalidRequest); `slotwise backup` makes proper copies.
//   The backup file itself is only read.
// - Its bytes are copied to a temporary file next to `database`, and that copy — exactly what will be installed — is
//   switched to the rollback journal, checked (`PRAGMA integrity_check`, Slotwise's schema_migrations, a schema
//   version not above this binary's: CheckSlotwiseDatabase) and fsynced. A failed check is kInvalidRequest or
//   kNotSupported, and nothing else changes.
// - An existing `database` is refused with kStorageConflict (field "database") unless `overwrite`.
// - In use: a server (or any process) with the database open is detected through SQLite's own locks, not a pid file
//   or a port: every connection to a WAL database holds a shared lock on the database file for as long as it is open,
//   idle or not. Restore opens the existing database with locking_mode=EXCLUSIVE and switches it out of WAL
//   (journal_mode=DELETE), which SQLite grants only to a connection that can take the exclusive lock — so only when
//   no other connection, in this process or another, has the file open; otherwise kStorageConflict, and nothing
//   changes. The switch also folds the old database's -wal into it and deletes it, and the exclusive lock is held
//   until the new file has its name, so no server opens the old database meanwhile.
// - Install: the old -shm/-journal and any stray -wal of `database` are removed (a -wal left beside the new file
//   would be replayed into it by the next opener, corrupting it), then the temporary file is renamed to `database`
//   (atomic: a reader sees the old file or the new one, never a mix) and the folder is fsynced. On failure before the
//   rename the temporary file is removed and the old database is untouched.
// - The restored file is in rollback-journal mode with the backup's schema version; `slotwise serve` (SqliteStore::
//   Open) switches it back to WAL and applies newer migrations as at any start.
#pragma once

#include <cstdint>
#include <string>

#include "slotwise/result.h"

namespace slotwise {

struct RestoreReport {
  std::string path;          // the database installed
  std::uintmax_t bytes = 0;  // its size
  int schema_version = 0;    // the backup's newest migration
  bool replaced = false;     // an existing database was replaced (overwrite)
};

Result<RestoreReport> RestoreDatabase(const std::string& backup, const std::string& database, bool overwrite);

}  // namespace slotwise
