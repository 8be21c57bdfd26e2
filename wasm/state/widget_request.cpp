// widget_request.cpp — see widget_request.h.
#include "state/widget_request.h"

#include "state/widget_json.h"

namespace slotwise::widget {

using nlohmann::json;

std::vector<std::string> IncludedSubs(const WidgetModel& model, RowKind kind) {
  std::vector<std::string> subs;
  for (const Row& row : model.rows) {
    if (row.included && row.kind == kind) subs.push_back(row.sub);
  }
  return subs;
}

std::string InterviewTitle(const WidgetModel& model) {
  if (!model.interview.title.empty()) return model.interview.title;
  const std::string name = JsonText(model.interview.candidate, "name");
  return name.empty() ? "Interview" : "Interview: " + name;
}

json BufferJson(const Settings& settings) {
  return {{"before", {{"minutes", settings.buffer_before_minutes}}}, {"after", {{"minutes", settings.buffer_after_minutes}}}};
}

json QueryJson(const WidgetModel& model) {
  return {{"start_interval", {{"minutes", model.settings.start_interval_minutes}}},
          {"minimum_notice", {{"minutes", model.settings.minimum_notice_minutes}}},
          {"time_zone", model.viewport.viewer_zone.empty() ? "UTC" : model.viewport.viewer_zone}};
}

}  // namespace slotwise::widget
