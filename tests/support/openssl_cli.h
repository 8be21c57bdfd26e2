// openssl_cli.h — test helper: digests, HMACs and base64 computed by the `openssl` command-line tool, an
// implementation independent of the code under test (which uses the OpenSSL library through slotwise::crypto).
//
// Contract: the data travels through a file in a TempDir, so any bytes are safe. Digests answer lowercase hex; a text
// HMAC key must not contain a single quote. Any failure of the tool (missing, wrong output) fails the test.
#pragma once

#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "support/command.h"
#include "support/temp_dir.h"

namespace slotwise::testing {

// The hex digest `openssl dgst -sha256 <options>` prints for `data`.
inline std::string OpensslDigestHex(const std::string& options, std::string_view data) {
  const TempDir dir("slotwise-openssl");
  const std::string input = dir.Write("input", std::string(data));
  const CommandResult printed = RunCommand("openssl dgst -sha256 " + options + " < '" + input + "' 2>/dev/null");
  // "SHA2-256(stdin)= <hex>\n" (the label differs between OpenSSL versions; the hex is the last word).
  std::string output = printed.output;
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

// The bytes `openssl base64 -d` decodes from `encoded`; line breaks in `encoded` are ignored.
inline std::string OpensslBase64Decode(std::string_view encoded) {
  std::string single_line;
  for (char ch : encoded) {
    if (ch != '\r' && ch != '\n') single_line += ch;
  }
  const TempDir dir("slotwise-openssl");
  const std::string input = dir.Write("input", single_line + "\n");
  const CommandResult decoded = RunCommand("openssl base64 -d -A < '" + input + "' 2>/dev/null");
  REQUIRE_MESSAGE(decoded.exit_code == 0, "openssl base64 -d failed for: " << single_line.substr(0, 80));
  return decoded.output;
}

}  // namespace slotwise::testing
