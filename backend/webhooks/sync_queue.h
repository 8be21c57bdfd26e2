// sync_queue.h — the coalescing queue every accepted change notification feeds. A notification never carries data we
// trust: it only asks for a sync of one (connection, calendar) or one Zoom meeting, so a request for a key that is already
// waiting adds nothing and is counted as coalesced.
//
// Contract: thread-safe; any number of producers (webhook routes) and consumers (sync workers). FIFO among distinct
// keys. A key is "pending" from Push until a Pop hands it out; once popped it may be pushed (and synced) again, so a
// change that arrives while its sync runs is never lost. At most `max_pending` keys wait; beyond that Push refuses
// (kFull) — the periodic full sync is the safety net. After Close(), Push refuses (kClosed) and Pop hands out what is
// still pending without waiting, then nullopt. No function throws except std::bad_alloc.
#pragma once

#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace slotwise::webhooks {

// Either a calendar of a connection, or (connection and calendar empty) one Zoom meeting.
struct SyncKey {
  std::string connection_id;  // the stored provider connection (OAuth grant) whose calendar changed
  std::string calendar_id;    // provider calendar id (Google calendarId, Graph mailbox)
  std::string meeting_id;     // a Zoom meeting a webhook named; "" for calendar keys
  auto operator<=>(const SyncKey&) const = default;
};

enum class PushOutcome {
  kQueued,     // a new pending entry
  kCoalesced,  // the key was already pending; nothing added
  kFull,       // refused: max_pending keys already wait
  kClosed,     // refused: the queue is closed
};

struct SyncQueueStats {
  std::uint64_t pushed = 0;     // Push calls that were accepted (kQueued + kCoalesced)
  std::uint64_t coalesced = 0;  // of those, merged into an already pending key
  std::uint64_t popped = 0;     // keys handed out by Pop
  std::uint64_t refused = 0;    // Push calls answered kFull or kClosed
  std::size_t pending = 0;      // keys waiting now; always pushed - coalesced - popped
};

class SyncQueue {
 public:
  static constexpr std::size_t kDefaultMaxPending = 100'000;

  explicit SyncQueue(std::size_t max_pending = kDefaultMaxPending);  // 0 is treated as 1

  PushOutcome Push(SyncKey key);
  // The oldest pending key; waits up to `timeout` for one. nullopt on timeout, or once closed and drained.
  std::optional<SyncKey> Pop(std::chrono::milliseconds timeout);
  void Close();  // wakes every waiting Pop; idempotent
  bool IsClosed() const;
  SyncQueueStats Stats() const;

 private:
  const std::size_t max_pending_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<SyncKey> order_;  // pending keys, oldest first
  std::set<SyncKey> pending_;  // the same keys, for O(log n) coalescing
  SyncQueueStats stats_;
  bool closed_ = false;
};

}  // namespace slotwise::webhooks
