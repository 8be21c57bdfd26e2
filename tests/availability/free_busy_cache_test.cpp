// Tests for backend/availability/free_busy_cache: coverage and freshness, merging fetches, invalidation, LRU
// eviction, counters, and concurrent readers.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "availability/free_busy_cache.h"
#include "availability_test_util.h"

using namespace slotwise;
using slotwise::testing::At;
using slotwise::testing::Busy;

namespace {

const Interval kWeek{At("2026-12-01T00:00:00Z"), At("2026-12-08T00:00:00Z")};

std::vector<Instant> Starts(const CachedCalendar& cached) {
  std::vector<Instant> starts;
  for (const BusyEvent& event : cached.events) starts.push_back(event.interval.start);
  return starts;
}

}  // namespace

TEST_CASE("FreeBusyCache: a window inside fresh coverage hits; outside, stale or max_age 0 misses") {
  FreeBusyCache cache;
  const Instant fetched = At("2026-11-30T12:00:00Z");
  cache.Put("acme", "Anna@Acme.test", kWeek,
            {Busy("2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"),
             Busy("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", BusyStatus::kTentative)},
            fetched);

  std::shared_ptr<const CachedCalendar> hit =
      cache.Get("acme", "anna@acme.test", {At("2026-12-01T00:00:00Z"), At("2026-12-03T00:00:00Z")}, 300, fetched + 10);
  REQUIRE(hit);
  CHECK(Starts(*hit) == std::vector<Instant>{At("2026-12-01T09:00:00Z"), At("2026-12-02T09:00:00Z")});  // sorted
  CHECK(hit->events[0].status == BusyStatus::kTentative);
  CHECK(hit->events[0].summary.empty());                                  // summaries are not kept
  CHECK(cache.Get("acme", "ANNA@acme.test", kWeek, 300, fetched + 300));  // the whole range, exactly at max age

  CHECK_FALSE(cache.Get("acme", "anna@acme.test", kWeek, 300, fetched + 301));                   // stale
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", kWeek, 0, fetched));                           // 0 = always fetch
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", {kWeek.start - 1, kWeek.end}, 300, fetched));  // sticks out
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", {kWeek.start, kWeek.end + 1}, 300, fetched));
  CHECK_FALSE(cache.Get("beta", "anna@acme.test", kWeek, 300, fetched));  // another tenant
  CHECK_FALSE(cache.Get("acme", "ben@acme.test", kWeek, 300, fetched));

  const FreeBusyCacheStats stats = cache.Stats();
  CHECK(stats.hits == 2);
  CHECK(stats.misses == 6);
  CHECK(stats.entries == 1);
}

