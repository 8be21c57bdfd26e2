// lifecycle_events.cpp — see lifecycle_events.h.
#include "store/lifecycle_events.h"

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/sqlite_query.h"

namespace slotwise::lifecycle_events {

namespace {
constexpr std::string_view kWebhookIdPrefix = "evt_";
}  // namespace

const std::vector<std::string_view>& AllTypes() {
  static const std::vector<std::string_view> kTypes = {
      kInterviewConfirmed, kInterviewFailed,  kInterviewRescheduled, kInterviewCancelled,
      kInterviewChangedExternally, kInterviewRestored, kProposalPicked, kProposalDeclined, kProposalExpired,
      kConnectionNeedsAttention};
  return kTypes;
}

std::optional<std::string_view> TypeForHistoryAction(std::string_view action) {
  if (action == "confirmed") return kInterviewConfirmed;
  if (action == "failed") return kInterviewFailed;
  if (action == "rescheduled") return kInterviewRescheduled;
  if (action == "cancelled") return kInterviewCancelled;
  if (action == "changed_externally") return kInterviewChangedExternally;
  if (action == "restored") return kInterviewRestored;
  return std::nullopt;
}

std::string WebhookId(std::int64_t id) { return std::string(kWebhookIdPrefix) + std::to_string(id); }

std::optional<std::int64_t> ParseWebhookId(std::string_view webhook_id) {
  if (webhook_id.substr(0, kWebhookIdPrefix.size()) != kWebhookIdPrefix) return std::nullopt;
  const std::optional<std::int64_t> id = ParseDecimal(webhook_id.substr(kWebhookIdPrefix.size()));
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

std::string EventPayload(std::string_view type, std::int64_t now, const nlohmann::json& data) {
  return nlohmann::json{{"type", type}, {"timestamp", FormatRfc3339(now)}, {"data", data}}.dump();
}

Result<std::int64_t> AppendLifecycleEvent(sqlite3* db, const std::string& tenant_id, std::string_view type,
                                          const std::string& subject_id, const nlohmann::json& data, std::int64_t now) {
  Result<std::vector<std::int64_t>> id = Query<std::int64_t>(
      db,
      "INSERT INTO lifecycle_events (tenant_id, type, subject_id, payload, state, next_attempt_at, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5, ?5) RETURNING id;",
      {tenant_id, std::string(type), subject_id, EventPayload(type, now, data), now},
      [](SqlRow& row) { return row.Int(); });
  if (!id) return id.error();
  if (id->size() != 1) return Error{codes::kStorageError, "the lifecycle event was not recorded", ""};
  return id->front();
}

}  // namespace slotwise::lifecycle_events
