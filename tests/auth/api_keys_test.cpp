// Tests for backend/auth/api_keys. SHA-256 expectations come from the `openssl` command-line tool.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "auth/api_keys.h"
#include "crypto/crypto_primitives.h"
#include "support/error_code.h"
#include "support/openssl_cli.h"

using namespace slotwise::auth;
using slotwise::testing::ErrorCode;
using slotwise::testing::OpensslSha256Hex;

namespace {

// A well-formed key with chosen parts (the secret is 43 'A's = 32 zero bytes).
const std::string kKnownKey = "swk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

}  // namespace

TEST_CASE("ApiKeys: a generated key has the documented shape and its hash is openssl's SHA-256") {
  const GeneratedApiKey key = GenerateApiKey();
  CHECK(key.key_id.size() == 16);
  CHECK(key.key_id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(key.plaintext.size() == kApiKeyChars);
  CHECK(key.plaintext.starts_with("swk_" + key.key_id + "_"));
  const auto secret = slotwise::crypto::Base64UrlDecode(key.plaintext.substr(21));
  REQUIRE(secret.has_value());
  CHECK(secret->size() == 32);
  CHECK(key.secret_hash == OpensslSha256Hex(key.plaintext));
  CHECK(HashApiKey(kKnownKey) == OpensslSha256Hex(kKnownKey));
}

TEST_CASE("ApiKeys: generated keys differ") {
  std::set<std::string> ids;
  std::set<std::string> plaintexts;
  for (int i = 0; i < 50; ++i) {
    const GeneratedApiKey key = GenerateApiKey();
    ids.insert(key.key_id);
    plaintexts.insert(key.plaintext);
  }
  CHECK(ids.size() == 50);
  CHECK(plaintexts.size() == 50);
}

TEST_CASE("ApiKeys: ParseApiKey returns the key id of well-formed keys") {
  CHECK(ParseApiKey(kKnownKey).value() == "0123456789abcdef");
  const GeneratedApiKey key = GenerateApiKey();
  const auto parsed = ParseApiKey(key.plaintext);
  REQUIRE(parsed);
  CHECK(parsed.value() == key.key_id);
  // A secret that itself contains '_' and '-' (base64url) still parses: the key id has a fixed length.
  const std::string underscores = "swk_0123456789abcdef_A_-_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  REQUIRE(underscores.size() == kApiKeyChars);
  CHECK(ParseApiKey(underscores).value() == "0123456789abcdef");
}

TEST_CASE("ApiKeys: ParseApiKey refuses malformed keys with invalid_api_key") {
  const std::string secret = kKnownKey.substr(21);
  CHECK(ErrorCode(ParseApiKey("")) == "invalid_api_key");
  CHECK(ErrorCode(ParseApiKey("swk_")) == "invalid_api_key");
  CHECK(ErrorCode(ParseApiKey("swx_0123456789abcdef_" + secret)) == "invalid_api_key");           // prefix
  CHECK(ErrorCode(ParseApiKey("SWK_0123456789abcdef_" + secret)) == "invalid_api_key");           // prefix case
  CHECK(ErrorCode(ParseApiKey("swk_0123456789ABCDEF_" + secret)) == "invalid_api_key");           // uppercase id
  CHECK(ErrorCode(ParseApiKey("swk_0123456789abcdeg_" + secret)) == "invalid_api_key");           // non-hex id
  CHECK(ErrorCode(ParseApiKey("swk_0123456789abcdef-" + secret)) == "invalid_api_key");           // separator
  CHECK(ErrorCode(ParseApiKey("swk_0123456789abcde_" + secret + "A")) == "invalid_api_key");      // short id
  CHECK(ErrorCode(ParseApiKey(kKnownKey.substr(0, kKnownKey.size() - 1))) == "invalid_api_key");  // truncated
  CHECK(ErrorCode(ParseApiKey(kKnownKey + "A")) == "invalid_api_key");                            // too long
  CHECK(ErrorCode(ParseApiKey(kKnownKey.substr(0, 63) + "=")) == "invalid_api_key");              // padding
  CHECK(ErrorCode(ParseApiKey(kKnownKey.substr(0, 63) + "+")) == "invalid_api_key");              // standard base64
  CHECK(ErrorCode(ParseApiKey(kKnownKey.substr(0, 63) + "B")) == "invalid_api_key");              // non-canonical tail
  CHECK(ErrorCode(ParseApiKey(" " + kKnownKey.substr(1))) == "invalid_api_key");
}

TEST_CASE("ApiKeys: VerifyApiKey accepts the key its hash was made from and nothing else") {
  const GeneratedApiKey key = GenerateApiKey();
  CHECK(VerifyApiKey(key.plaintext, key.secret_hash));
  CHECK(VerifyApiKey(key.plaintext, OpensslSha256Hex(key.plaintext)));
  std::string upper = key.secret_hash;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(VerifyApiKey(key.plaintext, upper));  // hex of either case

  std::string other = key.plaintext;
  other.back() = other.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(VerifyApiKey(other, key.secret_hash));
  CHECK_FALSE(VerifyApiKey(key.plaintext + " ", key.secret_hash));
  CHECK_FALSE(VerifyApiKey(key.plaintext, GenerateApiKey().secret_hash));
  CHECK_FALSE(VerifyApiKey(key.plaintext, key.secret_hash.substr(0, 63)));
  CHECK_FALSE(VerifyApiKey(key.plaintext, ""));
  CHECK_FALSE(VerifyApiKey("", key.secret_hash));
}

TEST_CASE("ApiKeys: BearerToken extracts the credentials of a Bearer header") {
  CHECK(BearerToken("Bearer " + kKnownKey) == kKnownKey);
  CHECK(BearerToken("bearer abc") == "abc");
  CHECK(BearerToken("BEARER abc") == "abc");
  CHECK(BearerToken("BeArEr abc.def-ghi_jkl~m+n/o==") == "abc.def-ghi_jkl~m+n/o==");
  CHECK(BearerToken("  Bearer abc \t") == "abc");  // surrounding white space of the value
  CHECK(BearerToken("Bearer swt1.k1.eyJhIjoxfQ.c2ln") == "swt1.k1.eyJhIjoxfQ.c2ln");
}

TEST_CASE("ApiKeys: BearerToken refuses other schemes and malformed tokens") {
  CHECK_FALSE(BearerToken(""));
  CHECK_FALSE(BearerToken("Bearer"));
  CHECK_FALSE(BearerToken("Bearer "));
  CHECK_FALSE(BearerToken("Bearer  abc"));   // two spaces
  CHECK_FALSE(BearerToken("Bearer\tabc"));   // tab instead of the space
  CHECK_FALSE(BearerToken("Bearerabc"));
  CHECK_FALSE(BearerToken("Basic YWJjOmRlZg=="));
  CHECK_FALSE(BearerToken("Token abc"));
  CHECK_FALSE(BearerToken("Bearer abc def"));
  CHECK_FALSE(BearerToken("Bearer abc,def"));
  CHECK_FALSE(BearerToken("Bearer =abc"));
  CHECK_FALSE(BearerToken("Bearer ab=c"));
  CHECK_FALSE(BearerToken(std::string("Bearer ab\0c", 11)));
  CHECK_FALSE(BearerToken("Bearer abc\r\nX-Evil: 1"));
}
