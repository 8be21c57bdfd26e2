// sqlite_interview_store.cpp — see sqlite_interview_store.h.
//
// [SECTION] row reading (statements and transactions: sqlite_query.h)
// [SECTION] idempotency keys
// [SECTION] interviews: commits with conflict checks, reads, status
// [SECTION] outbox and step journal
#include "store/sqlite_interview_store.h"

#include <sqlite3.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"
#include "store/interview_json.h"
#include "store/lifecycle_events.h"
#include "store/outbox_rows.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

// Runs a statement without rows; true once it ran.
Result<bool> Run(sqlite3* db, std::string_view sql, const std::vector<SqlValue>& args) {
  Result<int> changed = Exec(db, sql, args);
  if (!changed) return changed.error();
  return true;
}

constexpr const char* kInterviewColumns =
    "id, tenant_id, status, failure_reason, spec, sequence, artifacts, created_at, updated_at";

Result<Interview> ReadInterview(SqlRow& row) {
  Interview interview;
  interview.id = row.Text();
  interview.tenant_id = row.Text();
  std::optional<InterviewStatus> status = ParseInterviewStatus(row.Text());
  if (!status) return Error{codes::kStorageError, "interview " + interview.id + " has an unknown status", ""};
  interview.status = *status;
  interview.failure_reason = row.Text();
  json spec_json = slotwise::ParseJson(row.Text());
  if (spec_json.is_discarded()) return Error{codes::kStorageError, "interview " + interview.id + " has an unreadable spec", ""};
  Result<InterviewSpec> spec = SpecFromJson(spec_json);
  if (!spec) return spec.error();
  interview.spec = std::move(spec).value();
  interview.sequence = row.Int();
  interview.artifacts_json = row.Text();
  interview.created_at = row.Int();
  interview.updated_at = row.Int();
  return interview;
}

// Appends the history entry and, for an action that makes a lifecycle event (store/lifecycle_events.h), the event —
// in the caller's transaction, after it changed the interview row, so the event reports the row as committed.
Result<bool> AppendHistory(sqlite3* db, const std::string& interview_id, std::int64_t at, std::string_view action,
                           const std::string& detail_json) {
  if (Result<bool> noted = Run(db, "INSERT INTO interview_history (interview_id, at, action, detail) VALUES (?, ?, ?, ?);",
                               {interview_id, at, std::string(action), detail_json});
      !noted) {
    return noted.error();
  }
  const std::optional<std::string_view> type = lifecycle_events::TypeForHistoryAction(action);
  if (!type) return true;
  struct Row {
    std::string tenant_id, status;
    std::int64_t start = 0, end = 0, sequence = 0;
  };
  Result<std::optional<Row>> row = First(Query<Row>(
      db, "SELECT tenant_id, status, start_at, end_at, sequence FROM interviews WHERE id = ?;", {interview_id},
      [](SqlRow& r) { return Row{r.Text(), r.Text(), r.Int(), r.Int(), r.Int()}; }));
  if (!row) return row.error();
  if (!row->has_value()) return Error{codes::kStorageError, "the interview of a history entry is missing", ""};
  json data = slotwise::ParseJson(detail_json);
  if (!data.is_object()) data = json::object();
  data["interview_id"] = interview_id;
  data["status"] = (*row)->status;
  data["start"] = FormatRfc3339((*row)->start);
  data["end"] = FormatRfc3339((*row)->end);
  data["sequence"] = (*row)->sequence;
  Result<std::int64_t> event =
      lifecycle_events::AppendLifecycleEvent(db, (*row)->tenant_id, *type, interview_id, data, at);
  if (!event) return event.error();
  return true;
}

Result<bool> EnqueueJob(sqlite3* db, const Interview& interview, OutboxKind kind, std::int64_t now,
                        const std::string& payload_json) {
  return InsertOutboxJob(db, interview.tenant_id, interview.id, kind, now, payload_json);
}

