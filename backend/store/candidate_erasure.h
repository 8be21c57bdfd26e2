// candidate_erasure.h — erasing a candidate's personal data from the database (docs/PRIVACY.md): the one code path
// behind DELETE /v1/candidates/{id} and the tenants' retention purge (personal_data_retention.h).
//
// Contract:
// - One write transaction (BEGIN IMMEDIATE on the shared handle, under database.lock()): everything below changes
//   together or not at all.
// - What an interview keeps: its id, status, times, interviewers, observers, room, video, holds and booked objects
//   (the interviewers' load and history stay true). Its candidate becomes {"name": "erased candidate", "email": "",
//   "id": "", "time_zone": "UTC", "locale": "en"}; notes and candidate_message become ""; the candidate's name and
//   e-mail are cut out of the title. The artifact "candidate_invite" is dropped (no later cancel writes to nobody).
// - Rows tied to an erased interview lose the candidate's name and e-mail: history details, outbox job payloads,
//   step journal data (a candidate message step keeps only delivery_id, kind and sent_at), lifecycle event payloads
//   (subject = the interview), stored idempotent answers naming the interview, and the booking of proposals picked
//   for it. Names and e-mails are cut as text wherever they occur (ASCII case-insensitively, also JSON-escaped) when
//   at least kMinScrubbedLength bytes long (a shorter name would cut unrelated words); the structured fields above are
//   cleared whatever their length.
// - An interview still booked at the providers (confirmed, with an event or meeting) whose title or notes changed is
//   set pending with a kReschedule outbox job {"candidate": false}: the outbox rewrites the provider objects from the
//   anonymised spec, as any reschedule does, and tells no candidate. A "candidate_erased" history entry is written.
// - Work in flight: when an outbox job of an affected interview, or a message job to the candidate, is running, the
//   erasure changes nothing and answers storage_conflict (409: retry shortly) — the running job holds the old data in
//   memory and would write it back. Pending jobs read the anonymised data when they run; a pending message job to the
//   candidate is dropped (state done, last_error "candidate erased").
// - EraseCandidate additionally deletes the candidate record, and by the candidate's name and e-mail: message jobs to
//   them, proposals made for them (open ones are cancelled: their link no longer books), lifecycle events and stored
//   idempotent answers of the tenant. not_found when nothing at all was held about the candidate id (never, or
//   already erased).
// - After the commit the WAL is checkpointed and truncated (SqliteStore::CheckpointTruncate) so that no old page
//   holding the data stays in the -wal file; the database runs with secure_delete (sqlite_store.h), so freed bytes are
//   zeroed. A failed checkpoint (readers in the way for too long) is reported in the answer, not as an error.
// - Every call takes the tenant: rows of other tenants are never read or changed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

inline constexpr std::string_view kErasedCandidateName = "erased candidate";
inline constexpr std::size_t kMinScrubbedLength = 3;

struct ErasureReport {
  bool candidate_record = false;   // the candidate record existed and was deleted
  int interviews = 0;              // interviews anonymised
  int provider_updates = 0;        // of which queued for a rewrite of their provider objects
  int messages = 0;                // message jobs to the candidate dropped or emptied
  int proposals = 0;               // proposals anonymised (open ones cancelled)
  int skipped = 0;                 // EraseInterviewCandidates: interviews left for later (provider work running)
  bool wal_truncated = false;      // the WAL checkpoint after the commit completed
};

// Erases everything held about candidate `candidate_id` of `tenant_id` (see the contract).
Result<ErasureReport> EraseCandidate(SqliteStore& database, const std::string& tenant_id,
                                     const std::string& candidate_id, std::int64_t now);

// Anonymises the candidate of each of these interviews of `tenant_id` and the rows tied to them (retention); the
// candidate record and rows not tied to these interviews stay. Interviews already anonymised are passed over; one
// whose provider work is running is left unchanged and counted in `skipped` (the others are erased).
Result<ErasureReport> EraseInterviewCandidates(SqliteStore& database, const std::string& tenant_id,
                                               const std::vector<std::string>& interview_ids, std::int64_t now);

}  // namespace slotwise
