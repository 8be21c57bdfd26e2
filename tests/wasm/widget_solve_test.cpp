// Tests for wasm/widget_solve: the local solving adapter, run natively against the real engine.
#include <doctest/doctest.h>

#include "state/widget_selection.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

TEST_CASE("WidgetSolve: Anna (Berlin) and Ken (Tokyo) share exactly one half hour on Tuesday") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kGoogleMeet;
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  REQUIRE(model.suggestions.size() == 1);
  CHECK(model.suggestions[0].when == Interval{At("2026-12-01T08:30:00Z"), At("2026-12-01T09:00:00Z")});
  CHECK(model.suggestions[0].participants == std::vector<std::string>{"anna@x", "ken@x"});
  CHECK(model.available_starts == 1);
}

TEST_CASE("WidgetSolve: without interviewers the adapter says so instead of asking the engine") {
  WidgetModel model = LoadedModel();
  for (Row& row : model.rows) row.included = row.kind != RowKind::kInterviewer;
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 2);
  CHECK(model.suggestions.empty());
  CHECK(model.solve_error == "Choose at least one interviewer.");
}

TEST_CASE("WidgetSolve: a busy time is explained by who is busy, worded in the viewer's language") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kGoogleMeet;
  SelectTime(model, At("2026-12-01T08:10:00Z"), Zone("Europe/Berlin"));  // snaps to 09:00 Berlin = 08:00Z
  REQUIRE(model.selected == At("2026-12-01T08:00:00Z"));
  ExplainSelected(model, Zones());
  CHECK_FALSE(model.explanation.available);
  REQUIRE(model.explanation.reasons.size() == 2);
  CHECK(model.explanation.reasons[0].code == "group_short");
  CHECK(model.explanation.reasons[0].free == 1);
  CHECK(model.explanation.reasons[0].required == 2);
  CHECK(model.explanation.reasons[1].code == "busy");
  CHECK(model.explanation.reasons[1].sub == "anna@x");
  CHECK(DescribeReason(model, model.explanation.reasons[0], Zone("Europe/Berlin")) == "Only 1 of the 2 required interviewers are free.");
  model.locale = Locale::kDe;
  CHECK(DescribeReason(model, model.explanation.reasons[1], Zone("Europe/Berlin")) == "Anna ist Di., 1. Dez., 09:00–09:30 beschäftigt.");
}

TEST_CASE("WidgetSolve: after Ken's day ends the reason is his working hours; the free half hour explains as possible") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kGoogleMeet;
  SelectTime(model, At("2026-12-01T09:00:00Z"), Zone("Europe/Berlin"));
  ExplainSelected(model, Zones());
  REQUIRE(model.explanation.reasons.size() == 2);
  CHECK(model.explanation.reasons[1].code == "outside_working_hours");
  model.locale = Locale::kJa;
  CHECK(DescribeReason(model, model.explanation.reasons[1], Zone("Europe/Berlin")) == "佐藤 健 の勤務時間外です。");
  SelectTime(model, At("2026-12-01T08:30:00Z"), Zone("Europe/Berlin"));
  ExplainSelected(model, Zones());
  CHECK(model.explanation.available);
  REQUIRE(model.explanation.slot);
  CHECK(model.explanation.slot->participants == std::vector<std::string>{"anna@x", "ken@x"});
}

TEST_CASE("WidgetSolve: on-site interviews need a room that is free and big enough") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kOnSite;
  model.settings.room = "room-a";  // busy 08:30–09:00Z: the only common half hour
  SolveSuggestions(model, Tuesday(), Zones());
  CHECK(model.suggestions.empty());
  model.selected = At("2026-12-01T08:30:00Z");
  ExplainSelected(model, Zones());
  REQUIRE(model.explanation.reasons.size() == 2);
  CHECK(model.explanation.reasons[0].code == "rooms_short");
  CHECK(model.explanation.reasons[1].code == "room_busy");
  model.settings.room.clear();     // any room: room-b is free
  SolveSuggestions(model, Tuesday(), Zones());
  REQUIRE(model.suggestions.size() == 1);
  CHECK(model.suggestions[0].rooms == std::vector<std::string>{"room-b"});
}

TEST_CASE("WidgetSolve: Lena's Zoom account without join-before-host is refused while she does not attend") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kZoom;
  model.settings.host = "zoom:lena@x";
  SolveSuggestions(model, Tuesday(), Zones());
  CHECK(model.suggestions.empty());
  bool warn_offered = false, add_owner_offered = false;
  for (const Relaxation& relaxation : model.relaxations) {
    warn_offered |= relaxation.code == "warn_host_rule" && relaxation.rule == "host_absent_no_jbh" && relaxation.slots == 1;
    add_owner_offered |= relaxation.code == "add_host_owner" && relaxation.sub == "lena@x";
  }
  CHECK(warn_offered);
  CHECK(add_owner_offered);
  model.selected = At("2026-12-01T08:30:00Z");
  ExplainSelected(model, Zones());
  REQUIRE(model.explanation.reasons.size() == 2);
  CHECK(model.explanation.reasons[0].code == "hosts_short");
  CHECK(model.explanation.reasons[1].code == "host_rule");
  CHECK(DescribeReason(model, model.explanation.reasons[1], Zone("Europe/Berlin")) ==
        "Lena Fischer hosts the meeting but does not attend, and joining before the host is off: nobody could enter.");

  // "Only warn": the slot comes back, carrying the warning and the passcode outcome (admin-locked passcode).
  CHECK(ApplyRelaxation(model, {"warn_host_rule", "", "host_absent_no_jbh", 1, ""}));
  SolveSuggestions(model, Tuesday(), Zones());
  REQUIRE(model.suggestions.size() == 1);
  REQUIRE(model.suggestions[0].hosts.size() == 1);
  CHECK(model.suggestions[0].hosts[0].passcode == true);
  CHECK(model.suggestions[0].hosts[0].passcode_reason == "admin_locked");
  REQUIRE(model.suggestions[0].hosts[0].warnings.size() == 1);
  CHECK(model.suggestions[0].hosts[0].warnings[0].first == "host_absent_no_jbh");
}

