// templates_de.cpp — the built-in e-mail texts in German (see email_templates.h for the variables). The colleague
// e-mail follows the wording of the usual "E-Mail-Vorlage für die Benutzerauthentifizierung".
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& GermanTemplates() {
  static const EmailTemplate kInvitation{
      "Einladung zum Vorstellungsgespräch: {{position}} bei {{company}}",
      "Guten Tag {{candidate_name}},\n"
      "\n"
      "vielen Dank für Ihre Bewerbung als {{position}} bei {{company}}. Gerne laden wir Sie zu einem "
      "Vorstellungsgespräch ein.\n"
      "\n"
      "Datum: {{date}}\n"
      "Uhrzeit: {{start_time}}–{{end_time}} Uhr ({{time_zone}})\n"
      "Dauer: {{duration}}\n"
      "Ort: {{location}}\n"
      "Gesprächspartner: {{interviewer_names}}\n"
      "\n"
      "Eine Kalendereinladung ist beigefügt. Falls Ihnen der Termin nicht passt, antworten Sie bitte auf diese "
      "E-Mail.\n"
      "\n"
      "Mit freundlichen Grüßen\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Neuer Termin für Ihr Vorstellungsgespräch: {{position}} bei {{company}}",
      "Guten Tag {{candidate_name}},\n"
      "\n"
      "Ihr Vorstellungsgespräch als {{position}} bei {{company}} wurde auf einen neuen Termin verschoben:\n"
      "\n"
      "Datum: {{date}}\n"
      "Uhrzeit: {{start_time}}–{{end_time}} Uhr ({{time_zone}})\n"
      "Dauer: {{duration}}\n"
      "Ort: {{location}}\n"
      "Gesprächspartner: {{interviewer_names}}\n"
      "\n"
      "Die beigefügte Kalendereinladung ersetzt die vorherige. Falls Ihnen der neue Termin nicht passt, antworten Sie "
      "bitte auf diese E-Mail.\n"
      "\n"
      "Mit freundlichen Grüßen\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Absage Ihres Vorstellungsgesprächs: {{position}} bei {{company}}",
      "Guten Tag {{candidate_name}},\n"
      "\n"
      "leider müssen wir Ihr Vorstellungsgespräch als {{position}} bei {{company}} am {{date}} um {{start_time}} Uhr "
      "({{time_zone}}) absagen. Die beigefügte Kalendernachricht entfernt den Termin aus Ihrem Kalender.\n"
      "\n"
      "Wir melden uns in Kürze bei Ihnen.\n"
      "\n"
      "Mit freundlichen Grüßen\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Bitte verbinden Sie Ihr {{provider_name}}-Konto für die Planung von Vorstellungsgesprächen",
      "Liebe Kollegin, lieber Kollege,\n"
      "\n"
      "wir würden gerne eine neue Funktion aktivieren, damit Sie direkt Links zu Videokonferenzen erstellen können, "
      "wenn Sie Vorstellungsgespräche mit Bewerberinnen und Bewerbern planen. Dazu müssten Sie Ihr "
      "{{provider_name}}-Konto mit Slotwise verbinden. Befolgen Sie dafür bitte die folgenden Schritte:\n"
      "\n"
      "1. Öffnen Sie {{connect_url}}\n"
      "2. Melden Sie sich mit Ihren Zugangsdaten für {{provider_name}} an und erlauben Sie den Zugriff.\n"
      "3. Sie werden zu Slotwise zurückgeleitet; die Verbindung wird sofort geprüft.\n"
      "\n"
      "Bitte informieren Sie uns, wenn Sie fertig sind.\n"
      "Danke!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Bitte wählen Sie einen Termin für Ihr Vorstellungsgespräch: {{position}} bei {{company}}",
      "Guten Tag {{candidate_name}},\n"
      "\n"
      "vielen Dank für Ihre Bewerbung als {{position}} bei {{company}}. Wir möchten Sie gern zu einem "
      "Vorstellungsgespräch von {{duration}} einladen und schlagen Ihnen folgende Termine vor:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Bitte wählen Sie auf dieser Seite den Termin, der Ihnen am besten passt:\n"
      "{{proposal_url}}\n"
      "\n"
      "Der Link ist gültig bis {{expires_at}}. Falls keiner der Termine passt, können Sie auf derselben Seite andere "
      "Zeiten vorschlagen.\n"
      "\n"
      "Mit freundlichen Grüßen\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
