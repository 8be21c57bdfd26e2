// Tests for wasm/widget_data: backend answers -> the widget's model.
#include <doctest/doctest.h>

#include "state/widget_booking.h"
#include "state/widget_data.h"
#include "state/widget_solve.h"
#include "slotwise/time_zone.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

TEST_CASE("WidgetData: the directory gives rows in kind order with two default interviewers, never the recruiter") {
  WidgetModel model;
  ApplyPageOptions(model, R"({"interview": {"organizer": "lena@x"}})");
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  REQUIRE(model.rows.size() == 7);  // 4 people, 2 rooms, 1 host
  CHECK(model.rows[0].sub == "lena@x");
  CHECK_FALSE(model.rows[0].included);  // recruiter
  CHECK(model.rows[1].included);        // anna
  CHECK(model.rows[2].included);        // ken
  CHECK_FALSE(model.rows[3].included);  // emily: only two by default
  CHECK(model.rows[4].kind == RowKind::kRoom);
  CHECK(model.rows[4].capacity == 4);
  CHECK(model.rows[6].kind == RowKind::kHost);
  CHECK(model.rows[6].host_provider == "zoom");
  CHECK(model.rows[6].name == "Lena Fischer");  // named after the owner
}

TEST_CASE("WidgetData: interviewers and observers named by the page are preselected in the page's order") {
  WidgetModel model;
  ApplyPageOptions(model, R"({"locale": "ja-JP", "timeZone": "Asia/Tokyo",
    "interview": {"interviewers": [{"sub": "emily@x"}, {"sub": "anna@x"}], "observers": [{"sub": "ken@x"}],
                  "candidate": {"name": "Jane", "email": "jane@example.com", "time_zone": "America/New_York"}}})");
  CHECK(model.locale == Locale::kJa);
  CHECK(model.viewport.viewer_zone == "Asia/Tokyo");
  CHECK(model.viewport.candidate_zone == "America/New_York");
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  CHECK(model.rows[0].sub == "emily@x");
  CHECK(model.rows[0].included);
  CHECK(model.rows[1].sub == "anna@x");
  CHECK(model.rows[2].sub == "lena@x");
  CHECK_FALSE(model.rows[2].included);
  CHECK(model.rows[3].sub == "ken@x");
  CHECK(model.rows[3].kind == RowKind::kObserver);
}

TEST_CASE("WidgetData: the page's interview loop turns the loop on with its stages and includes their interviewers") {
  WidgetModel model;
  ApplyPageOptions(model, R"({"interview": {"organizer": "lena@x", "interviewers": [{"sub": "anna@x"}],
    "loop": {"stages": [{"id": "tech", "duration_minutes": 60, "interviewers": [{"sub": "anna@x"}]},
                        {"id": "team", "duration_minutes": 30, "interviewers": [{"sub": "ken@x"}, {"sub": "emily@x"}],
                         "required": 2, "max_gap_minutes": 15}]}}})");
  CHECK(model.settings.loop);
  REQUIRE(model.settings.loop_stages.size() == 2);
  CHECK(model.settings.loop_stages[0].id == "tech");
  CHECK(model.settings.loop_stages[0].duration_minutes == 60);
  CHECK(model.settings.loop_stages[0].required == 1);        // default
  CHECK(model.settings.loop_stages[0].max_gap_minutes == 60);  // default (ignored for the first stage)
  CHECK(model.settings.loop_stages[1].pool == std::vector<std::string>{"ken@x", "emily@x"});
  CHECK(model.settings.loop_stages[1].required == 2);
  CHECK(model.settings.loop_stages[1].max_gap_minutes == 15);
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  int included = 0;
  for (const Row& row : model.rows) {
    if (row.kind == RowKind::kInterviewer && row.included) ++included;
  }
  CHECK(included == 3);  // anna, ken, emily: the stages' interviewers take part

  // Anything off and the loop is ignored: required above the pool, no interviewers, too long, six stages.
  for (const char* loop : {R"({"stages": [{"interviewers": [{"sub": "anna@x"}], "required": 2}]})",
                           R"({"stages": [{"duration_minutes": 30, "interviewers": []}]})",
                           R"({"stages": [{"duration_minutes": 481, "interviewers": [{"sub": "anna@x"}]}]})",
                           R"({"stages": [{"interviewers": [{"sub": "a@x"}]}, {"interviewers": [{"sub": "a@x"}]},
                                          {"interviewers": [{"sub": "a@x"}]}, {"interviewers": [{"sub": "a@x"}]},
                                          {"interviewers": [{"sub": "a@x"}]}, {"interviewers": [{"sub": "a@x"}]}]})",
                           R"({"stages": []})", R"("two stages")"}) {
    WidgetModel other;
    ApplyPageOptions(other, std::string(R"({"interview": {"loop": )") + loop + "}}");
    CHECK_MESSAGE(!other.settings.loop, loop);
    CHECK(other.settings.loop_stages.empty());
    CHECK(other.interview.interviewers.empty());
  }
}

