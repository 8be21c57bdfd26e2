// widget_view.cpp — the top-level layout (see widget_view.h).
#include "view/widget_view.h"

#include <imgui.h>

#include <string>

#include "state/widget_i18n.h"
#include "state/widget_layout.h"
#include "view/view_colors.h"
#include "view/view_controls.h"
#include "view/view_text.h"

namespace slotwise::widget {

namespace {

constexpr int kMinGridRows = 4;  // rows a squeezed grid still shows under its top band

// `text` cut to `width` pixels with an ellipsis (whole UTF-8 characters).
std::string Ellipsized(std::string text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const std::string ellipsis = "\xE2\x80\xA6";
  while (!text.empty() && ImGui::CalcTextSize((text + ellipsis).c_str()).x > width) {
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty()) text.pop_back();
  }
  return text + ellipsis;
}

// The drawer's bar across the widget: ▲ and what the panel shows while it is closed, ▼ while it is open (a click,
// Enter or Space, or a screen reader's click toggles it). It cannot close while the panel asks a question
// (DrawerMayClose): disabled then. True when it has ImGui's keyboard focus.
bool DrawDrawerBar(const WidgetModel& model, const ViewContext& context, const PanelPlacement& place, Intents& intents) {
  const bool open = place.drawer_open;
  const bool locked = open && !DrawerMayClose(AttentionOf(model));
  const std::string headline = PanelHeadline(model, context);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::BeginDisabled(locked);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  if (ui::DisclosureButton("##drawer", ImVec2(width, place.bar_height), headline, open)) intents.toggle_drawer = true;
  const bool focused = ImGui::IsItemFocused();
  // ImGui 1.86 presses a focused button with Space only; the bar takes Enter too.
  if (focused && !locked && !context.grid_has_keyboard && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
    intents.toggle_drawer = true;
  }
  // The label: the handle, then the headline, cut to the bar's width.
  const std::string handle = open ? "\xE2\x96\xBC" : "\xE2\x96\xB2";  // ▼ ▲
  const float pad = style.FramePadding.x * 2;
  const float handle_width = ImGui::CalcTextSize(handle.c_str()).x;
  const float y = at.y + (place.bar_height - ImGui::GetTextLineHeight()) * 0.5f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddText(ImVec2(at.x + pad, y), text, handle.c_str());
  const float text_x = at.x + pad + handle_width + style.ItemSpacing.x;
  draw->AddText(ImVec2(text_x, y), text, Shown(Ellipsized(headline, at.x + width - pad - text_x)));
  ImGui::EndDisabled();
  return focused;
}

}  // namespace

void DrawWidget(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  ui::BeginSemantics(context.scale, !context.grid_has_keyboard);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No title, no resizing; a vertical scrollbar only when the frame is too short for the toolbar, the grid's minimum
  // and the panel's (200% zoom, a phone): PlacePanel.
  ImGui::Begin("Slotwise", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus);
  DrawToolbar(model, context, intents);
  if (model.load == LoadState::kFailed) {
    ImGui::Spacing();
    ImGui::TextColored(Vec4(Colors().text_red), "%s", Format(model.locale, StringId::kLoadFailed, {model.error}).c_str());
    if (ui::Button(Tr(model.locale, StringId::kRetry))) intents.retry = true;
    ImGui::End();
    return;
  }
  // In a narrow page (a phone, 200% zoom of a small window) the settings fold behind one button, so the grid keeps
  // the first screen.
  const bool narrow = ImGui::GetContentRegionAvail().x < 480.0f * context.scale;
  if (narrow) {
    const std::string label = std::string(model.settings_open ? "\xE2\x96\xBC " : "\xE2\x96\xB6 ") + Tr(model.locale, StringId::kSettings);
    if (ui::Button(label.c_str(), ImVec2(0, 0), Tr(model.locale, StringId::kSettings))) intents.toggle_settings = true;
  }
  if (!narrow || model.settings_open) DrawSettingsBar(model, context, intents);
  DrawConnectionIssues(model, intents);
  if (model.load != LoadState::kLoaded) {
    ImGui::Spacing();
    ImGui::TextUnformatted(Tr(model.locale, StringId::kLoading));
    ImGui::End();
    return;
  }
  // The panel beside the grid on a wide page; in a narrow one (an ATS side pane, 200% zoom) a drawer under the grid,
  // closed to a bar until the panel has something to see or the recruiter opens it: PlacePanel.
  const float scale = context.scale;
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  PanelSizes sizes;
  sizes.panel_width = 380.0f * scale;
  sizes.min_grid_width = 600.0f * scale;
  sizes.min_grid_height = GridContentHeight(model, context, avail.x, kMinGridRows);
  sizes.min_panel_height = 220.0f * scale;
  sizes.spacing = style.ItemSpacing.x;
  sizes.bar_height = ImGui::GetFrameHeight() + 8.0f * scale;
  const PanelPlacement place = PlacePanel(avail.x, avail.y, GridContentHeight(model, context, avail.x), sizes, model.drawer_open);
  const float top = ImGui::GetCursorPosY();
  ImGui::BeginChild("grid", ImVec2(place.grid_width, place.grid_height), true, ImGuiWindowFlags_HorizontalScrollbar);
  DrawGrid(model, context, intents);
  ImGui::EndChild();
  float panel_content = 0;  // the panel's content height, scrolled or not (none while the drawer is closed)
  const auto draw_panel = [&](float height) {
    ImGui::BeginChild("panel", ImVec2(0, height), true);
    DrawSidePanel(model, context, intents, place.below);
    panel_content = ImGui::GetCursorPosY() + style.WindowPadding.y;
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    ImGui::EndChild();
    return focused;
  };
  if (!place.below) {
    ImGui::SameLine();
    draw_panel(0);
  } else {
    // The drawer has the keyboard when its bar or a control of its panel had ImGui's focus at the end of the last
    // frame (Escape has moved that focus out of the panel by the time this frame draws): Escape then closes it.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID focus_key = ImGui::GetID("##drawer_focus");
    const bool had_focus = storage->GetBool(focus_key, false);
    bool focused = DrawDrawerBar(model, context, place, intents);
    if (place.drawer_open) focused |= draw_panel(place.panel_height);
    if (place.drawer_open && had_focus && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) intents.close_drawer = true;
    storage->SetBool(focus_key, focused && !context.grid_has_keyboard);
  }
  const float grid_content = GridContentHeight(model, context, place.below ? avail.x : place.grid_width);
  // The gaps as PlacePanel counts them (a closed drawer's grid is the rest of the height: an auto-height frame must
  // leave it all of its content).
  intents.preferred_height = PreferredHeight(top, grid_content, panel_content, place, sizes.spacing, style.WindowPadding.y) / scale;
  ImGui::End();
}

}  // namespace slotwise::widget
