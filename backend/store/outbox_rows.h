// outbox_rows.h — one new row of the outbox queue (migration 5), for a store that queues work inside its own
// transaction (the interview store for bookings, the proposal store for a proposal's holds): the job is pending from
// `now`, runs under `subject_id` (an interview, "msg_…" or "prp_…": jobs of one subject run one at a time, in order)
// and carries `payload_json`. The caller holds the handle's lock and, usually, a transaction. Errors: "storage_error".
#pragma once

#include <cstdint>
#include <string>

#include "slotwise/result.h"
#include "store/interview_model.h"

struct sqlite3;

namespace slotwise {

Result<bool> InsertOutboxJob(sqlite3* db, const std::string& tenant_id, const std::string& subject_id, OutboxKind kind,
                             std::int64_t now, const std::string& payload_json);

}  // namespace slotwise