TEST_CASE("WidgetSolve: inviting the host's owner removes the rule; dropping a member opens Anna's whole afternoon") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kZoom;
  CHECK(ApplyRelaxation(model, {"add_host_owner", "lena@x", "", 1, ""}));
  SolveSuggestions(model, Tuesday(), Zones());
  REQUIRE(model.suggestions.size() == 1);
  CHECK(model.suggestions[0].participants == std::vector<std::string>{"lena@x", "anna@x", "ken@x"});
  CHECK(model.suggestions[0].hosts[0].warnings.empty());
  // Without Ken: Anna alone is free 08:30–16:00Z, 30-minute grid -> 15 starts (08:30 … 15:30).
  CHECK(ApplyRelaxation(model, {"drop_member", "ken@x", "", 14, ""}));
  SolveSuggestions(model, Tuesday(), Zones());
  CHECK(model.suggestions.size() == 15);
  CHECK(model.suggestions.back().when.start == At("2026-12-01T15:30:00Z"));
}

TEST_CASE("WidgetSolve: an interview loop is solved as a sequence and explained by its own suggestions") {
  WidgetModel model = LoadedModel();
  model.settings.loop = true;
  // Stage 1 (30 min) by Ken (free until 09:00Z), stage 2 (30 min) by Anna (free from 08:30Z) 0–60 minutes after
  // stage 1 ends. s2 in [s1 + 30, s1 + 90] with s2 >= 08:30 and s1 <= 08:30 on a 30-minute grid:
  //   s1 07:00 -> 08:30; 07:30 -> 08:30, 09:00; 08:00 -> 08:30, 09:00, 09:30; 08:30 -> 09:00, 09:30, 10:00 = 9 loops.
  model.settings.loop_stages = {{"intro", 30, {"ken@x"}, 1, 0}, {"tech", 30, {"anna@x"}, 1, 60}};
  SolveSuggestions(model, Tuesday(), Zones());
  REQUIRE(model.suggestions.size() == 9);
  CHECK(model.suggestions[0].stages.size() == 2);
  CHECK(model.suggestions[0].stages[0].when.start == At("2026-12-01T07:00:00Z"));
  CHECK(model.suggestions[0].stages[1].when.start == At("2026-12-01T08:30:00Z"));
  CHECK(model.suggestions[8].stages[0].when.start == At("2026-12-01T08:30:00Z"));
  CHECK(model.suggestions[8].stages[1].when.start == At("2026-12-01T10:00:00Z"));
  CHECK(model.suggestions[8].participants == std::vector<std::string>{"ken@x", "anna@x"});
  model.selected = At("2026-12-01T07:00:00Z");
  ExplainSelected(model, Zones());
  CHECK(model.explanation.available);
}

TEST_CASE("WidgetSolve: the candidate's own times — suggestions only inside them, others explained as outside them") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kGoogleMeet;
  model.interview.candidate = {{"name", "Jamie Doe"}, {"email", "jamie@candidate.example"}};
  // Anna and Ken share 08:30–09:00Z on Tuesday. The candidate offers 09:00–10:00Z: nothing fits.
  model.candidate_offer = CandidateOffer{{{At("2026-12-01T09:00:00Z"), At("2026-12-01T10:00:00Z")}}, "", true};
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  CHECK(model.suggestions.empty());
  SelectTime(model, At("2026-12-01T08:30:00Z"), Zone("Europe/Berlin"));
  ExplainSelected(model, Zones());
  CHECK_FALSE(model.explanation.available);
  REQUIRE(model.explanation.reasons.size() == 1);
  CHECK(model.explanation.reasons[0].code == "outside_candidate_offer");
  CHECK(DescribeReason(model, model.explanation.reasons[0], Zone("Europe/Berlin")) == "Outside the times Jamie Doe sent.");
  model.locale = Locale::kDe;
  CHECK(DescribeReason(model, model.explanation.reasons[0], Zone("Europe/Berlin")) ==
        "Außerhalb der Zeiten, die Jamie Doe gesendet hat.");
  model.locale = Locale::kEn;
  // Offering 08:00–09:30Z covers the shared half hour: it is suggested and explains as possible.
  model.candidate_offer->periods = {{At("2026-12-01T08:00:00Z"), At("2026-12-01T09:30:00Z")}};
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  REQUIRE(model.suggestions.size() == 1);
  CHECK(model.suggestions[0].when.start == At("2026-12-01T08:30:00Z"));
  ExplainSelected(model, Zones());
  CHECK(model.explanation.available);
  // Only the part of the half hour inside the offer counts: 08:45–09:30Z leaves no whole half hour.
  model.candidate_offer->periods = {{At("2026-12-01T08:45:00Z"), At("2026-12-01T09:30:00Z")}};
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  CHECK(model.suggestions.empty());
  // The recruiter turns "only these times" off: the shared half hour is back.
  model.candidate_offer->only_these = false;
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 0);
  CHECK(model.suggestions.size() == 1);
  // Times wholly outside the solved days: said so, without asking the engine.
  model.candidate_offer = CandidateOffer{{{At("2026-12-20T09:00:00Z"), At("2026-12-20T10:00:00Z")}}, "", true};
  CHECK(SolveSuggestions(model, Tuesday(), Zones()) == 2);
  CHECK(model.solve_error == "None of the times Jamie Doe sent lies in the days shown.");
}
