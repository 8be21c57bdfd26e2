// sqlite_interview_store.cpp — see sqlite_interview_store.h.
//
// [SECTION] transactions and row reading
// [SECTION] idempotency keys
// [SECTION] interviews: commits with conflict checks, reads, status
// [SECTION] outbox and step journal
#include "store/sqlite_interview_store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "store/interview_json.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

// [SECTION] row reading (transactions: sqlite_query.h)

// Runs a statement that returns no rows.
Result<bool> Run(Statement& statement) {
  Result<bool> step = statement.Step();
  if (!step) return step.error();
  return true;
}

constexpr const char* kInterviewColumns =
    "id, tenant_id, status, failure_reason, spec, sequence, artifacts, created_at, updated_at";

Result<Interview> ReadInterview(const Statement& row) {
  Interview interview;
  interview.id = row.Text(0);
  interview.tenant_id = row.Text(1);
  std::optional<InterviewStatus> status = ParseInterviewStatus(row.Text(2));
  if (!status) return Error{codes::kStorageError, "interview " + interview.id + " has an unknown status", ""};
  interview.status = *status;
  interview.failure_reason = row.Text(3);
  json spec_json = json::parse(row.Text(4), nullptr, false);
  if (spec_json.is_discarded()) return Error{codes::kStorageError, "interview " + interview.id + " has an unreadable spec", ""};
  Result<InterviewSpec> spec = SpecFromJson(spec_json);
  if (!spec) return spec.error();
  interview.spec = std::move(spec).value();
  interview.sequence = row.Int(5);
  interview.artifacts_json = row.Text(6);
  interview.created_at = row.Int(7);
  interview.updated_at = row.Int(8);
  return interview;
}

Result<bool> AppendHistory(sqlite3* db, const std::string& interview_id, std::int64_t at, std::string_view action,
                           const std::string& detail_json) {
  Result<Statement> insert =
      Statement::Prepare(db, "INSERT INTO interview_history (interview_id, at, action, detail) VALUES (?, ?, ?, ?);");
  if (!insert) return insert.error();
  insert->Bind(1, interview_id).Bind(2, at).Bind(3, action).Bind(4, detail_json);
  return Run(*insert);
}

Result<bool> EnqueueJob(sqlite3* db, const Interview& interview, OutboxKind kind, std::int64_t now,
                        const std::string& payload_json) {
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO outbox (tenant_id, interview_id, kind, state, next_attempt_at, payload, created_at, updated_at) "
          "VALUES (?, ?, ?, 'pending', ?, ?, ?, ?);");
  if (!insert) return insert.error();
  insert->Bind(1, interview.tenant_id).Bind(2, interview.id).Bind(3, OutboxKindName(kind)).Bind(4, now);
  insert->Bind(5, payload_json).Bind(6, now).Bind(7, now);
  return Run(*insert);
}

// The holds of other interviews in the way of `resources` over `window`.
Result<std::vector<Hold>> FindHolds(sqlite3* db, const std::string& tenant_id, const std::vector<std::string>& resources,
                                    Interval window, const std::string& except_interview_id) {
  std::vector<Hold> holds;
  Result<Statement> select = Statement::Prepare(
      db, "SELECT resource, interview_id, start_at, end_at FROM interview_holds "
          "WHERE tenant_id = ? AND resource = ? AND start_at < ? AND end_at > ? AND interview_id <> ? "
          "ORDER BY start_at;");
  if (!select) return select.error();
  for (const std::string& resource : resources) {
    select->Reset();
    select->Bind(1, tenant_id).Bind(2, resource).Bind(3, window.end).Bind(4, window.start).Bind(5, except_interview_id);
    while (true) {
      Result<bool> row = select->Step();
      if (!row) return row.error();
      if (!*row) break;
      holds.push_back(Hold{select->Text(0), select->Text(1), select->Int(2), select->Int(3)});
    }
  }
  return holds;
}

