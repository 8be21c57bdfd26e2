// token_manager.cpp — see token_manager.h.
#include "connections/token_manager.h"

#include "observability/metrics_registry.h"

#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

class BoundSource final : public providers::AccessTokenSource {
 public:
  BoundSource(TokenManager& manager, std::string id) : manager_(manager), id_(std::move(id)) {}
  Result<std::string> Current() override { return manager_.Current(id_); }
  Result<std::string> AfterRejection(std::string_view rejected) override { return manager_.AfterRejection(id_, rejected); }

 private:
  TokenManager& manager_;
  std::string id_;
};

Error StatusError(const Connection& c) {
  if (c.status == ConnectionStatus::kConsentRequired) {
    return Error{codes::kConsentRequired, c.status_message.empty() ? "an administrator must consent" : c.status_message, ""};
  }
  return Error{codes::kReauthNeeded,
               c.status_message.empty() ? "the connection must be made again (the provider revoked the grant)"
                                        : c.status_message,
               ""};
}

}  // namespace

std::unique_ptr<providers::AccessTokenSource> TokenManager::SourceFor(std::string connection_id) {
  return std::make_unique<BoundSource>(*this, std::move(connection_id));
}

std::mutex& TokenManager::LockFor(const std::string& connection_id) {
  std::lock_guard guard(locks_mutex_);
  std::unique_ptr<std::mutex>& lock = locks_[connection_id];
  if (!lock) lock = std::make_unique<std::mutex>();
  return *lock;
}

Result<Connection> TokenManager::LoadUsable(const std::string& connection_id) {
  Result<std::optional<Connection>> found = store_.Find(connection_id);
  if (!found) return found.error();
  if (!found->has_value()) return Error{codes::kNotFound, "no connection " + connection_id, ""};
  Connection connection = std::move(found.value()).value();
  if (connection.status != ConnectionStatus::kActive) return StatusError(connection);
  return connection;
}

Result<std::string> TokenManager::Current(const std::string& connection_id) {
  Result<Connection> connection = LoadUsable(connection_id);
  if (!connection) return connection.error();
  if (connection->expires_at - clock_() > kRefreshMargin) return connection->access_token;
  std::lock_guard lock(LockFor(connection_id));
  return RefreshUnlessReplaced(connection_id, connection->access_token);
}

Result<std::string> TokenManager::AfterRejection(const std::string& connection_id, std::string_view rejected_token) {
  std::lock_guard lock(LockFor(connection_id));
  return RefreshUnlessReplaced(connection_id, rejected_token);
}

namespace {

// slotwise_token_refreshes_total{provider, outcome}: "ok" or the error code (docs/OPERATIONS.md).
void CountRefresh(oauth::Provider provider, const std::string& outcome) {
  constexpr const char* kRefreshes = "slotwise_token_refreshes_total";
  static const bool declared = [] {
    observability::Metrics().DeclareCounter(kRefreshes, "OAuth token refreshes, by provider and outcome (ok or error code).");
    return true;
  }();
  (void)declared;
  observability::Metrics().Increment(kRefreshes, {{"provider", std::string(oauth::ProviderName(provider))}, {"outcome", outcome}});
}

}  // namespace

Result<std::string> TokenManager::RefreshUnlessReplaced(const std::string& connection_id, std::string_view stale) {
  Result<Connection> loaded = LoadUsable(connection_id);
  if (!loaded) return loaded.error();
  const Connection& connection = loaded.value();
  const std::int64_t now = clock_();
  if (connection.access_token != stale && connection.expires_at - now > kRefreshMargin) {
    return connection.access_token;  // another caller refreshed while we waited for the lock
  }
  if (connection.refresh_token.empty()) {
    const std::string message = "the provider issued no refresh token; connect the account again";
    store_.MarkStatus(connection_id, ConnectionStatus::kReauthNeeded, message, now);
    return Error{codes::kReauthNeeded, message, ""};
  }
  const oauth::OAuthClient* client = clients_(connection.provider);
  if (!client) {
    return Error{codes::kProviderNotConfigured,
                 std::string(oauth::ProviderName(connection.provider)) + " is not configured on this server", ""};
  }
  ++refreshes_started_;
  Result<oauth::TokenSet> refreshed = client->Refresh(connection.refresh_token, now, connection.scopes);
  CountRefresh(connection.provider, refreshed ? "ok" : refreshed.error().code);
  if (!refreshed) {
    const Error& error = refreshed.error();
    if (error.code == codes::kReauthNeeded) {
      store_.MarkStatus(connection_id, ConnectionStatus::kReauthNeeded, error.message, now);
    } else if (error.code == codes::kConsentRequired) {
      store_.MarkStatus(connection_id, ConnectionStatus::kConsentRequired, error.message, now);
    }
    return error;
  }
  Result<bool> saved = store_.SaveTokens(connection_id, refreshed.value(), now);
  if (!saved) return saved.error();  // never hand out a token whose (rotated) refresh token was not saved
  return refreshed->access_token;
}

}  // namespace slotwise
