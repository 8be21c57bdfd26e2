// locale_format.cpp — dates, times, zones and durations per language (see locale_format.h).
#include "invites/locale_format.h"

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
constexpr Names7 kWeekdaysFr = {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
constexpr Names7 kWeekdaysEs = {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"};
constexpr Names7 kWeekdaysIt = {"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"};
constexpr Names7 kWeekdaysPt = {"domingo",      "segunda-feira", "terça-feira", "quarta-feira",
                                "quinta-feira", "sexta-feira",   "sábado"};
constexpr Names7 kWeekdaysZh = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
constexpr Names7 kWeekdaysKo = {"일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"};

constexpr Names12 kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
constexpr Names12 kMonthsDe = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                               "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
constexpr Names12 kMonthsNl = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                               "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr Names12 kMonthsFr = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                               "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr Names12 kMonthsEs = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                               "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
constexpr Names12 kMonthsIt = {"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                               "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};
constexpr Names12 kMonthsPt = {"janeiro", "fevereiro", "março",    "abril",   "maio",     "junho",
                               "julho",   "agosto",    "setembro", "outubro", "novembro", "dezembro"};

// A count and its noun, singular for exactly one: "1 minute", "60 minutes".
std::string Counted(std::int64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

std::string FormatLocalDate(Instant instant, const TimeZone& zone, Locale locale) {
  const LocalDateTime local = zone.ToLocal(instant);
  const auto weekday = static_cast<std::size_t>(WeekdayFromDays(DaysFromCivil(local.date)));
  const auto month = static_cast<std::size_t>(local.date.month - 1);
  const std::string day = std::to_string(local.date.day);
  const std::string month_number = std::to_string(local.date.month);
  const std::string year = std::to_string(local.date.year);
  const auto named = [&](const Names7& weekdays, std::string_view after_weekday, std::string_view after_day,
                         const Names12& months, std::string_view after_month) {
    return std::string(weekdays[weekday]) + std::string(after_weekday) + day + std::string(after_day) +
           std::string(months[month]) + std::string(after_month) + year;
  };
  switch (locale) {
    case Locale::kDe: return named(kWeekdaysDe, ", ", ". ", kMonthsDe, " ");
    case Locale::kNl: return named(kWeekdaysNl, " ", " ", kMonthsNl, " ");
    case Locale::kJa:
      return year + "年" + month_number + "月" + day + "日(" + std::string(kWeekdaysJa[weekday]) + ")";
    case Locale::kFr: return named(kWeekdaysFr, " ", local.date.day == 1 ? "er " : " ", kMonthsFr, " ");
    case Locale::kEs: return named(kWeekdaysEs, ", ", " de ", kMonthsEs, " de ");
    case Locale::kIt: return named(kWeekdaysIt, " ", " ", kMonthsIt, " ");
    case Locale::kPt: return named(kWeekdaysPt, ", ", " de ", kMonthsPt, " de ");
    case Locale::kZh: return year + "年" + month_number + "月" + day + "日 " + std::string(kWeekdaysZh[weekday]);
    case Locale::kKo:
      return year + "년 " + month_number + "월 " + day + "일 " + std::string(kWeekdaysKo[weekday]);
    case Locale::kEn: break;
  }
  return named(kWeekdaysEn, ", ", " ", kMonthsEn, " ");
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
  switch (locale) {
    case Locale::kDe: return Counted(minutes, "Minute", "Minuten");
    case Locale::kNl: return Counted(minutes, "minuut", "minuten");
    case Locale::kJa: return std::to_string(minutes) + "分";
    case Locale::kFr: return Counted(minutes, "minute", "minutes");
    case Locale::kEs: return Counted(minutes, "minuto", "minutos");
    case Locale::kIt: return Counted(minutes, "minuto", "minuti");
    case Locale::kPt: return Counted(minutes, "minuto", "minutos");
    case Locale::kZh: return std::to_string(minutes) + "分钟";
    case Locale::kKo: return std::to_string(minutes) + "분";
    case Locale::kEn: break;
  }
  return Counted(minutes, "minute", "minutes");
}

std::string FormatDialIn(std::string_view number, std::string_view region, std::string_view access_code, Locale locale) {
  std::string line(number);
  if (!region.empty()) line.append(" (").append(region).append(")");
  if (access_code.empty()) return line;
  switch (locale) {
    case Locale::kDe: return line.append(", Zugangscode ").append(access_code);
    case Locale::kNl: return line.append(", toegangscode ").append(access_code);
    case Locale::kJa: return line.append("、アクセスコード ").append(access_code);
    case Locale::kFr: return line.append(", code d’accès ").append(access_code);
    case Locale::kEs: return line.append(", código de acceso ").append(access_code);
    case Locale::kIt: return line.append(", codice di accesso ").append(access_code);
    case Locale::kPt: return line.append(", código de acesso ").append(access_code);
    case Locale::kZh: return line.append("，接入码 ").append(access_code);
    case Locale::kKo: return line.append(", 액세스 코드 ").append(access_code);
    case Locale::kEn: break;
  }
  return line.append(", access code ").append(access_code);
}

std::string_view DialInHeading(Locale locale) {
  switch (locale) {
    case Locale::kDe: return "Telefonische Einwahl:";
    case Locale::kNl: return "Inbellen per telefoon:";
    case Locale::kJa: return "電話で参加:";
    case Locale::kFr: return "Participer par téléphone :";
    case Locale::kEs: return "Unirse por teléfono:";
    case Locale::kIt: return "Partecipare per telefono:";
    case Locale::kPt: return "Participar por telefone:";
    case Locale::kZh: return "电话接入：";
    case Locale::kKo: return "전화로 참여:";
    case Locale::kEn: break;
  }
  return "Join by phone:";
}

}  // namespace slotwise::invites

namespace slotwise::invites {

namespace {

// "<date><between><clock> <zone in parentheses>", punctuated as `locale` writes a date followed by a time.
std::string DateClockZone(Instant at, const std::string& clock, const TimeZone& zone, Locale locale) {
  const std::string date = FormatLocalDate(at, zone, locale);
  const std::string label = FormatTimeZoneLabel(at, zone);
  switch (locale) {
    case Locale::kJa: return date + " " + clock + "(" + label + ")";
    case Locale::kZh: return date + " " + clock + "（" + label + "）";
    case Locale::kKo: return date + " " + clock + " (" + label + ")";
    default: break;
  }
  return date + ", " + clock + " (" + label + ")";
}

}  // namespace

std::string FormatLocalDateTime(Instant instant, const TimeZone& zone, Locale locale) {
  return DateClockZone(instant, FormatLocalTime(instant, zone, locale), zone, locale);
}

std::string FormatTimeList(const std::vector<std::pair<Instant, Instant>>& times, const TimeZone& zone, Locale locale) {
  const std::string bullet = locale == Locale::kJa ? "・" : "- ";
  const std::string dash = locale == Locale::kJa ? "〜" : "–";
  std::string lines;
  for (const auto& [start, end] : times) {
    const std::string clock = FormatLocalTime(start, zone, locale) + dash + FormatLocalTime(end, zone, locale);
    lines += (lines.empty() ? "" : "\n") + bullet + DateClockZone(start, clock, zone, locale);
  }
  return lines;
}

}  // namespace slotwise::invites