Result<bool> ReplaceHolds(sqlite3* db, const Interview& interview, const std::vector<std::string>& resources) {
  Result<Statement> remove = Statement::Prepare(db, "DELETE FROM interview_holds WHERE interview_id = ?;");
  if (!remove) return remove.error();
  remove->Bind(1, interview.id);
  if (Result<bool> removed = Run(*remove); !removed) return removed;
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT OR IGNORE INTO interview_holds (interview_id, tenant_id, resource, start_at, end_at) "
          "VALUES (?, ?, ?, ?, ?);");
  if (!insert) return insert.error();
  for (const std::string& resource : resources) {
    insert->Reset();
    insert->Bind(1, interview.id).Bind(2, interview.tenant_id).Bind(3, resource);
    insert->Bind(4, interview.spec.start).Bind(5, interview.spec.end);
    if (Result<bool> inserted = Run(*insert); !inserted) return inserted;
  }
  return true;
}

Interval ConflictWindow(const InterviewSpec& spec) {
  return Interval{spec.start - spec.buffer_before, spec.end + spec.buffer_after};
}

}  // namespace

Result<std::unique_ptr<SqliteInterviewStore>> SqliteInterviewStore::Open(const std::string& path) {
  Result<std::unique_ptr<SqliteStore>> writer = SqliteStore::Open(path);
  if (!writer) return writer.error();
  Result<std::unique_ptr<SqliteStore>> reader = SqliteStore::Open(path);
  if (!reader) return reader.error();
  return std::unique_ptr<SqliteInterviewStore>(
      new SqliteInterviewStore(std::move(writer).value(), std::move(reader).value()));
}

// [SECTION] idempotency keys

Result<IdempotencyClaim> SqliteInterviewStore::ClaimIdempotencyKey(const IdempotencyRequest& request) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<Statement> select = Statement::Prepare(
      db, "SELECT operation, request_hash, state, status, body, claimed_at FROM idempotency_keys "
          "WHERE tenant_id = ? AND key = ?;");
  if (!select) return select.error();
  select->Bind(1, request.tenant_id).Bind(2, request.key);
  Result<bool> found = select->Step();
  if (!found) return found.error();
  IdempotencyClaim claim;
  if (*found) {
    if (select->Text(0) != request.operation || select->Text(1) != request.request_hash) {
      claim.outcome = ClaimOutcome::kMismatch;
      return claim;
    }
    if (select->Text(2) == "done") {
      claim.outcome = ClaimOutcome::kReplay;
      claim.stored.kind = static_cast<int>(select->Int(3));
      claim.stored.body = select->Text(4);
      return claim;
    }
    if (select->Int(5) + request.lease_seconds > request.now) {
      claim.outcome = ClaimOutcome::kInFlight;
      return claim;
    }
  }
  Result<Statement> upsert = Statement::Prepare(
      db, "INSERT OR REPLACE INTO idempotency_keys (tenant_id, key, operation, request_hash, state, claimed_at, "
          "expires_at) VALUES (?, ?, ?, ?, 'in_flight', ?, ?);");
  if (!upsert) return upsert.error();
  upsert->Bind(1, request.tenant_id).Bind(2, request.key).Bind(3, request.operation).Bind(4, request.request_hash);
  upsert->Bind(5, request.now).Bind(6, request.now + request.keep_seconds);
  if (Result<bool> stored = Run(*upsert); !stored) return stored.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  claim.outcome = ClaimOutcome::kClaimed;
  return claim;
}

namespace {
Result<bool> MarkKeyDone(sqlite3* db, const std::string& tenant_id, const std::string& key,
                         const StoredResponse& response) {
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE idempotency_keys SET state = 'done', status = ?, body = ? WHERE tenant_id = ? AND key = ?;");
  if (!update) return update.error();
  update->Bind(1, static_cast<std::int64_t>(response.kind)).Bind(2, response.body).Bind(3, tenant_id).Bind(4, key);
  return Run(*update);
}
}  // namespace

