// file_zone_source.h — a ZoneSource that reads TZif files from a zoneinfo directory (/usr/share/zoneinfo), for the
// benchmark only. Natively it reads the disk; under Emscripten with NODERAWFS it reads the host's disk through node.
// Zones are loaded on first use and kept; unknown or malformed zones give nullptr. Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "slotwise/time_zone.h"

namespace slotwise::bench {

class FileZoneSource : public ZoneSource {
 public:
  explicit FileZoneSource(std::string directory) : directory_(std::move(directory)) {}
  const TimeZone* Find(std::string_view name) override;

 private:
  std::string directory_;
  std::map<std::string, std::optional<TimeZone>, std::less<>> zones_;  // nullopt: tried and failed
};

}  // namespace slotwise::bench
