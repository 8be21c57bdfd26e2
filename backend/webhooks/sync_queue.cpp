// sync_queue.cpp — see sync_queue.h.
#include "webhooks/sync_queue.h"

#include <utility>

namespace slotwise::webhooks {

SyncQueue::SyncQueue(std::size_t max_pending) : max_pending_(max_pending == 0 ? 1 : max_pending) {}

PushOutcome SyncQueue::Push(SyncKey key) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) {
      ++stats_.refused;
      return PushOutcome::kClosed;
    }
    if (pending_.count(key) != 0) {
      ++stats_.pushed;
      ++stats_.coalesced;
      return PushOutcome::kCoalesced;
    }
    if (pending_.size() >= max_pending_) {
      ++stats_.refused;
      return PushOutcome::kFull;
    }
    pending_.insert(key);
    order_.push_back(std::move(key));
    ++stats_.pushed;
    stats_.pending = order_.size();
  }
  ready_.notify_one();
  return PushOutcome::kQueued;
}

std::optional<SyncKey> SyncQueue::Pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [this] { return closed_ || !order_.empty(); });
  if (order_.empty()) return std::nullopt;
  SyncKey key = std::move(order_.front());
  order_.pop_front();
  pending_.erase(key);
  ++stats_.popped;
  stats_.pending = order_.size();
  return key;
}

void SyncQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

bool SyncQueue::IsClosed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

SyncQueueStats SyncQueue::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace slotwise::webhooks
