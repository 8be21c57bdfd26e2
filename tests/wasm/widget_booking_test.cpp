// Tests for wasm/widget_booking and wasm/widget_live: the booking state machine, its bodies, and what is announced.
#include <doctest/doctest.h>

#include "state/widget_booking.h"
#include "state/widget_live.h"
#include "state/widget_request.h"
#include "state/widget_solve.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

namespace {
WidgetModel ModelWithPossibleTime(InterviewType type) {
  WidgetModel model = LoadedModel();
  model.interview.candidate = {{"name", "Jane Doe"}, {"email", "jane@example.com"}, {"time_zone", "America/New_York"}};
  model.viewport.candidate_zone = "America/New_York";
  model.settings.candidate_hours_required = false;  // 08:30Z is 03:30 in New York: the hours only rank here
  model.settings.type = type;
  model.selected = At("2026-12-01T08:30:00Z");
  ExplainSelected(model, slotwise::testing::SystemZones());
  return model;
}
constexpr const char* kPendingView = R"({"id": "iv_1", "status": "pending", "start": "2026-12-01T08:30:00Z",
  "end": "2026-12-01T09:00:00Z", "organizer": "lena@x", "conferencing": {"provider": "google_meet"}, "event": null})";
constexpr const char* kConfirmedView = R"({"id": "iv_1", "status": "confirmed", "start": "2026-12-01T08:30:00Z",
  "end": "2026-12-01T09:00:00Z", "organizer": "lena@x", "room": {"sub": "room-b"},
  "conferencing": {"provider": "zoom", "join_url": "https://zoom.example/j/1", "passcode": "482913", "meeting_id": "m1"},
  "event": {"id": "ev9", "calendar": "lena@x"}, "candidate": {"name": "Jane Doe", "email": "jane@example.com"}})";
}  // namespace

TEST_CASE("WidgetBooking: the request books exactly the explained slot with the page's candidate") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kOnSite);
  REQUIRE(CanBook(model));
  const nlohmann::json body = nlohmann::json::parse(BuildBookingRequest(model));
  CHECK(body["start"] == "2026-12-01T08:30:00Z");
  CHECK(body["end"] == "2026-12-01T09:00:00Z");
  CHECK(body["interviewers"] == nlohmann::json::parse(R"([{"sub": "anna@x"}, {"sub": "ken@x"}])"));
  CHECK(body["room"]["sub"] == "room-b");  // room-a is busy then
  CHECK(body["conferencing"]["provider"] == "none");
  CHECK(body["organizer"] == "lena@x");
  CHECK(body["title"] == "Interview: Jane Doe");
  CHECK(body["candidate"]["email"] == "jane@example.com");
  CHECK(body["query"]["start_interval"]["minutes"] == 30);
  CHECK(body["query"]["time_zone"] == "Europe/Berlin");
}

TEST_CASE("WidgetBooking: submit, pending, polls with backoff, confirmed with links and what was created") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  StartSubmit(model, "key-1");
  CHECK(model.booking.phase == BookingPhase::kSubmitting);
  CHECK_FALSE(CanBook(model));
  ApplySubmitResponse(model, 201, kPendingView);
  CHECK(model.booking.phase == BookingPhase::kPending);
  CHECK(model.booking.interview_id == "iv_1");
  CHECK(NextPollDelayMs(model) == 300);
  ApplyInterviewResponse(model, 200, kPendingView);
  CHECK(NextPollDelayMs(model) == 600);
  ApplyInterviewResponse(model, 503, "");  // a failed poll keeps polling
  CHECK(model.booking.phase == BookingPhase::kPending);
  CHECK(NextPollDelayMs(model) == 1200);
  ApplyInterviewResponse(model, 200, kPendingView);
  CHECK(NextPollDelayMs(model) == 2000);
  ApplyInterviewResponse(model, 200, kConfirmedView);
  CHECK(model.booking.phase == BookingPhase::kConfirmed);
  CHECK(NextPollDelayMs(model) == -1);
  CHECK(model.booking.join_url == "https://zoom.example/j/1");
  CHECK(model.booking.passcode == "482913");
  CHECK(model.booking.created == std::vector<std::string>{"meeting:m1", "event:lena@x", "room:room-b", "invite:jane@example.com"});
  CHECK_FALSE(CanBook(model));  // booked: reschedule or cancel from here
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), &Zone("America/New_York")).rfind(
            "Booked Tue, Dec 1, 9:30 AM–10:00 AM (Berlin) · Tue, Dec 1, 3:30 AM–4:00 AM (New York).", 0) == 0);
}

