// lifecycle_events.h — the lifecycle events Slotwise reports to a tenant's ATS (docs/ATS_WEBHOOKS.md): their names,
// which interview history action makes which event, and the one function every writer calls to record an event in the
// table `lifecycle_events` (migration 14) — the transactional outbox the dispatcher (lifecycle/) drains.
//
// Contract:
// - AppendLifecycleEvent runs ONE insert on the connection it is given and must be called inside the caller's write
//   transaction, next to the fact it reports: the event exists exactly when that fact was committed.
// - The payload is fixed when the event is recorded: {"type", "timestamp" (RFC 3339 of `now`), "data"}; every
//   delivery attempt sends these same bytes, so a receiver may hash or store them as they are.
// - `subject_id` is the interview, proposal or connection the event is about: events of one subject are delivered in
//   the order they were recorded (lifecycle/lifecycle_dispatcher.h).
// - The answer is the event's id (AUTOINCREMENT: never reused; the webhook-id is "evt_<id>"). Errors: storage_error.
// - Pure functions otherwise; thread-safe as the connection given is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"

struct sqlite3;

namespace slotwise::lifecycle_events {

inline constexpr std::string_view kInterviewConfirmed = "interview.confirmed";
inline constexpr std::string_view kInterviewFailed = "interview.failed";
inline constexpr std::string_view kInterviewRescheduled = "interview.rescheduled";
inline constexpr std::string_view kInterviewCancelled = "interview.cancelled";
inline constexpr std::string_view kInterviewChangedExternally = "interview.changed_externally";
inline constexpr std::string_view kInterviewRestored = "interview.restored";
inline constexpr std::string_view kProposalPicked = "proposal.picked";
inline constexpr std::string_view kProposalDeclined = "proposal.declined";
inline constexpr std::string_view kProposalExpired = "proposal.expired";
inline constexpr std::string_view kConnectionNeedsAttention = "connection.needs_attention";

// Every event type, in the order the documentation lists them.
const std::vector<std::string_view>& AllTypes();

// The event an interview history action makes ("confirmed" → interview.confirmed, …); nullopt for actions that make
// none ("booked", and anything else).
std::optional<std::string_view> TypeForHistoryAction(std::string_view action);

// The webhook-id of event `id`: "evt_<id>"; and back (nullopt for anything else).
std::string WebhookId(std::int64_t id);
std::optional<std::int64_t> ParseWebhookId(std::string_view webhook_id);

// The body delivered for an event: {"type": type, "timestamp": RFC 3339 of `now`, "data": data}.
std::string EventPayload(std::string_view type, std::int64_t now, const nlohmann::json& data);

// Records one pending event of `tenant_id` about `subject_id` (see the contract); `data` is a JSON object.
Result<std::int64_t> AppendLifecycleEvent(sqlite3* db, const std::string& tenant_id, std::string_view type,
                                          const std::string& subject_id, const nlohmann::json& data, std::int64_t now);

}  // namespace slotwise::lifecycle_events
