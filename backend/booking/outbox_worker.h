// outbox_worker.h — the threads that drain the outbox: claim the next due job, run it (OutboxExecutor), record the
// outcome (done / retry later with exponential backoff / dead after the last attempt).
//
// Contract: Start() hands back jobs left running by a process that died (RequeueRunningJobs), frees the
// Idempotency-Keys its requests held (ReleaseInFlightKeys), and starts `threads`
// workers; Wake() makes idle workers look now (called after a commit); Stop() joins them (a job in progress finishes
// first); Start() after Stop() starts the workers again without that recovery (this process's own requests hold
// their keys for real). Jobs of one interview never run concurrently or out of order (the store hands them out in order).
// Backoff after attempt n: min(max_backoff, base_backoff * 2^(n-1)), at least one second. A retry the executor marks
// keep_trying (removing what exists at a provider) is never given up: it goes on at max_backoff. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "booking/outbox_executor.h"
#include "store/interview_store.h"

namespace slotwise {

struct OutboxPolicy {
  int threads = 4;
  int max_attempts = 8;
  std::chrono::milliseconds base_backoff{500};
  std::chrono::milliseconds max_backoff{60'000};
  std::chrono::milliseconds idle_poll{500};  // how often idle workers look for due retries
};

class OutboxWorker {
 public:
  OutboxWorker(InterviewStore& store, OutboxExecutor& executor, OutboxExecutor::Clock clock, OutboxPolicy policy = {});
  ~OutboxWorker();  // Stop()

  void Start();
  void Wake();
  void Stop();
  // Runs due jobs on the calling thread until none is due (tests); returns how many ran.
  int DrainOnce();

 private:
  void Loop();
  bool RunOne();

  InterviewStore& store_;
  OutboxExecutor& executor_;
  OutboxExecutor::Clock clock_;
  OutboxPolicy policy_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t wakes_ = 0;
  void StartThreads();

  std::atomic<bool> stopping_{false};
  bool recovered_ = false;  // the first Start() ran the recovery of a previous process's leftovers
  std::vector<std::thread> threads_;
};

}  // namespace slotwise
