// Tests for backend/auth/widget_tokens. Signatures and derived keys are checked against the `openssl` command-line
// tool; every part of a token is tampered with.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/widget_tokens.h"
#include "crypto/crypto_primitives.h"
#include "support/error_code.h"
#include "support/openssl_cli.h"

using namespace slotwise::auth;
using slotwise::testing::ErrorCode;
using slotwise::testing::OpensslHmacSha256Hex;
using slotwise::testing::OpensslHmacSha256HexKey;
namespace crypto = slotwise::crypto;

namespace {

constexpr std::int64_t kIssued = 1'700'000'000;
const std::string kOldSecret = "old-widget-secret-0123456789abcdef";  // 34 bytes
const std::string kNewSecret = "new-widget-secret-fedcba9876543210";

WidgetClaims Claims(std::int64_t lifetime = 600) {
  WidgetClaims claims;
  claims.tenant_id = "tenant-42";
  claims.user = "recruiter@ats.example.com";
  claims.scopes = {std::string(kScopeAvailabilityRead), std::string(kScopeInterviewsWrite)};
  claims.issued_at = kIssued;
  claims.expires_at = kIssued + lifetime;
  return claims;
}

WidgetTokenCodec Codec(const std::string& current, std::map<std::string, std::string, std::less<>> secrets) {
  auto codec = WidgetTokenCodec::Create(WidgetKeySet{current, std::move(secrets)});
  REQUIRE(codec);
  return codec.value();
}

WidgetTokenCodec OldCodec() { return Codec("k1", {{"k1", kOldSecret}}); }

std::string MintToken(const WidgetTokenCodec& codec, const WidgetClaims& claims = Claims()) {
  const auto minted = codec.Mint(claims);
  REQUIRE(minted);
  return minted.value().token;
}


std::vector<std::string> Parts(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

// A token over an arbitrary payload, signed independently: the signature is openssl's HMAC.
std::string ForgeWithOpenssl(const std::string& kid, const std::string& secret, const std::string& payload_json) {
  const std::string signing_input = "swt1." + kid + "." + crypto::Base64UrlEncode(payload_json);
  const auto mac = crypto::HexDecode(OpensslHmacSha256Hex(secret, signing_input));
  REQUIRE(mac);
  return signing_input + "." + crypto::Base64UrlEncode(*mac);
}

std::string Payload(std::int64_t issued_at, std::int64_t expires_at) {
  return nlohmann::json{{"tenant_id", "t"}, {"user", "u@example.com"}, {"scopes", {"availability:read"}},
                        {"issued_at", issued_at}, {"expires_at", expires_at}, {"token_id", "abc"}}
      .dump();
}

}  // namespace

TEST_CASE("WidgetTokens: a minted token has the documented format and an openssl-verifiable signature") {
  const WidgetTokenCodec codec = OldCodec();
  const auto minted = codec.Mint(Claims());
  REQUIRE(minted);
  const std::string& token = minted.value().token;
  const std::vector<std::string> parts = Parts(token);
  REQUIRE(parts.size() == 4);
  CHECK(parts[0] == "swt1");
  CHECK(parts[1] == "k1");
  const std::string signing_input = parts[0] + "." + parts[1] + "." + parts[2];
  const auto signature = crypto::Base64UrlDecode(parts[3]);
  REQUIRE(signature);
  CHECK(crypto::HexEncode(*signature) == OpensslHmacSha256Hex(kOldSecret, signing_input));
  CHECK(token.find('=') == std::string::npos);

  const auto payload = crypto::Base64UrlDecode(parts[2]);
  REQUIRE(payload);
  const auto json = nlohmann::json::parse(*payload);
  CHECK(json.at("tenant_id") == "tenant-42");
  CHECK(json.at("user") == "recruiter@ats.example.com");
  CHECK(json.at("scopes") == nlohmann::json{"availability:read", "interviews:write"});
  CHECK(json.at("issued_at") == kIssued);
  CHECK(json.at("expires_at") == kIssued + 600);
  CHECK(json.at("token_id") == minted.value().claims.token_id);
  CHECK(minted.value().claims.token_id.size() == 22);
}

TEST_CASE("WidgetTokens: Verify returns the minted claims; token ids are random") {
  const WidgetTokenCodec codec = OldCodec();
  const auto minted = codec.Mint(Claims());
  REQUIRE(minted);
  const auto verified = codec.Verify(minted.value().token, kIssued + 1);
  REQUIRE(verified);
  CHECK(verified.value() == minted.value().claims);

  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.insert(codec.Mint(Claims()).value().claims.token_id);
  CHECK(ids.size() == 20);
}

TEST_CASE("WidgetTokens: a token signed by openssl with the same key verifies") {
  const WidgetTokenCodec codec = OldCodec();
  const auto verified = codec.Verify(ForgeWithOpenssl("k1", kOldSecret, Payload(kIssued, kIssued + 60)), kIssued);
  REQUIRE(verified);
  CHECK(verified.value().user == "u@example.com");
  CHECK(ErrorCode(codec.Verify(ForgeWithOpenssl("k1", kNewSecret, Payload(kIssued, kIssued + 60)), kIssued)) ==
        "bad_signature");
}

TEST_CASE("WidgetTokens: tampering with any part is refused with a specific code") {
  const WidgetTokenCodec codec = Codec("k1", {{"k1", kOldSecret}, {"k2", kNewSecret}});
  const std::string token = MintToken(codec);
  const std::vector<std::string> parts = Parts(token);
  const auto code = [&](const std::string& text) { return ErrorCode(codec.Verify(text, kIssued + 1)); };
  const auto join = [](const std::vector<std::string>& p) { return p[0] + "." + p[1] + "." + p[2] + "." + p[3]; };
  REQUIRE(code(token).empty());

  // Payload: every byte of it, flipped to another base64url character.
  for (std::size_t i = 0; i < parts[2].size(); ++i) {
    std::vector<std::string> changed = parts;
    changed[2][i] = changed[2][i] == 'A' ? 'B' : 'A';
    CHECK_MESSAGE(code(join(changed)) == "bad_signature", "payload byte " << i);
  }
  // Signature: first, middle and last character.
  for (std::size_t i : {std::size_t{0}, parts[3].size() / 2, parts[3].size() - 1}) {
    std::vector<std::string> changed = parts;
    changed[3][i] = changed[3][i] == 'A' ? 'B' : 'A';
    CHECK_MESSAGE(code(join(changed)) == "bad_signature", "signature byte " << i);
  }
  // Kid changed to another key of the set: the signature no longer matches.
  std::vector<std::string> other_kid = parts;
  other_kid[1] = "k2";
  CHECK(code(join(other_kid)) == "bad_signature");
  other_kid[1] = "k3";
  CHECK(code(join(other_kid)) == "unknown_key");
  // Version.
  std::vector<std::string> version = parts;
  version[0] = "swt2";
  CHECK(code(join(version)) == "malformed_token");
  version[0] = "SWT1";
  CHECK(code(join(version)) == "malformed_token");
  // Truncation.
  CHECK(code(token.substr(0, token.size() - 1)) == "bad_signature");
  CHECK(code(parts[0] + "." + parts[1] + "." + parts[2]) == "malformed_token");
  CHECK(code(parts[0] + "." + parts[1] + "." + parts[2] + ".") == "malformed_token");
  CHECK(code(token.substr(0, 10)) == "malformed_token");
  CHECK(code("") == "malformed_token");
  // Extra dots anywhere.
  CHECK(code(token + ".") == "malformed_token");
  CHECK(code("." + token) == "malformed_token");
  CHECK(code(token + ".AAAA") == "malformed_token");
  CHECK(code(parts[0] + "." + parts[1] + ".." + parts[2] + "." + parts[3]) == "malformed_token");
  CHECK(code(parts[0] + "." + parts[1] + "." + parts[2].substr(0, 5) + "." + parts[2].substr(5) + "." + parts[3]) ==
        "malformed_token");
  // Characters outside base64url (standard base64, padding, spaces).
  CHECK(code(token + "=") == "malformed_token");
  CHECK(code(" " + token) == "malformed_token");
  std::vector<std::string> plus = parts;
  plus[3][0] = '+';
  CHECK(code(join(plus)) == "malformed_token");
  CHECK(code(std::string(kMaxWidgetTokenChars + 1, 'A')) == "malformed_token");
}

TEST_CASE("WidgetTokens: expiry and not-before use a 30 s leeway, exact to the second") {
  const WidgetTokenCodec codec = OldCodec();
  const std::string token = MintToken(codec, Claims(600));
  const auto code = [&](std::int64_t now) { return ErrorCode(codec.Verify(token, now)); };
  CHECK(code(kIssued + 600).empty());
  CHECK(code(kIssued + 600 + kClockLeeway - 1).empty());
  CHECK(code(kIssued + 600 + kClockLeeway) == "token_expired");
  CHECK(code(kIssued + 100'000) == "token_expired");
  CHECK(code(kIssued).empty());
  CHECK(code(kIssued - kClockLeeway).empty());
  CHECK(code(kIssued - kClockLeeway - 1) == "token_not_yet_valid");
  CHECK(code(0) == "token_not_yet_valid");
}

TEST_CASE("WidgetTokens: a signed payload with a lifetime over 3600 s or a bad shape is refused") {
  const WidgetTokenCodec codec = OldCodec();
  const auto code = [&](const std::string& payload) {
    return ErrorCode(codec.Verify(ForgeWithOpenssl("k1", kOldSecret, payload), kIssued));
  };
  CHECK(code(Payload(kIssued, kIssued + 3600)).empty());
  CHECK(code(Payload(kIssued, kIssued + 3601)) == "lifetime_too_long");
  CHECK(code(Payload(kIssued, kIssued + 86400 * 365)) == "lifetime_too_long");
  CHECK(code(Payload(kIssued, kIssued)) == "malformed_token");
  CHECK(code(Payload(kIssued, kIssued - 1)) == "malformed_token");
  CHECK(code("not json") == "malformed_token");
  CHECK(code("[]") == "malformed_token");
  CHECK(code(R"({"tenant_id":"t","user":"u","scopes":["availability:read"],"issued_at":1700000000})") ==
        "malformed_token");
  CHECK(code(R"({"tenant_id":"t","user":"u","scopes":"availability:read","issued_at":1700000000,)"
             R"("expires_at":1700000060,"token_id":"x"})") == "malformed_token");
  CHECK(code(R"({"tenant_id":"","user":"u","scopes":[],"issued_at":1700000000,)"
             R"("expires_at":1700000060,"token_id":"x"})") == "malformed_token");
  CHECK(code(R"({"tenant_id":"t","user":"u","scopes":[],"issued_at":1700000000.5,)"
             R"("expires_at":1700000060,"token_id":"x"})") == "malformed_token");
  CHECK(code(R"({"tenant_id":"t","user":"u","scopes":[],"issued_at":-5,"expires_at":10,"token_id":"x"})") ==
        "malformed_token");
  CHECK(code(R"({"tenant_id":"t","user":"u","scopes":[1],"issued_at":1700000000,)"
             R"("expires_at":1700000060,"token_id":"x"})") == "malformed_token");
  // Unknown scopes in a signed token are kept (a newer server may have minted them); they grant nothing known.
  const auto verified = codec.Verify(
      ForgeWithOpenssl("k1", kOldSecret,
                       R"({"tenant_id":"t","user":"u","scopes":["future:scope"],"issued_at":1700000000,)"
                       R"("expires_at":1700000060,"token_id":"x"})"),
      kIssued);
  REQUIRE(verified);
  CHECK(verified.value().scopes == std::vector<std::string>{"future:scope"});
  CHECK_FALSE(IsKnownScope(verified.value().scopes[0]));
}

TEST_CASE("WidgetTokens: rotation keeps old tokens valid while their kid is in the set") {
  const WidgetTokenCodec before = OldCodec();
  const std::string old_token = MintToken(before);

  const WidgetTokenCodec during = Codec("k2", {{"k1", kOldSecret}, {"k2", kNewSecret}});
  CHECK(ErrorCode(during.Verify(old_token, kIssued + 1)).empty());
  const std::string new_token = MintToken(during);
  CHECK(Parts(new_token)[1] == "k2");
  CHECK(ErrorCode(during.Verify(new_token, kIssued + 1)).empty());
  CHECK(ErrorCode(before.Verify(new_token, kIssued + 1)) == "unknown_key");

  const WidgetTokenCodec after = Codec("k2", {{"k2", kNewSecret}});
  CHECK(ErrorCode(after.Verify(old_token, kIssued + 1)) == "unknown_key");
  CHECK(ErrorCode(after.Verify(new_token, kIssued + 1)).empty());

  // Same kid, different secret (a key replaced without a new kid): bad_signature.
  const WidgetTokenCodec replaced = Codec("k1", {{"k1", kNewSecret}});
  CHECK(ErrorCode(replaced.Verify(old_token, kIssued + 1)) == "bad_signature");
}

TEST_CASE("WidgetTokens: Mint refuses bad claims") {
  const WidgetTokenCodec codec = OldCodec();
  const auto code = [&](const WidgetClaims& claims) { return ErrorCode(codec.Mint(claims)); };
  CHECK(code(Claims(1)).empty());
  CHECK(code(Claims(kMaxLifetime)).empty());
  CHECK(code(Claims(kMaxLifetime + 1)) == "invalid_lifetime");
  CHECK(code(Claims(0)) == "invalid_lifetime");
  CHECK(code(Claims(-10)) == "invalid_lifetime");
  WidgetClaims claims = Claims();
  claims.issued_at = -1;
  claims.expires_at = 10;
  CHECK(code(claims) == "invalid_lifetime");

  claims = Claims();
  claims.tenant_id.clear();
  CHECK(code(claims) == "invalid_claims");
  claims = Claims();
  claims.user.clear();
  CHECK(code(claims) == "invalid_claims");
  claims = Claims();
  claims.user = "a@b.c\r\nX: y";
  CHECK(code(claims) == "invalid_claims");
  claims = Claims();
  claims.user = std::string(300, 'a');
  CHECK(code(claims) == "invalid_claims");
  claims = Claims();
  claims.user = "\xff\xfe@example.com";
  CHECK(code(claims) == "invalid_claims");

  claims = Claims();
  claims.scopes = {};
  CHECK(code(claims) == "invalid_scope");
  claims.scopes = {"availability:read", "admin"};
  CHECK(code(claims) == "invalid_scope");
  claims.scopes = {"Availability:Read"};
  CHECK(code(claims) == "invalid_scope");
  claims.scopes = {std::string(kScopeAvailabilityRead), std::string(kScopeInterviewsRead),
                   std::string(kScopeInterviewsWrite), std::string(kScopeConnectionsManage)};
  CHECK(code(claims).empty());
  CHECK(IsKnownScope("connections:manage"));
  CHECK_FALSE(IsKnownScope("connections:*"));
}

TEST_CASE("WidgetTokens: Create refuses unusable key sets") {
  const auto code = [](WidgetKeySet keys) { return ErrorCode(WidgetTokenCodec::Create(std::move(keys))); };
  CHECK(code({"k1", {{"k1", std::string(32, 'x')}}}).empty());
  CHECK(code({"k1", {{"k1", std::string(31, 'x')}}}) == "invalid_key_set");
  CHECK(code({"k1", {}}) == "invalid_key_set");
  CHECK(code({"k2", {{"k1", kOldSecret}}}) == "invalid_key_set");
  CHECK(code({"", {{"", kOldSecret}}}) == "invalid_key_set");
  CHECK(code({"a.b", {{"a.b", kOldSecret}}}) == "invalid_key_set");
  CHECK(code({"k1", {{"k1", kOldSecret}, {"k 2", kNewSecret}}}) == "invalid_key_set");
  CHECK(code({std::string(65, 'k'), {{std::string(65, 'k'), kOldSecret}}}) == "invalid_key_set");
}

TEST_CASE("WidgetTokens: DeriveKey is openssl's HMAC-SHA256(master, label) and signs verifiable tokens") {
  const std::string master = "master-secret-for-tests-0123456789";
  const auto key = DeriveKey(master, "widget-token");
  REQUIRE(key);
  CHECK(key.value().size() == 32);
  CHECK(crypto::HexEncode(key.value()) == OpensslHmacSha256Hex(master, "widget-token"));
  CHECK(DeriveKey(master, "other-purpose").value() != key.value());
  CHECK(DeriveKey(std::string(31, 'm'), "widget-token").error().code == "invalid_master_secret");
  CHECK(DeriveKey(master, "").error().code == "invalid_label");

  const WidgetTokenCodec codec = Codec("d1", {{"d1", key.value()}});
  const std::vector<std::string> parts = Parts(MintToken(codec));
  const auto signature = crypto::Base64UrlDecode(parts[3]);
  REQUIRE(signature);
  CHECK(crypto::HexEncode(*signature) ==
        OpensslHmacSha256HexKey(crypto::HexEncode(key.value()), parts[0] + "." + parts[1] + "." + parts[2]));
}
