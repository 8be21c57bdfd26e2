// candidate_text.h — the recruiter's own text for the candidate (`candidate_message`) as a template: the same
// {{variables}} as the built-in invitation (invites/email_templates.h), checked when the interview is booked and
// filled when each message is sent, so a {{join_url}} typed before the meeting exists arrives as the real link.
//
// Contract: pure functions over invites/email_templates.h (no store, no provider); errors name field
// "candidate_message". Kept apart from candidate_messages.h so that the booking-body reader (booking_request.h) and
// its fuzzer need nothing else. Thread-safe.
#pragma once

#include <string>

#include "invites/email_templates.h"
#include "slotwise/result.h"

namespace slotwise {

// The recruiter's candidate_message rendered with `values`; errors name field "candidate_message".
Result<std::string> RenderCandidateText(const std::string& text, const invites::TemplateValues& values);

// The candidate_message as a page shows it before the interview exists (a proposal): rendered with `values`, and each
// placeholder still without a value (the date of a time not yet picked, the join link) left out rather than shown as
// "{{…}}". The text unchanged if it is not a valid template. Pure.
std::string PreviewCandidateText(const std::string& text, invites::TemplateValues values);

// The booking-time check of a candidate_message: a well-formed template of known variables, and {{join_url}} only when
// the interview has a video meeting (else it could never be filled), and never {{connect_url}} / {{provider_name}} (the
// colleague e-mail's variables) nor {{proposal_url}} / {{proposed_times}} / {{expires_at}} (the proposal e-mail's:
// the message also goes into the interview's invitation, which has no value for them): it could never be sent. Errors: invalid_template,
// unknown_template_variable, unresolved_placeholders; field "candidate_message". Pure.
Result<bool> CheckCandidateText(const std::string& text, bool has_video);

}  // namespace slotwise
