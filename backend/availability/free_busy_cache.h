// free_busy_cache.h — provider free/busy kept in memory per (tenant, calendar), so that answering an availability
// query does not call Google or Microsoft every time.
//
// Contract:
// - Key: (tenant id, calendar id ASCII lower-cased). Value: the busy events (slotwise::BusyEvent, UTC, half-open,
//   with their statuses; summaries are dropped) known for a set of covered UTC ranges, each with the instant it was
//   fetched. Provider errors are never cached.
// - Get(tenant, id, window, max_age, now) hits only when `window` lies inside ranges covered by fetches made at or
//   after `now - max_age` (max_age ≤ 0 always misses). A hit hands out an immutable snapshot (shared, no copy): its
//   `events` are every cached event of that calendar, sorted by start, and may extend beyond `window` — callers
//   select what overlaps the window.
// - Put(tenant, id, covered, events, fetched_at) records a fetch over `covered`: inside `covered` the new events
//   replace what was known (old events are clipped to outside it); coverage elsewhere is kept with its own fetch time,
//   up to kMaxSegments ranges per calendar (the oldest are forgotten first). An empty `covered` is ignored.
// - Invalidate / InvalidateTenant drop entries (after a change notification, a booking, a directory change).
// - Bounded: at most `max_entries` calendars; a Put beyond that evicts the least recently used (Get or Put) entry.
// - Thread-safe. Get takes a shared lock and touches only atomics (reads scale across cores); Put, Invalidate and
//   eviction take the exclusive lock. The cache holds values, never JSON.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "slotwise/busy.h"
#include "slotwise/intervals.h"

namespace slotwise {

struct CachedCalendar {
  struct Segment {
    Interval covered;
    Instant fetched_at = 0;
  };
  std::vector<Segment> segments;  // sorted by start, pairwise disjoint
  std::vector<BusyEvent> events;  // sorted by start; no summaries
};

struct FreeBusyCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
  std::size_t entries = 0;
};

class FreeBusyCache {
 public:
  static constexpr std::size_t kDefaultMaxEntries = 20'000;
  static constexpr std::size_t kMaxSegments = 8;

  explicit FreeBusyCache(std::size_t max_entries = kDefaultMaxEntries);  // 0 is treated as 1

  // The cached calendar when `window` is covered by fetches no older than `max_age_seconds` at `now`; else nullptr.
  std::shared_ptr<const CachedCalendar> Get(std::string_view tenant_id, std::string_view calendar_id, Interval window,
                                            std::int64_t max_age_seconds, Instant now);
  // Records a fetch of `events` over `covered` made at `fetched_at` (see the contract).
  void Put(std::string_view tenant_id, std::string_view calendar_id, Interval covered, std::vector<BusyEvent> events,
           Instant fetched_at);

  void Invalidate(std::string_view tenant_id, std::string_view calendar_id);  // no-op when absent
  void InvalidateTenant(std::string_view tenant_id);
  void Clear();

  FreeBusyCacheStats Stats() const;
  std::size_t max_entries() const { return max_entries_; }

 private:
  struct Entry {
    std::shared_ptr<const CachedCalendar> value;
    mutable std::atomic<std::uint64_t> last_used{0};
  };
  static std::string Key(std::string_view tenant_id, std::string_view calendar_id);
  void EvictOneLocked();

  const std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
  std::atomic<std::uint64_t> clock_{0};  // recency ticks
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> evictions_{0};
};

// Whether `window` lies inside the union of the segments fetched at or after `oldest_fetch` (segments sorted,
// disjoint; touching segments join).
bool CoveredSince(const std::vector<CachedCalendar::Segment>& segments, Interval window, Instant oldest_fetch);

}  // namespace slotwise
