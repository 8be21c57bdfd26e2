// Tests for wasm/widget_frame_stats: the rolling frame-time window the widget exposes to the page and bench/widget.
#include <doctest/doctest.h>

#include "state/widget_frame_stats.h"

using slotwise::widget::FrameStats;

TEST_CASE("WidgetFrameStats: empty stats are zero") {
  FrameStats stats(4);
  CHECK(stats.frames() == 0);
  CHECK(stats.average_ms() == 0);
  CHECK(stats.max_ms() == 0);
  CHECK(stats.percentile_ms(0.5) == 0);
}

TEST_CASE("WidgetFrameStats: the window rolls; frames counts every frame") {
  FrameStats stats(3);
  stats.Add(1.0);
  stats.Add(2.0);
  stats.Add(3.0);
  CHECK(stats.average_ms() == doctest::Approx(2.0));
  CHECK(stats.max_ms() == doctest::Approx(3.0));
  stats.Add(10.0);  // replaces 1.0
  CHECK(stats.frames() == 4);
  CHECK(stats.samples() == 3);
  CHECK(stats.last_ms() == doctest::Approx(10.0));
  CHECK(stats.average_ms() == doctest::Approx(5.0));
  CHECK(stats.max_ms() == doctest::Approx(10.0));
  stats.Add(1.0);  // replaces 2.0 -> {10, 3, 1}
  CHECK(stats.average_ms() == doctest::Approx(14.0 / 3.0));
  CHECK(stats.percentile_ms(0.5) == doctest::Approx(3.0));
  CHECK(stats.percentile_ms(1.0) == doctest::Approx(10.0));
  CHECK(stats.percentile_ms(0.0) == doctest::Approx(1.0));
}

TEST_CASE("WidgetFrameStats: negative or non-finite times count as zero; Reset clears") {
  FrameStats stats(0);  // a window of at least one frame
  stats.Add(-5.0);
  CHECK(stats.last_ms() == 0);
  stats.Add(4.0);
  CHECK(stats.samples() == 1);
  CHECK(stats.average_ms() == doctest::Approx(4.0));
  stats.Reset();
  CHECK(stats.frames() == 0);
  CHECK(stats.samples() == 0);
}
