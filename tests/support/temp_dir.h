// temp_dir.h — test helper: a fresh folder for a test's files and databases, and whole-file reads and writes.
//
// Contract: TempDir makes a new folder under the system's temporary directory ($TMPDIR, else /tmp) named
// "<prefix>-XXXXXX" (mkdtemp: unique, also across processes) and removes it with everything in it when destroyed;
// failing to make it fails the test. WriteFile fails the test when the file cannot be written; ReadFile answers ""
// for a file that cannot be read. Not thread-safe per object.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include <doctest/doctest.h>

namespace slotwise::testing {

inline void WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
  REQUIRE_MESSAGE(out.good(), "cannot write " << path.string());
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "slotwise-test") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    const char* made = mkdtemp(pattern.data());
    REQUIRE_MESSAGE(made != nullptr, "mkdtemp failed for " << pattern);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` inside the folder (nothing is created).
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  // Writes `contents` to `name` inside the folder; answers its path.
  std::string Write(const std::string& name, const std::string& contents) const {
    const std::string file = File(name);
    WriteFile(file, contents);
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace slotwise::testing
