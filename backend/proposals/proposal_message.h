// proposal_message.h — the candidate's proposal e-mail (docs/API_BACKEND.md "Proposals"): the built-in text
// (invites::TemplateKind::kCandidateProposal) in the candidate's language (their locale, else the tenant's) with the
// times to choose from, one per line, and the link's expiry in the candidate's zone, the link to the candidate page,
// and under it the recruiter's own candidate_message as the candidate page shows it before a time is picked
// (CandidateValuesBeforePick; placeholders of a time not yet picked are left out, as PreviewCandidateText does).
//
// Contract: pure apart from reading zones. The message is addressed to the booking's candidate, kind
// "candidate_proposal", delivery id ProposalDeliveryId(proposal id) — stable, so a re-delivery after a crash is the
// same message to receivers, which de-duplicate on it. Its text holds the link in plain text: the caller seals it
// (booking/message_payload.h SealedMessagePayload) before it is stored. Errors: unknown_time_zone (field
// candidate.time_zone), the template errors (a candidate name with "{{", …), unresolved_placeholders (never sent with
// "{{…}}" in it). Thread-safe when `zones` is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/provider_gateway.h"
#include "invites/email_templates.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "store/tenant_model.h"

namespace slotwise {

struct ProposalMessageInput {
  const Tenant* tenant = nullptr;              // borrowed
  nlohmann::json booking;                      // the proposal's booking (POST /v1/interviews body without start/end)
  std::string proposal_id;
  std::string url;                             // the candidate page's link, capability included
  std::string organizer_name;                  // the organiser's display name
  std::vector<std::pair<Instant, Instant>> times;  // the available options {start, end}, in order (at least one)
  Instant expires_at = 0;
};

// "<proposal id>:proposal".
std::string ProposalDeliveryId(const std::string& proposal_id);

// What is known of an interview before its time is picked: the candidate's name and e-mail, the position (title),
// the company and the organiser's name. The candidate page and the proposal e-mail fill the recruiter's message with
// these.
invites::TemplateValues CandidateValuesBeforePick(const nlohmann::json& booking, const std::string& organizer_name,
                                                  const std::string& company);

Result<OutgoingMessage> ComposeProposalMessage(const ProposalMessageInput& input, ZoneSource& zones);

}  // namespace slotwise
