// proposal_store.cpp — see proposal_store.h.
#include "proposals/proposal_store.h"

#include "store/sqlite_statement.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, capability_hash, booking, options, status, interview_id, picked_start, expires_at, created_by, "
    "created_at, updated_at";

Proposal Read(const Statement& row) {
  Proposal p;
  p.id = row.Text(0);
  p.tenant_id = row.Text(1);
  p.capability_hash = row.Text(2);
  p.booking_json = row.Text(3);
  p.options_json = row.Text(4);
  p.status = row.Text(5);
  p.interview_id = row.Text(6);
  p.picked_start = row.Int(7);
  p.expires_at = row.Int(8);
  p.created_by = row.Text(9);
  p.created_at = row.Int(10);
  p.updated_at = row.Int(11);
  return p;
}

}  // namespace

Result<bool> SqliteProposalStore::Create(const Proposal& p) {
  std::lock_guard lock(mutex_);
  Result<Statement> insert = Statement::Prepare(
      database_.handle(), std::string("INSERT INTO proposals (") + kColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!insert) return insert.error();
  insert->Bind(1, p.id).Bind(2, p.tenant_id).Bind(3, p.capability_hash).Bind(4, p.booking_json).Bind(5, p.options_json);
  insert->Bind(6, p.status).Bind(7, p.interview_id).Bind(8, p.picked_start).Bind(9, p.expires_at).Bind(10, p.created_by);
  insert->Bind(11, p.created_at).Bind(12, p.updated_at);
  Result<bool> done = insert->Step();
  if (!done) return done.error();
  return true;
}

Result<std::optional<Proposal>> SqliteProposalStore::FindOne(const std::string& where, const std::string& a,
                                                             const std::string& b) {
  std::lock_guard lock(mutex_);
  Result<Statement> query =
      Statement::Prepare(database_.handle(), std::string("SELECT ") + kColumns + " FROM proposals WHERE " + where);
  if (!query) return query.error();
  query->Bind(1, a);
  if (!b.empty()) query->Bind(2, b);
  Result<bool> row = query->Step();
  if (!row) return row.error();
  if (!*row) return std::optional<Proposal>();
  return std::optional<Proposal>(Read(*query));
}

Result<std::optional<Proposal>> SqliteProposalStore::Get(const std::string& tenant_id, const std::string& id) {
  return FindOne("tenant_id = ?1 AND id = ?2", tenant_id, id);
}

Result<std::optional<Proposal>> SqliteProposalStore::FindByCapability(const std::string& capability_hash) {
  return FindOne("capability_hash = ?1", capability_hash, "");
}

Result<bool> SqliteProposalStore::MarkPicked(const std::string& id, const std::string& interview_id,
                                             std::int64_t start, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Result<Statement> update = Statement::Prepare(
      database_.handle(),
      "UPDATE proposals SET status = 'picked', interview_id = ?2, picked_start = ?3, updated_at = ?4 "
      "WHERE id = ?1 AND status = 'open' RETURNING id");
  if (!update) return update.error();
  update->Bind(1, id).Bind(2, interview_id).Bind(3, start).Bind(4, now);
  // RETURNING, not sqlite3_changes(): other stores share the handle and may run a statement in between.
  Result<bool> row = update->Step();
  if (!row) return row.error();
  return *row;
}

}  // namespace slotwise
