// Tests for slotwise/time.h: civil calendar arithmetic (against glibc's timegm/gmtime_r), weekdays, ISO weeks and the
// RFC 3339, clock-time and ISO-date parsers.
#include "slotwise/time.h"

#include <doctest/doctest.h>

#include <ctime>
#include <random>

namespace slotwise {

TEST_CASE("Time: DaysFromCivil and CivilFromDays round-trip over a wide range") {
  CHECK(DaysFromCivil(CivilDate{1970, 1, 1}) == 0);
  CHECK(DaysFromCivil(CivilDate{2000, 3, 1}) == 11017);
  CHECK(DaysFromCivil(CivilDate{1969, 12, 31}) == -1);
  CHECK(CivilFromDays(-719468) == CivilDate{0, 3, 1});
  std::int64_t expected_days = DaysFromCivil(CivilDate{-4000, 1, 1});
  for (std::int32_t year = -4000; year <= 4000; ++year) {
    for (std::int32_t month = 1; month <= 12; ++month) {
      for (std::int32_t day = 1; day <= DaysInMonth(year, month); ++day) {
        const CivilDate date{year, month, day};
        REQUIRE(DaysFromCivil(date) == expected_days);  // consecutive dates are consecutive day numbers
        REQUIRE(CivilFromDays(expected_days) == date);
        ++expected_days;
      }
    }
  }
  CHECK(CivilFromDays(DaysFromCivil(CivilDate{-1000000, 2, 29})) == CivilDate{-1000000, 2, 29});
  CHECK(CivilFromDays(DaysFromCivil(CivilDate{1000000, 12, 31})) == CivilDate{1000000, 12, 31});
}

TEST_CASE("Time: civil arithmetic agrees with timegm and gmtime_r") {
  std::mt19937_64 random(1);
  std::uniform_int_distribution<std::int64_t> pick(-100000LL * 86400, 100000LL * 86400);  // about 1696..2243
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t t = pick(random);
    const auto time = static_cast<std::time_t>(t);
    std::tm tm{};
    REQUIRE(gmtime_r(&time, &tm) != nullptr);
    const LocalDateTime local = FromLocalSeconds(t);
    REQUIRE(local.date == CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
    REQUIRE(local.second_of_day == tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
    REQUIRE(static_cast<int>(WeekdayFromDays(FloorDiv(t, kSecondsPerDay))) == tm.tm_wday);
    REQUIRE(timegm(&tm) == time);
    REQUIRE(ToLocalSeconds(local) == t);
  }
}

TEST_CASE("Time: leap years, month lengths and date validity") {
  CHECK(IsLeapYear(2000));
  CHECK(IsLeapYear(2024));
  CHECK(!IsLeapYear(1900));
  CHECK(!IsLeapYear(2026));
  CHECK(IsLeapYear(0));
  CHECK(IsLeapYear(-4));
  CHECK(!IsLeapYear(-100));
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2026, 2) == 28);
  CHECK(DaysInMonth(2026, 4) == 30);
  CHECK(DaysInMonth(2026, 12) == 31);
  CHECK(IsValidDate(CivilDate{2024, 2, 29}));
  CHECK(!IsValidDate(CivilDate{2026, 2, 29}));
  CHECK(!IsValidDate(CivilDate{2026, 13, 1}));
  CHECK(!IsValidDate(CivilDate{2026, 0, 1}));
  CHECK(!IsValidDate(CivilDate{2026, 4, 31}));
  CHECK(!IsValidDate(CivilDate{2026, 1, 0}));
}

TEST_CASE("Time: weekdays, ISO week starts and floor division") {
  CHECK(WeekdayFromDays(0) == Weekday::kThursday);
  CHECK(WeekdayFromDays(-1) == Weekday::kWednesday);
  CHECK(WeekdayFromDays(DaysFromCivil(CivilDate{2026, 3, 29})) == Weekday::kSunday);
  CHECK(WeekdayFromDays(DaysFromCivil(CivilDate{1900, 1, 1})) == Weekday::kMonday);
  for (std::int64_t day = -800; day < 800; ++day) {
    const std::int64_t start = IsoWeekStartDay(day);
    CHECK(WeekdayFromDays(start) == Weekday::kMonday);
    CHECK(start <= day);
    CHECK(day - start < 7);
  }
  CHECK(IsoWeekStartDay(DaysFromCivil(CivilDate{2026, 1, 1})) == DaysFromCivil(CivilDate{2025, 12, 29}));
  CHECK(IsoWeekStartDay(DaysFromCivil(CivilDate{2026, 3, 29})) == DaysFromCivil(CivilDate{2026, 3, 23}));
  CHECK(FloorDiv(-1, 86400) == -1);
  CHECK(FloorDiv(-86400, 86400) == -1);
  CHECK(FloorDiv(86399, 86400) == 0);
  CHECK(FloorMod(-1, 7) == 6);
  CHECK(FloorMod(7, 7) == 0);
}

