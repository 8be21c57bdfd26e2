// widget_layout.cpp — see widget_layout.h.
#include "state/widget_layout.h"

#include <algorithm>

namespace slotwise::widget {

float RevealScroll(float scroll, float item_start, float item_end, float view_width, float margin) {
  float next = scroll;
  if (item_end + margin > scroll + view_width) next = item_end + margin - view_width;
  if (item_start - margin < next) next = item_start - margin;
  return next < 0 ? 0 : next;
}

PanelPlacement PlacePanel(float avail_width, float avail_height, float panel_width, float min_grid_width,
                          float grid_content_height, float min_panel_height, float spacing) {
  PanelPlacement placement;
  if (avail_width - panel_width - spacing >= min_grid_width) {
    placement.grid_width = avail_width - panel_width - spacing;
    return placement;
  }
  placement.below = true;
  placement.grid_width = avail_width;
  const float room_for_grid = std::max(avail_height - min_panel_height - spacing, avail_height * 0.6f);
  placement.grid_height = std::min(grid_content_height, room_for_grid);
  return placement;
}

std::vector<bool> FitLabels(const std::vector<LabelSlot>& labels, float gap) {
  std::vector<bool> drawn(labels.size(), false);
  bool any = false;
  float previous_end = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const LabelSlot& label = labels[i];
    if (label.x + label.width > label.limit) continue;
    if (any && label.x < previous_end + gap) continue;
    drawn[i] = true;
    any = true;
    previous_end = label.x + label.width;
  }
  return drawn;
}

}  // namespace slotwise::widget
