// templates_zh.cpp — the built-in e-mail texts in Simplified Chinese, addressing the reader as "您" (see
// email_templates.h for the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& ChineseTemplates() {
  static const EmailTemplate kInvitation{
      "面试邀请：{{company}} {{position}}",
      "{{candidate_name}}，您好：\n"
      "\n"
      "感谢您应聘{{company}}的{{position}}职位。我们诚挚地邀请您参加面试，具体安排如下：\n"
      "\n"
      "日期：{{date}}\n"
      "时间：{{start_time}}–{{end_time}}（{{time_zone}}）\n"
      "时长：{{duration}}\n"
      "地点：{{location}}\n"
      "面试官：{{interviewer_names}}\n"
      "\n"
      "随信附上日历邀请。如该时间不便，请直接回复此邮件。\n"
      "\n"
      "此致\n"
      "敬礼\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "面试时间变更：{{company}} {{position}}",
      "{{candidate_name}}，您好：\n"
      "\n"
      "您应聘{{company}} {{position}}职位的面试时间已调整如下：\n"
      "\n"
      "日期：{{date}}\n"
      "时间：{{start_time}}–{{end_time}}（{{time_zone}}）\n"
      "时长：{{duration}}\n"
      "地点：{{location}}\n"
      "面试官：{{interviewer_names}}\n"
      "\n"
      "随信附上的日历邀请将取代之前的邀请。如新的时间不便，请直接回复此邮件。\n"
      "\n"
      "此致\n"
      "敬礼\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "面试取消通知：{{company}} {{position}}",
      "{{candidate_name}}，您好：\n"
      "\n"
      "很抱歉地通知您，原定于{{date}} {{start_time}}（{{time_zone}}）进行的{{company}} {{position}}职位面试已取消。"
      "随信附上的日历通知会将该日程从您的日历中删除。\n"
      "\n"
      "我们会尽快与您联系。\n"
      "\n"
      "此致\n"
      "敬礼\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "请关联您的{{provider_name}}账户，以便安排面试",
      "尊敬的同事，您好：\n"
      "\n"
      "我们计划启用一项新功能，让您在安排候选人面试时可以直接创建视频会议链接。为此，请按照以下步骤将您的"
      "{{provider_name}}账户与Slotwise关联：\n"
      "\n"
      "1. 打开 {{connect_url}}\n"
      "2. 使用您的{{provider_name}}账号登录并允许访问。\n"
      "3. 页面将返回Slotwise，系统会立即检查关联是否成功。\n"
      "\n"
      "完成后请告知我们。\n"
      "谢谢！\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "面试时间选择：{{company}} {{position}}",
      "{{candidate_name}}，您好：\n"
      "\n"
      "感谢您应聘{{company}}的{{position}}职位。我们诚挚邀请您参加面试（时长：{{duration}}），并为您提供以下可选时间：\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "请在以下页面选择您最方便的时间：\n"
      "{{proposal_url}}\n"
      "\n"
      "该链接的有效期至{{expires_at}}。如以上时间均不方便，您可以在同一页面提出其他时间。\n"
      "\n"
      "此致\n"
      "敬礼\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
