// sqlite_hr_store.cpp — see sqlite_hr_store.h.
//
// [SECTION] Helpers (transactions, statements, row mappers)
// [SECTION] Employees
// [SECTION] Absences
// [SECTION] Org units
// [SECTION] Credentials
// [SECTION] Channel mappings
// [SECTION] Teams requests
// [SECTION] Daily post records
#include "hr/sqlite_hr_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <variant>

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "store/sqlite_query.h"

namespace slotwise::hr {

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers (transactions, statements, row mappers)
// -----------------------------------------------------------------------------------------------------------------

namespace {

using nlohmann::json;

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }
Error NotFound(const std::string& message) { return Error{codes::kNotFound, message, ""}; }

Result<bool> TenantExists(sqlite3* db, const std::string& tenant_id) {
  return Exists(db, "SELECT 1 FROM tenants WHERE id = ?1", {tenant_id});
}

std::string WebhookContext(const std::string& tenant_id, const std::string& mapping_id) {
  return "hr/" + tenant_id + "/mapping/" + mapping_id + "/webhook_url";
}
std::string TeamsSecretContext(const std::string& tenant_id) { return "hr/" + tenant_id + "/teams_security_token"; }

constexpr const char* kEmployeeColumns =
    "tenant_id, id, first_name, last_name, email, hire_date, termination_date, position, status, office, department, "
    "team, birthday, time_zone, working_hours, teams_user_id";

Employee MapEmployee(SqlRow& row) {
  Employee e;
  e.tenant_id = row.Text();
  e.id = row.Text();
  e.first_name = row.Text();
  e.last_name = row.Text();
  e.email = row.Text();
  e.hire_date = row.Text();
  e.termination_date = row.Text();
  e.position = row.Text();
  e.status = row.Text();
  e.office = row.Text();
  e.department = row.Text();
  e.team = row.Text();
  e.birthday = row.Text();
  e.time_zone = row.Text();
  e.working_hours_json = row.Text();
  e.teams_user_id = row.Text();
  return e;
}

constexpr const char* kAbsenceColumns =
    "tenant_id, id, employee_id, type, first_day, first_day_part, last_day, last_day_part, substitute_id, status, "
    "source, comment, created_at, updated_at";

Result<Absence> MapAbsence(SqlRow& row) {
  Absence a;
  a.tenant_id = row.Text();
  a.id = row.Text();
  a.employee_id = row.Text();
  a.type = row.Text();
  a.first_day = row.Text();
  std::optional<DayPart> first = ParseDayPart(row.Text());
  a.last_day = row.Text();
  std::optional<DayPart> last = ParseDayPart(row.Text());
  a.substitute_id = row.Text();
  std::optional<AbsenceStatus> status = ParseAbsenceStatus(row.Text());
  if (!first || !last || !status) return Error{codes::kStorageError, "absence " + a.id + " has an unreadable value", ""};
  a.first_day_part = *first;
  a.last_day_part = *last;
  a.status = *status;
  a.source = row.Text();
  a.comment = row.Text();
  a.created_at = row.Int();
  a.updated_at = row.Int();
  return a;
}

Result<HrCredential> MapCredential(SqlRow& row) {
  HrCredential c;
  c.credential_id = row.Text();
  c.tenant_id = row.Text();
  c.secret_hash = row.Text();
  c.label = row.Text();
  const json attributes = slotwise::ParseJson(row.Text());
  if (!attributes.is_array()) return Error{codes::kStorageError, "credential attributes are not a JSON array", ""};
  for (const json& item : attributes) {
    if (item.is_string()) c.attributes.push_back(item.get<std::string>());
  }
  c.created_at = row.Int();
  c.revoked_at = row.Int();
  return c;
}

constexpr const char* kPostColumns =
    "mapping_id, local_day, state, attempts, next_attempt_at, message_id, last_error, scheduled_at, posted_at, "
    "updated_at";

Result<PostRecord> MapPost(SqlRow& row) {
  PostRecord r;
  r.mapping_id = row.Text();
  r.local_day = row.Text();
  std::optional<PostState> state = ParsePostState(row.Text());
  if (!state) return Error{codes::kStorageError, "post record " + r.mapping_id + "/" + r.local_day + " has no state", ""};
  r.state = *state;
  r.attempts = row.Int();
  r.next_attempt_at = row.Int();
  r.message_id = row.Text();
  r.last_error = row.Text();
  r.scheduled_at = row.Int();
  r.posted_at = row.Int();
  r.updated_at = row.Int();
  return r;
}

}  // namespace

