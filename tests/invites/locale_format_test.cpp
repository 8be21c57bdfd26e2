// Tests for backend/invites/locale_format: language tags and dates, times, zones and durations per language.
// Expected strings were written by hand from a calendar: 2026-12-01 is a Tuesday, 2026-12-02 a Wednesday, 2026-12-11
// a Friday; Europe's clocks go back on Sunday 2026-10-25 (01:00 UTC) and forward on Sunday 2027-03-28 (01:00 UTC).
#include <doctest/doctest.h>

#include <set>
#include <string_view>

#include "invites/locale_format.h"
#include "zones.h"

using namespace slotwise;
using namespace slotwise::invites;
using slotwise::invites::testing::At;
using slotwise::invites::testing::Zone;

TEST_CASE("LocaleFormat: BCP 47 tags by their primary subtag; unknown is English") {
  CHECK(ParseLocale("de-DE") == Locale::kDe);
  CHECK(ParseLocale("de-AT") == Locale::kDe);
  CHECK(ParseLocale("DE") == Locale::kDe);
  CHECK(ParseLocale("ja") == Locale::kJa);
  CHECK(ParseLocale("ja_JP") == Locale::kJa);
  CHECK(ParseLocale("nl-BE") == Locale::kNl);
  CHECK(ParseLocale("NL") == Locale::kNl);
  CHECK(ParseLocale("fr-FR") == Locale::kFr);
  CHECK(ParseLocale("fr-CA") == Locale::kFr);
  CHECK(ParseLocale("FR") == Locale::kFr);
  CHECK(ParseLocale("es-419") == Locale::kEs);
  CHECK(ParseLocale("es_MX") == Locale::kEs);
  CHECK(ParseLocale("it-IT") == Locale::kIt);
  CHECK(ParseLocale("pt-BR") == Locale::kPt);
  CHECK(ParseLocale("pt-PT") == Locale::kPt);
  CHECK(ParseLocale("zh-CN") == Locale::kZh);
  CHECK(ParseLocale("zh-Hans") == Locale::kZh);
  CHECK(ParseLocale("zh-TW") == Locale::kZh);       // Simplified for now: no Traditional texts yet
  CHECK(ParseLocale("zh-Hant-HK") == Locale::kZh);
  CHECK(ParseLocale("Ko-kr") == Locale::kKo);
  CHECK(ParseLocale("en-GB") == Locale::kEn);
  CHECK(ParseLocale("sv-SE") == Locale::kEn);
  CHECK(ParseLocale("deu") == Locale::kEn);
  CHECK(ParseLocale("fra") == Locale::kEn);
  CHECK(ParseLocale("") == Locale::kEn);
  CHECK(ParseLocale("-de") == Locale::kEn);
  CHECK(ParseLocale("-ko") == Locale::kEn);
  CHECK(LocaleTag(Locale::kJa) == "ja");
  CHECK(LocaleTag(Locale::kKo) == "ko");
  const Locale all[] = {Locale::kEn, Locale::kDe, Locale::kJa, Locale::kNl, Locale::kFr,
                        Locale::kEs, Locale::kIt, Locale::kPt, Locale::kZh, Locale::kKo};
  std::set<std::string_view> tags;
  for (const Locale locale : all) {
    CHECK(ParseLocale(LocaleTag(locale)) == locale);
    tags.insert(LocaleTag(locale));
  }
  CHECK(tags.size() == 10);
}

