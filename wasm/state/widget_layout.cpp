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

PanelPlacement PlacePanel(float avail_width, float avail_height, float grid_content_height, const PanelSizes& sizes,
                          bool drawer_open) {
  PanelPlacement placement;
  if (avail_width - sizes.panel_width - sizes.spacing >= sizes.min_grid_width) {
    placement.grid_width = avail_width - sizes.panel_width - sizes.spacing;
    return placement;
  }
  placement.below = true;
  placement.drawer_open = drawer_open;
  placement.grid_width = avail_width;
  placement.bar_height = sizes.bar_height;
  const float bar = sizes.bar_height > 0 ? sizes.bar_height + sizes.spacing : 0;  // the bar and the gap above it
  const float grid_minimum = std::min(grid_content_height, sizes.min_grid_height);
  if (!drawer_open) {
    placement.grid_height = std::max(avail_height - bar, grid_minimum);
    return placement;
  }
  const float height = avail_height - bar;  // the grid and the panel share what the bar leaves
  const float room_for_grid = std::max(height - sizes.min_panel_height - sizes.spacing, height * 0.6f);
  placement.grid_height = std::max(std::min(grid_content_height, room_for_grid), grid_minimum);
  placement.panel_height = std::max(height - placement.grid_height - sizes.spacing, sizes.min_panel_height);
  return placement;
}

PanelAttention AttentionOf(const WidgetModel& model) {
  PanelAttention attention;
  attention.selected = model.selected;
  attention.booking = model.booking.phase;
  attention.rescheduling = model.booking.rescheduling;
  attention.external_changes = model.booking.external_changes.size();
  attention.loop = model.loop_booking.phase;
  attention.proposal = model.proposal.phase;
  return attention;
}

bool DrawerShouldOpen(const PanelAttention& before, const PanelAttention& now) {
  return (now.selected && now.selected != before.selected) ||
         (now.booking != before.booking && now.booking != BookingPhase::kIdle) ||
         (now.rescheduling && !before.rescheduling) || now.external_changes > before.external_changes ||
         (now.loop != before.loop && now.loop != LoopBookingPhase::kIdle) ||
         (now.proposal != before.proposal && now.proposal != ProposalPhase::kIdle);
}

bool DrawerMayClose(const PanelAttention& now) {
  return now.booking != BookingPhase::kConfirmingChanges && now.booking != BookingPhase::kConfirmingCancel &&
         now.booking != BookingPhase::kCancelScheduled;
}

float NamesColumnWidth(float avail_width, float scale) {
  const float css = avail_width / scale;
  const float width = css >= 350.0f ? std::clamp(css * 0.4f, 140.0f, 250.0f) : std::max(css * 0.4f, 100.0f);
  return width * scale;
}

float PreferredHeight(float top, float grid_content_height, float panel_content_height, const PanelPlacement& place,
                      float spacing, float bottom) {
  if (!place.below) return top + std::max(grid_content_height, panel_content_height) + bottom;
  float body = grid_content_height;
  if (place.bar_height > 0) body += spacing + place.bar_height;
  if (place.drawer_open) body += spacing + panel_content_height;
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
