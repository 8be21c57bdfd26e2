// widget_view.cpp — the top-level layout (see widget_view.h).
#include "view/widget_view.h"

#include <imgui.h>

#include "state/widget_i18n.h"

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
    ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.15f, 1), "%s", Format(model.locale, StringId::kLoadFailed, {model.error}).c_str());
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
  const float panel_width = 380.0f * context.scale;
  const float grid_width = ImGui::GetContentRegionAvail().x - panel_width - ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("grid", ImVec2(grid_width, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  DrawGrid(model, context, intents);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("panel", ImVec2(0, 0), true);
  DrawSidePanel(model, context, intents);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace slotwise::widget
