// external_change_policy.h — what Slotwise does by itself when a sync flags a booked object as changed outside
// Slotwise (booking/change_assessment.h): a tenant's `policies.external_changes` (docs/API_BACKEND.md).
//
//   "external_changes": {"moved": "ask" | "accept" | "restore",
//                        "room_declined": "ask" | "accept" | "restore",
//                        "attendees": "ask" | "accept" | "restore",
//                        "deleted": "ask" | "accept"}
//
// Contract:
// - Every key is optional and defaults to "ask": the flag stays on the interview for a person to resolve
//   (POST /v1/interviews/{id}/external_change). "accept" and "restore" are the same actions that endpoint takes,
//   run by the sync as soon as it flags (BookingService::ApplyExternalChangePolicy). A deleted event cannot be
//   restored, so "deleted" knows only "ask" and "accept" (accept cancels the interview).
// - Parse answers invalid_request naming the field ("policies.external_changes.moved") for anything else: an unknown
//   key, a value that is not one of the words above, or a non-object. A tenant without the key asks about everything.
// - Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"

namespace slotwise {

struct ExternalChangePolicy {
  std::string moved = "ask";
  std::string room_declined = "ask";
  std::string attendees = "ask";  // flag "attendees_changed"
  std::string deleted = "ask";

  // The action for a flag ("moved_externally", "room_declined", "attendees_changed", "deleted_externally"): "ask",
  // "accept" or "restore".
  const std::string& ActionFor(std::string_view flag) const;
};

// The policy in a tenant's `policies` object (the whole object, as stored).
Result<ExternalChangePolicy> ParseExternalChangePolicy(const nlohmann::json& policies);

}  // namespace slotwise
