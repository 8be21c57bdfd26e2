// queued_message_keys.cpp — see queued_message_keys.h.
#include "booking/queued_message_keys.h"

#include <nlohmann/json.hpp>

#include "booking/message_payload.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "store/sqlite_query.h"

namespace slotwise {

Result<int> RotateQueuedMessageSecrets(SqliteStore& database, const crypto::TokenVault& vault) {
  std::lock_guard lock(database.lock());
  struct Row {
    std::int64_t id = 0;
    std::string tenant_id, payload;
  };
  Result<std::vector<Row>> rows = Query<Row>(
      database.handle(),
      "SELECT id, tenant_id, payload FROM outbox WHERE kind = 'message' AND json_extract(payload, '$.sealed') IS NOT NULL "
      "ORDER BY id",
      {}, [](SqlRow& row) { return Row{row.Int(), row.Text(), row.Text()}; });
  if (!rows) return rows.error();
  std::vector<std::pair<std::int64_t, std::string>> resealed;  // job id -> new payload
  for (const Row& row : *rows) {
    nlohmann::json payload = ParseJson(row.payload);
    const nlohmann::json* sealed = payload.is_object() && payload.contains("sealed") ? &payload["sealed"] : nullptr;
    if (sealed == nullptr || !sealed->is_object() || !sealed->contains("secret") || !(*sealed)["secret"].is_string()) {
      return Error{codes::kInvalidPayload, "outbox job " + std::to_string(row.id) + ": its sealed secret is malformed", ""};
    }
    const std::string secret = (*sealed)["secret"].get<std::string>();
    if (!vault.NeedsRotation(secret)) continue;
    Result<std::string> fresh =
        vault.Reseal(secret, MessageSealingContext(row.tenant_id, payload.value("delivery_id", "")));
    if (!fresh) {
      return Error{fresh.error().code,
                   "outbox job " + std::to_string(row.id) + ": its sealed secret cannot be opened with the configured "
                   "keys (" + fresh.error().message + ")",
                   ""};
    }
    payload["sealed"]["secret"] = std::move(fresh).value();
    resealed.emplace_back(row.id, DumpJson(payload));
  }
  if (resealed.empty()) return 0;
  if (Result<int> begun = Exec(database.handle(), "BEGIN IMMEDIATE", {}); !begun) return begun.error();
  for (const auto& [id, payload] : resealed) {
    Result<int> done = Exec(database.handle(), "UPDATE outbox SET payload = ?2 WHERE id = ?1", {id, payload});
    if (!done) {
      (void)Exec(database.handle(), "ROLLBACK", {});
      return done.error();
    }
  }
  if (Result<int> committed = Exec(database.handle(), "COMMIT", {}); !committed) return committed.error();
  return static_cast<int>(resealed.size());
}

}  // namespace slotwise
