// candidate_messages.h — the candidate's separate invitation for an interview (docs/PRODUCT.md R001.5): the e-mail in
// the candidate's language and time zone with the iCalendar attachment (METHOD:REQUEST for the invitation and every
// update, METHOD:CANCEL for the cancellation; UID stable per interview, SEQUENCE = the interview's sequence).
//
// Contract: built only from candidate-facing fields (title, time, room name, join URL, passcode, the recruiter's
// name/e-mail, candidate_message) — never the internal notes or the internal event. `artifacts` is the interview's
// artifacts JSON ({"meeting": {"join_url", "passcode"}, "event": {"join_url"}}); join details typed as placeholders
// in a template are filled from it. The recruiter's own candidate_message is a template too: the same variables and
// values as the built-in text (docs/API_BACKEND.md "Candidate message"), rendered when the message is composed — so a
// {{join_url}} typed before the meeting exists arrives as the real link. Errors: the template/iCalendar errors
// ("invalid_invite", …), "unknown_time_zone", "unresolved_placeholders" (a candidate_message placeholder still
// without a value: the message is not sent with "{{…}}" in it).
// Pure apart from reading zones; thread-safe when `zones` is.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/candidate_text.h"
#include "booking/provider_gateway.h"
#include "invites/email_templates.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "store/directory_store.h"
#include "store/interview_model.h"
#include "store/tenant_model.h"

namespace slotwise {

enum class CandidateMessageKind : std::uint8_t { kInvitation, kUpdate, kCancellation };

struct CandidateMessageContext {
  const Tenant* tenant = nullptr;
  const Interview* interview = nullptr;
  std::string organizer_name;   // display name of the recruiter
  std::string room_name;        // "" when none
  std::string interviewer_names;  // "Ken Sato, Lena Fischer"
  nlohmann::json artifacts = nlohmann::json::object();
  std::int64_t now = 0;         // DTSTAMP
};

// The context for `interview` with names read from `directory` (a missing person or room falls back to the e-mail).
// `tenant` and `interview` are borrowed by the result.
CandidateMessageContext CandidateContextFor(DirectoryStore& directory, const Tenant& tenant, const Interview& interview,
                                            const nlohmann::json& artifacts, std::int64_t now);

// The interviewers' display names from the directory, in the interview's order (the e-mail for someone unknown).
std::vector<std::string> InterviewerNames(DirectoryStore& directory, const std::string& tenant_id, const Interview& interview);

// The room's display name from the directory ("" for no room; the e-mail when the room is unknown).
std::string RoomDisplayName(DirectoryStore& directory, const std::string& tenant_id, const std::string& room);

// The message kind the interview's current state calls for: cancellation when cancelled, the invitation at sequence
// 0, an update afterwards.
CandidateMessageKind CurrentMessageKind(const Interview& interview);

// The template values of the interview as its candidate reads it: their zone and language (else the tenant's), the
// time, position, company, organiser, interviewers, room, location and — once the meeting or event exists — join_url
// and passcode. "unknown_time_zone" when the candidate's zone is not known. Used for the candidate's messages and for
// POST /v1/messages with an interview_id.
Result<invites::TemplateValues> CandidateTemplateValues(const CandidateMessageContext& context, ZoneSource& zones);

Result<OutgoingMessage> ComposeCandidateMessage(CandidateMessageKind kind, const CandidateMessageContext& context,
                                                ZoneSource& zones);

// The stable iCalendar UID of an interview's candidate invitation.
std::string CandidateInviteUid(const std::string& interview_id);

}  // namespace slotwise