TEST_CASE("WidgetBooking: the interview just booked is never explained as a conflict with itself") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  CHECK_FALSE(SelectionIsTheBooking(model));  // nothing booked yet
  StartSubmit(model, "key-1");
  CHECK(SelectionIsTheBooking(model));
  ApplySubmitResponse(model, 201, kPendingView);
  ApplyInterviewResponse(model, 200, kConfirmedView);
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  CHECK(SelectionIsTheBooking(model));
  // After the booking the calendars show the interview as busy: the explanation of that time says "not possible".
  model.explanation.start = *model.selected;
  model.explanation.available = false;
  model.explanation.error = "Anna Schmidt is busy";
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), &Zone("America/New_York"));
  CHECK(live.find("Anna Schmidt is busy") == std::string::npos);  // the live region says "Booked …" only
  CHECK(live.rfind("Booked ", 0) == 0);
  // Another time, or another duration, is explained as usual.
  *model.selected += 1800;
  CHECK_FALSE(SelectionIsTheBooking(model));
  *model.selected -= 1800;
  model.settings.duration_minutes += 15;
  CHECK_FALSE(SelectionIsTheBooking(model));
}

TEST_CASE("WidgetBooking: the grid draws the interview just booked as itself in the rows taking part") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  const BusyEvent booked_event{{At("2026-12-01T08:30:00Z"), At("2026-12-01T09:00:00Z")}, BusyStatus::kBusy, true};
  Row anna;
  anna.sub = "anna@x";
  anna.included = true;
  CHECK_FALSE(IsTheBookingEvent(model, anna, booked_event));  // nothing booked yet: someone's busy time
  StartSubmit(model, "key-1");
  ApplySubmitResponse(model, 201, kPendingView);
  ApplyInterviewResponse(model, 200, kConfirmedView);
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  CHECK(IsTheBookingEvent(model, anna, booked_event));
  BusyEvent earlier = booked_event;
  earlier.when.start -= 1800;
  CHECK_FALSE(IsTheBookingEvent(model, anna, earlier));  // another event of Anna's
  Row bystander = anna;
  bystander.included = false;
  CHECK_FALSE(IsTheBookingEvent(model, bystander, booked_event));  // someone not in the interview, busy then
  StartCancel(model);
  ApplyCancelResponse(model, 204, "");
  REQUIRE(model.booking.phase == BookingPhase::kCancelled);
  CHECK_FALSE(IsTheBookingEvent(model, anna, booked_event));  // cancelled: what remains is someone's busy time
}

TEST_CASE("WidgetBooking: a taken slot and a refused booking show the server's code, sentence and violations") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  StartSubmit(model, "key-2");
  ApplySubmitResponse(model, 409, R"({"error": {"code": "slot_taken", "message": "another interview already holds anna@x at that time",
      "conflicts": [{"resource": "person:anna@x", "interview_id": "iv_0"}]}})");
  CHECK(model.booking.phase == BookingPhase::kFailed);
  CHECK(model.booking.error_code == "slot_taken");
  REQUIRE(model.booking.violations.size() == 1);
  CHECK(model.booking.violations[0].sub == "person:anna@x");
  DismissBookingResult(model);
  CHECK(model.booking.phase == BookingPhase::kIdle);
  StartSubmit(model, "key-3");
  ApplySubmitResponse(model, 422, R"({"error": {"code": "booking_invalid", "message": "x",
      "violations": [{"code": "outside_working_hours", "message": "ken@x is outside working hours", "sub": "ken@x"}]}})");
  CHECK(model.booking.error_code == "booking_invalid");
  CHECK(model.booking.violations[0].code == "outside_working_hours");
  StartSubmit(model, "key-4");
  ApplySubmitResponse(model, 0, "");
  CHECK(model.booking.error_code == "network");
}

TEST_CASE("WidgetBooking: reschedule sends only what moves; cancel ends cancelled") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  StartSubmit(model, "key-5");
  ApplySubmitResponse(model, 201, kConfirmedView);
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  StartReschedule(model);
  CHECK(model.booking.rescheduling);
  CHECK(CanBook(model));
  const nlohmann::json patch = nlohmann::json::parse(BuildBookingRequest(model));
  CHECK_FALSE(patch.contains("conferencing"));  // the type cannot change
  CHECK_FALSE(patch.contains("candidate"));
  CHECK(patch["start"] == "2026-12-01T08:30:00Z");
  StartCancel(model);
  CHECK(model.booking.phase == BookingPhase::kCancelling);
  ApplyCancelResponse(model, 409, R"({"error": {"code": "interview_not_active", "message": "already cancelled"}})");
  CHECK(model.booking.error_code == "interview_not_active");
  StartCancel(model);
  ApplyCancelResponse(model, 204, "");
  CHECK(model.booking.phase == BookingPhase::kCancelled);
  CHECK_FALSE(CanBook(model));
}