TEST_CASE("LocaleFormat: each language's date for 2026-12-01 09:15 UTC") {
  const Instant t = At("2026-12-01T09:15:00Z");
  CHECK(FormatLocalDate(t, Zone("UTC"), Locale::kEn) == "Tuesday, 1 December 2026");
  CHECK(FormatLocalDate(t, Zone("Europe/Berlin"), Locale::kDe) == "Dienstag, 1. Dezember 2026");
  CHECK(FormatLocalDate(t, Zone("Europe/Amsterdam"), Locale::kNl) == "dinsdag 1 december 2026");
  CHECK(FormatLocalDate(t, Zone("Asia/Tokyo"), Locale::kJa) == "2026年12月1日(火)");
  CHECK(FormatLocalTime(t, Zone("Europe/Berlin"), Locale::kDe) == "10:15");
  CHECK(FormatLocalTime(t, Zone("Asia/Tokyo"), Locale::kJa) == "18:15");
  CHECK(FormatLocalTime(t, Zone("America/New_York"), Locale::kEn) == "04:15");
  CHECK(FormatLocalTime(t, Zone("UTC"), Locale::kNl) == "09:15");
}

TEST_CASE("LocaleFormat: French, Spanish, Italian, Portuguese, Chinese and Korean dates and times for 2026-12-11 13:00 UTC") {
  const Instant t = At("2026-12-11T13:00:00Z");
  CHECK(FormatLocalDate(t, Zone("Europe/Paris"), Locale::kFr) == "vendredi 11 décembre 2026");
  CHECK(FormatLocalDate(t, Zone("Europe/Madrid"), Locale::kEs) == "viernes, 11 de diciembre de 2026");
  CHECK(FormatLocalDate(t, Zone("Europe/Rome"), Locale::kIt) == "venerdì 11 dicembre 2026");
  CHECK(FormatLocalDate(t, Zone("America/Sao_Paulo"), Locale::kPt) == "sexta-feira, 11 de dezembro de 2026");
  CHECK(FormatLocalDate(t, Zone("Europe/Lisbon"), Locale::kPt) == "sexta-feira, 11 de dezembro de 2026");
  CHECK(FormatLocalDate(t, Zone("Asia/Shanghai"), Locale::kZh) == "2026年12月11日 星期五");
  CHECK(FormatLocalDate(t, Zone("Asia/Seoul"), Locale::kKo) == "2026년 12월 11일 금요일");
  // 24-hour everywhere, Korean included.
  CHECK(FormatLocalTime(t, Zone("Europe/Paris"), Locale::kFr) == "14:00");
  CHECK(FormatLocalTime(t, Zone("Europe/Madrid"), Locale::kEs) == "14:00");
  CHECK(FormatLocalTime(t, Zone("Europe/Rome"), Locale::kIt) == "14:00");
  CHECK(FormatLocalTime(t, Zone("America/Sao_Paulo"), Locale::kPt) == "10:00");
  CHECK(FormatLocalTime(t, Zone("Europe/Lisbon"), Locale::kPt) == "13:00");
  CHECK(FormatLocalTime(t, Zone("Asia/Shanghai"), Locale::kZh) == "21:00");
  CHECK(FormatLocalTime(t, Zone("Asia/Seoul"), Locale::kKo) == "22:00");
  CHECK(FormatTimeZoneLabel(t, Zone("America/Sao_Paulo")) == "America/Sao_Paulo (UTC-03:00)");
  CHECK(FormatTimeZoneLabel(t, Zone("Asia/Seoul")) == "Asia/Seoul (UTC+09:00)");
  // The first of a month, and every month's name: 2026-12-01 is a Tuesday; 2027-01-01 … 2027-11-01 below.
  const Instant first = At("2026-12-01T09:15:00Z");
  CHECK(FormatLocalDate(first, Zone("Europe/Paris"), Locale::kFr) == "mardi 1er décembre 2026");
  CHECK(FormatLocalDate(first, Zone("Europe/Madrid"), Locale::kEs) == "martes, 1 de diciembre de 2026");
  CHECK(FormatLocalDate(first, Zone("Europe/Rome"), Locale::kIt) == "martedì 1 dicembre 2026");
  CHECK(FormatLocalDate(first, Zone("Europe/Lisbon"), Locale::kPt) == "terça-feira, 1 de dezembro de 2026");
  CHECK(FormatLocalDate(first, Zone("Asia/Shanghai"), Locale::kZh) == "2026年12月1日 星期二");
  CHECK(FormatLocalDate(first, Zone("Asia/Seoul"), Locale::kKo) == "2026년 12월 1일 화요일");
  CHECK(FormatLocalDate(At("2027-02-10T12:00:00Z"), Zone("Europe/Paris"), Locale::kFr) == "mercredi 10 février 2027");
  CHECK(FormatLocalDate(At("2027-08-14T12:00:00Z"), Zone("Europe/Paris"), Locale::kFr) == "samedi 14 août 2027");
  CHECK(FormatLocalDate(At("2027-03-01T12:00:00Z"), Zone("Europe/Lisbon"), Locale::kPt) ==
        "segunda-feira, 1 de março de 2027");
  CHECK(FormatLocalDate(At("2027-09-16T12:00:00Z"), Zone("Europe/Madrid"), Locale::kEs) ==
        "jueves, 16 de septiembre de 2027");
  CHECK(FormatLocalDate(At("2027-06-20T12:00:00Z"), Zone("Europe/Rome"), Locale::kIt) == "domenica 20 giugno 2027");
}

