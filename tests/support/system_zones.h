// system_zones.h — test helper: the system tzdata as one ZoneSource for the native test suites.
//
// Contract: any valid IANA name is read from SLOTWISE_ZONEINFO_DIR (/usr/share/zoneinfo) on first use and kept;
// unknown or invalid names give nullptr, as the backend's ZoneinfoDirectory does. Needs only slotwise::shared (the
// engine's TZif reader). Single-threaded, like the tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "slotwise/time_zone.h"

#ifndef SLOTWISE_ZONEINFO_DIR
#define SLOTWISE_ZONEINFO_DIR "/usr/share/zoneinfo"
#endif

namespace slotwise::testing {

class SystemZoneSource : public ZoneSource {
 public:
  const TimeZone* Find(std::string_view name) override {
    if (const TimeZone* known = zones_.Find(name)) return known;
    if (!IsValidZoneName(name)) return nullptr;
    std::ifstream file(std::string(SLOTWISE_ZONEINFO_DIR) + "/" + std::string(name), std::ios::binary);
    if (!file) return nullptr;
    std::ostringstream bytes;
    bytes << file.rdbuf();
    if (!zones_.Add(std::string(name), bytes.str()).ok()) return nullptr;
    return zones_.Find(name);
  }

 private:
  InMemoryZoneSource zones_;
};

inline SystemZoneSource& SystemZones() {
  static SystemZoneSource zones;
  return zones;
}

}  // namespace slotwise::testing
