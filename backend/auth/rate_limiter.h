// rate_limiter.h — request rate limits by the generic cell rate algorithm (GCRA): each caller key ("key:…",
// "tenant:…", "address:…") has a rate of `per_minute` requests that it may also spend at once as a burst, and
// recovers one request every 60 s / per_minute. One timestamp per key (its theoretical arrival time, TAT) is all the
// state: no counters to reset, no window edges a client could time its bursts against.
//
// Contract:
// - Admit(charges, now_ms) decides several limits together (an API key's and its tenant's): either every charge is
//   within its limit and all are spent, or none is spent and the answer names the refused one with the longest wait
//   and that wait. A refused request never costs the caller anything, so a client that waits that long is admitted.
// - Peek(charge, now_ms) answers the same question for one charge without spending it.
// - A limit with per_minute == 0 is off: always admitted, never tracked.
// - Memory is bounded by max_tracked_keys: a key whose TAT is in the past holds nothing (it is at a full burst) and
//   is dropped when room is needed; when every tracked key is still recovering, a new key is admitted untracked
//   (fail open: the tracked callers keep their limits; `untracked()` counts such admissions for the metrics).
// - Times are milliseconds on a monotonic clock supplied by the caller. Thread-safe (one mutex; each call is a few
//   hash look-ups).
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>

namespace slotwise::auth {

struct RateCharge {
  std::string key;         // who is charged: "key:<id>", "tenant:<id>", "address:<ip>", …
  std::string policy;      // the policy's name as the RateLimit headers carry it: "key", "tenant", "address"
  std::int64_t per_minute = 0;  // 0 = this limit is off
};

struct RateDecision {
  bool admitted = true;
  std::string policy;             // the charge the numbers below describe: the refused one, else the most spent one
  std::int64_t per_minute = 0;    // its quota per 60 s ("" policy and 0 when every charge was off)
  std::int64_t remaining = 0;     // requests it could still make at once after this one
  std::int64_t reset_ms = 0;      // until it is back at a full burst
  std::int64_t retry_after_ms = 0;  // refused: until this request would be admitted; 0 when admitted
};

class RateLimiter {
 public:
  explicit RateLimiter(std::size_t max_tracked_keys);

  RateDecision Admit(std::span<const RateCharge> charges, std::int64_t now_ms);
  RateDecision Peek(const RateCharge& charge, std::int64_t now_ms);

  std::size_t tracked() const;
  std::uint64_t untracked() const;

 private:
  struct Outcome {
    bool admitted = true;
    std::int64_t new_tat = 0;
    RateDecision decision;
  };
  Outcome Evaluate(const RateCharge& charge, std::int64_t now_ms) const;  // caller holds mutex_
  bool MakeRoom(std::int64_t now_ms);                                    // caller holds mutex_

  const std::size_t max_tracked_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> tat_ms_;  // key -> theoretical arrival time of its next request
  std::uint64_t untracked_ = 0;
};

}  // namespace slotwise::auth
