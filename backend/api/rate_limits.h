// rate_limits.h — Slotwise's own request rate limits at the HTTP edge (docs/API_BACKEND.md, Rate limits): per
// credential, per tenant and per client address, answered with 429 "too_many_requests", Retry-After and the
// RateLimit-Policy / RateLimit header fields (IETF httpapi draft, structured-field form: `"key";q=6000;w=60` and
// `"key";r=5999;t=1`).
//
// Contract:
// - AdmitCaller: for a caller a credential named (ApiAuth, after the key or token verified): one charge against the
//   credential ("key:<key id>" for an API key, "user:<tenant>/<user>" for a widget token; policy "key") and one
//   against its tenant (policy "tenant"), decided together (auth/rate_limiter.h). Admitted: the response carries
//   RateLimit-Policy (both policies) and RateLimit (the one closer to its limit); true. Refused: 429 with
//   Retry-After (whole seconds, at least 1) and the refusing policy's headers, nothing spent; false.
// - Requests with no verified credential (public pages and files, a proposal link, an OAuth callback, a refused
//   credential) are limited per client address instead (policy "address"), charged once per such request and never
//   for a request a credential paid for (an ATS's server may send a tenant's whole traffic from one address):
//   - AdmitAddress, before routing a request without an Authorization header: charges; over the limit writes the
//     429 and returns false;
//   - CheckAddress, before routing a request with one: only looks (an address over its limit is refused whatever it
//     presents); ChargeAddress after the response when no credential's limit paid for it (RequestTrace::rate_charged,
//     set by AdmitCaller): a refused credential, or one that is no API credential (a proposal link's capability).
//   The admin key is never limited (but is refused, like everyone, from an address over its limit).
// - A limit of 0 per minute is off. Refusals count in slotwise_rate_limited_total{policy}.
// - Thread-safe. `clock_ms` is a monotonic clock in milliseconds (tests pass their own).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "auth/rate_limiter.h"

namespace httplib {
struct Response;
}  // namespace httplib

namespace slotwise {

struct RequestContext;

struct RateLimitOptions {
  std::int64_t per_key_per_minute = 6'000;
  std::int64_t per_tenant_per_minute = 30'000;
  std::int64_t per_address_per_minute = 6'000;
  std::size_t max_tracked_keys = 100'000;
};

class RateLimits {
 public:
  using Clock = std::function<std::int64_t()>;  // monotonic milliseconds

  explicit RateLimits(RateLimitOptions options, Clock clock_ms = {});

  bool AdmitCaller(const RequestContext& caller, httplib::Response& res);
  bool AdmitAddress(const std::string& client, httplib::Response& res);
  bool CheckAddress(const std::string& client, httplib::Response& res);
  void ChargeAddress(const std::string& client);

  const RateLimitOptions& options() const { return options_; }

 private:
  auth::RateCharge AddressCharge(const std::string& client) const;

  RateLimitOptions options_;
  Clock clock_ms_;
  auth::RateLimiter limiter_;
};

}  // namespace slotwise