TEST_CASE("WidgetBooking: resolving an external change keeps the interview's time until the server answers") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  model.booking.interview_id = "iv_1";
  model.booking.rescheduling = true;
  model.booking.when = {At("2026-12-03T10:00:00Z"), At("2026-12-03T11:00:00Z")};
  ExternalChange moved;
  moved.object = "event";
  moved.state = "moved_externally";
  moved.detail = "moved";
  moved.booked = model.booking.when;
  moved.observed = Interval{At("2026-12-01T08:30:00Z"), At("2026-12-01T09:00:00Z")};
  model.booking.external_changes.push_back(moved);
  StartResolveExternalChange(model, "key-7");
  CHECK(model.booking.phase == BookingPhase::kSubmitting);
  CHECK(model.booking.idempotency_key == "key-7");
  CHECK(model.booking.when.start == At("2026-12-03T10:00:00Z"));  // not the slot selected in the grid
  // Refused (another interview holds the new time): the notice stays, with the server's reason.
  ApplyResolveExternalChangeResponse(model, 409, R"({"error": {"code": "slot_taken", "message": "held by iv_9",
    "conflicts": [{"resource": "anna@x", "interview_id": "iv_9"}]}})");
  CHECK(model.booking.phase == BookingPhase::kFailed);
  CHECK(model.booking.error_code == "slot_taken");
  CHECK(model.booking.external_changes.size() == 1);
  // Accepted: the notice goes, the interview is pending until the outbox confirms it at the new time.
  StartResolveExternalChange(model, "key-8");
  ApplyResolveExternalChangeResponse(model, 200, kPendingView);
  CHECK(model.booking.external_changes.empty());
  CHECK(model.booking.phase == BookingPhase::kPending);
  CHECK(model.booking.when.start == At("2026-12-01T08:30:00Z"));
  ApplyInterviewResponse(model, 200, kConfirmedView);
  CHECK(model.booking.phase == BookingPhase::kConfirmed);
}

TEST_CASE("WidgetBooking: cancelling asks first, takes a message, and can be undone until the DELETE goes out") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  StartSubmit(model, "key-6");
  ApplySubmitResponse(model, 201, kConfirmedView);
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  // Asked, then kept: back to confirmed, nothing to send.
  AskToCancel(model);
  CHECK(model.booking.phase == BookingPhase::kConfirmingCancel);
  CHECK_FALSE(CanBook(model));  // nothing else is booked while a cancel is being decided
  KeepInterview(model);
  CHECK(model.booking.phase == BookingPhase::kConfirmed);
  // Asked, a message written, confirmed: scheduled, counting down, not due before the undo window is over.
  AskToCancel(model);
  SetCancelMessage(model, "Anna is ill; we will send new times.");
  ScheduleCancel(model, 1000);
  CHECK(model.booking.phase == BookingPhase::kCancelScheduled);
  CHECK(SelectionIsTheBooking(model));  // until the DELETE goes out it is the interview, not a conflict with itself
  CHECK(CancelSecondsLeft(model, 1000) == 8);
  CHECK(CancelSecondsLeft(model, 8500) == 1);
  CHECK_FALSE(CancelDue(model, 1000 + kCancelUndoMs - 1));
  CHECK(LiveSummary(model, Zone("UTC"), nullptr).find("cancelled in 8 s") != std::string::npos);
  // Undo within the window: confirmed again, the message dropped, never due.
  KeepInterview(model);
  CHECK(model.booking.phase == BookingPhase::kConfirmed);
  CHECK(model.booking.cancel_message.empty());
  CHECK_FALSE(CancelDue(model, 1e12));
  // Confirmed again and left alone: due after the window, and the DELETE carries the message.
  AskToCancel(model);
  SetCancelMessage(model, "Anna is ill.");
  ScheduleCancel(model, 2000);
  CHECK(CancelDue(model, 2000 + kCancelUndoMs));
  StartCancel(model);
  CHECK(model.booking.phase == BookingPhase::kCancelling);
  CHECK(nlohmann::json::parse(CancelRequestBody(model)) == nlohmann::json{{"candidate_message", "Anna is ill."}});
  ApplyCancelResponse(model, 204, "");
  CHECK(model.booking.phase == BookingPhase::kCancelled);
}

TEST_CASE("WidgetBooking: no message means an empty DELETE body; a long one is cut on a character boundary") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  CHECK(CancelRequestBody(model) == "{}");
  std::string long_text(kMaxCancelMessageBytes - 1, 'a');
  long_text += "\xC3\xA4\xC3\xA4";  // "ää": the first one straddles the limit
  SetCancelMessage(model, long_text);
  CHECK(model.booking.cancel_message.size() == kMaxCancelMessageBytes - 1);
  SetCancelMessage(model, "kurz");
  CHECK(model.booking.cancel_message == "kurz");
}

