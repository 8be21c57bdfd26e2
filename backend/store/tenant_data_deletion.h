// tenant_data_deletion.h — removes everything the database holds for one tenant, in one transaction: first the rows of
// the tables that belong to a tenant only through a parent (interview history and outbox steps through the interview,
// subscriptions and checks through the connection, daily posts through the channel mapping), then every row of every
// table with a `tenant_id` column (found in the schema at run time, so a table added later is covered without being
// listed here), then the tenant row, and last its audit log (whose rows may be removed only once the tenant row is
// gone: migration 17).
//
// Contract:
// - All or nothing: on any failure the transaction rolls back and the tenant is untouched.
// - Refused with "storage_conflict" while one of the tenant's outbox jobs is running (a worker is calling a provider
//   for it): the caller retries once the job finished (jobs run for seconds), so no provider object is created after
//   its interview was deleted. "not_found" when no such tenant exists.
// - Afterwards the WAL is checkpointed and truncated, so the deleted pages do not linger in the -wal file (the
//   database overwrites freed content when it runs with secure_delete).
// - Callers hold no other transaction on the handle; runs under SqliteStore::lock().
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

struct TenantDataDeletion {
  std::map<std::string, std::int64_t> rows_by_table;  // tables that held rows of the tenant → rows deleted
};

Result<TenantDataDeletion> DeleteTenantData(SqliteStore& database, const std::string& tenant_id);

}  // namespace slotwise
