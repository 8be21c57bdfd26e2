// Tests for backend/crypto/jwt: RS256 round trips, refusals, and cross-checks against the openssl CLI.
#include <doctest/doctest.h>

#include <string>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "support/command.h"
#include "support/temp_dir.h"

using slotwise::crypto::Base64UrlDecode;
using slotwise::crypto::Base64UrlEncode;
using slotwise::crypto::GenerateRsaKeyPair;
using slotwise::crypto::RsaKeyPair;
using slotwise::crypto::SignRs256;
using slotwise::crypto::VerifyRs256;
using slotwise::testing::RunCommand;
using slotwise::testing::TempDir;
using slotwise::testing::WriteFile;

namespace {

// Key generation costs ~0.1 s: one pair for the whole file.
const RsaKeyPair& TestKeys() {
  static const RsaKeyPair keys = [] {
    auto generated = GenerateRsaKeyPair();
    REQUIRE(generated.ok());
    return generated.value();
  }();
  return keys;
}

const nlohmann::json kClaims = {{"iss", "svc@example.iam.gserviceaccount.com"},
                                {"sub", "ada@example.com"},
                                {"iat", 1700000000},
                                {"exp", 1700003600}};

std::string Part(const std::string& jwt, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = jwt.find('.', start) + 1;
  const std::size_t end = jwt.find('.', start);
  return jwt.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string WithHeader(const std::string& jwt, const std::string& header_json) {
  return Base64UrlEncode(header_json) + jwt.substr(jwt.find('.'));
}

}  // namespace

TEST_CASE("Jwt: sign then verify returns the claims and the RS256 header") {
  const auto jwt = SignRs256(kClaims, TestKeys().private_pem, "key-1");
  REQUIRE(jwt.ok());
  CHECK(TestKeys().private_pem.find("BEGIN PRIVATE KEY") != std::string::npos);  // PKCS#8
  CHECK(TestKeys().public_pem.find("BEGIN PUBLIC KEY") != std::string::npos);    // SPKI
  const auto header = nlohmann::json::parse(Base64UrlDecode(Part(*jwt, 0)).value());
  CHECK(header == nlohmann::json({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "key-1"}}));
  const auto claims = VerifyRs256(*jwt, TestKeys().public_pem);
  REQUIRE_MESSAGE(claims.ok(), claims.error().message);
  CHECK(*claims == kClaims);
}

TEST_CASE("Jwt: a tampered payload or signature fails with invalid_signature") {
  const std::string jwt = SignRs256(kClaims, TestKeys().private_pem).value();
  nlohmann::json changed = kClaims;
  changed["sub"] = "mallory@example.com";
  const std::string tampered_payload = Part(jwt, 0) + "." + Base64UrlEncode(changed.dump()) + "." + Part(jwt, 2);
  CHECK(VerifyRs256(tampered_payload, TestKeys().public_pem).error().code == "invalid_signature");

  std::string signature = Base64UrlDecode(Part(jwt, 2)).value();
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  const std::string tampered_signature = Part(jwt, 0) + "." + Part(jwt, 1) + "." + Base64UrlEncode(signature);
  CHECK(VerifyRs256(tampered_signature, TestKeys().public_pem).error().code == "invalid_signature");

  const auto other_keys = GenerateRsaKeyPair();
  REQUIRE(other_keys.ok());
  CHECK(VerifyRs256(jwt, other_keys->public_pem).error().code == "invalid_signature");
}

