// widget_frame_stats.h — the frame-time figures the widget exposes to its page (and bench/widget reads): the CPU time
// of each frame of the render loop, as a rolling window (pure; the caller measures, e.g. with emscripten_get_now()).
//
// Contract: times are milliseconds of wall-clock time spent inside one call of the frame function (input, the
// re-solve if one was due, ImGui's layout and draw lists, the WebGL calls issued); the GPU's own work (SwiftShader in
// headless Chromium) happens later and is not included. Not thread-safe (the page's main thread only).
#pragma once

#include <cstdint>
#include <vector>

namespace slotwise::widget {

class FrameStats {
 public:
  explicit FrameStats(std::size_t window = 120);   // the rolling window, in frames (at least 1)

  void Add(double frame_ms);                       // one frame's time; negative values count as 0
  std::int64_t frames() const { return frames_; }  // frames added since construction (or Reset)
  double last_ms() const { return last_ms_; }
  double average_ms() const;                       // mean over the window (0 before the first frame)
  double max_ms() const;                           // largest time in the window (0 before the first frame)
  double percentile_ms(double fraction) const;     // e.g. 0.5, 0.95 over the window (nearest rank; 0 when empty)
  std::size_t samples() const { return times_.size(); }
  void Reset();

 private:
  std::size_t window_;
  std::vector<double> times_;  // ring buffer, at most window_ entries
  std::size_t next_ = 0;
  std::int64_t frames_ = 0;
  double last_ms_ = 0;
};

}  // namespace slotwise::widget
