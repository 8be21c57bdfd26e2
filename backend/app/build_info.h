// build_info.h — what this binary is: its version, the commit it was built from and its build flavour, as
// `slotwise --version` prints them. Defined in a file generated at build time (cmake/SlotwiseBuildInfo.cmake).
//
// Contract: version is the project's VERSION ("0.1.0"); commit is 12 hexadecimal digits, with "-dirty" when the
// checkout had uncommitted changes to tracked files, or "unknown" outside a git checkout; flavour is "release",
// "debug", "asan+ubsan", "fuzz" or the lower-case CMake build type. Constant for the life of the process; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace slotwise {

struct BuildInfo {
  std::string_view version;
  std::string_view commit;
  std::string_view flavour;
};

const BuildInfo& CurrentBuild();

// "slotwise 0.1.0 (commit 0123456789ab, release)"
std::string VersionLine();

}  // namespace slotwise
