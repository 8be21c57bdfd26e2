// hr_credentials.h — the plaintext form of HR API credentials, a distinct family from tenant API keys so neither can
// be mistaken for the other: `swhr_<credential_id>_<secret>`, 65 characters:
//   credential_id  16 lowercase hex characters (8 random bytes); public, stored in clear, used to look it up
//   secret         32 random bytes as base64url without padding (43 characters)
// The store keeps only the lowercase hex SHA-256 of the whole plaintext (auth::HashApiKey, the same hash as API
// keys); the plaintext is shown once, at creation. Verification is auth::VerifyApiKey (constant time).
// A credential is presented as `Authorization: Bearer swhr_…` (auth::BearerToken parses the header).
// Pure functions (GenerateHrCredential draws from OpenSSL's CSPRNG); thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::hr {

inline constexpr std::string_view kHrCredentialPrefix = "swhr_";
inline constexpr std::size_t kHrCredentialChars = 5 + 16 + 1 + 43;

struct GeneratedHrCredential {
  std::string credential_id;
  std::string plaintext;    // give it to the caller once; never store or log it
  std::string secret_hash;  // store this
};

GeneratedHrCredential GenerateHrCredential();

// The credential id of a well-formed credential; Error "invalid_credential" otherwise (says nothing about validity).
Result<std::string> ParseHrCredential(std::string_view text);

// True when `token` starts with the HR credential prefix (whether or not it is well-formed).
inline bool LooksLikeHrCredential(std::string_view token) { return token.rfind(kHrCredentialPrefix, 0) == 0; }

}  // namespace slotwise::hr
