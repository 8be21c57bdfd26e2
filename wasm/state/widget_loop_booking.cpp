// widget_loop_booking.cpp — see widget_loop_booking.h.
#include "state/widget_loop_booking.h"
#include "slotwise/error_codes.h"
#include "state/widget_json.h"

#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "state/widget_data.h"
#include "state/widget_request.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

// A stage the server accepted and that still exists (to cancel when rolling back).
bool Holds(const StageBooking& stage) {
  return !stage.interview_id.empty() && (stage.state == StageState::kPending || stage.state == StageState::kConfirmed);
}

void RollBack(WidgetModel& model, std::size_t failed) {
  LoopBooking& loop = model.loop_booking;
  loop.phase = LoopBookingPhase::kRollingBack;
  loop.failed_stage = failed;
  for (StageBooking& stage : loop.stages) {
    if (stage.state == StageState::kWaiting) stage.state = StageState::kSkipped;
  }
}

// Ends the booking or the rollback when nothing is left to do.
void Settle(WidgetModel& model) {
  LoopBooking& loop = model.loop_booking;
  if (loop.phase == LoopBookingPhase::kBooking) {
    for (const StageBooking& stage : loop.stages) {
      if (stage.state != StageState::kConfirmed) return;
    }
    loop.phase = LoopBookingPhase::kConfirmed;
    ++model.solve_generation;
  } else if (loop.phase == LoopBookingPhase::kRollingBack) {
    bool incomplete = false;
    for (const StageBooking& stage : loop.stages) {
      if (Holds(stage) || stage.state == StageState::kCancelling) return;
      if (stage.state == StageState::kCancelFailed) incomplete = true;
    }
    loop.phase = incomplete ? LoopBookingPhase::kRollbackIncomplete : LoopBookingPhase::kRolledBack;
    ++model.solve_generation;
  }
}

void SetError(StageBooking& stage, int http_status, std::string_view body) {
  const json doc = ParseJson(body);
  const json error = doc.is_object() && doc.contains("error") && doc.at("error").is_object() ? doc.at("error") : json::object();
  stage.error_code = http_status == 0 ? "network"
                     : JsonText(error, "code").empty() ? "http_" + std::to_string(http_status)
                                                  : JsonText(error, "code");
  stage.message = JsonText(error, "message").empty() ? ErrorSentence(http_status, body) : JsonText(error, "message");
}

}  // namespace

bool LoopBookingInFlight(const WidgetModel& model) {
  return model.loop_booking.phase == LoopBookingPhase::kBooking || model.loop_booking.phase == LoopBookingPhase::kRollingBack;
}

bool CanBookLoop(const WidgetModel& model) {
  if (!model.settings.loop || !model.selected || !model.explanation.available || !model.explanation.slot) return false;
  if (model.explanation.start != *model.selected || model.explanation.slot->stages.empty()) return false;
  if (BookingInFlight(model.booking.phase) || LoopBookingInFlight(model)) return false;
  return true;
}

bool StartLoopBooking(WidgetModel& model, const std::vector<std::string>& keys) {
  if (!CanBookLoop(model)) return false;
  const Suggestion& loop = *model.explanation.slot;
  if (keys.size() != loop.stages.size()) return false;
  const Settings& settings = model.settings;
  const std::vector<std::string> observers = IncludedSubs(model, RowKind::kObserver);
  const std::string title = InterviewTitle(model);
  LoopBooking booking;
  booking.phase = LoopBookingPhase::kBooking;
  for (std::size_t i = 0; i < loop.stages.size(); ++i) {
    const StagePick& pick = loop.stages[i];
    json body = {{"title", title + " (" + std::to_string(i + 1) + "/" + std::to_string(loop.stages.size()) + ": " + pick.id + ")"},
                 {"start", FormatRfc3339(pick.when.start)}, {"end", FormatRfc3339(pick.when.end)},
                 {"interviewers", SubMembers(pick.participants)}, {"observers", SubMembers(observers)},
                 {"buffer", BufferJson(settings)}};
    if (!model.interview.organizer.empty()) body["organizer"] = model.interview.organizer;
    const std::string provider = ProviderOf(settings.type);
    if (provider.empty()) {
      body["conferencing"] = {{"provider", "none"}};
      if (!pick.rooms.empty()) body["room"] = {{"sub", pick.rooms.front()}};
    } else {
      json conferencing = {{"provider", provider}};
      if (!settings.host.empty()) conferencing["host"] = settings.host;
      body["conferencing"] = conferencing;
    }
    if (model.interview.candidate.is_object() && !model.interview.candidate.empty()) body["candidate"] = model.interview.candidate;
    body["query"] = QueryJson(model);
    StageBooking stage;
    stage.stage_id = pick.id;
    stage.when = pick.when;
    stage.body = DumpJson(body);
    stage.idempotency_key = keys[i];
    booking.stages.push_back(std::move(stage));
  }
  model.loop_booking = std::move(booking);
  return true;
}

