// widget_frame_stats.cpp — see widget_frame_stats.h.
#include "state/widget_frame_stats.h"

#include <algorithm>
#include <cmath>

namespace slotwise::widget {

FrameStats::FrameStats(std::size_t window) : window_(std::max<std::size_t>(window, 1)) { times_.reserve(window_); }

void FrameStats::Add(double frame_ms) {
  const double value = std::isfinite(frame_ms) && frame_ms > 0 ? frame_ms : 0.0;
  if (times_.size() < window_) {
    times_.push_back(value);
  } else {
    times_[next_] = value;
  }
  next_ = (next_ + 1) % window_;
  ++frames_;
  last_ms_ = value;
}

double FrameStats::average_ms() const {
  if (times_.empty()) return 0;
  double sum = 0;
  for (double t : times_) sum += t;
  return sum / static_cast<double>(times_.size());
}

double FrameStats::max_ms() const { return times_.empty() ? 0 : *std::max_element(times_.begin(), times_.end()); }

double FrameStats::percentile_ms(double fraction) const {
  if (times_.empty()) return 0;
  std::vector<double> sorted = times_;
  std::sort(sorted.begin(), sorted.end());
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  const auto rank = static_cast<std::size_t>(std::ceil(clamped * static_cast<double>(sorted.size())));
  return sorted[rank == 0 ? 0 : rank - 1];
}

void FrameStats::Reset() {
  times_.clear();
  next_ = 0;
  frames_ = 0;
  last_ms_ = 0;
}

}  // namespace slotwise::widget
