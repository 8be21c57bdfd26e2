// templates_ko.cpp — the built-in e-mail texts in Korean, in the formal 합니다체 (see email_templates.h for the
// variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& KoreanTemplates() {
  static const EmailTemplate kInvitation{
      "[면접 안내] {{company}} {{position}}",
      "{{candidate_name}} 님, 안녕하십니까.\n"
      "\n"
      "{{company}} {{position}} 직무에 지원해 주셔서 진심으로 감사드립니다. 아래와 같이 면접에 모시고자 합니다.\n"
      "\n"
      "일시: {{date}} {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "소요 시간: {{duration}}\n"
      "장소: {{location}}\n"
      "면접관: {{interviewer_names}}\n"
      "\n"
      "캘린더 초대장을 첨부합니다. 일정이 맞지 않으시면 이 메일로 회신해 주시기 바랍니다.\n"
      "\n"
      "감사합니다.\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "[면접 일정 변경 안내] {{company}} {{position}}",
      "{{candidate_name}} 님, 안녕하십니까.\n"
      "\n"
      "{{company}} {{position}} 직무 면접 일정이 아래와 같이 변경되었습니다.\n"
      "\n"
      "일시: {{date}} {{start_time}}–{{end_time}} ({{time_zone}})\n"
      "소요 시간: {{duration}}\n"
      "장소: {{location}}\n"
      "면접관: {{interviewer_names}}\n"
      "\n"
      "첨부된 캘린더 초대장은 이전 초대장을 대체합니다. 변경된 일정이 맞지 않으시면 이 메일로 회신해 주시기 "
      "바랍니다.\n"
      "\n"
      "감사합니다.\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "[면접 취소 안내] {{company}} {{position}}",
      "{{candidate_name}} 님, 안녕하십니까.\n"
      "\n"
      "대단히 죄송하지만 {{date}} {{start_time}} ({{time_zone}})에 예정되어 있던 {{company}} {{position}} 직무 면접이 "
      "취소되었음을 알려 드립니다. 첨부된 캘린더 메시지를 열면 일정이 캘린더에서 삭제됩니다.\n"
      "\n"
      "곧 다시 연락드리겠습니다.\n"
      "\n"
      "감사합니다.\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "[요청] 면접 일정 관리를 위한 {{provider_name}} 계정 연결",
      "안녕하십니까.\n"
      "\n"
      "후보자와의 면접 일정을 잡을 때 화상 회의 링크를 바로 만들 수 있도록 새로운 기능을 활성화하려고 합니다. "
      "이를 위해 아래 절차에 따라 {{provider_name}} 계정을 Slotwise에 연결해 주시기 바랍니다.\n"
      "\n"
      "1. {{connect_url}} 에 접속합니다.\n"
      "2. {{provider_name}} 로그인 정보로 로그인한 뒤 액세스를 허용합니다.\n"
      "3. Slotwise로 돌아오면 연결이 바로 확인됩니다.\n"
      "\n"
      "완료되면 알려 주십시오.\n"
      "감사합니다.\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "[면접 일정 선택] {{company}} {{position}}",
      "{{candidate_name}} 님, 안녕하십니까.\n"
      "\n"
      "{{company}} {{position}} 직무에 지원해 주셔서 감사합니다. 면접(소요 시간: {{duration}})을 위해 다음 일정을 "
      "제안드립니다.\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "아래 페이지에서 가장 편하신 일정을 선택해 주시기 바랍니다.\n"
      "{{proposal_url}}\n"
      "\n"
      "이 링크는 {{expires_at}}까지 유효합니다. 제안드린 일정이 모두 어려우시면 같은 페이지에서 다른 일정을 제안하실 수 "
      "있습니다.\n"
      "\n"
      "감사합니다.\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
