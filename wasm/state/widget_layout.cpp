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

PanelPlacement PlacePanel(float avail_width, float avail_height, float grid_content_height, const PanelSizes& sizes) {
  PanelPlacement placement;
  if (avail_width - sizes.panel_width - sizes.spacing >= sizes.min_grid_width) {
    placement.grid_width = avail_width - sizes.panel_width - sizes.spacing;
    return placement;
  }
  placement.below = true;
  placement.grid_width = avail_width;
  const float room_for_grid = std::max(avail_height - sizes.min_panel_height - sizes.spacing, avail_height * 0.6f);
  placement.grid_height = std::max(std::min(grid_content_height, room_for_grid), std::min(grid_content_height, sizes.min_grid_height));
  placement.panel_height = std::max(avail_height - placement.grid_height - sizes.spacing, sizes.min_panel_height);
  return placement;
}

float NamesColumnWidth(float avail_width, float scale) {
  const float css = avail_width / scale;
  const float width = css >= 350.0f ? std::clamp(css * 0.4f, 140.0f, 250.0f) : std::max(css * 0.4f, 100.0f);
  return width * scale;
}

float PreferredHeight(float top, float grid_content_height, float panel_content_height, bool below, float spacing, float bottom) {
  const float body = below ? grid_content_height + spacing + panel_content_height : std::max(grid_content_height, panel_content_height);
  return top + body + bottom;
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
