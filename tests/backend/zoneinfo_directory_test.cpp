// Tests for backend/zoneinfo_directory.h: lazy loading, caching, path-traversal rejection, UTC fallback, threads.
#include "zoneinfo/zoneinfo_directory.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace slotwise {
namespace {

namespace fs = std::filesystem;

constexpr Instant kJuly2026 = 1782864000;  // 2026-07-01T00:00:00Z

// A scratch directory: <tmp>/zones/{Europe/Berlin, Broken, Folder/} and, outside the zone folder, <tmp>/secret (a
// valid TZif file that traversal names must not reach). Removed on destruction.
class ScratchZoneinfo {
 public:
  ScratchZoneinfo() : dir_("slotwise-zoneinfo"), root_(dir_.path()) {
    fs::create_directories(root_ / "zones" / "Europe");
    fs::create_directories(root_ / "zones" / "Folder");
    fs::copy_file("/usr/share/zoneinfo/Europe/Berlin", root_ / "zones" / "Europe" / "Berlin");
    fs::copy_file("/usr/share/zoneinfo/Europe/Berlin", root_ / "secret");
    std::ofstream(root_ / "zones" / "Broken") << "TZif2 but not really";
  }

  std::string root() const { return root_.string(); }
  std::string zones() const { return (root_ / "zones").string(); }

 private:
  testing::TempDir dir_;
  fs::path root_;
};

}  // namespace

TEST_CASE("ZoneinfoDirectory: loads lazily and caches the same pointer") {
  const ScratchZoneinfo scratch;
  ZoneinfoDirectory source(scratch.zones());
  const TimeZone* berlin = source.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  CHECK(berlin->name() == "Europe/Berlin");
  CHECK(berlin->OffsetAt(kJuly2026) == 7200);
  CHECK(source.Find("Europe/Berlin") == berlin);
  fs::remove(fs::path(scratch.zones()) / "Europe" / "Berlin");
  CHECK(source.Find("Europe/Berlin") == berlin);  // served from the cache, not the disk
}

TEST_CASE("ZoneinfoDirectory: rejects traversal and unknown names") {
  const ScratchZoneinfo scratch;
  ZoneinfoDirectory source(scratch.zones());
  for (const char* name : {"../secret", "Europe/../../secret", "./../secret", "Europe//Berlin", "Europe/Berlin/",
                           "/etc/passwd", "", ".", ".."}) {
    CHECK_MESSAGE(source.Find(name) == nullptr, name);
  }
  const std::string absolute = scratch.root() + "/secret";
  CHECK(source.Find(absolute) == nullptr);
  CHECK(ZoneinfoDirectory(scratch.root()).Find("secret") != nullptr);  // the file itself is a valid zone
  CHECK(source.Find("Nowhere/Zone") == nullptr);
  CHECK(source.Find("Nowhere/Zone") == nullptr);  // cached miss
  CHECK(source.Find("Broken") == nullptr);        // not valid TZif
  CHECK(source.Find("Folder") == nullptr);        // a directory
  CHECK(source.Find("Europe") == nullptr);
}

TEST_CASE("ZoneinfoDirectory: UTC resolves without a file") {
  const ScratchZoneinfo scratch;
  ZoneinfoDirectory source(scratch.zones());
  const TimeZone* utc = source.Find("UTC");
  REQUIRE(utc != nullptr);
  CHECK(utc->OffsetAt(kJuly2026) == 0);
  CHECK(source.Find("UTC") == utc);
  ZoneinfoDirectory missing(scratch.root() + "/does-not-exist");
  CHECK(missing.Find("UTC") != nullptr);
  CHECK(missing.Find("Europe/Berlin") == nullptr);
}

TEST_CASE("ZoneinfoDirectory: the system directory by default") {
  ZoneinfoDirectory source;
  CHECK(source.directory() == "/usr/share/zoneinfo");
  const TimeZone* new_york = source.Find("America/New_York");
  REQUIRE(new_york != nullptr);
  CHECK(new_york->OffsetAt(kJuly2026) == -4 * 3600);
  CHECK(source.Find("UTC") != nullptr);
}

TEST_CASE("ZoneinfoDirectory: concurrent Find returns one pointer per name") {
  ZoneinfoDirectory source;
  const std::vector<std::string> names = {"Europe/Berlin", "Asia/Tokyo", "America/Santiago", "UTC", "No/Such"};
  std::vector<std::vector<const TimeZone*>> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&source, &names, &result = seen[i]] {
      for (int round = 0; round < 50; ++round) {
        for (const std::string& name : names) result.push_back(source.Find(name));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& result : seen) CHECK(result == seen[0]);
  CHECK(seen[0][0] != nullptr);
  CHECK(seen[0][4] == nullptr);
}

}  // namespace slotwise
