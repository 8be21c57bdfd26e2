// connection_probe.h — the provider-specific half of connecting an account: who the account is, and the function
// check run right after connecting (docs/PRODUCT.md R001.3): read free/busy, create and delete a probe event (or
// meeting), list rooms when the connection has that right. A Microsoft connection without Calendars.ReadWrite
// (connected for hr_posting) skips the calendar checks.
//
// Contract: probes call the provider through the adapters (timeouts, retries, one refresh on 401). `Check` never
// fails as a whole: each check is recorded as passed, failed (with the provider's
// reason) or skipped (with why). Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "connections/connection_store.h"
#include "connections/provider_registry.h"
#include "oauth/oauth_client.h"
#include "providers/access_token_source.h"

namespace slotwise {

struct AccountIdentity {
  std::string account_id;
  std::string email;
};

class ConnectionProbes {
 public:
  ConnectionProbes(const ProviderRegistry& providers, std::function<std::int64_t()> clock)
      : providers_(providers), clock_(std::move(clock)) {}

  Result<AccountIdentity> Identify(oauth::Provider provider, const oauth::TokenSet& tokens);
  std::vector<FunctionCheck> Check(const Connection& connection, providers::AccessTokenSource& tokens);

 private:
  const ProviderRegistry& providers_;
  std::function<std::int64_t()> clock_;
};

}  // namespace slotwise
