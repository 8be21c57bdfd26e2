// widget_layout.h — small layout decisions of the drawing code that are worth testing natively (pure; sizes in
// pixels as floats, no ImGui).
#pragma once

#include <vector>

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
// beside the grid when the grid keeps at least `min_grid_width` next to a panel `panel_width` wide; else below the
// grid (an ATS side pane, a phone, 200% zoom), the grid taking the full width and its content's height, but leaving
// the panel at least `min_panel_height` — and never less than 60% of the height (the panel scrolls; the grid is what
// the recruiter came for). Neither goes below its minimum (`min_grid_height`: the grid's top band and a few rows;
// `min_panel_height`): when the height cannot hold both, the widget's window scrolls. `spacing` is the gap between
// the two.
struct PanelPlacement {
  bool below = false;
  float grid_width = 0;
  float grid_height = 0;   // 0: all the height (beside)
  float panel_height = 0;  // 0: the rest of the height (beside)
};
struct PanelSizes {
  float panel_width = 0, min_grid_width = 0, min_grid_height = 0, min_panel_height = 0, spacing = 0;
};
PanelPlacement PlacePanel(float avail_width, float avail_height, float grid_content_height, const PanelSizes& sizes);

// The height the widget needs so that neither the grid nor the panel scrolls (what an auto-height embed sizes its
// frame to): `top` (toolbar, settings) plus the grid's and the panel's content heights, side by side or stacked with
// `spacing`, plus `bottom` (the window's padding). Depends on the width only, never on the height it is given.
float PreferredHeight(float top, float grid_content_height, float panel_content_height, bool below, float spacing, float bottom);

// The width of the grid's names column in a grid `avail_width` wide at `scale` device pixels per CSS pixel: 40% of
// the width, between 140 and 250 CSS px; in a grid narrower than 350 CSS px (a phone held upright) 40% down to 100 CSS
// px, so the tracks keep most of the width. Continuous in the width.
float NamesColumnWidth(float avail_width, float scale);

// Which labels of one header line to draw, left to right: a label is drawn when it ends before its own column's
// `limit` and starts at least `gap` after the end of the previous drawn label. So "19" at the end of Monday never
// runs into "7" at the start of Tuesday, whatever the zoom. Returns one flag per label, in order.
std::vector<bool> FitLabels(const std::vector<LabelSlot>& labels, float gap);

}  // namespace slotwise::widget