TEST_CASE("LocaleFormat: across a change of daylight saving time the date and time follow the offset in force") {
  // Saturday 24 October 2026 22:30 UTC is already Sunday 00:30 in summer time (UTC+02:00) in Paris and Madrid.
  const Instant before = At("2026-10-24T22:30:00Z");
  CHECK(FormatLocalDate(before, Zone("Europe/Paris"), Locale::kFr) == "dimanche 25 octobre 2026");
  CHECK(FormatLocalTime(before, Zone("Europe/Paris"), Locale::kFr) == "00:30");
  CHECK(FormatTimeZoneLabel(before, Zone("Europe/Paris")) == "Europe/Paris (UTC+02:00)");
  CHECK(FormatLocalDate(before, Zone("Europe/Madrid"), Locale::kEs) == "domingo, 25 de octubre de 2026");
  // The next evening, after the clocks went back (UTC+01:00): 23:30 UTC is Monday 00:30.
  const Instant after = At("2026-10-25T23:30:00Z");
  CHECK(FormatLocalDate(after, Zone("Europe/Paris"), Locale::kFr) == "lundi 26 octobre 2026");
  CHECK(FormatLocalTime(after, Zone("Europe/Paris"), Locale::kFr) == "00:30");
  CHECK(FormatTimeZoneLabel(after, Zone("Europe/Paris")) == "Europe/Paris (UTC+01:00)");
  CHECK(FormatLocalDate(after, Zone("Europe/Madrid"), Locale::kEs) == "lunes, 26 de octubre de 2026");
  // Lisbon (UTC+01:00 in summer, UTC+00:00 in winter) on the same night.
  CHECK(FormatLocalDate(At("2026-10-24T23:30:00Z"), Zone("Europe/Lisbon"), Locale::kPt) ==
        "domingo, 25 de outubro de 2026");
  CHECK(FormatLocalTime(At("2026-10-24T23:30:00Z"), Zone("Europe/Lisbon"), Locale::kPt) == "00:30");
  CHECK(FormatLocalDate(At("2026-10-25T23:30:00Z"), Zone("Europe/Lisbon"), Locale::kPt) ==
        "domingo, 25 de outubro de 2026");
  CHECK(FormatLocalTime(At("2026-10-25T23:30:00Z"), Zone("Europe/Lisbon"), Locale::kPt) == "23:30");
  // Spring: Saturday 27 March 2027 23:30 UTC is Sunday 00:30 in winter time in Rome; a day later, in summer time,
  // 22:30 UTC is already Monday 00:30.
  CHECK(FormatLocalDate(At("2027-03-27T23:30:00Z"), Zone("Europe/Rome"), Locale::kIt) == "domenica 28 marzo 2027");
  CHECK(FormatLocalDate(At("2027-03-28T22:30:00Z"), Zone("Europe/Rome"), Locale::kIt) == "lunedì 29 marzo 2027");
  CHECK(FormatLocalTime(At("2027-03-28T22:30:00Z"), Zone("Europe/Rome"), Locale::kIt) == "00:30");
  // Seoul and Shanghai keep their offset; the same instant is still Sunday morning there.
  CHECK(FormatLocalDate(before, Zone("Asia/Seoul"), Locale::kKo) == "2026년 10월 25일 일요일");
  CHECK(FormatLocalTime(before, Zone("Asia/Seoul"), Locale::kKo) == "07:30");
  CHECK(FormatLocalDate(before, Zone("Asia/Shanghai"), Locale::kZh) == "2026年10月25日 星期日");
  CHECK(FormatLocalTime(before, Zone("Asia/Shanghai"), Locale::kZh) == "06:30");
}

