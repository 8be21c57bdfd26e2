// Suggestions a recruiter can take as offered (wasm/widget_solve + widget_selection): on a Friday afternoon in Berlin
// with a candidate in New York, the default suggestions cover the coming two working weeks, respect the minimum
// notice and the candidate's reasonable hours, and the first three are on three different days; "why not 03:00" is
// explained, and one click on "what would help" offers such times again.
#include <doctest/doctest.h>

#include <set>

#include "state/widget_selection.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

namespace {

// Friday 4 December 2026, 16:00 in Berlin (15:00Z). The tenant sets no minimum notice, so the widget's default holds.
// Anna works 09:00–17:00 Berlin (08:00–16:00Z) every weekday and is busy on Monday morning.
constexpr const char* kFridayDocument = R"({
  "now": "2026-12-04T15:00:00Z",
  "query": {"participants": [], "required_duration": {"minutes": 30}, "start_interval": {"minutes": 15},
            "time_zone": "Europe/Berlin"},
  "calendars": {
    "lena@x": {"time_zone": "UTC", "busy": []},
    "anna@x": {"time_zone": "Europe/Berlin",
               "working_hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                                 "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
               "busy": [{"start": "2026-12-07T08:00:00Z", "end": "2026-12-07T12:00:00Z", "status": "busy"}]},
    "ken@x": {"time_zone": "Asia/Tokyo", "busy": []},
    "emily@x": {"time_zone": "America/New_York", "busy": []},
    "room-a": {"capacity": 4, "busy": []},
    "room-b": {"capacity": 10, "busy": []},
    "zoom:lena@x": {"busy": []}
  }
})";

WidgetModel FridayModel() {
  WidgetModel model;
  ApplyPageOptions(model, R"({"locale": "en", "timeZone": "Europe/Berlin",
    "interview": {"organizer": "lena@x", "interviewers": ["anna@x"],
                  "candidate": {"name": "Jane Doe", "time_zone": "America/New_York"}}})");
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  ApplySolveDocument(model, 200, kFridayDocument);
  model.settings.type = InterviewType::kGoogleMeet;
  model.settings.duration_minutes = 30;
  model.viewport.mode = ViewMode::kWeek;
  model.viewport.first_day = DaysFromCivil({2026, 11, 30});  // the week the grid shows: Friday's own
  return model;
}

// The range the widget solves over (widget_app.cpp SolveRange): the visible week joined with the rolling horizon.
Interval SolveRange(const WidgetModel& model) {
  return SuggestionRange(VisibleRange(model.viewport, Zone("Europe/Berlin")), model.now);
}

std::int64_t LocalMinutes(const TimeZone& zone, Instant t) { return FloorMod(zone.ToLocalSeconds(t), kSecondsPerDay) / 60; }
std::int64_t LocalDate(const TimeZone& zone, Instant t) { return FloorDiv(zone.ToLocalSeconds(t), kSecondsPerDay); }

}  // namespace

TEST_CASE("WidgetSuggestions: Friday 16:00 Berlin, candidate in New York: two working weeks, notice, hours, spread") {
  WidgetModel model = FridayModel();
  REQUIRE(model.now == At("2026-12-04T15:00:00Z"));
  CHECK(model.settings.minimum_notice_minutes == kDefaultMinimumNoticeMinutes);
  REQUIRE(SolveSuggestions(model, SolveRange(model), Zones()) == 0);
  REQUIRE_MESSAGE(model.suggestions.size() >= 10, model.solve_error);
  const TimeZone& new_york = Zone("America/New_York");
  std::set<std::int64_t> days;
  for (const Suggestion& suggestion : model.suggestions) {
    CAPTURE(FormatRfc3339(suggestion.when.start));
    CHECK(suggestion.when.start >= model.now + kDefaultMinimumNoticeMinutes * 60);  // never within four hours
    CHECK(LocalMinutes(new_york, suggestion.when.start) >= 8 * 60);                  // 08:00–19:00 New York
    CHECK(LocalMinutes(new_york, suggestion.when.end) <= 19 * 60);
    CHECK(LocalDate(new_york, suggestion.when.start) == LocalDate(new_york, suggestion.when.end - 1));
    days.insert(LocalDate(Zone("Europe/Berlin"), suggestion.when.start));
  }
  CHECK(days.size() >= 5);  // the horizon reaches past the visible (Friday's) week: ten working days here
  REQUIRE(model.suggestions.size() >= 3);
  const std::set<std::int64_t> first_three = {LocalDate(Zone("Europe/Berlin"), model.suggestions[0].when.start),
                                              LocalDate(Zone("Europe/Berlin"), model.suggestions[1].when.start),
                                              LocalDate(Zone("Europe/Berlin"), model.suggestions[2].when.start)};
  CHECK(first_three.size() == 3);
  // The first is the earliest possible: Monday after Anna's busy morning, 14:00 Berlin = 08:00 New York.
  CHECK(model.suggestions[0].when.start == At("2026-12-07T13:00:00Z"));
  CHECK(model.suggestions[1].when.start == At("2026-12-08T13:00:00Z"));
}

