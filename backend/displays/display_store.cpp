// display_store.cpp — see display_store.h.
#include "displays/display_store.h"

#include "store/sqlite_query.h"

namespace slotwise::displays {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, room, settings, code_hash, code_expires_at, token_hash, paired_at, last_seen_at, created_by, "
    "created_at";

Display Read(SqlRow& row) {
  Display d;
  d.id = row.Text();
  d.tenant_id = row.Text();
  d.room = row.Text();
  d.settings_json = row.Text();
  d.code_hash = row.Text();
  d.code_expires_at = row.Int();
  d.token_hash = row.Text();
  d.paired_at = row.Int();
  d.last_seen_at = row.Int();
  d.created_by = row.Text();
  d.created_at = row.Int();
  return d;
}

}  // namespace

Result<bool> SqliteDisplayStore::Create(const Display& d) {
  std::lock_guard lock(mutex_);
  Result<int> done = Exec(database_.handle(),
                          std::string("INSERT INTO room_displays (") + kColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                          {d.id, d.tenant_id, d.room, d.settings_json, d.code_hash, d.code_expires_at,
                           std::string("unpaired:") + d.id, d.paired_at, d.last_seen_at, d.created_by, d.created_at});
  if (!done) return done.error();
  return true;
}

Result<std::vector<Display>> SqliteDisplayStore::List(const std::string& tenant_id, const std::string& room) {
  std::lock_guard lock(mutex_);
  return Query<Display>(database_.handle(),
                        std::string("SELECT ") + kColumns +
                            " FROM room_displays WHERE tenant_id = ?1 AND room = ?2 ORDER BY created_at, id",
                        {tenant_id, room}, Read);
}

Result<bool> SqliteDisplayStore::Revoke(const std::string& tenant_id, const std::string& room, const std::string& id) {
  std::lock_guard lock(mutex_);
  // RETURNING, not sqlite3_changes(): other stores share the handle.
  Result<std::optional<std::string>> gone = First(Query<std::string>(
      database_.handle(), "DELETE FROM room_displays WHERE tenant_id = ?1 AND room = ?2 AND id = ?3 RETURNING id",
      {tenant_id, room, id}, [](SqlRow& row) { return row.Text(); }));
  if (!gone) return gone.error();
  return gone->has_value();
}

Result<std::optional<Display>> SqliteDisplayStore::Pair(const std::string& code_hash, const std::string& token_hash,
                                                        std::int64_t now) {
  std::lock_guard lock(mutex_);
  return First(Query<Display>(
      database_.handle(),
      std::string("UPDATE room_displays SET token_hash = ?2, code_hash = 'used:' || id, code_expires_at = 0, "
                  "paired_at = ?3, last_seen_at = ?3 WHERE code_hash = ?1 AND code_expires_at > ?3 AND paired_at = 0 "
                  "RETURNING ") +
          kColumns,
      {code_hash, token_hash, now}, Read));
}

Result<std::optional<Display>> SqliteDisplayStore::FindByToken(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return First(Query<Display>(database_.handle(),
                              std::string("SELECT ") + kColumns + " FROM room_displays WHERE token_hash = ?1 AND paired_at > 0",
                              {token_hash}, Read));
}

Result<bool> SqliteDisplayStore::NoteSeen(const std::string& id, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<int> done = Exec(database_.handle(),
                          "UPDATE room_displays SET last_seen_at = ?2 WHERE id = ?1 AND last_seen_at <= ?2 - 60",
                          {id, now});
  if (!done) return done.error();
  return true;
}

}  // namespace slotwise::displays
