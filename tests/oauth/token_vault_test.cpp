// Tests for backend/crypto/token_vault: AES-256-GCM sealing, tamper detection, keyring parsing and rotation.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "crypto/token_vault.h"
#include "support/temp_dir.h"

using slotwise::crypto::Base64Encode;
using slotwise::crypto::Base64UrlDecode;
using slotwise::crypto::Base64UrlEncode;
using slotwise::crypto::Keyring;
using slotwise::crypto::TokenVault;

namespace {

// Fixed, recognisable test keys (32 bytes each).
const std::string kKey1 = Base64Encode(std::string(32, '\x11'));
const std::string kKey2 = Base64Encode(std::string(32, '\x22'));
constexpr std::string_view kAad = "tenant=t1;user=u1;provider=google";

TokenVault Vault(const std::string& spec) {
  auto ring = Keyring::Parse(spec);
  REQUIRE_MESSAGE(ring.ok(), ring.error().message);
  return TokenVault(std::move(ring).value());
}

// Splits "v1.kid.nonce.body" into its four parts.
std::vector<std::string> Parts(const std::string& sealed) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = sealed.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(sealed.substr(start, dot - start));
  }
  parts.push_back(sealed.substr(start));
  return parts;
}

std::string FlipBit(const std::string& base64url, std::size_t byte) {
  std::string raw = Base64UrlDecode(base64url).value();
  raw[byte] = static_cast<char>(raw[byte] ^ 0x01);
  return Base64UrlEncode(raw);
}

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (value == nullptr)
      unsetenv(name);
    else
      setenv(name, value, 1);
  }
  ~ScopedEnv() { unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

}  // namespace

TEST_CASE("TokenVault: seal then open returns the plaintext; the format is v1.kid.nonce.ciphertext") {
  const TokenVault vault = Vault("k1:" + kKey1);
  const std::string sealed = vault.Seal("ya29.refresh-token", kAad);
  const auto parts = Parts(sealed);
  REQUIRE(parts.size() == 4);
  CHECK(parts[0] == "v1");
  CHECK(parts[1] == "k1");
  CHECK(Base64UrlDecode(parts[2]).value().size() == 12);
  CHECK(Base64UrlDecode(parts[3]).value().size() == std::string("ya29.refresh-token").size() + 16);
  CHECK(sealed.find("refresh") == std::string::npos);
  const auto opened = vault.Open(sealed, kAad);
  REQUIRE_MESSAGE(opened.ok(), opened.error().message);
  CHECK(*opened == "ya29.refresh-token");
  // Empty and binary plaintexts survive too.
  CHECK(vault.Open(vault.Seal("", kAad), kAad).value().empty());
  const std::string binary("\x00\xff\x01zz", 5);
  CHECK(vault.Open(vault.Seal(binary, ""), "").value() == binary);
}

TEST_CASE("TokenVault: the same key decrypts what OpenSSL's AES-256-GCM would (independent vector)") {
  // NIST GCM test case 14 (McGrew & Viega): K = 0^32, IV = 0^12, P = 0^16 → C = cea7403d4d606b6e074ec5d3baf39d18,
  // T = d0d1c8a799996bf0265b98b5d48ab919. Build the sealed value by hand and open it.
  const std::string key = Base64Encode(std::string(32, '\0'));
  const TokenVault vault = Vault("nist:" + key);
  const std::string body = slotwise::crypto::HexDecode(
                               "cea7403d4d606b6e074ec5d3baf39d18"
                               "d0d1c8a799996bf0265b98b5d48ab919")
                               .value();
  const std::string sealed = "v1.nist." + Base64UrlEncode(std::string(12, '\0')) + "." + Base64UrlEncode(body);
  const auto opened = vault.Open(sealed, "");
  REQUIRE_MESSAGE(opened.ok(), opened.error().message);
  CHECK(*opened == std::string(16, '\0'));
  CHECK(vault.Open(sealed, "x").error().code == "decrypt_failed");
}

