// connection_store.cpp — see connection_store.h.
#include "connections/connection_store.h"

#include "crypto/crypto_primitives.h"
#include "slotwise/error_codes.h"
#include "store/sqlite_statement.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, user_id, provider, account_id, account_email, scopes, access_token_sealed, "
    "refresh_token_sealed, expires_at, status, status_message, created_at, updated_at";

std::optional<ConnectionStatus> ParseStatus(std::string_view name) {
  if (name == "active") return ConnectionStatus::kActive;
  if (name == "reauth_needed") return ConnectionStatus::kReauthNeeded;
  if (name == "consent_required") return ConnectionStatus::kConsentRequired;
  return std::nullopt;
}

}  // namespace

std::string_view ConnectionStatusName(ConnectionStatus status) {
  switch (status) {
    case ConnectionStatus::kActive: return "active";
    case ConnectionStatus::kReauthNeeded: return "reauth_needed";
    case ConnectionStatus::kConsentRequired: return "consent_required";
  }
  return "active";
}

std::string ConnectionStore::AssociatedData(const Connection& connection, std::string_view field) const {
  return connection.tenant_id + "/" + connection.user_id + "/" + std::string(oauth::ProviderName(connection.provider)) +
         "/" + std::string(field);
}

Result<std::vector<Connection>> ConnectionStore::Select(const std::string& where,
                                                       const std::vector<std::string>& args) {
  Result<Statement> stmt =
      Statement::Prepare(database_.handle(), std::string("SELECT ") + kColumns + " FROM connections WHERE " + where +
                                                 " ORDER BY created_at, id");
  if (!stmt) return stmt.error();
  for (std::size_t i = 0; i < args.size(); ++i) stmt.value().Bind(static_cast<int>(i + 1), args[i]);
  std::vector<Connection> rows;
  while (true) {
    Result<bool> row = stmt.value().Step();
    if (!row) return row.error();
    if (!*row) break;
    const Statement& s = stmt.value();
    Connection c;
    c.id = s.Text(0);
    c.tenant_id = s.Text(1);
    c.user_id = s.Text(2);
    std::optional<oauth::Provider> provider = oauth::ParseProvider(s.Text(3));
    std::optional<ConnectionStatus> status = ParseStatus(s.Text(10));
    if (!provider || !status) return Error{codes::kStorageError, "connection " + c.id + " has an unknown provider or status", ""};
    c.provider = *provider;
    c.status = *status;
    c.account_id = s.Text(4);
    c.account_email = s.Text(5);
    c.scopes = s.Text(6);
    Result<std::string> access = vault_.Open(s.Text(7), AssociatedData(c, "access"));
    if (!access) return access.error();
    c.access_token = std::move(access).value();
    const std::string sealed_refresh = s.Text(8);
    if (!sealed_refresh.empty()) {
      Result<std::string> refresh = vault_.Open(sealed_refresh, AssociatedData(c, "refresh"));
      if (!refresh) return refresh.error();
      c.refresh_token = std::move(refresh).value();
    }
    c.expires_at = s.Int(9);
    c.status_message = s.Text(11);
    c.created_at = s.Int(12);
    c.updated_at = s.Int(13);
    rows.push_back(std::move(c));
  }
  return rows;
}

