// Tests for backend/crypto/crypto_primitives: published test vectors (FIPS 180-2, RFC 4231, RFC 4648).
#include <doctest/doctest.h>

#include "crypto/crypto_primitives.h"

using namespace slotwise::crypto;

TEST_CASE("Crypto: SHA-256 of 'abc' matches FIPS 180-2") {
  CHECK(HexEncode(Sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Crypto: HMAC-SHA256 matches RFC 4231 test case 2") {
  CHECK(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("Crypto: base64 and base64url follow RFC 4648 vectors") {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* padded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(Base64Encode(plain[i]) == padded[i]);
    CHECK(Base64Decode(padded[i]).value() == plain[i]);
  }
  CHECK(Base64UrlEncode("\xfb\xff") == "-_8");
  CHECK(Base64UrlDecode("-_8").value() == "\xfb\xff");
  CHECK_FALSE(Base64UrlDecode("a+b/").has_value());
  CHECK_FALSE(Base64Decode("Z").has_value());
}

TEST_CASE("Crypto: hex round trip and malformed hex") {
  CHECK(HexDecode("00ff10").value() == std::string("\x00\xff\x10", 3));
  CHECK_FALSE(HexDecode("0g").has_value());
  CHECK_FALSE(HexDecode("abc").has_value());
}

TEST_CASE("Crypto: constant-time comparison and random tokens") {
  CHECK(ConstantTimeEquals("secret", "secret"));
  CHECK_FALSE(ConstantTimeEquals("secret", "secreT"));
  CHECK_FALSE(ConstantTimeEquals("secret", "secret!"));
  const std::string a = RandomToken(), b = RandomToken();
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(Base64UrlDecode(a).value().size() == 32);
}
