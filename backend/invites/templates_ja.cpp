// templates_ja.cpp — the built-in e-mail texts in Japanese (see email_templates.h for the variables).
#include "invites/templates_data.h"

namespace slotwise::invites::detail {

const TemplateSet& JapaneseTemplates() {
  static const EmailTemplate kInvitation{
      "【面接のご案内】{{company}} {{position}}",
      "{{candidate_name}} 様\n"
      "\n"
      "このたびは{{company}}の{{position}}"
      "にご応募いただき、誠にありがとうございます。下記のとおり面接を設定いたしました"
      "ので、ご案内申し上げます。\n"
      "\n"
      "日時:{{date}} {{start_time}}〜{{end_time}}({{time_zone}})\n"
      "所要時間:{{duration}}\n"
      "場所:{{location}}\n"
      "面接担当:{{interviewer_names}}\n"
      "\n"
      "カレンダーの招待状を添付しております。ご都合が合わない場合は、このメールにご返信ください。\n"
      "\n"
      "よろしくお願いいたします。\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kUpdate{
      "【面接日時変更のお知らせ】{{company}} {{position}}",
      "{{candidate_name}} 様\n"
      "\n"
      "{{company}}の{{position}}の面接日時を、下記のとおり変更いたしました。\n"
      "\n"
      "日時:{{date}} {{start_time}}〜{{end_time}}({{time_zone}})\n"
      "所要時間:{{duration}}\n"
      "場所:{{location}}\n"
      "面接担当:{{interviewer_names}}\n"
      "\n"
      "添付のカレンダー招待状は、以前の招待状に代わるものです。新しい日時のご都合が合わない場合は、このメールにご返信"
      "ください。\n"
      "\n"
      "よろしくお願いいたします。\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kCancellation{
      "【面接中止のお知らせ】{{company}} {{position}}",
      "{{candidate_name}} 様\n"
      "\n"
      "誠に恐れ入りますが、{{date}} {{start_time}}({{time_zone}})に予定しておりました{{company}}の{{position}}の"
      "面接を中止させていただくことになりました。添付のカレンダー通知により、予定がカレンダーから削除されます。\n"
      "\n"
      "改めてご連絡いたします。\n"
      "\n"
      "よろしくお願いいたします。\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const EmailTemplate kConnect{
      "【お願い】面接設定のための{{provider_name}}アカウント連携",
      "各位\n"
      "\n"
      "お疲れ様です。候補者との面接を設定する際にビデオ会議のリンクを直接発行できるよう、新しい機能を有効にしたいと"
      "考えています。そのため、お使いの{{provider_name}}アカウントをSlotwiseと連携してください。手順は以下のとおり"
      "です。\n"
      "\n"
      "1. {{connect_url}} を開きます。\n"
      "2. {{provider_name}}のログイン情報でサインインし、アクセスを許可します。\n"
      "3. Slotwiseに戻ると、連携がすぐに確認されます。\n"
      "\n"
      "完了しましたらお知らせください。\n"
      "よろしくお願いいたします。\n"
      "{{organizer_name}}\n"};
  static const EmailTemplate kProposal{
      "【面接日程のご案内】{{company}} {{position}}",
      "{{candidate_name}} 様\n"
      "\n"
      "このたびは{{company}}の{{position}}にご応募いただき、誠にありがとうございます。面接(所要時間:{{duration}})"
      "の候補日時を下記のとおりご用意いたしました。\n"
      "\n"
      "{{proposed_times}}\n"
      "\n"
      "ご都合のよい日時を、こちらのページからお選びください。\n"
      "{{proposal_url}}\n"
      "\n"
      "このリンクの有効期限は{{expires_at}}です。いずれの日時もご都合が合わない場合は、同じページからご希望の日時をお知らせください。\n"
      "\n"
      "よろしくお願いいたします。\n"
      "{{organizer_name}}\n"
      "{{company}}\n"};
  static const TemplateSet kSet{kInvitation, kUpdate, kCancellation, kConnect, kProposal};
  return kSet;
}

}  // namespace slotwise::invites::detail
