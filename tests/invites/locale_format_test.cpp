// Tests for backend/invites/locale_format: language tags and dates, times, zones and durations per language.
// Expected strings were written by hand from a calendar: 2026-12-01 is a Tuesday, 2026-12-02 a Wednesday.
#include <doctest/doctest.h>

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
  CHECK(ParseLocale("en-GB") == Locale::kEn);
  CHECK(ParseLocale("fr-FR") == Locale::kEn);
  CHECK(ParseLocale("deu") == Locale::kEn);
  CHECK(ParseLocale("") == Locale::kEn);
  CHECK(ParseLocale("-de") == Locale::kEn);
  CHECK(LocaleTag(Locale::kJa) == "ja");
  CHECK(ParseLocale(LocaleTag(Locale::kNl)) == Locale::kNl);
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
}
