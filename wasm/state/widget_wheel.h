// widget_wheel.h — a browser wheel event as Dear ImGui's wheel units. The browser reports how far the page would
// scroll (deltaX/deltaY, positive = right/down) in pixels, lines or pages (deltaMode 0/1/2); ImGui counts notches,
// positive = up/left. Emscripten's GLFW hands the browser's numbers through unchanged, which scrolled the widget the
// wrong way and about a hundred times too far.
//
// Contract: one notch of a usual mouse wheel (100 px in Chromium, 3 lines in Firefox, one page) is 1 unit, the sign
// flipped; trackpads' small pixel deltas give fractions (smooth scrolling); each unit is clamped to ±10 (one event
// never jumps to the end of a long list). Pure.
#pragma once

namespace slotwise::widget {

enum class WheelDeltaMode : int { kPixel = 0, kLine = 1, kPage = 2 };

inline double WheelUnits(double browser_delta, WheelDeltaMode mode) {
  double units = 0;
  switch (mode) {
    case WheelDeltaMode::kPixel: units = browser_delta / 100.0; break;
    case WheelDeltaMode::kLine: units = browser_delta / 3.0; break;
    case WheelDeltaMode::kPage: units = browser_delta; break;
  }
  units = -units;
  return units > 10 ? 10 : units < -10 ? -10 : units;
}

}  // namespace slotwise::widget
