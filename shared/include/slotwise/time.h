// time.h — UTC instants, civil (proleptic Gregorian) dates and RFC 3339 text.
//
// Contract:
// - An `Instant` is a count of seconds since 1970-01-01T00:00:00Z (POSIX time: leap seconds do not exist).
//   Intervals of instants are half-open [start, end).
// - Civil dates use the proleptic Gregorian calendar; day numbers count days since 1970-01-01 (negative before).
// - Pure functions, no clock, no global state: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace slotwise {

using Instant = std::int64_t;   // seconds since the Unix epoch, UTC
using Duration = std::int64_t;  // seconds

inline constexpr Duration kSecondsPerMinute = 60;
inline constexpr Duration kSecondsPerHour = 3600;
inline constexpr Duration kSecondsPerDay = 86400;

struct CivilDate {
  std::int32_t year = 1970;
  std::int32_t month = 1;  // 1..12
  std::int32_t day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// A wall-clock reading: a civil date plus seconds after that date's midnight (0..86399).
struct LocalDateTime {
  CivilDate date;
  std::int32_t second_of_day = 0;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

enum class Weekday : std::uint8_t { kSunday = 0, kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday };

std::int64_t DaysFromCivil(const CivilDate& date);  // day number of `date` (1970-01-01 -> 0)
CivilDate CivilFromDays(std::int64_t days);         // inverse of DaysFromCivil
Weekday WeekdayFromDays(std::int64_t days);         // weekday of a day number
bool IsLeapYear(std::int32_t year);
std::int32_t DaysInMonth(std::int32_t year, std::int32_t month);  // 28..31; month must be 1..12
bool IsValidDate(const CivilDate& date);

// Floor division helpers for negative instants.
inline std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline std::int64_t FloorMod(std::int64_t a, std::int64_t b) { return a - FloorDiv(a, b) * b; }

// Seconds of local wall time as a single number: days*86400 + second_of_day ("local seconds since 1970").
std::int64_t ToLocalSeconds(const LocalDateTime& local);
LocalDateTime FromLocalSeconds(std::int64_t local_seconds);

// ISO-8601 week: the Monday that starts the ISO week containing day number `days`, as a day number.
std::int64_t IsoWeekStartDay(std::int64_t days);

// RFC 3339 parsing: "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)". 'T'/'t'/' ' separators and 'z' are accepted. Fractional
// seconds are accepted only when zero (the engine works in whole seconds). Returns nullopt on any malformed text.
std::optional<Instant> ParseRfc3339(std::string_view text);
// The instants Slotwise accepts from a caller — in a request, a document or a stored value: from
// 1970-01-01T00:00:00Z up to the end of 2200-12-31, i.e. 2201-01-01T00:00:00Z inclusive (a half-open interval may end
// there). ParseRfc3339 reads any year 0000..9999 (provider data, calendar arithmetic); every reader of a caller's
// instant goes through ParseCallerInstant, so a year such as 0000 or 9999 is refused where it comes in.
inline constexpr Instant kFirstSupportedInstant = 0;
inline constexpr Instant kLastSupportedInstant = 7'289'654'400;  // 2201-01-01T00:00:00Z
inline constexpr std::string_view kSupportedRangeText = "1970-01-01 .. 2200-12-31 (UTC)";
inline constexpr bool IsSupportedInstant(Instant instant) {
  return instant >= kFirstSupportedInstant && instant <= kLastSupportedInstant;
}
// A caller's RFC 3339 instant: ParseRfc3339 within the supported range. `instant` is empty on failure;
// `out_of_range` then tells well-formed text outside the range (message: OutOfRangeMessage) from malformed text.
struct CallerInstant {
  std::optional<Instant> instant;
  bool out_of_range = false;
};
CallerInstant ParseCallerInstant(std::string_view text);
// "<field> is outside the supported range 1970-01-01 .. 2200-12-31 (UTC)".
std::string OutOfRangeMessage(std::string_view field);

// Formats as "YYYY-MM-DDTHH:MM:SSZ" (UTC). Years outside 0..9999 are formatted with as many digits as needed.
std::string FormatRfc3339(Instant instant);
// Appends FormatRfc3339(instant) to `out` without formatting machinery (the same text for every instant; answers and
// documents with thousands of instants are written with it).
void AppendRfc3339(std::string& out, Instant instant);

// "HH:MM" (00:00..24:00) -> seconds after midnight; nullopt when malformed.
std::optional<std::int32_t> ParseClockTime(std::string_view text);
// "YYYY-MM-DD" -> civil date; nullopt when malformed or not a real date.
std::optional<CivilDate> ParseIsoDate(std::string_view text);

}  // namespace slotwise