LoopRequest NextLoopRequest(const WidgetModel& model) {
  const LoopBooking& loop = model.loop_booking;
  LoopRequest request;
  if (loop.request_in_flight) return request;
  if (loop.phase == LoopBookingPhase::kBooking) {
    for (std::size_t i = 0; i < loop.stages.size(); ++i) {
      const StageBooking& stage = loop.stages[i];
      if (stage.state != StageState::kWaiting) continue;
      request = {LoopRequest::Kind::kSubmit, i, "POST", "/v1/interviews", stage.body, stage.idempotency_key, 0};
      return request;
    }
    for (std::size_t i = 0; i < loop.stages.size(); ++i) {
      const StageBooking& stage = loop.stages[i];
      if (stage.state != StageState::kPending) continue;
      constexpr int kDelays[] = {300, 600, 1200};
      request = {LoopRequest::Kind::kPoll, i, "GET", "/v1/interviews/" + stage.interview_id, "", "",
                 stage.polls < 3 ? kDelays[stage.polls] : 2000};
      return request;
    }
  } else if (loop.phase == LoopBookingPhase::kRollingBack) {
    for (std::size_t i = 0; i < loop.stages.size(); ++i) {
      const StageBooking& stage = loop.stages[i];
      if (!Holds(stage)) continue;
      request = {LoopRequest::Kind::kCancel, i, "DELETE", "/v1/interviews/" + stage.interview_id,
                 R"({"reason":"another stage of the interview loop could not be booked"})", "", 0};
      return request;
    }
  }
  return request;
}

void MarkLoopRequestSent(WidgetModel& model, const LoopRequest& request) {
  if (request.kind == LoopRequest::Kind::kNone || request.stage >= model.loop_booking.stages.size()) return;
  model.loop_booking.request_in_flight = true;
  StageBooking& stage = model.loop_booking.stages[request.stage];
  if (request.kind == LoopRequest::Kind::kSubmit) stage.state = StageState::kSubmitting;
  if (request.kind == LoopRequest::Kind::kCancel) stage.state = StageState::kCancelling;
}

void ApplyLoopAnswer(WidgetModel& model, const LoopRequest& request, int http_status, std::string_view body) {
  LoopBooking& loop = model.loop_booking;
  if (request.stage >= loop.stages.size()) return;
  loop.request_in_flight = false;
  StageBooking& stage = loop.stages[request.stage];
  switch (request.kind) {
    case LoopRequest::Kind::kSubmit: {
      const json view = ParseJson(body);
      if ((http_status == 201 || http_status == 200) && !JsonText(view, "id").empty()) {
        stage.interview_id = JsonText(view, "id");
        stage.state = JsonText(view, "status") == "confirmed" ? StageState::kConfirmed : StageState::kPending;
        if (JsonText(view, "status") == "failed") {
          stage.state = StageState::kFailed;
          stage.error_code = "failed";
          stage.message = JsonText(view, "failure_reason");
          RollBack(model, request.stage);
        }
      } else if (http_status == 0 && ++stage.network_retries < kLoopNetworkRetries) {
        stage.state = StageState::kWaiting;  // the same key and body again
      } else {
        stage.state = StageState::kRefused;
        SetError(stage, http_status, body);
        RollBack(model, request.stage);
      }
      break;
    }
    case LoopRequest::Kind::kPoll: {
      if (stage.state != StageState::kPending) break;  // rolled back meanwhile
      ++stage.polls;
      const json view = ParseJson(body);
      if (http_status != 200 || !view.is_object()) break;  // a failed poll is not a failed booking
      const std::string status = JsonText(view, "status");
      if (status == "confirmed") {
        stage.state = StageState::kConfirmed;
      } else if (status == "failed" || status == "cancelled") {
        stage.state = StageState::kFailed;
        stage.error_code = status;
        stage.message = JsonText(view, "failure_reason");
        if (loop.phase == LoopBookingPhase::kBooking) RollBack(model, request.stage);
      }
      break;
    }
    case LoopRequest::Kind::kCancel: {
      const json doc = ParseJson(body);
      const std::string code = doc.is_object() && doc.contains("error") ? JsonText(doc.at("error"), "code") : "";
      if (http_status == 200 || http_status == 204 || (http_status == 409 && code == codes::kInterviewNotActive)) {
        stage.state = StageState::kCancelled;
      } else {
        stage.state = StageState::kCancelFailed;
        SetError(stage, http_status, body);
      }
      break;
    }
    case LoopRequest::Kind::kNone: break;
  }
  Settle(model);
}

void DismissLoopBooking(WidgetModel& model) {
  if (!LoopBookingInFlight(model)) model.loop_booking = LoopBooking{};
}

}  // namespace slotwise::widget
