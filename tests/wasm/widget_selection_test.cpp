// Tests for wasm/widget_selection and wasm/widget_keyboard: the visible range, the selection and the keys.
#include <doctest/doctest.h>

#include "state/widget_keyboard.h"
#include "state/widget_selection.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

TEST_CASE("WidgetSelection: the week view shows Monday to Friday in the viewer's zone; weekends show the next week") {
  WidgetModel model;
  model.viewport.mode = ViewMode::kWeek;
  const TimeZone& berlin = Zone("Europe/Berlin");
  ShowDayOf(model, At("2026-12-03T12:00:00Z"), berlin);  // Thursday
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 11, 30}));
  CHECK(VisibleRange(model.viewport, berlin) == Interval{At("2026-11-29T23:00:00Z"), At("2026-12-04T23:00:00Z")});
  ShowDayOf(model, At("2026-12-05T12:00:00Z"), berlin);  // Saturday
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 12, 7}));
  ShiftView(model, -1);
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 11, 30}));
  SetViewMode(model, ViewMode::kDay, berlin);
  CHECK(VisibleDays(model.viewport) == 1);
  CHECK(DayRange(model.viewport, berlin, 0) == Interval{At("2026-11-29T23:00:00Z"), At("2026-11-30T23:00:00Z")});
}

TEST_CASE("WidgetSelection: the two-week view shows ten working days, the weekend between them left out") {
  WidgetModel model;
  const TimeZone& berlin = Zone("Europe/Berlin");
  model.viewport.mode = ViewMode::kWeek;
  SetViewMode(model, ViewMode::kTwoWeeks, berlin);
  ShowDayOf(model, At("2026-12-03T12:00:00Z"), berlin);  // Thursday
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 11, 30}));
  CHECK(VisibleDays(model.viewport) == 10);
  CHECK(VisibleDay(model.viewport, 4) == DaysFromCivil({2026, 12, 4}));   // Friday
  CHECK(VisibleDay(model.viewport, 5) == DaysFromCivil({2026, 12, 7}));   // then Monday, not Saturday
  CHECK(VisibleDay(model.viewport, 9) == DaysFromCivil({2026, 12, 11}));
  CHECK(DayRange(model.viewport, berlin, 5) == Interval{At("2026-12-06T23:00:00Z"), At("2026-12-07T23:00:00Z")});
  CHECK(VisibleRange(model.viewport, berlin) == Interval{At("2026-11-29T23:00:00Z"), At("2026-12-11T23:00:00Z")});
  ShiftView(model, +1);
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 12, 14}));
  // A day forward from Friday lands on Monday, inside the view.
  ShiftView(model, -1);
  model.selected = At("2026-12-04T09:00:00Z");
  MoveSelection(model, 0, 1, berlin);
  CHECK(*model.selected == At("2026-12-07T09:00:00Z"));
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 11, 30}));
}

TEST_CASE("WidgetSelection: suggestions reach two weeks ahead of now whatever week is shown, in whole UTC days") {
  const TimeZone& berlin = Zone("Europe/Berlin");
  WidgetModel model;
  model.viewport.mode = ViewMode::kWeek;
  const Instant friday_evening = At("2026-12-04T17:00:00Z");
  ShowDayOf(model, friday_evening, berlin);
  const Interval visible = VisibleRange(model.viewport, berlin);  // Mon 30 Nov – Fri 4 Dec: nothing left this week
  const Interval range = SuggestionRange(visible, friday_evening);
  CHECK(range.start == visible.start);
  CHECK(range.end == At("2026-12-19T00:00:00Z"));  // the next two working weeks are in reach
  // The browser's and the server's clocks, seconds apart, give the same range (no document fetched twice).
  CHECK(SuggestionRange(visible, friday_evening + 7) == range);
  // A week far ahead: the range still starts today (suggestions from now) and covers the shown week.
  ShiftView(model, +1);
  ShiftView(model, +1);
  ShiftView(model, +1);
  const Interval later = VisibleRange(model.viewport, berlin);
  CHECK(SuggestionRange(later, friday_evening) == Interval{At("2026-12-04T00:00:00Z"), later.end});
  CHECK(SuggestionRange(visible, 0) == visible);  // no clock yet: the visible days
}

TEST_CASE("WidgetSelection: clicks snap to the start grid of the viewer's zone, also at a half-hour offset") {
  WidgetModel model;
  model.settings.start_interval_minutes = 15;
  SelectTime(model, At("2026-12-01T08:44:59Z"), Zone("Europe/Berlin"));
  CHECK(model.selected == At("2026-12-01T08:30:00Z"));
  // Kolkata is UTC+5:30: local 14:07 (08:37Z) floors to 14:00 local = 08:30Z; with a 60-minute grid too.
  model.settings.start_interval_minutes = 60;
  SelectTime(model, At("2026-12-01T08:37:00Z"), Zone("Asia/Kolkata"));
  CHECK(model.selected == At("2026-12-01T08:30:00Z"));
}

