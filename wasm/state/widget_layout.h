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

// Which labels of one header line to draw, left to right: a label is drawn when it ends before its own column's
// `limit` and starts at least `gap` after the end of the previous drawn label. So "19" at the end of Monday never
// runs into "7" at the start of Tuesday, whatever the zoom. Returns one flag per label, in order.
std::vector<bool> FitLabels(const std::vector<LabelSlot>& labels, float gap);

}  // namespace slotwise::widget
