// templates_it.cpp — the built-in e-mail texts in Italian, addressing the reader as "Lei" (lower-case "lei", "suo" as
// current business writing has it; see email_templates.h for the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& ItalianTemplates() {
  static const EmailTemplate kInvitation{
      "Invito a un colloquio: {{position}} presso {{company}}",
      "Gentile {{candidate_name}},\n"
      "\n"
      "la ringraziamo per la sua candidatura alla posizione di {{position}} presso {{company}} e siamo lieti di "
      "invitarla a un colloquio.\n"
      "\n"
      "Data: {{date}}\n"
      "Orario: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Durata: {{duration}}\n"
      "Luogo: {{location}}\n"
      "Con: {{interviewer_names}}\n"
      "\n"
      "In allegato trova l’invito per il suo calendario. Se l’orario non le è comodo, la preghiamo di rispondere a "
      "questa e-mail.\n"
      "\n"
      "Cordiali saluti\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Nuovo orario per il suo colloquio: {{position}} presso {{company}}",
      "Gentile {{candidate_name}},\n"
      "\n"
      "il suo colloquio per la posizione di {{position}} presso {{company}} è stato spostato a un nuovo orario:\n"
      "\n"
      "Data: {{date}}\n"
      "Orario: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Durata: {{duration}}\n"
      "Luogo: {{location}}\n"
      "Con: {{interviewer_names}}\n"
      "\n"
      "L’invito in allegato sostituisce quello precedente nel suo calendario. Se il nuovo orario non le è comodo, la "
      "preghiamo di rispondere a questa e-mail.\n"
      "\n"
      "Cordiali saluti\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Annullamento del suo colloquio: {{position}} presso {{company}}",
      "Gentile {{candidate_name}},\n"
      "\n"
      "siamo spiacenti di doverle comunicare che il suo colloquio per la posizione di {{position}} presso {{company}}, "
      "previsto per {{date}} alle {{start_time}} ({{time_zone}}), è stato annullato. Il messaggio in allegato lo "
      "rimuove dal suo calendario.\n"
      "\n"
      "La ricontatteremo a breve.\n"
      "\n"
      "Cordiali saluti\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Colleghi il suo account {{provider_name}} per la pianificazione dei colloqui",
      "Gentile collega,\n"
      "\n"
      "vorremmo attivare una nuova funzione che le permetta di creare direttamente i link alle videoconferenze quando "
      "pianifica colloqui con i candidati. A tale scopo la preghiamo di collegare il suo account {{provider_name}} a "
      "Slotwise seguendo questi passaggi:\n"
      "\n"
      "1. Apra {{connect_url}}\n"
      "2. Acceda con le sue credenziali {{provider_name}} e consenta l’accesso.\n"
      "3. Tornerà su Slotwise, che verificherà subito il collegamento.\n"
      "\n"
      "Ci faccia sapere quando ha terminato.\n"
      "Grazie!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Scelga un orario per il suo colloquio: {{position}} presso {{company}}",
      "Gentile {{candidate_name}},\n"
      "\n"
      "la ringraziamo per la sua candidatura alla posizione di {{position}} presso {{company}}. Desideriamo invitarla "
      "a un colloquio di {{duration}} e le proponiamo i seguenti orari:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "La preghiamo di scegliere l’orario che preferisce su questa pagina:\n"
      "{{proposal_url}}\n"
      "\n"
      "Il link è valido fino a {{expires_at}}. Se nessuno degli orari le è comodo, può proporne altri sulla stessa "
      "pagina.\n"
      "\n"
      "Cordiali saluti\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
