// build_info.cpp — see build_info.h (CurrentBuild itself is generated: cmake/build_info_write.cmake).
#include "app/build_info.h"

namespace slotwise {

std::string VersionLine() {
  const BuildInfo& build = CurrentBuild();
  return "slotwise " + std::string(build.version) + " (commit " + std::string(build.commit) + ", " +
         std::string(build.flavour) + ")";
}

}  // namespace slotwise
