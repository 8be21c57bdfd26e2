// candidate_change_policy.h — whether a candidate may move or cancel, on the proposal page, the interview they picked:
// a tenant's `policies.candidate_changes` (docs/API_BACKEND.md "Proposals").
//
//   "candidate_changes": {"reschedule": true | false, "cancel": true | false, "min_notice": {"minutes": 0..20160}}
//
// Contract:
// - Every key is optional: both changes are allowed until 24 hours before the interview starts.
// - Parse answers invalid_request naming the field ("policies.candidate_changes.min_notice") for anything else: an
//   unknown key, a value of the wrong type or out of range, a non-object.
// - Pure; thread-safe.
#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"
#include "slotwise/time.h"

namespace slotwise {

struct CandidateChangePolicy {
  static constexpr std::int64_t kMaxNoticeMinutes = 14 * 24 * 60;
  bool reschedule = true;
  bool cancel = true;
  std::int64_t min_notice_seconds = 24 * 3600;

  // Until when (exclusive) an interview starting at `start` may be changed by its candidate.
  Instant ChangeableUntil(Instant start) const { return start - min_notice_seconds; }
};

// The policy in a tenant's `policies` object (the whole object, as stored).
Result<CandidateChangePolicy> ParseCandidateChangePolicy(const nlohmann::json& policies);

}  // namespace slotwise
