// widget_proposal.h — "Propose times": the recruiter offers the candidate several suggested times and sends the
// candidate a link to pick one (pure; the controller sends the request).
//
//   kIdle --StartProposal--> kChoosing (three suggestions that do not overlap ticked) --ToggleProposalOption…
//   kChoosing --StartProposalSubmit--> kSubmitting --201/200--> kCreated (candidate link, options)
//                                               \--4xx/5xx/0--> kFailed --BackToChoosing--> kChoosing
//   kChoosing / kCreated / kFailed --CloseProposal--> kIdle
// The request (POST /v1/proposals) is the POST /v1/interviews body of the current settings without start/end, plus
// "options": [{start, end}] of the chosen suggestions. The candidate must have an e-mail, a time zone and a locale.
#pragma once

#include <string>
#include <string_view>

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

constexpr std::size_t kMinProposalOptions = 2;
constexpr std::size_t kMaxProposalOptions = 5;

// Why proposing is not possible now (kNone: it is).
enum class ProposalBlock {
  kNone,
  kNoCandidate,        // the page's candidate lacks email, time_zone or locale
  kTooFewSuggestions,  // fewer than kMinProposalOptions suggestions
  kLoop,               // interview loops are booked stage by stage, not proposed
  kRescheduling,       // an existing interview is being moved
  kBusy,               // a booking is in flight
};
ProposalBlock ProposalBlockOf(const WidgetModel& model);

// kIdle/kFailed/kCreated -> kChoosing with the first three suggestions that do not overlap each other ticked (at
// least two when there are two). False when blocked.
bool StartProposal(WidgetModel& model);

// The candidate's answer to the proposal sent last: watched (GET /v1/proposals/{id}, every kProposalWatchMs) from its
// creation until it is picked or expires, also after its panel is closed. "" when there is nothing to watch.
constexpr double kProposalWatchMs = 10000;
const std::string& WatchedProposalId(const WidgetModel& model);
enum class ProposalAnswer { kNone, kDeclined, kPicked, kExpired };
// Applies a GET /v1/proposals/{id} answer about the sent proposal and says what is new (kNone: nothing, or an answer
// that is not usable). A decline's own times become the candidate's row (candidate_offer), as the page option
// interview.proposal_id gives them; a changed set of times is news again.
ProposalAnswer ApplySentProposalAnswer(WidgetModel& model, int http_status, std::string_view body);
// The sentence for the candidate's answer (panel and live region); "" when there is none.
std::string DescribeProposalAnswer(const WidgetModel& model, const TimeZone& viewer);

// Ticks or unticks the suggestion starting at `start` (kChoosing only; at most kMaxProposalOptions; only starts
// that are current suggestions). A change drops the idempotency key (a new body is a new request). True when changed.
bool ToggleProposalOption(WidgetModel& model, Instant start);

bool IsProposalChosen(const WidgetModel& model, Instant start);

// After a re-solve: unticks starts that are no longer suggested (the settings changed under the choice).
void SyncProposalChoices(WidgetModel& model);

// kChoosing, kMinProposalOptions..kMaxProposalOptions ticked, not blocked.
bool CanSubmitProposal(const WidgetModel& model);

// POST /v1/proposals body; empty when CanSubmitProposal is false. Room (on-site) and host account (video): the
// chosen ones in the settings, else one that every ticked suggestion can use, else the first ticked suggestion's.
std::string BuildProposalRequest(const WidgetModel& model);

// The request is about to be sent with `idempotency_key` (the controller passes the kept key when
// `proposal.retry_same_key` is set and a key exists).
void StartProposalSubmit(WidgetModel& model, std::string idempotency_key);

// The answer of POST /v1/proposals.
void ApplyProposalResponse(WidgetModel& model, int http_status, std::string_view body);

// kFailed -> kChoosing (the ticks are kept).
void BackToChoosing(WidgetModel& model);

// Any phase -> kIdle; everything about the proposal is forgotten (a created proposal stays on the server).
void CloseProposal(WidgetModel& model);

}  // namespace slotwise::widget
