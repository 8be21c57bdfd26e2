// access_token_source.h — where a provider adapter gets the bearer token for one connection.
//
// Contract:
// - `Current()` returns a token that was valid when last known (it may refresh first if the token is about to
//   expire). Errors: "reauth_needed" (the user must connect again), "consent_required" (an admin must consent;
//   the message carries the link), or a transport/provider error code.
// - `AfterRejection(rejected)` is called when the provider answered 401 to `rejected`: it refreshes once (if no other
//   caller already replaced that token) and returns the new token. Concurrent callers that present the same rejected
//   token share ONE refresh (single flight).
// - Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"

namespace slotwise::providers {

class AccessTokenSource {
 public:
  virtual ~AccessTokenSource() = default;
  virtual Result<std::string> Current() = 0;
  virtual Result<std::string> AfterRejection(std::string_view rejected_token) = 0;
};

// A fixed token (tests, sandbox-minted tokens): AfterRejection fails with "reauth_needed".
class StaticTokenSource final : public AccessTokenSource {
 public:
  explicit StaticTokenSource(std::string token) : token_(std::move(token)) {}
  Result<std::string> Current() override { return token_; }
  Result<std::string> AfterRejection(std::string_view) override {
    return Error{codes::kReauthNeeded, "the provider rejected the access token and it cannot be refreshed", ""};
  }

 private:
  std::string token_;
};

}  // namespace slotwise::providers
