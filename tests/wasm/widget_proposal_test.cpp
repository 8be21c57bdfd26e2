// Tests for wasm/widget_proposal: "Propose times" — choosing 2–5 suggestions, the request, the server's answers.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "state/widget_keyboard.h"
#include "state/widget_live.h"
#include "state/widget_proposal.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;
using nlohmann::json;

namespace {

// Anna alone (Ken left out) on Tuesday: 30-minute interviews every half hour 08:30–15:30Z (15 suggestions); the
// candidate is in New York and reads German.
WidgetModel ProposableModel(InterviewType type = InterviewType::kGoogleMeet) {
  WidgetModel model = LoadedModel();
  model.settings.type = type;
  model.interview.title = "Interview: Jana Müller";
  model.interview.candidate = json{{"id", "c-1"}, {"name", "Jana Müller"}, {"email", "jana@example.com"},
                                   {"time_zone", "America/New_York"}, {"locale", "de"}};
  for (Row& row : model.rows) {
    if (row.sub == "ken@x") row.included = false;
  }
  REQUIRE(SolveSuggestions(model, Tuesday(), slotwise::testing::SystemZones()) == 0);
  REQUIRE(model.suggestions.size() == 15);
  return model;
}

}  // namespace

TEST_CASE("WidgetProposal: proposing needs the candidate's e-mail, zone and locale, and two suggestions") {
  WidgetModel model = ProposableModel();
  CHECK(ProposalBlockOf(model) == ProposalBlock::kNone);
  model.interview.candidate.erase("time_zone");
  CHECK(ProposalBlockOf(model) == ProposalBlock::kNoCandidate);
  CHECK_FALSE(StartProposal(model));
  CHECK(model.proposal.phase == ProposalPhase::kIdle);

  model = ProposableModel();
  model.suggestions.resize(1);
  CHECK(ProposalBlockOf(model) == ProposalBlock::kTooFewSuggestions);
  model = ProposableModel();
  model.settings.loop = true;
  CHECK(ProposalBlockOf(model) == ProposalBlock::kLoop);
  model = ProposableModel();
  model.booking.rescheduling = true;
  CHECK(ProposalBlockOf(model) == ProposalBlock::kRescheduling);
}

