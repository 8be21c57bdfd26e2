// templates_nl.cpp — the built-in e-mail texts in Dutch (see email_templates.h for the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& DutchTemplates() {
  static const EmailTemplate kInvitation{
      "Uitnodiging voor een sollicitatiegesprek: {{position}} bij {{company}}",
      "Beste {{candidate_name}},\n"
      "\n"
      "hartelijk dank voor uw sollicitatie naar de functie {{position}} bij {{company}}. Graag nodigen wij u uit voor "
      "een sollicitatiegesprek.\n"
      "\n"
      "Datum: {{date}}\n"
      "Tijd: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duur: {{duration}}\n"
      "Locatie: {{location}}\n"
      "Met: {{interviewer_names}}\n"
      "\n"
      "Een agenda-uitnodiging is bijgevoegd. Schikt dit tijdstip u niet, beantwoord dan alstublieft deze e-mail.\n"
      "\n"
      "Met vriendelijke groet\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Nieuw tijdstip voor uw sollicitatiegesprek: {{position}} bij {{company}}",
      "Beste {{candidate_name}},\n"
      "\n"
      "uw sollicitatiegesprek voor de functie {{position}} bij {{company}} is verplaatst naar een nieuw tijdstip:\n"
      "\n"
      "Datum: {{date}}\n"
      "Tijd: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duur: {{duration}}\n"
      "Locatie: {{location}}\n"
      "Met: {{interviewer_names}}\n"
      "\n"
      "De bijgevoegde agenda-uitnodiging vervangt de vorige. Schikt het nieuwe tijdstip u niet, beantwoord dan "
      "alstublieft deze e-mail.\n"
      "\n"
      "Met vriendelijke groet\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Annulering van uw sollicitatiegesprek: {{position}} bij {{company}}",
      "Beste {{candidate_name}},\n"
      "\n"
      "helaas moeten wij uw sollicitatiegesprek voor de functie {{position}} bij {{company}} op {{date}} om "
      "{{start_time}} ({{time_zone}}) annuleren. Het bijgevoegde agendabericht verwijdert de afspraak uit uw agenda.\n"
      "\n"
      "Wij nemen binnenkort contact met u op.\n"
      "\n"
      "Met vriendelijke groet\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Wilt u {{provider_name}} koppelen voor het plannen van sollicitatiegesprekken?",
      "Beste collega,\n"
      "\n"
      "wij willen graag een nieuwe functie inschakelen, zodat u direct koppelingen naar videovergaderingen kunt "
      "aanmaken wanneer u sollicitatiegesprekken met kandidaten plant. Daarvoor moet u {{provider_name}} koppelen aan "
      "Slotwise. Volg hiervoor de onderstaande stappen:\n"
      "\n"
      "1. Open {{connect_url}}\n"
      "2. Meld u aan met uw inloggegevens voor {{provider_name}} en sta de toegang toe.\n"
      "3. U wordt teruggeleid naar Slotwise; de koppeling wordt meteen gecontroleerd.\n"
      "\n"
      "Laat ons alstublieft weten wanneer u klaar bent.\n"
      "Bedankt!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Kies een tijdstip voor uw sollicitatiegesprek: {{position}} bij {{company}}",
      "Beste {{candidate_name}},\n"
      "\n"
      "hartelijk dank voor uw sollicitatie naar de functie van {{position}} bij {{company}}. Graag nodigen wij u uit "
      "voor een gesprek van {{duration}} en stellen wij de volgende tijdstippen voor:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Kies op deze pagina het tijdstip dat u het beste uitkomt:\n"
      "{{proposal_url}}\n"
      "\n"
      "De link is geldig tot {{expires_at}}. Past geen van deze tijdstippen, dan kunt u op dezelfde pagina andere "
      "tijden voorstellen.\n"
      "\n"
      "Met vriendelijke groet\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
