// bench_timer.h — the benchmark's timing loop: warm-up runs, then timed runs until a time budget is spent; median
// and 90th percentile of the per-run times. steady_clock natively; under Emscripten it reads performance.now().
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace slotwise::bench {

struct TimingPlan {
  double min_seconds = 0.5;  // keep running until this much time was measured...
  int min_runs = 5;          // ...and at least this many runs were made,
  int max_runs = 100000;     // but never more than this many
  int warmup_runs = 3;       // untimed runs first (also at most 10% of min_seconds after the first)
};

struct Timing {
  double median_seconds = 0;
  double p90_seconds = 0;
  double min_seconds = 0;
  int runs = 0;
};

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `run()` per `plan` and returns the statistics of the timed runs. `run` must do the full work each time.
template <class Run>
Timing TimeRuns(const TimingPlan& plan, Run run) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point warmup_start = Clock::now();
  for (int i = 0; i < plan.warmup_runs; ++i) {
    run();
    if (i > 0 && SecondsSince(warmup_start) > plan.min_seconds * 0.1) break;
  }
  std::vector<double> times;
  double total = 0;
  while (static_cast<int>(times.size()) < plan.max_runs &&
         (total < plan.min_seconds || static_cast<int>(times.size()) < plan.min_runs)) {
    const Clock::time_point start = Clock::now();
    run();
    const double elapsed = SecondsSince(start);
    times.push_back(elapsed);
    total += elapsed;
  }
  std::sort(times.begin(), times.end());
  Timing timing;
  timing.runs = static_cast<int>(times.size());
  timing.median_seconds = times[times.size() / 2];
  timing.p90_seconds = times[std::min(times.size() - 1, times.size() * 9 / 10)];
  timing.min_seconds = times.front();
  return timing;
}

}  // namespace slotwise::bench
