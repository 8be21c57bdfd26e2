// daily_scheduler.h — posts each channel mapping's daily update exactly once per local day (daily_planner.h decides
// what is due; daily_card.h what it says; channel_poster.h where it goes), with a durable record per (mapping, local
// day) in the HR store.
//
// The record's states: intent (claimed; the post is being made), posted (Teams accepted it), empty (nothing to
// report that day: no post), retry (Teams refused for now — 429 / 5xx / unreachable — try again at next_attempt_at),
// failed (refused for good: private channel, channel gone, no permission, too many attempts, or the local day ended
// first), uncertain (a webhook post may or may not have arrived: never re-sent, shown to the admin).
//
// The guarantee (docs/HR.md "Exactly once"):
// - The record is claimed (INSERT of "intent", primary key mapping + local day) BEFORE the post, and no post is
//   made without owning that record, so two ticks, two threads or two processes can never both post a day.
// - A crash between the post and the record's update leaves "intent". Recovery (after kIntentLeaseSeconds):
//   Graph channels: the channel's recent messages are searched for the card's marker (PostMarker) — found: the
//   record becomes posted with that message (no second post); not found: it is posted now. Exactly once.
//   Workflows webhooks cannot be read back: the record becomes "uncertain" and is NOT re-sent. At most once, and a
//   possibly missing post is visible (GET /v1/hr/channel_mappings/{id} → recent_posts) instead of a silent double.
//   The same rule covers a webhook post that timed out. Graph retries always search first.
// - Catch-up: a day's post is made at or after its scheduled instant, as long as it is still that local day in the
//   mapping's zone (a server that was down at 09:00 and is back at 15:00 posts at 15:00); a day that has ended is
//   never posted (its retry becomes failed, its webhook intent uncertain).
// - Teams' limits: posts per webhook / channel are throttled on our side (post_throttle.h: 4/s, 60/30 s, 100/h,
//   1,800/day; a post over the limit waits for a later tick), each post is ONE request (no hidden retries), and a
//   429 or "returned HTTP error 429" answer becomes a retry with backoff (60 s · 2^(attempt-1), at most 30 min;
//   at most `max_attempts` attempts).
//
// Threads: Tick is serialized by a mutex (safe from any thread). Start() runs Tick(clock()) every poll_interval on a
// background thread; Stop() (and the destructor) wakes and joins it. All dependencies are borrowed.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hr/channel_poster.h"
#include "hr/daily_planner.h"
#include "hr/hr_store.h"
#include "hr/post_throttle.h"
#include "slotwise/time_zone.h"

namespace slotwise::hr {

struct SchedulerOptions {
  std::chrono::milliseconds poll_interval{30000};
  int max_attempts = 8;
  // Tests: called at "before_post" and "after_post"; answering true abandons the tick right there, as a crash would
  // (nothing after that point is written). Empty in production.
  std::function<bool(std::string_view point)> crash_point;
};

struct TickReport {
  int posted = 0;
  int empty = 0;
  int retry = 0;
  int failed = 0;
  int uncertain = 0;
  int deferred = 0;  // over the throttle: left for a later tick
  std::vector<std::string> errors;  // "<mapping id> <day>: <message>"
};

class DailyScheduler {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  // `zones` must be thread-safe when Start() is used (HrRuntime hands in a serialized one).
  DailyScheduler(HrStore& store, ChannelPoster& poster, ZoneSource& zones, Clock clock, SchedulerOptions options = {});
  ~DailyScheduler();
  DailyScheduler(const DailyScheduler&) = delete;
  DailyScheduler& operator=(const DailyScheduler&) = delete;

  // One deterministic pass at `now`: settle unfinished records of past days, then make every due post.
  Result<TickReport> Tick(std::int64_t now);

  void Start();  // idempotent
  void Stop();   // idempotent; joins the thread

 private:
  struct TenantData;
  void Execute(const DuePost& due, std::int64_t now, TenantData& data, TickReport& report);
  void SettlePastDays(std::int64_t now, TickReport& report);
  void Finish(PostRecord record, PostState state, std::int64_t now, const std::string& error, TickReport& report);
  bool Crash(std::string_view point) {
    crashed_ = options_.crash_point && options_.crash_point(point);
    return crashed_;
  }

  HrStore& store_;
  ChannelPoster& poster_;
  ZoneSource& zones_;
  Clock clock_;
  SchedulerOptions options_;
  PostThrottle throttle_;
  std::mutex tick_mutex_;
  bool crashed_ = false;  // guarded by tick_mutex_

  std::mutex thread_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace slotwise::hr
