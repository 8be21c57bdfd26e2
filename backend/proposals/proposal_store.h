// proposal_store.h — times offered to a candidate (a proposal) until the candidate picks one: the storage interface and
// its SQLite implementation (table `proposals`, migration 7).
//
// Contract: a proposal is found by its id within its tenant (the recruiter's side) or by the SHA-256 of its
// capability (the candidate's side; the capability itself is never stored). The state changes are atomic and record
// their lifecycle event in the same transaction (store/lifecycle_events.h): MarkPicked succeeds only for a proposal
// that is still open or declined, so two concurrent picks cannot both win (proposal.picked); MarkDeclined keeps the
// candidate's own times for an open or declined proposal that has not expired (proposal.declined, again each time the
// candidate changes them); ReportExpired records
// proposal.expired once for each open proposal whose expiry has passed (expiry is read from expires_at, the status
// stays "open"). Holds (booking/proposal_holds.h): Create queues the job that holds the times in the same transaction
// as the proposal (holds "held"), and so the candidate's e-mail (a message job under its delivery id): a proposal is
// never stored without its e-mail, nor an e-mail queued for a proposal that was not; QueueHoldReleases queues, once, the job that removes them for every held proposal
// that was picked or cancelled or has expired (holds "releasing"). Thread-safe (one mutex around the shared handle,
// as the other stores on it).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"
#include "store/sqlite_query.h"
#include "store/sqlite_store.h"

namespace slotwise {

struct Proposal {
  std::string id;               // "prp_…"
  std::string tenant_id;
  std::string capability_hash;  // hex SHA-256 of the candidate's capability
  std::string booking_json;     // the POST /v1/interviews body without start/end
  std::string options_json;     // [{"start", "end"}…] as RFC 3339 text
  std::string status = "open";  // "open" | "declined" | "picked" | "cancelled" (expiry is read from expires_at)
  std::string interview_id;     // once picked
  std::int64_t picked_start = 0;
  std::int64_t expires_at = 0;
  std::string candidate_availability_json;  // declined: the candidate's own times, [{"start", "end"}…]; "" = none
  std::string candidate_note;   // declined: the candidate's note to the recruiter; "" = none
  std::string created_by;       // the widget token's user or "api_key"
  std::string holds = "none";   // "none" | "held" (its times are held in calendars) | "releasing"
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

class ProposalStore {
 public:
  virtual ~ProposalStore() = default;
  // With `hold_payload` (booking/proposal_holds.h; "" = none): the job that holds its times, queued with it. With
  // `message_payload` (booking/message_payload.h; "" = none): the candidate's e-mail, queued with it as a message job
  // under `message_id`.
  virtual Result<bool> Create(const Proposal& proposal, const std::string& hold_payload = "",
                              const std::string& message_id = "", const std::string& message_payload = "") = 0;
  virtual Result<std::optional<Proposal>> Get(const std::string& tenant_id, const std::string& id) = 0;
  virtual Result<std::optional<Proposal>> FindByCapability(const std::string& capability_hash) = 0;
  // open or declined → picked with the interview; false (nothing changed) when it is neither any more.
  virtual Result<bool> MarkPicked(const std::string& id, const std::string& interview_id, std::int64_t start,
                                  std::int64_t now) = 0;
  // open or declined, not expired at `now` → declined with the candidate's times (`availability_json`, as stored) and
  // note; false (nothing changed) otherwise.
  virtual Result<bool> MarkDeclined(const std::string& id, const std::string& availability_json,
                                    const std::string& note, std::int64_t now) = 0;
  // A picked proposal's interview moved by its candidate to `start` (one of the options); false when not picked.
  virtual Result<bool> MovePicked(const std::string& id, std::int64_t start, std::int64_t now) = 0;
  // Records proposal.expired for every open proposal with expires_at <= now not reported before; answers how many.
  virtual Result<int> ReportExpired(std::int64_t now) = 0;
  // Queues the release job of every "held" proposal that is picked or cancelled, or whose expiry is at or before
  // `now`, and marks it "releasing"; answers how many.
  virtual Result<int> QueueHoldReleases(std::int64_t now) = 0;
};

class SqliteProposalStore final : public ProposalStore {
 public:
  explicit SqliteProposalStore(SqliteStore& database) : database_(database) {}

  Result<bool> Create(const Proposal& proposal, const std::string& hold_payload = "", const std::string& message_id = "",
                      const std::string& message_payload = "") override;
  Result<std::optional<Proposal>> Get(const std::string& tenant_id, const std::string& id) override;
  Result<std::optional<Proposal>> FindByCapability(const std::string& capability_hash) override;
  Result<bool> MarkPicked(const std::string& id, const std::string& interview_id, std::int64_t start,
                          std::int64_t now) override;
  Result<bool> MarkDeclined(const std::string& id, const std::string& availability_json, const std::string& note,
                            std::int64_t now) override;
  Result<bool> MovePicked(const std::string& id, std::int64_t start, std::int64_t now) override;
  Result<int> ReportExpired(std::int64_t now) override;
  Result<int> QueueHoldReleases(std::int64_t now) override;

 private:
  Result<std::optional<Proposal>> FindOne(const std::string& where, const std::string& a, const std::string& b);
  // Runs `update` (an UPDATE of one proposal) and, when it changed the row, records the lifecycle event `type` about
  // proposal `id` with `data`, in one transaction. False when no row changed.
  Result<bool> UpdateRecordingEvent(const std::string& update, std::vector<SqlValue> args, std::string_view type,
                                    const std::string& id, const nlohmann::json& data, std::int64_t now);

  SqliteStore& database_;
  std::recursive_mutex& mutex_ = database_.lock();  // shared by every store on the handle (SqliteStore::lock)
};

}  // namespace slotwise
