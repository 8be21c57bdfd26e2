// templates_es.cpp — the built-in e-mail texts in Spanish, addressing the reader as "usted" (see email_templates.h for
// the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& SpanishTemplates() {
  static const EmailTemplate kInvitation{
      "Invitación a una entrevista: {{position}} en {{company}}",
      "Estimado/a {{candidate_name}}:\n"
      "\n"
      "Le agradecemos su candidatura al puesto de {{position}} en {{company}}. Nos complace invitarle a una "
      "entrevista.\n"
      "\n"
      "Fecha: {{date}}\n"
      "Hora: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duración: {{duration}}\n"
      "Lugar: {{location}}\n"
      "Con: {{interviewer_names}}\n"
      "\n"
      "Adjuntamos una invitación para su calendario. Si el horario no le viene bien, le rogamos que responda a este "
      "correo.\n"
      "\n"
      "Atentamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Nuevo horario para su entrevista: {{position}} en {{company}}",
      "Estimado/a {{candidate_name}}:\n"
      "\n"
      "Su entrevista para el puesto de {{position}} en {{company}} se ha trasladado a un nuevo horario:\n"
      "\n"
      "Fecha: {{date}}\n"
      "Hora: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duración: {{duration}}\n"
      "Lugar: {{location}}\n"
      "Con: {{interviewer_names}}\n"
      "\n"
      "La invitación adjunta sustituye a la anterior en su calendario. Si el nuevo horario no le viene bien, le rogamos "
      "que responda a este correo.\n"
      "\n"
      "Atentamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Cancelación de su entrevista: {{position}} en {{company}}",
      "Estimado/a {{candidate_name}}:\n"
      "\n"
      "Lamentamos comunicarle que debemos cancelar su entrevista para el puesto de {{position}} en {{company}}, "
      "prevista para el {{date}} a las {{start_time}} ({{time_zone}}). El mensaje adjunto la elimina de su "
      "calendario.\n"
      "\n"
      "Nos pondremos en contacto con usted en breve.\n"
      "\n"
      "Atentamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Conecte su cuenta de {{provider_name}} para programar entrevistas",
      "Estimado/a compañero/a:\n"
      "\n"
      "Nos gustaría activar una nueva función para que pueda crear enlaces de videoconferencia directamente al "
      "programar entrevistas con candidatos. Para ello, le rogamos que conecte su cuenta de {{provider_name}} con "
      "Slotwise siguiendo estos pasos:\n"
      "\n"
      "1. Abra {{connect_url}}\n"
      "2. Inicie sesión con sus credenciales de {{provider_name}} y permita el acceso.\n"
      "3. Volverá a Slotwise, que comprobará la conexión de inmediato.\n"
      "\n"
      "Avísenos, por favor, cuando haya terminado.\n"
      "¡Muchas gracias!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Elija un horario para su entrevista: {{position}} en {{company}}",
      "Estimado/a {{candidate_name}}:\n"
      "\n"
      "le agradecemos su candidatura al puesto de {{position}} en {{company}}. Nos gustaría invitarle a una entrevista "
      "de {{duration}} y le proponemos los siguientes horarios:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Por favor, elija en esta página el horario que mejor le convenga:\n"
      "{{proposal_url}}\n"
      "\n"
      "El enlace es válido hasta el {{expires_at}}. Si ninguno de los horarios le viene bien, puede proponer otros en "
      "la misma página.\n"
      "\n"
      "Atentamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