TEST_CASE("Time: ParseRfc3339 accepts valid forms") {
  const Instant base = DaysFromCivil(CivilDate{2026, 3, 29}) * kSecondsPerDay + 1 * 3600 + 30 * 60;  // 01:30:00Z
  CHECK(ParseRfc3339("2026-03-29T01:30:00Z") == base);
  CHECK(ParseRfc3339("2026-03-29t01:30:00z") == base);
  CHECK(ParseRfc3339("2026-03-29 01:30:00Z") == base);
  CHECK(ParseRfc3339("2026-03-29T03:30:00+02:00") == base);
  CHECK(ParseRfc3339("2026-03-28T20:30:00-05:00") == base);
  CHECK(ParseRfc3339("2026-03-29T07:15:00+05:45") == base);
  CHECK(ParseRfc3339("2026-03-29T01:30:00-00:00") == base);
  CHECK(ParseRfc3339("2026-03-29T01:30:00.000Z") == base);
  CHECK(ParseRfc3339("2026-03-29T01:30:00.0+00:00") == base);
  CHECK(ParseRfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseRfc3339("1969-12-31T23:59:59Z") == -1);
  CHECK(ParseRfc3339("2024-02-29T12:00:00Z").has_value());
}

TEST_CASE("Time: ParseRfc3339 rejects malformed text") {
  for (const char* bad :
       {"", "2026-03-29T01:30:00", "2026-03-29T01:30Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-03-29T24:00:00Z", "2026-03-29T23:60:00Z",
        "2026-03-29T23:59:60Z", "2026-03-29T01:30:00.5Z", "2026-03-29T01:30:00.001Z", "2026-03-29T01:30:00.Z",
        "2026-03-29T01:30:00Zjunk", "2026-03-29T01:30:00Z ", "2026-03-29T01:30:00+02", "2026-03-29T01:30:00+0200",
        "2026-03-29T01:30:00+24:00", "2026-03-29T01:30:00+02:60", "2026-03-29T01:30:00+02:00x", "2026-03-29X01:30:00Z",
        "2026/03/29T01:30:00Z", "20260329T013000Z", "2026-3-29T01:30:00Z", "+2026-03-29T01:30:00Z",
        "2026-03-29T1:30:00Z", "2026-03-29T01:30:00+2:00", "2026-03-29T01:30:00-", "2026-03-29T01:30:00.",
        "2026-03-29T01:30:00.0"}) {
    CHECK_MESSAGE(!ParseRfc3339(bad).has_value(), bad);
  }
}

TEST_CASE("Time: FormatRfc3339") {
  CHECK(FormatRfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatRfc3339(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatRfc3339(DaysFromCivil(CivilDate{2026, 3, 29}) * kSecondsPerDay + 5400 + 7) == "2026-03-29T01:30:07Z");
  CHECK(FormatRfc3339(DaysFromCivil(CivilDate{12026, 1, 2}) * kSecondsPerDay) == "12026-01-02T00:00:00Z");
  CHECK(FormatRfc3339(DaysFromCivil(CivilDate{5, 1, 2}) * kSecondsPerDay) == "0005-01-02T00:00:00Z");
  std::mt19937_64 random(3);
  std::uniform_int_distribution<std::int64_t> pick(DaysFromCivil(CivilDate{1, 1, 1}) * kSecondsPerDay,
                                                   DaysFromCivil(CivilDate{9999, 12, 31}) * kSecondsPerDay);
  for (int i = 0; i < 2000; ++i) {
    const Instant t = pick(random);
    REQUIRE(ParseRfc3339(FormatRfc3339(t)) == t);
  }
}

TEST_CASE("Time: ParseClockTime") {
  CHECK(ParseClockTime("00:00") == 0);
  CHECK(ParseClockTime("09:30") == 9 * 3600 + 30 * 60);
  CHECK(ParseClockTime("23:59") == 23 * 3600 + 59 * 60);
  CHECK(ParseClockTime("24:00") == 24 * 3600);
  for (const char* bad : {"24:01", "25:00", "12:60", "9:30", "09:3", "09-30", "0930", "09:30:00", "", "ab:cd", " 9:30",
                          "+9:30"}) {
    CHECK_MESSAGE(!ParseClockTime(bad).has_value(), bad);
  }
}

TEST_CASE("Time: ParseIsoDate") {
  CHECK(ParseIsoDate("2026-03-29") == CivilDate{2026, 3, 29});
  CHECK(ParseIsoDate("2024-02-29") == CivilDate{2024, 2, 29});
  for (const char* bad : {"2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01",
                          "2026/04/01", "2026-04-01T", "26-04-01", "", "2026-04-0a"}) {
    CHECK_MESSAGE(!ParseIsoDate(bad).has_value(), bad);
  }
}

}  // namespace slotwise
