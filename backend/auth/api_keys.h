// api_keys.h — per-tenant API keys that an ATS's server presents as `Authorization: Bearer <key>`.
//
// Plaintext format: `swk_<key_id>_<secret>`, 64 characters:
//   key_id  16 lowercase hex characters (8 random bytes); public, stored in clear, used to look the key up
//   secret  32 random bytes as base64url without padding (43 characters; may itself contain '_' and '-')
// The server stores only key_id and secret_hash = lowercase hex SHA-256 of the WHOLE plaintext. The plaintext is
// shown once, when the key is created, and cannot be recovered afterwards.
//
// Checking a request: BearerToken(header) -> ParseApiKey(token) -> look the key up by key_id -> VerifyApiKey(token,
// stored secret_hash). A key that does not parse, or whose key_id is unknown, is refused with the same answer (401)
// as a wrong secret, so callers cannot probe which key ids exist.
//
// Thread safety: every function is pure (GenerateApiKey draws from OpenSSL's CSPRNG) and callable concurrently.
// No function throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::auth {

inline constexpr std::string_view kApiKeyPrefix = "swk_";
inline constexpr std::size_t kApiKeyIdHexChars = 16;
inline constexpr std::size_t kApiKeySecretBytes = 32;
inline constexpr std::size_t kApiKeySecretChars = 43;  // base64url of 32 bytes, no padding
inline constexpr std::size_t kApiKeyChars = 4 + kApiKeyIdHexChars + 1 + kApiKeySecretChars;  // 64

struct GeneratedApiKey {
  std::string key_id;       // 16 lowercase hex characters
  std::string plaintext;    // "swk_<key_id>_<secret>": give it to the tenant once, never store or log it
  std::string secret_hash;  // 64 lowercase hex characters: SHA-256 of plaintext; store this
};

// A fresh random key.
GeneratedApiKey GenerateApiKey();

// Lowercase hex SHA-256 of `plaintext` (what GenerateApiKey stores as secret_hash).
std::string HashApiKey(std::string_view plaintext);

// The key_id of a well-formed key. Error "invalid_api_key" when `text` is not exactly "swk_" + 16 lowercase hex +
// "_" + 43 base64url characters that are the canonical encoding of 32 bytes. Says nothing about whether the key
// exists or is valid: that is VerifyApiKey's job.
Result<std::string> ParseApiKey(std::string_view text);

// True when SHA-256(plaintext) equals `stored_hash` (64 hex characters, either case). The comparison takes time that
// does not depend on where the digests differ.
bool VerifyApiKey(std::string_view plaintext, std::string_view stored_hash);

// The credentials of an `Authorization` header value of the form "Bearer <token>": scheme matched case-insensitively,
// exactly one space after it, surrounding spaces/tabs of the whole value ignored. The token must be RFC 6750
// b64token syntax (A-Z a-z 0-9 - . _ ~ + / then optional trailing '='), which both API keys and widget tokens are.
// nullopt for any other scheme, a missing or malformed token, or an empty header.
std::optional<std::string> BearerToken(std::string_view authorization_header_value);

}  // namespace slotwise::auth
