// demo_calendars.h — a small fixed set of people and busy times for the out-of-the-box demo, used until the
// sandbox providers (their own issue) serve a whole demo organisation.
#pragma once

#include <string>
#include <vector>

#include "slotwise/intervals.h"

namespace slotwise {

struct DemoPerson {
  std::string sub;
  std::string name;
  IntervalList busy;  // unsorted and overlapping on purpose: the engine normalizes
};

// Three people with busy intervals on 2026-12-01 (UTC).
std::vector<DemoPerson> DemoPeople();

}  // namespace slotwise
