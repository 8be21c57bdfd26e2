// outbox_executor.h — carries out one outbox job of an interview against the providers (through ProviderGateway),
// journalling each step so that a crash at any point is recovered by running the job again.
//
// Tracking by construction: the journal record that says an object exists (made, found after a crash, or updated by a
// reschedule) watches it in the same transaction (store/interview_model.h BookedObject), and the record that says it
// was removed stops watching it; so at rest every live object the providers hold for an interview is watched, and
// nothing cancelled, failed or removed is.
//
// Steps of a booking (OutboxKind::kBook), each skipped when its journal says done:
//   "meeting"      Zoom/GoTo: find a meeting with the interview's marker (a crash may have left one), else create it
//   "event"        the organiser's calendar event (attendees, room as resource, location = room or join URL, Meet or
//                  Teams created with it), created with the idempotency key "sw-<interview id>-event"
//   "candidate:N"  the candidate's invitation (SEQUENCE N) delivered once per sequence
//   then the interview is confirmed.
// A reschedule updates the meeting and the event, sends the update (next sequence; not for a restore, whose job
// payload says {"candidate": false}) and confirms; a cancel deletes
// the meeting and the event and sends the cancellation (when an invitation went out before).
// Failures: a retryable error (IsRetryable) answers kRetry with the error; anything else — or a retryable one on the
// last attempt — compensates: every provider object the interview has is removed (a cancellation is sent when an
// invitation went out) and the interview ends `failed` with the reason. A compensation, once begun, is journalled
// ("compensation") and every later run of the job finishes it instead of resuming the booking; removing what exists
// (compensation, cancel) answers kRetry with keep_trying until it succeeds, so nothing is left behind.
// A proposal's hold and release jobs (kHold, kRelease) go to booking/proposal_holds.h; a message (kMessage) is
// delivered as queued — a sealed part (a proposal's link, booking/message_payload.h) opened with `vault` right before
// delivery and held only in memory; a payload that does not open fails the job (its error says only that).
// Thread-safe; stateless between jobs.
#pragma once

#include <functional>
#include <string>

#include "booking/provider_gateway.h"
#include "crypto/token_vault.h"
#include "slotwise/time_zone.h"
#include "store/directory_store.h"
#include "store/interview_store.h"

namespace slotwise {

enum class JobResult : std::uint8_t { kDone, kRetry, kFailed };

struct JobOutcome {
  JobResult result = JobResult::kDone;
  std::string error;        // kRetry / kFailed: why
  bool keep_trying = false;  // kRetry of work that must finish (removing what exists): never given up as dead
};

class OutboxExecutor {
 public:
  using Clock = std::function<std::int64_t()>;

  // `vault` (borrowed; may be null when no message is ever sealed) opens sealed message payloads.
  OutboxExecutor(DirectoryStore& directory, InterviewStore& interviews, ProviderGateway& gateway, ZoneSource& zones,
                 Clock clock, const crypto::TokenVault* vault = nullptr)
      : directory_(directory), interviews_(interviews), gateway_(gateway), zones_(zones), clock_(std::move(clock)),
        vault_(vault) {}

  // `last_attempt`: no retry will follow, so a retryable failure compensates too.
  JobOutcome Run(const OutboxJob& job, bool last_attempt);

 private:
  JobOutcome SendQueuedMessage(const OutboxJob& job, bool last_attempt);
  struct Context;
  JobOutcome Book(Context& context);
  JobOutcome Reschedule(Context& context);
  JobOutcome Cancel(Context& context);
  JobOutcome Fail(Context& context, const Error& error);
  JobOutcome Compensate(Context& context, const std::string& reason);
  std::optional<JobOutcome> FinishCompensation(Context& context);
  Result<bool> EnsureMeeting(Context& context);
  Result<bool> EnsureEvent(Context& context);
  Result<bool> SendCandidateMessage(Context& context, int kind);
  Result<bool> RemoveProviderObjects(Context& context);
  // Every journal write says what it changes in the interview's booked objects (interview_store.h PutStep): a "done"
  // that records a made or updated object watches it; one that records it removed stops watching it.
  Result<bool> Journal(Context& context, const std::string& step, const std::string& state, const nlohmann::json& data,
                       const TrackingChange& tracking);
  TrackingChange Watch(const Context& context, const std::string& object, const std::string& provider,
                       const std::string& calendar_id, const std::string& provider_object_id) const;

  DirectoryStore& directory_;
  InterviewStore& interviews_;
  ProviderGateway& gateway_;
  ZoneSource& zones_;
  Clock clock_;
  const crypto::TokenVault* vault_;
};

}  // namespace slotwise
