// widget_view.cpp — the ImGui drawing of the demo busy view (see widget_view.h).
#include "widget_view.h"

#include <imgui.h>

#include <string>

namespace slotwise::widget {

namespace {

constexpr ImU32 kBusyColor = IM_COL32(214, 93, 77, 255);
constexpr ImU32 kMergedColor = IM_COL32(70, 110, 190, 255);
constexpr ImU32 kTrackColor = IM_COL32(235, 238, 243, 255);
constexpr ImU32 kHourLineColor = IM_COL32(200, 205, 212, 255);

// Draws one timeline row of intervals across the remaining width.
void TimelineRow(const WidgetState& state, const char* label, const IntervalList& intervals, ImU32 color) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine(180.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x, height = ImGui::GetTextLineHeight() + 6.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), kTrackColor, 3.0f);
  for (Instant hour = state.view.start; hour < state.view.end; hour += kSecondsPerHour) {
    const float x = origin.x + width * ViewFraction(state, hour);
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height), kHourLineColor);
  }
  for (const Interval& busy : intervals) {
    const float x0 = origin.x + width * ViewFraction(state, busy.start);
    const float x1 = origin.x + width * ViewFraction(state, busy.end);
    draw->AddRectFilled(ImVec2(x0, origin.y + 1), ImVec2(x1, origin.y + height - 1), color, 2.0f);
  }
  ImGui::Dummy(ImVec2(width, height));
}

void HourLabels(const WidgetState& state) {
  ImGui::TextUnformatted("UTC");
  ImGui::SameLine(180.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  for (Instant hour = state.view.start; hour < state.view.end; hour += 3 * kSecondsPerHour) {
    const std::string text = FormatRfc3339(hour).substr(11, 5);
    ImGui::GetWindowDrawList()->AddText(ImVec2(origin.x + width * ViewFraction(state, hour), origin.y),
                                        ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
  }
  ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

}  // namespace

void DrawWidget(const WidgetState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("Slotwise", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  ImGui::TextUnformatted("Slotwise - busy times");
  ImGui::Separator();
  switch (state.load) {
    case LoadState::kIdle:
    case LoadState::kLoading: ImGui::TextUnformatted("Loading calendars..."); break;
    case LoadState::kFailed: ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", state.error.c_str()); break;
    case LoadState::kLoaded:
      if (!state.rows.empty()) ImGui::Text("%s", FormatRfc3339(state.view.start).substr(0, 10).c_str());
      HourLabels(state);
      for (const BusyRow& row : state.rows) TimelineRow(state, row.name.empty() ? row.sub.c_str() : row.name.c_str(), row.busy, kBusyColor);
      ImGui::Spacing();
      TimelineRow(state, "Busy together (server)", state.server_merged, kMergedColor);
      TimelineRow(state, "Busy together (widget)", state.local_merged, kMergedColor);
      ImGui::Spacing();
      if (state.merged_agree) {
        ImGui::TextColored(ImVec4(0.1f, 0.55f, 0.25f, 1), "The widget's engine and the server agree (%d intervals).",
                           static_cast<int>(state.server_merged.size()));
      } else {
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "The widget's engine and the server DISAGREE.");
      }
      break;
  }
  ImGui::End();
}

}  // namespace slotwise::widget