TEST_CASE("Jwt: alg none, HS256 and malformed tokens are refused with invalid_jwt") {
  const std::string jwt = SignRs256(kClaims, TestKeys().private_pem).value();
  CHECK(VerifyRs256(WithHeader(jwt, R"({"alg":"none","typ":"JWT"})"), TestKeys().public_pem).error().code ==
        "invalid_jwt");
  CHECK(VerifyRs256(WithHeader(jwt, R"({"alg":"HS256","typ":"JWT"})"), TestKeys().public_pem).error().code ==
        "invalid_jwt");
  CHECK(VerifyRs256(WithHeader(jwt, R"({"typ":"JWT"})"), TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256(WithHeader(jwt, R"({"alg":256})"), TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256(WithHeader(jwt, "not json"), TestKeys().public_pem).error().code == "invalid_jwt");
  // alg none with an empty signature: the classic bypass.
  const std::string unsigned_jwt = Base64UrlEncode(R"({"alg":"none"})") + "." + Part(jwt, 1) + ".";
  CHECK(VerifyRs256(unsigned_jwt, TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256(Part(jwt, 0) + "." + Part(jwt, 1), TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256(jwt + ".x", TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256(Part(jwt, 0) + ".a+b/." + Part(jwt, 2), TestKeys().public_pem).error().code == "invalid_jwt");
  CHECK(VerifyRs256("", TestKeys().public_pem).error().code == "invalid_jwt");
  // Claims that are valid JSON but not an object.
  const std::string array_claims = Part(jwt, 0) + "." + Base64UrlEncode("[1,2]") + "." + Part(jwt, 2);
  CHECK(VerifyRs256(array_claims, TestKeys().public_pem).error().code == "invalid_jwt");
}

TEST_CASE("Jwt: unreadable or non-RSA keys fail with invalid_key") {
  CHECK(SignRs256(kClaims, "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n").error().code ==
        "invalid_key");
  CHECK(SignRs256(kClaims, "").error().code == "invalid_key");
  CHECK(SignRs256(kClaims, TestKeys().public_pem).error().code == "invalid_key");  // a public key cannot sign
  const std::string jwt = SignRs256(kClaims, TestKeys().private_pem).value();
  CHECK(VerifyRs256(jwt, "garbage").error().code == "invalid_key");

  TempDir dir;
  const auto ec_key = RunCommand("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null");
  REQUIRE_MESSAGE(ec_key.exit_code == 0, "the openssl CLI is needed for this test");
  CHECK(SignRs256(kClaims, ec_key.output).error().code == "invalid_key");
  WriteFile(dir.File("ec.pem"), ec_key.output);
  const auto ec_public = RunCommand("openssl pkey -in " + dir.File("ec.pem") + " -pubout 2>/dev/null");
  REQUIRE(ec_public.exit_code == 0);
  CHECK(VerifyRs256(jwt, ec_public.output).error().code == "invalid_key");
}

TEST_CASE("Jwt: claims that are not an object are refused when signing") {
  CHECK(SignRs256(nlohmann::json::array({1, 2}), TestKeys().private_pem).error().code == "invalid_jwt");
  CHECK(SignRs256(nlohmann::json{{"bad", "\xff"}}, TestKeys().private_pem).error().code == "invalid_jwt");
}

TEST_CASE("Jwt: signatures agree with the openssl CLI in both directions") {
  TempDir dir;
  WriteFile(dir.File("private.pem"), TestKeys().private_pem);
  WriteFile(dir.File("public.pem"), TestKeys().public_pem);
  REQUIRE_MESSAGE(RunCommand("openssl version").exit_code == 0, "the openssl CLI is needed for this test");

  SUBCASE("openssl signs (PKCS#1 key file), VerifyRs256 accepts") {
    const std::string signing_input =
        Base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})") + "." + Base64UrlEncode(R"({"sub":"from-openssl"})");
    WriteFile(dir.File("input.txt"), signing_input);
    const auto signed_by_cli =
        RunCommand("openssl dgst -sha256 -sign " + dir.File("private.pem") + " -binary " + dir.File("input.txt"));
    REQUIRE(signed_by_cli.exit_code == 0);
    REQUIRE(signed_by_cli.output.size() == 256);
    const auto claims = VerifyRs256(signing_input + "." + Base64UrlEncode(signed_by_cli.output), TestKeys().public_pem);
    REQUIRE_MESSAGE(claims.ok(), claims.error().message);
    CHECK((*claims)["sub"] == "from-openssl");
  }

  SUBCASE("SignRs256 signs with a PKCS#1 (BEGIN RSA PRIVATE KEY) key, openssl verifies") {
    const auto pkcs1 = RunCommand("openssl rsa -in " + dir.File("private.pem") + " -traditional 2>/dev/null");
    REQUIRE(pkcs1.exit_code == 0);
    REQUIRE(pkcs1.output.find("BEGIN RSA PRIVATE KEY") != std::string::npos);
    const std::string jwt = SignRs256(kClaims, pkcs1.output).value();
    const std::string signing_input = jwt.substr(0, jwt.rfind('.'));
    WriteFile(dir.File("input.txt"), signing_input);
    WriteFile(dir.File("signature.bin"), Base64UrlDecode(Part(jwt, 2)).value());
    const auto verified = RunCommand("openssl dgst -sha256 -verify " + dir.File("public.pem") + " -signature " +
                                     dir.File("signature.bin") + " " + dir.File("input.txt"));
    CHECK(verified.exit_code == 0);
    CHECK(verified.output.find("Verified OK") != std::string::npos);
    // …and the CLI notices a change in the signed bytes (so the check above can fail).
    WriteFile(dir.File("input.txt"), signing_input + "x");
    CHECK(RunCommand("openssl dgst -sha256 -verify " + dir.File("public.pem") + " -signature " +
                     dir.File("signature.bin") + " " + dir.File("input.txt") + " >/dev/null 2>&1")
              .exit_code != 0);
  }
}

TEST_CASE("Jwt: an RSA JWK converts to the same public key") {
  TempDir dir;
  WriteFile(dir.File("public.pem"), TestKeys().public_pem);
  // Modulus and exponent from the openssl CLI, independent of our code.
  const auto modulus = RunCommand("openssl rsa -pubin -in " + dir.File("public.pem") + " -noout -modulus 2>/dev/null");
  REQUIRE(modulus.exit_code == 0);
  const std::string hex = modulus.output.substr(modulus.output.find('=') + 1, 512);
  const std::string n = slotwise::crypto::HexDecode(hex).value();
  const nlohmann::json jwk = {{"kty", "RSA"}, {"n", Base64UrlEncode(n)}, {"e", "AQAB"}};
  const auto pem = slotwise::crypto::RsaPublicPemFromJwk(jwk);
  REQUIRE_MESSAGE(pem.ok(), pem.error().message);
  CHECK(*pem == TestKeys().public_pem);
  const std::string jwt = SignRs256(kClaims, TestKeys().private_pem).value();
  CHECK(VerifyRs256(jwt, *pem).ok());

  CHECK(slotwise::crypto::RsaPublicPemFromJwk({{"kty", "EC"}, {"n", "AQAB"}, {"e", "AQAB"}}).error().code ==
        "invalid_key");
  CHECK(slotwise::crypto::RsaPublicPemFromJwk({{"kty", "RSA"}, {"n", 5}, {"e", "AQAB"}}).error().code == "invalid_key");
  CHECK(slotwise::crypto::RsaPublicPemFromJwk({{"kty", "RSA"}, {"e", "AQAB"}}).error().code == "invalid_key");
}
