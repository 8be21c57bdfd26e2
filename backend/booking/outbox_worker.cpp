// outbox_worker.cpp — see outbox_worker.h.
#include "booking/outbox_worker.h"

#include <algorithm>
#include <iostream>

namespace slotwise {

OutboxWorker::OutboxWorker(InterviewStore& store, OutboxExecutor& executor, OutboxExecutor::Clock clock,
                           OutboxPolicy policy)
    : store_(store), executor_(executor), clock_(std::move(clock)), policy_(policy) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  if (Result<int> requeued = store_.RequeueRunningJobs(clock_()); requeued && *requeued > 0) {
    std::cerr << "slotwise: resuming " << *requeued << " outbox job(s) interrupted by a restart\n";
  }
  // Requests that held an Idempotency-Key when the previous process died will never finish: their clients' retries
  // run again now, rather than hearing "idempotency_in_flight" until the claim's lease runs out.
  if (Result<int> released = store_.ReleaseInFlightKeys(); released && *released > 0) {
    std::cerr << "slotwise: released " << *released << " Idempotency-Key(s) in flight when the server stopped\n";
  }
  for (int i = 0; i < std::max(1, policy_.threads); ++i) threads_.emplace_back([this] { Loop(); });
}

void OutboxWorker::Wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakes_;
  }
  wake_.notify_all();
}

void OutboxWorker::Stop() {
  stopping_ = true;
  wake_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

int OutboxWorker::DrainOnce() {
  int ran = 0;
  while (RunOne()) ++ran;
  return ran;
}

bool OutboxWorker::RunOne() {
  const std::int64_t now = clock_();
  Result<std::optional<OutboxJob>> claimed = store_.ClaimNextJob(now);
  if (!claimed || !claimed->has_value()) return false;
  const OutboxJob& job = **claimed;
  const bool last_attempt = job.attempts >= policy_.max_attempts;
  const JobOutcome outcome = executor_.Run(job, last_attempt);
  const std::int64_t finished = clock_();
  switch (outcome.result) {
    case JobResult::kDone:
    case JobResult::kFailed:  // the interview carries the failure; the job itself is over
      store_.FinishJob(job.id, finished);
      break;
    case JobResult::kRetry: {
      if (last_attempt && !outcome.keep_trying) {
        store_.KillJob(job.id, outcome.error, finished);
        std::cerr << "slotwise: outbox job " << job.id << " (" << OutboxKindName(job.kind) << " " << job.interview_id
                  << ") gave up after " << job.attempts << " attempts: " << outcome.error << "\n";
        break;
      }
      const auto exponent = std::min<std::int64_t>(job.attempts - 1, 20);
      const auto backoff = std::min(policy_.max_backoff, policy_.base_backoff * (std::int64_t{1} << exponent));
      const std::int64_t seconds = std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(backoff).count());
      store_.RetryJob(job.id, finished + seconds, outcome.error, finished);
      break;
    }
  }
  return true;
}

void OutboxWorker::Loop() {
  while (!stopping_) {
    if (RunOne()) continue;
    std::unique_lock lock(mutex_);
    const std::uint64_t seen = wakes_;
    wake_.wait_for(lock, policy_.idle_poll, [&] { return stopping_ || wakes_ != seen; });
  }
}

}  // namespace slotwise
