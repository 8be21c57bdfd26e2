// Tests for wasm/widget_layout: which hour labels of the grid's header are drawn, where the selection scrolls to,
// where the side panel goes (beside the grid, or a drawer under it), the preferred height, when the drawer opens.
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
  PanelPlacement beside;
  PanelPlacement stacked;
  stacked.below = true;
  stacked.drawer_open = true;
  CHECK(PreferredHeight(80, 500, 300, beside, 8, 10) == doctest::Approx(590));
  CHECK(PreferredHeight(80, 300, 640, beside, 8, 10) == doctest::Approx(730));
  CHECK(PreferredHeight(80, 500, 300, stacked, 8, 10) == doctest::Approx(898));
}

TEST_CASE("WidgetLayout: a narrow widget's panel is a drawer: closed, the grid takes all the height but the bar") {
  const PanelSizes sizes{380, 600, 250, 220, 8, 40};  // …, gap, the drawer's bar
  const PanelPlacement closed = PlacePanel(800, 900, 420, sizes, false);
  CHECK(closed.below);
  CHECK_FALSE(closed.drawer_open);
  CHECK(closed.grid_width == 800);
  CHECK(closed.grid_height == 852);  // 900 - 8 - 40: the bar at the bottom
  CHECK(closed.bar_height == 40);
  CHECK(closed.panel_height == 0);
  // A height too small for the grid's band and rows: the grid keeps its minimum, the window scrolls to the bar.
  CHECK(PlacePanel(640, 200, 900, sizes, false).grid_height == 250);
  // Wide pages are unchanged, open or closed: the panel beside the grid, no bar.
  const PanelPlacement wide = PlacePanel(1280, 700, 500, sizes, false);
  CHECK_FALSE(wide.below);
  CHECK(wide.grid_width == 892);
  CHECK(wide.grid_height == 0);
  CHECK(wide.bar_height == 0);
}

TEST_CASE("WidgetLayout: an open drawer is today's stacked panel under its bar") {
  const PanelSizes sizes{380, 600, 250, 220, 8, 40};
  // The grid as tall as its content; the bar, then the panel in the rest: 900 - 420 - 8 - 40 - 8 = 424.
  const PanelPlacement open = PlacePanel(800, 900, 420, sizes, true);
  CHECK(open.below);
  CHECK(open.drawer_open);
  CHECK(open.grid_height == 420);
  CHECK(open.bar_height == 40);
  CHECK(open.panel_height == 424);
  // Many rows: the grid leaves the bar and the panel's minimum (900 - 220 - 8 - 48 = 624)…
  CHECK(PlacePanel(800, 900, 2000, sizes, true).grid_height == 624);
  // …but keeps 60% of what the bar leaves of a short frame (500 - 48), and never less than its band and rows; the
  // panel keeps its minimum.
  CHECK(PlacePanel(640, 500, 900, sizes, true).grid_height == doctest::Approx(271.2));
  const PanelPlacement squeezed = PlacePanel(640, 300, 900, sizes, true);
  CHECK(squeezed.grid_height == 250);
  CHECK(squeezed.panel_height == 220);
  // The closed drawer gives the grid more than the open one.
  CHECK(PlacePanel(800, 700, 2000, sizes, false).grid_height > PlacePanel(800, 700, 2000, sizes, true).grid_height);
}

TEST_CASE("WidgetLayout: the preferred height of a closed drawer is the grid and the bar; open, the panel too") {
  const PanelSizes sizes{380, 600, 250, 220, 8, 40};
  // top 80, grid 500, panel 300, spacing 8, bottom 10.
  CHECK(PreferredHeight(80, 500, 300, PlacePanel(800, 900, 500, sizes, false), 8, 10) == doctest::Approx(80 + 500 + 8 + 40 + 10));
  CHECK(PreferredHeight(80, 500, 300, PlacePanel(800, 900, 500, sizes, true), 8, 10) ==
        doctest::Approx(80 + 500 + 8 + 40 + 8 + 300 + 10));
  // It depends on the drawer and the width, not on the height given.
  CHECK(PreferredHeight(80, 500, 300, PlacePanel(800, 400, 500, sizes, false), 8, 10) ==
        PreferredHeight(80, 500, 300, PlacePanel(800, 2000, 500, sizes, false), 8, 10));
}

