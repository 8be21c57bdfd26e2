// connection_store.cpp — see connection_store.h.
#include "connections/connection_store.h"

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "slotwise/error_codes.h"
#include "store/lifecycle_events.h"
#include "store/sqlite_query.h"

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
  return Query<Connection>(
      database_.handle(),
      std::string("SELECT ") + kColumns + " FROM connections WHERE " + where + " ORDER BY created_at, id",
      std::vector<SqlValue>(args.begin(), args.end()), [this](SqlRow& row) -> Result<Connection> {
        Connection c;
        c.id = row.Text();
        c.tenant_id = row.Text();
        c.user_id = row.Text();
        std::optional<oauth::Provider> provider = oauth::ParseProvider(row.Text());
        c.account_id = row.Text();
        c.account_email = row.Text();
        c.scopes = row.Text();
        const std::string sealed_access = row.Text();
        const std::string sealed_refresh = row.Text();
        c.expires_at = row.Int();
        std::optional<ConnectionStatus> status = ParseStatus(row.Text());
        if (!provider || !status) {
          return Error{codes::kStorageError, "connection " + c.id + " has an unknown provider or status", ""};
        }
        c.provider = *provider;
        c.status = *status;
        Result<std::string> access = vault_.Open(sealed_access, AssociatedData(c, "access"));
        if (!access) return access.error();
        c.access_token = std::move(access).value();
        if (!sealed_refresh.empty()) {
          Result<std::string> refresh = vault_.Open(sealed_refresh, AssociatedData(c, "refresh"));
          if (!refresh) return refresh.error();
          c.refresh_token = std::move(refresh).value();
        }
        c.status_message = row.Text();
        c.created_at = row.Int();
        c.updated_at = row.Int();
        return c;
      });
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
  Result<int> done =
      Exec(database_.handle(),
           "INSERT INTO connections (id, tenant_id, user_id, provider, account_id, account_email, scopes, "
           "access_token_sealed, refresh_token_sealed, expires_at, status, status_message, created_at, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
           "ON CONFLICT (tenant_id, user_id, provider) DO UPDATE SET account_id = excluded.account_id, "
           "account_email = excluded.account_email, scopes = excluded.scopes, "
           "access_token_sealed = excluded.access_token_sealed, refresh_token_sealed = excluded.refresh_token_sealed, "
           "expires_at = excluded.expires_at, status = excluded.status, status_message = excluded.status_message, "
           "updated_at = excluded.updated_at",
           {connection.id, connection.tenant_id, connection.user_id, provider, connection.account_id,
            connection.account_email, connection.scopes, sealed_access, sealed_refresh, connection.expires_at,
            std::string(ConnectionStatusName(connection.status)), connection.status_message, connection.created_at,
            connection.updated_at});
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
  return First(Select("id = ?1", {id}));
}

Result<std::optional<Connection>> ConnectionStore::FindForUser(const std::string& tenant_id, const std::string& user_id,
                                                              oauth::Provider provider) {
  std::lock_guard lock(mutex_);
  return First(Select("tenant_id = ?1 AND user_id = ?2 AND provider = ?3",
                      {tenant_id, user_id, std::string(oauth::ProviderName(provider))}));
}

Result<std::vector<Connection>> ConnectionStore::ListForUser(const std::string& tenant_id, const std::string& user_id) {
  std::lock_guard lock(mutex_);
  return Select("tenant_id = ?1 AND user_id = ?2", {tenant_id, user_id});
}

Result<std::vector<ConnectedAccount>> ConnectionStore::ListAccountsForTenant(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  return Query<ConnectedAccount>(
      database_.handle(),
      "SELECT id, user_id, provider, account_email, status, status_message, scopes FROM connections "
      "WHERE tenant_id = ?1 ORDER BY created_at, id",
      {tenant_id}, [](SqlRow& row) -> Result<ConnectedAccount> {
        ConnectedAccount account;
        account.id = row.Text();
        account.user_id = row.Text();
        std::optional<oauth::Provider> provider = oauth::ParseProvider(row.Text());
        account.account_email = row.Text();
        std::optional<ConnectionStatus> status = ParseStatus(row.Text());
        account.status_message = row.Text();
        account.scopes = row.Text();
        if (!provider || !status) {
          return Error{codes::kStorageError, "connection " + account.id + " has an unknown provider or status", ""};
        }
        account.provider = *provider;
        account.status = *status;
        return account;
      });
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
  Result<int> done = Exec(
      database_.handle(),
      "UPDATE connections SET access_token_sealed = ?2, refresh_token_sealed = ?3, expires_at = ?4, "
      "scopes = CASE WHEN ?5 = '' THEN scopes ELSE ?5 END, status = 'active', status_message = '', updated_at = ?6 "
      "WHERE id = ?1",
      {id, sealed_access, sealed_refresh, tokens.expires_at, tokens.scope, now});
  if (!done) return done.error();
  return true;
}

