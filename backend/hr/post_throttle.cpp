// post_throttle.cpp — see post_throttle.h.
#include "hr/post_throttle.h"

#include <array>

namespace slotwise::hr {

namespace {

constexpr std::array<PostLimit, 4> kLimits = {{{1, 4}, {30, 60}, {3600, 100}, {86400, 1800}}};

}  // namespace

PostThrottle::PostThrottle() = default;

bool PostThrottle::TryAcquire(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  std::deque<std::int64_t>& times = posts_[key];
  while (!times.empty() && times.front() <= now - 86400) times.pop_front();
  for (const PostLimit& limit : kLimits) {
    std::size_t count = 0;
    for (auto it = times.rbegin(); it != times.rend() && *it > now - limit.window_seconds; ++it) ++count;
    if (count >= limit.max_posts) return false;
  }
  times.push_back(now);
  return true;
}

}  // namespace slotwise::hr
