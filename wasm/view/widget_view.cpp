// widget_view.cpp — the top-level layout (see widget_view.h).
#include "view/widget_view.h"

#include <imgui.h>

#include <string>

#include "state/widget_i18n.h"
#include "state/widget_layout.h"
#include "view/view_colors.h"
#include "view/view_controls.h"

namespace slotwise::widget {

namespace {
constexpr int kMinGridRows = 4;  // rows a squeezed grid still shows under its top band
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
  // The panel beside the grid on a wide page, below it in a narrow one (an ATS side pane, 200% zoom): PlacePanel.
  const float scale = context.scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  PanelSizes sizes;
  sizes.panel_width = 380.0f * scale;
  sizes.min_grid_width = 600.0f * scale;
  sizes.min_grid_height = GridContentHeight(model, context, avail.x, kMinGridRows);
  sizes.min_panel_height = 220.0f * scale;
  sizes.spacing = ImGui::GetStyle().ItemSpacing.x;
  const PanelPlacement place = PlacePanel(avail.x, avail.y, GridContentHeight(model, context, avail.x), sizes);
  const float top = ImGui::GetCursorPosY();
  ImGui::BeginChild("grid", ImVec2(place.grid_width, place.grid_height), true, ImGuiWindowFlags_HorizontalScrollbar);
  DrawGrid(model, context, intents);
  ImGui::EndChild();
  if (!place.below) ImGui::SameLine();
  ImGui::BeginChild("panel", ImVec2(0, place.panel_height), true);
  DrawSidePanel(model, context, intents);
  const float panel_content = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;  // scrolled or not
  ImGui::EndChild();
  const float grid_content = GridContentHeight(model, context, place.below ? avail.x : place.grid_width);
  intents.preferred_height = PreferredHeight(top, grid_content, panel_content, place.below, ImGui::GetStyle().ItemSpacing.y,
                                             ImGui::GetStyle().WindowPadding.y) / scale;
  ImGui::End();
}

}  // namespace slotwise::widget
