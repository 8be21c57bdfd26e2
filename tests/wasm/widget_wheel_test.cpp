// Tests for wasm/state/widget_wheel.h: browser wheel deltas as ImGui notches (direction and size).
#include <doctest/doctest.h>

#include "state/widget_wheel.h"

using slotwise::widget::WheelDeltaMode;
using slotwise::widget::WheelUnits;

TEST_CASE("WidgetWheel: one notch down is one unit down (negative) in every delta mode") {
  CHECK(WheelUnits(100, WheelDeltaMode::kPixel) == doctest::Approx(-1.0));  // Chromium
  CHECK(WheelUnits(3, WheelDeltaMode::kLine) == doctest::Approx(-1.0));     // Firefox
  CHECK(WheelUnits(1, WheelDeltaMode::kPage) == doctest::Approx(-1.0));
  CHECK(WheelUnits(-100, WheelDeltaMode::kPixel) == doctest::Approx(1.0));  // up
}

TEST_CASE("WidgetWheel: trackpad deltas are fractions; a huge delta is clamped") {
  CHECK(WheelUnits(4, WheelDeltaMode::kPixel) == doctest::Approx(-0.04));
  CHECK(WheelUnits(0, WheelDeltaMode::kPixel) == 0);
  CHECK(WheelUnits(100000, WheelDeltaMode::kPixel) == -10);
  CHECK(WheelUnits(-100000, WheelDeltaMode::kLine) == 10);
}