// The holds of other interviews in the way of `resources` over `window`.
Result<std::vector<Hold>> FindHolds(sqlite3* db, const std::string& tenant_id, const std::vector<std::string>& resources,
                                    Interval window, const std::string& except_interview_id) {
  Result<PreparedSql> select =
      PreparedSql::Prepare(db,
                           "SELECT resource, interview_id, start_at, end_at FROM interview_holds "
                           "WHERE tenant_id = ? AND resource = ? AND start_at < ? AND end_at > ? AND interview_id <> ? "
                           "ORDER BY start_at;");
  if (!select) return select.error();
  std::vector<Hold> holds;
  for (const std::string& resource : resources) {
    Result<std::vector<Hold>> found =
        select->Query<Hold>({tenant_id, resource, window.end, window.start, except_interview_id}, [](SqlRow& row) {
          return Hold{row.Text(), row.Text(), row.Int(), row.Int()};
        });
    if (!found) return found.error();
    holds.insert(holds.end(), found->begin(), found->end());
  }
  return holds;
}

Result<bool> ReplaceHolds(sqlite3* db, const Interview& interview, const std::vector<std::string>& resources) {
  if (Result<bool> removed = Run(db, "DELETE FROM interview_holds WHERE interview_id = ?;", {interview.id}); !removed) {
    return removed;
  }
  Result<PreparedSql> insert = PreparedSql::Prepare(
      db,
      "INSERT OR IGNORE INTO interview_holds (interview_id, tenant_id, resource, start_at, end_at) "
      "VALUES (?, ?, ?, ?, ?);");
  if (!insert) return insert.error();
  for (const std::string& resource : resources) {
    Result<int> inserted =
        insert->Exec({interview.id, interview.tenant_id, resource, interview.spec.start, interview.spec.end});
    if (!inserted) return inserted.error();
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

namespace {
// A row of idempotency_keys as ClaimIdempotencyKey reads it.
struct StoredKey {
  std::string operation, request_hash, state;
  std::int64_t status = 0;
  std::string body;
  std::int64_t claimed_at = 0;
};
}  // namespace

Result<IdempotencyClaim> SqliteInterviewStore::ClaimIdempotencyKey(const IdempotencyRequest& request) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<std::optional<StoredKey>> found =
      First(Query<StoredKey>(db,
                             "SELECT operation, request_hash, state, status, body, claimed_at FROM idempotency_keys "
                             "WHERE tenant_id = ? AND key = ?;",
                             {request.tenant_id, request.key}, [](SqlRow& row) {
                               return StoredKey{row.Text(), row.Text(), row.Text(), row.Int(), row.Text(), row.Int()};
                             }));
  if (!found) return found.error();
  IdempotencyClaim claim;
  if (const std::optional<StoredKey>& stored = found.value()) {
    if (stored->operation != request.operation || stored->request_hash != request.request_hash) {
      claim.outcome = ClaimOutcome::kMismatch;
      return claim;
    }
    if (stored->state == "done") {
      claim.outcome = ClaimOutcome::kReplay;
      claim.stored.kind = static_cast<int>(stored->status);
      claim.stored.body = stored->body;
      return claim;
    }
    if (stored->claimed_at + request.lease_seconds > request.now) {
      claim.outcome = ClaimOutcome::kInFlight;
      return claim;
    }
  }
  Result<bool> stored = Run(db,
                            "INSERT OR REPLACE INTO idempotency_keys (tenant_id, key, operation, request_hash, state, "
                            "claimed_at, expires_at) VALUES (?, ?, ?, ?, 'in_flight', ?, ?);",
                            {request.tenant_id, request.key, request.operation, request.request_hash, request.now,
                             request.now + request.keep_seconds});
  if (!stored) return stored.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  claim.outcome = ClaimOutcome::kClaimed;
  return claim;
}

namespace {
Result<bool> MarkKeyDone(sqlite3* db, const std::string& tenant_id, const std::string& key,
                         const StoredResponse& response) {
  return Run(db, "UPDATE idempotency_keys SET state = 'done', status = ?, body = ? WHERE tenant_id = ? AND key = ?;",
             {static_cast<std::int64_t>(response.kind), response.body, tenant_id, key});
}
}  // namespace

Result<bool> SqliteInterviewStore::StoreIdempotentResponse(const std::string& tenant_id, const std::string& key,
                                                           const StoredResponse& response) {
  std::lock_guard lock(write_mutex_);
  return MarkKeyDone(writer_->handle(), tenant_id, key, response);
}

Result<bool> SqliteInterviewStore::ReleaseIdempotencyKey(const std::string& tenant_id, const std::string& key) {
  std::lock_guard lock(write_mutex_);
  return Run(writer_->handle(), "DELETE FROM idempotency_keys WHERE tenant_id = ? AND key = ? AND state = 'in_flight';",
             {tenant_id, key});
}

Result<int> SqliteInterviewStore::ReleaseInFlightKeys() {
  std::lock_guard lock(write_mutex_);
  return Exec(writer_->handle(), "DELETE FROM idempotency_keys WHERE state = 'in_flight';", {});
}

Result<int> SqliteInterviewStore::PurgeIdempotencyKeys(std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  return Exec(writer_->handle(), "DELETE FROM idempotency_keys WHERE state = 'done' AND expires_at <= ?;", {now});
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
  Result<bool> inserted =
      Run(db,
          "INSERT INTO interviews (id, tenant_id, status, spec, start_at, end_at, sequence, "
          "artifacts, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?);",
          {interview.id, interview.tenant_id, SpecToJson(interview.spec).dump(), interview.spec.start,
           interview.spec.end, interview.sequence, interview.artifacts_json, now, now});
  if (!inserted) return inserted.error();
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
  Result<int> changed =
      Exec(db,
           "UPDATE interviews SET status = 'pending', failure_reason = '', spec = ?, start_at = ?, "
           "end_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ? AND tenant_id = ? AND "
           "status IN ('pending', 'confirmed');",
           {SpecToJson(updated.spec).dump(), updated.spec.start, updated.spec.end, now, updated.id, updated.tenant_id});
  if (!changed) return changed.error();
  if (*changed != 1) return Error{codes::kNotFound, "no active interview " + updated.id, "id"};
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
                                                     std::int64_t now, const std::string& reason,
                                                     const std::optional<std::string>& candidate_message) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<int> changed = Exec(db,
                             "UPDATE interviews SET status = 'cancelled', failure_reason = ?, sequence = sequence + 1, "
                             "updated_at = ? WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'confirmed');",
                             {reason, now, interview_id, tenant_id});
  if (!changed) return changed.error();
  if (*changed != 1) return Error{codes::kNotFound, "no active interview " + interview_id, "id"};
  if (candidate_message) {
    Result<bool> noted = Run(db, "UPDATE interviews SET spec = json_set(spec, '$.candidate_message', ?) WHERE id = ?;",
                             {*candidate_message, interview_id});
    if (!noted) return noted.error();
  }
  if (Result<bool> released = Run(db, "DELETE FROM interview_holds WHERE interview_id = ?;", {interview_id});
      !released) {
    return released.error();
  }
  if (Result<bool> noted = AppendHistory(db, interview_id, now, "cancelled", json{{"reason", reason}}.dump()); !noted) {
    return noted.error();
  }
  Result<std::optional<Interview>> interview =
      First(Query<Interview>(db, std::string("SELECT ") + kInterviewColumns + " FROM interviews WHERE id = ?;",
                             {interview_id}, ReadInterview));
  if (!interview) return interview.error();
  if (!interview->has_value()) return Error{codes::kStorageError, "the cancelled interview could not be read back", ""};
  if (Result<bool> queued = EnqueueJob(db, **interview, OutboxKind::kCancel, now, "{}"); !queued) return queued.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return std::move(*interview).value();
}

