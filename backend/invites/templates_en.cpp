// templates_en.cpp — the built-in e-mail texts in English (see email_templates.h for the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& EnglishTemplates() {
  static const EmailTemplate kInvitation{
      "Interview invitation: {{position}} at {{company}}",
      "Dear {{candidate_name}},\n"
      "\n"
      "thank you for your application for the position of {{position}} at {{company}}. We would like to invite you "
      "to an interview.\n"
      "\n"
      "Date: {{date}}\n"
      "Time: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duration: {{duration}}\n"
      "Location: {{location}}\n"
      "With: {{interviewer_names}}\n"
      "\n"
      "A calendar invitation is attached. If the time does not suit you, please reply to this e-mail.\n"
      "\n"
      "Kind regards\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Interview rescheduled: {{position}} at {{company}}",
      "Dear {{candidate_name}},\n"
      "\n"
      "your interview for the position of {{position}} at {{company}} has been moved to a new time:\n"
      "\n"
      "Date: {{date}}\n"
      "Time: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duration: {{duration}}\n"
      "Location: {{location}}\n"
      "With: {{interviewer_names}}\n"
      "\n"
      "The attached calendar invitation replaces the previous one. If the new time does not suit you, please reply "
      "to this e-mail.\n"
      "\n"
      "Kind regards\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Interview cancelled: {{position}} at {{company}}",
      "Dear {{candidate_name}},\n"
      "\n"
      "unfortunately we have to cancel your interview for the position of {{position}} at {{company}} on {{date}} "
      "at {{start_time}} ({{time_zone}}). The attached calendar message removes it from your calendar.\n"
      "\n"
      "We will get back to you shortly.\n"
      "\n"
      "Kind regards\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Please connect your {{provider_name}} account for interview scheduling",
      "Dear colleague,\n"
      "\n"
      "we would like to turn on a new feature so that you can create video meeting links directly when you schedule "
      "interviews with candidates. For this, please connect your {{provider_name}} account with Slotwise by following "
      "these steps:\n"
      "\n"
      "1. Open {{connect_url}}\n"
      "2. Sign in with your {{provider_name}} credentials and allow access.\n"
      "3. You are taken back to Slotwise, which checks the connection right away.\n"
      "\n"
      "Please let us know when you are done.\n"
      "Thank you!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Please choose a time for your interview: {{position}} at {{company}}",
      "Dear {{candidate_name}},\n"
      "\n"
      "thank you for your application for the position of {{position}} at {{company}}. We would like to invite you "
      "to an interview of {{duration}} and offer you the following times:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Please choose the time that suits you best on this page:\n"
      "{{proposal_url}}\n"
      "\n"
      "The link is valid until {{expires_at}}. If none of the times suits you, you can suggest other times on the "
      "same page.\n"
      "\n"
      "Kind regards\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
