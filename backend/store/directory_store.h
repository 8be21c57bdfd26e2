// directory_store.h — the storage interface for tenants and their directory (tenant_model.h): settings, API keys,
// people, rooms, video host accounts and candidates. SqliteDirectoryStore (sqlite_directory_store.h) implements it
// on the embedded database; a PostgreSQL implementation will implement the same interface.
//
// Contract (every implementation):
// - E-mail keys are compared ASCII case-insensitively (stored lower-cased); Upsert* creates or replaces the whole row.
// - Get* answer nullopt for a missing row (not an error); List* answer rows ordered by their key.
// - Secrets (the tenant's ATS webhook secret) are sealed at rest; callers only ever see plaintext in memory.
// - Errors: "storage_error" (the database failed), "not_found" (Update/Delete/Revoke of a missing row),
//   "invalid_request" (a value the store cannot keep: empty keys, a tenant id outside [a-z0-9-]{1,64}).
// - Thread-safe.
// - `generation()` increases on every successful write, so readers can cache snapshots and notice changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "slotwise/result.h"
#include "store/tenant_data_deletion.h"
#include "store/tenant_model.h"

namespace slotwise {

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual Result<Tenant> CreateTenant(const Tenant& tenant) = 0;  // "tenant_exists" when the id is taken
  virtual Result<Tenant> UpdateTenant(const Tenant& tenant) = 0;
  virtual Result<std::optional<Tenant>> GetTenant(const std::string& tenant_id) = 0;
  virtual Result<std::vector<Tenant>> ListTenants() = 0;
  // Removes the tenant and everything held for it (store/tenant_data_deletion.h: all or nothing, "not_found",
  // "storage_conflict" while one of its outbox jobs runs); answers the rows deleted per table.
  virtual Result<TenantDataDeletion> DeleteTenant(const std::string& tenant_id) = 0;

  virtual Result<bool> AddApiKey(const ApiKeyRecord& key) = 0;
  virtual Result<std::optional<ApiKeyRecord>> FindApiKey(const std::string& key_id) = 0;
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys(const std::string& tenant_id) = 0;
  virtual Result<bool> RevokeApiKey(const std::string& tenant_id, const std::string& key_id, std::int64_t now) = 0;
  // Records that key `key_id` authenticated a request at `at` (never moves last_used_at back). Unlike every other write
  // it does not advance generation(): nothing cached depends on it.
  virtual Result<bool> NoteApiKeyUse(const std::string& key_id, std::int64_t at) = 0;

  virtual Result<Person> UpsertPerson(const Person& person) = 0;
  virtual Result<std::optional<Person>> GetPerson(const std::string& tenant_id, const std::string& email) = 0;
  virtual Result<std::vector<Person>> ListPeople(const std::string& tenant_id) = 0;
  virtual Result<bool> DeletePerson(const std::string& tenant_id, const std::string& email) = 0;

  virtual Result<Room> UpsertRoom(const Room& room) = 0;
  virtual Result<std::optional<Room>> GetRoom(const std::string& tenant_id, const std::string& email) = 0;
  virtual Result<std::vector<Room>> ListRooms(const std::string& tenant_id) = 0;
  virtual Result<bool> DeleteRoom(const std::string& tenant_id, const std::string& email) = 0;
  // The tenant's room-refresh record (a default one, attempted_at 0, when it never ran).
  virtual Result<RoomRefresh> GetRoomRefresh(const std::string& tenant_id) = 0;
  // Claims the tenant's next refresh at `now` when its last attempt started at or before `last_before` (or it never
  // ran): true = this caller runs it (attempted_at is now `now`), false = another claimed it meanwhile. Atomic, also
  // across processes on one database.
  virtual Result<bool> ClaimRoomRefresh(const std::string& tenant_id, std::int64_t now, std::int64_t last_before) = 0;
  // Stores the outcome of the refresh claimed at `refresh.attempted_at` (refreshed_at kept when it failed).
  virtual Result<bool> RecordRoomRefresh(const RoomRefresh& refresh) = 0;

  virtual Result<HostAccount> UpsertHostAccount(const HostAccount& account) = 0;
  virtual Result<std::optional<HostAccount>> GetHostAccount(const std::string& tenant_id, const std::string& id) = 0;
  virtual Result<std::vector<HostAccount>> ListHostAccounts(const std::string& tenant_id) = 0;
  virtual Result<bool> DeleteHostAccount(const std::string& tenant_id, const std::string& id) = 0;

  virtual Result<Candidate> UpsertCandidate(const Candidate& candidate) = 0;
  virtual Result<std::optional<Candidate>> GetCandidate(const std::string& tenant_id, const std::string& id) = 0;

  virtual std::uint64_t generation() const = 0;
};

}  // namespace slotwise
