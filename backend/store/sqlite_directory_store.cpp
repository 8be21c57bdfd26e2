// sqlite_directory_store.cpp — see sqlite_directory_store.h.
//
// [SECTION] Helpers (normalization, validation, statements)
// [SECTION] Tenants
// [SECTION] API keys
// [SECTION] People
// [SECTION] Rooms
// [SECTION] Host accounts
// [SECTION] Candidates
#include "store/sqlite_directory_store.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "store/sqlite_query.h"

namespace slotwise {

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers (normalization, validation, statements)
// -----------------------------------------------------------------------------------------------------------------

namespace {

using nlohmann::json;

constexpr std::int64_t kNull = -1;  // stored as NULL through NULLIF(?, -1); valid limits and capacities are ≥ 0

Error Invalid(const std::string& field, const std::string& message) {
  return Error{codes::kInvalidRequest, message, field};
}
Error NotFound(const std::string& message) {
  return Error{codes::kNotFound, message, ""};
}

std::int64_t OrNull(const std::optional<std::int64_t>& value) {
  return value ? *value : kNull;
}
std::optional<std::int64_t> FromNullable(std::int64_t value) {
  return value == kNull ? std::nullopt : std::optional<std::int64_t>(value);
}

std::string StringsToJson(const std::vector<std::string>& values) {
  return DumpJson(json(values));
}

// A JSON array of strings from the database; an unreadable value (not written by this store) is a storage_error.
Result<std::vector<std::string>> StringsFromJson(const std::string& text, const std::string& what) {
  const json parsed = slotwise::ParseJson(text);
  if (!parsed.is_array()) return Error{codes::kStorageError, what + " is not a JSON array", ""};
  std::vector<std::string> out;
  for (const json& item : parsed) {
    if (!item.is_string()) return Error{codes::kStorageError, what + " holds a non-string", ""};
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool IsJsonObject(const std::string& text) {
  return slotwise::ParseJson(text).is_object();
}

Result<bool> CheckCalendarProvider(const std::string& provider, const std::string& field) {
  if (provider.empty() || provider == "google" || provider == "microsoft") return true;
  return Invalid(field, field + " must be \"google\", \"microsoft\" or empty (the tenant's)");
}

Result<bool> CheckTenantId(const std::string& tenant_id) {
  if (IsValidTenantId(tenant_id)) return true;
  return Invalid("tenant_id",
                 "a tenant id is 1 to 64 characters of a-z, 0-9 and '-', not \"" + tenant_id.substr(0, 80) + "\"");
}

Result<bool> CheckLimit(const std::optional<std::int64_t>& value, const std::string& field) {
  if (!value || *value >= 0) return true;
  return Invalid(field, field + " must not be negative");
}


std::string SecretContext(const std::string& tenant_id) {
  return "tenant/" + tenant_id + "/ats_webhook_secret";
}

// --- row mappers ---

constexpr const char* kPersonColumns =
    "tenant_id, email, name, time_zone, working_hours, roles, COALESCE(max_per_day, -1), COALESCE(max_per_week, -1), "
    "locale, calendar_provider";

Result<Person> MapPerson(SqlRow& row) {
  Person p;
  p.tenant_id = row.Text();
  p.email = row.Text();
  p.name = row.Text();
  p.time_zone = row.Text();
  p.working_hours_json = row.Text();
  Result<std::vector<std::string>> roles = StringsFromJson(row.Text(), "roles of " + p.email);
  if (!roles) return roles.error();
  p.roles = std::move(roles).value();
  p.max_interviews_per_day = FromNullable(row.Int());
  p.max_interviews_per_week = FromNullable(row.Int());
  p.locale = row.Text();
  p.calendar_provider = row.Text();
  return p;
}

constexpr const char* kRoomColumns =
    "tenant_id, email, name, COALESCE(capacity, -1), building, floor, calendar_provider, source, retired_at, features, "
    "room_list";

Result<Room> MapRoom(SqlRow& row) {
  Room r;
  r.tenant_id = row.Text();
  r.email = row.Text();
  r.name = row.Text();
  r.capacity = FromNullable(row.Int());
  r.building = row.Text();
  r.floor = row.Text();
  r.calendar_provider = row.Text();
  r.source = row.Text();
  r.retired_at = row.Int();
  Result<std::vector<std::string>> features = StringsFromJson(row.Text(), "features of " + r.email);
  if (!features) return features.error();
  r.features = std::move(features).value();
  r.room_list = row.Text();
  return r;
}

constexpr const char* kHostColumns = "tenant_id, id, provider, owner_email, connection_id, settings";

HostAccount MapHost(SqlRow& row) {
  return HostAccount{row.Text(), row.Text(), row.Text(), row.Text(), row.Text(), row.Text()};
}

constexpr const char* kKeyColumns = "key_id, tenant_id, secret_hash, label, created_at, revoked_at, last_used_at";

ApiKeyRecord MapKey(SqlRow& row) {
  return ApiKeyRecord{row.Text(), row.Text(), row.Text(), row.Text(), row.Int(), row.Int(), row.Int()};
}

constexpr const char* kCandidateColumns = "tenant_id, id, name, email, time_zone, locale";

Candidate MapCandidate(SqlRow& row) {
  return Candidate{row.Text(), row.Text(), row.Text(), row.Text(), row.Text(), row.Text()};
}

}  // namespace

bool IsValidTenantId(std::string_view tenant_id) {
  if (tenant_id.empty() || tenant_id.size() > 64) return false;
  return std::all_of(tenant_id.begin(), tenant_id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

Result<bool> SqliteDirectoryStore::RowExists(const std::string& sql, const std::vector<SqlValue>& args) {
  return Exists(database_.handle(), sql, args);
}

Result<bool> SqliteDirectoryStore::Write(const std::string& sql, const std::vector<SqlValue>& args) {
  Result<int> done = Exec(database_.handle(), sql, args);
  if (!done) return done.error();
  Bump();
  return true;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Tenants
// -----------------------------------------------------------------------------------------------------------------

Result<std::vector<Tenant>> SqliteDirectoryStore::SelectTenants(const std::string& where,
                                                                const std::vector<SqlValue>& args) {
  const std::string sql =
      "SELECT id, name, allowed_origins, time_zone, locale, calendar_provider, policies, ats_webhook_url, "
      "ats_webhook_secret_sealed, created_at FROM tenants " +
      where + " ORDER BY id";
  return Query<Tenant>(database_.handle(), sql, args, [this](SqlRow& row) -> Result<Tenant> {
    Tenant t;
    t.id = row.Text();
    t.name = row.Text();
    Result<std::vector<std::string>> origins = StringsFromJson(row.Text(), "allowed_origins of tenant " + t.id);
    if (!origins) return origins.error();
    t.allowed_origins = std::move(origins).value();
    t.time_zone = row.Text();
    t.locale = row.Text();
    t.calendar_provider = row.Text();
    t.policies_json = row.Text();
    t.ats_webhook_url = row.Text();
    if (const std::string sealed = row.Text(); !sealed.empty()) {
      Result<std::string> secret = vault_.Open(sealed, SecretContext(t.id));
      if (!secret) return secret.error();
      t.ats_webhook_secret = std::move(secret).value();
    }
    t.created_at = row.Int();
    return t;
  });
}

Result<Tenant> SqliteDirectoryStore::WriteTenant(const Tenant& tenant, bool create) {
  if (Result<bool> ok = CheckTenantId(tenant.id); !ok) return ok.error();
  if (Result<bool> ok = CheckCalendarProvider(tenant.calendar_provider, "calendar_provider"); !ok) return ok.error();
  if (!IsJsonObject(tenant.policies_json)) return Invalid("policies_json", "policies_json must be a JSON object");
  std::lock_guard lock(mutex_);
  // Only the creation time is read back (not the sealed secret: an update may replace one that no longer opens).
  Result<std::optional<std::int64_t>> existing =
      First(Query<std::int64_t>(database_.handle(), "SELECT created_at FROM tenants WHERE id = ?1", {tenant.id},
                                [](SqlRow& row) { return row.Int(); }));
  if (!existing) return existing.error();
  if (create && existing->has_value()) {
    return Error{codes::kTenantExists, "a tenant with the id \"" + tenant.id + "\" already exists", "id"};
  }
  if (!create && !existing->has_value()) return NotFound("no tenant \"" + tenant.id + "\"");
  Tenant stored = tenant;
  if (!create) stored.created_at = existing->value();
  const std::string sealed =
      stored.ats_webhook_secret.empty() ? "" : vault_.Seal(stored.ats_webhook_secret, SecretContext(stored.id));
  std::vector<SqlValue> args = {stored.id,
                                stored.name,
                                StringsToJson(stored.allowed_origins),
                                stored.time_zone,
                                stored.locale,
                                stored.calendar_provider,
                                stored.policies_json,
                                stored.ats_webhook_url,
                                sealed};
  Result<bool> done = Error{codes::kStorageError, "not written", ""};
  if (create) {
    args.emplace_back(stored.created_at);
    done = Write(
        "INSERT INTO tenants (id, name, allowed_origins, time_zone, locale, calendar_provider, policies, "
        "ats_webhook_url, ats_webhook_secret_sealed, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        args);
  } else {
    done = Write(
        "UPDATE tenants SET name = ?2, allowed_origins = ?3, time_zone = ?4, locale = ?5, "
        "calendar_provider = ?6, policies = ?7, ats_webhook_url = ?8, ats_webhook_secret_sealed = ?9 "
        "WHERE id = ?1",
        args);
  }
  if (!done) return done.error();
  return stored;
}

Result<Tenant> SqliteDirectoryStore::CreateTenant(const Tenant& tenant) {
  return WriteTenant(tenant, true);
}
Result<Tenant> SqliteDirectoryStore::UpdateTenant(const Tenant& tenant) {
  return WriteTenant(tenant, false);
}

Result<TenantDataDeletion> SqliteDirectoryStore::DeleteTenant(const std::string& tenant_id) {
  if (!IsValidTenantId(tenant_id)) return Error{codes::kNotFound, "no tenant " + tenant_id, ""};
  Result<TenantDataDeletion> deleted = DeleteTenantData(database_, tenant_id);
  if (deleted) Bump();  // cached API keys and origins of the tenant are dropped from the next request on
  return deleted;
}

Result<std::optional<Tenant>> SqliteDirectoryStore::GetTenant(const std::string& tenant_id) {
  if (!IsValidTenantId(tenant_id)) return std::optional<Tenant>();
  std::lock_guard lock(mutex_);
  return First(SelectTenants("WHERE id = ?1", {tenant_id}));
}

Result<std::vector<Tenant>> SqliteDirectoryStore::ListTenants() {
  std::lock_guard lock(mutex_);
  return SelectTenants("", {});
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] API keys
// -----------------------------------------------------------------------------------------------------------------

Result<bool> SqliteDirectoryStore::AddApiKey(const ApiKeyRecord& key) {
  if (Result<bool> ok = CheckTenantId(key.tenant_id); !ok) return ok.error();
  if (key.key_id.empty()) return Invalid("key_id", "an API key needs a key id");
  if (key.secret_hash.empty()) return Invalid("secret_hash", "an API key needs the hash of its secret");
  std::lock_guard lock(mutex_);
  Result<bool> tenant = RowExists("SELECT 1 FROM tenants WHERE id = ?1", {key.tenant_id});
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + key.tenant_id + "\"");
  Result<bool> taken = RowExists("SELECT 1 FROM api_keys WHERE key_id = ?1", {key.key_id});
  if (!taken) return taken.error();
  if (*taken) return Error{codes::kKeyExists, "the API key id \"" + key.key_id + "\" is already in use", "key_id"};
  return Write(
      "INSERT INTO api_keys (key_id, tenant_id, secret_hash, label, created_at, revoked_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      {key.key_id, key.tenant_id, key.secret_hash, key.label, key.created_at, key.revoked_at});
}

Result<std::optional<ApiKeyRecord>> SqliteDirectoryStore::FindApiKey(const std::string& key_id) {
  std::lock_guard lock(mutex_);
  return First(Query<ApiKeyRecord>(
      database_.handle(), std::string("SELECT ") + kKeyColumns + " FROM api_keys WHERE key_id = ?1", {key_id}, MapKey));
}

Result<std::vector<ApiKeyRecord>> SqliteDirectoryStore::ListApiKeys(const std::string& tenant_id) {
  if (!IsValidTenantId(tenant_id)) return std::vector<ApiKeyRecord>{};
  std::lock_guard lock(mutex_);
  return Query<ApiKeyRecord>(
      database_.handle(), std::string("SELECT ") + kKeyColumns + " FROM api_keys WHERE tenant_id = ?1 ORDER BY key_id",
      {tenant_id}, MapKey);
}

Result<bool> SqliteDirectoryStore::RevokeApiKey(const std::string& tenant_id, const std::string& key_id,
                                                std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<bool> exists = RowExists("SELECT 1 FROM api_keys WHERE tenant_id = ?1 AND key_id = ?2", {tenant_id, key_id});
  if (!exists) return exists.error();
  if (!*exists) return NotFound("tenant \"" + tenant_id + "\" has no API key \"" + key_id + "\"");
  // Revoking twice keeps the first revocation time.
  return Write(
      "UPDATE api_keys SET revoked_at = CASE WHEN revoked_at = 0 THEN ?3 ELSE revoked_at END "
      "WHERE tenant_id = ?1 AND key_id = ?2",
      {tenant_id, key_id, now});
}

Result<bool> SqliteDirectoryStore::NoteApiKeyUse(const std::string& key_id, std::int64_t at) {
  std::lock_guard lock(mutex_);
  // Not Write(): a use changes nothing a cache holds, so the generation stays (ApiAuth keeps its verified keys).
  Result<int> done = Exec(database_.handle(), "UPDATE api_keys SET last_used_at = ?2 WHERE key_id = ?1 AND last_used_at < ?2",
                          {key_id, at});
  if (!done) return done.error();
  return true;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] People
// -----------------------------------------------------------------------------------------------------------------

Result<Person> SqliteDirectoryStore::UpsertPerson(const Person& person) {
  Person p = person;
  p.email = AsciiLower(p.email);
  if (Result<bool> ok = CheckTenantId(p.tenant_id); !ok) return ok.error();
  if (p.email.empty()) return Invalid("email", "a person needs an e-mail address");
  if (Result<bool> ok = CheckCalendarProvider(p.calendar_provider, "calendar_provider"); !ok) return ok.error();
  if (!p.working_hours_json.empty() && !IsJsonObject(p.working_hours_json)) {
    return Invalid("working_hours_json", "working_hours_json must be empty or a docs/ENGINE.md working_hours object");
  }
  if (Result<bool> ok = CheckLimit(p.max_interviews_per_day, "max_interviews_per_day"); !ok) return ok.error();
  if (Result<bool> ok = CheckLimit(p.max_interviews_per_week, "max_interviews_per_week"); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  Result<bool> tenant = RowExists("SELECT 1 FROM tenants WHERE id = ?1", {p.tenant_id});
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + p.tenant_id + "\"");
  Result<bool> done = Write(
      "INSERT INTO people (tenant_id, email, name, time_zone, working_hours, roles, max_per_day, max_per_week, locale, "
      "calendar_provider) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, -1), NULLIF(?8, -1), ?9, ?10) "
      "ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, "
      "working_hours = excluded.working_hours, roles = excluded.roles, max_per_day = excluded.max_per_day, "
      "max_per_week = excluded.max_per_week, locale = excluded.locale, calendar_provider = excluded.calendar_provider",
      {p.tenant_id, p.email, p.name, p.time_zone, p.working_hours_json, StringsToJson(p.roles),
       OrNull(p.max_interviews_per_day), OrNull(p.max_interviews_per_week), p.locale, p.calendar_provider});
  if (!done) return done.error();
  return p;
}

Result<std::optional<Person>> SqliteDirectoryStore::GetPerson(const std::string& tenant_id, const std::string& email) {
  std::lock_guard lock(mutex_);
  return First(Query<Person>(
      database_.handle(), std::string("SELECT ") + kPersonColumns + " FROM people WHERE tenant_id = ?1 AND email = ?2",
      {tenant_id, AsciiLower(email)}, MapPerson));
}

Result<std::vector<Person>> SqliteDirectoryStore::ListPeople(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<Person>(database_.handle(),
                       std::string("SELECT ") + kPersonColumns + " FROM people WHERE tenant_id = ?1 ORDER BY email",
                       {tenant_id}, MapPerson);
}

Result<bool> SqliteDirectoryStore::DeletePerson(const std::string& tenant_id, const std::string& email) {
  std::lock_guard lock(mutex_);
  const std::vector<SqlValue> key = {tenant_id, AsciiLower(email)};
  Result<bool> exists = RowExists("SELECT 1 FROM people WHERE tenant_id = ?1 AND email = ?2", key);
  if (!exists) return exists.error();
  if (!*exists) return NotFound("tenant \"" + tenant_id + "\" has no person " + AsciiLower(email));
  return Write("DELETE FROM people WHERE tenant_id = ?1 AND email = ?2", key);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Rooms
// -----------------------------------------------------------------------------------------------------------------

Result<Room> SqliteDirectoryStore::UpsertRoom(const Room& room) {
  Room r = room;
  r.email = AsciiLower(r.email);
  if (Result<bool> ok = CheckTenantId(r.tenant_id); !ok) return ok.error();
  if (r.email.empty()) return Invalid("email", "a room needs an e-mail address");
  if (Result<bool> ok = CheckCalendarProvider(r.calendar_provider, "calendar_provider"); !ok) return ok.error();
  if (Result<bool> ok = CheckLimit(r.capacity, "capacity"); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  Result<bool> tenant = RowExists("SELECT 1 FROM tenants WHERE id = ?1", {r.tenant_id});
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + r.tenant_id + "\"");
  if (r.source != "" && r.source != "google" && r.source != "microsoft") {
    return Invalid("source", "a room's source is \"\", google or microsoft");
  }
  Result<bool> done = Write(
      "INSERT INTO rooms (tenant_id, email, name, capacity, building, floor, calendar_provider, source, retired_at, "
      "features, room_list) VALUES (?1, ?2, ?3, NULLIF(?4, -1), ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT (tenant_id, email) DO UPDATE SET name = excluded.name, capacity = excluded.capacity, "
      "building = excluded.building, floor = excluded.floor, calendar_provider = excluded.calendar_provider, "
      "source = excluded.source, retired_at = excluded.retired_at, features = excluded.features, "
      "room_list = excluded.room_list",
      {r.tenant_id, r.email, r.name, OrNull(r.capacity), r.building, r.floor, r.calendar_provider, r.source,
       r.retired_at, StringsToJson(r.features), r.room_list});
  if (!done) return done.error();
  return r;
}

Result<std::optional<Room>> SqliteDirectoryStore::GetRoom(const std::string& tenant_id, const std::string& email) {
  std::lock_guard lock(mutex_);
  return First(Query<Room>(database_.handle(),
                           std::string("SELECT ") + kRoomColumns + " FROM rooms WHERE tenant_id = ?1 AND email = ?2",
                           {tenant_id, AsciiLower(email)}, MapRoom));
}

Result<std::vector<Room>> SqliteDirectoryStore::ListRooms(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<Room>(database_.handle(),
                     std::string("SELECT ") + kRoomColumns + " FROM rooms WHERE tenant_id = ?1 ORDER BY email",
                     {tenant_id}, MapRoom);
}

Result<RoomRefresh> SqliteDirectoryStore::GetRoomRefresh(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  Result<std::optional<RoomRefresh>> found = First(Query<RoomRefresh>(
      database_.handle(),
      "SELECT tenant_id, attempted_at, refreshed_at, outcome, report FROM directory_refreshes WHERE tenant_id = ?1",
      {tenant_id}, [](SqlRow& row) {
        RoomRefresh refresh;
        refresh.tenant_id = row.Text();
        refresh.attempted_at = row.Int();
        refresh.refreshed_at = row.Int();
        refresh.outcome = row.Text();
        refresh.report_json = row.Text();
        return refresh;
      }));
  if (!found) return found.error();
  if (found->has_value()) return **found;
  RoomRefresh never;
  never.tenant_id = tenant_id;
  return never;
}

Result<bool> SqliteDirectoryStore::ClaimRoomRefresh(const std::string& tenant_id, std::int64_t now,
                                                    std::int64_t last_before) {
  std::lock_guard lock(mutex_);
  // Not Write(): a claim changes nothing a cache holds.
  Result<int> changed = Exec(database_.handle(),
                             "INSERT INTO directory_refreshes (tenant_id, attempted_at) VALUES (?1, ?2) "
                             "ON CONFLICT (tenant_id) DO UPDATE SET attempted_at = excluded.attempted_at "
                             "WHERE directory_refreshes.attempted_at <= ?3",
                             {tenant_id, now, last_before});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<bool> SqliteDirectoryStore::RecordRoomRefresh(const RoomRefresh& refresh) {
  std::lock_guard lock(mutex_);
  Result<int> changed = Exec(
      database_.handle(),
      "INSERT INTO directory_refreshes (tenant_id, attempted_at, refreshed_at, outcome, report) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant_id) DO UPDATE SET attempted_at = excluded.attempted_at, "
      "refreshed_at = MAX(directory_refreshes.refreshed_at, excluded.refreshed_at), outcome = excluded.outcome, "
      "report = excluded.report",
      {refresh.tenant_id, refresh.attempted_at, refresh.refreshed_at, refresh.outcome, refresh.report_json});
  if (!changed) return changed.error();
  return true;
}

Result<bool> SqliteDirectoryStore::DeleteRoom(const std::string& tenant_id, const std::string& email) {
  std::lock_guard lock(mutex_);
  const std::vector<SqlValue> key = {tenant_id, AsciiLower(email)};
  Result<bool> exists = RowExists("SELECT 1 FROM rooms WHERE tenant_id = ?1 AND email = ?2", key);
  if (!exists) return exists.error();
  if (!*exists) return NotFound("tenant \"" + tenant_id + "\" has no room " + AsciiLower(email));
  return Write("DELETE FROM rooms WHERE tenant_id = ?1 AND email = ?2", key);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Host accounts
// -----------------------------------------------------------------------------------------------------------------

Result<HostAccount> SqliteDirectoryStore::UpsertHostAccount(const HostAccount& account) {
  HostAccount a = account;
  a.owner_email = AsciiLower(a.owner_email);
  a.id = a.id.empty() ? a.provider + ":" + a.owner_email : AsciiLower(a.id);
  if (Result<bool> ok = CheckTenantId(a.tenant_id); !ok) return ok.error();
  if (a.provider != "zoom" && a.provider != "teams" && a.provider != "google_meet" && a.provider != "goto") {
    return Invalid("provider", "a host account's provider is \"zoom\", \"teams\", \"google_meet\" or \"goto\"");
  }
  if (a.owner_email.empty()) return Invalid("owner_email", "a host account needs its owner's e-mail address");
  if (a.id.rfind(a.provider + ":", 0) != 0 || a.id.size() == a.provider.size() + 1) {
    return Invalid(
        "id", "a host account id is \"<provider>:<owner e-mail>\", e.g. \"" + a.provider + ":" + a.owner_email + "\"");
  }
  if (!IsJsonObject(a.settings_json)) return Invalid("settings_json", "settings_json must be a JSON object");
  std::lock_guard lock(mutex_);
  Result<bool> tenant = RowExists("SELECT 1 FROM tenants WHERE id = ?1", {a.tenant_id});
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + a.tenant_id + "\"");
  Result<bool> done = Write(
      "INSERT INTO host_accounts (tenant_id, id, provider, owner_email, connection_id, settings) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (tenant_id, id) DO UPDATE SET provider = excluded.provider, owner_email = excluded.owner_email, "
      "connection_id = excluded.connection_id, settings = excluded.settings",
      {a.tenant_id, a.id, a.provider, a.owner_email, a.connection_id, a.settings_json});
  if (!done) return done.error();
  return a;
}

Result<std::optional<HostAccount>> SqliteDirectoryStore::GetHostAccount(const std::string& tenant_id,
                                                                        const std::string& id) {
  std::lock_guard lock(mutex_);
  return First(
      Query<HostAccount>(database_.handle(),
                         std::string("SELECT ") + kHostColumns + " FROM host_accounts WHERE tenant_id = ?1 AND id = ?2",
                         {tenant_id, AsciiLower(id)}, MapHost));
}

Result<std::vector<HostAccount>> SqliteDirectoryStore::ListHostAccounts(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<HostAccount>(
      database_.handle(),
      std::string("SELECT ") + kHostColumns + " FROM host_accounts WHERE tenant_id = ?1 ORDER BY id", {tenant_id},
      MapHost);
}

Result<bool> SqliteDirectoryStore::DeleteHostAccount(const std::string& tenant_id, const std::string& id) {
  std::lock_guard lock(mutex_);
  const std::vector<SqlValue> key = {tenant_id, AsciiLower(id)};
  Result<bool> exists = RowExists("SELECT 1 FROM host_accounts WHERE tenant_id = ?1 AND id = ?2", key);
  if (!exists) return exists.error();
  if (!*exists) return NotFound("tenant \"" + tenant_id + "\" has no host account " + AsciiLower(id));
  return Write("DELETE FROM host_accounts WHERE tenant_id = ?1 AND id = ?2", key);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Candidates
// -----------------------------------------------------------------------------------------------------------------

Result<Candidate> SqliteDirectoryStore::UpsertCandidate(const Candidate& candidate) {
  if (Result<bool> ok = CheckTenantId(candidate.tenant_id); !ok) return ok.error();
  if (candidate.id.empty()) return Invalid("id", "a candidate needs the ATS's candidate id");
  std::lock_guard lock(mutex_);
  Result<bool> tenant = RowExists("SELECT 1 FROM tenants WHERE id = ?1", {candidate.tenant_id});
  if (!tenant) return tenant.error();
  if (!*tenant) return NotFound("no tenant \"" + candidate.tenant_id + "\"");
  Result<bool> done = Write(
      "INSERT INTO candidates (tenant_id, id, name, email, time_zone, locale) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, email = excluded.email, "
      "time_zone = excluded.time_zone, locale = excluded.locale",
      {candidate.tenant_id, candidate.id, candidate.name, candidate.email, candidate.time_zone, candidate.locale});
  if (!done) return done.error();
  return candidate;
}

Result<std::optional<Candidate>> SqliteDirectoryStore::GetCandidate(const std::string& tenant_id,
                                                                    const std::string& id) {
  std::lock_guard lock(mutex_);
  return First(
      Query<Candidate>(database_.handle(),
                       std::string("SELECT ") + kCandidateColumns + " FROM candidates WHERE tenant_id = ?1 AND id = ?2",
                       {tenant_id, id}, MapCandidate));
}

}  // namespace slotwise
