// Tests for wasm/widget_time_format: wall-clock text per locale and zone.
#include <doctest/doctest.h>

#include "state/widget_time_format.h"
#include "widget_test_fixtures.h"

using namespace slotwise;
using namespace slotwise::widget;
using namespace slotwise::widget::testing;

TEST_CASE("WidgetTimeFormat: clocks and days per locale") {
  CHECK(FormatClock(Locale::kEn, 0) == "12:00 AM");
  CHECK(FormatHourLabel(Locale::kEn, 0) == "12 AM");
  CHECK(FormatHourLabel(Locale::kEn, 7) == "7 AM");
  CHECK(FormatHourLabel(Locale::kEn, 12) == "12 PM");
  CHECK(FormatHourLabel(Locale::kEn, 15) == "3 PM");
  CHECK(FormatHourLabel(Locale::kDe, 7) == "07");
  CHECK(FormatHourLabel(Locale::kNl, 24) == "00");
  CHECK(FormatHourLabel(Locale::kJa, 15) == "15時");
  CHECK(FormatClock(Locale::kEn, 13 * 3600 + 5 * 60) == "1:05 PM");
  CHECK(FormatClock(Locale::kDe, 9 * 3600) == "09:00");
  CHECK(FormatClock(Locale::kJa, 9 * 3600 + 30 * 60) == "9:30");
  const CivilDate tuesday{2026, 12, 1};
  CHECK(FormatDay(Locale::kEn, tuesday) == "Tue, Dec 1");
  CHECK(FormatDay(Locale::kDe, tuesday) == "Di., 1. Dez.");
  CHECK(FormatDay(Locale::kJa, tuesday) == "12月1日(火)");
  CHECK(FormatDay(Locale::kNl, tuesday) == "di 1 dec");
  CHECK(FormatDay(Locale::kDe, {2027, 3, 28}) == "So., 28. März");
}

TEST_CASE("WidgetTimeFormat: one instant in two zones, ranges across midnight, durations, offsets") {
  const Instant t = At("2026-12-01T08:30:00Z");
  CHECK(FormatDateTime(Locale::kEn, t, Zone("Europe/Berlin")) == "Tue, Dec 1, 9:30 AM");
  CHECK(FormatDateTime(Locale::kJa, t, Zone("Asia/Tokyo")) == "12月1日(火) 17:30");
  CHECK(FormatRange(Locale::kNl, {t, t + 3600}, Zone("Europe/Amsterdam")) == "di 1 dec, 09:30–10:30");
  // 22:30–00:30 in Berlin crosses midnight: both days are written.
  CHECK(FormatRange(Locale::kDe, {At("2026-12-01T21:30:00Z"), At("2026-12-01T23:30:00Z")}, Zone("Europe/Berlin")) ==
        "Di., 1. Dez., 22:30–Mi., 2. Dez., 00:30");
  CHECK(FormatDuration(Locale::kEn, 90) == "1 h 30 min");
  CHECK(FormatDuration(Locale::kJa, 45) == "45分");
  CHECK(FormatDuration(Locale::kDe, 60) == "1 Std.");
  CHECK(ZoneCity("America/New_York") == "New York");
  CHECK(FormatOffset(Zone("Asia/Kolkata"), t) == "UTC+5:30");
  CHECK(FormatOffset(Zone("America/New_York"), t) == "UTC-5");
}

TEST_CASE("WidgetTimeFormat: French, Spanish, Italian, Portuguese, Chinese and Korean") {
  const CivilDate tuesday{2026, 12, 1};
  CHECK(FormatDay(Locale::kFr, tuesday) == "mar. 1 déc.");
  CHECK(FormatDay(Locale::kEs, tuesday) == "mar, 1 dic");
  CHECK(FormatDay(Locale::kIt, tuesday) == "mar 1 dic");
  CHECK(FormatDay(Locale::kPt, tuesday) == "ter., 1 de dez.");
  CHECK(FormatDay(Locale::kZh, tuesday) == "12月1日周二");
  CHECK(FormatDay(Locale::kKo, tuesday) == "12월 1일 (화)");
  CHECK(FormatClock(Locale::kFr, 9 * 3600 + 5 * 60) == "09:05");
  CHECK(FormatClock(Locale::kZh, 9 * 3600 + 5 * 60) == "9:05");
  CHECK(FormatClock(Locale::kKo, 14 * 3600) == "14:00");
  CHECK(FormatHourLabel(Locale::kFr, 14) == "14 h");
  CHECK(FormatHourLabel(Locale::kEs, 9) == "09");
  CHECK(FormatHourLabel(Locale::kZh, 9) == "9时");
  CHECK(FormatHourLabel(Locale::kKo, 9) == "9시");
  CHECK(FormatDuration(Locale::kFr, 90) == "1 h 30 min");
  CHECK(FormatDuration(Locale::kZh, 90) == "1小时30分钟");
  CHECK(FormatDuration(Locale::kKo, 45) == "45분");
  CHECK(FormatDateTime(Locale::kKo, *ParseRfc3339("2026-12-01T05:00:00Z"), Zone("Asia/Seoul")) == "12월 1일 (화) 14:00");
}
