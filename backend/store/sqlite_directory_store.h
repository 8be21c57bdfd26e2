// sqlite_directory_store.h — DirectoryStore (directory_store.h) on the embedded SQLite database: tables tenants,
// api_keys, people, rooms, host_accounts and candidates of migration 4 (sqlite_store.cpp).
//
// Contract (in addition to DirectoryStore's):
// - Shares SqliteStore's handle; one mutex serializes this store's statements (as ConnectionStore does).
// - The tenant's ats_webhook_secret is sealed with the TokenVault, associated data "tenant/<id>/ats_webhook_secret"
//   (an empty secret is stored empty); a value copied to another tenant's row does not open ("decrypt_failed").
// - Keys are normalized before use: e-mails (people, rooms, a host account's owner) and host account ids are ASCII
//   lower-cased; a host account id given empty becomes "<provider>:<owner e-mail>", otherwise it must start with
//   "<provider>:". Lists are ordered by that normalized key.
// - Writes validate what they store ("invalid_request" naming the field): tenant id [a-z0-9-]{1,64}; non-empty keys;
//   calendar_provider "", "google" or "microsoft"; host provider zoom|teams|google_meet|goto; policies_json and
//   settings_json JSON objects; working_hours_json "" or a JSON object; load limits and capacity ≥ 0. A row of a
//   tenant that does not exist is "not_found"; an api key id already in use is "key_exists".
// - Reads with an invalid tenant id answer like a missing row (nullopt / empty list): such a row cannot exist.
// - generation() starts at 1 and counts successful writes made through this object (one object per database per
//   process is the intended use; writes by other processes are not noticed).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/token_vault.h"
#include "store/directory_store.h"
#include "store/sqlite_query.h"
#include "store/sqlite_store.h"

namespace slotwise {

class SqliteDirectoryStore final : public DirectoryStore {
 public:
  // `database` and `vault` are borrowed and must outlive the store.
  SqliteDirectoryStore(SqliteStore& database, const crypto::TokenVault& vault) : database_(database), vault_(vault) {}

  Result<Tenant> CreateTenant(const Tenant& tenant) override;
  Result<Tenant> UpdateTenant(const Tenant& tenant) override;  // keeps the stored created_at
  Result<std::optional<Tenant>> GetTenant(const std::string& tenant_id) override;
  Result<std::vector<Tenant>> ListTenants() override;
  Result<TenantDataDeletion> DeleteTenant(const std::string& tenant_id) override;

  Result<bool> AddApiKey(const ApiKeyRecord& key) override;
  Result<std::optional<ApiKeyRecord>> FindApiKey(const std::string& key_id) override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys(const std::string& tenant_id) override;
  Result<bool> RevokeApiKey(const std::string& tenant_id, const std::string& key_id, std::int64_t now) override;
  Result<bool> NoteApiKeyUse(const std::string& key_id, std::int64_t at) override;

  Result<Person> UpsertPerson(const Person& person) override;
  Result<std::optional<Person>> GetPerson(const std::string& tenant_id, const std::string& email) override;
  Result<std::vector<Person>> ListPeople(const std::string& tenant_id) override;
  Result<bool> DeletePerson(const std::string& tenant_id, const std::string& email) override;

  Result<Room> UpsertRoom(const Room& room) override;
  Result<std::optional<Room>> GetRoom(const std::string& tenant_id, const std::string& email) override;
  Result<std::vector<Room>> ListRooms(const std::string& tenant_id) override;
  Result<bool> DeleteRoom(const std::string& tenant_id, const std::string& email) override;
  Result<RoomRefresh> GetRoomRefresh(const std::string& tenant_id) override;
  Result<bool> ClaimRoomRefresh(const std::string& tenant_id, std::int64_t now, std::int64_t last_before) override;
  Result<bool> RecordRoomRefresh(const RoomRefresh& refresh) override;

  Result<HostAccount> UpsertHostAccount(const HostAccount& account) override;
  Result<std::optional<HostAccount>> GetHostAccount(const std::string& tenant_id, const std::string& id) override;
  Result<std::vector<HostAccount>> ListHostAccounts(const std::string& tenant_id) override;
  Result<bool> DeleteHostAccount(const std::string& tenant_id, const std::string& id) override;

  Result<Candidate> UpsertCandidate(const Candidate& candidate) override;
  Result<std::optional<Candidate>> GetCandidate(const std::string& tenant_id, const std::string& id) override;

  std::uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }

 private:
  // Unlocked helpers: callers hold mutex_.
  Result<std::vector<Tenant>> SelectTenants(const std::string& where, const std::vector<SqlValue>& args);
  Result<bool> RowExists(const std::string& sql, const std::vector<SqlValue>& args);
  Result<bool> Write(const std::string& sql, const std::vector<SqlValue>& args);  // Exec, then bumps the generation
  Result<Tenant> WriteTenant(const Tenant& tenant, bool create);
  void Bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  SqliteStore& database_;
  const crypto::TokenVault& vault_;
  std::recursive_mutex& mutex_ = database_.lock();  // shared by every store on the handle (SqliteStore::lock)
  std::atomic<std::uint64_t> generation_{1};
};

// True for [a-z0-9-]{1,64}.
bool IsValidTenantId(std::string_view tenant_id);

}  // namespace slotwise
