// proposal_service.h — the recruiter offers a candidate a few times; the candidate picks one on the candidate page
// (web/candidate/), re-validated live, and the pick books the interview (docs/API_BACKEND.md "Proposals").
//
// Contract:
// - Create: the body is POST /v1/interviews' without start/end, plus "options" (1–10 × {"start", "end"}, distinct) and
//   "expires_at"? (RFC 3339, in the future, at most 30 days; default 7 days). The candidate needs an e-mail and a
//   time zone (the page shows times in it). Each option is checked like a booking (BookingService::Check): an option
//   the rules refuse (422: off the grid, outside working hours, …) refuses the proposal naming options[i]; an occupied
//   one is kept as "available": false; when none is available the proposal is refused (409 none_available). 201 with
//   the candidate's URL "<public>/candidate/#p=<capability>" — the capability (256 random bits) is shown once and only
//   its SHA-256 is stored; it travels in the URL fragment, so it never reaches a server log or a Referer.
// - ForCandidate: what the candidate page shows — title, duration, the organiser's name, the candidate's name, zone and
//   language, the options with "available" checked again now, the status (open, picked, expired) and the pick. Never
//   anyone's other events, never internal notes.
// - Pick {"start"}: books the option (BookingService::Book, idempotency key derived from the proposal and the start,
//   so a retried pick is answered from the first) and marks the proposal picked — atomically: when two different
//   picks race, the loser's interview is cancelled again and it answers 409 already_picked. The same start again
//   answers 200 with the same interview. 409 slot_taken / slot_unavailable carry the refreshed options; 410
//   proposal_expired; 422 when the start is not one of the options.
// - Errors use API.md's error object. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "booking_service.h"
#include "directory_store.h"
#include "proposal_store.h"

namespace slotwise {

class ProposalService {
 public:
  static constexpr std::size_t kMaxOptions = 10;
  static constexpr std::int64_t kDefaultLifetime = 7 * 24 * 3600;
  static constexpr std::int64_t kMaxLifetime = 30 * 24 * 3600;
  using Clock = std::function<std::int64_t()>;

  ProposalService(ProposalStore& store, BookingService& booking, DirectoryStore& directory, Clock clock)
      : store_(store), booking_(booking), directory_(directory), clock_(std::move(clock)) {}

  // `public_url` prefixes the candidate URL (e.g. "http://127.0.0.1:8080"); `actor` is recorded as the proposer.
  HttpReply Create(const std::string& tenant_id, const std::string& actor, const std::string& body,
                   const std::string& public_url);
  HttpReply Get(const std::string& tenant_id, const std::string& proposal_id);
  HttpReply ForCandidate(const std::string& capability);
  HttpReply Pick(const std::string& capability, const std::string& body);

 private:
  // The options with "available" as BookingService::Check says now.
  nlohmann::json CheckedOptions(const Proposal& proposal);
  std::string StatusOf(const Proposal& proposal) const;

  ProposalStore& store_;
  BookingService& booking_;
  DirectoryStore& directory_;
  Clock clock_;
};

}  // namespace slotwise