Result<bool> ConnectionStore::MarkStatus(const std::string& id, ConnectionStatus status, const std::string& message,
                                         std::int64_t now) {
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  struct Before {
    std::string tenant_id, user_id, provider, status;
  };
  Result<std::optional<Before>> before = First(Query<Before>(
      db, "SELECT tenant_id, user_id, provider, status FROM connections WHERE id = ?1", {id},
      [](SqlRow& row) { return Before{row.Text(), row.Text(), row.Text(), row.Text()}; }));
  if (!before) return before.error();
  const std::string status_name(ConnectionStatusName(status));
  Result<int> done = Exec(db, "UPDATE connections SET status = ?2, status_message = ?3, updated_at = ?4 WHERE id = ?1",
                          {id, status_name, message, now});
  if (!done) return done.error();
  if (before->has_value() && status != ConnectionStatus::kActive && (*before)->status != status_name) {
    const nlohmann::json data = {{"connection_id", id},          {"user_id", (*before)->user_id},
                                 {"provider", (*before)->provider}, {"status", status_name},
                                 {"message", message}};
    if (Result<std::int64_t> event = lifecycle_events::AppendLifecycleEvent(
            db, (*before)->tenant_id, lifecycle_events::kConnectionNeedsAttention, id, data, now);
        !event) {
      return event.error();
    }
  }
  return transaction.Commit();
}

Result<bool> ConnectionStore::Delete(const std::string& id) {
  std::lock_guard lock(mutex_);
  Result<int> deleted = Exec(database_.handle(), "DELETE FROM connections WHERE id = ?1", {id});
  if (!deleted) return deleted.error();
  return *deleted > 0;
}

Result<bool> ConnectionStore::SaveChecks(const std::string& id, const std::vector<FunctionCheck>& checks) {
  std::lock_guard lock(mutex_);
  for (const FunctionCheck& check : checks) {
    Result<int> done = Exec(
        database_.handle(),
        "INSERT INTO connection_checks (connection_id, name, outcome, detail, checked_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (connection_id, name) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail, "
        "checked_at = excluded.checked_at",
        {id, check.name, check.outcome, check.detail, check.checked_at});
    if (!done) return done.error();
  }
  return true;
}

Result<std::vector<FunctionCheck>> ConnectionStore::Checks(const std::string& id) {
  std::lock_guard lock(mutex_);
  return Query<FunctionCheck>(
      database_.handle(),
      "SELECT name, outcome, detail, checked_at FROM connection_checks WHERE connection_id = ?1 ORDER BY rowid", {id},
      [](SqlRow& row) {
        return FunctionCheck{row.Text(), row.Text(), row.Text(), row.Int()};
      });
}

Result<int> ConnectionStore::RotateKeys() {
  std::lock_guard lock(mutex_);
  // The sealed tokens of every row, with what their associated data is made of.
  struct Sealed {
    Connection owner;  // id, tenant, user and provider only
    std::string access, refresh;
  };
  Result<std::vector<Sealed>> rows = Query<Sealed>(
      database_.handle(),
      "SELECT id, tenant_id, user_id, provider, access_token_sealed, refresh_token_sealed FROM connections", {},
      [](SqlRow& row) -> Result<Sealed> {
        Sealed sealed;
        sealed.owner.id = row.Text();
        sealed.owner.tenant_id = row.Text();
        sealed.owner.user_id = row.Text();
        std::optional<oauth::Provider> provider = oauth::ParseProvider(row.Text());
        if (!provider)
          return Error{codes::kStorageError, "connection " + sealed.owner.id + " has an unknown provider", ""};
        sealed.owner.provider = *provider;
        sealed.access = row.Text();
        sealed.refresh = row.Text();
        return sealed;
      });
  if (!rows) return rows.error();
  std::vector<Sealed> updates;
  int resealed = 0;
  for (Sealed& update : rows.value()) {
    bool changed = false;
    for (auto [sealed, field] : {std::pair{&update.access, "access"}, std::pair{&update.refresh, "refresh"}}) {
      if (sealed->empty() || !vault_.NeedsRotation(*sealed)) continue;
      Result<std::string> fresh = vault_.Reseal(*sealed, AssociatedData(update.owner, field));
      if (!fresh) return fresh.error();
      *sealed = std::move(fresh).value();
      changed = true;
      ++resealed;
    }
    if (changed) updates.push_back(std::move(update));
  }
  // All or nothing: a failure half-way leaves every row as it was.
  WriteTransaction transaction(database_.handle());
  if (!transaction.Began()) return Error{codes::kStorageError, "cannot start the key rotation transaction", ""};
  for (const Sealed& update : updates) {
    Result<int> done = Exec(database_.handle(),
                            "UPDATE connections SET access_token_sealed = ?2, refresh_token_sealed = ?3 WHERE id = ?1",
                            {update.owner.id, update.access, update.refresh});
    if (!done) return done.error();
  }
  if (!transaction.Commit()) return Error{codes::kStorageError, "cannot commit the key rotation", ""};
  return resealed;
}

}  // namespace slotwise