TEST_CASE("WidgetData: a refused directory fails with the server's sentence") {
  WidgetModel model;
  ApplyDirectory(model, 403, R"({"error": {"code": "forbidden", "message": "the origin is not allowed"}})", 200, kRooms, 200, kHosts);
  CHECK(model.load == LoadState::kFailed);
  CHECK(model.error == "The server answered with status 403. the origin is not allowed");
  ApplyDirectory(model, 0, "", 0, "", 0, "");
  CHECK(model.error == "The Slotwise server could not be reached.");
}

TEST_CASE("WidgetData: the document request names every calendar and the chosen provider's host accounts") {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kZoom;
  const nlohmann::json request = nlohmann::json::parse(BuildDocumentRequest(model, {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")}));
  CHECK(request["participants"][0]["members"].size() == 4);
  CHECK(request["participants"][0]["required"] == 1);
  CHECK(request["rooms"]["members"].size() == 2);
  CHECK(request["conferencing"]["provider"] == "zoom");
  CHECK(request["conferencing"]["hosts"]["members"][0]["sub"] == "zoom:lena@x");
  CHECK(request["query_periods"][0]["start"] == "2026-11-30T23:00:00Z");
  model.settings.type = InterviewType::kTeams;  // no Teams host accounts: no conferencing
  CHECK_FALSE(nlohmann::json::parse(BuildDocumentRequest(model, {0, 60})).contains("conferencing"));
  model.booking.interview_id = "iv_1";
  model.booking.rescheduling = true;
  const nlohmann::json wrapped = nlohmann::json::parse(BuildDocumentRequest(model, {0, 60}));
  CHECK(wrapped["except_interview_id"] == "iv_1");
  CHECK(wrapped["query"].contains("participants"));
}

TEST_CASE("WidgetData: the document's calendars become busy events, working hours, host settings and policies") {
  WidgetModel model;
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  ApplySolveDocument(model, 200, kDocument);
  REQUIRE(model.load == LoadState::kLoaded);
  CHECK(model.now == At("2026-11-30T08:00:00Z"));
  REQUIRE(model.busy["anna@x"].size() == 2);
  CHECK(model.busy["anna@x"][1].status == BusyStatus::kTentative);
  CHECK(model.busy["ken@x"][0].status == BusyStatus::kOof);
  CHECK(model.busy["room-a"][0].status == BusyStatus::kBusy);  // no status: busy
  CHECK(model.working_hours.count("anna@x") == 1);
  CHECK(model.working_hours.count("lena@x") == 0);             // around the clock
  CHECK(model.settings.start_interval_minutes == 30);           // the tenant's policy
  CHECK(model.rows[6].host_settings["join_before_host"] == false);
  CHECK(model.loaded_providers == std::vector<std::string>{"zoom"});
  CHECK(NeededZones(model) == std::set<std::string>{"America/New_York", "Asia/Tokyo", "Europe/Berlin"});
}

TEST_CASE("WidgetData: a calendar whose free/busy is unknown is marked, with its reason, until a document knows it") {
  WidgetModel model;
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  nlohmann::json document = nlohmann::json::parse(kDocument);
  document["calendars"]["anna@x"]["free_busy"] = {{"status", "unknown"}, {"reason", "Anna does not share her calendar"}};
  ApplySolveDocument(model, 200, document.dump());
  REQUIRE(model.load == LoadState::kLoaded);
  REQUIRE(model.unknown_free_busy.count("anna@x") == 1);
  CHECK(model.unknown_free_busy["anna@x"] == "Anna does not share her calendar");
  CHECK(model.unknown_free_busy.count("ken@x") == 0);

  // The explanation's reason is worded in the viewer's language, naming the person and why.
  Reason reason;
  reason.code = "free_busy_unknown";
  reason.sub = "anna@x";
  reason.why = "Anna does not share her calendar";
  const std::string sentence = DescribeReason(model, reason, TimeZone::Utc());
  CHECK(sentence.find("could not be read") != std::string::npos);
  CHECK(sentence.find("Anna does not share her calendar") != std::string::npos);

  document["calendars"]["anna@x"]["free_busy"] = {{"status", "known"}};
  ApplySolveDocument(model, 200, document.dump());
  CHECK(model.unknown_free_busy.count("anna@x") == 0);
}

TEST_CASE("WidgetData: a document without now or calendars is refused with a sentence") {
  WidgetModel model;
  ApplySolveDocument(model, 200, R"({"query": {}, "calendars": {}})");
  CHECK(model.load == LoadState::kFailed);
  CHECK(model.error == "The server's availability document has no valid \"now\".");
  ApplySolveDocument(model, 200, "not json");
  CHECK(model.error == "The server's availability document is not readable.");
}

TEST_CASE("WidgetData: connections that need action become issues with their fix URL") {
  WidgetModel model;
  ApplyConnections(model, 200, R"({"connections": [
    {"provider": "google", "status": "connected"},
    {"provider": "zoom", "status": "reauth_needed", "fix_url": "/oauth/zoom/start?user=u"},
    {"provider": "microsoft", "status": "consent_required", "fix_url": "https://login.example/adminconsent"}]})");
  REQUIRE(model.connection_issues.size() == 2);
  CHECK(model.connection_issues[0].provider == "zoom");
  CHECK(model.connection_issues[0].fix_url == "/oauth/zoom/start?user=u");
  CHECK(model.connection_issues[1].status == "consent_required");
}

TEST_CASE("WidgetData: an existing interview preselects its people and type and switches to rescheduling") {
  WidgetModel model;
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  CHECK(ApplyExistingInterview(model, 200, R"({"id": "iv_7", "status": "confirmed", "title": "Interview: Jane",
      "organizer": "lena@x", "start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:15:00Z",
      "interviewers": [{"sub": "emily@x"}], "observers": [], "room": null,
      "conferencing": {"provider": "zoom", "host": "zoom:lena@x"},
      "buffer": {"before": {"minutes": 5}, "after": {"minutes": 10}}})"));
  CHECK(model.booking.rescheduling);
  CHECK(model.booking.interview_id == "iv_7");
  CHECK(model.settings.duration_minutes == 45);
  CHECK(model.settings.type == InterviewType::kZoom);
  CHECK(model.settings.host == "zoom:lena@x");
  CHECK(model.settings.buffer_after_minutes == 10);
  CHECK(model.rows[3].included);       // emily
  CHECK_FALSE(model.rows[1].included); // anna
  CHECK_FALSE(ApplyExistingInterview(model, 404, "{}"));
}

TEST_CASE("WidgetData: an interview's external changes are read with who changed; the most severe is resolved first") {
  WidgetModel model;
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  REQUIRE(ApplyExistingInterview(model, 200, R"({"id": "iv_8", "status": "confirmed", "title": "Interview: Jane",
      "organizer": "lena@x", "start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:15:00Z",
      "interviewers": [{"sub": "emily@x"}, {"sub": "anna@x"}], "observers": [], "room": null,
      "conferencing": {"provider": "none"}, "buffer": {"before": {"minutes": 0}, "after": {"minutes": 0}},
      "tracking": [{"object": "event", "state": "attendees_changed", "detail": "the attendees were changed",
                    "expected_start": "2026-12-01T08:30:00Z", "expected_end": "2026-12-01T09:15:00Z",
                    "observed_start": "2026-12-01T08:30:00Z", "observed_end": "2026-12-01T09:15:00Z",
                    "attendees": {"removed": ["anna@x"], "added": ["zoe@y"], "declined": ["emily@x"]}},
                   {"object": "meeting", "state": "as_booked", "detail": "", "attendees": null,
                    "expected_start": "2026-12-01T08:30:00Z", "expected_end": "2026-12-01T09:15:00Z"}]})"));
  REQUIRE(model.booking.external_changes.size() == 1);
  const ExternalChange& change = model.booking.external_changes[0];
  CHECK(change.state == "attendees_changed");
  CHECK(change.removed == std::vector<std::string>{"anna@x"});
  CHECK(change.added == std::vector<std::string>{"zoe@y"});
  CHECK(change.declined == std::vector<std::string>{"emily@x"});
  CHECK(MostSevereExternalChange(model.booking) == &change);
  CHECK(model.rows[1].included);  // anna, as booked
  // Accepting the change answers the interview with the event's people: the rows follow.
  SelectInterviewPeople(model, R"({"id": "iv_8", "interviewers": [{"sub": "emily@x"}, {"sub": "zoe@y"}], "observers": []})");
  CHECK_FALSE(model.rows[1].included);  // anna, removed in the calendar
  CHECK(model.rows[3].included);        // emily
  SelectInterviewPeople(model, "not an interview");
  CHECK(model.rows[3].included);

  ExternalChange moved;
  moved.object = "meeting";
  moved.state = "moved_externally";
  model.booking.external_changes.push_back(moved);
  CHECK(MostSevereExternalChange(model.booking)->state == "moved_externally");
  CHECK(ExternalChangeSeverity("deleted_externally") > ExternalChangeSeverity("moved_externally"));
  CHECK(ExternalChangeSeverity("room_declined") > ExternalChangeSeverity("attendees_changed"));
  CHECK(ExternalChangeSeverity("as_booked") == 0);
}

TEST_CASE("WidgetData: the connection list is asked for the organiser, percent-encoded; none without an organiser") {
  WidgetModel model;
  CHECK(ConnectionsUrl(model).empty());
  ApplyPageOptions(model, R"({"interview": {"organizer": "lena.fischer+hr@kumo.example"}})");
  CHECK(ConnectionsUrl(model) == "/v1/connections?user=lena.fischer%2Bhr%40kumo.example");
}

TEST_CASE("WidgetData: the page's theme picks the palette and the brand colour of the main action") {
  const auto palette = [](std::string_view options) {
    const PageAppearance theme = AppearanceOfPageOptions(options);
    return PaletteFor(theme.theme, theme.accent);
  };
  CHECK(AppearanceOfPageOptions("{}").theme == Theme::kLight);
  CHECK(AppearanceOfPageOptions("not json").theme == Theme::kLight);
  CHECK(AppearanceOfPageOptions(R"({"theme": {"scheme": "dark"}})").theme == Theme::kDark);
  CHECK(palette(R"({"theme": {"scheme": "dark"}})").window.r == PaletteOf(Theme::kDark).window.r);
  CHECK(palette(R"({"theme": {"scheme": "high-contrast-dark"}})").selection_edge.b == 0);  // yellow
  const Palette branded = palette(R"({"theme": {"scheme": "light", "accent": "#14287a"}})");
  CHECK((branded.primary_button.r == 0x14 && branded.primary_button.g == 0x28 && branded.primary_button.b == 0x7a));
  CHECK(AppearanceOfPageOptions(R"({"reducedMotion": true})").reduced_motion);
  CHECK_FALSE(AppearanceOfPageOptions(R"({"reducedMotion": "yes"})").reduced_motion);
  CHECK_FALSE(AppearanceOfPageOptions("{}").reduced_motion);
  CHECK_FALSE(AppearanceOfPageOptions(R"x({"theme": {"accent": "javascript:alert(1)"}})x").accent.has_value());
}

TEST_CASE("WidgetData: a proposal the candidate declined with their own times gives the widget those times") {
  WidgetModel model;
  ApplyPageOptions(model, R"({"interview": {"proposal_id": "prp_abc", "candidate": {"name": "Jamie Doe"}}})");
  CHECK(model.interview.proposal_id == "prp_abc");
  // Sorted and merged; the note kept.
  CHECK(ApplyProposalAnswer(model, 200, R"({"proposal_id": "prp_abc", "status": "declined",
      "candidate_availability": [{"start": "2026-12-03T13:00:00Z", "end": "2026-12-03T16:00:00Z"},
                                 {"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T10:00:00Z"},
                                 {"start": "2026-12-02T09:30:00Z", "end": "2026-12-02T11:00:00Z"}],
      "candidate_message": "Mornings are best."})"));
  REQUIRE(model.candidate_offer);
  CHECK(model.candidate_offer->only_these);
  CHECK(model.candidate_offer->note == "Mornings are best.");
  REQUIRE(model.candidate_offer->periods.size() == 2);
  CHECK(model.candidate_offer->periods[0] == Interval{At("2026-12-02T08:00:00Z"), At("2026-12-02T11:00:00Z")});
  CHECK(model.candidate_offer->periods[1] == Interval{At("2026-12-03T13:00:00Z"), At("2026-12-03T16:00:00Z")});
  // An open proposal (no times of the candidate's own), a failure or garbage: no offer.
  WidgetModel other;
  CHECK_FALSE(ApplyProposalAnswer(other, 200, R"({"proposal_id": "prp_abc", "status": "open", "options": []})"));
  CHECK_FALSE(ApplyProposalAnswer(other, 404, R"({"error": {"code": "not_found"}})"));
  CHECK_FALSE(ApplyProposalAnswer(other, 200, "not json"));
  CHECK_FALSE(ApplyProposalAnswer(other, 200, R"({"candidate_availability": [{"start": "x", "end": "y"}]})"));
  CHECK_FALSE(other.candidate_offer);
}
