// interview_store.h — the storage interface for interviews, their holds, history, outbox and request idempotency.
// SqliteInterviewStore (sqlite_interview_store.h) implements it; a PostgreSQL implementation will follow.
//
// Contract (every implementation):
// - Commit* are atomic (one serializable write transaction, SQLite BEGIN IMMEDIATE): the conflict check against the
//   holds of other pending/confirmed interviews and every write happen together, so two concurrent commits that
//   overlap on a resource can never both succeed — also across processes sharing the database.
//   A commit that finds conflicts writes nothing and answers them.
// - Conflict: an existing hold on the same resource with hold.start < window.end && window.start < hold.end, where
//   window is the new interview's [start - buffer_before, end + buffer_after).
// - Idempotency keys are per tenant. A claim is kClaimed (go ahead; the key is now in flight), kReplay (done before:
//   `stored` holds the stored answer), kMismatch (the key was used with another request body), or kInFlight
//   (claimed by a request still running). An in-flight claim older than its lease is taken over (its request died);
//   ReleaseInFlightKeys (at start-up) frees at once the claims of a process that died.
//   The stored response is written in the same transaction as the booking it describes.
// - Outbox jobs of one interview run in order: a job is handed out only when no earlier job of its interview is
//   pending or running. ClaimNextJob marks the job running; RequeueRunningJobs (at start-up) hands back the jobs
//   of a process that died.
// - Errors: "storage_error"; "not_found" for a missing interview/job. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "slotwise/result.h"
#include "store/interview_holds.h"
#include "store/interview_model.h"

namespace slotwise {

enum class ClaimOutcome : std::uint8_t { kClaimed, kReplay, kMismatch, kInFlight };

// An answer stored with its key: an opaque kind and body the caller wrote (booking/booking_outcome.h).
struct StoredResponse {
  int kind = 0;
  std::string body;
};

struct IdempotencyClaim {
  ClaimOutcome outcome = ClaimOutcome::kClaimed;
  StoredResponse stored;  // kReplay: the stored answer
};

struct IdempotencyRequest {
  std::string tenant_id;
  std::string key;
  std::string operation;     // e.g. "POST /v1/interviews" — a key is bound to one operation
  std::string request_hash;  // hex SHA-256 of the canonical request
  std::int64_t now = 0;
  std::int64_t lease_seconds = 60;      // an in-flight claim older than this is taken over
  std::int64_t keep_seconds = 86'400;   // responses are kept at least this long
};

struct CommitOutcome {
  bool committed = false;
  std::vector<Hold> conflicts;  // when not committed: the holds in the way
};

class InterviewStore : public HoldsReader {
 public:
  ~InterviewStore() override = default;

  // --- idempotency
  virtual Result<IdempotencyClaim> ClaimIdempotencyKey(const IdempotencyRequest& request) = 0;
  // Stores the response of a claimed key that ended without a commit (e.g. 409, 422).
  virtual Result<bool> StoreIdempotentResponse(const std::string& tenant_id, const std::string& key,
                                               const StoredResponse& response) = 0;
  // Forgets a claimed key (the request failed with a server error; a retry may run again).
  virtual Result<bool> ReleaseIdempotencyKey(const std::string& tenant_id, const std::string& key) = 0;
  // Forgets every in-flight claim (at start-up: their requests died with the previous process, so a retry may run
  // again at once instead of waiting out the lease); returns how many. Done keys are kept.
  virtual Result<int> ReleaseInFlightKeys() = 0;
  virtual Result<int> PurgeIdempotencyKeys(std::int64_t now) = 0;  // expired, done keys; returns how many

  // --- interviews
  // Creates `interview` (status pending) with holds on `resources` over its [start, end), a "booked" history entry,
  // and a kBook outbox job due at `now`; with `idempotency` also the key's stored response. All or nothing.
  virtual Result<CommitOutcome> CommitBooking(const Interview& interview, const std::vector<std::string>& resources,
                                              std::int64_t now, const std::optional<IdempotencyRequest>& idempotency,
                                              const StoredResponse& response) = 0;
  // Moves/changes `updated` (same id): new spec, sequence + 1, status pending, holds replaced, a "rescheduled"
  // history entry and a kReschedule outbox job. The conflict check ignores the interview's own holds.
  virtual Result<CommitOutcome> CommitReschedule(const Interview& updated, const std::vector<std::string>& resources,
                                                 std::int64_t now, const std::string& history_detail_json) = 0;
  // Puts a confirmed interview's provider objects back as booked (an external change undone): status pending, the
  // spec, holds and sequence unchanged, a "restored" history entry and a kReschedule outbox job whose payload is
  // {"candidate": false} (the candidate's invitation already says the booked time: no update is sent).
  // not_found when no confirmed interview `interview_id` of `tenant_id` exists.
  virtual Result<Interview> CommitRestore(const std::string& tenant_id, const std::string& interview_id,
                                          std::int64_t now, const std::string& history_detail_json) = 0;
  // Status cancelled, holds released, sequence + 1, "cancelled" history entry, kCancel outbox job. `reason` is the
  // caller's own note (failure_reason, history); `candidate_message`, when given, becomes the spec's candidate_message:
  // the recruiter's text in the candidate's cancellation e-mail (checked by the caller).
  virtual Result<Interview> CommitCancel(const std::string& tenant_id, const std::string& interview_id,
                                         std::int64_t now, const std::string& reason,
                                         const std::optional<std::string>& candidate_message) = 0;

