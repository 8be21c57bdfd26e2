// widget_selection.cpp — see widget_selection.h.
#include "state/widget_selection.h"

#include <algorithm>

namespace slotwise::widget {

namespace {

Instant LocalMidnight(const TimeZone& viewer, std::int64_t day) { return viewer.FromLocalSeconds(day * kSecondsPerDay); }

std::int64_t LocalDay(const TimeZone& viewer, Instant t) { return FloorDiv(viewer.ToLocalSeconds(t), kSecondsPerDay); }

void SyncCursor(WidgetModel& model) {
  model.suggestion_cursor = -1;
  if (!model.selected) return;
  for (std::size_t i = 0; i < model.suggestions.size(); ++i) {
    if (model.suggestions[i].when.start == *model.selected) {
      model.suggestion_cursor = static_cast<std::int32_t>(i);
      return;
    }
  }
}

}  // namespace

int VisibleDays(const Viewport& viewport) {
  switch (viewport.mode) {
    case ViewMode::kDay: return 1;
    case ViewMode::kWeek: return 5;
    case ViewMode::kTwoWeeks: return 10;
  }
  return 5;
}

std::int64_t VisibleDay(const Viewport& viewport, int index) {
  const bool second_week = viewport.mode == ViewMode::kTwoWeeks && index >= 5;
  return viewport.first_day + index + (second_week ? 2 : 0);
}

Interval VisibleRange(const Viewport& viewport, const TimeZone& viewer) {
  return {LocalMidnight(viewer, viewport.first_day),
          LocalMidnight(viewer, VisibleDay(viewport, VisibleDays(viewport) - 1) + 1)};
}

Interval SuggestionRange(Interval visible, Instant now) {
  if (now <= 0) return visible;
  // Whole UTC days, so that the browser's and the server's clocks (a little apart) give the same range: the document
  // fetched for one covers the other, and nothing is fetched again before the day changes.
  const Instant day_start = now - FloorMod(now, kSecondsPerDay);
  const Instant horizon_end = day_start + kSuggestionHorizonSeconds + kSecondsPerDay;
  return {std::min(visible.start, day_start), std::max(visible.end, horizon_end)};
}

Interval DayRange(const Viewport& viewport, const TimeZone& viewer, int index) {
  const std::int64_t day = VisibleDay(viewport, index);
  return {LocalMidnight(viewer, day), LocalMidnight(viewer, day + 1)};
}

void ShowDayOf(WidgetModel& model, Instant t, const TimeZone& viewer) {
  const std::int64_t day = LocalDay(viewer, t);
  if (model.viewport.mode == ViewMode::kDay) {
    model.viewport.first_day = day;
    return;
  }
  const std::int64_t monday = IsoWeekStartDay(day);
  // Weekend days show the next working week.
  model.viewport.first_day = day - monday >= 5 ? monday + 7 : monday;
}

void SetViewMode(WidgetModel& model, ViewMode mode, const TimeZone& viewer) {
  const Instant anchor = model.selected.value_or(LocalMidnight(viewer, model.viewport.first_day));
  model.viewport.mode = mode;
  ShowDayOf(model, anchor, viewer);
}

void ShiftView(WidgetModel& model, int direction) {
  const int days = model.viewport.mode == ViewMode::kDay ? 1 : model.viewport.mode == ViewMode::kWeek ? 7 : 14;
  model.viewport.first_day += static_cast<std::int64_t>(direction) * days;
}

Instant SnapToGrid(const WidgetModel& model, Instant t, const TimeZone& viewer) {
  const Duration step = static_cast<Duration>(std::max(model.settings.start_interval_minutes, 1)) * kSecondsPerMinute;
  const std::int64_t local = viewer.ToLocalSeconds(t);
  const std::int64_t floored = local - FloorMod(FloorMod(local, kSecondsPerDay), step);
  // Map the floored wall time back: on a repeated hour keep the occurrence closest before t.
  Instant candidates[2];
  const int count = viewer.InstantsAtLocal(floored, candidates);
  Instant best = viewer.FromLocalSeconds(floored);
  for (int i = 0; i < count; ++i) {
    if (candidates[i] <= t) best = candidates[i];
  }
  return best;
}

void SelectTime(WidgetModel& model, Instant t, const TimeZone& viewer) {
  model.selected = SnapToGrid(model, t, viewer);
  SyncCursor(model);
}

void SelectSuggestion(WidgetModel& model, int index, const TimeZone& viewer) {
  if (model.suggestions.empty()) return;
  index = std::clamp(index, 0, static_cast<int>(model.suggestions.size()) - 1);
  model.suggestion_cursor = index;
  model.selected = model.suggestions[static_cast<std::size_t>(index)].when.start;
  const Interval visible = VisibleRange(model.viewport, viewer);
  if (!visible.Contains(*model.selected)) ShowDayOf(model, *model.selected, viewer);
}

void MoveSelection(WidgetModel& model, int steps, int days, const TimeZone& viewer) {
  if (!model.selected) {
    const std::int64_t local = (model.viewport.first_day) * kSecondsPerDay + model.viewport.day_start_hour * kSecondsPerHour;
    model.selected = viewer.FromLocalSeconds(local);
    SyncCursor(model);
    return;
  }
  const Duration step = static_cast<Duration>(std::max(model.settings.start_interval_minutes, 1)) * kSecondsPerMinute;
  // Steps move on the wall clock, so a DST change keeps the grid; days keep the wall time.
  std::int64_t local = viewer.ToLocalSeconds(*model.selected) + steps * step + static_cast<std::int64_t>(days) * kSecondsPerDay;
  if (model.viewport.mode != ViewMode::kDay && days != 0) {
    // Skip weekends in the week views.
    std::int64_t day = FloorDiv(local, kSecondsPerDay);
    while (WeekdayFromDays(day) == Weekday::kSaturday || WeekdayFromDays(day) == Weekday::kSunday) {
      day += days > 0 ? 1 : -1;
      local += (days > 0 ? 1 : -1) * kSecondsPerDay;
    }
  }
  model.selected = SnapToGrid(model, viewer.FromLocalSeconds(local), viewer);
  const Interval visible = VisibleRange(model.viewport, viewer);
  if (!visible.Contains(*model.selected)) ShowDayOf(model, *model.selected, viewer);
  SyncCursor(model);
}

IntervalList WorkingSpans(const nlohmann::json& working_hours, const TimeZone& zone, Interval range) {
  if (!working_hours.is_object()) return {range};
  static constexpr const char* kKeys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  IntervalList spans;
  const std::int64_t first = LocalDay(zone, range.start) - 1, last = LocalDay(zone, range.end) + 1;
  for (std::int64_t day = first; day <= last; ++day) {
    const char* key = kKeys[static_cast<std::size_t>(WeekdayFromDays(day))];
    if (!working_hours.contains(key) || !working_hours.at(key).is_array()) continue;
    for (const nlohmann::json& window : working_hours.at(key)) {
      if (!window.is_array() || window.size() != 2 || !window[0].is_string() || !window[1].is_string()) continue;
      const std::optional<std::int32_t> a = ParseClockTime(window[0].get<std::string>());
      const std::optional<std::int32_t> b = ParseClockTime(window[1].get<std::string>());
      if (!a || !b || *b <= *a) continue;
      const Instant start = std::max(zone.FromLocalSeconds(day * kSecondsPerDay + *a), range.start);
      const Instant end = std::min(zone.FromLocalSeconds(day * kSecondsPerDay + *b), range.end);
      if (end > start) spans.push_back({start, end});
    }
  }
  return MergeIntervals(std::move(spans));
}

bool ExplanationStale(const WidgetModel& model) {
  return model.selected.has_value() &&
         (model.explanation.start != *model.selected || model.explanation.generation != model.solve_generation);
}

}  // namespace slotwise::widget
