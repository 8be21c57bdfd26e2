// tenant_data_deletion_test.cpp — DirectoryStore::DeleteTenant on SQLite (store/tenant_data_deletion.h): refused while
// one of the tenant's outbox jobs runs and allowed once it finished; the other tenant's rows and jobs untouched; the
// audit log goes with its tenant and with nothing else; the directory's generation moves (caches drop the tenant).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "slotwise/error_codes.h"
#include "store/sqlite_audit_log_store.h"
#include "store/sqlite_interview_store.h"
#include "support/temp_directory_store.h"

using namespace slotwise;

namespace {

Tenant NamedTenant(const std::string& id) {
  Tenant tenant;
  tenant.id = id;
  tenant.name = id;
  tenant.created_at = 1'700'000'000;
  return tenant;
}

AuditEntry EntryOf(const std::string& tenant_id) {
  AuditEntry entry;
  entry.tenant_id = tenant_id;
  entry.at = 1'700'000'100;
  entry.actor_kind = "api_key";
  entry.actor_id = "0123456789abcdef";
  entry.action = "PUT /v1/people/{email}";
  entry.object = "anna@" + tenant_id + ".test";
  entry.status = 200;
  entry.request_id = "r1";
  return entry;
}

}  // namespace

TEST_CASE("DeleteTenant waits for the tenant's running outbox job, then removes the tenant and only it") {
  testing::TempDirectoryStore f;
  REQUIRE(f.store->CreateTenant(NamedTenant("gone")).ok());
  REQUIRE(f.store->CreateTenant(NamedTenant("stays")).ok());
  Result<std::unique_ptr<SqliteInterviewStore>> interviews = SqliteInterviewStore::Open(f.db_path);
  REQUIRE(interviews.ok());
  SqliteAuditLogStore audit(*f.database);
  REQUIRE(audit.Append(EntryOf("gone")).ok());
  REQUIRE(audit.Append(EntryOf("stays")).ok());

  const std::int64_t now = 1'700'000'200;
  REQUIRE((*interviews)->EnqueueMessage("gone", "msg_gone", "{}", now).ok());
  Result<std::optional<OutboxJob>> claimed = (*interviews)->ClaimNextJob(now);
  REQUIRE(claimed.ok());
  REQUIRE(claimed->has_value());
  REQUIRE((*interviews)->EnqueueMessage("stays", "msg_stays", "{}", now).ok());

  const std::uint64_t generation = f.store->generation();
  Result<TenantDataDeletion> refused = f.store->DeleteTenant("gone");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == codes::kStorageConflict);
  CHECK(f.store->GetTenant("gone")->has_value());  // all or nothing: still there
  CHECK(audit.List("gone", 0, 10)->size() == 1);
  CHECK(f.store->generation() == generation);

  REQUIRE((*interviews)->FinishJob((*claimed)->id, now + 1).ok());
  Result<TenantDataDeletion> deleted = f.store->DeleteTenant("gone");
  REQUIRE_MESSAGE(deleted.ok(), deleted.error().message);
  CHECK(deleted->rows_by_table.at("tenants") == 1);
  CHECK(deleted->rows_by_table.at("outbox") == 1);
  CHECK(deleted->rows_by_table.at("audit_log") == 1);
  CHECK(f.store->generation() > generation);
  CHECK_FALSE(f.store->GetTenant("gone")->has_value());
  CHECK(audit.List("gone", 0, 10)->empty());

  CHECK(f.store->GetTenant("stays")->has_value());
  CHECK(audit.List("stays", 0, 10)->size() == 1);
  CHECK((*interviews)->CountUnfinishedJobs().value() == 1);  // the other tenant's message is still queued

  Result<TenantDataDeletion> again = f.store->DeleteTenant("gone");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == codes::kNotFound);
}