Result<Interview> SqliteInterviewStore::CommitRestore(const std::string& tenant_id, const std::string& interview_id,
                                                      std::int64_t now, const std::string& history_detail_json) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<int> changed = Exec(db,
                             "UPDATE interviews SET status = 'pending', failure_reason = '', updated_at = ? "
                             "WHERE id = ? AND tenant_id = ? AND status = 'confirmed';",
                             {now, interview_id, tenant_id});
  if (!changed) return changed.error();
  if (*changed != 1) return Error{codes::kNotFound, "no confirmed interview " + interview_id, "id"};
  if (Result<bool> noted = AppendHistory(db, interview_id, now, "restored", history_detail_json); !noted) {
    return noted.error();
  }
  Result<std::optional<Interview>> interview =
      First(Query<Interview>(db, std::string("SELECT ") + kInterviewColumns + " FROM interviews WHERE id = ?;",
                             {interview_id}, ReadInterview));
  if (!interview) return interview.error();
  if (!interview->has_value()) return Error{codes::kStorageError, "the restored interview could not be read back", ""};
  if (Result<bool> queued = EnqueueJob(db, **interview, OutboxKind::kReschedule, now, json{{"candidate", false}}.dump());
      !queued) {
    return queued.error();
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return std::move(*interview).value();
}

