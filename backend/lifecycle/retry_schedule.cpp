// retry_schedule.cpp — see retry_schedule.h.
#include "lifecycle/retry_schedule.h"

#include <algorithm>

#include "slotwise/ascii.h"

namespace slotwise::lifecycle {

std::int64_t RetryDelay(const RetryPolicy& policy, int attempt, std::optional<std::int64_t> retry_after,
                        double unit_random) {
  std::int64_t nominal = std::max<std::int64_t>(1, policy.base_delay_seconds);
  for (int doubled = 1; doubled < attempt && nominal < policy.max_delay_seconds; ++doubled) nominal *= 2;
  nominal = std::min(nominal, std::max<std::int64_t>(1, policy.max_delay_seconds));
  const double unit = std::clamp(unit_random, 0.0, 1.0);
  const std::int64_t half = nominal / 2;
  std::int64_t delay = half + static_cast<std::int64_t>(static_cast<double>(nominal - half) * unit);
  delay = std::clamp(delay, std::max<std::int64_t>(1, half), nominal);
  if (retry_after && *retry_after > delay) delay = std::min(*retry_after, policy.max_retry_after_seconds);
  return std::max<std::int64_t>(1, delay);
}

bool IsLastAttempt(const RetryPolicy& policy, int attempt) { return attempt >= policy.max_attempts; }

std::optional<std::int64_t> ParseRetryAfter(std::string_view value) {
  value = TrimBlanks(value);
  if (value.empty()) return std::nullopt;
  return ParseDecimal(value);
}

}  // namespace slotwise::lifecycle