TEST_CASE("WidgetSuggestions: 09:00 Berlin (03:00 New York) is explained as outside the candidate's hours; one click lifts it") {
  WidgetModel model = FridayModel();
  REQUIRE(SolveSuggestions(model, SolveRange(model), Zones()) == 0);
  const std::int32_t inside_hours = model.available_starts;  // suggestions are cut at 100; the count is not
  model.selected = At("2026-12-08T08:00:00Z");  // Tuesday 09:00 Berlin: Anna is free, the candidate asleep
  ExplainSelected(model, Zones());
  CHECK_FALSE(model.explanation.available);
  REQUIRE(model.explanation.reasons.size() == 1);
  CHECK(model.explanation.reasons[0].code == "outside_candidate_hours");
  CHECK(DescribeReason(model, model.explanation.reasons[0], Zone("Europe/Berlin")) ==
        "Outside the candidate's hours (08:00–19:00 New York).");
  model.locale = Locale::kDe;
  CHECK(DescribeReason(model, model.explanation.reasons[0], Zone("Europe/Berlin")) ==
        "Außerhalb der Zeiten des Kandidaten (08:00–19:00 New York).");
  // "What would help" offers the candidate's hours as a preference; applying it suggests 09:00 Berlin again.
  const Relaxation* lift = nullptr;
  for (const Relaxation& relaxation : model.relaxations) {
    if (relaxation.code == "ignore_candidate_hours") lift = &relaxation;
  }
  REQUIRE(lift != nullptr);
  CHECK(DescribeRelaxation(model, *lift).starts_with("Auch außerhalb der Zeiten des Kandidaten: "));
  REQUIRE(ApplyRelaxation(model, *lift));
  CHECK_FALSE(model.settings.candidate_hours_required);
  REQUIRE(SolveSuggestions(model, SolveRange(model), Zones()) == 0);
  CHECK(model.available_starts > inside_hours);
  ExplainSelected(model, Zones());
  CHECK(model.explanation.available);
}

TEST_CASE("WidgetSuggestions: the page sets the candidate's hours; a tenant's minimum notice replaces the default") {
  WidgetModel model;
  ApplyPageOptions(model, R"({"candidateHours": {"start": "07:30", "end": "20:00", "required": false}})");
  CHECK(model.settings.candidate_day_start_minutes == 7 * 60 + 30);
  CHECK(model.settings.candidate_day_end_minutes == 20 * 60);
  CHECK_FALSE(model.settings.candidate_hours_required);
  ApplyPageOptions(model, R"({"candidateHours": {"start": "20:00", "end": "07:30"}})");  // not a day's span: kept
  CHECK(model.settings.candidate_day_start_minutes == 7 * 60 + 30);

  WidgetModel tenant = FridayModel();
  nlohmann::json document = nlohmann::json::parse(kFridayDocument);
  document["query"]["minimum_notice"] = {{"minutes", 60}};
  WidgetModel with_policy;
  ApplyDirectory(with_policy, 200, kPeople, 200, kRooms, 200, kHosts);
  ApplySolveDocument(with_policy, 200, document.dump());
  CHECK(with_policy.settings.minimum_notice_minutes == 60);
  CHECK(tenant.settings.minimum_notice_minutes == kDefaultMinimumNoticeMinutes);
}
