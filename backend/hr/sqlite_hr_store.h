// sqlite_hr_store.h — HrStore (hr_store.h) on the embedded SQLite database: the hr_* tables of migration 6
// (sqlite_store.cpp).
//
// Contract (in addition to HrStore's):
// - Opens its OWN connection to the database file (so its BEGIN IMMEDIATE transactions never interleave with
//   statements other stores run on the server's shared handle); one mutex serializes every statement of this object.
//   Writers of other processes are serialized by SQLite's lock (busy timeout 5 s).
// - Batches run in one BEGIN IMMEDIATE transaction; a failure rolls everything back.
// - Webhook URLs are sealed with the TokenVault, associated data "hr/<tenant>/mapping/<id>/webhook_url"; the Teams
//   security token with "hr/<tenant>/teams_security_token". A sealed value copied to another row does not open.
// - E-mails are stored lower-cased; Teams user ids are compared lower-cased.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "crypto/token_vault.h"
#include "hr/hr_store.h"
#include "store/sqlite_store.h"

namespace slotwise::hr {

class SqliteHrStore final : public HrStore {
 public:
  // Opens a connection to the (already migrated) database at `path`. `vault` is borrowed and must outlive the store.
  static Result<std::unique_ptr<SqliteHrStore>> Open(const std::string& path, const crypto::TokenVault& vault);

  Result<int> UpsertEmployees(const std::string& tenant_id, const std::vector<Employee>& employees) override;
  Result<std::optional<Employee>> GetEmployee(const std::string& tenant_id, const std::string& id) override;
  Result<std::vector<Employee>> ListEmployees(const std::string& tenant_id) override;
  Result<std::optional<Employee>> FindEmployeeByEmail(const std::string& tenant_id, const std::string& email) override;
  std::uint64_t people_generation() const override { return people_generation_.load(); }
  Result<std::optional<Employee>> FindEmployeeByTeamsUser(const std::string& tenant_id,
                                                          const std::string& aad_object_id) override;

  Result<int> UpsertAbsences(const std::string& tenant_id, const std::vector<Absence>& absences) override;
  Result<std::vector<Absence>> ListAbsences(const std::string& tenant_id, const std::string& employee_id,
                                            const std::string& from_day, const std::string& to_day) override;

  Result<int> UpsertOrgUnits(const std::string& tenant_id, const std::vector<OrgUnit>& units) override;
  Result<std::vector<OrgUnit>> ListOrgUnits(const std::string& tenant_id) override;
  Result<bool> ReplaceAbsenceTypes(const std::string& tenant_id, const std::vector<AbsenceType>& types,
                                   std::int64_t now) override;
  Result<std::vector<AbsenceType>> ListAbsenceTypes(const std::string& tenant_id) override;

  Result<bool> AddCredential(const HrCredential& credential) override;
  Result<std::optional<HrCredential>> FindCredential(const std::string& credential_id) override;
  Result<std::vector<HrCredential>> ListCredentials(const std::string& tenant_id) override;
  Result<bool> RevokeCredential(const std::string& tenant_id, const std::string& credential_id,
                                std::int64_t now) override;

  Result<ChannelMapping> CreateMapping(const ChannelMapping& mapping) override;
  Result<ChannelMapping> UpdateMapping(const ChannelMapping& mapping) override;
  Result<std::optional<ChannelMapping>> GetMapping(const std::string& tenant_id, const std::string& id) override;
  Result<std::vector<ChannelMapping>> ListMappings(const std::string& tenant_id) override;
  Result<std::vector<ChannelMapping>> ListAllMappings() override;
  Result<bool> DeleteMapping(const std::string& tenant_id, const std::string& id) override;

  Result<bool> SetTeamsSecret(const std::string& tenant_id, const std::string& security_token,
                              std::int64_t now) override;
  Result<std::optional<std::string>> GetTeamsSecret(const std::string& tenant_id) override;
  Result<std::optional<std::string>> GetRequestAnswer(const std::string& tenant_id,
                                                      const std::string& activity_id) override;
  Result<bool> CommitRequest(const std::string& tenant_id, const std::string& activity_id, const Absence* absence,
                             const std::string& answer_json, std::int64_t now) override;

  Result<std::optional<PostRecord>> GetPost(const std::string& mapping_id, const std::string& local_day) override;
  Result<bool> ClaimPost(const PostRecord& record) override;
  Result<bool> UpdatePost(const PostRecord& record) override;
  Result<std::vector<PostRecord>> ListPosts(const std::string& mapping_id, int limit) override;
  Result<std::vector<PostRecord>> ListUnfinishedPosts() override;

 private:
  SqliteHrStore(std::unique_ptr<SqliteStore> database, const crypto::TokenVault& vault)
      : database_(std::move(database)), vault_(vault) {}
  Result<std::vector<ChannelMapping>> SelectMappings(const std::string& where, const std::vector<std::string>& args);
  Result<bool> WriteAbsence(const Absence& absence);  // caller holds mutex_ inside a transaction

  std::unique_ptr<SqliteStore> database_;
  const crypto::TokenVault& vault_;
  std::mutex mutex_;
  std::atomic<std::uint64_t> people_generation_{0};  // bumped before every employee/absence write
};

}  // namespace slotwise::hr
