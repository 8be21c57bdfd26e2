// token_manager.h — hands out access tokens for stored connections and refreshes them, one refresh at a time.
//
// Contract:
// - `Current(id)` returns the stored access token while it has more than kRefreshMargin seconds left; otherwise it
//   refreshes first.
// - `AfterRejection(id, rejected)` is called when a provider answered 401 to `rejected`. Refreshes are single-flight
//   per connection: callers queue on the connection's lock; the first one refreshes, and every later caller whose
//   rejected token is no longer the stored one gets the new token without a second refresh. So 50 concurrent calls
//   that all hit an expired token cause exactly one call to the token endpoint.
// - A rotated refresh token is sealed and saved BEFORE the new access token is handed out (Zoom invalidates the old
//   refresh token on use; losing the new one would lose the connection).
// - invalid_grant and relatives mark the connection `reauth_needed`; Microsoft consent errors mark it
//   `consent_required` (message carries the admin-consent link). Both are returned as errors with those codes, and
//   later calls fail fast with the same code until the user connects again.
// - Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "connections/connection_store.h"
#include "oauth/oauth_client.h"
#include "providers/access_token_source.h"

namespace slotwise {

class TokenManager {
 public:
  static constexpr std::int64_t kRefreshMargin = 120;  // seconds before expiry when a token counts as expired

  using Clock = std::function<std::int64_t()>;  // Unix seconds
  using ClientFor = std::function<const oauth::OAuthClient*(oauth::Provider)>;

  TokenManager(ConnectionStore& store, ClientFor clients, Clock clock)
      : store_(store), clients_(std::move(clients)), clock_(std::move(clock)) {}

  Result<std::string> Current(const std::string& connection_id);
  Result<std::string> AfterRejection(const std::string& connection_id, std::string_view rejected_token);

  // An AccessTokenSource bound to one connection, for the provider adapters. Borrows *this.
  std::unique_ptr<providers::AccessTokenSource> SourceFor(std::string connection_id);

  std::int64_t refreshes_started() const { return refreshes_started_.load(); }

 private:
  // Under the connection's lock: refresh unless the stored token already differs from `stale` (someone else
  // refreshed) and is fresh.
  Result<std::string> RefreshUnlessReplaced(const std::string& connection_id, std::string_view stale);
  std::mutex& LockFor(const std::string& connection_id);
  Result<Connection> LoadUsable(const std::string& connection_id);

  ConnectionStore& store_;
  ClientFor clients_;
  Clock clock_;
  std::mutex locks_mutex_;
  std::map<std::string, std::unique_ptr<std::mutex>> locks_;
  std::atomic<std::int64_t> refreshes_started_{0};
};

}  // namespace slotwise