TEST_CASE("WidgetProposal: starting ticks the first three suggestions; ticks stay between 2 and 5 to submit") {
  WidgetModel model = ProposableModel();
  REQUIRE(StartProposal(model));
  CHECK(model.proposal.phase == ProposalPhase::kChoosing);
  CHECK(model.proposal.chosen == std::vector<Instant>{At("2026-12-01T08:30:00Z"), At("2026-12-01T09:00:00Z"), At("2026-12-01T09:30:00Z")});
  CHECK(CanSubmitProposal(model));
  // Untick two: one left is too few.
  CHECK(ToggleProposalOption(model, At("2026-12-01T09:00:00Z")));
  CHECK(ToggleProposalOption(model, At("2026-12-01T08:30:00Z")));
  CHECK_FALSE(CanSubmitProposal(model));
  CHECK(BuildProposalRequest(model).empty());
  // Tick up to five, kept in time order; a sixth is refused, and so is a start that is not a suggestion.
  for (const char* t : {"2026-12-01T15:30:00Z", "2026-12-01T12:00:00Z", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"}) {
    CHECK(ToggleProposalOption(model, At(t)));
  }
  CHECK(model.proposal.chosen.size() == 5);
  CHECK(std::is_sorted(model.proposal.chosen.begin(), model.proposal.chosen.end()));
  CHECK_FALSE(ToggleProposalOption(model, At("2026-12-01T13:00:00Z")));
  CHECK(ToggleProposalOption(model, At("2026-12-01T11:00:00Z")));
  CHECK_FALSE(ToggleProposalOption(model, At("2026-12-01T16:00:00Z")));  // after Anna's day: not suggested
  CHECK(IsProposalChosen(model, At("2026-12-01T15:30:00Z")));
  CHECK(CanSubmitProposal(model));
}

TEST_CASE("WidgetProposal: the request is the booking body without start/end, plus the chosen options") {
  WidgetModel model = ProposableModel();
  REQUIRE(StartProposal(model));
  const json body = json::parse(BuildProposalRequest(model));
  CHECK_FALSE(body.contains("start"));
  CHECK_FALSE(body.contains("end"));
  CHECK(body["title"] == "Interview: Jana Müller");
  CHECK(body["organizer"] == "lena@x");
  CHECK(body["interviewers"] == json::parse(R"([{"sub": "anna@x"}])"));
  CHECK(body["conferencing"] == json::parse(R"({"provider": "google_meet"})"));
  CHECK(body["candidate"]["time_zone"] == "America/New_York");
  CHECK(body["candidate"]["locale"] == "de");
  CHECK(body["query"]["time_zone"] == "Europe/Berlin");
  CHECK(body["options"] == json::parse(R"([{"start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:00:00Z"},
                                            {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T09:30:00Z"},
                                            {"start": "2026-12-01T09:30:00Z", "end": "2026-12-01T10:00:00Z"}])"));
}

TEST_CASE("WidgetProposal: on site, the room is one every chosen time can use") {
  WidgetModel model = ProposableModel(InterviewType::kOnSite);
  REQUIRE(StartProposal(model));  // 08:30 (room-a busy 08:30–09:00Z: only room-b), 09:00, 09:30 (both rooms)
  const json body = json::parse(BuildProposalRequest(model));
  CHECK(body["room"] == json::parse(R"({"sub": "room-b"})"));
  CHECK(body["conferencing"] == json::parse(R"({"provider": "none"})"));
}

TEST_CASE("WidgetProposal: 201 shows the candidate link and the options; a changed choice is a new request") {
  WidgetModel model = ProposableModel();
  REQUIRE(StartProposal(model));
  StartProposalSubmit(model, "key-1");
  CHECK(model.proposal.phase == ProposalPhase::kSubmitting);
  CHECK_FALSE(ToggleProposalOption(model, At("2026-12-01T12:00:00Z")));  // not while submitting
  ApplyProposalResponse(model, 201, R"({"proposal_id": "pr_1", "status": "open",
      "candidate_url": "http://127.0.0.1:8080/candidate/#p=abc", "expires_at": "2026-12-08T08:00:00Z",
      "options": [{"start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:00:00Z", "available": true},
                  {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T09:30:00Z", "available": false}]})");
  CHECK(model.proposal.phase == ProposalPhase::kCreated);
  CHECK(model.proposal.proposal_id == "pr_1");
  CHECK(model.proposal.candidate_url == "http://127.0.0.1:8080/candidate/#p=abc");
  REQUIRE(model.proposal.options.size() == 2);
  CHECK(model.proposal.options[0].available);
  CHECK_FALSE(model.proposal.options[1].available);
  CloseProposal(model);
  CHECK(model.proposal.phase == ProposalPhase::kIdle);
  CHECK(model.proposal.candidate_url.empty());
}

TEST_CASE("WidgetProposal: a network failure keeps the key for the retry; a refusal says why and needs a new body") {
  WidgetModel model = ProposableModel();
  REQUIRE(StartProposal(model));
  StartProposalSubmit(model, "key-1");
  ApplyProposalResponse(model, 0, "");
  CHECK(model.proposal.phase == ProposalPhase::kFailed);
  CHECK(model.proposal.error_code == "network");
  CHECK(model.proposal.retry_same_key);
  CHECK(model.proposal.idempotency_key == "key-1");
  BackToChoosing(model);
  CHECK(model.proposal.phase == ProposalPhase::kChoosing);
  CHECK(model.proposal.chosen.size() == 3);

  StartProposalSubmit(model, "key-1");
  ApplyProposalResponse(model, 422, R"({"error": {"code": "invalid_request", "field": "candidate.email", "message": "candidate.email is required"}})");
  CHECK(model.proposal.phase == ProposalPhase::kFailed);
  CHECK(model.proposal.error_code == "invalid_request");
  CHECK(model.proposal.message.find("candidate.email is required") != std::string::npos);
  CHECK_FALSE(model.proposal.retry_same_key);
  // A 201 without a link is not a success.
  BackToChoosing(model);
  StartProposalSubmit(model, "key-2");
  ApplyProposalResponse(model, 201, R"({"proposal_id": "pr_2"})");
  CHECK(model.proposal.phase == ProposalPhase::kFailed);
}

TEST_CASE("WidgetProposal: after a re-solve, ticks that are no longer suggested are dropped") {
  WidgetModel model = ProposableModel();
  REQUIRE(StartProposal(model));
  CHECK(ToggleProposalOption(model, At("2026-12-01T15:30:00Z")));
  model.proposal.idempotency_key = "key-1";
  model.settings.duration_minutes = 60;  // 15:30 + 60 min ends after Anna's day
  REQUIRE(SolveSuggestions(model, Tuesday(), slotwise::testing::SystemZones()) == 0);
  SyncProposalChoices(model);
  CHECK_FALSE(IsProposalChosen(model, At("2026-12-01T15:30:00Z")));
  CHECK(model.proposal.chosen.size() == 3);
  CHECK(model.proposal.idempotency_key.empty());
}

TEST_CASE("WidgetKeyboard: P opens the proposal and ticks the selected suggestion, Enter sends it, live text says so") {
  WidgetModel model = ProposableModel();
  const TimeZone& berlin = Zone("Europe/Berlin");
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kProposalChanged);
  CHECK(model.proposal.phase == ProposalPhase::kChoosing);
  CHECK(model.proposal.chosen.size() == 3);                        // 08:30, 09:00, 09:30 (the first three)
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kSubmitProposal);  // not kBook while choosing

  // J selects the first suggestion (08:30, ticked); P unticks it, and again P ticks it.
  HandleKey(model, Key::kNextSuggestion, berlin);
  REQUIRE(model.selected == At("2026-12-01T08:30:00Z"));
  CHECK(LiveSummary(model, berlin, nullptr).find("Proposing times: 3 of 2 to 5 ticked. This time is ticked for the proposal") !=
        std::string::npos);
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kProposalChanged);
  CHECK_FALSE(IsProposalChosen(model, At("2026-12-01T08:30:00Z")));
  CHECK(LiveSummary(model, berlin, nullptr).find("Proposing times: 2 of 2 to 5 ticked. This time is not ticked") != std::string::npos);
  // J, J, J: 10:00 is the fourth suggestion, not ticked; P ticks it.
  for (int i = 0; i < 3; ++i) HandleKey(model, Key::kNextSuggestion, berlin);
  REQUIRE(model.selected == At("2026-12-01T10:00:00Z"));
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kProposalChanged);
  CHECK(model.proposal.chosen == std::vector<Instant>{At("2026-12-01T09:00:00Z"), At("2026-12-01T09:30:00Z"), At("2026-12-01T10:00:00Z")});

  // Down to one tick: Enter sends nothing. A time that is no suggestion cannot be ticked.
  HandleKey(model, Key::kPropose, berlin);                          // 10:00 off
  HandleKey(model, Key::kPreviousSuggestion, berlin);               // 09:30
  HandleKey(model, Key::kPropose, berlin);                          // 09:30 off
  CHECK(model.proposal.chosen.size() == 1);
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kNone);
  model.selected = At("2026-12-01T16:00:00Z");                      // after Anna's day: no suggestion
  model.suggestion_cursor = -1;
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kNone);
  CHECK(model.proposal.chosen.size() == 1);

  // While the proposal is being sent, neither P nor Enter does anything (no booking either).
  HandleKey(model, Key::kNextSuggestion, berlin);                   // 08:30 again
  HandleKey(model, Key::kPropose, berlin);                          // ticked: 08:30 and 09:00
  REQUIRE(CanSubmitProposal(model));
  StartProposalSubmit(model, "key-1");
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kNone);
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kNone);
  // Once closed, Enter books the selected time again.
  CloseProposal(model);
  ExplainSelected(model, slotwise::testing::SystemZones());
  CHECK(HandleKey(model, Key::kEnter, berlin) == KeyCommand::kBook);
}

