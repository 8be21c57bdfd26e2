// email_templates.h — e-mail texts with {{variables}}: the candidate's invitation, update and cancellation, the
// candidate's proposal (times to choose from, with the link to the candidate page), and the colleague e-mail asking to connect a Zoom / Teams / GoTo account; built in for English, German, Japanese, Dutch,
// French, Spanish, Italian, Portuguese, Chinese (Simplified) and Korean (Locale, locale_format.h), each language's
// template of a kind with exactly the variables of the English one.
//
// Template syntax: "{{name}}" with optional spaces or tabs inside the braces ("{{ join_url }}"). Names are the
// kTemplateVariables below. Rendering is one pass: a value is inserted verbatim and never expanded again.
//
// Placeholders that outlive a render: a known variable whose value is not available yet (the join URL before the
// video meeting exists) is left exactly as typed and listed in `unresolved`. Rendering that output again with more
// values fills it in, so a text typed (or edited) before the meeting exists is completed once it is created.
//
// Values: plain variables come from TemplateValues::text; date, start_time, end_time, time_zone and duration are
// computed from start/end in the recipient's zone and language (locale_format.h) unless `text` holds them (an
// explicit text wins, e.g. "to be announced"). A value present but empty counts as available (it renders as "").
//
// Errors (nothing is rendered): "unknown_template_variable" (field = the unknown name) for a placeholder or a `text`
// key that is not a template variable; "invalid_template" for "{{" without "}}" or with something other than one
// name inside; "invalid_template_value" (field = the name) for a value containing "{{" or "}}".
// Thread-safe: pure functions; the built-in templates are immutable.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "invites/locale_format.h"
#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::invites {

// The last three belong to the candidate's proposal only (kCandidateProposal): proposal_url (the candidate page's
// link), proposed_times (the times offered, one per line: FormatTimeOptions) and expires_at (FormatLocalDateTime).
inline constexpr std::array<std::string_view, 21> kTemplateVariables = {
    "candidate_name", "candidate_email", "interviewer_names", "position",     "company",        "date",
    "start_time",     "end_time",        "time_zone",         "duration",     "location",       "room",
    "join_url",       "passcode",        "organizer_name",    "connect_url",  "provider_name",  "dial_in",
    "proposal_url",   "proposed_times",  "expires_at"};

bool IsTemplateVariable(std::string_view name);  // true for a name in kTemplateVariables

struct TemplateValues {
  std::map<std::string, std::string, std::less<>> text;  // variable name -> value; absent = not available yet
  std::optional<Instant> start;                          // interview start (UTC): date, start_time, time_zone
  std::optional<Instant> end;                            // interview end (UTC): end_time; with start: duration
  const TimeZone* zone = nullptr;                        // the recipient's zone (not owned); nullptr = UTC
  std::optional<Locale> locale;                          // the recipient's language; unset = English
};

struct RenderedText {
  std::string text;
  std::vector<std::string> unresolved;  // names left as placeholders, each once, in order of first appearance
};

struct EmailTemplate {
  std::string subject;  // one line
  std::string body;     // plain text, "\n" line ends
};

struct RenderedEmail {
  std::string subject;
  std::string body;
  std::vector<std::string> unresolved;  // over subject and body, each name once
};

enum class TemplateKind {
  kCandidateInvitation,    // the candidate's interview invitation (sent with the .ics)
  kCandidateUpdate,        // the interview moved to a new time
  kCandidateCancellation,  // the interview is cancelled
  kConnectConferencing,    // to a colleague: please connect your {{provider_name}} account ({{connect_url}})
  kCandidateProposal,      // times to choose from ({{proposed_times}}) on the candidate page ({{proposal_url}})
};

// Fills `template_text` with `values` (see the contract above).
Result<RenderedText> Render(std::string_view template_text, const TemplateValues& values);
// Render over subject and body.
Result<RenderedEmail> RenderEmail(const EmailTemplate& email_template, const TemplateValues& values);

// `recipient` on top of `shared`: recipient's text entries replace shared ones of the same name; start, end, zone and
// locale are the recipient's when set, else the shared ones.
TemplateValues MergeValues(const TemplateValues& shared, const TemplateValues& recipient);
// A bulk send: one e-mail per recipient, in order, each rendered with MergeValues(shared, recipients[i]) — so each
// gets their own name, zone and date/time language. The first failure is returned (its message names the recipient's
// index); nothing is returned for the others then.
Result<std::vector<RenderedEmail>> RenderForRecipients(const EmailTemplate& email_template,
                                                       const TemplateValues& shared,
                                                       const std::vector<TemplateValues>& recipients);
// The same with the built-in template of `kind` in each recipient's own language.
Result<std::vector<RenderedEmail>> RenderForRecipients(TemplateKind kind, const TemplateValues& shared,
                                                       const std::vector<TemplateValues>& recipients);

// The built-in template of `kind` in `locale`. The reference stays valid for the program's lifetime.
const EmailTemplate& BuiltInTemplate(TemplateKind kind, Locale locale);

}  // namespace slotwise::invites
