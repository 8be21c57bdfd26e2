// locale_format.h — dates, times, zones and durations as a recipient reads them, in one of the supported languages.
//
// Contract: pure functions, thread-safe, no throw except std::bad_alloc. Instants are UTC; every date and time is the
// wall-clock reading in the zone handed in (the recipient's zone, not the organiser's). Times are 24-hour in every
// language. Output is UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::invites {

enum class Locale { kEn, kDe, kJa, kNl };

// The locale of a BCP 47 language tag, by its primary language subtag, case-insensitive ("de-DE", "de-AT", "DE",
// "ja", "nl-BE"; "_" is accepted as a separator too). Empty, malformed or unsupported tags give kEn (English is the
// fallback language of every template).
Locale ParseLocale(std::string_view tag);
std::string_view LocaleTag(Locale locale);  // "en", "de", "ja", "nl"

// The local date of `instant` in `zone`: en "Tuesday, 1 December 2026", de "Dienstag, 1. Dezember 2026",
// nl "dinsdag 1 december 2026", ja "2026年12月1日(火)".
std::string FormatLocalDate(Instant instant, const TimeZone& zone, Locale locale);
// The local time of `instant` in `zone`, 24-hour "HH:MM" (seconds dropped), the same in every locale: "10:15".
std::string FormatLocalTime(Instant instant, const TimeZone& zone, Locale locale);
// The zone's IANA name and its UTC offset at `instant`: "Europe/Berlin (UTC+01:00)", "America/New_York (UTC-05:00)";
// an offset with seconds (historical LMT) is shown as "UTC+00:53:28".
std::string FormatTimeZoneLabel(Instant instant, const TimeZone& zone);
// A duration in whole minutes (rounded to the nearest, half up): en "60 minutes" / "1 minute", de "60 Minuten" /
// "1 Minute", nl "60 minuten" / "1 minuut", ja "60分". Negative durations are shown as 0.
std::string FormatDuration(Duration duration, Locale locale);

// One way to join by phone as the recipient reads it: the number, the region in parentheses, and the code to key in
// — en "+49 69 365 0000 (DE), access code 123456789", de "…, Zugangscode …", nl "…, toegangscode …",
// ja "…、アクセスコード …". Region and code are left out when empty; every part is copied as given.
std::string FormatDialIn(std::string_view number, std::string_view region, std::string_view access_code, Locale locale);
// The line above the dial-in numbers: en "Join by phone:", de "Telefonische Einwahl:", nl "Inbellen per telefoon:",
// ja "電話で参加:".
std::string_view DialInHeading(Locale locale);

}  // namespace slotwise::invites
