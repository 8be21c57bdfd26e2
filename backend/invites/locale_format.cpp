// locale_format.cpp — dates, times, zones and durations per language (see locale_format.h).
#include "invites/locale_format.h"
#include "slotwise/ascii.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace slotwise::invites {

namespace {

using Names7 = std::array<std::string_view, 7>;    // Sunday first (Weekday order)
using Names12 = std::array<std::string_view, 12>;  // January first

constexpr Names7 kWeekdaysEn = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr Names7 kWeekdaysDe = {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"};
constexpr Names7 kWeekdaysNl = {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"};
constexpr Names7 kWeekdaysJa = {"日", "月", "火", "水", "木", "金", "土"};

constexpr Names12 kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
constexpr Names12 kMonthsDe = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                               "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
constexpr Names12 kMonthsNl = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                               "juli",    "augustus", "september", "oktober", "november", "december"};

}  // namespace

Locale ParseLocale(std::string_view tag) {
  const std::size_t end = tag.find_first_of("-_");
  const std::string primary = AsciiLower(tag.substr(0, end));
  if (primary == "de") return Locale::kDe;
  if (primary == "ja") return Locale::kJa;
  if (primary == "nl") return Locale::kNl;
  return Locale::kEn;
}

std::string_view LocaleTag(Locale locale) {
  switch (locale) {
    case Locale::kDe:
      return "de";
    case Locale::kJa:
      return "ja";
    case Locale::kNl:
      return "nl";
    case Locale::kEn:
      break;
  }
  return "en";
}

std::string FormatLocalDate(Instant instant, const TimeZone& zone, Locale locale) {
  const LocalDateTime local = zone.ToLocal(instant);
  const auto weekday = static_cast<std::size_t>(WeekdayFromDays(DaysFromCivil(local.date)));
  const auto month = static_cast<std::size_t>(local.date.month - 1);
  const std::string day = std::to_string(local.date.day);
  const std::string year = std::to_string(local.date.year);
  switch (locale) {
    case Locale::kDe:
      return std::string(kWeekdaysDe[weekday]) + ", " + day + ". " + std::string(kMonthsDe[month]) + " " + year;
    case Locale::kNl:
      return std::string(kWeekdaysNl[weekday]) + " " + day + " " + std::string(kMonthsNl[month]) + " " + year;
    case Locale::kJa:
      return year + "年" + std::to_string(local.date.month) + "月" + day + "日(" + std::string(kWeekdaysJa[weekday]) +
             ")";
    case Locale::kEn:
      break;
  }
  return std::string(kWeekdaysEn[weekday]) + ", " + day + " " + std::string(kMonthsEn[month]) + " " + year;
}

std::string FormatLocalTime(Instant instant, const TimeZone& zone, Locale /*locale*/) {
  const LocalDateTime local = zone.ToLocal(instant);
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(local.second_of_day / 3600),
                static_cast<int>(local.second_of_day / 60 % 60));
  return text;
}

std::string FormatTimeZoneLabel(Instant instant, const TimeZone& zone) {
  const std::int32_t offset = zone.OffsetAt(instant);
  const long magnitude = std::labs(static_cast<long>(offset));
  char text[24];
  if (magnitude % 60 != 0) {
    std::snprintf(text, sizeof text, "UTC%c%02ld:%02ld:%02ld", offset < 0 ? '-' : '+', magnitude / 3600,
                  magnitude / 60 % 60, magnitude % 60);
  } else {
    std::snprintf(text, sizeof text, "UTC%c%02ld:%02ld", offset < 0 ? '-' : '+', magnitude / 3600, magnitude / 60 % 60);
  }
  return zone.name() + " (" + text + ")";
}

std::string FormatDuration(Duration duration, Locale locale) {
  const std::int64_t minutes = duration <= 0 ? 0 : (duration + 30) / 60;
  const std::string count = std::to_string(minutes);
  switch (locale) {
    case Locale::kDe:
      return count + (minutes == 1 ? " Minute" : " Minuten");
    case Locale::kNl:
      return count + (minutes == 1 ? " minuut" : " minuten");
    case Locale::kJa:
      return count + "分";
    case Locale::kEn:
      break;
  }
  return count + (minutes == 1 ? " minute" : " minutes");
}

std::string FormatDialIn(std::string_view number, std::string_view region, std::string_view access_code, Locale locale) {
  std::string line(number);
  if (!region.empty()) line.append(" (").append(region).append(")");
  if (access_code.empty()) return line;
  switch (locale) {
    case Locale::kDe: return line.append(", Zugangscode ").append(access_code);
    case Locale::kNl: return line.append(", toegangscode ").append(access_code);
    case Locale::kJa: return line.append("、アクセスコード ").append(access_code);
    case Locale::kEn: break;
  }
  return line.append(", access code ").append(access_code);
}

std::string_view DialInHeading(Locale locale) {
  switch (locale) {
    case Locale::kDe: return "Telefonische Einwahl:";
    case Locale::kNl: return "Inbellen per telefoon:";
    case Locale::kJa: return "電話で参加:";
    case Locale::kEn: break;
  }
  return "Join by phone:";
}

}  // namespace slotwise::invites
