// openssl_cli.h — test helper: SHA-256 and HMAC-SHA256 computed by the `openssl` command-line tool, an
// implementation independent of the code under test. Data travels through a temporary file, so any bytes are safe;
// a text key must not contain a single quote.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include <doctest/doctest.h>

namespace slotwise::auth::test {

// Lowercase hex digest printed by `openssl dgst -sha256 <options>` for `data`.
inline std::string OpensslDigestHex(const std::string& options, std::string_view data) {
  char path[] = "/tmp/auth_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  {
    std::ofstream file(path, std::ios::binary);
    file.write(data.data(), static_cast<std::streamsize>(data.size()));
  }
  const std::string command = "openssl dgst -sha256 " + options + " < " + path + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    pclose(pipe);
  }
  std::remove(path);
  // "SHA2-256(stdin)= <hex>\n" (the label differs between OpenSSL versions; the hex is the last word).
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  const auto space = output.rfind(' ');
  std::string hex = space == std::string::npos ? std::string() : output.substr(space + 1);
  REQUIRE_MESSAGE(hex.size() == 64, "openssl printed: " << output);
  return hex;
}

inline std::string OpensslSha256Hex(std::string_view data) { return OpensslDigestHex("", data); }

// HMAC-SHA256 with a text key (no single quote).
inline std::string OpensslHmacSha256Hex(std::string_view key, std::string_view data) {
  REQUIRE(key.find('\'') == std::string_view::npos);
  return OpensslDigestHex("-hmac '" + std::string(key) + "'", data);
}

// HMAC-SHA256 with a binary key given as hex.
inline std::string OpensslHmacSha256HexKey(std::string_view key_hex, std::string_view data) {
  return OpensslDigestHex("-mac HMAC -macopt hexkey:" + std::string(key_hex), data);
}

}  // namespace slotwise::auth::test
