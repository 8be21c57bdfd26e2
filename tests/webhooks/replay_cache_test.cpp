// Tests for backend/webhooks/replay_cache: expiry, bounded size, eviction order, concurrency.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "webhooks/replay_cache.h"

using slotwise::webhooks::ReplayCache;

TEST_CASE("Webhooks: replay cache remembers a key until it expires") {
  ReplayCache cache;
  CHECK(cache.InsertIfNew("a", 1000, 60));
  CHECK_FALSE(cache.InsertIfNew("a", 1000, 60));
  CHECK_FALSE(cache.InsertIfNew("a", 1059, 60));
  CHECK(cache.InsertIfNew("b", 1000, 60));  // other keys are independent
  CHECK(cache.InsertIfNew("a", 1060, 60));  // expired at 1000 + 60
  CHECK_FALSE(cache.InsertIfNew("a", 1061, 60));
}

TEST_CASE("Webhooks: replay cache does not extend a window on replay") {
  ReplayCache cache;
  CHECK(cache.InsertIfNew("k", 0, 10));
  CHECK_FALSE(cache.InsertIfNew("k", 9, 100));  // a replay with a longer ttl must not push expiry to 109
  CHECK(cache.InsertIfNew("k", 10, 10));
}

TEST_CASE("Webhooks: replay cache treats a non-positive ttl as one second and saturates") {
  ReplayCache cache;
  CHECK(cache.InsertIfNew("zero", 5, 0));
  CHECK_FALSE(cache.InsertIfNew("zero", 5, 0));
  CHECK(cache.InsertIfNew("zero", 6, 0));
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CHECK(cache.InsertIfNew("far", max - 1, max));  // must not overflow (UBSan would stop the run)
  CHECK_FALSE(cache.InsertIfNew("far", max - 1, 1));
}

TEST_CASE("Webhooks: replay cache is bounded and evicts expired entries, then the soonest to expire") {
  ReplayCache cache(3);
  CHECK(cache.MaxEntries() == 3);
  CHECK(cache.InsertIfNew("short", 0, 5));
  CHECK(cache.InsertIfNew("long1", 0, 100));
  CHECK(cache.InsertIfNew("long2", 0, 100));
  CHECK(cache.Size() == 3);
  CHECK(cache.InsertIfNew("long3", 1, 100));  // full: "short" (soonest expiry) goes
  CHECK(cache.Size() == 3);
  CHECK_FALSE(cache.InsertIfNew("long1", 2, 100));
  CHECK_FALSE(cache.InsertIfNew("long3", 2, 100));
  CHECK(cache.InsertIfNew("short", 2, 5));  // it was evicted, so it is new again; "long1" goes
  CHECK(cache.Size() == 3);
  CHECK(cache.InsertIfNew("long1", 3, 100));

  ReplayCache expiring(10);
  for (int i = 0; i < 10; ++i) CHECK(expiring.InsertIfNew("k" + std::to_string(i), 0, 10));
  CHECK(expiring.InsertIfNew("late", 10, 10));  // every earlier entry expired at 10 and is purged
  CHECK(expiring.Size() == 1);
  CHECK(ReplayCache(0).MaxEntries() == 1);
}

TEST_CASE("Webhooks: replay cache admits each key exactly once under 8 threads") {
  ReplayCache cache;
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (cache.InsertIfNew("key-" + std::to_string(i), 100, 60)) admitted.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(admitted.load() == 1000);
  CHECK(cache.Size() == 1000);
}
