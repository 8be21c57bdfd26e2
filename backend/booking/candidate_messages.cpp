// candidate_messages.cpp — see candidate_messages.h.
#include "booking/candidate_messages.h"

#include <algorithm>

#include "invites/email_templates.h"
#include "invites/icalendar.h"
#include "booking/interview_artifacts.h"
#include "invites/locale_format.h"
#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

namespace {

// A person's display name from the directory (the e-mail when unknown or unnamed).
std::string PersonDisplayName(DirectoryStore& directory, const std::string& tenant_id, const std::string& email) {
  Result<std::optional<Person>> person = directory.GetPerson(tenant_id, email);
  return person && person->has_value() && !(*person)->name.empty() ? (*person)->name : email;
}

// One line per number of the conference's phone dial-in, as the provider stated it, in the recipient's language ("" when
// there is no dial-in).
std::string DialInLines(const std::vector<providers::DialIn>& dial_in, invites::Locale locale) {
  std::string lines;
  for (const providers::DialIn& entry : dial_in) {
    lines += (lines.empty() ? "" : "\n") + invites::FormatDialIn(entry.number, entry.region, entry.access_code, locale);
  }
  return lines;
}

// Whether `text` places the variable `name` ({{name}}), as the template syntax reads it (not a mere substring).
bool UsesVariable(const std::string& text, std::string_view name) {
  Result<invites::RenderedText> bare = invites::Render(text, invites::TemplateValues{});
  return bare && std::find(bare->unresolved.begin(), bare->unresolved.end(), name) != bare->unresolved.end();
}

invites::TemplateKind TemplateFor(CandidateMessageKind kind) {
  switch (kind) {
    case CandidateMessageKind::kInvitation: return invites::TemplateKind::kCandidateInvitation;
    case CandidateMessageKind::kUpdate: return invites::TemplateKind::kCandidateUpdate;
    case CandidateMessageKind::kCancellation: return invites::TemplateKind::kCandidateCancellation;
  }
  return invites::TemplateKind::kCandidateInvitation;
}

std::string_view KindName(CandidateMessageKind kind) {
  switch (kind) {
    case CandidateMessageKind::kInvitation: return "candidate_invitation";
    case CandidateMessageKind::kUpdate: return "candidate_update";
    case CandidateMessageKind::kCancellation: return "candidate_cancellation";
  }
  return "candidate_invitation";
}

}  // namespace

CandidateMessageContext CandidateContextFor(DirectoryStore& directory, const Tenant& tenant, const Interview& interview,
                                            const json& artifacts, std::int64_t now) {
  CandidateMessageContext context;
  context.tenant = &tenant;
  context.interview = &interview;
  context.artifacts = artifacts.is_object() ? artifacts : json::object();
  context.now = now;
  context.organizer_name = PersonDisplayName(directory, tenant.id, interview.spec.organizer);
  for (const std::string& name : InterviewerNames(directory, tenant.id, interview)) {
    context.interviewer_names += (context.interviewer_names.empty() ? "" : ", ") + name;
  }
  context.room_name = RoomDisplayName(directory, tenant.id, interview.spec.room);
  return context;
}

std::vector<std::string> InterviewerNames(DirectoryStore& directory, const std::string& tenant_id, const Interview& interview) {
  std::vector<std::string> names;
  for (const std::string& interviewer : interview.spec.interviewers) names.push_back(PersonDisplayName(directory, tenant_id, interviewer));
  return names;
}

std::string RoomDisplayName(DirectoryStore& directory, const std::string& tenant_id, const std::string& room) {
  if (room.empty()) return "";
  Result<std::optional<Room>> found = directory.GetRoom(tenant_id, room);
  return found && found->has_value() && !(*found)->name.empty() ? (*found)->name : room;
}

CandidateMessageKind CurrentMessageKind(const Interview& interview) {
  if (interview.status == InterviewStatus::kCancelled || interview.status == InterviewStatus::kFailed) {
    return CandidateMessageKind::kCancellation;
  }
  return interview.sequence == 0 ? CandidateMessageKind::kInvitation : CandidateMessageKind::kUpdate;
}

std::string CandidateInviteUid(const std::string& interview_id) { return interview_id + "@candidate.slotwise"; }