TEST_CASE("LocaleFormat: the date is the recipient's local date") {
  const Instant t = At("2026-12-01T23:30:00Z");
  CHECK(FormatLocalDate(t, Zone("Asia/Tokyo"), Locale::kJa) == "2026年12月2日(水)");  // 08:30 next morning
  CHECK(FormatLocalTime(t, Zone("Asia/Tokyo"), Locale::kJa) == "08:30");
  CHECK(FormatLocalDate(t, Zone("America/New_York"), Locale::kEn) == "Tuesday, 1 December 2026");  // 18:30
  CHECK(FormatLocalDate(t, Zone("Europe/Berlin"), Locale::kDe) == "Mittwoch, 2. Dezember 2026");   // 00:30
  CHECK(FormatLocalTime(t, Zone("Europe/Berlin"), Locale::kDe) == "00:30");
  // Other months and weekdays: 2027-03-01 is a Monday, 2026-05-16 a Saturday.
  CHECK(FormatLocalDate(At("2027-03-01T12:00:00Z"), Zone("Europe/Berlin"), Locale::kDe) == "Montag, 1. März 2027");
  CHECK(FormatLocalDate(At("2026-05-16T12:00:00Z"), Zone("Europe/Amsterdam"), Locale::kNl) == "zaterdag 16 mei 2026");
  CHECK(FormatLocalDate(At("2026-05-16T12:00:00Z"), Zone("UTC"), Locale::kEn) == "Saturday, 16 May 2026");
  CHECK(FormatLocalDate(At("2026-05-16T12:00:00Z"), Zone("Asia/Tokyo"), Locale::kJa) == "2026年5月16日(土)");
}

TEST_CASE("LocaleFormat: time zone labels carry the offset in force") {
  CHECK(FormatTimeZoneLabel(At("2026-12-01T09:15:00Z"), Zone("Europe/Berlin")) == "Europe/Berlin (UTC+01:00)");
  CHECK(FormatTimeZoneLabel(At("2026-07-01T09:15:00Z"), Zone("Europe/Berlin")) == "Europe/Berlin (UTC+02:00)");
  CHECK(FormatTimeZoneLabel(At("2026-12-01T09:15:00Z"), Zone("America/New_York")) == "America/New_York (UTC-05:00)");
  CHECK(FormatTimeZoneLabel(At("2026-12-01T09:15:00Z"), Zone("Asia/Kolkata")) == "Asia/Kolkata (UTC+05:30)");
  CHECK(FormatTimeZoneLabel(At("2026-12-01T09:15:00Z"), Zone("UTC")) == "UTC (UTC+00:00)");
}

