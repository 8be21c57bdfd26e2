// openssl_cli.h — test helper: HMAC-SHA256 computed by the `openssl` command-line tool, an implementation independent
// of the code under test. The data travels through a temporary file, so any bytes are safe; the key must not contain
// a single quote.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include <doctest/doctest.h>

namespace slotwise::webhooks::test {

// Lowercase hex HMAC-SHA256(key, data) as printed by `openssl dgst -sha256 -hmac key`; "" on failure.
inline std::string OpensslHmacSha256Hex(std::string_view key, std::string_view data) {
  REQUIRE(key.find('\'') == std::string_view::npos);
  char path[] = "/tmp/webhooks_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  {
    std::ofstream file(path, std::ios::binary);
    file.write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  const std::string command = "openssl dgst -sha256 -hmac '" + std::string(key) + "' < " + path + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    pclose(pipe);
  }
  std::remove(path);
  // "HMAC-SHA2-256(stdin)= <hex>\n" (the label differs between OpenSSL versions; the hex is the last word).
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  const auto space = output.rfind(' ');
  std::string hex = space == std::string::npos ? std::string() : output.substr(space + 1);
  REQUIRE_MESSAGE(hex.size() == 64, "openssl printed: " << output);
  return hex;
}

}  // namespace slotwise::webhooks::test