Result<bool> SqliteInterviewStore::StoreIdempotentResponse(const std::string& tenant_id, const std::string& key,
                                                           const StoredResponse& response) {
  std::lock_guard lock(write_mutex_);
  return MarkKeyDone(writer_->handle(), tenant_id, key, response);
}

Result<bool> SqliteInterviewStore::ReleaseIdempotencyKey(const std::string& tenant_id, const std::string& key) {
  std::lock_guard lock(write_mutex_);
  Result<Statement> remove = Statement::Prepare(
      writer_->handle(), "DELETE FROM idempotency_keys WHERE tenant_id = ? AND key = ? AND state = 'in_flight';");
  if (!remove) return remove.error();
  remove->Bind(1, tenant_id).Bind(2, key);
  return Run(*remove);
}

Result<int> SqliteInterviewStore::PurgeIdempotencyKeys(std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  Result<Statement> remove =
      Statement::Prepare(writer_->handle(), "DELETE FROM idempotency_keys WHERE state = 'done' AND expires_at <= ?;");
  if (!remove) return remove.error();
  remove->Bind(1, now);
  if (Result<bool> removed = Run(*remove); !removed) return removed.error();
  return sqlite3_changes(writer_->handle());
}

// [SECTION] interviews: commits with conflict checks, reads, status

Result<CommitOutcome> SqliteInterviewStore::CommitBooking(const Interview& interview,
                                                          const std::vector<std::string>& resources, std::int64_t now,
                                                          const std::optional<IdempotencyRequest>& idempotency,
                                                          const StoredResponse& response) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<std::vector<Hold>> conflicts = FindHolds(db, interview.tenant_id, resources, ConflictWindow(interview.spec), "");
  if (!conflicts) return conflicts.error();
  CommitOutcome outcome;
  if (!conflicts->empty()) {
    outcome.conflicts = std::move(conflicts).value();
    return outcome;
  }
  Result<Statement> insert = Statement::Prepare(
      db, "INSERT INTO interviews (id, tenant_id, status, spec, start_at, end_at, sequence, artifacts, created_at, "
          "updated_at) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?);");
  if (!insert) return insert.error();
  insert->Bind(1, interview.id).Bind(2, interview.tenant_id).Bind(3, SpecToJson(interview.spec).dump());
  insert->Bind(4, interview.spec.start).Bind(5, interview.spec.end).Bind(6, interview.sequence);
  insert->Bind(7, interview.artifacts_json).Bind(8, now).Bind(9, now);
  if (Result<bool> inserted = Run(*insert); !inserted) return inserted.error();
  if (Result<bool> held = ReplaceHolds(db, interview, resources); !held) return held.error();
  if (Result<bool> noted = AppendHistory(db, interview.id, now, "booked", SpecToJson(interview.spec).dump()); !noted) {
    return noted.error();
  }
  if (Result<bool> queued = EnqueueJob(db, interview, OutboxKind::kBook, now, "{}"); !queued) return queued.error();
  if (idempotency) {
    if (Result<bool> done = MarkKeyDone(db, idempotency->tenant_id, idempotency->key, response); !done) {
      return done.error();
    }
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  outcome.committed = true;
  return outcome;
}

Result<CommitOutcome> SqliteInterviewStore::CommitReschedule(const Interview& updated,
                                                             const std::vector<std::string>& resources,
                                                             std::int64_t now, const std::string& history_detail_json) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<std::vector<Hold>> conflicts =
      FindHolds(db, updated.tenant_id, resources, ConflictWindow(updated.spec), updated.id);
  if (!conflicts) return conflicts.error();
  CommitOutcome outcome;
  if (!conflicts->empty()) {
    outcome.conflicts = std::move(conflicts).value();
    return outcome;
  }
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE interviews SET status = 'pending', failure_reason = '', spec = ?, start_at = ?, end_at = ?, "
          "sequence = sequence + 1, updated_at = ? WHERE id = ? AND tenant_id = ? AND status IN ('pending', "
          "'confirmed');");
  if (!update) return update.error();
  update->Bind(1, SpecToJson(updated.spec).dump()).Bind(2, updated.spec.start).Bind(3, updated.spec.end);
  update->Bind(4, now).Bind(5, updated.id).Bind(6, updated.tenant_id);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  if (sqlite3_changes(db) != 1) return Error{codes::kNotFound, "no active interview " + updated.id, "id"};
  if (Result<bool> held = ReplaceHolds(db, updated, resources); !held) return held.error();
  if (Result<bool> noted = AppendHistory(db, updated.id, now, "rescheduled", history_detail_json); !noted) {
    return noted.error();
  }
  if (Result<bool> queued = EnqueueJob(db, updated, OutboxKind::kReschedule, now, "{}"); !queued) return queued.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  outcome.committed = true;
  return outcome;
}