TEST_CASE("TokenVault: wrong associated data or a flipped bit anywhere fails with decrypt_failed") {
  const TokenVault vault = Vault("k1:" + kKey1);
  const std::string sealed = vault.Seal("secret-token-value", kAad);
  CHECK(vault.Open(sealed, "tenant=t1;user=u2;provider=google").error().code == "decrypt_failed");
  CHECK(vault.Open(sealed, "").error().code == "decrypt_failed");

  const auto parts = Parts(sealed);
  const std::string flipped_nonce = "v1.k1." + FlipBit(parts[2], 0) + "." + parts[3];
  CHECK(vault.Open(flipped_nonce, kAad).error().code == "decrypt_failed");
  const std::string flipped_ciphertext = "v1.k1." + parts[2] + "." + FlipBit(parts[3], 3);
  CHECK(vault.Open(flipped_ciphertext, kAad).error().code == "decrypt_failed");
  const std::size_t last = Base64UrlDecode(parts[3]).value().size() - 1;
  const std::string flipped_tag = "v1.k1." + parts[2] + "." + FlipBit(parts[3], last);
  CHECK(vault.Open(flipped_tag, kAad).error().code == "decrypt_failed");
  // The same kid with different key material (a wrong key) fails too.
  CHECK(Vault("k1:" + kKey2).Open(sealed, kAad).error().code == "decrypt_failed");
}

TEST_CASE("TokenVault: malformed values fail with invalid_sealed_value, unknown kids with unknown_key") {
  const TokenVault vault = Vault("k1:" + kKey1);
  const std::string sealed = vault.Seal("x", kAad);
  const auto parts = Parts(sealed);
  CHECK(vault.Open("", kAad).error().code == "invalid_sealed_value");
  CHECK(vault.Open("v2.k1." + parts[2] + "." + parts[3], kAad).error().code == "invalid_sealed_value");
  CHECK(vault.Open("v1.k1." + parts[2], kAad).error().code == "invalid_sealed_value");
  CHECK(vault.Open(sealed + ".extra", kAad).error().code == "invalid_sealed_value");
  CHECK(vault.Open("v1.k1.AAAA." + parts[3], kAad).error().code == "invalid_sealed_value");       // short nonce
  CHECK(vault.Open("v1.k1." + parts[2] + ".AAAA", kAad).error().code == "invalid_sealed_value");  // shorter than a tag
  CHECK(vault.Open("v1.k1." + parts[2] + ".*", kAad).error().code == "invalid_sealed_value");
  CHECK(vault.Open("v1.other." + parts[2] + "." + parts[3], kAad).error().code == "unknown_key");
}

TEST_CASE("TokenVault: two seals of the same plaintext differ") {
  const TokenVault vault = Vault("k1:" + kKey1);
  const std::string a = vault.Seal("same", kAad);
  const std::string b = vault.Seal("same", kAad);
  CHECK(a != b);
  CHECK(Parts(a)[2] != Parts(b)[2]);  // fresh nonce
  CHECK(vault.Open(a, kAad).value() == vault.Open(b, kAad).value());
}

TEST_CASE("TokenVault: rotation — the first key seals, older keys still open, NeedsRotation and Reseal") {
  const std::string under_k1 = Vault("kid1:" + kKey1).Seal("refresh-1", kAad);
  const TokenVault rotated = Vault("kid2:" + kKey2 + ",kid1:" + kKey1);
  CHECK(rotated.NeedsRotation(under_k1));
  CHECK(rotated.Open(under_k1, kAad).value() == "refresh-1");

  const auto resealed = rotated.Reseal(under_k1, kAad);
  REQUIRE(resealed.ok());
  CHECK(Parts(*resealed)[1] == "kid2");
  CHECK_FALSE(rotated.NeedsRotation(*resealed));
  CHECK(rotated.Open(*resealed, kAad).value() == "refresh-1");
  CHECK(rotated.Seal("new", kAad).rfind("v1.kid2.", 0) == 0);
  // Once kid1 is retired, the old value no longer opens but the re-sealed one does.
  const TokenVault retired = Vault("kid2:" + kKey2);
  CHECK(retired.Open(under_k1, kAad).error().code == "unknown_key");
  CHECK(retired.Open(*resealed, kAad).value() == "refresh-1");
  CHECK(rotated.Reseal(under_k1, "other aad").error().code == "decrypt_failed");
  CHECK_FALSE(rotated.NeedsRotation("garbage"));
}

