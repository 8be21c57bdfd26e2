// fuzz_zones.h — the zones of the fuzz targets that resolve IANA names: the system's /usr/share/zoneinfo through the
// server's own ZoneinfoDirectory (backend/zoneinfo), so the targets look zones up as the server does.
//
// Contract: one ZoneinfoDirectory for the process, created on first use; for a target's single fuzzing thread.
#pragma once

#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise::fuzz {

inline ZoneSource& SystemZones() {
  static ZoneinfoDirectory zones("/usr/share/zoneinfo");
  return zones;
}

}  // namespace slotwise::fuzz
