// sqlite_interview_store.h — InterviewStore (interview_store.h) on the embedded SQLite database.
//
// Contract: opens its OWN connections to the database file (one for writes, one for reads), so its multi-statement
// transactions never interleave with statements other stores run on the server's shared handle. Writes are
// serialised by a mutex and run as BEGIN IMMEDIATE transactions (which also serialises writers of other processes
// through SQLite's lock, with the busy timeout); reads run on the read connection (WAL: they never block writers).
// The schema is migration 5 of sqlite_store.cpp. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/interview_store.h"
#include "store/sqlite_store.h"

namespace slotwise {

class SqliteInterviewStore : public InterviewStore {
 public:
  static Result<std::unique_ptr<SqliteInterviewStore>> Open(const std::string& path);

  Result<IdempotencyClaim> ClaimIdempotencyKey(const IdempotencyRequest& request) override;
  Result<bool> StoreIdempotentResponse(const std::string& tenant_id, const std::string& key,
                                       const StoredResponse& response) override;
  Result<bool> ReleaseIdempotencyKey(const std::string& tenant_id, const std::string& key) override;
  Result<int> ReleaseInFlightKeys() override;
  Result<int> PurgeIdempotencyKeys(std::int64_t now) override;

  Result<CommitOutcome> CommitBooking(const Interview& interview, const std::vector<std::string>& resources,
                                      std::int64_t now, const std::optional<IdempotencyRequest>& idempotency,
                                      const StoredResponse& response) override;
  Result<CommitOutcome> CommitReschedule(const Interview& updated, const std::vector<std::string>& resources,
                                         std::int64_t now, const std::string& history_detail_json) override;
  Result<Interview> CommitRestore(const std::string& tenant_id, const std::string& interview_id, std::int64_t now,
                                  const std::string& history_detail_json) override;
  Result<Interview> CommitCancel(const std::string& tenant_id, const std::string& interview_id, std::int64_t now,
                                 const std::string& reason, const std::optional<std::string>& candidate_message) override;

  Result<std::optional<Interview>> GetInterview(const std::string& tenant_id, const std::string& id) override;
  Result<std::vector<Interview>> ListInterviews(const std::string& tenant_id, std::int64_t from, std::int64_t to,
                                                int limit, const std::optional<InterviewPosition>& after) override;
  Result<std::vector<HistoryEntry>> History(const std::string& interview_id) override;
  Result<bool> SetStatus(const std::string& interview_id, InterviewStatus status, const std::string& reason,
                         std::int64_t now) override;
  Result<bool> SetArtifacts(const std::string& interview_id, const std::string& artifacts_json,
                            std::int64_t now) override;

  Result<bool> EnqueueMessage(const std::string& tenant_id, const std::string& message_id,
                              const std::string& payload_json, std::int64_t now) override;
  Result<std::optional<OutboxJob>> ClaimNextJob(std::int64_t now) override;
  Result<bool> FinishJob(std::int64_t job_id, std::int64_t now) override;
  Result<bool> RetryJob(std::int64_t job_id, std::int64_t next_attempt_at, const std::string& error,
                        std::int64_t now) override;
  Result<bool> KillJob(std::int64_t job_id, const std::string& error, std::int64_t now) override;
  Result<int> RequeueRunningJobs(std::int64_t now) override;
  Result<int> CountUnfinishedJobs() override;
  Result<OutboxBacklog> Backlog(std::int64_t now) override;

  Result<std::optional<StepRecord>> GetStep(const std::string& interview_id, const std::string& step) override;
  Result<bool> PutStep(const std::string& interview_id, const StepRecord& record,
                       const TrackingChange& tracking) override;

  Result<std::vector<BookedObject>> BookedObjectsOf(const std::string& interview_id) override;
  Result<std::vector<BookedObject>> BookedObjectsOn(const std::string& tenant_id, const std::string& provider,
                                                    const std::string& calendar_id) override;
  Result<std::vector<BookedObject>> BookedObjectsWithId(const std::string& provider,
                                                        const std::string& provider_object_id) override;
  Result<std::vector<BookedObject>> BookedObjectsDue(std::int64_t now, std::int64_t checked_before,
                                                     int limit) override;
  Result<std::vector<BookedCalendar>> BookedCalendars(std::int64_t now) override;
  Result<bool> RecordObservation(const std::string& interview_id, const std::string& object,
                                 const Observation& observation, std::int64_t now) override;

  Result<std::vector<Hold>> TentativeHoldsOf(const std::string& tenant_id, const std::string& proposal_id) override;
  Result<std::vector<Hold>> ActiveHolds(const std::string& tenant_id, const std::vector<std::string>& resources,
                                        Interval window, const std::string& except_interview_id) override;

 private:
  SqliteInterviewStore(std::unique_ptr<SqliteStore> writer, std::unique_ptr<SqliteStore> reader)
      : writer_(std::move(writer)), reader_(std::move(reader)) {}

  std::unique_ptr<SqliteStore> writer_;
  std::unique_ptr<SqliteStore> reader_;
  std::mutex write_mutex_;
  std::mutex read_mutex_;
};

}  // namespace slotwise
