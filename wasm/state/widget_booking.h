// widget_booking.h — booking, rescheduling and cancelling as a state machine over the backend's answers (pure).
//
//   kIdle --StartSubmit--> kSubmitting --201 pending--> kPending --poll: confirmed--> kConfirmed
//                                   \--409/422/5xx/0--> kFailed          \--poll: failed--> kFailed
//   kConfirmed --StartReschedule--> kIdle (rescheduling) --StartSubmit (PATCH)--> kSubmitting … --confirmed--> kConfirmed
//     with `moved_from`; when the move also changes people or length: kIdle --ConfirmChanges--> kConfirmingChanges,
//     then StartSubmit (the recruiter agreed) or BackFromChanges; StopReschedule keeps the booked time.
//   kConfirmed --AskToCancel--> kConfirmingCancel --ScheduleCancel--> kCancelScheduled --CancelDue: StartCancel-->
//     kCancelling --204/200--> kCancelled (or kFailed with the reason); KeepInterview (the dialog's "Keep" or the
//     countdown's "Undo") goes back to kConfirmed with nothing sent.
// Request bodies are built here from the model and the explanation of the selected time (the slot the engine found),
// so what is booked is exactly what was shown.
#pragma once

#include <string>
#include <string_view>

#include "state/widget_model.h"

namespace slotwise::widget {

// Whether the selected time can be booked now (available, nothing in flight, not a loop).
bool CanBook(const WidgetModel& model);

// Whether the selected time is exactly the interview being booked or just booked (submitting, pending or confirmed,
// same start and duration). Its explanation would report the interview as a conflict with itself: the view and the
// live region show the booking's own state instead.
bool SelectionIsTheBooking(const WidgetModel& model);

// Whether `event` in `row`'s track is the interview being booked or just booked (as above, live): exactly its time,
// in a row taking part. The grid draws it as "this interview", not as someone's anonymous busy time.
bool IsTheBookingEvent(const WidgetModel& model, const Row& row, const BusyEvent& event);

// POST /v1/interviews body (or, when rescheduling, the PATCH /v1/interviews/{id} body) for the selected slot.
// Empty when CanBook is false.
std::string BuildBookingRequest(const WidgetModel& model);

// The request is about to be sent with this Idempotency-Key.
void StartSubmit(WidgetModel& model, std::string idempotency_key);

// The answer of POST /v1/interviews or PATCH /v1/interviews/{id}.
void ApplySubmitResponse(WidgetModel& model, int http_status, std::string_view body);

// The answer of GET /v1/interviews/{id} while pending (or any time, to refresh the result).
void ApplyInterviewResponse(WidgetModel& model, int http_status, std::string_view body);

// Milliseconds to wait before the next poll while pending: 300, 600, 1200, then 2000 each (polls counted by
// ApplyInterviewResponse); -1 when not pending.
int NextPollDelayMs(const WidgetModel& model);

// Reschedule: the next booking moves the confirmed interview (PATCH) instead of creating one. StopReschedule: back to
// the interview as booked (confirmed), nothing sent.
void StartReschedule(WidgetModel& model);
void StopReschedule(WidgetModel& model);

// What a move would change besides the time: people added or removed (by role) and the length, against the interview
// as booked. Empty when only the time moves (or when not rescheduling).
struct RescheduleChanges {
  std::vector<std::pair<std::string, RowKind>> added, removed;  // sub, role
  std::int32_t booked_minutes = 0, new_minutes = 0;               // equal when the length stays
  bool empty() const { return added.empty() && removed.empty() && booked_minutes == new_minutes; }
};
RescheduleChanges ChangesOfMove(const WidgetModel& model);
// Before a move that changes more than the time: kIdle → kConfirmingChanges (true), so the view shows the changes and
// waits for the recruiter; false when there is nothing to confirm (book at once). BackFromChanges: kIdle again.
bool ConfirmChanges(WidgetModel& model);
void BackFromChanges(WidgetModel& model);

// Cancelling, safely: the recruiter confirms (with an optional message for the candidate), then has
// kCancelUndoMs to undo before anything is sent.
constexpr double kCancelUndoMs = 8000;
constexpr std::size_t kMaxCancelMessageBytes = 500;  // the server takes up to 2000
void AskToCancel(WidgetModel& model);                                            // kConfirmed → kConfirmingCancel
void SetCancelMessage(WidgetModel& model, std::string message);                   // cut to kMaxCancelMessageBytes (UTF-8 safe)
void ScheduleCancel(WidgetModel& model, double now_ms);                          // kConfirmingCancel → kCancelScheduled
void KeepInterview(WidgetModel& model);                                          // either of those → kConfirmed
bool CancelDue(const WidgetModel& model, double now_ms);                         // scheduled and its time has come
int CancelSecondsLeft(const WidgetModel& model, double now_ms);                  // for the countdown (≥ 0)

// DELETE /v1/interviews/{id} is about to be sent (when its undo window is over, or at once when nothing is in flight) / its body
// ({"candidate_message": …}, the text of the candidate's cancellation e-mail, when the recruiter wrote one) / its answer.
void StartCancel(WidgetModel& model);
std::string CancelRequestBody(const WidgetModel& model);
void ApplyCancelResponse(WidgetModel& model, int http_status, std::string_view body);

// POST /v1/interviews/{id}/external_change (accept or restore the change a sync flagged) is about to be sent with
// this Idempotency-Key / its answer: the interview as resolved (pending while the outbox works, then polled like a
// booking; cancelled after accepting a deletion) — the change notice goes away — or the refusal, as for a booking.
void StartResolveExternalChange(WidgetModel& model, std::string idempotency_key);
void ApplyResolveExternalChangeResponse(WidgetModel& model, int http_status, std::string_view body);

// How severe a change is, as the server ranks them (it resolves the most severe first): 4 deleted, 3 moved,
// 2 room declined, 1 attendees changed, 0 none.
int ExternalChangeSeverity(const std::string& state);
// The change the server resolves first (the most severe); nullptr when none.
const ExternalChange* MostSevereExternalChange(const Booking& booking);

// Back to idle after a failure (keeps rescheduling and the interview id).
void DismissBookingResult(WidgetModel& model);

}  // namespace slotwise::widget
