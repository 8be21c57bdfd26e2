// retry.h — retries with full-jitter exponential backoff and Retry-After, for every provider call.
//
// Contract:
// - What is retried: HTTP 429, any 5xx, the transport errors "timeout" and "network_error", a Google 403 whose reason
//   is rateLimitExceeded/userRateLimitExceeded (a rate limit in 403 clothing), and any response the caller's
//   `ThrottleDetector` flags (an old Teams incoming webhook answers 200 "…returned HTTP error 429…"). Never another
//   4xx. A 429 with `X-RateLimit-Type: Daily-limit` (Zoom) is NOT retried: the quota resets at the end of the day.
// - Delay before attempt n+1 (n = 0 for the first retry): the response's Retry-After when present and parseable;
//   otherwise uniform(0, min(max_delay, base_delay * 2^n)) ("full jitter"). A Retry-After beyond kMaxRetryAfter
//   (120 s) is not waited for: the throttled response is returned at once for the caller to report "rate_limited".
// - At most `max_attempts` sends in total (values below 1 count as 1). When attempts run out, the LAST response is
//   returned as a value (status 429/5xx…) or the last transport error as an Error: SendWithRetry decides only
//   whether to send again, never what a status means (provider_errors.h does that).
// - Time and randomness are injected (`RetryHooks`) so tests never sleep. Defaults: std::this_thread::sleep_for,
//   a thread-local mt19937_64 seeded from random_device, the system clock. Thread-safe when the hooks are.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace slotwise::providers {

struct RetryPolicy {
  int max_attempts = 4;                          // sends in total, first one included
  std::chrono::milliseconds base_delay{500};     // backoff base
  std::chrono::milliseconds max_delay{30000};    // backoff cap (Retry-After is capped by kMaxRetryAfter instead)
  std::chrono::milliseconds timeout{10000};      // per request; applied when the request carries none
};

// Longest Retry-After that SendWithRetry waits for.
inline constexpr std::chrono::milliseconds kMaxRetryAfter{120000};

using Sleeper = std::function<void(std::chrono::milliseconds)>;  // blocks the calling thread for the duration
using RandomUnit = std::function<double()>;                      // uniform in [0, 1)
using UnixClock = std::function<std::int64_t()>;                 // now, seconds since the Unix epoch (UTC)

struct RetryHooks {
  Sleeper sleep;       // empty = std::this_thread::sleep_for
  RandomUnit random;   // empty = thread-local mt19937_64
  UnixClock now;       // empty = std::chrono::system_clock
};

// Extra throttling signal in a response whose status alone looks fine (see the contract). Empty = none.
using ThrottleDetector = std::function<bool(const net::HttpResponse&)>;

// Parses a Retry-After header value: delta-seconds ("120"), fractional seconds ("0.5", as Microsoft Graph sends), or
// an IMF-fixdate HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"; the obsolete RFC 850 and asctime forms are not
// accepted). A date in the past gives 0. Surrounding spaces are ignored. Garbage, negative numbers, NaN/inf → nullopt.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value, std::int64_t now_unix_seconds);

// The full-jitter backoff before retry number `retry_index` (0-based): uniform(0, min(max_delay, base*2^retry_index)).
// `random_unit` must be in [0, 1); values outside are clamped.
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int retry_index, double random_unit);

enum class RetryVerdict : std::uint8_t { kDone, kRetry, kGiveUp };
// kDone: return the response; kRetry: send again (if attempts remain); kGiveUp: throttled but not worth retrying
// (Zoom Daily-limit). Applies the rules of the contract; `throttled` is the caller's ThrottleDetector (may be empty).
RetryVerdict ClassifyResponse(const net::HttpResponse& response, const ThrottleDetector& throttled);

// Sends `request`, retrying as described. `request.timeout` is set to `policy.timeout` when it is not > 0.
Result<net::HttpResponse> SendWithRetry(net::HttpTransport& transport, net::HttpRequest request,
                                        const RetryPolicy& policy, const RetryHooks& hooks = {},
                                        const ThrottleDetector& throttled = {});

// The hooks with every empty member replaced by its default.
RetryHooks WithDefaults(RetryHooks hooks);

}  // namespace slotwise::providers
