// posix_tz_rule.h — the POSIX TZ string found in a TZif footer (RFC 8536 §3.3, POSIX.1-2017 §8.3), e.g.
// "CET-1CEST,M3.5.0,M10.5.0/3" or "<+0545>-5:45". Internal to slotwise::shared (not a public header).
//
// Contract:
// - Grammar: std offset [dst [offset] [,start[/time],end[/time]]]. Names are >= 3 letters or <quoted> ([A-Za-z0-9+-],
//   >= 3 characters). Offsets are [+-]hh[:mm[:ss]] with hh <= 24 and count west-positive (POSIX), so "EST5" is
//   UT offset -18000. A missing dst offset means std + 1 hour. Dates are Jn (1..365, Feb 29 never counted),
//   n (0..365, Feb 29 counted) or Mm.w.d (month 1..12, week 1..5 where 5 = last, weekday 0..6 = Sunday..Saturday).
//   Rule times default to 02:00 and may be signed with hours up to 167 (RFC 8536 §3.3.1, version 3+ extension).
//   A dst name without rules uses "M3.2.0,M11.1.0" (the tzcode default).
// - The start time is read on the standard clock and the end time on the daylight clock. When a year's end comes
//   before its start (southern hemisphere, or Europe/Dublin's negative DST) DST spans the turn of the year; when
//   DST ends exactly when the next one starts (e.g. "EST5EDT,0/0,J365/25") it is in force all year.
// - Evaluation is O(1) and allocation-free. Instants are clamped to ±kRuleLimit seconds (about a million years):
//   beyond that the offset is held constant and there are no more transitions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "slotwise/result.h"
#include "slotwise/time.h"

namespace slotwise {

class PosixTzRule {
 public:
  static constexpr Instant kRuleLimit = Instant{1} << 45;

  // Parses a TZ string (without the surrounding newlines). Error code "invalid_tzif" when malformed.
  static Result<PosixTzRule> Parse(std::string_view text);

  bool has_dst() const { return has_dst_; }
  std::int32_t std_offset() const { return std_offset_; }  // UT offset of standard time, east positive
  std::int32_t dst_offset() const { return dst_offset_; }  // UT offset of daylight time (== std when no DST)

  std::int32_t OffsetAt(Instant t) const;  // UT offset in force at instant t
  // The first instant > t at which the rule switches between standard and daylight time. The offset need not change
  // there (callers merge equal offsets). nullopt without DST or at/after kRuleLimit.
  std::optional<Instant> NextSwitch(Instant t) const;

 private:
  enum class DateKind : std::uint8_t { kJulianNoLeap, kZeroBased, kMonthWeekDay };
  struct DateRule {
    DateKind kind = DateKind::kMonthWeekDay;
    std::int32_t day = 0;    // Jn: 1..365; n: 0..365; Mm.w.d: weekday 0..6
    std::int32_t month = 0;  // Mm.w.d only: 1..12
    std::int32_t week = 0;   // Mm.w.d only: 1..5
    std::int32_t time = 2 * 3600;  // seconds after local midnight, -167h..+167h
  };
  // One year's two switches, in the order they happen within that year's rule.
  struct YearSwitches {
    Instant first;
    Instant second;
    bool first_is_start;  // true: first switches to DST (northern order); false: first switches to standard time
  };

  static std::int64_t DayOf(const DateRule& rule, std::int32_t year);  // day number of the rule's date in `year`
  YearSwitches SwitchesIn(std::int32_t year) const;
  static std::int32_t YearOf(Instant t, std::int32_t offset);

  bool has_dst_ = false;
  std::int32_t std_offset_ = 0;
  std::int32_t dst_offset_ = 0;
  DateRule start_;
  DateRule end_;
};

}  // namespace slotwise