TEST_CASE("TokenVault: keyring parsing accepts lists and files, refuses bad entries without echoing keys") {
  SUBCASE("comma and newline separated, comments and blanks skipped, first entry active") {
    const auto ring = Keyring::Parse("# current\n a : " + kKey1 + " \n\n b:" + kKey2 + ",\n");
    REQUIRE_MESSAGE(ring.ok(), ring.error().message);
    CHECK(ring->active_kid() == "a");
    REQUIRE(ring->Key("b") != nullptr);
    CHECK(*ring->Key("b") == std::string(32, '\x22'));
    CHECK(ring->Key("c") == nullptr);
  }
  SUBCASE("errors name the entry and never contain the key") {
    const std::string short_key = Base64Encode(std::string(16, '\x33'));
    const auto too_short = Keyring::Parse("a:" + kKey1 + ",b:" + short_key);
    REQUIRE_FALSE(too_short.ok());
    CHECK(too_short.error().code == "invalid_keyring");
    CHECK(too_short.error().message.find("entry 2") != std::string::npos);
    CHECK(too_short.error().message.find("\"b\"") != std::string::npos);
    CHECK(too_short.error().message.find(short_key) == std::string::npos);

    const auto duplicate = Keyring::Parse("a:" + kKey1 + ",a:" + kKey2);
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().message.find("duplicate") != std::string::npos);
    CHECK(duplicate.error().message.find(kKey2) == std::string::npos);

    const auto bare = Keyring::Parse(kKey1);  // forgot the kid: the message must not echo the key
    REQUIRE_FALSE(bare.ok());
    CHECK(bare.error().message.find(kKey1) == std::string::npos);
    CHECK(bare.error().message.find(kKey1.substr(0, 8)) == std::string::npos);

    CHECK(Keyring::Parse("a:not*base64").error().code == "invalid_keyring");
    CHECK(Keyring::Parse("bad.kid:" + kKey1).error().code == "invalid_keyring");
    CHECK(Keyring::Parse(":" + kKey1).error().code == "invalid_keyring");
    CHECK(Keyring::Parse("").error().code == "invalid_keyring");
    CHECK(Keyring::Parse("# only a comment\n").error().code == "invalid_keyring");
  }
  SUBCASE("NewKeySpec makes a parsable, random 32-byte key") {
    const std::string spec = Keyring::NewKeySpec("fresh");
    const auto ring = Keyring::Parse(spec);
    REQUIRE(ring.ok());
    CHECK(ring->Key("fresh")->size() == 32);
    CHECK(Keyring::NewKeySpec("fresh") != spec);
  }
  SUBCASE("FromEnvironment prefers SLOTWISE_TOKEN_KEYS, then the key file") {
    slotwise::testing::TempDir dir;
    slotwise::testing::WriteFile(dir.File("keys"), "# rotated 2025-01\nfile2:" + kKey2 + "\nfile1:" + kKey1 + "\n");
    {
      ScopedEnv keys("SLOTWISE_TOKEN_KEYS", ("env:" + kKey1).c_str());
      ScopedEnv file("SLOTWISE_TOKEN_KEY_FILE", dir.File("keys").c_str());
      CHECK(Keyring::FromEnvironment().value().active_kid() == "env");
    }
    {
      ScopedEnv keys("SLOTWISE_TOKEN_KEYS", nullptr);
      ScopedEnv file("SLOTWISE_TOKEN_KEY_FILE", dir.File("keys").c_str());
      const auto ring = Keyring::FromEnvironment();
      REQUIRE_MESSAGE(ring.ok(), ring.error().message);
      CHECK(ring->active_kid() == "file2");
      CHECK(ring->Key("file1") != nullptr);
    }
    {
      ScopedEnv keys("SLOTWISE_TOKEN_KEYS", nullptr);
      ScopedEnv file("SLOTWISE_TOKEN_KEY_FILE", dir.File("missing").c_str());
      CHECK(Keyring::FromEnvironment().error().code == "keyring_unreadable");
    }
    {
      ScopedEnv keys("SLOTWISE_TOKEN_KEYS", "x:short");
      ScopedEnv file("SLOTWISE_TOKEN_KEY_FILE", nullptr);
      const auto bad = Keyring::FromEnvironment();
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().message.find("SLOTWISE_TOKEN_KEYS") != std::string::npos);
    }
    ScopedEnv keys("SLOTWISE_TOKEN_KEYS", nullptr);
    ScopedEnv file("SLOTWISE_TOKEN_KEY_FILE", nullptr);
    CHECK(Keyring::FromEnvironment().error().code == "no_token_keys");
  }
}
