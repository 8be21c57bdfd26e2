// booking_service.h — booking, rescheduling and cancelling interviews (POST/PATCH/DELETE /v1/interviews…), the part
// that decides; provider work happens afterwards in the outbox (outbox_worker.h). Answers are values
// (booking_outcome.h); api/interview_routes.cpp renders them.
//
// Contract:
// - Every decision is the engine's: a booking is validated with ValidateDocument (slotwise/engine_api.h) against fresh
//   free/busy (the validation document comes from `ValidationDocuments`) and Slotwise's own holds.
// - Conflicts with other Slotwise interviews (people, rooms, host accounts) are refused as "slot_taken" (with the
//   holds in the way) by the store's atomic commit, so concurrent requests for the same resource and time book exactly
//   once. Engine violations that are all about occupied time (busy, buffer, room_busy, host_busy, load_limit,
//   group/rooms/hosts short) are "slot_unavailable"; any other violation makes it "booking_invalid"; both list the
//   violations and warnings.
// - Idempotency-Key (required for Book, optional for Reschedule/Cancel; 1–255 visible ASCII characters): the same key
//   with the same body answers the stored outcome (replayed = true); with another body "idempotency_key_reused"; while
//   the first request still runs, a repeat waits for it (up to kInFlightWait) and then answers its outcome — or
//   "idempotency_in_flight". Outcomes are kept ≥ 24 h. An outcome that is the server's fault (IsServerFault: storage,
//   providers) stores nothing, so a retry runs again. A new booking's outcome is
//   stored in the same transaction as the booking.
// - Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/booking_outcome.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"
#include "store/directory_store.h"
#include "store/interview_store.h"

namespace slotwise {

class BookingService {
 public:
  static constexpr std::chrono::seconds kInFlightWait{10};

  using Clock = std::function<std::int64_t()>;
  // Builds the engine's "validate" document for `tenant_id` from a query and a booking (fresh provider data plus
  // Slotwise's holds except those of `except_interview_id`). Errors keep the gathering's codes.
  using ValidationDocuments = std::function<Result<nlohmann::json>(
      const std::string& tenant_id, const nlohmann::json& query, const nlohmann::json& booking, std::int64_t now,
      const std::string& except_interview_id)>;

  BookingService(DirectoryStore& directory, InterviewStore& interviews, ZoneSource& zones,
                 ValidationDocuments documents, Clock clock, std::function<void()> outbox_wake);

  // POST /v1/interviews with the request's JSON body (booking_request.h): created = true on success. `except_held_by`:
  // a proposal's id when booking one of its times — its own tentative holds do not count (calendar_gatherer.h).
  BookingOutcome Book(const std::string& tenant_id, const std::string& idempotency_key, const nlohmann::json& body,
                      const std::string& except_held_by = "");
  // Book's checks without booking (nothing is written): bookable, or the refusal Book would answer now. With
  // `except_interview_id`, as if that interview were moved there (its own holds and events do not count).
  Result<Bookability> Check(const std::string& tenant_id, const nlohmann::json& body,
                            const std::string& except_interview_id = "");
  // PATCH /v1/interviews/{id} with its JSON body: the interview as moved/changed.
  BookingOutcome Reschedule(const std::string& tenant_id, const std::string& interview_id,
                            const std::string& idempotency_key, const nlohmann::json& patch);
  // DELETE /v1/interviews/{id}; `body` is {} or {"reason"?: "<for the candidate, ≤ 2000 bytes>"}.
  BookingOutcome Cancel(const std::string& tenant_id, const std::string& interview_id,
                        const std::string& idempotency_key, const nlohmann::json& body);
  // POST /v1/interviews/{id}/external_change {"action": "accept" | "restore"}: resolves what a sync flagged
  // (interview_model.h BookedObject), the most severe flag first. accept — a move becomes the interview's time
  // (reschedule without the engine's checks: the people already moved it; other interviews' holds still refuse it;
  // the candidate gets an update, SEQUENCE + 1), a deletion cancels it, a declined room is dropped; restore — the
  // outbox puts the event back as booked (InterviewStore::CommitRestore; the candidate's invitation already says the
  // booked time, so nothing is sent to them; a deleted one cannot be restored). 409 no_external_change when nothing
  // (resolvable) is flagged. The history entry's detail says {"external_change": {"action", "decided_by": "request"}}.
  BookingOutcome ResolveExternalChange(const std::string& tenant_id, const std::string& interview_id,
                                       const std::string& idempotency_key, const nlohmann::json& body);
  // What the sync calls when it newly flags an interview: the tenant's policies.external_changes
  // (external_change_policy.h) resolves the flag as ResolveExternalChange would ("decided_by": "policy"). nullopt
  // when the policy asks (nothing done); otherwise the outcome (a refusal, e.g. slot_taken, leaves the flag for a person).
  std::optional<BookingOutcome> ApplyExternalChangePolicy(const std::string& tenant_id, const std::string& interview_id);
  Result<Interview> Get(const std::string& tenant_id, const std::string& interview_id);
  // Interviews starting in [from, to) (unbounded where nullopt), ordered by (start, id), at most `limit`, and only
  // those after `after` when given (keyset paging, InterviewStore::ListInterviews).
  Result<std::vector<Interview>> List(const std::string& tenant_id, std::optional<Instant> from,
                                      std::optional<Instant> to, int limit,
                                      const std::optional<InterviewPosition>& after);
  Result<std::vector<HistoryEntry>> History(const std::string& tenant_id, const std::string& interview_id);
  // What the providers hold for the interview and whether each is still as booked (interview_model.h BookedObject).
  Result<std::vector<BookedObject>> Tracking(const std::string& tenant_id, const std::string& interview_id);

 private:
  // Runs `work` under the idempotency rules above for `operation` (an empty key runs it plainly). `work` sets
  // `stored` when its own commit already stored the outcome.
  BookingOutcome WithIdempotency(const std::string& tenant_id, const std::string& key, const std::string& operation,
                                 const std::string& fingerprint,
                                 const std::function<BookingOutcome(bool& stored)>& work);
  // The accept/restore of a flagged interview (see ResolveExternalChange); `decided_by` "request" | "policy".
  BookingOutcome ApplyExternalChangeAction(const std::string& tenant_id, const std::string& interview_id,
                                           const std::string& action, const std::string& decided_by);
  // Checks that everyone and everything named exists in the tenant's directory and fills defaults; returns the
  // zone the booking's query defaults to.
  Result<std::string> Resolve(const std::string& tenant_id, InterviewSpec& spec);
  // The refusal of the engine or of other interviews' holds, nullopt when bookable; an Error when it cannot tell.
  Result<std::optional<BookingRefusal>> Refusal(const std::string& tenant_id, const InterviewSpec& spec,
                                                const nlohmann::json& rules, const std::string& default_zone,
                                                const std::string& except_interview_id);

  DirectoryStore& directory_;
  InterviewStore& interviews_;
  ZoneSource& zones_;
  ValidationDocuments documents_;
  Clock clock_;
  std::function<void()> outbox_wake_;
  std::mutex finished_mutex_;
  std::condition_variable finished_;  // notified whenever a claimed key completes
};

}  // namespace slotwise
