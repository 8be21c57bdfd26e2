// openssl_base64.h — test helper: base64 decoded by the `openssl` command-line tool, an implementation independent
// of the code under test (which encodes with slotwise::crypto). Line breaks in the input are ignored.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace slotwise::mail::test {

inline std::string OpensslBase64Decode(std::string_view encoded) {
  std::string single_line;
  for (char ch : encoded) {
    if (ch != '\r' && ch != '\n') single_line += ch;
  }
  char path[] = "/tmp/mail_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path, std::ios::binary) << single_line << "\n";
  const std::string command = std::string("openssl base64 -d -A < ") + path + " 2>/dev/null";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
  const int status = pclose(pipe);
  std::remove(path);
  REQUIRE_MESSAGE(status == 0, "openssl base64 -d failed for: " << single_line.substr(0, 80));
  return output;
}

}  // namespace slotwise::mail::test
