// widget_view.cpp — the top-level layout (see widget_view.h).
#include "view/widget_view.h"

#include <imgui.h>

#include "state/widget_i18n.h"
#include "state/widget_layout.h"
#include "view/view_colors.h"

namespace slotwise::widget {

void DrawWidget(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("Slotwise", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus);
  DrawToolbar(model, context, intents);
  if (model.load == LoadState::kFailed) {
    ImGui::Spacing();
    ImGui::TextColored(Vec4(palette::kTextRed), "%s", Format(model.locale, StringId::kLoadFailed, {model.error}).c_str());
    if (ImGui::Button(Tr(model.locale, StringId::kRetry))) intents.retry = true;
    ImGui::End();
    return;
  }
  DrawSettingsBar(model, context, intents);
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
  const PanelPlacement place = PlacePanel(avail.x, avail.y, 380.0f * scale, 600.0f * scale, GridContentHeight(model, context, avail.x),
                                          220.0f * scale, ImGui::GetStyle().ItemSpacing.x);
  ImGui::BeginChild("grid", ImVec2(place.grid_width, place.grid_height), true, ImGuiWindowFlags_HorizontalScrollbar);
  DrawGrid(model, context, intents);
  ImGui::EndChild();
  if (!place.below) ImGui::SameLine();
  ImGui::BeginChild("panel", ImVec2(0, 0), true);
  DrawSidePanel(model, context, intents);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace slotwise::widget
