// Tests for backend/webhooks/sync_queue: coalescing, FIFO, timeouts, Close, bounds, and 8 concurrent producers.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "webhooks/sync_queue.h"

using namespace slotwise::webhooks;
using namespace std::chrono_literals;

namespace {
SyncKey Key(int connection, int calendar) {
  return SyncKey{"conn-" + std::to_string(connection), "cal-" + std::to_string(calendar), ""};
}
}  // namespace

TEST_CASE("Webhooks: sync queue coalesces a pending key and keeps FIFO order") {
  SyncQueue queue;
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kQueued);
  CHECK(queue.Push(Key(1, 2)) == PushOutcome::kQueued);
  CHECK(queue.Push(Key(2, 1)) == PushOutcome::kQueued);  // same calendar id, other connection: distinct
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kCoalesced);
  auto stats = queue.Stats();
  CHECK(stats.pushed == 4);
  CHECK(stats.coalesced == 1);
  CHECK(stats.pending == 3);

  CHECK(queue.Pop(0ms) == Key(1, 1));
  // Popped means "sync started": a new change must queue again, or it would be lost.
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kQueued);
  CHECK(queue.Pop(0ms) == Key(1, 2));
  CHECK(queue.Pop(0ms) == Key(2, 1));
  CHECK(queue.Pop(0ms) == Key(1, 1));
  CHECK_FALSE(queue.Pop(0ms).has_value());
  stats = queue.Stats();
  CHECK(stats.popped == 4);
  CHECK(stats.pending == 0);
}

TEST_CASE("Webhooks: sync queue Pop times out and Close wakes a waiting worker") {
  SyncQueue queue;
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(queue.Pop(30ms).has_value());
  CHECK(std::chrono::steady_clock::now() - start >= 30ms);

  std::atomic<bool> returned{false};
  std::thread worker([&] {
    CHECK_FALSE(queue.Pop(60s).has_value());
    returned = true;
  });
  std::this_thread::sleep_for(20ms);
  CHECK_FALSE(returned.load());
  const auto closed_at = std::chrono::steady_clock::now();
  queue.Close();
  worker.join();
  CHECK(returned.load());
  CHECK(std::chrono::steady_clock::now() - closed_at < 5s);
  CHECK(queue.IsClosed());
}

TEST_CASE("Webhooks: sync queue refuses pushes after Close and drains what is pending") {
  SyncQueue queue;
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kQueued);
  queue.Close();
  queue.Close();  // idempotent
  CHECK(queue.Push(Key(2, 2)) == PushOutcome::kClosed);
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kClosed);
  CHECK(queue.Pop(60s) == Key(1, 1));  // no wait: closed
  CHECK_FALSE(queue.Pop(60s).has_value());
  CHECK(queue.Stats().refused == 2);
}

TEST_CASE("Webhooks: sync queue is bounded") {
  SyncQueue queue(2);
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kQueued);
  CHECK(queue.Push(Key(1, 2)) == PushOutcome::kQueued);
  CHECK(queue.Push(Key(1, 3)) == PushOutcome::kFull);
  CHECK(queue.Push(Key(1, 1)) == PushOutcome::kCoalesced);  // coalescing still works when full
  CHECK(queue.Pop(0ms).has_value());
  CHECK(queue.Push(Key(1, 3)) == PushOutcome::kQueued);
  CHECK(queue.Stats().refused == 1);
}

TEST_CASE("Webhooks: sync queue coalesces 8 threads x 1000 pushes onto 100 keys") {
  SyncQueue queue;
  std::vector<std::thread> producers;
  for (int t = 0; t < 8; ++t) {
    producers.emplace_back([&queue, t] {
      for (int i = 0; i < 1000; ++i)
        queue.Push(Key((i + t) % 10, (i / 10) % 10));  // 100 distinct keys, each thread all of them
    });
  }
  for (auto& producer : producers) producer.join();
  const auto stats = queue.Stats();
  CHECK(stats.pushed == 8000);
  CHECK(stats.pending == 100);
  CHECK(stats.coalesced == 7900);
  std::set<SyncKey> seen;
  while (auto key = queue.Pop(0ms)) CHECK(seen.insert(*key).second);  // every pending key exactly once
  CHECK(seen.size() == 100);
}

TEST_CASE("Webhooks: sync queue never holds a key twice while a worker pops concurrently") {
  SyncQueue queue;
  std::atomic<bool> done{false};
  std::uint64_t popped = 0;       // worker-only until join
  std::set<SyncKey> popped_keys;  // worker-only until join
  std::thread worker([&] {
    while (!done.load() || queue.Stats().pending > 0) {
      if (auto key = queue.Pop(1ms)) {
        ++popped;
        popped_keys.insert(*key);
      }
    }
  });
  std::vector<std::thread> producers;
  for (int t = 0; t < 8; ++t) {
    producers.emplace_back([&queue, t] {
      for (int i = 0; i < 1000; ++i) queue.Push(Key(t % 4, i % 25));
    });
  }
  for (auto& producer : producers) producer.join();
  done = true;
  worker.join();
  const auto stats = queue.Stats();
  CHECK(stats.pushed == 8000);
  CHECK(stats.pending == 0);
  CHECK(stats.popped == popped);
  CHECK(stats.pushed == stats.coalesced + stats.popped);
  CHECK(popped_keys.size() == 100);  // every one of the 4 x 25 keys was synced at least once
}
