// replay_cache.cpp — see replay_cache.h.
#include "webhooks/replay_cache.h"

#include <limits>

#include "crypto/crypto_primitives.h"

namespace slotwise::webhooks {
namespace {

std::int64_t SaturatingAdd(std::int64_t a, std::int64_t b) {
  if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) return std::numeric_limits<std::int64_t>::max();
  if (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b) return std::numeric_limits<std::int64_t>::min();
  return a + b;
}

}  // namespace

ReplayCache::ReplayCache(std::size_t max_entries) : max_entries_(max_entries == 0 ? 1 : max_entries) {}

bool ReplayCache::InsertIfNew(std::string key, std::int64_t now, std::int64_t ttl_seconds) {
  std::string digest = crypto::Sha256(key);
  const std::int64_t expires_at = SaturatingAdd(now, ttl_seconds < 1 ? 1 : ttl_seconds);

  std::lock_guard lock(mutex_);
  PurgeExpiredLocked(now);
  if (by_digest_.count(digest) != 0) return false;  // still live: purge removed every expired entry

  while (by_digest_.size() >= max_entries_) {  // full: evict the entry closest to expiry
    auto oldest = by_expiry_.begin();
    by_digest_.erase(oldest->second);
    by_expiry_.erase(oldest);
  }
  const Order order{expires_at, next_sequence_++};
  by_expiry_.emplace(order, digest);
  by_digest_.emplace(std::move(digest), order);
  return true;
}

std::size_t ReplayCache::Size() const {
  std::lock_guard lock(mutex_);
  return by_digest_.size();
}

void ReplayCache::PurgeExpiredLocked(std::int64_t now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first.first <= now) {
    by_digest_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
}

}  // namespace slotwise::webhooks
