// hr_text.cpp — the HR texts per language (see hr_text.h).
#include "hr/hr_text.h"

#include <array>
#include <utility>

#include "slotwise/time_zone.h"

namespace slotwise::hr {

namespace {

// Columns: en, de, nl, ja.
using Row = std::array<std::string_view, 4>;

std::size_t Column(Locale locale) {
  switch (HrLocale(locale)) {
    case Locale::kDe: return 1;
    case Locale::kNl: return 2;
    case Locale::kJa: return 3;
    default: break;  // English
  }
  return 0;
}

constexpr std::array<std::pair<std::string_view, Row>, 6> kAbsenceTypes = {{
    {"vacation", {"Vacation", "Urlaub", "Vakantie", "休暇"}},
    {"sick_leave", {"Sick leave", "Krankheit", "Ziekteverlof", "病気休暇"}},
    {"parental_leave", {"Parental leave", "Elternzeit", "Ouderschapsverlof", "育児休業"}},
    {"special_leave", {"Special leave", "Sonderurlaub", "Bijzonder verlof", "特別休暇"}},
    {"unpaid_leave", {"Unpaid leave", "Unbezahlter Urlaub", "Onbetaald verlof", "無給休暇"}},
    {"training", {"Training", "Fortbildung", "Opleiding", "研修"}},
}};

// Indexed by TextId.
constexpr std::array<Row, 42> kTexts = {{
    {"Daily update for {0}", "Tagesupdate für {0}", "Dagelijkse update voor {0}", "{0} の本日のお知らせ"},
    {"Absent today", "Heute abwesend", "Vandaag afwezig", "本日の不在"},
    {"back on {0}", "zurück am {0}", "weer terug op {0}", "{0}に復帰"},
    {"back on {0} in the afternoon", "zurück am {0} ab Mittag", "weer terug op {0} vanaf de middag",
     "{0}の午後に復帰"},
    {"(morning)", "(vormittags)", "('s ochtends)", "(午前)"},
    {"(afternoon)", "(nachmittags)", "('s middags)", "(午後)"},
    {"Birthdays", "Geburtstage", "Verjaardagen", "誕生日"},
    {"Work anniversaries", "Dienstjubiläen", "Jubilea", "勤続記念日"},
    {"New joiners", "Neu im Team", "Nieuwe collega's", "新しい仲間"},
    {"Absence request received", "Abwesenheitsantrag eingegangen", "Verlofaanvraag ontvangen", "休暇申請を受け付けました"},
    {"Absence request not possible", "Abwesenheitsantrag nicht möglich", "Verlofaanvraag niet mogelijk",
     "休暇申請を受け付けられません"},
    {"Type", "Art", "Soort", "種類"},
    {"First day", "Erster Tag", "Eerste dag", "初日"},
    {"Last day", "Letzter Tag", "Laatste dag", "最終日"},
    {"Substitute", "Vertretung", "Vervanger", "代理"},
    {"Duration", "Dauer", "Duur", "日数"},
    {"Status", "Stand", "Stand van zaken", "状況"},
    {"waiting for approval", "wartet auf Genehmigung", "wacht op goedkeuring", "承認待ち"},
    {"full day", "ganzer Tag", "hele dag", "終日"},
    {"morning", "Vormittag", "ochtend", "午前"},
    {"afternoon", "Nachmittag", "middag", "午後"},
    {"Your interviews during this absence", "Ihre Interviews während dieser Abwesenheit",
     "Je sollicitatiegesprekken tijdens deze afwezigheid", "この不在期間中の面接"},
    {"You are already absent from {0} to {1}.", "Sie sind bereits vom {0} bis {1} abwesend.",
     "Je bent al afwezig van {0} tot en met {1}.", "{0}から{1}まで既に不在の予定があります。"},
    {"{0} is absent on {1} and cannot be your substitute.", "{0} ist am {1} selbst abwesend und kann nicht vertreten.",
     "{0} is op {1} zelf afwezig en kan je niet vervangen.", "{0}さんは{1}に不在のため代理を務められません。"},
    {"Your Teams account is not linked to an employee.", "Ihr Teams-Konto ist mit keinem Mitarbeiterprofil verknüpft.",
     "Je Teams-account is niet aan een medewerker gekoppeld.", "あなたのTeamsアカウントは従業員情報と連携されていません。"},
    {"The substitute you chose is not known.", "Die gewählte Vertretung ist unbekannt.",
     "De gekozen vervanger is onbekend.", "選択された代理の方が見つかりません。"},
    {"Please check the field {0}.", "Bitte prüfen Sie das Feld {0}.", "Controleer het veld {0}.",
     "項目「{0}」を確認してください。"},
    {"Request an absence", "Abwesenheit beantragen", "Afwezigheid aanvragen", "休暇申請"},
    {"Step 1 of 2: what and when", "Schritt 1 von 2: was und wann", "Stap 1 van 2: wat en wanneer",
     "ステップ 1/2：種類と期間"},
    {"Step 2 of 2: your substitute", "Schritt 2 von 2: Ihre Vertretung", "Stap 2 van 2: je vervanger",
     "ステップ 2/2：代理人"},
    {"Type of absence", "Art der Abwesenheit", "Soort afwezigheid", "休暇の種類"},
    {"On the first day", "Am ersten Tag", "Op de eerste dag", "初日の時間帯"},
    {"On the last day", "Am letzten Tag", "Op de laatste dag", "最終日の時間帯"},
    {"Next", "Weiter", "Volgende", "次へ"},
    {"Submit request", "Antrag senden", "Aanvraag versturen", "申請する"},
    {"Who stands in for you?", "Wer vertritt Sie?", "Wie vervangt je?", "代理人"},
    {"No substitute", "Keine Vertretung", "Geen vervanger", "代理人なし"},
    {"Comment (optional)", "Kommentar (optional)", "Opmerking (optioneel)", "コメント（任意）"},
    {"To request an absence, write \"request absence\".",
     "Um eine Abwesenheit zu beantragen, schreiben Sie „Abwesenheit beantragen“.",
     "Schrijf \"afwezigheid aanvragen\" om een afwezigheid aan te vragen.",
     "休暇を申請するには「休暇申請」と入力してください。"},
    {"Your organisation has not connected its Microsoft 365 to Slotwise yet, so absences cannot be requested here. "
     "Please ask your administrator.",
     "Ihre Organisation hat ihr Microsoft 365 noch nicht mit Slotwise verbunden; Abwesenheiten können hier noch nicht "
     "beantragt werden. Bitte wenden Sie sich an Ihre Administration.",
     "Je organisatie heeft haar Microsoft 365 nog niet met Slotwise verbonden, dus afwezigheden kunnen hier nog niet "
     "worden aangevraagd. Vraag het je beheerder.",
     "お客様の組織は Microsoft 365 をまだ Slotwise に接続していないため、ここでは休暇を申請できません。"
     "管理者にお問い合わせください。"},
    {"Please fill in this field.", "Bitte füllen Sie dieses Feld aus.", "Vul dit veld in.", "この項目を入力してください。"},
    {"No colleague of your team is known to Slotwise.", "Slotwise kennt niemanden aus Ihrem Team.",
     "Slotwise kent niemand uit je team.", "チームの同僚が Slotwise に登録されていません。"},
}};

std::string Substitute(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
        pattern[i + 1] <= '9') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (index < args.size()) out += args[index];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string DecimalHalves(std::int64_t half_days, char separator) {
  std::string text = std::to_string(half_days / 2);
  if (half_days % 2 != 0) text += std::string(1, separator) + "5";
  return text;
}

}  // namespace

bool IsLanguage(std::string_view tag) { return tag == "en" || tag == "de" || tag == "nl" || tag == "ja"; }

Locale HrLocale(Locale locale) {
  switch (locale) {
    case Locale::kEn:
    case Locale::kDe:
    case Locale::kNl:
    case Locale::kJa: return locale;
    case Locale::kFr:
    case Locale::kEs:
    case Locale::kIt:
    case Locale::kPt:
    case Locale::kZh:
    case Locale::kKo: break;
  }
  return Locale::kEn;
}

bool IsAbsenceType(std::string_view type) {
  for (const auto& [name, labels] : kAbsenceTypes) {
    if (name == type) return true;
  }
  return false;
}

std::string AbsenceTypeList() {
  std::string out;
  for (const auto& [name, labels] : kAbsenceTypes) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::vector<AbsenceType> BuiltInAbsenceTypes() {
  std::vector<AbsenceType> types;
  for (const auto& [name, labels] : kAbsenceTypes) {
    AbsenceType type;
    type.id = std::string(name);
    const char* languages[] = {"en", "de", "nl", "ja"};
    for (std::size_t i = 0; i < 4; ++i) type.names[languages[i]] = std::string(labels[i]);
    types.push_back(std::move(type));
  }
  return types;
}

std::string AbsenceTypeName(const std::vector<AbsenceType>& types, std::string_view id, Locale locale) {
  for (const AbsenceType& type : types) {
    if (type.id != id) continue;
    auto it = type.names.find(std::string(LocaleTag(HrLocale(locale))));
    if (it == type.names.end() || it->second.empty()) it = type.names.find("en");
    if (it != type.names.end() && !it->second.empty()) return it->second;
  }
  return std::string(AbsenceTypeLabel(id, locale));
}

std::string_view AbsenceTypeLabel(std::string_view type, Locale locale) {
  for (const auto& [name, labels] : kAbsenceTypes) {
    if (name == type) return labels[Column(locale)];
  }
  return type;
}

std::string Text(TextId id, Locale locale, const std::vector<std::string>& args) {
  return Substitute(kTexts[static_cast<std::size_t>(id)][Column(locale)], args);
}

std::string FormatDay(std::int64_t day_number, Locale locale) {
  return invites::FormatLocalDate(day_number * kSecondsPerDay + 12 * kSecondsPerHour, TimeZone::Utc(),
                                  HrLocale(locale));
}

std::string FormatYears(std::int64_t years, Locale locale) {
  const std::string n = std::to_string(years);
  switch (HrLocale(locale)) {
    case Locale::kDe: return n + (years == 1 ? " Jahr" : " Jahre");
    case Locale::kNl: return n + " jaar";
    case Locale::kJa: return n + "周年";
    default: break;  // English
  }
  return n + (years == 1 ? " year" : " years");
}

std::string FormatWorkingDays(std::int64_t half_days, Locale locale) {
  const bool one = half_days == 2;
  switch (HrLocale(locale)) {
    case Locale::kDe: return DecimalHalves(half_days, ',') + (one ? " Arbeitstag" : " Arbeitstage");
    case Locale::kNl: return DecimalHalves(half_days, ',') + (one ? " werkdag" : " werkdagen");
    case Locale::kJa: return DecimalHalves(half_days, '.') + "営業日";
    default: break;  // English
  }
  return DecimalHalves(half_days, '.') + (one ? " working day" : " working days");
}

std::string FullName(std::string_view first, std::string_view last, Locale locale) {
  if (first.empty()) return std::string(last);
  if (last.empty()) return std::string(first);
  if (HrLocale(locale) == Locale::kJa) return std::string(last) + " " + std::string(first);
  return std::string(first) + " " + std::string(last);
}

}  // namespace slotwise::hr