TEST_CASE("WidgetKeyboard: P does nothing when proposing is blocked (a loop, or no candidate details)") {
  const TimeZone& berlin = Zone("Europe/Berlin");
  WidgetModel model = ProposableModel();
  model.settings.loop = true;
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kNone);
  CHECK(model.proposal.phase == ProposalPhase::kIdle);
  model = ProposableModel();
  model.interview.candidate.erase("email");
  CHECK(HandleKey(model, Key::kPropose, berlin) == KeyCommand::kNone);
  CHECK(model.proposal.phase == ProposalPhase::kIdle);
}

TEST_CASE("WidgetProposal: the times ticked at the start do not overlap each other") {
  WidgetModel model = ProposableModel();
  model.settings.duration_minutes = 90;  // suggestions every 30 minutes now overlap their neighbours
  REQUIRE(SolveSuggestions(model, Tuesday(), slotwise::testing::SystemZones()) == 0);
  REQUIRE(model.suggestions.size() >= 3);
  REQUIRE(model.suggestions[1].when.start < model.suggestions[0].when.end);  // the first two overlap
  REQUIRE(StartProposal(model));
  REQUIRE(model.proposal.chosen.size() >= 2);
  for (std::size_t i = 1; i < model.proposal.chosen.size(); ++i) {
    CHECK(model.proposal.chosen[i] - model.proposal.chosen[i - 1] >= 90 * 60);
  }
}

