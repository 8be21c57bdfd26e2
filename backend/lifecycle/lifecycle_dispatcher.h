// lifecycle_dispatcher.h — the thread that delivers each tenant's lifecycle events (store/lifecycle_events.h) to the
// tenant's ats_webhook_url, signed the Standard Webhooks way (auth/standard_webhooks.h). docs/ATS_WEBHOOKS.md is the
// receiver's view of the same contract.
//
// Contract:
// - At least once: an event is marked delivered only after a 2xx answer; a process killed in between sends it again
//   after a restart, with the same webhook-id ("evt_<id>") and the same body (fixed when the event was recorded).
// - Ordered per subject: EventLog::Due never hands out an event while an earlier one of its subject is pending.
//   A tenant's events are sent one at a time, oldest first.
// - Tenants do not wait for each other: each pass reads a fair share per tenant (DispatchOptions::per_tenant_batch)
//   and delivers up to `parallel_tenants` tenants at once. A tenant whose ATS gave no answer (unreachable, timed
//   out) gets no further attempt until that event's retry time — one dead or slow ATS costs one request timeout per
//   backoff step, on its own thread, never a timeout per pending event.
// - A failed attempt (no answer, or any status outside 2xx — a 3xx included: redirects are never followed) is tried
//   again after RetryDelay (retry_schedule.h, Retry-After respected); after policy.max_attempts it is dead.
// - A tenant without ats_webhook_url (or gone) when the event is due: the event is "skipped" (never sent; the
//   delivery log can redeliver it once a URL is set). A URL without a secret is a failed attempt (nothing unsigned
//   leaves).
// - Requests go through auth::OutboundPolicy::Send (checked again, pinned to the checked address). What the tenant
//   reads in the log (last_error) names no address, port or secret; the reason goes to stderr, without secrets or the
//   URL (its query may carry a token).
// - Finished events (delivered, dead, skipped) are purged from the log `keep_seconds` after their last attempt, by
//   the first pass of every `purge_every_seconds`.
// - `before_pass` (optional) runs at the start of each pass with "now" (the runtime records proposal expiries there).
// - Start() runs the loop on its own thread; Wake() makes it look now; Stop() interrupts its sleep and joins it (an
//   attempt in flight ends first, bounded by the request timeout). DeliverDue() is one pass on the calling thread
//   (tests, with a fake clock and random source). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>
#include <thread>

#include "auth/outbound_policy.h"
#include "lifecycle/event_log.h"
#include "lifecycle/retry_schedule.h"
#include "net/http_transport.h"
#include "store/directory_store.h"

namespace slotwise::lifecycle {

struct DispatchOptions {
  RetryPolicy retry;
  std::chrono::milliseconds idle_poll{1000};     // how often an idle dispatcher looks for due events
  std::chrono::milliseconds request_timeout{10'000};
  int batch = 50;                                // events read per query
  int per_tenant_batch = 10;                     // of which at most this many of one tenant
  int parallel_tenants = 4;                      // tenants delivered to at once in a pass
  std::int64_t keep_seconds = 30 * 86400;        // finished events stay in the delivery log this long
  std::int64_t purge_every_seconds = 3600;       // how often a pass purges older ones (EventLog::Purge)
};

class LifecycleDispatcher {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  using Random = std::function<double()>;       // uniform in [0, 1)

  // Borrows everything; `random` {} = a seeded Mersenne Twister.
  LifecycleDispatcher(EventLog& log, DirectoryStore& directory, net::HttpTransport& transport,
                      auth::OutboundPolicy outbound, Clock clock, DispatchOptions options = {}, Random random = {},
                      std::function<void(std::int64_t now)> before_pass = {});
  ~LifecycleDispatcher();  // Stop()

  void Start();
  void Wake();
  void Stop();
  // Delivers every event due now, one at a time, until none is due; answers how many attempts it made (skips count).
  int DeliverDue();

  EventLog& log() { return log_; }

 private:
  void Loop();
  AttemptRecord Attempt(const LifecycleEvent& event, std::int64_t now);
  // Delivers one tenant's due events in order until one gets no answer; counts attempts into `attempts`; false when
  // an outcome could not be recorded (the pass ends).
  bool DeliverTenant(const std::vector<LifecycleEvent>& events, std::atomic<int>& attempts);

  EventLog& log_;
  DirectoryStore& directory_;
  net::HttpTransport& transport_;
  auth::OutboundPolicy outbound_;
  Clock clock_;
  DispatchOptions options_;
  Random random_;
  std::function<void(std::int64_t)> before_pass_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex pass_mutex_;  // one pass at a time (the thread, or a test's DeliverDue)
  std::mutex unreachable_mutex_;
  std::map<std::string, std::int64_t> unreachable_until_;  // tenant → when its ATS may be tried again
  std::int64_t next_purge_at_ = 0;                          // under pass_mutex_
};

}  // namespace slotwise::lifecycle
