// personal_data_retention.h — each tenant's retention window for interviews' personal data (docs/PRIVACY.md): the
// setting policies.retention.interview_personal_data_days (PATCH /v1/tenant; absent or 0 = off, the default) and the
// purge that erases the candidate data of interviews that ended longer ago than that, through the same code as
// DELETE /v1/candidates/{id} (candidate_erasure.h EraseInterviewCandidates).
//
// Contract:
// - RetentionDays reads the setting from a tenant's policies object: 0 when absent; invalid_request (field
//   "policies.retention.interview_personal_data_days") unless it is an integer in [0, kMaxRetentionDays], or when
//   "retention" is not an object or holds another key.
// - PurgeExpiredPersonalData erases, for every tenant with a window, the interviews with end_at <= now - days * 86400
//   whose candidate is not yet erased, at most `batch` per tenant per call (the rest at the next call). An interview
//   whose provider work is running right now is left for the next call (storage_conflict is not an error here).
//   Answers how many interviews were erased. Errors: storage_error.
#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

inline constexpr std::int64_t kMaxRetentionDays = 36'500;

Result<std::int64_t> RetentionDays(const nlohmann::json& policies);

Result<int> PurgeExpiredPersonalData(SqliteStore& database, std::int64_t now, int batch = 100);

}  // namespace slotwise
