// org_connections.cpp — see org_connections.h.
#include "connections/org_connections.h"

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "tenant_id, provider, directory_id, admin_email, domains, status, check_code, check_message, checked_at, "
    "created_at";

Result<OrgConnection> ReadRow(SqlRow& row) {
  OrgConnection connection;
  connection.tenant_id = row.Text();
  const std::string provider = row.Text();
  connection.directory_id = row.Text();
  connection.admin_email = row.Text();
  const nlohmann::json domains = ParseJson(row.Text());
  connection.status = row.Text();
  connection.check_code = row.Text();
  connection.check_message = row.Text();
  connection.checked_at = row.Int();
  connection.created_at = row.Int();
  const std::optional<oauth::Provider> parsed = oauth::ParseProvider(provider);
  if (!parsed || !domains.is_array()) {
    return Error{codes::kStorageError, "an organisation connection of tenant " + connection.tenant_id + " is unreadable",
                 ""};
  }
  connection.provider = *parsed;
  for (const nlohmann::json& domain : domains) {
    if (domain.is_string()) connection.domains.push_back(domain.get<std::string>());
  }
  return connection;
}

}  // namespace

Result<OrgConnection> OrgConnectionStore::Put(const OrgConnection& connection) {
  std::lock_guard lock(mutex_);
  const std::string sql = std::string("INSERT INTO org_connections (") + kColumns +
                          ", updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9) "
                          "ON CONFLICT (tenant_id, provider) DO UPDATE SET directory_id = ?3, admin_email = ?4, "
                          "domains = ?5, status = ?6, check_code = ?7, check_message = ?8, checked_at = ?9, "
                          "updated_at = ?9 RETURNING " + kColumns;
  Result<std::optional<OrgConnection>> stored = First(Query<OrgConnection>(
      database_.handle(), sql,
      {connection.tenant_id, std::string(oauth::ProviderName(connection.provider)), connection.directory_id,
       connection.admin_email, nlohmann::json(connection.domains).dump(), connection.status, connection.check_code,
       connection.check_message, connection.checked_at, connection.created_at},
      ReadRow));
  if (!stored) return stored.error();
  if (!stored->has_value()) return Error{codes::kStorageError, "the organisation connection was not stored", ""};
  return **stored;
}

Result<std::optional<OrgConnection>> OrgConnectionStore::Get(const std::string& tenant_id, oauth::Provider provider) {
  std::lock_guard lock(mutex_);
  return First(Query<OrgConnection>(
      database_.handle(),
      std::string("SELECT ") + kColumns + " FROM org_connections WHERE tenant_id = ? AND provider = ?",
      {tenant_id, std::string(oauth::ProviderName(provider))}, ReadRow));
}

Result<std::vector<OrgConnection>> OrgConnectionStore::List(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<OrgConnection>(
      database_.handle(),
      std::string("SELECT ") + kColumns + " FROM org_connections WHERE tenant_id = ? ORDER BY provider", {tenant_id},
      ReadRow);
}

Result<std::vector<OrgConnection>> OrgConnectionStore::ListAll() {
  std::lock_guard lock(mutex_);
  return Query<OrgConnection>(database_.handle(),
                              std::string("SELECT ") + kColumns + " FROM org_connections ORDER BY tenant_id, provider",
                              {}, ReadRow);
}

Result<bool> OrgConnectionStore::Remove(const std::string& tenant_id, oauth::Provider provider) {
  std::lock_guard lock(mutex_);
  Result<int> removed = Exec(database_.handle(), "DELETE FROM org_connections WHERE tenant_id = ? AND provider = ?",
                             {tenant_id, std::string(oauth::ProviderName(provider))});
  if (!removed) return removed.error();
  return *removed > 0;
}

}  // namespace slotwise
