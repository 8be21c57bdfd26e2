// widget_time_format.cpp — see widget_time_format.h.
#include "state/widget_time_format.h"

#include <cstdio>

namespace slotwise::widget {

namespace {

// Indexed by Weekday (Sunday first) and month - 1.
constexpr const char* kWeekdayEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kWeekdayDe[] = {"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."};
constexpr const char* kWeekdayJa[] = {"日", "月", "火", "水", "木", "金", "土"};
constexpr const char* kWeekdayNl[] = {"zo", "ma", "di", "wo", "do", "vr", "za"};
constexpr const char* kMonthEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kMonthDe[] = {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."};
constexpr const char* kMonthNl[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
constexpr const char* kWeekdayFr[] = {"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."};
constexpr const char* kMonthFr[] = {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."};
constexpr const char* kWeekdayEs[] = {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"};
constexpr const char* kMonthEs[] = {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"};
constexpr const char* kWeekdayIt[] = {"dom", "lun", "mar", "mer", "gio", "ven", "sab"};
constexpr const char* kMonthIt[] = {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"};
constexpr const char* kWeekdayPt[] = {"dom.", "seg.", "ter.", "qua.", "qui.", "sex.", "sáb."};
constexpr const char* kMonthPt[] = {"jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."};
constexpr const char* kWeekdayZh[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
constexpr const char* kWeekdayKo[] = {"일", "월", "화", "수", "목", "금", "토"};

// Japanese, Chinese and Korean join a date and a time with a space, the others with ", ".
const char* DateTimeSeparator(Locale locale) {
  return locale == Locale::kJa || locale == Locale::kZh || locale == Locale::kKo ? " " : ", ";
}

std::string Printf(const char* pattern, int a, int b) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, pattern, a, b);
  return buffer;
}

}  // namespace

std::string FormatClock(Locale locale, std::int32_t second_of_day) {
  const int hour = second_of_day / 3600 % 24, minute = second_of_day / 60 % 60;
  switch (locale) {
    case Locale::kEn: {
      const int twelve = hour % 12 == 0 ? 12 : hour % 12;
      return Printf("%d:%02d", twelve, minute) + (hour < 12 ? " AM" : " PM");
    }
    case Locale::kJa:
    case Locale::kZh: return Printf("%d:%02d", hour, minute);
    case Locale::kDe:
    case Locale::kNl:
    case Locale::kFr:
    case Locale::kEs:
    case Locale::kIt:
    case Locale::kPt:
    case Locale::kKo: return Printf("%02d:%02d", hour, minute);
  }
  return Printf("%02d:%02d", hour, minute);
}

std::string FormatHourLabel(Locale locale, int hour) {
  hour = ((hour % 24) + 24) % 24;
  switch (locale) {
    case Locale::kEn: return std::to_string(hour % 12 == 0 ? 12 : hour % 12) + (hour < 12 ? " AM" : " PM");
    case Locale::kJa: return std::to_string(hour) + "時";
    case Locale::kZh: return std::to_string(hour) + "时";
    case Locale::kKo: return std::to_string(hour) + "시";
    case Locale::kFr: return std::to_string(hour) + " h";
    case Locale::kDe:
    case Locale::kNl:
    case Locale::kEs:
    case Locale::kIt:
    case Locale::kPt: break;
  }
  return std::string{static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10)};
}

std::string FormatDay(Locale locale, const CivilDate& date) {
  const auto weekday = static_cast<std::size_t>(WeekdayFromDays(DaysFromCivil(date)));
  const auto month = static_cast<std::size_t>(date.month - 1);
  const std::string day = std::to_string(date.day);
  switch (locale) {
    case Locale::kEn: return std::string(kWeekdayEn[weekday]) + ", " + kMonthEn[month] + " " + day;
    case Locale::kDe: return std::string(kWeekdayDe[weekday]) + ", " + day + ". " + kMonthDe[month];
    case Locale::kJa: return std::to_string(date.month) + "月" + day + "日(" + kWeekdayJa[weekday] + ")";
    case Locale::kNl: return std::string(kWeekdayNl[weekday]) + " " + day + " " + kMonthNl[month];
    case Locale::kFr: return std::string(kWeekdayFr[weekday]) + " " + day + " " + kMonthFr[month];
    case Locale::kEs: return std::string(kWeekdayEs[weekday]) + ", " + day + " " + kMonthEs[month];
    case Locale::kIt: return std::string(kWeekdayIt[weekday]) + " " + day + " " + kMonthIt[month];
    case Locale::kPt: return std::string(kWeekdayPt[weekday]) + ", " + day + " de " + kMonthPt[month];
    case Locale::kZh: return std::to_string(date.month) + "月" + day + "日" + kWeekdayZh[weekday];
    case Locale::kKo: return std::to_string(date.month) + "월 " + day + "일 (" + kWeekdayKo[weekday] + ")";
  }
  return day;
}

std::string FormatDateTime(Locale locale, Instant t, const TimeZone& zone) {
  const LocalDateTime local = zone.ToLocal(t);
  return FormatDay(locale, local.date) + DateTimeSeparator(locale) + FormatClock(locale, local.second_of_day);
}

std::string FormatRange(Locale locale, Interval interval, const TimeZone& zone) {
  const LocalDateTime start = zone.ToLocal(interval.start);
  const LocalDateTime end = zone.ToLocal(interval.end);
  const std::string separator = DateTimeSeparator(locale);
  std::string text = FormatDay(locale, start.date) + separator + FormatClock(locale, start.second_of_day) + "–";
  // An end at local midnight belongs to the same day (…–24:00 is written as the next day's 0:00 only if longer).
  if (end.date != start.date) text += FormatDay(locale, end.date) + separator;
  return text + FormatClock(locale, end.second_of_day);
}

std::string FormatDuration(Locale locale, std::int32_t minutes) {
  const int hours = minutes / 60, rest = minutes % 60;
  if (locale == Locale::kJa) {
    if (hours == 0) return std::to_string(rest) + "分";
    return std::to_string(hours) + "時間" + (rest ? std::to_string(rest) + "分" : "");
  }
  if (locale == Locale::kZh) {
    if (hours == 0) return std::to_string(rest) + "分钟";
    return std::to_string(hours) + "小时" + (rest ? std::to_string(rest) + "分钟" : "");
  }
  if (locale == Locale::kKo) {
    if (hours == 0) return std::to_string(rest) + "분";
    return std::to_string(hours) + "시간" + (rest ? " " + std::to_string(rest) + "분" : "");
  }
  const char* hour_unit = locale == Locale::kNl ? " uur" : locale == Locale::kDe ? " Std." : " h";
  const char* minute_unit = locale == Locale::kDe ? " Min." : " min";
  if (hours == 0) return std::to_string(rest) + minute_unit;
  return std::to_string(hours) + hour_unit + (rest ? " " + std::to_string(rest) + minute_unit : "");
}

std::string FormatTexts(Locale locale) {
  std::string text;
  for (int weekday = 0; weekday < 7; ++weekday) text += FormatDay(locale, CivilDate{2026, 12, 6 + weekday}) + " ";
  for (int month = 1; month <= 12; ++month) text += FormatDay(locale, CivilDate{2026, month, 1}) + " ";
  return text + FormatDuration(locale, 90) + " " + FormatDuration(locale, 30) + " " + FormatHourLabel(locale, 9);
}

std::string ZoneCity(std::string_view zone_name) {
  const std::size_t slash = zone_name.rfind('/');
  std::string city(slash == std::string_view::npos ? zone_name : zone_name.substr(slash + 1));
  for (char& c : city) {
    if (c == '_') c = ' ';
  }
  return city;
}

std::string FormatOffset(const TimeZone& zone, Instant t) {
  const std::int32_t offset = zone.OffsetAt(t);
  const std::int32_t magnitude = offset < 0 ? -offset : offset;
  std::string text = std::string("UTC") + (offset < 0 ? "-" : "+") + std::to_string(magnitude / 3600);
  if (magnitude % 3600) text += Printf(":%02d", magnitude % 3600 / 60, 0);
  return text;
}

}  // namespace slotwise::widget
