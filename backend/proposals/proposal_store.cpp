// proposal_store.cpp — see proposal_store.h.
#include "proposals/proposal_store.h"

#include "store/sqlite_query.h"

namespace slotwise {

namespace {

constexpr const char* kColumns =
    "id, tenant_id, capability_hash, booking, options, status, interview_id, picked_start, expires_at, created_by, "
    "created_at, updated_at";

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
  return p;
}

}  // namespace

Result<bool> SqliteProposalStore::Create(const Proposal& p) {
  std::lock_guard lock(mutex_);
  Result<int> done = Exec(database_.handle(),
                          std::string("INSERT INTO proposals (") + kColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                          {p.id, p.tenant_id, p.capability_hash, p.booking_json, p.options_json, p.status,
                           p.interview_id, p.picked_start, p.expires_at, p.created_by, p.created_at, p.updated_at});
  if (!done) return done.error();
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

Result<bool> SqliteProposalStore::MarkPicked(const std::string& id, const std::string& interview_id,
                                             std::int64_t start, std::int64_t now) {
  std::lock_guard lock(mutex_);
  // RETURNING, not sqlite3_changes(): other stores share the handle and may run a statement in between.
  return Exists(database_.handle(),
                "UPDATE proposals SET status = 'picked', interview_id = ?2, picked_start = ?3, updated_at = ?4 "
                "WHERE id = ?1 AND status = 'open' RETURNING id",
                {id, interview_id, start, now});
}

}  // namespace slotwise
