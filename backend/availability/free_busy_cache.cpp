// free_busy_cache.cpp — see free_busy_cache.h.
#include "availability/free_busy_cache.h"
#include "slotwise/ascii.h"

#include <algorithm>
#include <cctype>
#include <mutex>

namespace slotwise {

namespace {

bool Overlaps(const Interval& a, const Interval& b) {
  return a.start < b.end && b.start < a.end;
}

}  // namespace

bool CoveredSince(const std::vector<CachedCalendar::Segment>& segments, Interval window, Instant oldest_fetch) {
  if (window.empty()) return false;
  Instant reached = window.start;  // everything in [window.start, reached) is covered by fresh segments
  for (const CachedCalendar::Segment& segment : segments) {
    if (segment.covered.end <= reached) continue;
    if (segment.covered.start > reached) return false;    // a gap (segments are sorted)
    if (segment.fetched_at < oldest_fetch) return false;  // the part needed next is stale
    reached = segment.covered.end;
    if (reached >= window.end) return true;
  }
  return false;
}

FreeBusyCache::FreeBusyCache(std::size_t max_entries) : max_entries_(std::max<std::size_t>(1, max_entries)) {}

std::string FreeBusyCache::Key(std::string_view tenant_id, std::string_view calendar_id) {
  std::string key;
  key.reserve(tenant_id.size() + 1 + calendar_id.size());
  key.append(tenant_id);
  key.push_back('\n');  // never part of a tenant id
  key.append(AsciiLower(calendar_id));
  return key;
}

std::shared_ptr<const CachedCalendar> FreeBusyCache::Get(std::string_view tenant_id, std::string_view calendar_id,
                                                         Interval window, std::int64_t max_age_seconds, Instant now) {
  if (max_age_seconds <= 0) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  const std::string key = Key(tenant_id, calendar_id);
  std::shared_ptr<const CachedCalendar> found;
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      it->second->last_used.store(clock_.fetch_add(1, std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      found = it->second->value;
    }
  }
  if (found && CoveredSince(found->segments, window, now - max_age_seconds)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    return found;
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return nullptr;
}

void FreeBusyCache::Put(std::string_view tenant_id, std::string_view calendar_id, Interval covered,
                        std::vector<BusyEvent> events, Instant fetched_at) {
  if (covered.empty()) return;
  for (BusyEvent& event : events) event.summary.clear();
  const std::string key = Key(tenant_id, calendar_id);
  std::unique_lock lock(mutex_);
  auto it = entries_.find(key);
  auto fresh = std::make_shared<CachedCalendar>();
  if (it != entries_.end()) {
    const CachedCalendar& old = *it->second->value;
    for (const CachedCalendar::Segment& segment : old.segments) {  // keep what lies outside `covered`
      if (segment.covered.start < covered.start) {
        fresh->segments.push_back(
            {{segment.covered.start, std::min(segment.covered.end, covered.start)}, segment.fetched_at});
      }
      if (segment.covered.end > covered.end) {
        fresh->segments.push_back(
            {{std::max(segment.covered.start, covered.end), segment.covered.end}, segment.fetched_at});
      }
    }
    for (const BusyEvent& event : old.events) {  // old knowledge inside `covered` is replaced
      if (!Overlaps(event.interval, covered)) {
        fresh->events.push_back(event);
        continue;
      }
      if (event.interval.start < covered.start) {
        BusyEvent before = event;
        before.interval.end = covered.start;
        fresh->events.push_back(std::move(before));
      }
      if (event.interval.end > covered.end) {
        BusyEvent after = event;
        after.interval.start = covered.end;
        fresh->events.push_back(std::move(after));
      }
    }
  }
  fresh->segments.push_back({covered, fetched_at});
  if (fresh->segments.size() > kMaxSegments) {  // forget the oldest coverage (never the new one: it is last)
    std::stable_sort(fresh->segments.begin(), fresh->segments.end() - 1,
                     [](const auto& a, const auto& b) { return a.fetched_at > b.fetched_at; });
    fresh->segments.erase(fresh->segments.begin() + static_cast<std::ptrdiff_t>(kMaxSegments - 1),
                          fresh->segments.end() - 1);
  }
  std::sort(fresh->segments.begin(), fresh->segments.end(),
            [](const auto& a, const auto& b) { return a.covered.start < b.covered.start; });
  for (BusyEvent& event : events) fresh->events.push_back(std::move(event));
  // Events outside every remaining segment can never be handed out for a covered window: drop them.
  std::erase_if(fresh->events, [&](const BusyEvent& event) {
    return std::none_of(fresh->segments.begin(), fresh->segments.end(),
                        [&](const auto& segment) { return Overlaps(event.interval, segment.covered); });
  });
  std::stable_sort(fresh->events.begin(), fresh->events.end(),
                   [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });

  const std::uint64_t tick = clock_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (it != entries_.end()) {
    it->second->value = std::move(fresh);
    it->second->last_used.store(tick, std::memory_order_relaxed);
    return;
  }
  while (entries_.size() >= max_entries_) EvictOneLocked();
  auto entry = std::make_unique<Entry>();
  entry->value = std::move(fresh);
  entry->last_used.store(tick, std::memory_order_relaxed);
  entries_.emplace(key, std::move(entry));
}

void FreeBusyCache::EvictOneLocked() {
  auto oldest = entries_.end();
  std::uint64_t oldest_tick = 0;
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    const std::uint64_t tick = it->second->last_used.load(std::memory_order_relaxed);
    if (oldest == entries_.end() || tick < oldest_tick) {
      oldest = it;
      oldest_tick = tick;
    }
  }
  if (oldest == entries_.end()) return;
  entries_.erase(oldest);
  evictions_.fetch_add(1, std::memory_order_relaxed);
}

void FreeBusyCache::Invalidate(std::string_view tenant_id, std::string_view calendar_id) {
  const std::string key = Key(tenant_id, calendar_id);
  std::unique_lock lock(mutex_);
  entries_.erase(key);
}

void FreeBusyCache::InvalidateTenant(std::string_view tenant_id) {
  const std::string prefix = std::string(tenant_id) + '\n';
  std::unique_lock lock(mutex_);
  std::erase_if(entries_, [&](const auto& item) { return item.first.compare(0, prefix.size(), prefix) == 0; });
}

void FreeBusyCache::Clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

FreeBusyCacheStats FreeBusyCache::Stats() const {
  FreeBusyCacheStats stats;
  stats.hits = hits_.load(std::memory_order_relaxed);
  stats.misses = misses_.load(std::memory_order_relaxed);
  stats.evictions = evictions_.load(std::memory_order_relaxed);
  std::shared_lock lock(mutex_);
  stats.entries = entries_.size();
  return stats;
}

}  // namespace slotwise
