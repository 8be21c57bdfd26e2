// view_colors.h — the palette (state/widget_palette.h) as Dear ImGui colours.
#pragma once

#include <imgui.h>

#include "state/widget_palette.h"

namespace slotwise::widget {

constexpr ImU32 U32(Rgb c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }
inline ImVec4 Vec4(Rgb c, float alpha = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }

}  // namespace slotwise::widget
