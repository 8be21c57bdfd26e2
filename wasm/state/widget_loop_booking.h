// widget_loop_booking.h — booking an interview loop (the selected loop suggestion) as one interview per stage, all
// or nothing from the recruiter's view (pure; the controller sends what NextLoopRequest says).
//
//   kIdle --StartLoopBooking--> kBooking: stage 1 POST, then stage 2 POST, … (each after the previous one was
//          accepted), then each pending stage polled until confirmed
//   kBooking --every stage confirmed--> kConfirmed
//   kBooking --a POST refused, or a stage ends "failed"--> kRollingBack: the stages not sent are skipped; every stage
//          that was accepted is cancelled (DELETE) --> kRolledBack (nothing left behind) or kRollbackIncomplete (a
//          DELETE failed: that interview still exists and is named, so the recruiter can cancel it by hand)
//   terminal phases --DismissLoopBooking--> kIdle
// A POST that failed on the network is sent again with the same key and body (the server replays it if it arrived),
// up to kLoopNetworkRetries times; then it counts as refused. Only one request is in flight at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "state/widget_model.h"

namespace slotwise::widget {

constexpr int kLoopNetworkRetries = 3;

// The selected time is an available loop and nothing is in flight.
bool CanBookLoop(const WidgetModel& model);

// Fixes one POST /v1/interviews body per stage of the selected loop (title "<title> (i/n: <stage>)", the stage's
// interviewers and room, the included observers, type, host, buffers, candidate, query) and a key per stage
// (`keys.size()` must equal the number of stages; false and nothing changed otherwise, or when !CanBookLoop).
bool StartLoopBooking(WidgetModel& model, const std::vector<std::string>& keys);

struct LoopRequest {
  enum class Kind { kNone, kSubmit, kPoll, kCancel };
  Kind kind = Kind::kNone;
  std::size_t stage = 0;
  std::string method;           // POST, GET, DELETE
  std::string url;
  std::string body;
  std::string idempotency_key;  // kSubmit only
  int delay_ms = 0;             // kPoll: wait this long first (300, 600, 1200, then 2000)
};

// What to send next (kNone: nothing, either because a request is in flight or because the booking is over).
LoopRequest NextLoopRequest(const WidgetModel& model);

// The request is being sent (marks the stage submitting / cancelling).
void MarkLoopRequestSent(WidgetModel& model, const LoopRequest& request);

// Its answer.
void ApplyLoopAnswer(WidgetModel& model, const LoopRequest& request, int http_status, std::string_view body);

// From a terminal phase back to kIdle.
void DismissLoopBooking(WidgetModel& model);

// Whether a loop request is outstanding (kBooking or kRollingBack).
bool LoopBookingInFlight(const WidgetModel& model);

}  // namespace slotwise::widget
