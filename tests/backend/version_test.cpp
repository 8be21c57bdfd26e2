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
  // Version and flavour are the test binary's own (same build); the commit may differ when only one of the two
  // binaries was rebuilt since the last commit.
  const std::string build = std::string(CurrentBuild().version) + " (commit ";
  CHECK(result.output.rfind("slotwise " + build, 0) == 0);
  CHECK(result.output.find(", " + std::string(CurrentBuild().flavour) + ")\n") != std::string::npos);

  // The commit named is the checkout's HEAD or one of its ancestors (a commit made after the build), never a
  // commit the checkout does not have.
  const std::smatch match = [&] {
    std::smatch found;
    std::regex_search(result.output, found, std::regex("commit ([0-9a-f]{12})"));
    return found;
  }();
  const testing::CommandResult git = testing::RunCommand("git -C '" + std::string(SLOTWISE_SOURCE_DIR) +
                                                         "' rev-parse --verify HEAD >/dev/null 2>&1");
  if (git.exit_code == 0 && !match.empty()) {
    const testing::CommandResult ancestor =
        testing::RunCommand("git -C '" + std::string(SLOTWISE_SOURCE_DIR) + "' merge-base --is-ancestor " +
                            match[1].str() + " HEAD 2>&1");
    CHECK_MESSAGE(ancestor.exit_code == 0, "built from " << match[1].str() << ", not in HEAD's history");
  }
#if defined(__SANITIZE_ADDRESS__)
  CHECK(CurrentBuild().flavour == "asan+ubsan");
#elif defined(NDEBUG)
  CHECK(CurrentBuild().flavour != "debug");
#endif
}