Result<std::optional<Interview>> SqliteInterviewStore::GetInterview(const std::string& tenant_id,
                                                                    const std::string& id) {
  std::lock_guard lock(read_mutex_);
  return First(
      Query<Interview>(reader_->handle(),
                       std::string("SELECT ") + kInterviewColumns + " FROM interviews WHERE id = ? AND tenant_id = ?;",
                       {id, tenant_id}, ReadInterview));
}

Result<std::vector<Interview>> SqliteInterviewStore::ListInterviews(const std::string& tenant_id, std::int64_t from,
                                                                    std::int64_t to, int limit,
                                                                    const std::optional<InterviewPosition>& after) {
  std::lock_guard lock(read_mutex_);
  // After (s, i): start_at > s, or start_at = s and id > i — a range scan of interviews_by_tenant_time_id from
  // max(from, s). The first page is "after (from, '')", which every row of the range (ids are never empty) follows.
  const InterviewPosition start = after.value_or(InterviewPosition{from, ""});
  return Query<Interview>(reader_->handle(),
                          std::string("SELECT ") + kInterviewColumns +
                              " FROM interviews WHERE tenant_id = ? AND start_at >= ? AND start_at < ? "
                              "AND (start_at > ? OR id > ?) ORDER BY start_at, id LIMIT ?;",
                          {tenant_id, std::max(from, start.start_at), to, start.start_at, start.id,
                           static_cast<std::int64_t>(limit)},
                          ReadInterview);
}

Result<std::vector<HistoryEntry>> SqliteInterviewStore::History(const std::string& interview_id) {
  std::lock_guard lock(read_mutex_);
  return Query<HistoryEntry>(reader_->handle(),
                             "SELECT at, action, detail FROM interview_history WHERE interview_id = ? ORDER BY id;",
                             {interview_id}, [](SqlRow& row) {
                               return HistoryEntry{row.Int(), row.Text(), row.Text()};
                             });
}