Result<Connection> ConnectionStore::Upsert(Connection connection, std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (connection.provider == oauth::Provider::kZoom) {
    Result<std::vector<Connection>> linked =
        Select("provider = 'zoom' AND account_id = ?1 AND NOT (tenant_id = ?2 AND user_id = ?3)",
               {connection.account_id, connection.tenant_id, connection.user_id});
    if (!linked) return linked.error();
    if (!linked->empty()) {
      return Error{codes::kZoomAccountAlreadyLinked,
                   "The Zoom account " + (connection.account_email.empty() ? connection.account_id
                                                                             : connection.account_email) +
                       " is already linked to another Slotwise user. A Zoom account can belong to one Slotwise user "
                       "only: unlink it there first, or sign in to Zoom with your own account.",
                   "account"};
    }
  }
  const std::string provider(oauth::ProviderName(connection.provider));
  Result<std::vector<Connection>> existing =
      Select("tenant_id = ?1 AND user_id = ?2 AND provider = ?3", {connection.tenant_id, connection.user_id, provider});
  if (!existing) return existing.error();
  connection.id = existing->empty() ? "con_" + crypto::RandomToken(12) : existing->front().id;
  connection.created_at = existing->empty() ? now : existing->front().created_at;
  connection.updated_at = now;
  const std::string sealed_access = vault_.Seal(connection.access_token, AssociatedData(connection, "access"));
  const std::string sealed_refresh =
      connection.refresh_token.empty() ? "" : vault_.Seal(connection.refresh_token, AssociatedData(connection, "refresh"));
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(),
      "INSERT INTO connections (id, tenant_id, user_id, provider, account_id, account_email, scopes, "
      "access_token_sealed, refresh_token_sealed, expires_at, status, status_message, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
      "ON CONFLICT (tenant_id, user_id, provider) DO UPDATE SET account_id = excluded.account_id, "
      "account_email = excluded.account_email, scopes = excluded.scopes, "
      "access_token_sealed = excluded.access_token_sealed, refresh_token_sealed = excluded.refresh_token_sealed, "
      "expires_at = excluded.expires_at, status = excluded.status, status_message = excluded.status_message, "
      "updated_at = excluded.updated_at");
  if (!stmt) return stmt.error();
  stmt.value()
      .Bind(1, connection.id)
      .Bind(2, connection.tenant_id)
      .Bind(3, connection.user_id)
      .Bind(4, provider)
      .Bind(5, connection.account_id)
      .Bind(6, connection.account_email)
      .Bind(7, connection.scopes)
      .Bind(8, sealed_access)
      .Bind(9, sealed_refresh)
      .Bind(10, connection.expires_at)
      .Bind(11, ConnectionStatusName(connection.status))
      .Bind(12, connection.status_message)
      .Bind(13, connection.created_at)
      .Bind(14, connection.updated_at);
  Result<bool> done = stmt.value().Step();
  if (!done) {
    if (done.error().code == codes::kStorageConflict) {
      return Error{codes::kZoomAccountAlreadyLinked,
                   "This Zoom account was just linked to another Slotwise user; a Zoom account can belong to one "
                   "Slotwise user only.",
                   "account"};
    }
    return done.error();
  }
  return connection;
}

Result<std::optional<Connection>> ConnectionStore::Find(const std::string& id) {
  std::lock_guard lock(mutex_);
  Result<std::vector<Connection>> rows = Select("id = ?1", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.value().front()));
}

Result<std::optional<Connection>> ConnectionStore::FindForUser(const std::string& tenant_id, const std::string& user_id,
                                                              oauth::Provider provider) {
  std::lock_guard lock(mutex_);
  Result<std::vector<Connection>> rows = Select("tenant_id = ?1 AND user_id = ?2 AND provider = ?3",
                                                {tenant_id, user_id, std::string(oauth::ProviderName(provider))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Connection>();
  return std::optional<Connection>(std::move(rows.value().front()));
}

Result<std::vector<Connection>> ConnectionStore::ListForUser(const std::string& tenant_id, const std::string& user_id) {
  std::lock_guard lock(mutex_);
  return Select("tenant_id = ?1 AND user_id = ?2", {tenant_id, user_id});
}

Result<bool> ConnectionStore::SaveTokens(const std::string& id, const oauth::TokenSet& tokens, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<std::vector<Connection>> rows = Select("id = ?1", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return Error{codes::kNotFound, "no connection " + id, ""};
  const Connection& c = rows->front();
  const std::string sealed_access = vault_.Seal(tokens.access_token, AssociatedData(c, "access"));
  const std::string refresh = tokens.refresh_token.empty() ? c.refresh_token : tokens.refresh_token;
  const std::string sealed_refresh = refresh.empty() ? "" : vault_.Seal(refresh, AssociatedData(c, "refresh"));
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(),
      "UPDATE connections SET access_token_sealed = ?2, refresh_token_sealed = ?3, expires_at = ?4, "
      "scopes = CASE WHEN ?5 = '' THEN scopes ELSE ?5 END, status = 'active', status_message = '', updated_at = ?6 "
      "WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, id).Bind(2, sealed_access).Bind(3, sealed_refresh).Bind(4, tokens.expires_at).Bind(5, tokens.scope);
  stmt.value().Bind(6, now);
  return stmt.value().Step();
}

Result<bool> ConnectionStore::MarkStatus(const std::string& id, ConnectionStatus status, const std::string& message,
                                         std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(), "UPDATE connections SET status = ?2, status_message = ?3, updated_at = ?4 WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, id).Bind(2, ConnectionStatusName(status)).Bind(3, message).Bind(4, now);
  return stmt.value().Step();
}

Result<bool> ConnectionStore::Delete(const std::string& id) {
  std::lock_guard lock(mutex_);
  Result<Statement> stmt = Statement::Prepare(database_.handle(), "DELETE FROM connections WHERE id = ?1");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, id);
  Result<bool> done = stmt.value().Step();
  if (!done) return done.error();
  return sqlite3_changes(database_.handle()) > 0;
}

Result<bool> ConnectionStore::SaveChecks(const std::string& id, const std::vector<FunctionCheck>& checks) {
  std::lock_guard lock(mutex_);
  for (const FunctionCheck& check : checks) {
    Result<Statement> stmt = Statement::Prepare(
        database_.handle(),
        "INSERT INTO connection_checks (connection_id, name, outcome, detail, checked_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (connection_id, name) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail, "
        "checked_at = excluded.checked_at");
    if (!stmt) return stmt.error();
    stmt.value().Bind(1, id).Bind(2, check.name).Bind(3, check.outcome).Bind(4, check.detail).Bind(5, check.checked_at);
    Result<bool> done = stmt.value().Step();
    if (!done) return done.error();
  }
  return true;
}

Result<std::vector<FunctionCheck>> ConnectionStore::Checks(const std::string& id) {
  std::lock_guard lock(mutex_);
  Result<Statement> stmt = Statement::Prepare(
      database_.handle(),
      "SELECT name, outcome, detail, checked_at FROM connection_checks WHERE connection_id = ?1 ORDER BY rowid");
  if (!stmt) return stmt.error();
  stmt.value().Bind(1, id);
  std::vector<FunctionCheck> checks;
  while (true) {
    Result<bool> row = stmt.value().Step();
    if (!row) return row.error();
    if (!*row) break;
    checks.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2), stmt->Int(3)});
  }
  return checks;
}

