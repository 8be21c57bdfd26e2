// Tests for wasm/widget_loop_booking: an interview loop booked stage by stage, all or nothing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "state/widget_loop_booking.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;
using nlohmann::json;
using Kind = LoopRequest::Kind;

namespace {

// The two-stage loop of widget_solve_test (intro by Ken, then tech by Anna), the 07:00Z loop selected.
WidgetModel LoopModel() {
  WidgetModel model = LoadedModel();
  model.settings.type = InterviewType::kOnSite;
  model.settings.loop = true;
  model.settings.loop_stages = {{"intro", 30, {"ken@x"}, 1, 0}, {"tech", 30, {"anna@x"}, 1, 60}};
  model.interview.title = "Interview: Jane";
  model.interview.candidate = json{{"name", "Jane"}, {"email", "jane@example.com"}, {"time_zone", "America/New_York"}, {"locale", "en"}};
  auto& zones = slotwise::testing::SystemZones();
  REQUIRE(SolveSuggestions(model, {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")}, zones) == 0);
  model.selected = At("2026-12-01T07:00:00Z");
  ExplainSelected(model, zones);
  REQUIRE(model.explanation.available);
  REQUIRE(model.explanation.slot->stages.size() == 2);
  return model;
}

// Sends what the state machine asks for and answers it with `status` / `body`.
LoopRequest Answer(WidgetModel& model, Kind expected, int status, const std::string& body) {
  const LoopRequest request = NextLoopRequest(model);
  REQUIRE(request.kind == expected);
  MarkLoopRequestSent(model, request);
  CHECK(NextLoopRequest(model).kind == Kind::kNone);  // one request at a time
  ApplyLoopAnswer(model, request, status, body);
  return request;
}

}  // namespace

TEST_CASE("WidgetLoopBooking: one POST per stage, in order, each with its own key and the stage's people and room") {
  WidgetModel model = LoopModel();
  REQUIRE(CanBookLoop(model));
  CHECK_FALSE(StartLoopBooking(model, {"k1"}));  // one key per stage
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  CHECK_FALSE(CanBookLoop(model));
  const LoopRequest first = NextLoopRequest(model);
  REQUIRE(first.kind == Kind::kSubmit);
  CHECK(first.stage == 0);
  CHECK(first.method == "POST");
  CHECK(first.url == "/v1/interviews");
  CHECK(first.idempotency_key == "k1");
  const json body = json::parse(first.body);
  CHECK(body["title"] == "Interview: Jane (1/2: intro)");
  CHECK(body["start"] == "2026-12-01T07:00:00Z");
  CHECK(body["end"] == "2026-12-01T07:30:00Z");
  CHECK(body["interviewers"] == json::parse(R"([{"sub": "ken@x"}])"));
  CHECK(body["conferencing"] == json::parse(R"({"provider": "none"})"));
  CHECK(body["room"].is_object());
  CHECK(body["candidate"]["email"] == "jane@example.com");
  MarkLoopRequestSent(model, first);
  ApplyLoopAnswer(model, first, 201, R"({"id": "iv_1", "status": "pending"})");
  const LoopRequest second = NextLoopRequest(model);
  REQUIRE(second.kind == Kind::kSubmit);
  CHECK(second.idempotency_key == "k2");
  CHECK(json::parse(second.body)["interviewers"] == json::parse(R"([{"sub": "anna@x"}])"));
  CHECK(json::parse(second.body)["start"] == "2026-12-01T08:30:00Z");
}

TEST_CASE("WidgetLoopBooking: every stage accepted, then polled until confirmed: the loop is booked") {
  WidgetModel model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_1", "status": "pending"})");
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_2", "status": "pending"})");
  const LoopRequest poll = NextLoopRequest(model);
  REQUIRE(poll.kind == Kind::kPoll);
  CHECK(poll.url == "/v1/interviews/iv_1");
  CHECK(poll.delay_ms == 300);
  Answer(model, Kind::kPoll, 200, R"({"id": "iv_1", "status": "confirmed"})");
  Answer(model, Kind::kPoll, 503, "");  // a failed poll is not a failed booking
  CHECK(NextLoopRequest(model).delay_ms == 600);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kBooking);
  Answer(model, Kind::kPoll, 200, R"({"id": "iv_2", "status": "confirmed"})");
  CHECK(model.loop_booking.phase == LoopBookingPhase::kConfirmed);
  CHECK(NextLoopRequest(model).kind == Kind::kNone);
  DismissLoopBooking(model);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kIdle);
}

