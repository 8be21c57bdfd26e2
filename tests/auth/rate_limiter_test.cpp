// Tests for backend/auth/rate_limiter: GCRA bursts and recovery at the exact millisecond, refusals that cost nothing,
// several limits decided together, limits that are off, Peek, and the memory bound.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "auth/rate_limiter.h"

using namespace slotwise::auth;

namespace {

RateDecision One(RateLimiter& limiter, const RateCharge& charge, std::int64_t now) {
  return limiter.Admit({&charge, 1}, now);
}

}  // namespace

TEST_CASE("RateLimiter: a burst of per_minute, then one request per 60 s / per_minute; the wait is exact") {
  RateLimiter limiter(100);
  const RateCharge key{"key:a", "key", 60};  // one request a second
  const std::int64_t t0 = 1'000'000;
  for (int i = 0; i < 60; ++i) {
    const RateDecision decision = One(limiter, key, t0);
    REQUIRE(decision.admitted);
    CHECK(decision.remaining == 59 - i);
    CHECK(decision.policy == "key");
    CHECK(decision.per_minute == 60);
  }
  const RateDecision refused = One(limiter, key, t0);
  CHECK_FALSE(refused.admitted);
  CHECK(refused.remaining == 0);
  CHECK(refused.retry_after_ms == 1000);
  CHECK(refused.reset_ms == 60'000);
  CHECK_FALSE(One(limiter, key, t0 + 999).admitted);  // one millisecond early
  CHECK(One(limiter, key, t0 + 1000).admitted);       // exactly when told
  CHECK_FALSE(One(limiter, key, t0 + 1000).admitted);
  // After a full minute of silence the whole burst is back.
  const RateDecision rested = One(limiter, key, t0 + 1000 + 60'000);
  CHECK(rested.admitted);
  CHECK(rested.remaining == 59);
}

TEST_CASE("RateLimiter: refused requests cost nothing, so hammering does not extend the wait") {
  RateLimiter limiter(100);
  const RateCharge key{"key:a", "key", 6};  // one every 10 s
  for (int i = 0; i < 6; ++i) REQUIRE(One(limiter, key, 0).admitted);
  for (int ms = 0; ms < 10'000; ms += 100) CHECK_FALSE(One(limiter, key, ms).admitted);
  CHECK(One(limiter, key, 10'000).admitted);
}

TEST_CASE("RateLimiter: several limits are decided together; a refusal spends none of them") {
  RateLimiter limiter(100);
  const std::vector<RateCharge> first = {{"key:a", "key", 10}, {"tenant:t", "tenant", 12}};
  const std::vector<RateCharge> second = {{"key:b", "key", 10}, {"tenant:t", "tenant", 12}};
  for (int i = 0; i < 10; ++i) REQUIRE(limiter.Admit(first, 0).admitted);
  const RateDecision key_refused = limiter.Admit(first, 0);
  CHECK_FALSE(key_refused.admitted);
  CHECK(key_refused.policy == "key");
  // Key b has its own budget, but the tenant has only 2 left.
  CHECK(limiter.Admit(second, 0).admitted);
  const RateDecision last = limiter.Admit(second, 0);
  CHECK(last.admitted);
  CHECK(last.policy == "tenant");  // reported: the limit closer to refusing (0 of 12 left vs 8 of 10)
  CHECK(last.remaining == 0);
  const RateDecision tenant_refused = limiter.Admit(second, 0);
  CHECK_FALSE(tenant_refused.admitted);
  CHECK(tenant_refused.policy == "tenant");
  CHECK(tenant_refused.retry_after_ms == 5000);  // 60 s / 12
  // Both refuse: the answer is the longer wait (key a: 6 s; the tenant: 5 s), after which both admit.
  const RateDecision both = limiter.Admit(first, 0);
  CHECK_FALSE(both.admitted);
  CHECK(both.policy == "key");
  CHECK(both.retry_after_ms == 6000);
  CHECK(limiter.Admit(first, 6000).admitted);
  // Key b spent 2 (nothing for its refusal): 8 left at t = 0, one more recovered by 6 s.
  const RateDecision peek = limiter.Peek({"key:b", "key", 10}, 6000);
  CHECK(peek.admitted);
  CHECK(peek.remaining == 8);
}

TEST_CASE("RateLimiter: a limit of 0 is off; Peek never spends") {
  RateLimiter limiter(100);
  const RateCharge off{"address:x", "address", 0};
  for (int i = 0; i < 10'000; ++i) REQUIRE(One(limiter, off, 0).admitted);
  CHECK(limiter.tracked() == 0);
  const RateCharge key{"key:a", "key", 2};
  for (int i = 0; i < 100; ++i) REQUIRE(limiter.Peek(key, 0).admitted);
  CHECK(One(limiter, key, 0).admitted);
  CHECK(One(limiter, key, 0).admitted);
  CHECK_FALSE(limiter.Peek(key, 0).admitted);
  CHECK(limiter.Peek(key, 0).retry_after_ms == 30'000);
}

TEST_CASE("RateLimiter: memory is bounded; rested keys make room, and beyond that new keys are admitted untracked") {
  RateLimiter limiter(3);
  for (const char* name : {"a", "b", "c"}) REQUIRE(One(limiter, {name, "key", 60}, 0).admitted);
  CHECK(limiter.tracked() == 3);
  // All three are still recovering: a fourth is admitted but not tracked (fail open), the three keep their limits.
  for (int i = 0; i < 100; ++i) CHECK(One(limiter, {"d", "key", 60}, 0).admitted);
  CHECK(limiter.tracked() == 3);
  CHECK(limiter.untracked() == 100);
  for (int i = 0; i < 59; ++i) REQUIRE(One(limiter, {"a", "key", 60}, 0).admitted);
  CHECK_FALSE(One(limiter, {"a", "key", 60}, 0).admitted);
  // A second later "b" and "c" are back at a full burst (their one request recovered): they are dropped to make room.
  CHECK(One(limiter, {"d", "key", 60}, 1000).admitted);
  CHECK(limiter.tracked() == 2);
  CHECK(One(limiter, {"a", "key", 60}, 1000).admitted);  // "a" recovered exactly one request
  CHECK_FALSE(One(limiter, {"a", "key", 60}, 1000).admitted);
}

TEST_CASE("RateLimiter: concurrent callers never exceed the burst") {
  RateLimiter limiter(1000);
  const RateCharge key{"key:shared", "key", 500};
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) admitted += One(limiter, key, 0).admitted ? 1 : 0;
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(admitted.load() == 500);
}
