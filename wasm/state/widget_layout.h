// widget_layout.h — small layout decisions of the drawing code that are worth testing natively (pure; sizes in
// pixels as floats, no ImGui): label fitting, scrolling a selection into view, where the side panel goes and when its
// drawer opens, the preferred height, the names column.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "state/widget_model.h"

namespace slotwise::widget {

// A text label that may be drawn at `x` (its left edge) with `width`, inside a column that ends at `limit` (e.g. the
// end of its day in the grid's header).
struct LabelSlot {
  float x = 0;
  float width = 0;
  float limit = 0;
};

// The horizontal scroll that brings [item_start, item_end] (content coordinates of the scrolled tracks) into a view
// `view_width` wide now scrolled to `scroll`, with `margin` to spare: unchanged when it is already inside; else the
// least move, showing the item's start when the item is wider than the view. Never negative.
float RevealScroll(float scroll, float item_start, float item_end, float view_width, float margin);

// Where the side panel (suggestions, "why this time?", booking) goes in a widget `avail_width` × `avail_height` wide:
// beside the grid when the grid keeps at least `min_grid_width` next to a panel `panel_width` wide; else it is a
// drawer under the grid (an ATS side pane, a phone, 200% zoom), the grid taking the full width. The drawer has a bar
// `bar_height` tall spanning the width (its handle: what the panel shows, ▲ to open, ▼ to close):
// - closed (`drawer_open` false): the grid takes all the height but the bar (and the gap above it), never less than
//   its minimum; no panel is drawn;
// - open: of the height the bar leaves, the grid takes as much as its content when that leaves the panel at least
//   `min_panel_height` — and never less than 60% (the panel scrolls; the grid is what the recruiter came for); the
//   bar, then the panel in the rest.
// Neither goes below its minimum (`min_grid_height`: the grid's top band and a few rows; `min_panel_height`): when
// the height cannot hold both, the widget's window scrolls. `spacing` is the gap between grid, bar and panel; a
// `bar_height` of 0 places the panel straight under the grid (no bar).
struct PanelPlacement {
  bool below = false;        // a drawer under the grid (else the panel is beside it)
  bool drawer_open = false;  // below: the panel shows under the bar (else only the bar)
  float grid_width = 0;
  float grid_height = 0;     // 0: all the height (beside)
  float bar_height = 0;      // below: the drawer's bar
  float panel_height = 0;    // beside: 0 = the rest of the height; below: the panel under the bar (0 while closed)
};
struct PanelSizes {
  float panel_width = 0, min_grid_width = 0, min_grid_height = 0, min_panel_height = 0, spacing = 0, bar_height = 0;
};
PanelPlacement PlacePanel(float avail_width, float avail_height, float grid_content_height, const PanelSizes& sizes,
                          bool drawer_open = true);

// The height the widget needs so that neither the grid nor the panel scrolls (what an auto-height embed sizes its
// frame to): `top` (toolbar, settings) plus the grid's and the panel's content heights, side by side, or stacked with
// `spacing` — in a drawer with its bar (`place.bar_height`), the panel's content only while the drawer is open —
// plus `bottom` (the window's padding). Depends on the width only (and the drawer), never on the height it is given.
float PreferredHeight(float top, float grid_content_height, float panel_content_height, const PanelPlacement& place,
                      float spacing, float bottom);

// The drawer (the side panel under the grid): what the panel shows that the recruiter must see or act on, taken from
// the model each frame. The drawer opens by itself when one of these changes to something to see (DrawerShouldOpen),
// and cannot be closed while a question waits for an answer (DrawerMayClose).
struct PanelAttention {
  std::optional<Instant> selected;          // a new time chosen (grid click, suggestion, keys)
  BookingPhase booking = BookingPhase::kIdle;
  bool rescheduling = false;                // "Moving the interview of …"
  std::size_t external_changes = 0;         // changes made outside Slotwise, to accept or restore
  LoopBookingPhase loop = LoopBookingPhase::kIdle;
  ProposalPhase proposal = ProposalPhase::kIdle;
};
PanelAttention AttentionOf(const WidgetModel& model);
// True when `now` brings something new for the panel: another selected time; a booking, move or cancel result or
// question (any change of the booking's phase but back to idle: confirm dialogs, the undo countdown, "Booked",
// "Moved from … to …", errors); a move begun; more changes made outside Slotwise; a loop booking's or a proposal's
// progress. Things going away (a selection cleared, a result dismissed) do not open it.
bool DrawerShouldOpen(const PanelAttention& before, const PanelAttention& now);
// False while a confirmation waits in the panel (a move's other changes, "Cancel the interview?", the undo
// countdown): the drawer stays open until it is answered.
bool DrawerMayClose(const PanelAttention& now);

// The width of the grid's names column in a grid `avail_width` wide at `scale` device pixels per CSS pixel: 40% of
// the width, between 140 and 250 CSS px; in a grid narrower than 350 CSS px (a phone held upright) 40% down to 100 CSS
// px, so the tracks keep most of the width. Continuous in the width.
float NamesColumnWidth(float avail_width, float scale);

// Which labels of one header line to draw, left to right: a label is drawn when it ends before its own column's
// `limit` and starts at least `gap` after the end of the previous drawn label. So "19" at the end of Monday never
// runs into "7" at the start of Tuesday, whatever the zoom. Returns one flag per label, in order.
std::vector<bool> FitLabels(const std::vector<LabelSlot>& labels, float gap);

}  // namespace slotwise::widget
