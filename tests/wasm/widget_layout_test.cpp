// Tests for wasm/widget_layout: which hour labels of the grid's header are drawn, where the selection scrolls to,
// where the side panel goes.
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

TEST_CASE("WidgetLayout: a selection outside the scrolled view is brought in by the least move, with a margin") {
  // View 400 wide, scrolled to 100: [100, 500] is visible.
  CHECK(RevealScroll(100, 200, 260, 400, 20) == 100);   // inside: unchanged
  CHECK(RevealScroll(100, 600, 660, 400, 20) == 280);   // right of it: its end + margin at the right edge
  CHECK(RevealScroll(100, 40, 100, 400, 20) == 20);     // left of it: its start - margin at the left edge
  CHECK(RevealScroll(100, 5, 30, 400, 20) == 0);        // never before the start
  CHECK(RevealScroll(0, 900, 1500, 400, 20) == 880);    // wider than the view: its start shows
}

TEST_CASE("WidgetLayout: the panel sits beside the grid while the grid keeps its minimum width, else below it") {
  const PanelSizes sizes{380, 600, 250, 220, 8};  // panel width, grid min width, grid min height, panel min height, gap
  // 1280 px: 1280 - 380 - 8 = 892 ≥ 600 → beside, the grid takes the rest of the width and all the height.
  const PanelPlacement wide = PlacePanel(1280, 700, 500, sizes);
  CHECK_FALSE(wide.below);
  CHECK(wide.grid_width == 892);
  CHECK(wide.grid_height == 0);
  CHECK(wide.panel_height == 0);
  // 800 px (an ATS side pane): below; the grid is as tall as its content when that leaves the panel enough.
  const PanelPlacement pane = PlacePanel(800, 900, 420, sizes);
  CHECK(pane.below);
  CHECK(pane.grid_width == 800);
  CHECK(pane.grid_height == 420);
  CHECK(pane.panel_height == 472);
  // A long list of rows: the grid is capped so the panel keeps its minimum (the grid scrolls).
  CHECK(PlacePanel(800, 800, 900, sizes).grid_height == 572);
  // Little height: the grid keeps 60% of it…
  CHECK(PlacePanel(640, 500, 900, sizes).grid_height == 300);
  // …and never less than its band and a few rows; the panel keeps its minimum; the window scrolls to show both.
  const PanelPlacement squeezed = PlacePanel(640, 300, 900, sizes);
  CHECK(squeezed.grid_height == 250);
  CHECK(squeezed.panel_height == 220);
  // A grid with fewer rows than that minimum is as tall as its content.
  CHECK(PlacePanel(640, 300, 200, sizes).grid_height == 200);
}

TEST_CASE("WidgetLayout: the preferred height holds the taller of grid and panel side by side, both when stacked") {
  CHECK(PreferredHeight(80, 500, 300, false, 8, 10) == doctest::Approx(590));
  CHECK(PreferredHeight(80, 300, 640, false, 8, 10) == doctest::Approx(730));
  CHECK(PreferredHeight(80, 500, 300, true, 8, 10) == doctest::Approx(898));
}

TEST_CASE("WidgetLayout: the names column keeps the tracks most of a narrow grid, and grows without a jump") {
  CHECK(NamesColumnWidth(1000, 1) == doctest::Approx(250));   // wide: at most 250 CSS px
  CHECK(NamesColumnWidth(500, 1) == doctest::Approx(200));    // 40%
  CHECK(NamesColumnWidth(400, 1) == doctest::Approx(160));
  CHECK(NamesColumnWidth(280, 1) == doctest::Approx(112));    // a 320 px phone: the tracks keep 60%
  CHECK(NamesColumnWidth(200, 1) == doctest::Approx(100));    // never below 100 CSS px
  CHECK(NamesColumnWidth(560, 2) == doctest::Approx(224));    // 280 CSS px at 200% zoom
  for (float w = 200; w < 700; w += 0.5f) CHECK(NamesColumnWidth(w + 0.5f, 1) - NamesColumnWidth(w, 1) <= 0.21f);
}