TEST_CASE("WidgetProposal: the sent proposal is watched for the candidate's answer, also after its panel is closed") {
  WidgetModel model = ProposableModel();
  CHECK(WatchedProposalId(model).empty());  // nothing sent
  REQUIRE(StartProposal(model));
  StartProposalSubmit(model, "key-1");
  ApplyProposalResponse(model, 201, R"({"proposal_id": "prp_1", "status": "open",
      "candidate_url": "http://127.0.0.1:8080/candidate/#p=abc", "expires_at": "2026-12-08T08:00:00Z",
      "options": [{"start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:00:00Z", "available": true}]})");
  CHECK(WatchedProposalId(model) == "prp_1");
  CloseProposal(model);
  CHECK(WatchedProposalId(model) == "prp_1");
  const TimeZone& berlin = *slotwise::testing::SystemZones().Find("Europe/Berlin");

  // Still open: nothing new. Another proposal's answer, or a failed read, changes nothing either.
  CHECK(ApplySentProposalAnswer(model, 200, R"({"proposal_id": "prp_1", "status": "open"})") == ProposalAnswer::kNone);
  CHECK(ApplySentProposalAnswer(model, 200, R"({"proposal_id": "prp_2", "status": "picked"})") == ProposalAnswer::kNone);
  CHECK(ApplySentProposalAnswer(model, 503, "") == ProposalAnswer::kNone);
  CHECK(DescribeProposalAnswer(model, berlin).empty());

  // Declined with own times: a row for them, said once — and again when the candidate changes them.
  const std::string declined = R"({"proposal_id": "prp_1", "status": "declined", "candidate_message": "Mornings, please",
      "candidate_availability": [{"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T11:00:00Z"}]})";
  CHECK(ApplySentProposalAnswer(model, 200, declined) == ProposalAnswer::kDeclined);
  REQUIRE(model.candidate_offer);
  CHECK(model.candidate_offer->note == "Mornings, please");
  CHECK(ApplySentProposalAnswer(model, 200, declined) == ProposalAnswer::kNone);
  CHECK(DescribeProposalAnswer(model, berlin) ==
        "None of the times suits Jana Müller: they sent their own, shown as the row under the suggestions.");
  CHECK(ApplySentProposalAnswer(model, 200, R"({"proposal_id": "prp_1", "status": "declined",
      "candidate_availability": [{"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T11:00:00Z"},
                                 {"start": "2026-12-03T08:00:00Z", "end": "2026-12-03T11:00:00Z"}]})") == ProposalAnswer::kDeclined);
  CHECK(WatchedProposalId(model) == "prp_1");  // a declined proposal can still be picked

  // Picked: said with the time, and the watch ends.
  CHECK(ApplySentProposalAnswer(model, 200, R"({"proposal_id": "prp_1", "status": "picked", "interview_id": "int_1",
      "picked": {"start": "2026-12-01T08:30:00Z"}})") == ProposalAnswer::kPicked);
  CHECK(model.sent_proposal.picked_start == At("2026-12-01T08:30:00Z"));
  CHECK(DescribeProposalAnswer(model, berlin) == "Jana Müller picked Tue, Dec 1, 9:30 AM.");
  CHECK(WatchedProposalId(model).empty());
  const std::string live = LiveSummary(model, berlin, nullptr);
  CHECK(live.find("Jana Müller picked Tue, Dec 1, 9:30 AM.") != std::string::npos);
  model.locale = Locale::kDe;
  CHECK(DescribeProposalAnswer(model, berlin) == "Jana Müller hat Di., 1. Dez., 09:30 gewählt.");
}

TEST_CASE("WidgetProposal: an expired proposal ends the watch") {
  WidgetModel model = ProposableModel();
  model.sent_proposal = SentProposal{"prp_9", "", 0, 0};
  CHECK(ApplySentProposalAnswer(model, 200, R"({"proposal_id": "prp_9", "status": "expired"})") == ProposalAnswer::kExpired);
  CHECK(WatchedProposalId(model).empty());
  model.locale = Locale::kEn;
  CHECK(DescribeProposalAnswer(model, *slotwise::testing::SystemZones().Find("UTC")) ==
        "The times proposed to Jana Müller expired without an answer.");
}
