// proposal_service.h — the recruiter offers a candidate a few times; the candidate picks one on the candidate page
// (web/candidate/), re-validated live, and the pick books the interview (docs/API_BACKEND.md "Proposals"). Answers
// are values; api/proposal_routes.cpp renders them.
//
// Contract:
// - Create: the body is POST /v1/interviews' without start/end, plus "options" (1–10 × {"start", "end"}, distinct) and
//   "expires_at"? (RFC 3339, in the future, at most 30 days; default 7 days). The candidate needs an e-mail and a
//   time zone (the page shows times in it). Each option is checked like a booking (BookingService::Check): an option
//   the rules refuse (booking_invalid: off the grid, outside working hours, …) refuses the proposal naming options[i]
//   (OptionRefused); an occupied one is kept as not available; when none is available the proposal is refused
//   (NoneAvailable). Created: the candidate's URL "<public>/candidate/?tenant=<tenant>#p=<capability>" (the tenant
//   decides who may frame the page) — the capability (256 random bits) is shown once and only its SHA-256 is
//   stored; it travels in the URL fragment, so it never reaches a server log or a Referer.
//   "hold_times"? (default true): the available times are held as tentative events in the calendars of the
//   interviewers, observers and organiser (the organiser's with the room) until the candidate picks or the proposal is
//   picked, cancelled or expires (booking/proposal_holds.h; queued with the proposal, released by
//   ProposalStore::QueueHoldReleases). The proposal's own holds never make its times look taken: the checks of its
//   options and its pick leave them out (except id = the proposal's id).
//   "notify_candidate"? (default true; anything but a boolean is invalid_request naming it): the candidate gets the
//   proposal by e-mail (proposal_message.h: in their language and zone, the available times, the link and its expiry,
//   the recruiter's candidate_message), queued as a message job in the same transaction as the proposal and delivered
//   by the outbox like the candidate's other messages, under the stable delivery id "<proposal id>:proposal". The
//   capability in the e-mail's text is sealed with the token vault before it is stored (booking/message_payload.h
//   SealedMessagePayload) and opened only by the outbox right before delivery. CreatedProposal.delivery_id names it.
//   Neither flag is part of the stored booking.
// - ForCandidate: what the candidate page shows — title, duration, the organiser's name, the candidate's name, zone and
//   language, the options with availability checked again now, the status (open, picked, expired) and the pick. Never
//   anyone's other events, never internal notes. Once picked, also the interview as the candidate may see it: its
//   state, time, join link and passcode (once they exist), room and interviewers' names. An unknown capability is
//   "unauthorized".
// - Pick {"start"}: books the option (BookingService::Book, idempotency key derived from the proposal and the start,
//   so a retried pick is answered from the first) and marks the proposal picked — atomically: when two different
//   picks race, the loser's interview is cancelled again and it answers already_picked. The same start again answers
//   the same interview (created = false). A refusal of the booking comes back as PickRefused (with the refreshed
//   options when the time is occupied); proposal_expired / proposal_cancelled; invalid_request when the start is not
//   one of the options.
// - Decline {"availability": [{"start", "end"}…], "message"?}: none of the times works, and the candidate sends their
//   own — 1–10 periods, each long enough for the interview, not over, ending within 60 days, none overlapping another;
//   the note at most 1000 characters. The proposal becomes "declined" (the recruiter sees the times in
//   GET /v1/proposals/{id} and as the candidate's row in the widget; the ATS gets proposal.declined). Sending again
//   replaces the times. The proposed times stay open to a pick until the proposal expires. already_picked after a
//   pick; proposal_expired / proposal_cancelled; invalid_request naming availability[i] or message.
// - Once picked, the candidate may move the interview to another of the proposed times (CandidateReschedule
//   {"start"}, checked and booked like PATCH /v1/interviews/{id}) or cancel it (CandidateCancel {"reason"?: their
//   words for the recruiter, ≤ 1000 characters}), as the tenant's `policies.candidate_changes` allows
//   (candidate_change_policy.h): change_not_allowed when the policy forbids it or the interview starts within the
//   notice; interview_not_active when it is cancelled or failed. The interview's own lifecycle events tell the ATS.
// - Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/booking_service.h"
#include "crypto/token_vault.h"
#include "proposals/candidate_change_policy.h"
#include "proposals/proposal_store.h"
#include "store/directory_store.h"

