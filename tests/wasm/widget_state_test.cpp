// Tests for wasm/widget_state: the widget's pure state transitions, run natively.
#include <doctest/doctest.h>

#include "widget_state.h"

using namespace slotwise;
using namespace slotwise::widget;

namespace {

constexpr const char* kDemoAnswer = R"({
  "people": [
    {"sub": "anna@acme.test", "name": "Anna", "busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z"}]},
    {"sub": "ben@acme.test", "name": "Ben", "busy": [{"start": "2026-12-01T10:30:00Z", "end": "2026-12-01T12:00:00Z"}]}
  ],
  "merged": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T12:00:00Z"}],
  "computed_by": "server"
})";

}  // namespace

TEST_CASE("WidgetState: a good answer loads rows and checks the server's union against the local one") {
  WidgetState state;
  StartLoading(state);
  CHECK(state.load == LoadState::kLoading);
  ApplyDemoBusyResponse(state, 200, kDemoAnswer);
  REQUIRE(state.load == LoadState::kLoaded);
  CHECK(state.rows.size() == 2);
  CHECK(state.rows[1].name == "Ben");
  CHECK(state.merged_agree);
  CHECK(state.local_merged == IntervalList{{*ParseRfc3339("2026-12-01T10:00:00Z"), *ParseRfc3339("2026-12-01T12:00:00Z")}});
  CHECK(state.view.start == *ParseRfc3339("2026-12-01T00:00:00Z"));
  CHECK(state.view.end == *ParseRfc3339("2026-12-02T00:00:00Z"));
  CHECK(LiveSummary(state) ==
        "Loaded 2 calendars from the server. Busy together: 10:00–12:00 UTC. The widget's own engine agrees with the "
        "server.");
}

TEST_CASE("WidgetState: a server union that differs from the local one is reported, not hidden") {
  WidgetState state;
  std::string answer = kDemoAnswer;
  const std::string merged_end = R"("end": "2026-12-01T12:00:00Z"}],)";  // the server's union, not Ben's event
  REQUIRE(answer.find(merged_end) != std::string::npos);
  answer.replace(answer.find(merged_end), merged_end.size(), R"("end": "2026-12-01T11:59:00Z"}],)");
  ApplyDemoBusyResponse(state, 200, answer);
  REQUIRE(state.load == LoadState::kLoaded);
  CHECK_FALSE(state.merged_agree);
  CHECK(LiveSummary(state).find("DISAGREES") != std::string::npos);
}

TEST_CASE("WidgetState: failures leave no rows and say what happened") {
  WidgetState state;
  ApplyDemoBusyResponse(state, 200, kDemoAnswer);
  ApplyDemoBusyResponse(state, 0, "");
  CHECK(state.load == LoadState::kFailed);
  CHECK(state.rows.empty());
  CHECK(state.error == "The Slotwise server could not be reached.");

  ApplyDemoBusyResponse(state, 404, R"({"error":{"code":"not_found","message":"the demo organisation is served only with --demo"}})");
  CHECK(state.error == "The server answered with status 404. the demo organisation is served only with --demo");

  ApplyDemoBusyResponse(state, 200, "not json");
  CHECK(state.error == "The server's answer is not a demo calendar document.");

  ApplyDemoBusyResponse(state, 200, R"({"people":[{"sub":"a","busy":[{"start":"x","end":"y"}]}],"merged":[]})");
  CHECK(state.load == LoadState::kFailed);
  CHECK(state.error.rfind("The server's answer has bad busy times", 0) == 0);
}

TEST_CASE("WidgetState: view fractions are clamped to the view") {
  WidgetState state;
  ApplyDemoBusyResponse(state, 200, kDemoAnswer);
  CHECK(ViewFraction(state, state.view.start) == doctest::Approx(0.0));
  CHECK(ViewFraction(state, state.view.start + 12 * kSecondsPerHour) == doctest::Approx(0.5));
  CHECK(ViewFraction(state, state.view.end + 99) == doctest::Approx(1.0));
  CHECK(ViewFraction(state, state.view.start - 99) == doctest::Approx(0.0));
}
