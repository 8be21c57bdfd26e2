// engine_bench.cpp — times the Slotwise engine on the benchmark workloads (bench/workloads.mjs), natively and, built
// with Emscripten (NODERAWFS), as WebAssembly under node. Prints one JSON object per line for bench/report.mjs.
//
//   slotwise_bench solve ID FILE [--min-time S] [--smoke]   ParseAvailabilityText once (timed separately), then Solve() many times,
//                                                           and the text-in/text-out CallEngine("solve") for context
//   slotwise_bench union [--from N] [--to N] [--min-time S] [--smoke]
//                                                           MergeIntervals on N = from, 2·from … to unsorted intervals
//   slotwise_bench loops FILE [--min-time S] [--smoke]      ParseLoopDocument once (timed separately), then every
//                                                           feasible loop found and ranked, once per ranking mode
// Every line: {"section", "workload", "contender", "phase", "median_us", "p90_us", "runs", "count", "checksum"}.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_timer.h"
#include "file_zone_source.h"
#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/intervals.h"
#include "slotwise/sequence.h"
#include "slotwise/solver.h"

namespace slotwise::bench {
namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kContender = "slotwise wasm";
#else
constexpr const char* kContender = "slotwise native";
#endif

volatile std::uint64_t g_sink = 0;  // keeps results observable so the optimizer cannot drop a timed call

struct Options {
  double min_seconds = 0.5;
  bool smoke = false;
  std::int64_t union_from = 2048;
  std::int64_t union_to = 2048LL * 1024;
};

// `scale` shrinks the time budget for the slower phases (parse, text); in a smoke run those run once, unwarmed.
TimingPlan Plan(const Options& options, double scale = 1.0) {
  TimingPlan plan;
  if (options.smoke) {
    plan.min_seconds = 0;
    plan.min_runs = scale < 1.0 ? 1 : 3;
    plan.warmup_runs = scale < 1.0 ? 0 : 1;
  } else {
    plan.min_seconds = options.min_seconds * scale;
  }
  return plan;
}

void Emit(std::string_view section, std::string_view workload, std::string_view phase, const Timing& timing,
          std::int64_t count, std::int64_t checksum, const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json line = {{"section", section}, {"workload", workload}, {"contender", kContender}, {"phase", phase},
                         {"median_us", timing.median_seconds * 1e6}, {"p90_us", timing.p90_seconds * 1e6},
                         {"runs", timing.runs}, {"count", count}, {"checksum", checksum}};
  line.update(extra);
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

// ---------------------------------------------------------------------------------------------------------------------
// solve: "input already parsed" — ParseAvailabilityText (JSON text -> Problem) timed on its own, Solve() on the parsed Problem.

int RunSolve(const std::string& id, const std::string& path, const Options& options) {
  std::string text;
  if (!ReadFile(path, text)) {
    std::fprintf(stderr, "slotwise_bench: cannot read %s\n", path.c_str());
    return 1;
  }
  FileZoneSource zones("/usr/share/zoneinfo");
  Result<Problem> problem = ParseAvailabilityText(text, zones);
  if (!problem) {
    std::fprintf(stderr, "slotwise_bench: %s: %s (%s)\n", path.c_str(), problem.error().message.c_str(),
                 problem.error().field.c_str());
    return 1;
  }

  // The answer once, for the cross-check: slot count and the sum of slot starts in minutes.
  const std::vector<SlotMatch> answer = Solve(*problem);
  std::int64_t checksum = 0;
  for (const SlotMatch& slot : answer) checksum += slot.interval.start / kSecondsPerMinute;
  const auto count = static_cast<std::int64_t>(answer.size());

  const Timing solve = TimeRuns(Plan(options), [&] { g_sink = g_sink + Solve(*problem).size(); });
  Emit("solve", id, "solve", solve, count, checksum);

  const Timing parse = TimeRuns(Plan(options, 0.5), [&] {
    Result<Problem> parsed = ParseAvailabilityText(text, zones);
    g_sink = g_sink + parsed->calendars.size();
  });
  Emit("solve", id, "parse", parse, count, checksum, {{"bytes", text.size()}});

  std::size_t answer_bytes = 0;
  const Timing call = TimeRuns(Plan(options, 0.5), [&] {
    const EngineAnswer engine_answer = CallEngine("solve", text, zones);
    answer_bytes = engine_answer.body.size();
    g_sink = g_sink + answer_bytes;
  });
  Emit("solve", id, "text", call, count, checksum, {{"answer_bytes", answer_bytes}});
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------------
// union: the same fixed-seed intervals as bench/peers/union_data.mjs (mulberry32, integer arithmetic only).

class Mulberry32 {
 public:
  explicit Mulberry32(std::uint32_t seed) : state_(seed) {}
  std::uint32_t Next() {
    state_ += 0x6d2b79f5u;
    std::uint32_t t = state_;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return t ^ (t >> 14);
  }

 private:
  std::uint32_t state_;
};

constexpr Instant kUnionBase = 1900000000;

// n intervals with starts on a 5-minute grid over n·30 minutes and lengths of 15..90 minutes, in random order.
IntervalList UnionData(std::int64_t n) {
  Mulberry32 random(static_cast<std::uint32_t>(n) * 2654435761u);
  const auto slots = static_cast<std::uint32_t>(n * 6);
  IntervalList intervals(static_cast<std::size_t>(n));
  for (Interval& interval : intervals) {
    const Instant start = kUnionBase + static_cast<Instant>(random.Next() % slots) * 300;
    const Instant minutes = 15 + 5 * static_cast<Instant>(random.Next() % 16);
    interval = {start, start + minutes * kSecondsPerMinute};
  }
  return intervals;
}

int RunUnion(const Options& options) {
  for (std::int64_t n = options.union_from; n <= options.union_to; n *= 2) {
    const IntervalList data = UnionData(n);
    const IntervalList merged = MergeIntervals(data);
    std::int64_t covered = 0;
    for (const Interval& interval : merged) covered += interval.length() / kSecondsPerMinute;
    TimingPlan plan = Plan(options, 0.6);
    plan.min_runs = options.smoke ? 1 : 3;
    const Timing timing = TimeRuns(plan, [&] { g_sink = g_sink + MergeIntervals(data).size(); });  // copies `data`
    Emit("union", "union " + std::to_string(n), "union", timing, static_cast<std::int64_t>(merged.size()), covered,
         {{"n", n}});
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------------
// loops: the interview-loop workload (bench/workloads.mjs BuildLoopDocument) — all feasible loops, ranked, per mode.

int RunLoops(const std::string& path, const Options& options) {
  std::string text;
  if (!ReadFile(path, text)) {
    std::fprintf(stderr, "slotwise_bench: cannot read %s\n", path.c_str());
    return 1;
  }
  FileZoneSource zones("/usr/share/zoneinfo");
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  Result<LoopProblem> problem = ParseLoopDocument(document, zones);
  if (!problem) {
    std::fprintf(stderr, "slotwise_bench: %s: %s (%s)\n", path.c_str(), problem.error().message.c_str(),
                 problem.error().field.c_str());
    return 1;
  }
  const Timing parse = TimeRuns(Plan(options, 0.5), [&] {
    const nlohmann::json parsed_json = nlohmann::json::parse(text, nullptr, false);
    Result<LoopProblem> parsed = ParseLoopDocument(parsed_json, zones);
    g_sink = g_sink + parsed->stages.size();
  });
  static constexpr std::pair<Ranking, const char*> kModes[] = {{Ranking::kEarliest, "earliest"},
                                                                {Ranking::kBalancedLoad, "balanced_load"},
                                                                {Ranking::kCandidateFriendly, "candidate_friendly"},
                                                                {Ranking::kFewestRoomChanges, "fewest_room_changes"}};
  LoopProblem mode_problem = *problem;
  for (const auto& [ranking, name] : kModes) {
    mode_problem.base.query.ranking = ranking;
    // The answer once, for the cross-check: loop count and a checksum over stage starts, chosen people and rooms.
    const std::vector<LoopMatch> loops = SolveLoops(mode_problem, kMaxLoopsCollected);
    std::int64_t checksum = 0, position = 0;
    for (const LoopMatch& loop : loops) {
      ++position;
      for (const LoopStageMatch& stage : loop.stages) {
        checksum += (stage.interval.start / kSecondsPerMinute) % 100003 * (position % 7 + 1) + loop.score;
        for (std::size_t m : stage.participants) checksum += static_cast<std::int64_t>(m) * 31;
        for (std::size_t r : stage.rooms) checksum += static_cast<std::int64_t>(r) * 17;
      }
    }
    const Timing solve =
        TimeRuns(Plan(options), [&] { g_sink = g_sink + SolveLoops(mode_problem, kMaxLoopsCollected).size(); });
    Emit("loops", std::string("loops ") + name, "solve", solve, static_cast<std::int64_t>(loops.size()), checksum,
         {{"parse_us", parse.median_seconds * 1e6}, {"capped", loops.size() >= kMaxLoopsCollected}});
  }
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: slotwise_bench solve ID FILE [--min-time S] [--smoke]\n"
               "       slotwise_bench union [--from N] [--to N] [--min-time S] [--smoke]\n"
               "       slotwise_bench loops FILE [--min-time S] [--smoke]\n");
  return 2;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::string> positional;
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--smoke") {
      options.smoke = true;
    } else if (args[i] == "--min-time" && has_value) {
      options.min_seconds = std::atof(args[++i].c_str());
    } else if (args[i] == "--from" && has_value) {
      options.union_from = std::atoll(args[++i].c_str());
    } else if (args[i] == "--to" && has_value) {
      options.union_to = std::atoll(args[++i].c_str());
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() == 3 && positional[0] == "solve") return RunSolve(positional[1], positional[2], options);
  if (positional.size() == 1 && positional[0] == "union" && options.union_from > 0) return RunUnion(options);
  if (positional.size() == 2 && positional[0] == "loops") return RunLoops(positional[1], options);
  return Usage();
}

}  // namespace
}  // namespace slotwise::bench

int main(int argc, char** argv) { return slotwise::bench::Main(argc, argv); }
