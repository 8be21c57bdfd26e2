// widget_view.h — draws the widget with Dear ImGui from a WidgetState. Drawing only: it changes no state.
#pragma once

#include "widget_state.h"

namespace slotwise::widget {

// Draws one frame of the widget filling the whole display.
void DrawWidget(const WidgetState& state);

}  // namespace slotwise::widget