TEST_CASE("LocaleFormat: durations in minutes per language") {
  CHECK(FormatDuration(3600, Locale::kEn) == "60 minutes");
  CHECK(FormatDuration(3600, Locale::kDe) == "60 Minuten");
  CHECK(FormatDuration(3600, Locale::kJa) == "60分");
  CHECK(FormatDuration(3600, Locale::kNl) == "60 minuten");
  CHECK(FormatDuration(60, Locale::kEn) == "1 minute");
  CHECK(FormatDuration(60, Locale::kDe) == "1 Minute");
  CHECK(FormatDuration(60, Locale::kNl) == "1 minuut");
  CHECK(FormatDuration(90 * 60, Locale::kEn) == "90 minutes");
  CHECK(FormatDuration(89 * 60 + 30, Locale::kEn) == "90 minutes");  // rounded to the nearest minute
  CHECK(FormatDuration(-60, Locale::kEn) == "0 minutes");
  CHECK(FormatDuration(3600, Locale::kFr) == "60 minutes");
  CHECK(FormatDuration(60, Locale::kFr) == "1 minute");
  CHECK(FormatDuration(90 * 60, Locale::kEs) == "90 minutos");
  CHECK(FormatDuration(60, Locale::kEs) == "1 minuto");
  CHECK(FormatDuration(45 * 60, Locale::kIt) == "45 minuti");
  CHECK(FormatDuration(60, Locale::kIt) == "1 minuto");
  CHECK(FormatDuration(3600, Locale::kPt) == "60 minutos");
  CHECK(FormatDuration(60, Locale::kPt) == "1 minuto");
  CHECK(FormatDuration(90 * 60, Locale::kZh) == "90分钟");
  CHECK(FormatDuration(90 * 60, Locale::kKo) == "90분");
  CHECK(FormatDuration(-60, Locale::kKo) == "0분");
}

TEST_CASE("LocaleFormat: a phone dial-in line per language, parts copied as given") {
  CHECK(FormatDialIn("+49 69 365 0000", "", "123456789#", Locale::kEn) == "+49 69 365 0000, access code 123456789#");
  CHECK(FormatDialIn("+49 30 5679 5800", "DE", "482913", Locale::kDe) == "+49 30 5679 5800 (DE), Zugangscode 482913");
  CHECK(FormatDialIn("+31 20 794 0854", "Netherlands", "1", Locale::kNl) ==
        "+31 20 794 0854 (Netherlands), toegangscode 1");
  CHECK(FormatDialIn("+81 3 4578 1488", "Japan", "85746065432", Locale::kJa) ==
        "+81 3 4578 1488 (Japan)、アクセスコード 85746065432");
  CHECK(FormatDialIn("+1 646 558 8656", "US", "", Locale::kEn) == "+1 646 558 8656 (US)");  // no code to key in
  CHECK(DialInHeading(Locale::kEn) == "Join by phone:");
  CHECK(DialInHeading(Locale::kJa) == "電話で参加:");
  CHECK(FormatDialIn("+33 1 7037 2246", "France", "482913", Locale::kFr) ==
        "+33 1 7037 2246 (France), code d’accès 482913");
  CHECK(FormatDialIn("+34 91 787 0058", "ES", "482913", Locale::kEs) == "+34 91 787 0058 (ES), código de acceso 482913");
  CHECK(FormatDialIn("+39 02 8736 8932", "", "482913", Locale::kIt) == "+39 02 8736 8932, codice di accesso 482913");
  CHECK(FormatDialIn("+55 11 4632 2236", "Brasil", "482913", Locale::kPt) ==
        "+55 11 4632 2236 (Brasil), código de acesso 482913");
  CHECK(FormatDialIn("+86 10 8783 3177", "China", "482913", Locale::kZh) == "+86 10 8783 3177 (China)，接入码 482913");
  CHECK(FormatDialIn("+82 2 6022 2322", "KR", "482913", Locale::kKo) == "+82 2 6022 2322 (KR), 액세스 코드 482913");
  CHECK(FormatDialIn("+82 2 6022 2322", "KR", "", Locale::kKo) == "+82 2 6022 2322 (KR)");
  CHECK(DialInHeading(Locale::kFr) == "Participer par téléphone :");
  CHECK(DialInHeading(Locale::kEs) == "Unirse por teléfono:");
  CHECK(DialInHeading(Locale::kIt) == "Partecipare per telefono:");
  CHECK(DialInHeading(Locale::kPt) == "Participar por telefone:");
  CHECK(DialInHeading(Locale::kZh) == "电话接入：");
  CHECK(DialInHeading(Locale::kKo) == "전화로 참여:");
}