Result<Interview> SqliteInterviewStore::CommitCancel(const std::string& tenant_id, const std::string& interview_id,
                                                     std::int64_t now, const std::string& reason) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE interviews SET status = 'cancelled', failure_reason = ?, sequence = sequence + 1, updated_at = ? "
          "WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'confirmed');");
  if (!update) return update.error();
  update->Bind(1, reason).Bind(2, now).Bind(3, interview_id).Bind(4, tenant_id);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  if (sqlite3_changes(db) != 1) return Error{codes::kNotFound, "no active interview " + interview_id, "id"};
  Result<Statement> release = Statement::Prepare(db, "DELETE FROM interview_holds WHERE interview_id = ?;");
  if (!release) return release.error();
  release->Bind(1, interview_id);
  if (Result<bool> released = Run(*release); !released) return released.error();
  if (Result<bool> noted = AppendHistory(db, interview_id, now, "cancelled", json{{"reason", reason}}.dump()); !noted) {
    return noted.error();
  }
  Result<Statement> select = Statement::Prepare(
      db, std::string("SELECT ") + kInterviewColumns + " FROM interviews WHERE id = ?;");
  if (!select) return select.error();
  select->Bind(1, interview_id);
  if (Result<bool> row = select->Step(); !row || !*row) {
    return Error{codes::kStorageError, "the cancelled interview could not be read back", ""};
  }
  Result<Interview> interview = ReadInterview(*select);
  if (!interview) return interview.error();
  if (Result<bool> queued = EnqueueJob(db, *interview, OutboxKind::kCancel, now, "{}"); !queued) return queued.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return interview;
}

Result<std::optional<Interview>> SqliteInterviewStore::GetInterview(const std::string& tenant_id,
                                                                    const std::string& id) {
  std::lock_guard lock(read_mutex_);
  Result<Statement> select = Statement::Prepare(
      reader_->handle(), std::string("SELECT ") + kInterviewColumns + " FROM interviews WHERE id = ? AND tenant_id = ?;");
  if (!select) return select.error();
  select->Bind(1, id).Bind(2, tenant_id);
  Result<bool> row = select->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Interview>();
  Result<Interview> interview = ReadInterview(*select);
  if (!interview) return interview.error();
  return std::optional<Interview>(std::move(interview).value());
}

Result<std::vector<Interview>> SqliteInterviewStore::ListInterviews(const std::string& tenant_id, std::int64_t from,
                                                                    std::int64_t to, int limit) {
  std::lock_guard lock(read_mutex_);
  Result<Statement> select = Statement::Prepare(
      reader_->handle(), std::string("SELECT ") + kInterviewColumns +
                             " FROM interviews WHERE tenant_id = ? AND start_at >= ? AND start_at < ? "
                             "ORDER BY start_at, id LIMIT ?;");
  if (!select) return select.error();
  select->Bind(1, tenant_id).Bind(2, from).Bind(3, to).Bind(4, static_cast<std::int64_t>(limit));
  std::vector<Interview> interviews;
  while (true) {
    Result<bool> row = select->Step();
    if (!row) return row.error();
    if (!*row) break;
    Result<Interview> interview = ReadInterview(*select);
    if (!interview) return interview.error();
    interviews.push_back(std::move(interview).value());
  }
  return interviews;
}

