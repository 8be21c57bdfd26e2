// proposal_message.cpp — see proposal_message.h.
#include "proposals/proposal_message.h"

#include "booking/candidate_text.h"
#include "invites/locale_format.h"
#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

std::string ProposalDeliveryId(const std::string& proposal_id) { return proposal_id + ":proposal"; }

invites::TemplateValues CandidateValuesBeforePick(const json& booking, const std::string& organizer_name,
                                                  const std::string& company) {
  const json candidate = booking.is_object() ? booking.value("candidate", json::object()) : json::object();
  invites::TemplateValues known;
  known.text["candidate_name"] = candidate.value("name", "");
  known.text["candidate_email"] = candidate.value("email", "");
  known.text["position"] = booking.is_object() ? booking.value("title", "") : "";
  known.text["organizer_name"] = organizer_name;
  known.text["company"] = company;
  return known;
}

Result<OutgoingMessage> ComposeProposalMessage(const ProposalMessageInput& input, ZoneSource& zones) {
  const Tenant& tenant = *input.tenant;
  const json candidate = input.booking.value("candidate", json::object());
  const std::string zone_name = candidate.value("time_zone", "");
  const TimeZone* zone = zones.Find(zone_name);
  if (zone == nullptr) {
    return Error{codes::kUnknownTimeZone, "unknown time zone " + zone_name + " for the candidate", "candidate.time_zone"};
  }
  if (input.times.empty()) return Error{codes::kInvalidRequest, "a proposal e-mail needs a time to offer", "options"};
  const std::string locale_tag = candidate.value("locale", "");
  const invites::Locale locale = invites::ParseLocale(locale_tag.empty() ? tenant.locale : locale_tag);

  invites::TemplateValues values = CandidateValuesBeforePick(input.booking, input.organizer_name, tenant.name);
  values.zone = zone;
  values.locale = locale;
  values.start = input.times.front().first;  // the options share one length: {{duration}}
  values.end = input.times.front().second;
  values.text["proposal_url"] = input.url;
  values.text["proposed_times"] = invites::FormatTimeList(input.times, *zone, locale);
  values.text["expires_at"] = invites::FormatLocalDateTime(input.expires_at, *zone, locale);
  Result<invites::RenderedEmail> email =
      invites::RenderEmail(invites::BuiltInTemplate(invites::TemplateKind::kCandidateProposal, locale), values);
  if (!email) return email.error();
  if (!email->unresolved.empty()) {
    return Error{codes::kUnresolvedPlaceholders, "the proposal e-mail has no value for {{" + email->unresolved.front() + "}}",
                 ""};
  }
  // The recruiter's own text, as the candidate page shows it before a time is picked.
  const std::string own_text = PreviewCandidateText(input.booking.value("candidate_message", ""),
                                                    CandidateValuesBeforePick(input.booking, input.organizer_name,
                                                                              tenant.name));
  OutgoingMessage message;
  message.delivery_id = ProposalDeliveryId(input.proposal_id);
  message.kind = "candidate_proposal";
  message.to_name = candidate.value("name", "");
  message.to_email = candidate.value("email", "");
  message.subject = email->subject;
  message.text_body = email->body;
  if (!own_text.empty()) message.text_body += "\n" + own_text;
  return message;
}

}  // namespace slotwise
