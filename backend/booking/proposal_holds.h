// proposal_holds.h — the times proposed to a candidate held as tentative events in the calendars of the people who
// would meet them, until the candidate picks one or the proposal ends (proposals/proposal_service.h); the outbox
// carries both jobs (store/interview_model.h OutboxKind::kHold, kRelease) under the proposal's id, so a release
// always runs after its hold job.
//
// Contract:
// - A hold job's payload (HoldJobPayload) lists the holds: one per proposed time and person (interviewers, observers
//   and the organiser), each an event in that person's own calendar (no attendees, no invitations sent, marked
//   tentative — Google status "tentative", Graph showAs "tentative"); the organiser's carries the room as a resource
//   attendee, which reserves the room tentatively too. Titles name no one: "Held: proposed interview time".
// - Journal (store/interview_store.h steps of the proposal id): "holds" {"count"}; "hold:<n>" started, then done
//   {"calendar", "room", "start", "end", "event_id"} or done {"error"} when the calendar refused for good; a release
//   writes "released:<n>" done. HoldsReader::TentativeHoldsOf reads the made and not released ones.
// - Creation is idempotent (key "sw-<proposal id>-hold-<n>"): a crash between the provider's answer and the journal
//   finds the same event again. A calendar that cannot be reached for good (not connected, no consent) gets no hold
//   and the others still do; a transient failure retries the job (what was made stays journalled).
// - A release deletes every made hold (an already deleted one is success); a hold left "started" by a crash is found
//   again through its idempotency key and deleted. It retries transient failures until it succeeds (keep_trying) and
//   gives up only on a calendar that can no longer be reached at all.
// Thread-safe; stateless between jobs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "booking/outbox_executor.h"
#include "booking/provider_gateway.h"
#include "store/directory_store.h"
#include "store/interview_store.h"

namespace slotwise {

struct TentativeHold {
  std::string calendar;  // the person's e-mail: the event goes into their calendar
  std::string room;      // a room reserved with it (resource attendee); "" = none
  Instant start = 0;
  Instant end = 0;
};

// The hold job's payload for these holds, shown in `time_zone` (an IANA name).
std::string HoldJobPayload(const std::vector<TentativeHold>& holds, const std::string& time_zone);

class ProposalHoldKeeper {
 public:
  ProposalHoldKeeper(DirectoryStore& directory, InterviewStore& journal, ProviderGateway& gateway)
      : directory_(directory), journal_(journal), gateway_(gateway) {}

  // Runs a kHold or kRelease job (job.interview_id is the proposal's id).
  JobOutcome Run(const OutboxJob& job, bool last_attempt);

 private:
  JobOutcome Hold(const Tenant& tenant, const OutboxJob& job, bool last_attempt);
  JobOutcome Release(const Tenant& tenant, const OutboxJob& job);

  DirectoryStore& directory_;
  InterviewStore& journal_;
  ProviderGateway& gateway_;
};

}  // namespace slotwise
