// widget_state.cpp — see widget_state.h.
#include "widget_state.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "slotwise/interval_json.h"

namespace slotwise::widget {

namespace {

void Fail(WidgetState& state, std::string error) {
  state = WidgetState{};
  state.load = LoadState::kFailed;
  state.error = std::move(error);
}

}  // namespace

void StartLoading(WidgetState& state) {
  state.load = LoadState::kLoading;
  state.error.clear();
}

void ApplyDemoBusyResponse(WidgetState& state, int http_status, std::string_view body) {
  if (http_status == 0) return Fail(state, "The Slotwise server could not be reached.");
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (http_status != 200) {
    std::string message = "The server answered with status " + std::to_string(http_status) + ".";
    if (doc.is_object() && doc.contains("error") && doc["error"].is_object() && doc["error"].contains("message") &&
        doc["error"]["message"].is_string()) {
      message += " " + doc["error"]["message"].get<std::string>();
    }
    return Fail(state, message);
  }
  if (!doc.is_object() || !doc.contains("people") || !doc["people"].is_array() || !doc.contains("merged")) {
    return Fail(state, "The server's answer is not a demo calendar document.");
  }
  WidgetState next;
  IntervalList everyone;
  for (const nlohmann::json& person : doc["people"]) {
    if (!person.is_object() || !person.contains("sub") || !person["sub"].is_string() || !person.contains("busy")) {
      return Fail(state, "The server's answer has a person without a sub or busy list.");
    }
    Result<IntervalList> busy = IntervalsFromJson(person["busy"], "people.busy");
    if (!busy) return Fail(state, "The server's answer has bad busy times: " + busy.error().message);
    BusyRow row{person["sub"].get<std::string>(), person.value("name", std::string()), std::move(busy).value()};
    everyone.insert(everyone.end(), row.busy.begin(), row.busy.end());
    next.rows.push_back(std::move(row));
  }
  Result<IntervalList> merged = IntervalsFromJson(doc["merged"], "merged");
  if (!merged) return Fail(state, "The server's merged busy times are malformed: " + merged.error().message);
  next.server_merged = std::move(merged).value();
  next.local_merged = MergeIntervals(everyone);
  next.merged_agree = next.local_merged == next.server_merged;
  if (!everyone.empty()) {
    const Instant first = next.local_merged.front().start, last = next.local_merged.back().end;
    next.view = {FloorDiv(first, kSecondsPerDay) * kSecondsPerDay, (FloorDiv(last - 1, kSecondsPerDay) + 1) * kSecondsPerDay};
  }
  next.load = LoadState::kLoaded;
  state = std::move(next);
}

std::string LiveSummary(const WidgetState& state) {
  switch (state.load) {
    case LoadState::kIdle: return "Slotwise is starting.";
    case LoadState::kLoading: return "Loading calendars from the server.";
    case LoadState::kFailed: return "Could not load calendars: " + state.error;
    case LoadState::kLoaded: break;
  }
  std::string text = "Loaded " + std::to_string(state.rows.size()) + " calendars from the server. Busy together: ";
  for (std::size_t i = 0; i < state.server_merged.size(); ++i) {
    if (i) text += ", ";
    text += FormatRfc3339(state.server_merged[i].start).substr(11, 5) + "–" +
            FormatRfc3339(state.server_merged[i].end).substr(11, 5) + " UTC";
  }
  text += state.merged_agree ? ". The widget's own engine agrees with the server." 
                             : ". The widget's own engine DISAGREES with the server.";
  return text;
}

float ViewFraction(const WidgetState& state, Instant t) {
  if (state.view.empty()) return 0.0f;
  const double f = static_cast<double>(t - state.view.start) / static_cast<double>(state.view.length());
  return static_cast<float>(std::clamp(f, 0.0, 1.0));
}

}  // namespace slotwise::widget
