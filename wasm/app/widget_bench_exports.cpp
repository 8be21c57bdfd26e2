// widget_bench_exports.cpp — hooks for bench/widget (Emscripten only): time the engine on the benchmark workloads
// (bench/workloads.mjs) inside the page, in the widget's own WebAssembly module, in the browser that shows it.
//
//   slotwise_widget_bench_add_zone(name, bytes, length) -> 1 ok / 0 bad TZif
//   slotwise_widget_bench_load(document_json) -> slot count (>= 0), or -1 when the document does not parse; keeps
//       the parsed problem and the text for the calls below
//   slotwise_widget_bench_checksum() -> the loaded answer's checksum: the sum of its slot starts in minutes (the
//       cross-check of bench/engine_bench.cpp and bench/report.mjs)
//   slotwise_widget_bench_solve(runs) -> milliseconds for `runs` Solve() calls on the parsed problem
//   slotwise_widget_bench_call(runs)  -> milliseconds for `runs` CallEngine("solve", text) calls: JSON text in, answer
//       text out, which is what the widget does on every change (widget_solve.cpp SolveSuggestions)
// The page's clock (performance.now()) is coarse (0.1 ms in Chromium without cross-origin isolation): the caller
// picks `runs` so that a batch lasts several milliseconds. Zones here are separate from the widget's own.
#include <emscripten.h>

#include <cstdint>
#include <memory>
#include <string>

#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/solver.h"

namespace {

struct BenchState {
  slotwise::InMemoryZoneSource zones;
  std::string text;
  std::unique_ptr<slotwise::Problem> problem;
  double checksum = 0;
};

BenchState& State() {
  static BenchState state;
  return state;
}

volatile std::size_t g_sink = 0;  // keeps results observable so the optimizer cannot drop a timed call

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int slotwise_widget_bench_add_zone(const char* name, const char* bytes, int length) {
  if (!name || !bytes || length < 0) return 0;
  return State().zones.Add(name, std::string_view(bytes, static_cast<std::size_t>(length))).ok() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int slotwise_widget_bench_load(const char* document_json) {
  BenchState& state = State();
  state.problem.reset();
  state.text = document_json ? document_json : "";
  slotwise::Result<slotwise::Problem> problem = slotwise::ParseAvailabilityText(state.text, state.zones);
  if (!problem) return -1;
  state.problem = std::make_unique<slotwise::Problem>(std::move(*problem));
  const std::vector<slotwise::SlotMatch> answer = slotwise::Solve(*state.problem);
  state.checksum = 0;
  for (const slotwise::SlotMatch& slot : answer) state.checksum += static_cast<double>(slot.interval.start / slotwise::kSecondsPerMinute);
  return static_cast<int>(answer.size());
}

EMSCRIPTEN_KEEPALIVE double slotwise_widget_bench_checksum() { return State().checksum; }

EMSCRIPTEN_KEEPALIVE double slotwise_widget_bench_solve(int runs) {
  BenchState& state = State();
  if (!state.problem) return -1;
  const double start = emscripten_get_now();
  for (int i = 0; i < runs; ++i) g_sink = g_sink + slotwise::Solve(*state.problem).size();
  return emscripten_get_now() - start;
}

EMSCRIPTEN_KEEPALIVE double slotwise_widget_bench_call(int runs) {
  BenchState& state = State();
  if (state.text.empty()) return -1;
  const double start = emscripten_get_now();
  for (int i = 0; i < runs; ++i) g_sink = g_sink + slotwise::CallEngine("solve", state.text, state.zones).body.size();
  return emscripten_get_now() - start;
}

}  // extern "C"
