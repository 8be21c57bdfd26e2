// widget_selection.h — the visible range, the selected time and the suggestion cursor (pure).
//
// The grid shows whole local days of the viewer's zone: one (day view), five working days Monday–Friday (week
// view) or ten, Monday–Friday of two weeks without the weekend between them (two-week view). The selected start is always on the query's grid (a multiple of start_interval after local midnight in the
// viewer's zone), which is the grid the engine explains.
#pragma once

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

// Number of days shown: 1 (day), 5 (week) or 10 (two weeks).
int VisibleDays(const Viewport& viewport);

// The local day number shown at visible index `index` (0-based): first_day + index, the weekend skipped in the
// two-week view.
std::int64_t VisibleDay(const Viewport& viewport, int index);

// The UTC range of the visible days: [local midnight of first_day, local midnight after the last day) — in the
// two-week view this includes the weekend between the two weeks.
Interval VisibleRange(const Viewport& viewport, const TimeZone& viewer);

// How far ahead suggestions reach from now, whatever the grid shows (two weeks: ten working days).
inline constexpr std::int64_t kSuggestionHorizonSeconds = 14 * 24 * 3600;

// The UTC range suggestions are solved over and the solve document must cover: the visible days and the rolling
// horizon from now (at least kSuggestionHorizonSeconds, in whole UTC days), as one range — so that on a Friday evening
// or a weekend the next working days are suggested, not "no time fits". `now` is the document's (or, before one, the
// browser's) clock; 0 gives the visible days alone.
Interval SuggestionRange(Interval visible, Instant now);

// The range of visible local day `index` (0-based).
Interval DayRange(const Viewport& viewport, const TimeZone& viewer, int index);

// Puts the view on the day holding `t` (week view: that day's ISO week, Monday first).
void ShowDayOf(WidgetModel& model, Instant t, const TimeZone& viewer);

// Day, week or two-week view, keeping the selected (or first) day in view.
void SetViewMode(WidgetModel& model, ViewMode mode, const TimeZone& viewer);

// One page back (-1) or forward (+1): a day, a week, or two weeks.
void ShiftView(WidgetModel& model, int direction);

// `t` floored onto the start grid (start_interval minutes after local midnight, viewer's zone).
Instant SnapToGrid(const WidgetModel& model, Instant t, const TimeZone& viewer);

// Selects the grid start at or before `t`; the suggestion cursor follows when that start is suggested.
void SelectTime(WidgetModel& model, Instant t, const TimeZone& viewer);

// Selects suggestion `index` (clamped); its day comes into view.
void SelectSuggestion(WidgetModel& model, int index, const TimeZone& viewer);

// Moves the selection by `steps` grid steps (start_interval each) and `days` local days (same wall time), bringing
// its day into view. Without a selection, selects the first visible working-hours-ish time (day_start_hour).
void MoveSelection(WidgetModel& model, int steps, int days, const TimeZone& viewer);

// The UTC spans of `working_hours` (docs/ENGINE.md: {"mon": [["09:00", "17:00"]], …}, local to `zone`) that overlap
// `range`, normalized and clipped to it. A null/absent object means around the clock (the whole range).
IntervalList WorkingSpans(const nlohmann::json& working_hours, const TimeZone& zone, Interval range);

// True when the explanation shown is not the one of the selected start (the controller re-explains).
bool ExplanationStale(const WidgetModel& model);

}  // namespace slotwise::widget
