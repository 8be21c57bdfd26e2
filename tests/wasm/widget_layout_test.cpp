// Tests for wasm/widget_layout: which hour labels of the grid's header are drawn.
#include <doctest/doctest.h>

#include "state/widget_layout.h"

using namespace slotwise::widget;

TEST_CASE("WidgetLayout: the last hour of a day that would run into the next day is left out") {
  // Two days of 100 px; labels every 25 px, 16 px wide ("19"): the one at 75 fits (ends at 91 ≤ 100), one at 90
  // would not. The next day's first label starts at 100.
  const std::vector<LabelSlot> labels = {{0, 8, 100}, {25, 16, 100}, {50, 16, 100}, {90, 16, 100}, {100, 8, 200}, {125, 16, 200}};
  CHECK(FitLabels(labels, 3) == std::vector<bool>{true, true, true, false, true, true});
}

TEST_CASE("WidgetLayout: labels closer than the gap to the previous drawn one are skipped, not the other way round") {
  const std::vector<LabelSlot> labels = {{0, 16, 1000}, {10, 16, 1000}, {20, 16, 1000}, {40, 16, 1000}};
  CHECK(FitLabels(labels, 2) == std::vector<bool>{true, false, true, true});
}

TEST_CASE("WidgetLayout: nothing to draw is fine") { CHECK(FitLabels({}, 2).empty()); }
