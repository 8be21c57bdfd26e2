// widget_state.h — the widget's state as a plain struct, changed only by the pure functions below (no ImGui, no
// browser). Drawing (widget_view.cpp) reads it; tests (tests/wasm/widget_state_test.cpp) drive it natively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "slotwise/intervals.h"

namespace slotwise::widget {

enum class LoadState { kIdle, kLoading, kLoaded, kFailed };

struct BusyRow {
  std::string sub;
  std::string name;
  IntervalList busy;  // as the server sent it (unsorted)
};

struct WidgetState {
  LoadState load = LoadState::kIdle;
  std::string error;              // human sentence when load == kFailed
  std::vector<BusyRow> rows;      // one per person, in the server's order
  IntervalList server_merged;     // the union computed by the backend
  IntervalList local_merged;      // the union computed here, by the same engine compiled to WebAssembly
  bool merged_agree = false;      // server_merged == local_merged
  Interval view;                  // the time range drawn: the whole UTC day(s) holding the data
};

// The demo request has been sent.
void StartLoading(WidgetState& state);

// Applies the answer of GET /v1/demo/busy (`http_status` 0 = network failure). On a good answer the rows, the
// server's union, the local union and the view are set and load becomes kLoaded; on any problem load becomes
// kFailed with a specific error sentence, and the rows are left empty.
void ApplyDemoBusyResponse(WidgetState& state, int http_status, std::string_view body);

// One sentence for the screen-reader live region (and for browser tests): what is shown right now.
std::string LiveSummary(const WidgetState& state);

// Position of instant t inside the view as a fraction 0..1 (clamped).
float ViewFraction(const WidgetState& state, Instant t);

}  // namespace slotwise::widget
