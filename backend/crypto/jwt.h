// jwt.h — compact JSON Web Tokens signed with RS256 (RSASSA-PKCS1-v1_5 with SHA-256), RFC 7515 / RFC 7519.
//
// Used for Google's service-account grant (RFC 7523 JWT bearer): Slotwise signs, the provider (or the sandbox)
// verifies. Keys are PEM text (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY"; public keys as
// "BEGIN PUBLIC KEY"). Thread-safe; never throws.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"

namespace slotwise::crypto {

// header.payload.signature with header {"alg":"RS256","typ":"JWT"} (plus `kid` when given).
// Errors: "invalid_key" when the PEM cannot be read, is encrypted or is not RSA; "invalid_jwt" when `claims` is not an
// object or holds invalid UTF-8.
Result<std::string> SignRs256(const nlohmann::json& claims, std::string_view private_key_pem,
                              std::string_view kid = {});

// Verifies that the header says RS256 (anything else — "none", "HS256", … — is refused before the key is used) and
// the signature; returns the claims (a JSON object). Does NOT check exp/iat/aud — the caller knows its clock and
// audience. Errors: "invalid_jwt" (shape, base64, JSON, alg), "invalid_signature",
// "invalid_key".
Result<nlohmann::json> VerifyRs256(std::string_view jwt, std::string_view public_key_pem);

// A fresh 2048-bit RSA key pair as PEM text {private (PKCS#8), public (SPKI)} — for the sandbox and tests.
// Error: "key_generation_failed" (OpenSSL failed; not expected in practice). Takes ~0.1 s.
struct RsaKeyPair {
  std::string private_pem;
  std::string public_pem;
};
Result<RsaKeyPair> GenerateRsaKeyPair();

// The "BEGIN PUBLIC KEY" PEM of an RSA JSON Web Key ({"kty":"RSA","n":…,"e":…}, RFC 7517/7518 §6.3) — for checking
// tokens from an issuer that publishes a JWKS. Errors: "invalid_key" (not RSA, missing/ill-encoded n or e).
Result<std::string> RsaPublicPemFromJwk(const nlohmann::json& jwk);

// The inverse, for an issuer that publishes its keys (the sandbox's Bot Connector): {"kty":"RSA","use":"sig",
// "alg":"RS256","n","e"} (+ "kid" when given) of an RSA "BEGIN PUBLIC KEY" PEM. Error: "invalid_key".
Result<nlohmann::json> RsaJwkFromPublicPem(std::string_view public_key_pem, std::string_view kid = {});

}  // namespace slotwise::crypto