TEST_CASE("WidgetKeyboard: arrows step the grid, PageDown skips the weekend, J/K walk the suggestions") {
  WidgetModel model = LoadedModel();
  const TimeZone& berlin = Zone("Europe/Berlin");
  model.viewport.mode = ViewMode::kWeek;
  model.viewport.first_day = DaysFromCivil({2026, 11, 30});
  CHECK(HandleKey(model, Key::kRight, berlin) == KeyCommand::kSelectionChanged);
  CHECK(model.selected == At("2026-11-30T06:00:00Z"));  // nothing selected: the first visible hour (07:00 Berlin)
  HandleKey(model, Key::kRight, berlin);
  CHECK(model.selected == At("2026-11-30T06:30:00Z"));  // + one 30-minute step (the tenant's grid)
  HandleKey(model, Key::kLeft, berlin);
  CHECK(model.selected == At("2026-11-30T06:00:00Z"));
  model.selected = At("2026-12-04T08:00:00Z");          // Friday 09:00 Berlin
  CHECK(HandleKey(model, Key::kPageDown, berlin) == KeyCommand::kViewChanged);
  CHECK(model.selected == At("2026-12-07T08:00:00Z"));  // Monday 09:00, next week in view
  CHECK(model.viewport.first_day == DaysFromCivil({2026, 12, 7}));
  HandleKey(model, Key::kHome, berlin);
  CHECK(model.selected == At("2026-12-07T06:00:00Z"));

  model.viewport.first_day = DaysFromCivil({2026, 11, 30});
  SolveSuggestions(model, VisibleRange(model.viewport, berlin), slotwise::testing::SystemZones());
  REQUIRE(model.suggestions.size() >= 2);
  HandleKey(model, Key::kNextSuggestion, berlin);
  CHECK(model.suggestion_cursor == 0);
  CHECK(model.selected == model.suggestions[0].when.start);
  HandleKey(model, Key::kNextSuggestion, berlin);
  CHECK(model.suggestion_cursor == 1);
  HandleKey(model, Key::kPreviousSuggestion, berlin);
  CHECK(model.suggestion_cursor == 0);
}

TEST_CASE("WidgetKeyboard: Up/Down move the row focus, Space leaves a person out, Enter books only a possible time") {
  WidgetModel model = LoadedModel();
  const TimeZone& berlin = Zone("Europe/Berlin");
  HandleKey(model, Key::kDown, berlin);
  CHECK(model.row_cursor == 1);                       // anna
  const auto generation = model.solve_generation;
  CHECK(HandleKey(model, Key::kSpace, berlin) == KeyCommand::kSettingsChanged);
  CHECK_FALSE(model.rows[1].included);
  CHECK(model.solve_generation == generation + 1);
  HandleKey(model, Key::kUp, berlin);
  HandleKey(model, Key::kUp, berlin);
  CHECK(model.row_cursor == 0);                       // clamped
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kNone);  // nothing selected
  model.rows[1].included = true;
  model.selected = At("2026-12-01T08:30:00Z");
  ExplainSelected(model, slotwise::testing::SystemZones());
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kBook);
  model.selected = At("2026-12-01T08:00:00Z");
  ExplainSelected(model, slotwise::testing::SystemZones());
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kNone);
}

TEST_CASE("WidgetSelection: working hours become UTC spans in the member's own zone, clipped to the range") {
  const nlohmann::json hours = nlohmann::json::parse(R"({"tue": [["09:00", "12:00"], ["13:00", "18:00"]], "wed": [["09:00", "18:00"]]})");
  // Berlin's Tuesday as the range; Tokyo's Tue 09:00–12:00 = 00:00–03:00Z, 13:00–18:00 = 04:00–09:00Z; Tokyo's
  // Wednesday 09:00 = Tue 24:00Z, after the range ends (23:00Z).
  const IntervalList spans = WorkingSpans(hours, Zone("Asia/Tokyo"), {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")});
  CHECK(spans == IntervalList{{At("2026-12-01T00:00:00Z"), At("2026-12-01T03:00:00Z")},
                              {At("2026-12-01T04:00:00Z"), At("2026-12-01T09:00:00Z")}});
  CHECK(WorkingSpans(nullptr, Zone("Asia/Tokyo"), {0, 100}) == IntervalList{{0, 100}});
}
