// zones.h — the system's TZif zones (support/system_zones.h) and RFC 3339 instants for the invites tests.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "slotwise/time_zone.h"
#include "support/instants.h"
#include "support/system_zones.h"

namespace slotwise::invites::testing {

using slotwise::testing::At;

// The zone called `name`; fails the test when it cannot be loaded.
inline const TimeZone& Zone(const std::string& name) {
  const TimeZone* zone = slotwise::testing::SystemZones().Find(name);
  REQUIRE_MESSAGE(zone != nullptr, "zone " << name << " not found in " << SLOTWISE_ZONEINFO_DIR);
  return *zone;
}

}  // namespace slotwise::invites::testing