TEST_CASE("FreeBusyCache: a later fetch replaces what it covers and keeps the rest with its own age") {
  FreeBusyCache cache;
  const Instant t0 = At("2026-11-30T12:00:00Z");
  cache.Put("acme", "anna@acme.test", kWeek,
            {Busy("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), Busy("2026-12-05T09:00:00Z", "2026-12-05T10:00:00Z"),
             Busy("2026-12-03T23:00:00Z", "2026-12-04T01:00:00Z")},  // crosses into the refetched range
            t0);
  // The next week, adjacent: both weeks together are covered.
  const Interval next{kWeek.end, kWeek.end + 7 * kSecondsPerDay};
  cache.Put("acme", "anna@acme.test", next, {Busy("2026-12-09T09:00:00Z", "2026-12-09T10:00:00Z")}, t0 + 60);
  CHECK(cache.Get("acme", "anna@acme.test", {kWeek.start, next.end}, 300, t0 + 100));

  // Refetch 2026-12-04..06 later: the old 12-05 event is gone, the crossing one is clipped, the rest stays.
  const Interval middle{At("2026-12-04T00:00:00Z"), At("2026-12-06T00:00:00Z")};
  cache.Put("acme", "anna@acme.test", middle, {Busy("2026-12-04T15:00:00Z", "2026-12-04T16:00:00Z")}, t0 + 1000);
  std::shared_ptr<const CachedCalendar> all =
      cache.Get("acme", "anna@acme.test", {kWeek.start, next.end}, 2000, t0 + 1000);
  REQUIRE(all);
  CHECK(Starts(*all) == std::vector<Instant>{At("2026-12-01T09:00:00Z"), At("2026-12-03T23:00:00Z"),
                                             At("2026-12-04T15:00:00Z"), At("2026-12-09T09:00:00Z")});
  CHECK(all->events[1].interval.end == At("2026-12-04T00:00:00Z"));
  REQUIRE(all->segments.size() == 4);  // [12-01,12-04) t0, [12-04,12-06) t0+1000, [12-06,12-08) t0, next week t0+60

  // Freshness is per fetch: the refetched days are fresh, a window touching the old parts is not.
  CHECK(cache.Get("acme", "anna@acme.test", middle, 300, t0 + 1200));
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", {middle.start - 1, middle.end}, 300, t0 + 1200));
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", {middle.start, middle.end + 1}, 300, t0 + 1200));

  // A disjoint fetch leaves a gap: a window over the gap misses.
  FreeBusyCache gaps;
  gaps.Put("acme", "x", {At("2026-12-01T00:00:00Z"), At("2026-12-02T00:00:00Z")}, {}, t0);
  gaps.Put("acme", "x", {At("2026-12-03T00:00:00Z"), At("2026-12-04T00:00:00Z")}, {}, t0);
  CHECK_FALSE(gaps.Get("acme", "x", {At("2026-12-01T00:00:00Z"), At("2026-12-04T00:00:00Z")}, 300, t0));
  CHECK(gaps.Get("acme", "x", {At("2026-12-03T00:00:00Z"), At("2026-12-04T00:00:00Z")}, 300, t0));
}

TEST_CASE("FreeBusyCache: at most kMaxSegments ranges per calendar; the oldest are forgotten with their events") {
  FreeBusyCache cache;
  const Instant t0 = At("2026-11-30T12:00:00Z");
  for (int day = 0; day < 10; ++day) {  // ten separate days, fetched in order
    const Instant start = kWeek.start + 2 * day * kSecondsPerDay;
    cache.Put("acme", "x", {start, start + kSecondsPerDay}, {slotwise::testing::Event(start + 3600, start + 7200)},
              t0 + day);
  }
  std::shared_ptr<const CachedCalendar> last =
      cache.Get("acme", "x", {kWeek.start + 18 * kSecondsPerDay, kWeek.start + 19 * kSecondsPerDay}, 300, t0 + 20);
  REQUIRE(last);
  CHECK(last->segments.size() == FreeBusyCache::kMaxSegments);
  CHECK(last->events.size() == FreeBusyCache::kMaxSegments);
  CHECK_FALSE(cache.Get("acme", "x", {kWeek.start, kWeek.start + kSecondsPerDay}, 300, t0 + 20));  // the first day
}

TEST_CASE("FreeBusyCache: Invalidate drops one calendar, InvalidateTenant every calendar of a tenant") {
  FreeBusyCache cache;
  const Instant t0 = At("2026-11-30T12:00:00Z");
  for (const char* tenant : {"acme", "acme-2"}) {
    for (const char* id : {"anna@acme.test", "ben@acme.test"}) cache.Put(tenant, id, kWeek, {}, t0);
  }
  cache.Invalidate("acme", "ANNA@acme.test");
  CHECK_FALSE(cache.Get("acme", "anna@acme.test", kWeek, 300, t0));
  CHECK(cache.Get("acme", "ben@acme.test", kWeek, 300, t0));
  CHECK(cache.Get("acme-2", "anna@acme.test", kWeek, 300, t0));
  cache.Invalidate("acme", "nobody@acme.test");  // absent: nothing happens

  cache.InvalidateTenant("acme");  // not "acme-2", although it shares the prefix
  CHECK_FALSE(cache.Get("acme", "ben@acme.test", kWeek, 300, t0));
  CHECK(cache.Get("acme-2", "anna@acme.test", kWeek, 300, t0));
  CHECK(cache.Get("acme-2", "ben@acme.test", kWeek, 300, t0));
  CHECK(cache.Stats().entries == 2);
  cache.Clear();
  CHECK(cache.Stats().entries == 0);
}

TEST_CASE("FreeBusyCache: beyond max_entries the least recently used calendar is evicted") {
  FreeBusyCache cache(3);
  const Instant t0 = At("2026-11-30T12:00:00Z");
  cache.Put("acme", "a", kWeek, {}, t0);
  cache.Put("acme", "b", kWeek, {}, t0);
  cache.Put("acme", "c", kWeek, {}, t0);
  CHECK(cache.Get("acme", "a", kWeek, 300, t0));  // a is now more recent than b and c
  cache.Put("acme", "c", kWeek, {}, t0 + 1);      // a refresh counts as use: b is the oldest
  cache.Put("acme", "d", kWeek, {}, t0);
  CHECK(cache.Stats().entries == 3);
  CHECK(cache.Stats().evictions == 1);
  CHECK_FALSE(cache.Get("acme", "b", kWeek, 300, t0));
  CHECK(cache.Get("acme", "a", kWeek, 300, t0));
  CHECK(cache.Get("acme", "c", kWeek, 300, t0));
  CHECK(cache.Get("acme", "d", kWeek, 300, t0));
  cache.Put("acme", "e", kWeek, {}, t0);  // a, c, d were all read after each other: a is the oldest
  CHECK_FALSE(cache.Get("acme", "a", kWeek, 300, t0));
  CHECK(cache.Stats().evictions == 2);
  CHECK(FreeBusyCache(0).max_entries() == 1);
}

TEST_CASE("FreeBusyCache: concurrent readers and a writer; reads are cheap") {
  FreeBusyCache cache;
  const Instant t0 = At("2026-11-30T12:00:00Z");
  std::vector<BusyEvent> events;
  for (int i = 0; i < 40; ++i) {
    events.push_back(slotwise::testing::Event(kWeek.start + i * 3 * 3600, kWeek.start + i * 3 * 3600 + 3600));
  }
  for (int p = 0; p < 20; ++p) cache.Put("acme", "p" + std::to_string(p) + "@acme.test", kWeek, events, t0);

  constexpr int kReadsPerThread = 50'000;
  std::atomic<int> misses{0};
  auto reader = [&](int seed) {
    for (int i = 0; i < kReadsPerThread; ++i) {
      if (!cache.Get("acme", "p" + std::to_string((i + seed) % 20) + "@acme.test", kWeek, 300, t0)) ++misses;
    }
  };
  const auto begin = std::chrono::steady_clock::now();
  std::thread a(reader, 0), b(reader, 7);
  std::thread writer([&] {
    for (int i = 0; i < 200; ++i) cache.Put("acme", "p" + std::to_string(i % 20) + "@acme.test", kWeek, events, t0);
  });
  a.join();
  b.join();
  writer.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  CHECK(misses.load() == 0);  // a refresh replaces an entry atomically: readers never see a hole
  const double per_get_us = seconds * 1e6 / (2.0 * kReadsPerThread);
  std::printf("[free_busy_cache] %d concurrent Gets on 2 threads: %.3f us per Get (wall / reads per thread)\n",
              2 * kReadsPerThread, per_get_us * 2);
  CHECK(cache.Stats().hits == 2 * kReadsPerThread);
}