Result<std::vector<HistoryEntry>> SqliteInterviewStore::History(const std::string& interview_id) {
  std::lock_guard lock(read_mutex_);
  Result<Statement> select = Statement::Prepare(
      reader_->handle(), "SELECT at, action, detail FROM interview_history WHERE interview_id = ? ORDER BY id;");
  if (!select) return select.error();
  select->Bind(1, interview_id);
  std::vector<HistoryEntry> entries;
  while (true) {
    Result<bool> row = select->Step();
    if (!row) return row.error();
    if (!*row) break;
    entries.push_back(HistoryEntry{select->Int(0), select->Text(1), select->Text(2)});
  }
  return entries;
}

Result<bool> SqliteInterviewStore::SetStatus(const std::string& interview_id, InterviewStatus status,
                                             const std::string& reason, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  // The outbox confirms or fails only a pending interview (a cancel that came in meanwhile wins).
  const bool from_pending = status == InterviewStatus::kConfirmed || status == InterviewStatus::kFailed;
  Result<Statement> update = Statement::Prepare(
      db, std::string("UPDATE interviews SET status = ?, failure_reason = ?, updated_at = ? WHERE id = ?") +
              (from_pending ? " AND status = 'pending';" : ";"));
  if (!update) return update.error();
  update->Bind(1, InterviewStatusName(status)).Bind(2, reason).Bind(3, now).Bind(4, interview_id);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  if (sqlite3_changes(db) != 1) return false;
  if (status == InterviewStatus::kFailed || status == InterviewStatus::kCancelled) {
    Result<Statement> release = Statement::Prepare(db, "DELETE FROM interview_holds WHERE interview_id = ?;");
    if (!release) return release.error();
    release->Bind(1, interview_id);
    if (Result<bool> released = Run(*release); !released) return released.error();
  }
  const std::string detail = reason.empty() ? "{}" : json{{"reason", reason}}.dump();
  if (Result<bool> noted = AppendHistory(db, interview_id, now, InterviewStatusName(status), detail); !noted) {
    return noted.error();
  }
  return transaction.Commit();
}

Result<bool> SqliteInterviewStore::SetArtifacts(const std::string& interview_id, const std::string& artifacts_json,
                                                std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  Result<Statement> update =
      Statement::Prepare(writer_->handle(), "UPDATE interviews SET artifacts = ?, updated_at = ? WHERE id = ?;");
  if (!update) return update.error();
  update->Bind(1, artifacts_json).Bind(2, now).Bind(3, interview_id);
  return Run(*update);
}

Result<std::vector<Hold>> SqliteInterviewStore::ActiveHolds(const std::string& tenant_id,
                                                            const std::vector<std::string>& resources, Interval window,
                                                            const std::string& except_interview_id) {
  std::lock_guard lock(read_mutex_);
  return FindHolds(reader_->handle(), tenant_id, resources, window, except_interview_id);
}

// [SECTION] outbox and step journal

Result<std::optional<OutboxJob>> SqliteInterviewStore::ClaimNextJob(std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<Statement> select = Statement::Prepare(
      db, "SELECT o.id, o.tenant_id, o.interview_id, o.kind, o.attempts, o.last_error, o.payload FROM outbox o "
          "WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM outbox p "
          "WHERE p.interview_id = o.interview_id AND p.id < o.id AND p.state IN ('pending', 'running')) "
          "ORDER BY o.next_attempt_at, o.id LIMIT 1;");
  if (!select) return select.error();
  select->Bind(1, now);
  Result<bool> row = select->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<OutboxJob>();
  OutboxJob job;
  job.id = select->Int(0);
  job.tenant_id = select->Text(1);
  job.interview_id = select->Text(2);
  std::optional<OutboxKind> kind = ParseOutboxKind(select->Text(3));
  if (!kind) return Error{codes::kStorageError, "outbox job " + std::to_string(job.id) + " has an unknown kind", ""};
  job.kind = *kind;
  job.attempts = select->Int(4) + 1;
  job.last_error = select->Text(5);
  job.payload_json = select->Text(6);
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE outbox SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?;");
  if (!update) return update.error();
  update->Bind(1, now).Bind(2, job.id);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return std::optional<OutboxJob>(std::move(job));
}

