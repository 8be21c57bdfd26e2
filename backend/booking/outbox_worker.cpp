// outbox_worker.cpp — see outbox_worker.h.
#include "booking/outbox_worker.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "observability/json_log.h"

namespace slotwise {

OutboxWorker::OutboxWorker(InterviewStore& store, OutboxExecutor& executor, OutboxExecutor::Clock clock,
                           OutboxPolicy policy)
    : store_(store), executor_(executor), clock_(std::move(clock)), policy_(policy) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  stopping_ = false;
  // What a dead process left behind is recovered once, at the first start: on a restart within this process, requests
  // in flight hold their keys for real (they would be released under them) and Stop() left no job running.
  if (recovered_) return StartThreads();
  recovered_ = true;
  if (Result<int> requeued = store_.RequeueRunningJobs(clock_()); requeued && *requeued > 0) {
    observability::LogProblem(observability::LogLevel::kWarning,
                              "resuming " + std::to_string(*requeued) + " outbox job(s) interrupted by a restart");
  }
  // Requests that held an Idempotency-Key when the previous process died will never finish: their clients' retries
  // run again now, rather than hearing "idempotency_in_flight" until the claim's lease runs out.
  if (Result<int> released = store_.ReleaseInFlightKeys(); released && *released > 0) {
    observability::LogProblem(observability::LogLevel::kWarning, "released " + std::to_string(*released) +
                                                                     " Idempotency-Key(s) in flight when the server stopped");
  }
  StartThreads();
}

void OutboxWorker::StartThreads() {
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
  const auto started = std::chrono::steady_clock::now();
  const JobOutcome outcome = executor_.Run(job, last_attempt);
  const std::int64_t finished = clock_();
  // One structured line per attempt (docs/OPERATIONS.md, Logs): what ran, how it ended, how long it took.
  const auto log_attempt = [&](const char* result, observability::LogLevel level, std::int64_t retry_in = 0) {
    nlohmann::ordered_json fields{
        {"job_id", job.id}, {"job", OutboxKindName(job.kind)}, {"interview_id", job.interview_id},
        {"attempt", job.attempts}, {"outcome", result},
        {"duration_ms", observability::MillisecondsSince(started)}};
    if (retry_in > 0) fields["retry_in_seconds"] = retry_in;
    if (!outcome.error.empty()) fields["error"] = outcome.error;
    observability::WriteLog(level, "outbox_job", std::move(fields));
  };
  switch (outcome.result) {
    case JobResult::kDone:
    case JobResult::kFailed:  // the interview carries the failure; the job itself is over
      store_.FinishJob(job.id, finished);
      log_attempt(outcome.result == JobResult::kDone ? "done" : "failed",
                  outcome.result == JobResult::kDone ? observability::LogLevel::kInfo : observability::LogLevel::kWarning);
      break;
    case JobResult::kRetry: {
      if (last_attempt && !outcome.keep_trying) {
        store_.KillJob(job.id, outcome.error, finished);
        log_attempt("dead", observability::LogLevel::kError);
        break;
      }
      const auto exponent = std::min<std::int64_t>(job.attempts - 1, 20);
      const auto backoff = std::min(policy_.max_backoff, policy_.base_backoff * (std::int64_t{1} << exponent));
      const std::int64_t seconds = std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::seconds>(backoff).count());
      store_.RetryJob(job.id, finished + seconds, outcome.error, finished);
      log_attempt("retry", observability::LogLevel::kWarning, seconds);
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
