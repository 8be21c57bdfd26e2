// zones.h — the system's TZif zones for the invites tests (SLOTWISE_ZONEINFO_DIR, /usr/share/zoneinfo by default).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "slotwise/time.h"
#include "slotwise/time_zone.h"
#include "zoneinfo/zoneinfo_directory.h"

#ifndef SLOTWISE_ZONEINFO_DIR
#define SLOTWISE_ZONEINFO_DIR "/usr/share/zoneinfo"
#endif

namespace slotwise::invites::testing {

// The zone called `name`; fails the test (and returns UTC) when it cannot be loaded.
inline const TimeZone& Zone(const std::string& name) {
  static ZoneinfoDirectory directory(SLOTWISE_ZONEINFO_DIR);
  const TimeZone* zone = directory.Find(name);
  REQUIRE_MESSAGE(zone != nullptr, "zone " << name << " not found in " << SLOTWISE_ZONEINFO_DIR);
  return *zone;
}

// An RFC 3339 instant; fails the test on malformed text.
inline Instant At(const char* text) {
  const std::optional<Instant> instant = ParseRfc3339(text);
  REQUIRE_MESSAGE(instant.has_value(), "bad time " << text);
  return *instant;
}

}  // namespace slotwise::invites::testing
