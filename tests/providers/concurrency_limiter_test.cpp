// Tests for backend/providers/concurrency_limiter: the per-key cap holds under threads; permits are RAII.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "providers/concurrency_limiter.h"

using namespace slotwise::providers;

TEST_CASE("ConcurrencyLimiter: at most max_per_key permits per key, keys are case-insensitive and independent") {
  ConcurrencyLimiter limiter(4);
  std::vector<ConcurrencyLimiter::Permit> held;
  for (int i = 0; i < 4; ++i) {
    auto permit = limiter.TryAcquire(i % 2 == 0 ? "anna@acme.test" : "ANNA@acme.test");
    REQUIRE(permit.has_value());
    held.push_back(std::move(*permit));
  }
  CHECK(limiter.InUse("Anna@Acme.Test") == 4);
  CHECK_FALSE(limiter.TryAcquire("anna@acme.test").has_value());
  CHECK(limiter.TryAcquire("ben@acme.test").has_value());  // another mailbox has its own budget (released at once)
  held.pop_back();                                          // RAII release
  CHECK(limiter.InUse("anna@acme.test") == 3);
  auto again = limiter.TryAcquire("anna@acme.test");
  CHECK(again.has_value());
  again->Release();
  again->Release();  // idempotent
  CHECK(limiter.InUse("anna@acme.test") == 3);
  held.clear();
  CHECK(limiter.InUse("anna@acme.test") == 0);
}

TEST_CASE("ConcurrencyLimiter: a moved permit is released exactly once") {
  ConcurrencyLimiter limiter(1);
  {
    ConcurrencyLimiter::Permit outer;
    {
      ConcurrencyLimiter::Permit inner = limiter.Acquire("k");
      outer = std::move(inner);
    }
    CHECK(limiter.InUse("k") == 1);
    CHECK(outer.held());
  }
  CHECK(limiter.InUse("k") == 0);
}

TEST_CASE("ConcurrencyLimiter: the cap holds across threads and blocked callers proceed after a release") {
  ConcurrencyLimiter limiter(4);
  std::atomic<int> active{0};
  std::atomic<int> max_active{0};
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        ConcurrencyLimiter::Permit permit = limiter.Acquire("room@acme.test");
        const int now = ++active;
        int seen = max_active.load();
        while (now > seen && !max_active.compare_exchange_weak(seen, now)) {}
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --active;
      }
      ++done;
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(done == 16);
  CHECK(max_active.load() <= 4);
  CHECK(max_active.load() >= 2);  // the threads did overlap (the cap is not a mutex)
  CHECK(limiter.InUse("room@acme.test") == 0);

  std::vector<ConcurrencyLimiter::Permit> held;
  for (int i = 0; i < 4; ++i) held.push_back(limiter.Acquire("x"));
  std::atomic<bool> acquired{false};
  std::thread waiter([&] {
    ConcurrencyLimiter::Permit permit = limiter.Acquire("x");
    acquired = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK_FALSE(acquired.load());
  held.pop_back();
  waiter.join();
  CHECK(acquired.load());
}
