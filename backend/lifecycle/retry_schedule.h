// retry_schedule.h — when a lifecycle webhook that failed is tried again, and when it is given up: exponential backoff
// with jitter, at least what the receiver's Retry-After asks, a bounded number of attempts. Pure; the dispatcher
// (lifecycle_dispatcher.h) passes the attempt number, the answer's Retry-After and a random number in.
//
// Contract:
// - After failed attempt n (1-based) the nominal delay is min(max_delay, base_delay * 2^(n-1)); the delay is drawn
//   uniformly from [nominal/2, nominal] ("equal jitter", so receivers coming back after an outage are not hit by every
//   sender in the same second), and never below one second.
// - A Retry-After the receiver sent (delta seconds) raises the delay to that value, capped at max_retry_after.
// - Attempt max_attempts is the last: after it fails, the event is dead (IsLastAttempt).
// Thread safety: pure functions. Nothing throws.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace slotwise::lifecycle {

struct RetryPolicy {
  int max_attempts = 16;                     // 1 + 15 retries; with the defaults they span about 9 to 19 hours
  std::int64_t base_delay_seconds = 5;
  std::int64_t max_delay_seconds = 4 * 3600;
  std::int64_t max_retry_after_seconds = 24 * 3600;
};

// Seconds to wait after failed attempt `attempt` (>= 1); `unit_random` in [0, 1) picks within the jitter range.
std::int64_t RetryDelay(const RetryPolicy& policy, int attempt, std::optional<std::int64_t> retry_after,
                        double unit_random);

// True when failed attempt `attempt` was the last one the policy allows.
bool IsLastAttempt(const RetryPolicy& policy, int attempt);

// A Retry-After header's delta seconds ("120"); nullopt when absent or not a plain number (HTTP dates are ignored).
std::optional<std::int64_t> ParseRetryAfter(std::string_view value);

}  // namespace slotwise::lifecycle