Result<bool> SqliteInterviewStore::SetStatus(const std::string& interview_id, InterviewStatus status,
                                             const std::string& reason, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  // The outbox confirms or fails only a pending interview (a cancel that came in meanwhile wins).
  const bool from_pending = status == InterviewStatus::kConfirmed || status == InterviewStatus::kFailed;
  Result<int> changed = Exec(db,
                             std::string("UPDATE interviews SET status = ?, failure_reason = ?, updated_at = ? WHERE "
                                         "id = ?") +
                                 (from_pending ? " AND status = 'pending';" : ";"),
                             {std::string(InterviewStatusName(status)), reason, now, interview_id});
  if (!changed) return changed.error();
  if (*changed != 1) return false;
  if (status == InterviewStatus::kFailed || status == InterviewStatus::kCancelled) {
    if (Result<bool> released = Run(db, "DELETE FROM interview_holds WHERE interview_id = ?;", {interview_id});
        !released) {
      return released.error();
    }
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
  return Run(writer_->handle(), "UPDATE interviews SET artifacts = ?, updated_at = ? WHERE id = ?;",
             {artifacts_json, now, interview_id});
}

Result<std::vector<Hold>> SqliteInterviewStore::ActiveHolds(const std::string& tenant_id,
                                                            const std::vector<std::string>& resources, Interval window,
                                                            const std::string& except_interview_id) {
  std::lock_guard lock(read_mutex_);
  return FindHolds(reader_->handle(), tenant_id, resources, window, except_interview_id);
}

Result<std::vector<Hold>> SqliteInterviewStore::TentativeHoldsOf(const std::string& tenant_id,
                                                                 const std::string& proposal_id) {
  std::lock_guard lock(read_mutex_);
  // The hold journal (booking/proposal_holds.h): "hold:<n>" started = being made (the provider may have it already),
  // done = made, done with "error" = none made; "released:<n>" done = removed again. The
  // proposal's hold job names its tenant (the journal itself has no tenant column). An interview a proposal booked is
  // named by that proposal's release job: until the release is done, the interview's checks leave the holds out too.
  Result<std::vector<std::string>> made = Query<std::string>(
      reader_->handle(),
      "WITH subjects (id) AS (SELECT ?1 UNION SELECT o.interview_id FROM outbox o WHERE o.kind = 'release' "
      "  AND o.tenant_id = ?2 AND ?1 <> '' AND json_extract(o.payload, '$.interview_id') = ?1) "
      "SELECT s.data FROM outbox_steps s JOIN subjects ON s.interview_id = subjects.id "
      "WHERE s.step LIKE 'hold:%' "
      "AND NOT EXISTS (SELECT 1 FROM outbox_steps r WHERE r.interview_id = s.interview_id "
      "  AND r.step = 'released:' || substr(s.step, 6) AND r.state = 'done') "
      "AND EXISTS (SELECT 1 FROM outbox o WHERE o.interview_id = s.interview_id AND o.tenant_id = ?2 AND o.kind = 'hold')",
      {proposal_id, tenant_id}, [](SqlRow& row) { return row.Text(); });
  if (!made) return made.error();
  std::vector<Hold> holds;
  for (const std::string& text : *made) {
    const json data = slotwise::ParseJson(text);
    if (!data.is_object() || !data.contains("start") || !data.contains("end")) continue;
    if (data.contains("error")) continue;  // this calendar got no hold
    const Instant start = data.value("start", Instant{0}), end = data.value("end", Instant{0});
    holds.push_back(Hold{PersonResource(data.value("calendar", "")), proposal_id, start, end});
    if (const std::string room = data.value("room", ""); !room.empty()) {
      holds.push_back(Hold{RoomResource(room), proposal_id, start, end});
    }
  }
  return holds;
}

// [SECTION] outbox and step journal

namespace {
// An outbox row as ClaimNextJob hands it out: its attempt counted.
Result<OutboxJob> ReadClaimedJob(SqlRow& row) {
  OutboxJob job;
  job.id = row.Int();
  job.tenant_id = row.Text();
  job.interview_id = row.Text();
  std::optional<OutboxKind> kind = ParseOutboxKind(row.Text());
  if (!kind) return Error{codes::kStorageError, "outbox job " + std::to_string(job.id) + " has an unknown kind", ""};
  job.kind = *kind;
  job.attempts = row.Int() + 1;
  job.last_error = row.Text();
  job.payload_json = row.Text();
  return job;
}
}  // namespace

Result<std::optional<OutboxJob>> SqliteInterviewStore::ClaimNextJob(std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<std::optional<OutboxJob>> job = First(Query<OutboxJob>(
      db,
      "SELECT o.id, o.tenant_id, o.interview_id, o.kind, o.attempts, o.last_error, o.payload FROM outbox o "
      "WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM outbox p "
      "WHERE p.interview_id = o.interview_id AND p.id < o.id AND p.state IN ('pending', 'running')) "
      "ORDER BY o.next_attempt_at, o.id LIMIT 1;",
      {now}, ReadClaimedJob));
  if (!job || !job->has_value()) return job;
  Result<bool> changed =
      Run(db, "UPDATE outbox SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?;",
          {now, (*job)->id});
  if (!changed) return changed.error();
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return job;
}

namespace {
Result<bool> UpdateJob(sqlite3* db, std::int64_t job_id, std::string_view state, std::int64_t next_attempt_at,
                       const std::string& error, std::int64_t now) {
  Result<int> changed =
      Exec(db, "UPDATE outbox SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?;",
           {std::string(state), next_attempt_at, error, now, job_id});
  if (!changed) return changed.error();
  if (*changed != 1) return Error{codes::kNotFound, "no outbox job " + std::to_string(job_id), ""};
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
  return Exec(writer_->handle(),
              "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'running';",
              {now, now});
}

Result<int> SqliteInterviewStore::CountUnfinishedJobs() {
  std::lock_guard lock(read_mutex_);
  Result<std::optional<std::int64_t>> count =
      First(Query<std::int64_t>(reader_->handle(), "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'running');",
                                {}, [](SqlRow& row) { return row.Int(); }));
  if (!count) return count.error();
  return static_cast<int>(count->value_or(0));
}

Result<OutboxBacklog> SqliteInterviewStore::Backlog(std::int64_t now) {
  std::lock_guard lock(read_mutex_);
  // Finished jobs ('done') are many and uninteresting; the due index (state, next_attempt_at) serves the rest.
  Result<std::optional<OutboxBacklog>> backlog = First(Query<OutboxBacklog>(
      reader_->handle(),
      "SELECT"
      "  (SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1),"
      "  (SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND next_attempt_at > ?1),"
      "  (SELECT COUNT(*) FROM outbox WHERE state = 'running'),"
      "  (SELECT COUNT(*) FROM outbox WHERE state = 'dead'),"
      "  (SELECT COALESCE(MIN(next_attempt_at), 0) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1);",
      {now}, [](SqlRow& row) {
        OutboxBacklog counted;
        counted.due = static_cast<int>(row.Int());
        counted.waiting = static_cast<int>(row.Int());
        counted.running = static_cast<int>(row.Int());
        counted.dead = static_cast<int>(row.Int());
        counted.oldest_due_at = row.Int();
        return counted;
      }));
  if (!backlog) return backlog.error();
  return backlog->value_or(OutboxBacklog{});
}

Result<std::optional<StepRecord>> SqliteInterviewStore::GetStep(const std::string& interview_id,
                                                                const std::string& step) {
  std::lock_guard lock(write_mutex_);  // the journal is read by the worker right before it writes: one connection
  return First(Query<StepRecord>(
      writer_->handle(), "SELECT state, data, updated_at FROM outbox_steps WHERE interview_id = ? AND step = ?;",
      {interview_id, step}, [&step](SqlRow& row) {
        return StepRecord{step, row.Text(), row.Text(), row.Int()};
      }));
}

Result<bool> SqliteInterviewStore::PutStep(const std::string& interview_id, const StepRecord& record,
                                           const TrackingChange& tracking) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<bool> written = Run(
      db, "INSERT OR REPLACE INTO outbox_steps (interview_id, step, state, data, updated_at) VALUES (?, ?, ?, ?, ?);",
      {interview_id, record.step, record.state, record.data_json, record.updated_at});
  if (!written) return written;
  if (!tracking.untrack.empty()) {
    Result<bool> removed =
        Run(db, "DELETE FROM booked_objects WHERE interview_id = ? AND object = ?;", {interview_id, tracking.untrack});
    if (!removed) return removed;
  }
  if (tracking.track) {
    const BookedObject& object = *tracking.track;
    if (object.interview_id != interview_id || object.provider_object_id.empty() ||
        object.expected_end <= object.expected_start) {
      return Error{codes::kInvalidRequest, "a booked object needs its interview, a provider id and a time", ""};
    }
    Result<bool> tracked = Run(
        db,
        "INSERT INTO booked_objects (interview_id, object, tenant_id, provider, calendar_id, provider_object_id, "
        "expected_start, expected_end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (interview_id, object) DO UPDATE SET provider = excluded.provider, "
        "calendar_id = excluded.calendar_id, provider_object_id = excluded.provider_object_id, "
        "expected_start = excluded.expected_start, expected_end = excluded.expected_end, flag = '', detail = '', "
        "flagged_at = 0, observed_start = 0, observed_end = 0, attendee_change = '';",
        {interview_id, object.object, object.tenant_id, object.provider, object.calendar_id, object.provider_object_id,
         object.expected_start, object.expected_end, record.updated_at});
    if (!tracked) return tracked;
  }
  return transaction.Commit();
}

// [SECTION] booked objects

namespace {

constexpr const char* kBookedColumns =
    "interview_id, object, tenant_id, provider, calendar_id, provider_object_id, expected_start, expected_end, flag, "
    "detail, flagged_at, checked_at, observed_start, observed_end, attendee_change";

BookedObject ReadBookedObject(SqlRow& row) {
  BookedObject object;
  object.interview_id = row.Text();
  object.object = row.Text();
  object.tenant_id = row.Text();
  object.provider = row.Text();
  object.calendar_id = row.Text();
  object.provider_object_id = row.Text();
  object.expected_start = row.Int();
  object.expected_end = row.Int();
  object.flag = row.Text();
  object.detail = row.Text();
  object.flagged_at = row.Int();
  object.checked_at = row.Int();
  object.observed_start = row.Int();
  object.observed_end = row.Int();
  // A stored change that does not read (it cannot: only AttendeeChangeToJson writes it) shows as none.
  if (Result<AttendeeChange> change = AttendeeChangeFromJson(slotwise::ParseJson(row.Text()))) {
    object.attendees = std::move(change).value();
  }
  return object;
}

}  // namespace

Result<std::vector<BookedObject>> SqliteInterviewStore::BookedObjectsOf(const std::string& interview_id) {
  std::lock_guard lock(read_mutex_);
  return Query<BookedObject>(reader_->handle(),
                             std::string("SELECT ") + kBookedColumns +
                                 " FROM booked_objects WHERE interview_id = ? ORDER BY object;",
                             {interview_id}, ReadBookedObject);
}

Result<std::vector<BookedObject>> SqliteInterviewStore::BookedObjectsOn(const std::string& tenant_id,
                                                                        const std::string& provider,
                                                                        const std::string& calendar_id) {
  std::lock_guard lock(read_mutex_);
  return Query<BookedObject>(reader_->handle(),
                             std::string("SELECT ") + kBookedColumns +
                                 " FROM booked_objects WHERE tenant_id = ? AND provider = ? AND calendar_id = ? "
                                 "COLLATE NOCASE ORDER BY expected_start, interview_id, object;",
                             {tenant_id, provider, calendar_id}, ReadBookedObject);
}

Result<std::vector<BookedObject>> SqliteInterviewStore::BookedObjectsWithId(const std::string& provider,
                                                                            const std::string& provider_object_id) {
  std::lock_guard lock(read_mutex_);
  return Query<BookedObject>(reader_->handle(),
                             std::string("SELECT ") + kBookedColumns +
                                 " FROM booked_objects WHERE provider_object_id = ? AND provider = ? "
                                 "ORDER BY interview_id, object;",
                             {provider_object_id, provider}, ReadBookedObject);
}

Result<std::vector<BookedObject>> SqliteInterviewStore::BookedObjectsDue(std::int64_t now, std::int64_t checked_before,
                                                                         int limit) {
  std::lock_guard lock(read_mutex_);
  return Query<BookedObject>(reader_->handle(),
                             std::string("SELECT ") + kBookedColumns +
                                 " FROM booked_objects WHERE expected_end > ? AND checked_at < ? "
                                 "ORDER BY checked_at, interview_id, object LIMIT ?;",
                             {now, checked_before, static_cast<std::int64_t>(limit)}, ReadBookedObject);
}

Result<std::vector<BookedCalendar>> SqliteInterviewStore::BookedCalendars(std::int64_t now) {
  std::lock_guard lock(read_mutex_);
  return Query<BookedCalendar>(reader_->handle(),
                               "SELECT tenant_id, provider, MIN(calendar_id) FROM booked_objects "
                               "WHERE object = 'event' AND expected_end > ? "
                               "GROUP BY tenant_id, provider, calendar_id COLLATE NOCASE "
                               "ORDER BY tenant_id, provider, calendar_id COLLATE NOCASE;",
                               {now}, [](SqlRow& row) { return BookedCalendar{row.Text(), row.Text(), row.Text()}; });
}

Result<bool> SqliteInterviewStore::RecordObservation(const std::string& interview_id, const std::string& object,
                                                     const Observation& observation, std::int64_t now) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_->handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<std::optional<std::string>> before = First(
      Query<std::string>(db, "SELECT flag FROM booked_objects WHERE interview_id = ? AND object = ?;",
                         {interview_id, object}, [](SqlRow& row) { return row.Text(); }));
  if (!before) return before.error();
  if (!before->has_value()) {
    return Error{codes::kNotFound, "interview " + interview_id + " has no booked " + object, "object"};
  }
  Result<bool> updated = Run(
      db,
      "UPDATE booked_objects SET flagged_at = CASE WHEN ?1 = '' THEN 0 WHEN flag = ?1 THEN flagged_at ELSE ?3 END, "
      "flag = ?1, detail = ?2, checked_at = ?3, observed_start = ?6, observed_end = ?7, attendee_change = ?8 "
      "WHERE interview_id = ?4 AND object = ?5;",
      {observation.flag, observation.detail, now, interview_id, object, observation.observed_start,
       observation.observed_end,
       observation.attendees.empty() ? std::string() : AttendeeChangeToJson(observation.attendees).dump()});
  if (!updated) return updated;
  const bool newly_flagged = !observation.flag.empty() && observation.flag != **before;
  if (newly_flagged) {
    json detail = {{"object", object},
                         {"flag", observation.flag},
                         {"detail", observation.detail},
                         {"observed_start", observation.observed_start},
                         {"observed_end", observation.observed_end}};
    if (!observation.attendees.empty()) detail["attendees"] = AttendeeChangeToJson(observation.attendees);
    if (Result<bool> noted = AppendHistory(db, interview_id, now, "changed_externally", detail.dump()); !noted) {
      return noted;
    }
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed;
  return newly_flagged;
}

}  // namespace slotwise