Result<int> ConnectionStore::RotateKeys() {
  std::lock_guard lock(mutex_);
  Result<Statement> select = Statement::Prepare(
      database_.handle(),
      "SELECT id, tenant_id, user_id, provider, access_token_sealed, refresh_token_sealed FROM connections");
  if (!select) return select.error();
  struct Resealed {
    std::string id, access, refresh;
  };
  std::vector<Resealed> updates;
  int resealed = 0;
  while (true) {
    Result<bool> row = select.value().Step();
    if (!row) return row.error();
    if (!*row) break;
    std::optional<oauth::Provider> provider = oauth::ParseProvider(select->Text(3));
    if (!provider) return Error{codes::kStorageError, "connection " + select->Text(0) + " has an unknown provider", ""};
    Connection owner;
    owner.tenant_id = select->Text(1);
    owner.user_id = select->Text(2);
    owner.provider = *provider;
    Resealed update{select->Text(0), select->Text(4), select->Text(5)};
    bool changed = false;
    for (auto [sealed, field] : {std::pair{&update.access, "access"}, std::pair{&update.refresh, "refresh"}}) {
      if (sealed->empty() || !vault_.NeedsRotation(*sealed)) continue;
      Result<std::string> fresh = vault_.Reseal(*sealed, AssociatedData(owner, field));
      if (!fresh) return fresh.error();
      *sealed = std::move(fresh).value();
      changed = true;
      ++resealed;
    }
    if (changed) updates.push_back(std::move(update));
  }
  // All or nothing: a failure half-way leaves every row as it was.
  if (sqlite3_exec(database_.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error{codes::kStorageError, "cannot start the key rotation transaction", ""};
  }
  for (const Resealed& update : updates) {
    Result<Statement> write = Statement::Prepare(
        database_.handle(), "UPDATE connections SET access_token_sealed = ?2, refresh_token_sealed = ?3 WHERE id = ?1");
    Result<bool> done = write ? write.value().Bind(1, update.id).Bind(2, update.access).Bind(3, update.refresh).Step()
                              : Result<bool>(write.error());
    if (!done) {
      sqlite3_exec(database_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      return done.error();
    }
  }
  if (sqlite3_exec(database_.handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_exec(database_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    return Error{codes::kStorageError, "cannot commit the key rotation", ""};
  }
  return resealed;
}

}  // namespace slotwise
