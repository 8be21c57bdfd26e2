// command.h — test helper: runs a shell command (for independent command-line tools such as `openssl`) and captures
// what it prints.
//
// Contract: RunCommand runs `command` with /bin/sh through popen and answers its exit code (-1 when it could not run
// or did not exit normally) and its standard output, byte for byte (standard error only when the command redirects
// it). Blocks until the command ends.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace slotwise::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace slotwise::testing