TEST_CASE("WidgetLayout: the drawer opens for a new selection, and for every booking, move and cancel result or question") {
  WidgetModel model;
  const PanelAttention start = AttentionOf(model);
  CHECK_FALSE(DrawerShouldOpen(start, start));  // nothing new: it stays as the recruiter left it
  // A time clicked in the grid (or a suggestion, or the arrow keys): open; the same time again: nothing new.
  model.selected = 1'800'000'000;
  const PanelAttention selected = AttentionOf(model);
  CHECK(DrawerShouldOpen(start, selected));
  CHECK_FALSE(DrawerShouldOpen(selected, selected));
  model.selected = 1'800'000'900;
  CHECK(DrawerShouldOpen(selected, AttentionOf(model)));
  // The selection cleared: nothing to show.
  CHECK_FALSE(DrawerShouldOpen(selected, start));
  // Every booking phase but idle is something to see or answer: sending, "Booked", an error, the move's other
  // changes, "Cancel the interview?", the undo countdown, "Cancelled".
  for (BookingPhase phase : {BookingPhase::kSubmitting, BookingPhase::kPending, BookingPhase::kConfirmed, BookingPhase::kFailed,
                             BookingPhase::kConfirmingChanges, BookingPhase::kConfirmingCancel, BookingPhase::kCancelScheduled,
                             BookingPhase::kCancelling, BookingPhase::kCancelled}) {
    PanelAttention now = selected;
    now.booking = phase;
    CHECK(DrawerShouldOpen(selected, now));
  }
  // "Moved from … to …" after pending; a failure after the question; back to idle (a result dismissed) is not.
  PanelAttention pending = selected, confirmed = selected, idle = selected;
  pending.booking = BookingPhase::kPending;
  confirmed.booking = BookingPhase::kConfirmed;
  CHECK(DrawerShouldOpen(pending, confirmed));
  CHECK_FALSE(DrawerShouldOpen(confirmed, idle));
  // A move begun, a change made outside Slotwise, a loop's or a proposal's progress.
  PanelAttention moving = idle;
  moving.rescheduling = true;
  CHECK(DrawerShouldOpen(idle, moving));
  CHECK_FALSE(DrawerShouldOpen(moving, idle));
  PanelAttention changed = idle;
  changed.external_changes = 1;
  CHECK(DrawerShouldOpen(idle, changed));
  PanelAttention loop = idle;
  loop.loop = LoopBookingPhase::kRolledBack;
  CHECK(DrawerShouldOpen(idle, loop));
  PanelAttention proposal = idle;
  proposal.proposal = ProposalPhase::kCreated;
  CHECK(DrawerShouldOpen(idle, proposal));
  CHECK_FALSE(DrawerShouldOpen(proposal, idle));
  // From the model: the booking's phase and the move are read.
  model.booking.phase = BookingPhase::kConfirmingCancel;
  model.booking.rescheduling = true;
  CHECK(AttentionOf(model).booking == BookingPhase::kConfirmingCancel);
  CHECK(AttentionOf(model).rescheduling);
}

TEST_CASE("WidgetLayout: the drawer never hides a confirmation that waits for an answer") {
  PanelAttention now;
  CHECK(DrawerMayClose(now));
  for (BookingPhase phase : {BookingPhase::kConfirmingChanges, BookingPhase::kConfirmingCancel, BookingPhase::kCancelScheduled}) {
    now.booking = phase;
    CHECK_FALSE(DrawerMayClose(now));
  }
  for (BookingPhase phase : {BookingPhase::kIdle, BookingPhase::kConfirmed, BookingPhase::kFailed, BookingPhase::kCancelled,
                             BookingPhase::kPending}) {
    now.booking = phase;
    CHECK(DrawerMayClose(now));
  }
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