namespace {
Result<bool> UpdateJob(sqlite3* db, std::int64_t job_id, std::string_view state, std::int64_t next_attempt_at,
                       const std::string& error, std::int64_t now) {
  Result<Statement> update = Statement::Prepare(
      db, "UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?;");
  if (!update) return update.error();
  update->Bind(1, state).Bind(2, next_attempt_at).Bind(3, error).Bind(4, now).Bind(5, job_id);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  if (sqlite3_changes(db) != 1) return Error{codes::kNotFound, "no outbox job " + std::to_string(job_id), ""};
  return true;
}
}  // namespace

Result<bool> SqliteInterviewStore::EnqueueMessage(const std::string& tenant_id, const std::string& message_id,
                                                  const std::string& payload_json, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  Interview pseudo;  // a message job is keyed like an interview's, so jobs of one message stay in order
  pseudo.tenant_id = tenant_id;
  pseudo.id = message_id;
  return EnqueueJob(writer_->handle(), pseudo, OutboxKind::kMessage, now, payload_json);
}

Result<bool> SqliteInterviewStore::FinishJob(std::int64_t job_id, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  return UpdateJob(writer_->handle(), job_id, "done", now, "", now);
}

Result<bool> SqliteInterviewStore::RetryJob(std::int64_t job_id, std::int64_t next_attempt_at, const std::string& error,
                                            std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  return UpdateJob(writer_->handle(), job_id, "pending", next_attempt_at, error, now);
}

Result<bool> SqliteInterviewStore::KillJob(std::int64_t job_id, const std::string& error, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  return UpdateJob(writer_->handle(), job_id, "dead", now, error, now);
}

Result<int> SqliteInterviewStore::RequeueRunningJobs(std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  Result<Statement> update = Statement::Prepare(
      writer_->handle(), "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'running';");
  if (!update) return update.error();
  update->Bind(1, now).Bind(2, now);
  if (Result<bool> changed = Run(*update); !changed) return changed.error();
  return sqlite3_changes(writer_->handle());
}

Result<int> SqliteInterviewStore::CountUnfinishedJobs() {
  std::lock_guard lock(read_mutex_);
  Result<Statement> select =
      Statement::Prepare(reader_->handle(), "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'running');");
  if (!select) return select.error();
  Result<bool> row = select->Step();
  if (!row) return row.error();
  return static_cast<int>(select->Int(0));
}

Result<std::optional<StepRecord>> SqliteInterviewStore::GetStep(const std::string& interview_id,
                                                                const std::string& step) {
  std::lock_guard lock(write_mutex_);  // the journal is read by the worker right before it writes: one connection
  Result<Statement> select = Statement::Prepare(
      writer_->handle(), "SELECT state, data, updated_at FROM outbox_steps WHERE interview_id = ? AND step = ?;");
  if (!select) return select.error();
  select->Bind(1, interview_id).Bind(2, step);
  Result<bool> row = select->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<StepRecord>();
  return std::optional<StepRecord>(StepRecord{step, select->Text(0), select->Text(1), select->Int(2)});
}

Result<bool> SqliteInterviewStore::PutStep(const std::string& interview_id, const StepRecord& record) {
  std::lock_guard lock(write_mutex_);
  Result<Statement> upsert = Statement::Prepare(
      writer_->handle(), "INSERT OR REPLACE INTO outbox_steps (interview_id, step, state, data, updated_at) "
                         "VALUES (?, ?, ?, ?, ?);");
  if (!upsert) return upsert.error();
  upsert->Bind(1, interview_id).Bind(2, record.step).Bind(3, record.state).Bind(4, record.data_json);
  upsert->Bind(5, record.updated_at);
  return Run(*upsert);
}

}  // namespace slotwise