Result<std::unique_ptr<SqliteHrStore>> SqliteHrStore::Open(const std::string& path, const crypto::TokenVault& vault) {
  Result<std::unique_ptr<SqliteStore>> database = SqliteStore::Open(path);
  if (!database) return database.error();
  if (database.value()->SchemaVersion() < 6) {
    return Error{codes::kStorageError, "the database at " + path + " lacks the HR tables (migration 6)", ""};
  }
  return std::unique_ptr<SqliteHrStore>(new SqliteHrStore(std::move(database).value(), vault));
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Employees
// -----------------------------------------------------------------------------------------------------------------

Result<int> SqliteHrStore::UpsertEmployees(const std::string& tenant_id, const std::vector<Employee>& employees) {
  ++people_generation_;  // before the write: a reader that saw the old generation reloads
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<bool> tenant = TenantExists(db, tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + tenant_id + "\"");
  Result<PreparedSql> insert = PreparedSql::Prepare(
      db, std::string("INSERT OR REPLACE INTO hr_employees (") + kEmployeeColumns +
              ", updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
              "strftime('%s','now'))");
  if (!insert) return insert.error();
  for (std::size_t i = 0; i < employees.size(); ++i) {
    const Employee& e = employees[i];
    if (e.id.empty()) return Invalid("employees[" + std::to_string(i) + "].id", "an employee needs an id");
    Result<int> done = insert->Exec({tenant_id, e.id, e.first_name, e.last_name, AsciiLower(e.email), e.hire_date,
                                     e.termination_date, e.position, e.status, e.office, e.department, e.team,
                                     e.birthday, e.time_zone, e.working_hours_json, AsciiLower(e.teams_user_id)});
    if (!done) return done.error();
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return static_cast<int>(employees.size());
}

Result<std::optional<Employee>> SqliteHrStore::GetEmployee(const std::string& tenant_id, const std::string& id) {
  std::lock_guard lock(mutex_);
  return First(Query<Employee>(database_->handle(),
                               std::string("SELECT ") + kEmployeeColumns +
                                   " FROM hr_employees WHERE tenant_id = ?1 AND id = ?2",
                               {tenant_id, id}, MapEmployee));
}

Result<std::vector<Employee>> SqliteHrStore::ListEmployees(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<Employee>(database_->handle(),
                         std::string("SELECT ") + kEmployeeColumns + " FROM hr_employees WHERE tenant_id = ?1 ORDER BY id",
                         {tenant_id}, MapEmployee);
}

Result<std::optional<Employee>> SqliteHrStore::FindEmployeeByEmail(const std::string& tenant_id,
                                                                   const std::string& email) {
  if (email.empty()) return std::optional<Employee>();
  std::lock_guard lock(mutex_);
  return First(Query<Employee>(database_->handle(),
                               std::string("SELECT ") + kEmployeeColumns +
                                   " FROM hr_employees WHERE tenant_id = ?1 AND email = ?2 ORDER BY id",
                               {tenant_id, AsciiLower(email)}, MapEmployee));
}

Result<std::optional<Employee>> SqliteHrStore::FindEmployeeByTeamsUser(const std::string& tenant_id,
                                                                       const std::string& aad_object_id) {
  if (aad_object_id.empty()) return std::optional<Employee>();
  std::lock_guard lock(mutex_);
  return First(Query<Employee>(database_->handle(),
                               std::string("SELECT ") + kEmployeeColumns +
                                   " FROM hr_employees WHERE tenant_id = ?1 AND teams_user_id = ?2 ORDER BY id",
                               {tenant_id, AsciiLower(aad_object_id)}, MapEmployee));
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Absences
// -----------------------------------------------------------------------------------------------------------------

Result<bool> SqliteHrStore::WriteAbsence(const Absence& a) {
  Result<int> done = Exec(
      database_->handle(),
      std::string("INSERT INTO hr_absences (") + kAbsenceColumns +
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
          "ON CONFLICT (tenant_id, id) DO UPDATE SET employee_id = ?3, type = ?4, first_day = ?5, "
          "first_day_part = ?6, last_day = ?7, last_day_part = ?8, substitute_id = ?9, status = ?10, source = ?11, "
          "comment = ?12, updated_at = ?14",
      {a.tenant_id, a.id, a.employee_id, a.type, a.first_day, std::string(DayPartName(a.first_day_part)), a.last_day,
       std::string(DayPartName(a.last_day_part)), a.substitute_id, std::string(AbsenceStatusName(a.status)), a.source,
       a.comment, a.created_at, a.updated_at});
  if (!done) return done.error();
  return true;
}

Result<int> SqliteHrStore::UpsertAbsences(const std::string& tenant_id, const std::vector<Absence>& absences) {
  ++people_generation_;  // before the write: a reader that saw the old generation reloads
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<bool> tenant = TenantExists(db, tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + tenant_id + "\"");
  for (std::size_t i = 0; i < absences.size(); ++i) {
    const std::string path = "absences[" + std::to_string(i) + "]";
    Absence a = absences[i];
    a.tenant_id = tenant_id;
    if (a.id.empty()) return Invalid(path + ".id", "an absence needs an id");
    for (const auto& [who, field] : {std::pair{a.employee_id, ".employee_id"}, {a.substitute_id, ".substitute_id"}}) {
      if (who.empty() && std::string(field) == ".substitute_id") continue;
      Result<bool> known = Exists(db, "SELECT 1 FROM hr_employees WHERE tenant_id = ?1 AND id = ?2", {tenant_id, who});
      if (!known) return known.error();
      if (!*known) return Invalid(path + field, "no employee with the id \"" + who + "\"");
    }
    if (Result<bool> written = WriteAbsence(a); !written) return written.error();
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return static_cast<int>(absences.size());
}

Result<std::vector<Absence>> SqliteHrStore::ListAbsences(const std::string& tenant_id, const std::string& employee_id,
                                                         const std::string& from_day, const std::string& to_day) {
  std::lock_guard lock(mutex_);
  // ISO dates compare as text.
  return Query<Absence>(database_->handle(),
                        std::string("SELECT ") + kAbsenceColumns +
                            " FROM hr_absences WHERE tenant_id = ?1 AND (?2 = '' OR employee_id = ?2) "
                            "AND first_day <= ?4 AND last_day >= ?3 ORDER BY first_day, id",
                        {tenant_id, employee_id, from_day, to_day}, MapAbsence);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Org units
// -----------------------------------------------------------------------------------------------------------------

Result<int> SqliteHrStore::UpsertOrgUnits(const std::string& tenant_id, const std::vector<OrgUnit>& units) {
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<bool> tenant = TenantExists(db, tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + tenant_id + "\"");
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].name.empty()) return Invalid("org_units[" + std::to_string(i) + "].name", "an org unit needs a name");
    Result<int> done = Exec(db,
                            "INSERT OR REPLACE INTO hr_org_units (tenant_id, kind, name, parent) "
                            "VALUES (?1, ?2, ?3, ?4)",
                            {tenant_id, std::string(OrgUnitKindName(units[i].kind)), units[i].name, units[i].parent});
    if (!done) return done.error();
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return static_cast<int>(units.size());
}

Result<std::vector<OrgUnit>> SqliteHrStore::ListOrgUnits(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<OrgUnit>(
      database_->handle(),
      "SELECT tenant_id, kind, name, parent FROM hr_org_units WHERE tenant_id = ?1 ORDER BY kind, name", {tenant_id},
      [](SqlRow& row) -> Result<OrgUnit> {
        const std::string unit_tenant = row.Text();
        std::optional<OrgUnitKind> kind = ParseOrgUnitKind(row.Text());
        if (!kind) return Error{codes::kStorageError, "an org unit has an unknown kind", ""};
        return OrgUnit{unit_tenant, *kind, row.Text(), row.Text()};
      });
}

Result<bool> SqliteHrStore::ReplaceAbsenceTypes(const std::string& tenant_id, const std::vector<AbsenceType>& types,
                                                std::int64_t now) {
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<bool> tenant = TenantExists(db, tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + tenant_id + "\"");
  if (Result<int> cleared = Exec(db, "DELETE FROM hr_absence_types WHERE tenant_id = ?1", {tenant_id}); !cleared) {
    return cleared.error();
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    Result<int> done = Exec(db,
                            "INSERT INTO hr_absence_types (tenant_id, id, position, names, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)",
                            {tenant_id, types[i].id, static_cast<std::int64_t>(i), DumpJson(json(types[i].names)), now});
    if (!done) return done.error();
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return true;
}

Result<std::vector<AbsenceType>> SqliteHrStore::ListAbsenceTypes(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<AbsenceType>(
      database_->handle(), "SELECT id, names FROM hr_absence_types WHERE tenant_id = ?1 ORDER BY position",
      {tenant_id}, [](SqlRow& row) -> Result<AbsenceType> {
        AbsenceType type;
        type.id = row.Text();
        const json names = slotwise::ParseJson(row.Text());
        if (!names.is_object()) return Error{codes::kStorageError, "an absence type's names are not JSON", ""};
        for (const auto& [language, name] : names.items()) {
          if (name.is_string()) type.names[language] = name.get<std::string>();
        }
        return type;
      });
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Credentials
// -----------------------------------------------------------------------------------------------------------------

Result<bool> SqliteHrStore::AddCredential(const HrCredential& c) {
  if (c.credential_id.empty() || c.secret_hash.empty()) return Invalid("credential_id", "a credential needs an id and a hash");
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  Result<bool> tenant = TenantExists(db, c.tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + c.tenant_id + "\"");
  Result<int> done = Exec(
      db,
      "INSERT INTO hr_credentials (credential_id, tenant_id, secret_hash, label, attributes, "
      "created_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      {c.credential_id, c.tenant_id, c.secret_hash, c.label, DumpJson(json(c.attributes)), c.created_at, c.revoked_at});
  if (!done) return done.error();
  return true;
}

Result<std::optional<HrCredential>> SqliteHrStore::FindCredential(const std::string& credential_id) {
  std::lock_guard lock(mutex_);
  return First(Query<HrCredential>(database_->handle(),
                                   "SELECT credential_id, tenant_id, secret_hash, label, attributes, created_at, "
                                   "revoked_at FROM hr_credentials WHERE credential_id = ?1",
                                   {credential_id}, MapCredential));
}

Result<std::vector<HrCredential>> SqliteHrStore::ListCredentials(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<HrCredential>(database_->handle(),
                             "SELECT credential_id, tenant_id, secret_hash, label, attributes, created_at, revoked_at "
                             "FROM hr_credentials WHERE tenant_id = ?1 ORDER BY credential_id",
                             {tenant_id}, MapCredential);
}

Result<bool> SqliteHrStore::RevokeCredential(const std::string& tenant_id, const std::string& credential_id,
                                             std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<int> changed = Exec(database_->handle(),
                             "UPDATE hr_credentials SET revoked_at = CASE WHEN revoked_at = 0 THEN ?3 ELSE revoked_at "
                             "END WHERE tenant_id = ?1 AND credential_id = ?2",
                             {tenant_id, credential_id, now});
  if (!changed) return changed.error();
  if (*changed == 0) return NotFound("no HR credential \"" + credential_id + "\"");
  return true;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Channel mappings
// -----------------------------------------------------------------------------------------------------------------

Result<std::vector<ChannelMapping>> SqliteHrStore::SelectMappings(const std::string& where,
                                                                  const std::vector<std::string>& args) {
  std::vector<SqlValue> values(args.begin(), args.end());
  return Query<ChannelMapping>(
      database_->handle(),
      "SELECT tenant_id, id, unit_kind, unit_name, target_kind, team_id, channel_id, connection_id, "
      "webhook_url_sealed, language, time_of_day, time_zone, weekdays, toggles, enabled, created_at, updated_at "
      "FROM hr_channel_mappings " +
          where + " ORDER BY tenant_id, id",
      values, [this](SqlRow& row) -> Result<ChannelMapping> {
        ChannelMapping m;
        m.tenant_id = row.Text();
        m.id = row.Text();
        std::optional<OrgUnitKind> kind = ParseOrgUnitKind(row.Text());
        m.unit_name = row.Text();
        std::optional<TargetKind> target = ParseTargetKind(row.Text());
        if (!kind || !target) return Error{codes::kStorageError, "mapping " + m.id + " has an unreadable kind", ""};
        m.unit_kind = *kind;
        m.target_kind = *target;
        m.team_id = row.Text();
        m.channel_id = row.Text();
        m.connection_id = row.Text();
        if (const std::string sealed = row.Text(); !sealed.empty()) {
          Result<std::string> url = vault_.Open(sealed, WebhookContext(m.tenant_id, m.id));
          if (!url) return url.error();
          m.webhook_url = std::move(url).value();
        }
        m.language = row.Text();
        m.time_of_day = static_cast<std::int32_t>(row.Int());
        m.time_zone = row.Text();
        const json weekdays = slotwise::ParseJson(row.Text());
        m.weekdays.clear();
        if (weekdays.is_array()) {
          for (const json& day : weekdays) {
            if (day.is_number_integer()) m.weekdays.push_back(day.get<int>());
          }
        }
        const json toggles = slotwise::ParseJson(row.Text());
        if (toggles.is_object()) {
          m.toggles.absences = toggles.value("absences", true);
          m.toggles.birthdays = toggles.value("birthdays", true);
          m.toggles.anniversaries = toggles.value("anniversaries", true);
          m.toggles.new_joiners = toggles.value("new_joiners", true);
        }
        m.enabled = row.Int() != 0;
        m.created_at = row.Int();
        m.updated_at = row.Int();
        return m;
      });
}

namespace {

std::vector<SqlValue> MappingValues(const ChannelMapping& m, const std::string& sealed_url) {
  const json toggles = {{"absences", m.toggles.absences},
                        {"birthdays", m.toggles.birthdays},
                        {"anniversaries", m.toggles.anniversaries},
                        {"new_joiners", m.toggles.new_joiners}};
  return {m.id, m.tenant_id, std::string(OrgUnitKindName(m.unit_kind)), m.unit_name,
          std::string(TargetKindName(m.target_kind)), m.team_id, m.channel_id, m.connection_id, sealed_url, m.language,
          std::int64_t{m.time_of_day}, m.time_zone, DumpJson(json(m.weekdays)), DumpJson(toggles),
          std::int64_t{m.enabled ? 1 : 0}, m.created_at, m.updated_at};
}

}  // namespace

Result<ChannelMapping> SqliteHrStore::CreateMapping(const ChannelMapping& mapping) {
  if (mapping.id.empty()) return Invalid("id", "a mapping needs an id");
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  Result<bool> tenant = TenantExists(db, mapping.tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + mapping.tenant_id + "\"");
  const std::string sealed =
      mapping.webhook_url.empty() ? "" : vault_.Seal(mapping.webhook_url, WebhookContext(mapping.tenant_id, mapping.id));
  Result<int> done = Exec(db,
                          "INSERT INTO hr_channel_mappings (id, tenant_id, unit_kind, unit_name, target_kind, "
                          "team_id, channel_id, connection_id, webhook_url_sealed, language, time_of_day, "
                          "time_zone, weekdays, toggles, enabled, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
                          "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                          MappingValues(mapping, sealed));
  if (!done) return done.error();
  return mapping;
}

Result<ChannelMapping> SqliteHrStore::UpdateMapping(const ChannelMapping& mapping) {
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  Result<std::vector<std::int64_t>> created =
      Query<std::int64_t>(db, "SELECT created_at FROM hr_channel_mappings WHERE tenant_id = ?1 AND id = ?2",
                          {mapping.tenant_id, mapping.id}, [](SqlRow& row) { return row.Int(); });
  if (!created) return created.error();
  if (created->empty()) return NotFound("no channel mapping \"" + mapping.id + "\"");
  ChannelMapping stored = mapping;
  stored.created_at = created->front();
  const std::string sealed =
      stored.webhook_url.empty() ? "" : vault_.Seal(stored.webhook_url, WebhookContext(stored.tenant_id, stored.id));
  Result<int> done = Exec(db,
                          "UPDATE hr_channel_mappings SET tenant_id = ?2, unit_kind = ?3, unit_name = ?4, "
                          "target_kind = ?5, team_id = ?6, channel_id = ?7, connection_id = ?8, "
                          "webhook_url_sealed = ?9, language = ?10, time_of_day = ?11, time_zone = ?12, "
                          "weekdays = ?13, toggles = ?14, enabled = ?15, created_at = ?16, updated_at = ?17 "
                          "WHERE id = ?1",
                          MappingValues(stored, sealed));
  if (!done) return done.error();
  return stored;
}

Result<std::optional<ChannelMapping>> SqliteHrStore::GetMapping(const std::string& tenant_id, const std::string& id) {
  std::lock_guard lock(mutex_);
  return First(SelectMappings("WHERE tenant_id = ?1 AND id = ?2", {tenant_id, id}));
}

Result<std::vector<ChannelMapping>> SqliteHrStore::ListMappings(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return SelectMappings("WHERE tenant_id = ?1", {tenant_id});
}

Result<std::vector<ChannelMapping>> SqliteHrStore::ListAllMappings() {
  std::lock_guard lock(mutex_);
  return SelectMappings("", {});
}

Result<bool> SqliteHrStore::DeleteMapping(const std::string& tenant_id, const std::string& id) {
  std::lock_guard lock(mutex_);
  Result<int> changed =
      Exec(database_->handle(), "DELETE FROM hr_channel_mappings WHERE tenant_id = ?1 AND id = ?2", {tenant_id, id});
  if (!changed) return changed.error();
  if (*changed == 0) return NotFound("no channel mapping \"" + id + "\"");
  return true;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Teams requests
// -----------------------------------------------------------------------------------------------------------------

Result<bool> SqliteHrStore::SetTeamsSecret(const std::string& tenant_id, const std::string& security_token,
                                           std::int64_t now) {
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  Result<bool> tenant = TenantExists(db, tenant_id);
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + tenant_id + "\"");
  Result<int> done = Exec(db,
                          "INSERT OR REPLACE INTO hr_teams_settings (tenant_id, security_token_sealed, updated_at) "
                          "VALUES (?1, ?2, ?3)",
                          {tenant_id, vault_.Seal(security_token, TeamsSecretContext(tenant_id)), now});
  if (!done) return done.error();
  return true;
}

Result<std::optional<std::string>> SqliteHrStore::GetTeamsSecret(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  Result<std::optional<std::string>> sealed = First(Query<std::string>(
      database_->handle(), "SELECT security_token_sealed FROM hr_teams_settings WHERE tenant_id = ?1", {tenant_id},
      [](SqlRow& row) { return row.Text(); }));
  if (!sealed) return sealed.error();
  if (!sealed->has_value()) return std::optional<std::string>();
  Result<std::string> opened = vault_.Open(**sealed, TeamsSecretContext(tenant_id));
  if (!opened) return opened.error();
  return std::optional<std::string>(std::move(opened).value());
}

Result<std::optional<std::string>> SqliteHrStore::GetRequestAnswer(const std::string& tenant_id,
                                                                   const std::string& activity_id) {
  std::lock_guard lock(mutex_);
  return First(Query<std::string>(database_->handle(),
                                  "SELECT answer FROM hr_absence_requests WHERE tenant_id = ?1 AND activity_id = ?2",
                                  {tenant_id, activity_id}, [](SqlRow& row) { return row.Text(); }));
}

Result<bool> SqliteHrStore::CommitRequest(const std::string& tenant_id, const std::string& activity_id,
                                          const Absence* absence, const std::string& answer_json, std::int64_t now) {
  ++people_generation_;  // stores a requested absence
  sqlite3* db = database_->handle();
  std::lock_guard lock(mutex_);
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<int> inserted = Exec(db,
                              "INSERT INTO hr_absence_requests (tenant_id, activity_id, absence_id, answer, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                              {tenant_id, activity_id, absence ? absence->id : std::string(), answer_json, now});
  if (!inserted) return inserted.error();  // storage_conflict when answered meanwhile
  if (absence) {
    if (Result<bool> written = WriteAbsence(*absence); !written) return written.error();
  }
  return transaction.Commit();
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Daily post records
// -----------------------------------------------------------------------------------------------------------------

Result<std::optional<PostRecord>> SqliteHrStore::GetPost(const std::string& mapping_id, const std::string& local_day) {
  std::lock_guard lock(mutex_);
  return First(Query<PostRecord>(database_->handle(),
                                 std::string("SELECT ") + kPostColumns +
                                     " FROM hr_daily_posts WHERE mapping_id = ?1 AND local_day = ?2",
                                 {mapping_id, local_day}, MapPost));
}

Result<bool> SqliteHrStore::ClaimPost(const PostRecord& r) {
  std::lock_guard lock(mutex_);
  Result<int> inserted =
      Exec(database_->handle(),
           std::string("INSERT OR IGNORE INTO hr_daily_posts (") + kPostColumns +
               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
           {r.mapping_id, r.local_day, std::string(PostStateName(r.state)), r.attempts, r.next_attempt_at, r.message_id,
            r.last_error, r.scheduled_at, r.posted_at, r.updated_at});
  if (!inserted) return inserted.error();
  return *inserted == 1;
}

Result<bool> SqliteHrStore::UpdatePost(const PostRecord& r) {
  std::lock_guard lock(mutex_);
  Result<int> changed =
      Exec(database_->handle(),
           "UPDATE hr_daily_posts SET state = ?3, attempts = ?4, next_attempt_at = ?5, "
           "message_id = ?6, last_error = ?7, scheduled_at = ?8, posted_at = ?9, updated_at = ?10 "
           "WHERE mapping_id = ?1 AND local_day = ?2",
           {r.mapping_id, r.local_day, std::string(PostStateName(r.state)), r.attempts, r.next_attempt_at, r.message_id,
            r.last_error, r.scheduled_at, r.posted_at, r.updated_at});
  if (!changed) return changed.error();
  if (*changed == 0) return NotFound("no post record " + r.mapping_id + "/" + r.local_day);
  return true;
}

Result<std::vector<PostRecord>> SqliteHrStore::ListPosts(const std::string& mapping_id, int limit) {
  std::lock_guard lock(mutex_);
  return Query<PostRecord>(database_->handle(),
                           std::string("SELECT ") + kPostColumns +
                               " FROM hr_daily_posts WHERE mapping_id = ?1 ORDER BY local_day DESC LIMIT ?2",
                           {mapping_id, std::int64_t{limit}}, MapPost);
}

Result<std::vector<PostRecord>> SqliteHrStore::ListUnfinishedPosts() {
  std::lock_guard lock(mutex_);
  return Query<PostRecord>(database_->handle(),
                           std::string("SELECT ") + kPostColumns +
                               " FROM hr_daily_posts WHERE state IN ('intent', 'retry') ORDER BY mapping_id, local_day",
                           {}, MapPost);
}

}  // namespace slotwise::hr
