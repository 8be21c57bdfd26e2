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
