// provider_client.h — the authorized, resilient request path shared by every adapter.
//
// Contract:
// - `Send` adds "Authorization: Bearer <token>" (from AccessTokenSource::Current) as a HEADER — never in the URL —
//   and sends through SendWithRetry (retry.h), so every request carries a timeout and is retried on 429/5xx/
//   transport errors. When `limit_key` is non-empty and a limiter is set, one permit of that key is held for the
//   whole exchange (all attempts, so retries never exceed the provider's concurrency cap).
// - On a 401 the token source is asked once (`AfterRejection(rejected)`) and the request is sent once more with the
//   new token. A second 401 is returned as a response (ToError maps it to "unauthorized"). When the token source
//   fails (Current or AfterRejection), its Error ("reauth_needed", "consent_required", …) is returned unchanged.
// - Non-2xx responses are values (with any echo of the token in the body replaced by "[redacted]"); `ToError` turns one into the provider_errors.h vocabulary with the token redacted.
// - Thread-safe when the transport, token source and hooks are (they are, in production).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "net/http_transport.h"
#include "providers/access_token_source.h"
#include "providers/concurrency_limiter.h"
#include "providers/provider_errors.h"
#include "providers/retry.h"

namespace slotwise::providers {

class ProviderClient {
 public:
  ProviderClient(net::HttpTransport& transport, AccessTokenSource& tokens, Provider provider, RetryPolicy policy,
                 RetryHooks hooks, std::shared_ptr<ConcurrencyLimiter> limiter = nullptr);

  // Sends `request` as described above; `throttled` flags throttling hidden in a 2xx (may be empty).
  Result<net::HttpResponse> Send(net::HttpRequest request, std::string_view limit_key = {},
                                 const ThrottleDetector& throttled = {});

  // A JSON request: method, absolute URL, body (empty string = no body; otherwise Content-Type: application/json).
  static net::HttpRequest JsonRequest(std::string method, std::string url, std::string body = {});

  Error ToError(const net::HttpResponse& response) const { return ErrorFromResponse(provider_, response); }
  Error ToError(const Error& transport_error) const { return ErrorFromTransport(provider_, transport_error); }
  Provider provider() const { return provider_; }
  const RetryHooks& hooks() const { return hooks_; }

 private:
  Result<net::HttpResponse> SendWithToken(net::HttpRequest request, const std::string& token,
                                          const ThrottleDetector& throttled);

  net::HttpTransport& transport_;
  AccessTokenSource& tokens_;
  const Provider provider_;
  const RetryPolicy policy_;
  const RetryHooks hooks_;
  std::shared_ptr<ConcurrencyLimiter> limiter_;
};

// Joins an API base ("http://127.0.0.1:8080/google/calendar/v3", trailing '/' optional) and a path ("/freeBusy").
std::string JoinUrl(std::string_view api_base, std::string_view path);

}  // namespace slotwise::providers
