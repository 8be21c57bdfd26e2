// zoneinfo_directory.h — a slotwise::ZoneSource over a directory of TZif files (the system's /usr/share/zoneinfo).
//
// Contract:
// - `Find(name)` validates `name` with IsValidZoneName first (so "../x", "/etc/x", "a//b" never touch the file
//   system), then reads and parses `<directory>/<name>` on first use. Only regular files are read (symlinks are
//   followed), at most kMaxFileBytes of them.
// - Results are cached for the object's lifetime: the same name always returns the same pointer, and the pointer
//   stays valid until the ZoneinfoDirectory is destroyed. Misses (unknown, invalid or unparsable zones) are cached
//   too, up to kMaxCachedMisses names, so a flood of made-up names cannot grow memory without bound.
// - "UTC" resolves even when the directory lacks it (or does not exist).
// - Thread-safe: Find may be called from several threads at once (one std::mutex guards the cache; file reads happen
//   under it, which is fine for the few hundred zones a process ever loads).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "slotwise/time_zone.h"

namespace slotwise {

class ZoneinfoDirectory : public ZoneSource {
 public:
  static constexpr std::size_t kMaxFileBytes = 1 << 20;  // real TZif files are a few KiB
  static constexpr std::size_t kMaxCachedMisses = 4096;

  explicit ZoneinfoDirectory(std::string directory = "/usr/share/zoneinfo");

  // The zone called `name`, or nullptr when the name is invalid or no valid TZif file has that name. Thread-safe.
  const TimeZone* Find(std::string_view name) override;

  const std::string& directory() const { return directory_; }

 private:
  std::unique_ptr<TimeZone> Load(const std::string& name) const;  // nullptr on any failure

  const std::string directory_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> cache_;  // nullptr value = cached miss
  std::size_t cached_misses_ = 0;
};

}  // namespace slotwise
