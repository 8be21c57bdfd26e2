// templates_pt.cpp — the built-in e-mail texts in Portuguese, addressing the reader as "você" / "a sua" (Brazilian
// register, worded to read well in Portugal too; see email_templates.h for the variables). "na empresa {{company}}"
// and "– {{company}}" avoid guessing the company name's gender.
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& PortugueseTemplates() {
  static const EmailTemplate kInvitation{
      "Convite para entrevista: {{position}} – {{company}}",
      "Prezado(a) {{candidate_name}},\n"
      "\n"
      "Agradecemos a sua candidatura à vaga de {{position}} na empresa {{company}}. Temos o prazer de convidar você "
      "para uma entrevista.\n"
      "\n"
      "Data: {{date}}\n"
      "Horário: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duração: {{duration}}\n"
      "Local: {{location}}\n"
      "Com: {{interviewer_names}}\n"
      "\n"
      "Segue em anexo um convite para a sua agenda. Caso o horário não seja conveniente, por favor responda a este "
      "e-mail.\n"
      "\n"
      "Atenciosamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "Novo horário para a sua entrevista: {{position}} – {{company}}",
      "Prezado(a) {{candidate_name}},\n"
      "\n"
      "A sua entrevista para a vaga de {{position}} na empresa {{company}} foi alterada para um novo horário:\n"
      "\n"
      "Data: {{date}}\n"
      "Horário: {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "Duração: {{duration}}\n"
      "Local: {{location}}\n"
      "Com: {{interviewer_names}}\n"
      "\n"
      "O convite em anexo substitui o anterior na sua agenda. Caso o novo horário não seja conveniente, por favor "
      "responda a este e-mail.\n"
      "\n"
      "Atenciosamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "Cancelamento da sua entrevista: {{position}} – {{company}}",
      "Prezado(a) {{candidate_name}},\n"
      "\n"
      "Infelizmente, tivemos de cancelar a sua entrevista para a vaga de {{position}} na empresa {{company}}, marcada "
      "para {{date}} às {{start_time}} ({{time_zone}}). A mensagem em anexo remove o compromisso da sua agenda.\n"
      "\n"
      "Voltaremos a falar com você em breve.\n"
      "\n"
      "Atenciosamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "Conecte a sua conta {{provider_name}} para o agendamento de entrevistas",
      "Prezado(a) colega,\n"
      "\n"
      "Gostaríamos de ativar uma nova funcionalidade para que você possa criar links de videoconferência diretamente "
      "ao agendar entrevistas com candidatos. Para isso, conecte a sua conta {{provider_name}} ao Slotwise seguindo "
      "estes passos:\n"
      "\n"
      "1. Abra {{connect_url}}\n"
      "2. Entre com as suas credenciais do {{provider_name}} e permita o acesso.\n"
      "3. Você voltará ao Slotwise, que verificará a conexão imediatamente.\n"
      "\n"
      "Por favor, avise-nos quando terminar.\n"
      "Agradecemos desde já!\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "Escolha um horário para a sua entrevista: {{position}} – {{company}}",
      "Prezado(a) {{candidate_name}},\n"
      "\n"
      "agradecemos a sua candidatura à vaga de {{position}} na {{company}}. Gostaríamos de convidá-lo(a) para uma "
      "entrevista de {{duration}} e propomos os seguintes horários:\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "Por favor, escolha nesta página o horário que melhor lhe convier:\n"
      "{{proposal_url}}\n"
      "\n"
      "O link é válido até {{expires_at}}. Se nenhum dos horários lhe convier, você pode sugerir outros na mesma "
      "página.\n"
      "\n"
      "Atenciosamente,\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
