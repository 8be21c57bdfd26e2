// file_zone_source.cpp — see file_zone_source.h.
#include "file_zone_source.h"

#include <fstream>
#include <iterator>

namespace slotwise::bench {

const TimeZone* FileZoneSource::Find(std::string_view name) {
  if (auto it = zones_.find(name); it != zones_.end()) return it->second ? &*it->second : nullptr;
  std::optional<TimeZone> zone;
  if (name == "UTC") {
    zone = TimeZone::Utc();
  } else if (IsValidZoneName(name)) {
    std::ifstream file(directory_ + "/" + std::string(name), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.good() || file.eof()) {
      Result<TimeZone> parsed = TimeZone::FromTzif(std::string(name), bytes);
      if (parsed) zone = std::move(parsed).value();
    }
  }
  auto [it, inserted] = zones_.emplace(std::string(name), std::move(zone));
  return it->second ? &*it->second : nullptr;
}

}  // namespace slotwise::bench
