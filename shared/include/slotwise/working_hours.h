// working_hours.h — a person's weekly working hours, as local wall-clock windows in the person's own zone.
//
// Contract:
// - `windows[d]` holds the windows of weekday d (0 = Sunday … 6 = Saturday, as `Weekday`), sorted, non-overlapping,
//   each a half-open [start, end) of seconds after local midnight with 0 <= start < end <= 86400 ("24:00" = 86400).
// - A day with no windows has no working hours. `around_the_clock` = true means "no working hours were given": the
//   person is available at all times (docs/ENGINE.md), and `windows` is ignored.
// - Windows are wall-clock times: on DST days a window follows the wall clock (09:00–17:00 stays 09:00–17:00 local),
//   and a window boundary that falls in a gap maps per RFC 5545 (TimeZone::FromLocal).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace slotwise {

struct LocalWindow {
  std::int32_t start = 0;  // seconds after local midnight, inclusive
  std::int32_t end = 0;    // seconds after local midnight, exclusive; <= 86400
  friend bool operator==(const LocalWindow&, const LocalWindow&) = default;
};

struct WorkingHours {
  bool around_the_clock = true;
  std::array<std::vector<LocalWindow>, 7> windows;  // index: 0 = Sunday … 6 = Saturday
};

}  // namespace slotwise
