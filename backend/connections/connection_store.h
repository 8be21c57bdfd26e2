// connection_store.h — provider connections of Slotwise users (one per user and provider) and their function checks,
// kept in SQLite with every token sealed by crypto::TokenVault.
//
// Contract:
// - Tokens are plaintext only in memory: each is sealed with associated data "<tenant>/<user>/<provider>/<field>",
//   so a sealed value copied into another row (or field) does not open. The database holds no plaintext token.
// - One connection per (tenant, user, provider): connecting again replaces the tokens of the same row (same id).
// - One Slotwise user per Zoom account: linking a Zoom account that another user already linked fails with
//   "zoom_account_already_linked" (checked first, and enforced by a unique index under concurrency).
// - Errors: "storage_error", "not_found", the vault's "decrypt_failed"/"unknown_key" (a key is missing from the ring).
// - Thread-safe: one mutex serializes this store's statements on the shared handle.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/token_vault.h"
#include "oauth/oauth_client.h"
#include "oauth/provider.h"
#include "slotwise/error_codes.h"
#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

enum class ConnectionStatus { kActive, kReauthNeeded, kConsentRequired };
std::string_view ConnectionStatusName(ConnectionStatus status);  // "active", "reauth_needed", "consent_required"

struct Connection {
  std::string id;
  std::string tenant_id;
  std::string user_id;
  oauth::Provider provider = oauth::Provider::kGoogle;
  std::string account_id;     // the provider's id of the account (Zoom user id, e-mail for calendars)
  std::string account_email;
  std::string scopes;         // as granted
  std::string access_token;   // plaintext in memory only
  std::string refresh_token;  // plaintext in memory only; may be empty
  std::int64_t expires_at = 0;  // Unix seconds
  ConnectionStatus status = ConnectionStatus::kActive;
  std::string status_message;  // why it needs attention (with the fixing link when there is one)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A connection without its tokens: what listing and domain checks need (reading it unseals nothing).
struct ConnectedAccount {
  std::string id;
  std::string user_id;
  oauth::Provider provider = oauth::Provider::kGoogle;
  std::string account_email;
  ConnectionStatus status = ConnectionStatus::kActive;
  std::string status_message;  // why it needs attention
  std::string scopes;          // as granted (space-separated)
};

struct FunctionCheck {
  std::string name;     // "read_free_busy", "create_delete_probe_event", "list_rooms", "read_settings", …
  std::string outcome;  // "passed", "failed", "skipped"
  std::string detail;   // one human sentence
  std::int64_t checked_at = 0;
};

class ConnectionStore {
 public:
  ConnectionStore(SqliteStore& database, const crypto::TokenVault& vault) : database_(database), vault_(vault) {}

  // Creates the user's connection for connection.provider, or replaces tokens/account of the existing one (keeping
  // its id). `connection.id` is ignored for new rows (a random id is assigned). Returns the stored connection.
  Result<Connection> Upsert(Connection connection, std::int64_t now);

  Result<std::optional<Connection>> Find(const std::string& id);
  Result<std::optional<Connection>> FindForUser(const std::string& tenant_id, const std::string& user_id,
                                                oauth::Provider provider);
  Result<std::vector<Connection>> ListForUser(const std::string& tenant_id, const std::string& user_id);
  Result<std::vector<ConnectedAccount>> ListAccountsForTenant(const std::string& tenant_id);  // no tokens

  // After a refresh: seals and stores the new tokens (an empty refresh token keeps the stored one) and marks active.
  Result<bool> SaveTokens(const std::string& id, const oauth::TokenSet& tokens, std::int64_t now);
  // Sets the status and its message. When the status BECOMES reauth_needed or consent_required (it was another one),
  // the lifecycle event connection.needs_attention is recorded in the same transaction (store/lifecycle_events.h).
  Result<bool> MarkStatus(const std::string& id, ConnectionStatus status, const std::string& message,
                          std::int64_t now);
  Result<bool> Delete(const std::string& id);

  Result<bool> SaveChecks(const std::string& id, const std::vector<FunctionCheck>& checks);
  Result<std::vector<FunctionCheck>> Checks(const std::string& id);

  // Re-seals every token sealed under a key other than the active one; returns how many values were re-sealed.
  Result<int> RotateKeys();

 private:
  Result<std::vector<Connection>> Select(const std::string& where, const std::vector<std::string>& args);
  std::string AssociatedData(const Connection& connection, std::string_view field) const;

  SqliteStore& database_;
  const crypto::TokenVault& vault_;
  std::recursive_mutex& mutex_ = database_.lock();  // shared by every store on the handle (SqliteStore::lock)
};

}  // namespace slotwise
