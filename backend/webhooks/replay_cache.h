// replay_cache.h — a bounded set of recently seen keys, each remembered until it expires. Used to drop duplicate
// Graph notifications and replayed Zoom deliveries.
//
// Contract: thread-safe (one internal mutex; every call is O(log n)). Times are Unix seconds supplied by the caller
// (no clock inside). Keys are stored as their SHA-256 digest, so memory per entry is fixed whatever the key length
// and at most `max_entries` entries are held: when full, the entry closest to expiry (expired ones first) is evicted
// to make room — under a flood the window shrinks instead of memory growing. No function throws except
// std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace slotwise::webhooks {

class ReplayCache {
 public:
  static constexpr std::size_t kDefaultMaxEntries = 100'000;

  explicit ReplayCache(std::size_t max_entries = kDefaultMaxEntries);  // max_entries 0 is treated as 1

  // True when `key` was not seen, or was seen but has expired (expiry <= now); it is then remembered until
  // now + ttl_seconds (ttl_seconds < 1 counts as 1; the sum saturates). False when the key is still remembered; its
  // expiry is left unchanged (a replay does not extend the window).
  bool InsertIfNew(std::string key, std::int64_t now, std::int64_t ttl_seconds);

  std::size_t Size() const;  // entries held, expired ones not yet purged included
  std::size_t MaxEntries() const { return max_entries_; }

 private:
  using Order = std::pair<std::int64_t, std::uint64_t>;  // (expires_at, insertion sequence)

  void PurgeExpiredLocked(std::int64_t now);

  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::uint64_t next_sequence_ = 0;
  std::unordered_map<std::string, Order> by_digest_;  // SHA-256(key) -> its place in by_expiry_
  std::map<Order, std::string> by_expiry_;            // soonest expiry first -> digest
};

}  // namespace slotwise::webhooks
