// posix_tz_rule.cpp — parsing and evaluating POSIX TZ strings (see posix_tz_rule.h for the contract).
#include "posix_tz_rule.h"

#include "slotwise/error_codes.h"

#include <algorithm>
#include <string>

namespace slotwise {

namespace {

constexpr std::int32_t kMaxOffsetHours = 24;     // POSIX: offset hours 0..24
constexpr std::int32_t kMaxRuleTimeHours = 167;  // RFC 8536 §3.3.1: rule times -167..167 hours

Error Malformed(std::string_view text, std::string_view what) {
  return Error{codes::kInvalidTzif, "Malformed TZ string \"" + std::string(text) + "\": " + std::string(what) + ".", ""};
}

// A cursor over the TZ string; every read is bounds-checked.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

  // 1..max_digits decimal digits.
  std::optional<std::int32_t> Number(std::size_t max_digits) {
    std::size_t digits = 0;
    std::int32_t value = 0;
    while (!AtEnd() && IsDigit(Peek())) {
      if (++digits > max_digits) return std::nullopt;
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (digits == 0) return std::nullopt;
    return value;
  }

  // A zone abbreviation: >= 3 letters, or '<' >= 3 of [A-Za-z0-9+-] '>'. Only checked, not kept.
  bool Name() {
    std::size_t length = 0;
    if (Consume('<')) {
      while (!AtEnd() && (IsAlpha(Peek()) || IsDigit(Peek()) || Peek() == '+' || Peek() == '-')) ++pos_, ++length;
      return Consume('>') && length >= 3;
    }
    while (!AtEnd() && IsAlpha(Peek())) ++pos_, ++length;
    return length >= 3;
  }

  // [+-]hh[:mm[:ss]] as signed seconds; hh <= max_hours.
  std::optional<std::int32_t> SignedHms(std::int32_t max_hours) {
    std::int32_t sign = 1;
    if (Consume('-')) {
      sign = -1;
    } else {
      Consume('+');
    }
    const auto hours = Number(3);
    if (!hours || *hours > max_hours) return std::nullopt;
    std::int32_t seconds = *hours * 3600;
    if (Consume(':')) {
      const auto minutes = Number(2);
      if (!minutes || *minutes > 59) return std::nullopt;
      seconds += *minutes * 60;
      if (Consume(':')) {
        const auto secs = Number(2);
        if (!secs || *secs > 59) return std::nullopt;
        seconds += *secs;
      }
    }
    return sign * seconds;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<PosixTzRule> PosixTzRule::Parse(std::string_view text) {
  Cursor cursor(text);
  PosixTzRule rule;
  if (!cursor.Name()) return Malformed(text, "bad standard-time name");
  const auto std_west = cursor.SignedHms(kMaxOffsetHours);
  if (!std_west) return Malformed(text, "bad standard-time offset");
  rule.std_offset_ = rule.dst_offset_ = -*std_west;
  if (cursor.AtEnd()) return rule;

  if (!cursor.Name()) return Malformed(text, "bad daylight-time name");
  rule.has_dst_ = true;
  rule.dst_offset_ = rule.std_offset_ + 3600;
  if (!cursor.AtEnd() && cursor.Peek() != ',') {
    const auto dst_west = cursor.SignedHms(kMaxOffsetHours);
    if (!dst_west) return Malformed(text, "bad daylight-time offset");
    rule.dst_offset_ = -*dst_west;
  }
  if (cursor.AtEnd()) {  // no rules: the tzcode default, US rules since 2007
    rule.start_ = DateRule{DateKind::kMonthWeekDay, 0, 3, 2, 2 * 3600};
    rule.end_ = DateRule{DateKind::kMonthWeekDay, 0, 11, 1, 2 * 3600};
    return rule;
  }

  for (DateRule* date : {&rule.start_, &rule.end_}) {
    if (!cursor.Consume(',')) return Malformed(text, "expected ',' before a transition rule");
    if (cursor.Consume('J')) {
      const auto day = cursor.Number(3);
      if (!day || *day < 1 || *day > 365) return Malformed(text, "Jn day out of 1..365");
      date->kind = DateKind::kJulianNoLeap;
      date->day = *day;
    } else if (cursor.Consume('M')) {
      const auto month = cursor.Number(2);
      if (!month || *month < 1 || *month > 12 || !cursor.Consume('.')) return Malformed(text, "bad Mm.w.d month");
      const auto week = cursor.Number(1);
      if (!week || *week < 1 || *week > 5 || !cursor.Consume('.')) return Malformed(text, "bad Mm.w.d week");
      const auto weekday = cursor.Number(1);
      if (!weekday || *weekday > 6) return Malformed(text, "bad Mm.w.d weekday");
      date->kind = DateKind::kMonthWeekDay;
      date->month = *month;
      date->week = *week;
      date->day = *weekday;
    } else {
      const auto day = cursor.Number(3);
      if (!day || *day > 365) return Malformed(text, "zero-based day out of 0..365");
      date->kind = DateKind::kZeroBased;
      date->day = *day;
    }
    date->time = 2 * 3600;
    if (cursor.Consume('/')) {
      const auto time = cursor.SignedHms(kMaxRuleTimeHours);
      if (!time) return Malformed(text, "bad transition time");
      date->time = *time;
    }
  }
  if (!cursor.AtEnd()) return Malformed(text, "trailing characters");
  return rule;
}

std::int64_t PosixTzRule::DayOf(const DateRule& rule, std::int32_t year) {
  switch (rule.kind) {
    case DateKind::kJulianNoLeap: {
      const std::int64_t jan1 = DaysFromCivil(CivilDate{year, 1, 1});
      return jan1 + rule.day - 1 + (IsLeapYear(year) && rule.day >= 60 ? 1 : 0);
    }
    case DateKind::kZeroBased:
      return DaysFromCivil(CivilDate{year, 1, 1}) + rule.day;
    case DateKind::kMonthWeekDay:
      break;
  }
  const std::int64_t first = DaysFromCivil(CivilDate{year, rule.month, 1});
  const auto first_weekday = static_cast<std::int32_t>(WeekdayFromDays(first));
  std::int32_t day_of_month = 1 + (rule.day - first_weekday + 7) % 7 + 7 * (rule.week - 1);
  const std::int32_t days_in_month = DaysInMonth(year, rule.month);
  while (day_of_month > days_in_month) day_of_month -= 7;  // week 5 = the last such weekday
  return first + day_of_month - 1;
}

PosixTzRule::YearSwitches PosixTzRule::SwitchesIn(std::int32_t year) const {
  const Instant start = DayOf(start_, year) * kSecondsPerDay + start_.time - std_offset_;  // on the standard clock
  const Instant end = DayOf(end_, year) * kSecondsPerDay + end_.time - dst_offset_;        // on the daylight clock
  if (start <= end) return YearSwitches{start, end, true};
  return YearSwitches{end, start, false};
}

std::int32_t PosixTzRule::YearOf(Instant t, std::int32_t offset) {
  return CivilFromDays(FloorDiv(t + offset, kSecondsPerDay)).year;
}

std::int32_t PosixTzRule::OffsetAt(Instant t) const {
  if (!has_dst_) return std_offset_;
  const Instant clamped = std::clamp(t, -kRuleLimit, kRuleLimit);
  const std::int32_t year = YearOf(clamped, std_offset_);
  // Switches of one year lie within about nine days of that year, so the state at the end of year - 2 is fixed by
  // that year's order, and only the switches of years year-1 .. year+1 can fall on either side of t.
  bool dst = !SwitchesIn(year - 2).first_is_start;
  for (std::int32_t y = year - 1; y <= year + 1; ++y) {
    const YearSwitches switches = SwitchesIn(y);
    if (switches.first <= clamped) dst = switches.first_is_start;
    if (switches.second <= clamped) dst = !switches.first_is_start;
  }
  return dst ? dst_offset_ : std_offset_;
}

std::optional<Instant> PosixTzRule::NextSwitch(Instant t) const {
  if (!has_dst_ || t >= kRuleLimit) return std::nullopt;
  const Instant clamped = std::max(t, -kRuleLimit);
  const std::int32_t year = YearOf(clamped, std_offset_);
  std::optional<Instant> best;
  for (std::int32_t y = year - 1; y <= year + 2; ++y) {  // year + 2's switches are always > t
    const YearSwitches switches = SwitchesIn(y);
    for (const Instant candidate : {switches.first, switches.second}) {
      if (candidate > clamped && (!best || candidate < *best)) best = candidate;
    }
  }
  if (!best || *best > kRuleLimit) return std::nullopt;
  return best;
}

}  // namespace slotwise
