// view_flow.h — flow layout for rows of Dear ImGui controls (the toolbar, the settings bar, the grid's legend): a
// group of controls continues the current line when it fits before the right edge, else starts the next line, so
// nothing is clipped in a narrow page, in German or with a long room name. Widths are measured as ImGui draws them.
// Also the panel's wrapped bullets.
//
// Use: draw a line's first group; before each further group, NextGroup(width of the group) — it either calls
// SameLine or leaves the cursor on a new line.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <string>

#include "view/view_text.h"

namespace slotwise::widget {

// The right edge of what the current window shows, in screen pixels (not moved by horizontal scrolling).
inline float VisibleRight() {
  return ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x;
}

// Places the next group, `width` wide: after the last item, `gap` further (< 0: the usual item spacing), when it ends
// before `right`; else at the start of the next line.
inline void NextGroup(float width, float gap = -1, float right = VisibleRight()) {
  if (gap < 0) gap = ImGui::GetStyle().ItemSpacing.x;
  if (ImGui::GetItemRectMax().x + gap + width <= right) ImGui::SameLine(0, gap);
}

inline float TextWidth(const char* text) { return ImGui::CalcTextSize(Shown(text), nullptr, true).x; }
inline float LabelWidth(const char* text) { return TextWidth(text) + ImGui::GetStyle().ItemSpacing.x; }  // text + gap
inline float ButtonWidth(const char* text) { return TextWidth(text) + ImGui::GetStyle().FramePadding.x * 2; }
inline float ToggleWidth(const char* text) {  // a checkbox or radio button with its label
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + TextWidth(text);
}
// A bulleted line whose text wraps at the window's edge (ImGui's BulletText does not wrap: a long name ran past it),
// continuation lines aligned with the text.
inline void WrappedBullet(const std::string& text) {
  ImGui::Bullet();
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(Shown(text));
  ImGui::PopTextWrapPos();
}

// A combo box `minimum` wide, or wider when its current value needs it ("Beliebiger passender Raum").
inline float ComboWidth(const char* preview, float minimum) {
  return std::max(minimum, TextWidth(preview) + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + 2);
}

}  // namespace slotwise::widget