TEST_CASE("WidgetLoopBooking: a later stage refused cancels the earlier ones; nothing is left behind") {
  WidgetModel model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_1", "status": "pending"})");
  Answer(model, Kind::kSubmit, 409, R"({"error": {"code": "slot_taken", "message": "Anna is already booked."}})");
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRollingBack);
  CHECK(model.loop_booking.failed_stage == 1);
  CHECK(model.loop_booking.stages[1].state == StageState::kRefused);
  CHECK(model.loop_booking.stages[1].error_code == "slot_taken");
  CHECK(model.loop_booking.stages[1].message == "Anna is already booked.");
  const LoopRequest cancel = Answer(model, Kind::kCancel, 204, "");
  CHECK(cancel.method == "DELETE");
  CHECK(cancel.url == "/v1/interviews/iv_1");
  CHECK(model.loop_booking.stages[0].state == StageState::kCancelled);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRolledBack);
}

TEST_CASE("WidgetLoopBooking: a stage that ends failed while polling rolls back the others, skipping unsent ones") {
  WidgetModel model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_1", "status": "pending"})");
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_2", "status": "pending"})");
  Answer(model, Kind::kPoll, 200, R"({"id": "iv_1", "status": "failed", "failure_reason": "calendar refused the event"})");
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRollingBack);
  CHECK(model.loop_booking.stages[0].state == StageState::kFailed);
  CHECK(model.loop_booking.stages[0].message == "calendar refused the event");
  const LoopRequest cancel = Answer(model, Kind::kCancel, 409, R"({"error": {"code": "interview_not_active"}})");
  CHECK(cancel.url == "/v1/interviews/iv_2");
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRolledBack);
}

TEST_CASE("WidgetLoopBooking: a first stage refused sends nothing else; a failed DELETE is reported, not hidden") {
  WidgetModel model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  Answer(model, Kind::kSubmit, 422, R"({"error": {"code": "booking_invalid", "message": "outside working hours"}})");
  CHECK(model.loop_booking.stages[1].state == StageState::kSkipped);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRolledBack);
  CHECK(NextLoopRequest(model).kind == Kind::kNone);

  model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  Answer(model, Kind::kSubmit, 201, R"({"id": "iv_1", "status": "confirmed"})");
  Answer(model, Kind::kSubmit, 409, R"({"error": {"code": "slot_taken"}})");
  Answer(model, Kind::kCancel, 0, "");
  CHECK(model.loop_booking.stages[0].state == StageState::kCancelFailed);
  CHECK(model.loop_booking.stages[0].error_code == "network");
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRollbackIncomplete);
}

TEST_CASE("WidgetLoopBooking: a POST lost on the network is resent with the same key and body, three times at most") {
  WidgetModel model = LoopModel();
  REQUIRE(StartLoopBooking(model, {"k1", "k2"}));
  const LoopRequest first = Answer(model, Kind::kSubmit, 0, "");
  const LoopRequest again = Answer(model, Kind::kSubmit, 0, "");
  CHECK(again.idempotency_key == first.idempotency_key);
  CHECK(again.body == first.body);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kBooking);
  Answer(model, Kind::kSubmit, 0, "");
  CHECK(model.loop_booking.stages[0].state == StageState::kRefused);
  CHECK(model.loop_booking.phase == LoopBookingPhase::kRolledBack);
}
