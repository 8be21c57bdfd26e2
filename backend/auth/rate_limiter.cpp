// rate_limiter.cpp — see rate_limiter.h.
//
// GCRA for one key, with T = the emission interval (60,000 ms / per_minute) and a burst of per_minute requests, i.e.
// a tolerance of per_minute × T = 60,000 ms: a request at `now` is admitted when max(TAT, now) + T − 60,000 ≤ now, and
// then TAT becomes max(TAT, now) + T. What is left of the burst is (now − (TAT − 60,000)) / T whole requests.
#include "auth/rate_limiter.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace slotwise::auth {

namespace {

constexpr std::int64_t kWindowMs = 60'000;

// The interval between requests at the sustained rate, in milliseconds (at least 1: 60,000 per minute and more).
std::int64_t IntervalMs(std::int64_t per_minute) { return std::max<std::int64_t>(1, kWindowMs / per_minute); }

}  // namespace

RateLimiter::RateLimiter(std::size_t max_tracked_keys) : max_tracked_keys_(std::max<std::size_t>(1, max_tracked_keys)) {}

RateLimiter::Outcome RateLimiter::Evaluate(const RateCharge& charge, std::int64_t now_ms) const {
  Outcome outcome;
  outcome.decision.policy = charge.policy;
  outcome.decision.per_minute = charge.per_minute;
  const std::int64_t interval = IntervalMs(charge.per_minute);
  const std::int64_t window = interval * charge.per_minute;  // the whole burst's worth of intervals (≈ 60 s)
  const auto found = tat_ms_.find(charge.key);
  const std::int64_t tat = found == tat_ms_.end() ? now_ms : std::max(found->second, now_ms);
  const std::int64_t new_tat = tat + interval;
  const std::int64_t allowed_at = new_tat - window;
  if (allowed_at > now_ms) {
    outcome.admitted = false;
    outcome.decision.admitted = false;
    outcome.decision.remaining = 0;
    outcome.decision.retry_after_ms = allowed_at - now_ms;
    outcome.decision.reset_ms = tat - now_ms;
    return outcome;
  }
  outcome.new_tat = new_tat;
  outcome.decision.remaining = (now_ms - allowed_at) / interval;
  outcome.decision.reset_ms = new_tat - now_ms;
  return outcome;
}

bool RateLimiter::MakeRoom(std::int64_t now_ms) {
  if (tat_ms_.size() < max_tracked_keys_) return true;
  std::erase_if(tat_ms_, [now_ms](const auto& entry) { return entry.second <= now_ms; });
  return tat_ms_.size() < max_tracked_keys_;
}

RateDecision RateLimiter::Admit(std::span<const RateCharge> charges, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<const RateCharge*, std::int64_t>> spends;
  RateDecision reported;
  std::optional<RateDecision> refusal;  // the refused charge with the longest wait
  for (const RateCharge& charge : charges) {
    if (charge.per_minute <= 0) continue;
    Outcome outcome = Evaluate(charge, now_ms);
    if (!outcome.admitted) {
      if (!refusal || outcome.decision.retry_after_ms > refusal->retry_after_ms) refusal = outcome.decision;
      continue;
    }
    // Report the limit closest to refusing (the least remaining, relative to its size).
    const bool tighter = reported.policy.empty() ||
                         outcome.decision.remaining * reported.per_minute < reported.remaining * charge.per_minute;
    if (tighter) reported = outcome.decision;
    spends.emplace_back(&charge, outcome.new_tat);
  }
  if (refusal) return *refusal;  // nothing spent
  for (const auto& [charge, new_tat] : spends) {
    auto found = tat_ms_.find(charge->key);
    if (found != tat_ms_.end()) {
      found->second = new_tat;
    } else if (MakeRoom(now_ms)) {
      tat_ms_.emplace(charge->key, new_tat);
    } else {
      ++untracked_;
    }
  }
  return reported;
}

RateDecision RateLimiter::Peek(const RateCharge& charge, std::int64_t now_ms) {
  if (charge.per_minute <= 0) return {};
  std::lock_guard lock(mutex_);
  return Evaluate(charge, now_ms).decision;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return tat_ms_.size();
}

std::uint64_t RateLimiter::untracked() const {
  std::lock_guard lock(mutex_);
  return untracked_;
}

}  // namespace slotwise::auth
