// proposal_store.cpp — see proposal_store.h.
#include "proposals/proposal_store.h"

#include <nlohmann/json.hpp>

#include "slotwise/json_input.h"
#include "slotwise/time.h"
#include "store/lifecycle_events.h"
#include "store/outbox_rows.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, capability_hash, booking, options, status, interview_id, picked_start, expires_at, created_by, "
    "created_at, updated_at, candidate_availability, candidate_note, holds";

Proposal Read(SqlRow& row) {
  Proposal p;
  p.id = row.Text();
  p.tenant_id = row.Text();
  p.capability_hash = row.Text();
  p.booking_json = row.Text();
  p.options_json = row.Text();
  p.status = row.Text();
  p.interview_id = row.Text();
  p.picked_start = row.Int();
  p.expires_at = row.Int();
  p.created_by = row.Text();
  p.created_at = row.Int();
  p.updated_at = row.Int();
  p.candidate_availability_json = row.Text();
  p.candidate_note = row.Text();
  p.holds = row.Text();
  return p;
}

}  // namespace

Result<bool> SqliteProposalStore::Create(const Proposal& p, const std::string& hold_payload,
                                         const std::string& message_id, const std::string& message_payload) {
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  Result<int> done = Exec(db,
                          std::string("INSERT INTO proposals (") + kColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                          {p.id, p.tenant_id, p.capability_hash, p.booking_json, p.options_json, p.status,
                           p.interview_id, p.picked_start, p.expires_at, p.created_by, p.created_at, p.updated_at,
                           p.candidate_availability_json, p.candidate_note,
                           std::string(hold_payload.empty() ? "none" : "held")});
  if (!done) return done.error();
  if (!hold_payload.empty()) {
    if (Result<bool> queued = InsertOutboxJob(db, p.tenant_id, p.id, OutboxKind::kHold, p.created_at, hold_payload);
        !queued) {
      return queued.error();
    }
  }
  if (!message_payload.empty()) {
    if (Result<bool> queued =
            InsertOutboxJob(db, p.tenant_id, message_id, OutboxKind::kMessage, p.created_at, message_payload);
        !queued) {
      return queued.error();
    }
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return true;
}

Result<std::optional<Proposal>> SqliteProposalStore::FindOne(const std::string& where, const std::string& a,
                                                             const std::string& b) {
  std::lock_guard lock(mutex_);
  std::vector<SqlValue> args = {a};
  if (!b.empty()) args.emplace_back(b);  // FindByCapability's query has one parameter
  return First(Query<Proposal>(database_.handle(), std::string("SELECT ") + kColumns + " FROM proposals WHERE " + where,
                               args, Read));
}

Result<std::optional<Proposal>> SqliteProposalStore::Get(const std::string& tenant_id, const std::string& id) {
  return FindOne("tenant_id = ?1 AND id = ?2", tenant_id, id);
}

Result<std::optional<Proposal>> SqliteProposalStore::FindByCapability(const std::string& capability_hash) {
  return FindOne("capability_hash = ?1", capability_hash, "");
}

Result<bool> SqliteProposalStore::UpdateRecordingEvent(const std::string& update, std::vector<SqlValue> args,
                                                       std::string_view type, const std::string& id,
                                                       const nlohmann::json& data, std::int64_t now) {
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  // RETURNING, not sqlite3_changes(): other stores share the handle and may run a statement in between.
  Result<std::optional<std::string>> tenant =
      First(Query<std::string>(db, update + " RETURNING tenant_id", args, [](SqlRow& row) { return row.Text(); }));
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return false;
  if (Result<std::int64_t> event = lifecycle_events::AppendLifecycleEvent(db, **tenant, type, id, data, now); !event) {
    return event.error();
  }
  return transaction.Commit();
}

Result<bool> SqliteProposalStore::MarkPicked(const std::string& id, const std::string& interview_id,
                                             std::int64_t start, std::int64_t now) {
  return UpdateRecordingEvent(
      "UPDATE proposals SET status = 'picked', interview_id = ?2, picked_start = ?3, updated_at = ?4 "
      "WHERE id = ?1 AND status IN ('open', 'declined')",
      {id, interview_id, start, now}, lifecycle_events::kProposalPicked, id,
      {{"proposal_id", id}, {"interview_id", interview_id}, {"start", FormatRfc3339(start)}}, now);
}

Result<bool> SqliteProposalStore::MarkDeclined(const std::string& id, const std::string& availability_json,
                                               const std::string& note, std::int64_t now) {
  nlohmann::json data = {{"proposal_id", id}, {"availability", slotwise::ParseJson(availability_json)}};
  if (!note.empty()) data["message"] = note;
  return UpdateRecordingEvent(
      "UPDATE proposals SET status = 'declined', candidate_availability = ?2, candidate_note = ?3, updated_at = ?4 "
      "WHERE id = ?1 AND status IN ('open', 'declined') AND expires_at > ?4",
      {id, availability_json, note, now}, lifecycle_events::kProposalDeclined, id, data, now);
}

Result<bool> SqliteProposalStore::MovePicked(const std::string& id, std::int64_t start, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<std::optional<std::string>> moved = First(Query<std::string>(
      database_.handle(),
      "UPDATE proposals SET picked_start = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'picked' RETURNING id",
      {id, start, now}, [](SqlRow& row) { return row.Text(); }));
  if (!moved) return moved.error();
  return moved->has_value();
}

Result<int> SqliteProposalStore::ReportExpired(std::int64_t now) {
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  // Called every few seconds: take the write lock only when there is something to report.
  constexpr const char* kUnreported =
      "SELECT 1 FROM proposals WHERE expiry_reported = 0 AND expires_at <= ?1 AND status = 'open' LIMIT 1";
  Result<bool> any = Exists(db, kUnreported, {now});
  if (!any) return any.error();
  if (!*any) return 0;
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  struct Expired {
    std::string id, tenant_id;
    std::int64_t expires_at = 0;
  };
  Result<std::vector<Expired>> expired = Query<Expired>(
      db,
      "UPDATE proposals SET expiry_reported = 1 WHERE status = 'open' AND expires_at <= ?1 AND expiry_reported = 0 "
      "RETURNING id, tenant_id, expires_at",
      {now}, [](SqlRow& row) { return Expired{row.Text(), row.Text(), row.Int()}; });
  if (!expired) return expired.error();
  if (expired->empty()) return 0;
  for (const Expired& proposal : *expired) {
    const nlohmann::json data = {{"proposal_id", proposal.id}, {"expires_at", FormatRfc3339(proposal.expires_at)}};
    if (Result<std::int64_t> event = lifecycle_events::AppendLifecycleEvent(
            db, proposal.tenant_id, lifecycle_events::kProposalExpired, proposal.id, data, now);
        !event) {
      return event.error();
    }
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return static_cast<int>(expired->size());
}

Result<int> SqliteProposalStore::QueueHoldReleases(std::int64_t now) {
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  constexpr const char* kDue =
      "FROM proposals WHERE holds = 'held' AND (status IN ('picked', 'cancelled') OR expires_at <= ?1)";
  // Called every few seconds: take the write lock only when there is something to release.
  Result<bool> any = Exists(db, std::string("SELECT 1 ") + kDue + " LIMIT 1", {now});
  if (!any) return any.error();
  if (!*any) return 0;
  WriteTransaction transaction(db);
  if (Result<bool> began = transaction.Began(); !began) return began.error();
  struct Due {
    std::string id, tenant_id, interview_id;
  };
  Result<std::vector<Due>> due = Query<Due>(
      db,
      std::string("UPDATE proposals SET holds = 'releasing' WHERE id IN (SELECT id ") + kDue +
          ") RETURNING id, tenant_id, interview_id",
      {now}, [](SqlRow& row) { return Due{row.Text(), row.Text(), row.Text()}; });
  if (!due) return due.error();
  for (const Due& proposal : *due) {
    // The picked interview is named: until the release is done, its checks leave the holds out as the proposal's did.
    const std::string payload = nlohmann::json{{"interview_id", proposal.interview_id}}.dump();
    if (Result<bool> queued = InsertOutboxJob(db, proposal.tenant_id, proposal.id, OutboxKind::kRelease, now, payload);
        !queued) {
      return queued.error();
    }
  }
  if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  return static_cast<int>(due->size());
}

}  // namespace slotwise
