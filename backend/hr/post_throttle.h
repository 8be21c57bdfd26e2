// post_throttle.h — Teams' documented posting limits per webhook (docs/PROVIDERS.md "Microsoft Teams": 4 per
// second, 60 per 30 seconds, 100 per hour, 1,800 per day), kept on our side so the scheduler never provokes the
// throttling in the first place. Sliding windows over the injected clock (Unix seconds).
//
// Contract: TryAcquire(key, now) counts a post for `key` (a webhook URL or "graph:<team>/<channel>") and answers true
// when it fits in every window; otherwise counts nothing and answers false (post later). Windows are half-open
// (now - length, now]. Memory: at most one day of timestamps per key. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace slotwise::hr {

struct PostLimit {
  std::int64_t window_seconds;
  std::size_t max_posts;
};

class PostThrottle {
 public:
  PostThrottle();  // the documented limits above
  bool TryAcquire(const std::string& key, std::int64_t now);

 private:
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>> posts_;  // key → post times, oldest first
};

}  // namespace slotwise::hr