namespace slotwise {

struct ProposalOption {
  Instant start = 0;
  Instant end = 0;
  std::optional<bool> available;  // as checked now; nullopt where it was not checked (a proposal no longer open)
};

struct CreatedProposal {
  std::string proposal_id;
  std::string candidate_url;
  std::string delivery_id;  // the candidate's e-mail, when queued ("" = notify_candidate false)
  Instant expires_at = 0;
  std::vector<ProposalOption> options;
};
struct NoneAvailable {  // every option is occupied now
  std::vector<ProposalOption> options;
};
struct OptionRefused {  // the rules refuse options[index]
  std::size_t index = 0;
  BookingRefusal refusal;
};
using ProposalCreation = std::variant<CreatedProposal, NoneAvailable, OptionRefused>;

// GET /v1/proposals/{id}.
struct ProposalState {
  std::string proposal_id;
  std::string status;  // "open", "declined", "picked", "cancelled", "expired"
  Instant expires_at = 0;
  std::vector<ProposalOption> options;
  std::string interview_id;  // once picked
  Instant picked_start = 0;
  std::vector<Interval> candidate_availability;  // the candidate's own times, once declined
  std::string candidate_note;
};

// The interview a pick booked, as its candidate may see it (never notes, e-mails or the internal event).
struct CandidatePickedInterview {
  std::string status;                      // "pending" (being created), "confirmed", "cancelled", "failed"
  Instant start = 0, end = 0;
  std::string join_url;                    // once the meeting or event exists
  std::string passcode;
  std::string room;                        // the room's display name; "" = none
  std::vector<std::string> interviewers;   // display names
  bool can_reschedule = false;             // the candidate may move it (policy, notice, status) …
  bool can_cancel = false;                 // … or cancel it
  Instant changeable_until = 0;            // until then (exclusive)
};

// What the candidate page shows.
struct CandidateProposal {
  std::string status;
  std::string title;
  std::int64_t duration_minutes = 0;
  std::string organizer_name;
  std::string message;  // the recruiter's message to the candidate; "" = none
  std::string candidate_name;
  std::string candidate_time_zone;
  std::string candidate_locale;
  Instant expires_at = 0;
  std::vector<ProposalOption> options;
  std::optional<ProposalOption> picked;
  std::optional<CandidatePickedInterview> interview;  // once picked
  std::vector<Interval> offered;  // the candidate's own times, once declined
  std::string note;               // and their note
};

struct PickedTime {
  std::string interview_id;
  Instant start = 0;
  Instant end = 0;
  bool created = false;  // this pick booked it (else: the same pick again)
};
struct PickRefused {
  BookingRefusal refusal;
  std::optional<std::vector<ProposalOption>> options;  // refreshed, when the time is occupied
};
using PickOutcome = std::variant<PickedTime, PickRefused>;

class ProposalService {
 public:
  static constexpr std::size_t kMaxOptions = 10;
  static constexpr std::int64_t kDefaultLifetime = 7 * 24 * 3600;
  static constexpr std::int64_t kMaxLifetime = 30 * 24 * 3600;
  static constexpr std::size_t kMaxOfferedPeriods = 10;
  static constexpr std::int64_t kOfferHorizon = 60 * 24 * 3600;  // the candidate's times end within 60 days
  static constexpr std::size_t kMaxNoteCharacters = 1000;
  using Clock = std::function<std::int64_t()>;

  // `outbox_wake` is called when a job was queued (holds to make or release, the candidate's e-mail). `vault`
  // (borrowed) seals the capability in the queued e-mail; without one, notify_candidate is refused (storage_error).
  ProposalService(ProposalStore& store, BookingService& booking, DirectoryStore& directory, ZoneSource& zones, Clock clock,
                  std::function<void()> outbox_wake = {}, const crypto::TokenVault* vault = nullptr)
      : store_(store), booking_(booking), directory_(directory), zones_(zones), clock_(std::move(clock)),
        outbox_wake_(std::move(outbox_wake)), vault_(vault) {}

  // `body` is the request's JSON object; `public_url` prefixes the candidate URL (e.g. "http://127.0.0.1:8080");
  // `actor` is recorded as the proposer.
  Result<ProposalCreation> Create(const std::string& tenant_id, const std::string& actor, const nlohmann::json& body,
                                  const std::string& public_url);
  Result<ProposalState> Get(const std::string& tenant_id, const std::string& proposal_id);
  Result<CandidateProposal> ForCandidate(const std::string& capability);
  // The picked interview's calendar file for the candidate (the same iCalendar object their invitation e-mail
  // carries: same UID and SEQUENCE, so a calendar keeps one event). not_found before a pick.
  Result<std::string> CandidateCalendarFile(const std::string& capability);
  // `body` is the request's JSON (anything: what is not {"start": <one of the options>} is invalid_request).
  Result<PickOutcome> Pick(const std::string& capability, const nlohmann::json& body);
  // `body` is the request's JSON (see the contract); answers the proposal's state as the candidate sees it.
  Result<CandidateProposal> Decline(const std::string& capability, const nlohmann::json& body);
  // The picked interview moved to another of the proposed times, or cancelled, by the candidate (see the contract).
  Result<PickOutcome> CandidateReschedule(const std::string& capability, const nlohmann::json& body);
  Result<CandidateProposal> CandidateCancel(const std::string& capability, const nlohmann::json& body);
  // The proposal `capability` opens (whatever its status), for saying who acted; an error when it opens none.
  Result<Proposal> ByCapability(const std::string& capability);

 private:
  // The proposal's options with availability as BookingService::Check says now.
  std::vector<ProposalOption> CheckedOptions(const Proposal& proposal);
  std::string StatusOf(const Proposal& proposal) const;
  std::optional<CandidatePickedInterview> PickedInterview(const Proposal& proposal);
  // The organiser's display name (the booking's organizer e-mail when the directory has no name).
  std::string OrganizerName(const std::string& tenant_id, const nlohmann::json& booking);
  // The candidate's e-mail for a new proposal, ready to queue: {delivery id, payload with the capability sealed}.
  Result<std::pair<std::string, std::string>> QueuedCandidateMessage(const Proposal& proposal, const nlohmann::json& booking,
                                                                     const std::vector<ProposalOption>& options,
                                                                     const std::string& url,
                                                                     const std::string& capability);
  // The picked proposal's interview when the policy lets its candidate make `change` ("reschedule" or "cancel") now.
  Result<Interview> ChangeableInterview(const Proposal& proposal, const char* change);

  ProposalStore& store_;
  BookingService& booking_;
  DirectoryStore& directory_;
  ZoneSource& zones_;
  Clock clock_;
  std::function<void()> outbox_wake_;
  const crypto::TokenVault* vault_;
};

}  // namespace slotwise
