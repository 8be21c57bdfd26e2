// display_secrets_test.cpp — the pairing code and the device token (displays/display_secrets.h).
#include <doctest/doctest.h>

#include <set>

#include "displays/display_secrets.h"

using namespace slotwise::displays;

TEST_CASE("a pairing code is 8 characters of the unambiguous alphabet, different each time") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewPairingCode();
    REQUIRE(code.size() == kPairingCodeLength);
    for (char ch : code) CHECK(kCodeAlphabet.find(ch) != std::string_view::npos);
    CHECK(code.find_first_of("ILOU") == std::string::npos);
    seen.insert(code);
  }
  CHECK(seen.size() == 200);
  CHECK(ShownPairingCode("ABCD2345") == "ABCD-2345");
}

TEST_CASE("what a person types is read the forgiving way, and only that") {
  CHECK(NormalisePairingCode("abcd-2345") == std::optional<std::string>("ABCD2345"));
  CHECK(NormalisePairingCode(" AB CD 23 45 ") == std::optional<std::string>("ABCD2345"));
  CHECK(NormalisePairingCode("OIL0-ABCD") == std::optional<std::string>("0110ABCD"));  // O → 0, I and L → 1
  CHECK_FALSE(NormalisePairingCode("ABCD234").has_value());     // too short
  CHECK_FALSE(NormalisePairingCode("ABCD23456").has_value());   // too long
  CHECK_FALSE(NormalisePairingCode("ABCD-234U").has_value());   // U is not in the alphabet
  CHECK_FALSE(NormalisePairingCode("ABCD;2345").has_value());
  CHECK_FALSE(NormalisePairingCode("").has_value());
  // A shown code reads back as itself.
  const std::string code = NewPairingCode();
  CHECK(NormalisePairingCode(ShownPairingCode(code)) == std::optional<std::string>(code));
}

TEST_CASE("a device token carries its prefix and 256 random bits; only its hash is kept") {
  const std::string token = NewDeviceToken();
  CHECK(token.rfind("swd_", 0) == 0);
  CHECK(LooksLikeDeviceToken(token));
  CHECK(token != NewDeviceToken());
  CHECK_FALSE(LooksLikeDeviceToken("swp_" + token.substr(4)));
  CHECK_FALSE(LooksLikeDeviceToken(token.substr(0, token.size() - 1)));
  CHECK_FALSE(LooksLikeDeviceToken(token.substr(0, token.size() - 1) + "!"));
  CHECK(SecretHash(token).size() == 64);
  CHECK(SecretHash(token) != SecretHash(NewDeviceToken()));
  CHECK(SecretHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
