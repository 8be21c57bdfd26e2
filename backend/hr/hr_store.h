// hr_store.h — the storage interface for the HR data of hr_model.h: employees, absences, org units, HR credentials,
// Teams channel mappings, the Teams absence-request secret and requests, and the daily post records.
// SqliteHrStore (sqlite_hr_store.h) implements it on the embedded database (migration 6).
//
// Contract (every implementation):
// - Everything is per tenant; a read of another tenant's row answers like a missing row.
// - Get*/Find* answer nullopt for a missing row (not an error); List* answer rows ordered by their key.
// - Upsert* of a batch is all or nothing: one transaction; the first invalid item fails the whole batch with
//   "invalid_request" naming it (field "employees[3].office", …) and nothing is written.
// - Secrets (webhook URLs, the Teams security token) are sealed at rest; callers see plaintext in memory only.
// - Errors: "storage_error" (the database failed), "not_found" (update/delete/revoke of a missing row),
//   "invalid_request" (a value the store cannot keep), "storage_conflict" (an id already taken on create).
// - Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hr/hr_model.h"
#include "slotwise/result.h"

namespace slotwise::hr {

class HrStore {
 public:
  virtual ~HrStore() = default;

  // --- employees (upsert by id; an absent employee stays)
  virtual Result<int> UpsertEmployees(const std::string& tenant_id, const std::vector<Employee>& employees) = 0;
  virtual Result<std::optional<Employee>> GetEmployee(const std::string& tenant_id, const std::string& id) = 0;
  virtual Result<std::vector<Employee>> ListEmployees(const std::string& tenant_id) = 0;
  // By e-mail (ASCII case-insensitive) — how the availability gatherer finds a person's absences.
  virtual Result<std::optional<Employee>> FindEmployeeByEmail(const std::string& tenant_id,
                                                              const std::string& email) = 0;
  // By Teams user (Entra object id, compared case-insensitively) — who sent an absence request.
  virtual Result<std::optional<Employee>> FindEmployeeByTeamsUser(const std::string& tenant_id,
                                                                  const std::string& aad_object_id) = 0;

  // --- absences (upsert by id). Every employee_id / substitute_id must name an employee of the tenant.
  virtual Result<int> UpsertAbsences(const std::string& tenant_id, const std::vector<Absence>& absences) = 0;
  // Absences of the tenant (every status) whose [first_day, last_day] meets [from_day, to_day] (inclusive days),
  // ordered by (first_day, id); `employee_id` "" = everyone.
  virtual Result<std::vector<Absence>> ListAbsences(const std::string& tenant_id, const std::string& employee_id,
                                                    const std::string& from_day, const std::string& to_day) = 0;
  // Changes (at least) after every write of employees or absences: readers may cache them until it moves.
  virtual std::uint64_t people_generation() const = 0;

  // --- the tenant's absence types (hr_model.h AbsenceType): replaced as a whole, listed in the given order
  virtual Result<bool> ReplaceAbsenceTypes(const std::string& tenant_id, const std::vector<AbsenceType>& types,
                                           std::int64_t now) = 0;
  virtual Result<std::vector<AbsenceType>> ListAbsenceTypes(const std::string& tenant_id) = 0;

  // --- org units (upsert by kind + name)
  virtual Result<int> UpsertOrgUnits(const std::string& tenant_id, const std::vector<OrgUnit>& units) = 0;
  virtual Result<std::vector<OrgUnit>> ListOrgUnits(const std::string& tenant_id) = 0;

  // --- HR credentials (hashes only)
  virtual Result<bool> AddCredential(const HrCredential& credential) = 0;  // "storage_conflict": id taken
  virtual Result<std::optional<HrCredential>> FindCredential(const std::string& credential_id) = 0;
  virtual Result<std::vector<HrCredential>> ListCredentials(const std::string& tenant_id) = 0;
  virtual Result<bool> RevokeCredential(const std::string& tenant_id, const std::string& credential_id,
                                        std::int64_t now) = 0;

  // --- channel mappings
  virtual Result<ChannelMapping> CreateMapping(const ChannelMapping& mapping) = 0;  // "storage_conflict": id taken
  virtual Result<ChannelMapping> UpdateMapping(const ChannelMapping& mapping) = 0;  // keeps created_at
  virtual Result<std::optional<ChannelMapping>> GetMapping(const std::string& tenant_id, const std::string& id) = 0;
  virtual Result<std::vector<ChannelMapping>> ListMappings(const std::string& tenant_id) = 0;
  virtual Result<std::vector<ChannelMapping>> ListAllMappings() = 0;  // every tenant's, for the scheduler
  virtual Result<bool> DeleteMapping(const std::string& tenant_id, const std::string& id) = 0;  // and its records

  // --- Teams absence requests: the outgoing webhook's security token and the answered requests (replays)
  virtual Result<bool> SetTeamsSecret(const std::string& tenant_id, const std::string& security_token,
                                      std::int64_t now) = 0;
  virtual Result<std::optional<std::string>> GetTeamsSecret(const std::string& tenant_id) = 0;
  // The stored answer to Teams activity `activity_id`, if it was answered before.
  virtual Result<std::optional<std::string>> GetRequestAnswer(const std::string& tenant_id,
                                                              const std::string& activity_id) = 0;
  // Stores the answer to `activity_id`, and `absence` (when non-null) in the same transaction.
  // "storage_conflict" when the activity was answered meanwhile.
  virtual Result<bool> CommitRequest(const std::string& tenant_id, const std::string& activity_id,
                                     const Absence* absence, const std::string& answer_json, std::int64_t now) = 0;

  // --- daily post records (hr_daily_scheduler.h)
  virtual Result<std::optional<PostRecord>> GetPost(const std::string& mapping_id, const std::string& local_day) = 0;
  // Inserts `record` unless a record for (mapping, day) exists. true = inserted (this caller owns the post).
  virtual Result<bool> ClaimPost(const PostRecord& record) = 0;
  virtual Result<bool> UpdatePost(const PostRecord& record) = 0;  // "not_found" when it was never claimed
  // The newest records of a mapping, newest day first, at most `limit`.
  virtual Result<std::vector<PostRecord>> ListPosts(const std::string& mapping_id, int limit) = 0;
  // Every record in state intent (crash recovery at start-up) or retry.
  virtual Result<std::vector<PostRecord>> ListUnfinishedPosts() = 0;
};

}  // namespace slotwise::hr
