// display_store.h — room displays as stored (table `room_displays`, migration 23): the storage interface and its
// SQLite implementation on the server's shared handle.
//
// Contract:
// - A display belongs to one tenant and one room (the room's lower-cased e-mail) and never moves. Its pairing code and
//   its device token are stored only as SecretHash (display_secrets.h); before pairing the token column holds
//   "unpaired:<id>", after it the code column holds "used:<id>" (neither is a hash; FindByToken finds paired displays
//   only).
// - Pair is one UPDATE: it succeeds for exactly one caller, only while the code is unused and not expired, and sets the
//   token hash in the same statement; a used, expired or unknown code changes nothing (nullopt).
// - Revoke deletes the row: its token is refused from the next request on. A tenant's deletion removes its displays
//   (ON DELETE CASCADE; store/tenant_data_deletion.h finds the table by its tenant_id).
// - Errors are "storage_error". Thread-safe (one mutex around the shared handle, as the other stores on it).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise::displays {

struct Display {
  std::string id;         // "dsp_…"
  std::string tenant_id;
  std::string room;       // the room's lower-cased e-mail
  std::string settings_json = "{}";  // {"locale", "time_zone"} as given at creation (display_service.h)
  std::string code_hash;
  std::int64_t code_expires_at = 0;
  std::string token_hash;
  std::int64_t paired_at = 0;     // 0 = not yet paired
  std::int64_t last_seen_at = 0;  // the device's last feed request (to the minute)
  std::string created_by;
  std::int64_t created_at = 0;
};

class DisplayStore {
 public:
  virtual ~DisplayStore() = default;
  virtual Result<bool> Create(const Display& display) = 0;
  // The room's displays, oldest first.
  virtual Result<std::vector<Display>> List(const std::string& tenant_id, const std::string& room) = 0;
  // False when the tenant's room has no such display.
  virtual Result<bool> Revoke(const std::string& tenant_id, const std::string& room, const std::string& id) = 0;
  // The display whose unused code has `code_hash` and expires after `now`, now paired with `token_hash`.
  virtual Result<std::optional<Display>> Pair(const std::string& code_hash, const std::string& token_hash,
                                              std::int64_t now) = 0;
  virtual Result<std::optional<Display>> FindByToken(const std::string& token_hash) = 0;
  // Records the device's request at `now` when the last one recorded is a minute old or older.
  virtual Result<bool> NoteSeen(const std::string& id, std::int64_t now) = 0;
};

class SqliteDisplayStore final : public DisplayStore {
 public:
  explicit SqliteDisplayStore(SqliteStore& database) : database_(database) {}

  Result<bool> Create(const Display& display) override;
  Result<std::vector<Display>> List(const std::string& tenant_id, const std::string& room) override;
  Result<bool> Revoke(const std::string& tenant_id, const std::string& room, const std::string& id) override;
  Result<std::optional<Display>> Pair(const std::string& code_hash, const std::string& token_hash,
                                      std::int64_t now) override;
  Result<std::optional<Display>> FindByToken(const std::string& token_hash) override;
  Result<bool> NoteSeen(const std::string& id, std::int64_t now) override;

 private:
  SqliteStore& database_;
  std::mutex mutex_;
};

}  // namespace slotwise::displays
