// Tests for `slotwise --version` (backend/app/build_info.h): the binary names its version, the commit it was built
// from and its flavour.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "app/build_info.h"
#include "support/command.h"

using namespace slotwise;

TEST_CASE("slotwise --version names the version, the commit built and the flavour, and exits 0") {
  const testing::CommandResult result = testing::RunCommand(std::string(SLOTWISE_CLI_PATH) + " --version 2>&1");
  CHECK(result.exit_code == 0);
  const std::regex line(R"(slotwise \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown), [a-z+]+\)\n)");
  CHECK_MESSAGE(std::regex_match(result.output, line), result.output);
  CHECK(result.output == VersionLine() + "\n");  // the test binary was built in the same build

  // The commit is the checkout's HEAD (a dirty tree or a build between commits is allowed to say "-dirty").
  const testing::CommandResult head =
      testing::RunCommand("git -C '" + std::string(SLOTWISE_SOURCE_DIR) + "' rev-parse --short=12 HEAD 2>/dev/null");
  if (head.exit_code == 0 && head.output.size() >= 12) {
    CHECK_MESSAGE(std::string(CurrentBuild().commit).substr(0, 12) == head.output.substr(0, 12),
                  "built from " << CurrentBuild().commit << ", HEAD is " << head.output);
  }
#if defined(__SANITIZE_ADDRESS__)
  CHECK(CurrentBuild().flavour == "asan+ubsan");
#elif defined(NDEBUG)
  CHECK(CurrentBuild().flavour != "debug");
#endif
}
