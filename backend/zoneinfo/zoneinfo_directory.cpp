// zoneinfo_directory.cpp — TZif files from a directory, parsed lazily and cached (see zoneinfo_directory.h).
#include "zoneinfo/zoneinfo_directory.h"

#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

namespace slotwise {

ZoneinfoDirectory::ZoneinfoDirectory(std::string directory) : directory_(std::move(directory)) {}

const TimeZone* ZoneinfoDirectory::Find(std::string_view name) {
  if (!IsValidZoneName(name)) return nullptr;
  const std::lock_guard<std::mutex> lock(mutex_);
  if (const auto it = cache_.find(name); it != cache_.end()) return it->second.get();
  const std::string key(name);
  std::unique_ptr<TimeZone> zone = Load(key);
  if (!zone && key == "UTC") zone = std::make_unique<TimeZone>(TimeZone::Utc());
  if (!zone) {
    if (cached_misses_ < kMaxCachedMisses) {
      cache_.emplace(key, nullptr);
      ++cached_misses_;
    }
    return nullptr;
  }
  return cache_.emplace(key, std::move(zone)).first->second.get();
}

std::unique_ptr<TimeZone> ZoneinfoDirectory::Load(const std::string& name) const {
  const std::filesystem::path path = std::filesystem::path(directory_) / name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error) || error) return nullptr;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxFileBytes) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(in.gcount()) != bytes.size()) return nullptr;
  Result<TimeZone> zone = TimeZone::FromTzif(name, bytes);
  if (!zone) return nullptr;
  return std::make_unique<TimeZone>(std::move(zone).value());
}

}  // namespace slotwise