TEST_CASE("WidgetBooking: a move shows what else it changes and waits for the recruiter; done, it says where it moved from") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  const std::vector<std::string> chosen = IncludedSubs(model, RowKind::kInterviewer);
  REQUIRE_FALSE(chosen.empty());
  nlohmann::json view = nlohmann::json::parse(kConfirmedView);
  view["interviewers"] = nlohmann::json::array();
  for (const std::string& sub : chosen) view["interviewers"].push_back({{"sub", sub}});
  StartSubmit(model, "key-7");
  ApplySubmitResponse(model, 201, view.dump());
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  const Interval booked = model.booking.when;

  // Only the time moves: nothing to confirm. The booked time itself is no move.
  StartReschedule(model);
  CHECK(ChangesOfMove(model).empty());
  CHECK_FALSE(CanBook(model));  // the selection is still the booked time
  CHECK_FALSE(ConfirmChanges(model));
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr).rfind("Moving the interview of ", 0) == 0);

  // Someone added and a longer interview: shown and held until the recruiter agrees; Back returns to choosing.
  Row* extra = nullptr;
  for (Row& row : model.rows) {
    if ((row.kind == RowKind::kInterviewer) && !row.included) { extra = &row; break; }
  }
  REQUIRE(extra != nullptr);
  extra->included = true;
  model.settings.duration_minutes = 45;
  const RescheduleChanges changes = ChangesOfMove(model);
  REQUIRE(changes.added.size() == 1);
  CHECK(changes.added[0].first == extra->sub);
  CHECK(changes.removed.empty());
  CHECK(changes.booked_minutes == 30);
  CHECK(changes.new_minutes == 45);
  CHECK(ConfirmChanges(model));
  CHECK(model.booking.phase == BookingPhase::kConfirmingChanges);
  CHECK_FALSE(CanBook(model));  // not sent until agreed
  const std::string live = LiveSummary(model, Zone("Europe/Berlin"), nullptr);
  CHECK_MESSAGE(live.find("is added (Interviewer)") != std::string::npos, live);
  CHECK_MESSAGE(live.find("Length 30 → 45 min") != std::string::npos, live);
  BackFromChanges(model);
  CHECK(model.booking.phase == BookingPhase::kIdle);

  // Keeping the booked time: confirmed at its time, nothing sent.
  StopReschedule(model);
  CHECK(model.booking.phase == BookingPhase::kConfirmed);
  CHECK_FALSE(model.booking.rescheduling);
  CHECK(model.booking.when == booked);

  // Moved for real: the panel and the live region say from where to where.
  StartReschedule(model);
  StartSubmit(model, "key-8");
  nlohmann::json moved = view;
  moved["start"] = "2026-12-02T09:00:00Z";
  moved["end"] = "2026-12-02T09:30:00Z";
  ApplySubmitResponse(model, 200, moved.dump());
  REQUIRE(model.booking.phase == BookingPhase::kConfirmed);
  REQUIRE(model.booking.moved_from.has_value());
  CHECK(*model.booking.moved_from == booked);
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr).rfind("Moved from ", 0) == 0);
}

TEST_CASE("WidgetLive: the live region names the selected time in both zones, who can make it, the suggestions and what would help") {
  WidgetModel model = ModelWithPossibleTime(InterviewType::kGoogleMeet);
  SolveSuggestions(model, {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")}, slotwise::testing::SystemZones());
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), &Zone("America/New_York")) ==
        "Selected Tue, Dec 1, 9:30 AM–10:00 AM (Berlin) · Tue, Dec 1, 3:30 AM–4:00 AM (New York). Possible with Anna, 佐藤 健. "
        "1 suggestions, first Tue, Dec 1, 9:30 AM–10:00 AM (Berlin) · Tue, Dec 1, 3:30 AM–4:00 AM (New York). "
        "What would help: Require fewer interviewers: 31 more times; Without Anna: 17 more times; Without 佐藤 健: 14 more times.");
  model.locale = Locale::kDe;
  model.selected = At("2026-12-01T08:00:00Z");
  ExplainSelected(model, slotwise::testing::SystemZones());
  CHECK(LiveSummary(model, Zone("Europe/Berlin"), nullptr) ==
        "Ausgewählt Di., 1. Dez., 09:00–09:30 (Berlin). Nicht möglich: Nur 1 der 2 nötigen Interviewer sind frei. "
        "Anna ist Di., 1. Dez., 09:00–09:30 beschäftigt. 1 Vorschläge, zuerst Di., 1. Dez., 09:30–10:00 (Berlin). "
        "Was helfen würde: Weniger Interviewer verlangen: 31 weitere Zeiten; Ohne Anna: 17 weitere Zeiten; Ohne 佐藤 健: 14 weitere Zeiten.");
}