Result<invites::TemplateValues> CandidateTemplateValues(const CandidateMessageContext& context, ZoneSource& zones) {
  const InterviewSpec& spec = context.interview->spec;
  const std::string zone_name = spec.candidate.time_zone.empty() ? context.tenant->time_zone : spec.candidate.time_zone;
  const TimeZone* zone = zones.Find(zone_name);
  if (!zone) return Error{codes::kUnknownTimeZone, "unknown time zone " + zone_name + " for the candidate", "candidate.time_zone"};
  const ConferenceDetails conference = ConferenceOf(context.artifacts);
  const std::string& join_url = conference.join_url;
  invites::TemplateValues values;
  values.start = spec.start;
  values.end = spec.end;
  values.zone = zone;
  values.locale = invites::ParseLocale(spec.candidate.locale.empty() ? context.tenant->locale : spec.candidate.locale);
  values.text["candidate_name"] = spec.candidate.name;
  values.text["candidate_email"] = spec.candidate.email;
  values.text["position"] = spec.title;
  values.text["company"] = context.tenant->name;
  values.text["organizer_name"] = context.organizer_name;
  values.text["room"] = context.room_name;
  values.text["location"] = !context.room_name.empty() ? context.room_name : join_url;
  if (!join_url.empty()) values.text["join_url"] = join_url;
  values.text["passcode"] = conference.passcode;
  values.text["interviewer_names"] = context.interviewer_names;
  values.text["dial_in"] = DialInLines(conference.dial_in, *values.locale);
  return values;
}

Result<OutgoingMessage> ComposeCandidateMessage(CandidateMessageKind kind, const CandidateMessageContext& context,
                                                ZoneSource& zones) {
  const Interview& interview = *context.interview;
  const InterviewSpec& spec = interview.spec;
  Result<invites::TemplateValues> values = CandidateTemplateValues(context, zones);
  if (!values) return values.error();
  Result<invites::RenderedEmail> email =
      invites::RenderEmail(invites::BuiltInTemplate(TemplateFor(kind), *values->locale), *values);
  if (!email) return email.error();
  Result<std::string> own_text = RenderCandidateText(spec.candidate_message, *values);
  if (!own_text) return own_text.error();
  const std::string join_url = ConferenceOf(context.artifacts).join_url;
  // The phone dial-in, copied as the provider states it, unless the recruiter's own text already places it.
  std::string dial_in_block;
  if (const std::string& lines = values->text.at("dial_in"); !lines.empty() && !UsesVariable(spec.candidate_message, "dial_in")) {
    dial_in_block = std::string(invites::DialInHeading(*values->locale)) + "\n" + lines;
  }
  std::string description = dial_in_block;
  if (!own_text->empty()) description = *own_text + (description.empty() ? "" : "\n\n" + description);

  invites::CandidateInvite invite;
  invite.uid = CandidateInviteUid(interview.id);
  invite.sequence = static_cast<int>(interview.sequence);
  invite.method = kind == CandidateMessageKind::kCancellation ? invites::InviteMethod::kCancel
                                                              : invites::InviteMethod::kRequest;
  invite.summary = spec.title;
  invite.description = description;
  invite.location = context.room_name;
  invite.join_url = join_url;
  invite.start = spec.start;
  invite.end = spec.end;
  invite.organizer = invites::Person{context.organizer_name, spec.organizer};
  invite.candidate = invites::Person{spec.candidate.name, spec.candidate.email};
  invite.dtstamp = context.now;
  Result<std::string> ics = invites::RenderICalendar(invite, *values->zone);
  if (!ics) return ics.error();

  OutgoingMessage message;
  message.delivery_id = interview.id + ":" + std::to_string(interview.sequence) + ":" + std::string(KindName(kind));
  message.kind = std::string(KindName(kind));
  message.to_name = spec.candidate.name;
  message.to_email = spec.candidate.email;
  message.subject = email->subject;
  message.text_body = email->body;
  if (!dial_in_block.empty()) message.text_body += "\n" + dial_in_block + "\n";
  if (!own_text->empty()) message.text_body += "\n" + *own_text;
  message.ics = std::move(ics).value();
  message.ics_method = kind == CandidateMessageKind::kCancellation ? "CANCEL" : "REQUEST";
  message.interview_id = interview.id;
  return message;
}

}  // namespace slotwise
