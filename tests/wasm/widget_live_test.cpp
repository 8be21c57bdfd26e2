// Tests for wasm/widget_live: what the visually hidden live region says (screen readers).
#include <doctest/doctest.h>

#include "state/widget_live.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

TEST_CASE("WidgetLive: the suggestions and what would help are read out, in the panel's order and wording") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kGoogleMeet;
  REQUIRE(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  REQUIRE_FALSE(model.relaxations.empty());
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK(live.find("1 suggestions, first") != std::string::npos);
  const std::size_t help = live.find("What would help: ");
  REQUIRE(help != std::string::npos);
  CHECK(live.find(DescribeRelaxation(model, model.relaxations.front()), help) != std::string::npos);
  CHECK(live.back() == '.');
}

TEST_CASE("WidgetLive: what would help is read when no time fits, in the viewer's language") {
  WidgetModel model = LoadedModel();
  model.locale = Locale::kDe;
  model.settings.type = InterviewType::kGoogleMeet;
  model.settings.duration_minutes = 120;  // Anna and Ken never share two hours
  REQUIRE(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  REQUIRE(model.suggestions.empty());
  REQUIRE_FALSE(model.relaxations.empty());
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK(live.find("Kein Termin passt.") != std::string::npos);
  CHECK(live.find("Was helfen würde: " + DescribeRelaxation(model, model.relaxations.front())) != std::string::npos);
}

TEST_CASE("WidgetLive: nothing about relaxations when the engine refused the settings") {
  WidgetModel model = LoadedModel();
  for (Row& row : model.rows) row.included = row.kind != RowKind::kInterviewer;
  SolveSuggestions(model, Tuesday(), Zones());
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK(live.find("Choose at least one interviewer.") != std::string::npos);
  CHECK(live.find("What would help") == std::string::npos);
}

TEST_CASE("WidgetLive: a created proposal is announced with its candidate link") {
  WidgetModel model = LoadedModel();
  model.proposal.phase = ProposalPhase::kCreated;
  model.proposal.candidate_url = "http://127.0.0.1:8080/candidate/#p=abc";
  model.proposal.options.resize(3);
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK(live.find("Proposal created with 3 times. Candidate link: http://127.0.0.1:8080/candidate/#p=abc") == 0);
  model.proposal = Proposal{};
  model.proposal.phase = ProposalPhase::kChoosing;
  model.proposal.chosen = {1, 2};
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr).find("Proposing times: 2 of 2 to 5 ticked.") == 0);
}

TEST_CASE("WidgetLive: a rolled-back loop says which stage failed and why; one left booked is named") {
  WidgetModel model = LoadedModel();
  model.loop_booking.phase = LoopBookingPhase::kRolledBack;
  model.loop_booking.stages.resize(2);
  model.loop_booking.stages[0].stage_id = "intro";
  model.loop_booking.stages[0].state = StageState::kCancelled;
  model.loop_booking.stages[1].stage_id = "tech";
  model.loop_booking.stages[1].state = StageState::kRefused;
  model.loop_booking.stages[1].message = "Anna is already booked.";
  model.loop_booking.failed_stage = 1;
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr).find(
            "Stage 2 could not be booked (Anna is already booked.). Nothing of the loop stays booked.") == 0);
  model.loop_booking.phase = LoopBookingPhase::kRollbackIncomplete;
  model.loop_booking.stages[0].state = StageState::kCancelFailed;
  model.loop_booking.stages[0].interview_id = "iv_1";
  model.loop_booking.stages[0].when = {At("2026-12-01T07:00:00Z"), At("2026-12-01T07:30:00Z")};
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK(live.find("cancel them by hand.") != std::string::npos);
  CHECK(live.find("1. intro Tue, Dec 1, 8:00 AM–8:30 AM: still booked, cancel by hand (iv_1).") != std::string::npos);
}

TEST_CASE("WidgetLive: a time where no loop starts says so instead of an empty reason") {
  WidgetModel model = LoadedModel();
  model.settings.loop = true;
  model.settings.loop_stages = {{"intro", 30, {"ken@x"}, 1, 0}, {"tech", 30, {"anna@x"}, 1, 60}};
  auto& zones = slotwise::testing::SystemZones();
  SolveSuggestions(model, {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")}, zones);
  model.selected = At("2026-12-01T14:00:00Z");  // after Ken's day: no loop
  ExplainSelected(model, zones);
  REQUIRE_FALSE(model.explanation.available);
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr).find("Not possible: No interview loop starts at this time.") != std::string::npos);
}