  virtual Result<std::optional<Interview>> GetInterview(const std::string& tenant_id, const std::string& id) = 0;
  // Interviews of a tenant starting in [from, to), ordered by (start_at, id), at most `limit`; with `after`, only
  // those ordered after that position (keyset paging: rows added meanwhile never shift the ones after it).
  virtual Result<std::vector<Interview>> ListInterviews(const std::string& tenant_id, std::int64_t from,
                                                        std::int64_t to, int limit,
                                                        const std::optional<InterviewPosition>& after = std::nullopt) = 0;
  virtual Result<std::vector<HistoryEntry>> History(const std::string& interview_id) = 0;

  // Status change by the outbox (confirmed / failed) with a history entry; failed and cancelled release the holds.
  // Confirmed and failed apply only to a pending interview: false (no change) otherwise, e.g. after a cancel.
  virtual Result<bool> SetStatus(const std::string& interview_id, InterviewStatus status, const std::string& reason,
                                 std::int64_t now) = 0;
  virtual Result<bool> SetArtifacts(const std::string& interview_id, const std::string& artifacts_json,
                                    std::int64_t now) = 0;

  // --- outbox
  // Queues an e-mail of no interview (OutboxKind::kMessage) under `message_id` ("msg_…") with its rendered payload.
  virtual Result<bool> EnqueueMessage(const std::string& tenant_id, const std::string& message_id,
                                      const std::string& payload_json, std::int64_t now) = 0;
  virtual Result<std::optional<OutboxJob>> ClaimNextJob(std::int64_t now) = 0;
  virtual Result<bool> FinishJob(std::int64_t job_id, std::int64_t now) = 0;
  virtual Result<bool> RetryJob(std::int64_t job_id, std::int64_t next_attempt_at, const std::string& error,
                                std::int64_t now) = 0;
  virtual Result<bool> KillJob(std::int64_t job_id, const std::string& error, std::int64_t now) = 0;  // state dead
  virtual Result<int> RequeueRunningJobs(std::int64_t now) = 0;
  virtual Result<int> CountUnfinishedJobs() = 0;  // pending + running
  virtual Result<OutboxBacklog> Backlog(std::int64_t now) = 0;

  // --- step journal
  virtual Result<std::optional<StepRecord>> GetStep(const std::string& interview_id, const std::string& step) = 0;
  // Writes the step and applies `tracking` to the interview's booked objects in one transaction, so nothing the
  // journal says exists is ever unwatched.
  virtual Result<bool> PutStep(const std::string& interview_id, const StepRecord& record,
                               const TrackingChange& tracking) = 0;

  // --- booked objects (interview_model.h BookedObject)
  virtual Result<std::vector<BookedObject>> BookedObjectsOf(const std::string& interview_id) = 0;
  // Those on one calendar of a tenant (calendar ids compare case-insensitively: e-mail addresses).
  virtual Result<std::vector<BookedObject>> BookedObjectsOn(const std::string& tenant_id, const std::string& provider,
                                                            const std::string& calendar_id) = 0;
  // Those with this provider object id (any tenant: a Zoom webhook names only a meeting id; the rows say whose).
  virtual Result<std::vector<BookedObject>> BookedObjectsWithId(const std::string& provider,
                                                                const std::string& provider_object_id) = 0;
  // Up to `limit` objects still to come (expected_end > now) last compared before `checked_before`, least recently
  // checked first: the periodic safety-net sync.
  virtual Result<std::vector<BookedObject>> BookedObjectsDue(std::int64_t now, std::int64_t checked_before,
                                                             int limit) = 0;
  // The calendars (tenant, provider, calendar id; ids compared case-insensitively) holding booked events still to
  // come (expected_end > now), ordered by tenant, provider and calendar: the incremental sync's round.
  virtual Result<std::vector<BookedCalendar>> BookedCalendars(std::int64_t now) = 0;
  // Records a sync's verdict on (interview, object). When the flag becomes a new non-empty one, a
  // "changed_externally" history entry (detail: object, flag, detail, observed_start, observed_end) is written in the
  // same transaction; true then. A flag seen again keeps its flagged_at; "" clears it. false when nothing new.
  virtual Result<bool> RecordObservation(const std::string& interview_id, const std::string& object,
                                         const Observation& observation, std::int64_t now) = 0;
};

}  // namespace slotwise
