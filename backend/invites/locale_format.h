// locale_format.h — dates, times, zones and durations as a recipient reads them, in one of the supported languages.
//
// Contract: pure functions, thread-safe, no throw except std::bad_alloc. Instants are UTC; every date and time is the
// wall-clock reading in the zone handed in (the recipient's zone, not the organiser's). Times are 24-hour in every
// language, Korean included ("14:00", not "오후 2:00"). Output is UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "slotwise/locale.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::invites {

// The languages of the built-in e-mails: all of slotwise/locale.h (the widget's too). Other features may speak
// fewer (the HR texts: hr/hr_text.h HrLocale).
using slotwise::Locale;
using slotwise::LocaleTag;
using slotwise::ParseLocale;

// The local date of `instant` in `zone`: en "Tuesday, 1 December 2026", de "Dienstag, 1. Dezember 2026",
// nl "dinsdag 1 december 2026", ja "2026年12月1日(火)", fr "mardi 1er décembre 2026" (the first of a month is "1er"),
// es "martes, 1 de diciembre de 2026", it "martedì 1 dicembre 2026", pt "terça-feira, 1 de dezembro de 2026",
// zh "2026年12月1日 星期二", ko "2026년 12월 1일 화요일".
std::string FormatLocalDate(Instant instant, const TimeZone& zone, Locale locale);
// The local time of `instant` in `zone`, 24-hour "HH:MM" (seconds dropped), the same in every locale: "10:15".
std::string FormatLocalTime(Instant instant, const TimeZone& zone, Locale locale);
// The zone's IANA name and its UTC offset at `instant`, the same in every locale: "Europe/Berlin (UTC+01:00)",
// "America/New_York (UTC-05:00)"; an offset with seconds (historical LMT) is shown as "UTC+00:53:28".
std::string FormatTimeZoneLabel(Instant instant, const TimeZone& zone);
// A duration in whole minutes (rounded to the nearest, half up): en "60 minutes" / "1 minute", de "60 Minuten" /
// "1 Minute", nl "60 minuten" / "1 minuut", ja "60分", fr "60 minutes" / "1 minute", es and pt "60 minutos" /
// "1 minuto", it "60 minuti" / "1 minuto", zh "60分钟", ko "60분". Negative durations are shown as 0.
std::string FormatDuration(Duration duration, Locale locale);

// A date with a time of day and the zone: en "Tuesday, 8 December 2026, 18:00 (Asia/Tokyo (UTC+09:00))", de "Dienstag,
// 8. Dezember 2026, 18:00 (…)", ja "2026年12月8日(火) 18:00(…)", zh "2026年12月8日 星期二 18:00（…）", ko "2026년 12월
// 8일 화요일 18:00 (…)"; the other languages as English, with their own date.
std::string FormatLocalDateTime(Instant instant, const TimeZone& zone, Locale locale);
// Times to choose from, one line each (no line end after the last), in order: a bullet, the date, start–end and the
// zone with its offset on that day (which a change of daylight saving time between two options changes): en
// "- Tuesday, 1 December 2026, 10:15–11:15 (Europe/Berlin (UTC+01:00))", ja "・2026年12月1日(火) 18:15〜19:15(Asia/Tokyo
// (UTC+09:00))", zh "- 2026年12月1日 星期二 17:15–18:15（Asia/Shanghai (UTC+08:00)）", ko "- 2026년 12월 1일 화요일
// 18:15–19:15 (Asia/Seoul (UTC+09:00))". Each pair is {start, end} (UTC).
std::string FormatTimeList(const std::vector<std::pair<Instant, Instant>>& times, const TimeZone& zone, Locale locale);

// One way to join by phone as the recipient reads it: the number, the region in parentheses, and the code to key in
// — en "+49 69 365 0000 (DE), access code 123456789", de "…, Zugangscode …", nl "…, toegangscode …",
// ja "…、アクセスコード …", fr "…, code d’accès …", es and pt "…, código de acceso / acesso …",
// it "…, codice di accesso …", zh "…，接入码 …", ko "…, 액세스 코드 …". Region and code are left out when empty;
// every part is copied as given.
std::string FormatDialIn(std::string_view number, std::string_view region, std::string_view access_code, Locale locale);
// The line above the dial-in numbers: en "Join by phone:", de "Telefonische Einwahl:", nl "Inbellen per telefoon:",
// ja "電話で参加:", fr "Participer par téléphone :", es "Unirse por teléfono:", it "Partecipare per telefono:",
// pt "Participar por telefone:", zh "电话接入：", ko "전화로 참여:".
std::string_view DialInHeading(Locale locale);

}  // namespace slotwise::invites
