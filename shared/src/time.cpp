// time.cpp — civil calendar arithmetic and RFC 3339 text (see time.h for the contract).
#include "slotwise/time.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace slotwise {

namespace {

// Parses exactly `width` decimal digits at text[pos..]; nullopt if any is not a digit.
std::optional<std::int32_t> Digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  std::int32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

void PutTwo(char* at, std::int64_t value) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

bool IsLeapYear(std::int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::int32_t DaysInMonth(std::int32_t year, std::int32_t month) {
  static constexpr std::array<std::int32_t, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool IsValidDate(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

// Days-from-civil over 400-year eras (each era has exactly 146097 days); March-based years put Feb 29 last.
std::int64_t DaysFromCivil(const CivilDate& date) {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t year_of_era = y - era * 400;                                  // 0..399
  const std::int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;  // 0..365
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

CivilDate CivilFromDays(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<std::int32_t>(year), static_cast<std::int32_t>(month), static_cast<std::int32_t>(day)};
}

Weekday WeekdayFromDays(std::int64_t days) {
  return static_cast<Weekday>(FloorMod(days + 4, 7));  // 1970-01-01 was a Thursday
}

std::int64_t ToLocalSeconds(const LocalDateTime& local) {
  return DaysFromCivil(local.date) * kSecondsPerDay + local.second_of_day;
}

LocalDateTime FromLocalSeconds(std::int64_t local_seconds) {
  const std::int64_t days = FloorDiv(local_seconds, kSecondsPerDay);
  return LocalDateTime{CivilFromDays(days), static_cast<std::int32_t>(local_seconds - days * kSecondsPerDay)};
}

std::int64_t IsoWeekStartDay(std::int64_t days) {
  const std::int64_t weekday = FloorMod(days + 3, 7);  // Monday = 0
  return days - weekday;
}

std::optional<Instant> ParseRfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS is 19 characters, then optional fraction, then zone.
  if (text.size() < 20) return std::nullopt;
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  const auto hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || text[13] != ':' || text[16] != ':') return std::nullopt;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const CivilDate date{*year, *month, *day};
  if (!IsValidDate(date) || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  std::size_t pos = 19;
  if (text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (text[pos] != '0') return std::nullopt;  // sub-second precision is not representable
      ++pos;
    }
    if (pos == digits_start) return std::nullopt;
  }
  std::int64_t offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const auto off_hour = Digits(text, pos + 1, 2), off_minute = Digits(text, pos + 4, 2);
    if (!off_hour || !off_minute || pos + 3 >= text.size() || text[pos + 3] != ':') return std::nullopt;
    if (*off_hour > 23 || *off_minute > 59) return std::nullopt;
    offset = (*off_hour * 60 + *off_minute) * kSecondsPerMinute * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return DaysFromCivil(date) * kSecondsPerDay + *hour * kSecondsPerHour + *minute * kSecondsPerMinute + *second -
         offset;
}

CallerInstant ParseCallerInstant(std::string_view text) {
  const std::optional<Instant> instant = ParseRfc3339(text);
  if (!instant) return {};
  if (!IsSupportedInstant(*instant)) return {std::nullopt, true};
  return {instant, false};
}

std::string OutOfRangeMessage(std::string_view field) {
  std::string message(field);
  message += " is outside the supported range ";
  message += kSupportedRangeText;
  return message;
}

std::string FormatRfc3339(Instant instant) {
  const LocalDateTime t = FromLocalSeconds(instant);
  const std::int32_t h = t.second_of_day / 3600, m = t.second_of_day / 60 % 60, s = t.second_of_day % 60;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.date.year, t.date.month, t.date.day, h, m, s);
  return buffer;
}

void AppendRfc3339(std::string& out, Instant instant) {
  // Consecutive events mostly fall on the same few days: remember the last day's date text.
  thread_local std::int64_t cached_day = INT64_MIN;
  thread_local char date[11] = {};
  const std::int64_t day = FloorDiv(instant, kSecondsPerDay);
  if (day != cached_day) {
    const CivilDate civil = CivilFromDays(day);
    if (civil.year < 0 || civil.year > 9999) {
      out += FormatRfc3339(instant);
      return;
    }
    PutTwo(date, civil.year / 100);
    PutTwo(date + 2, civil.year % 100);
    date[4] = '-';
    PutTwo(date + 5, civil.month);
    date[7] = '-';
    PutTwo(date + 8, civil.day);
    date[10] = 'T';
    cached_day = day;
  }
  const std::int64_t second = instant - day * kSecondsPerDay;
  char text[20];
  std::copy(date, date + 11, text);
  PutTwo(text + 11, second / 3600);
  text[13] = ':';
  PutTwo(text + 14, second / 60 % 60);
  text[16] = ':';
  PutTwo(text + 17, second % 60);
  out.append(text, 19);
  out.push_back('Z');
}

std::optional<std::int32_t> ParseClockTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hour = Digits(text, 0, 2), minute = Digits(text, 3, 2);
  if (!hour || !minute || *minute > 59 || *hour > 24 || (*hour == 24 && *minute != 0)) return std::nullopt;
  return (*hour * 60 + *minute) * 60;
}

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const CivilDate date{*year, *month, *day};
  if (!IsValidDate(date)) return std::nullopt;
  return date;
}

}  // namespace slotwise
