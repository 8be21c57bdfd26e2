// view_colors.h — the current theme's palette (state/widget_palette.h) and its colours as Dear ImGui colours. The
// program picks the theme (UsePalette, wasm/app/widget_main.cpp); the view draws with Colors().
#pragma once

#include <imgui.h>

#include "state/widget_palette.h"

namespace slotwise::widget {

const Palette& Colors();
void UsePalette(const Palette& palette);

constexpr ImU32 U32(Rgb c, int alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }
inline ImVec4 Vec4(Rgb c, float alpha = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }

}  // namespace slotwise::widget
