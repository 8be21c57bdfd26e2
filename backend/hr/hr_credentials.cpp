// hr_credentials.cpp — see hr_credentials.h.
#include "hr/hr_credentials.h"

#include <algorithm>

#include "auth/api_keys.h"
#include "crypto/crypto_primitives.h"

namespace slotwise::hr {

namespace {

constexpr std::size_t kIdChars = 16;
constexpr std::size_t kSecretBytes = 32;

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

GeneratedHrCredential GenerateHrCredential() {
  GeneratedHrCredential credential;
  credential.credential_id = crypto::HexEncode(crypto::RandomBytes(kIdChars / 2));
  credential.plaintext = std::string(kHrCredentialPrefix) + credential.credential_id + "_" +
                         crypto::Base64UrlEncode(crypto::RandomBytes(kSecretBytes));
  credential.secret_hash = auth::HashApiKey(credential.plaintext);
  return credential;
}

Result<std::string> ParseHrCredential(std::string_view text) {
  const Error invalid{"invalid_credential", "not an HR credential (swhr_<id>_<secret>)", ""};
  if (text.size() != kHrCredentialChars || !LooksLikeHrCredential(text)) return invalid;
  const std::string_view id = text.substr(kHrCredentialPrefix.size(), kIdChars);
  if (!std::all_of(id.begin(), id.end(), IsLowerHex)) return invalid;
  if (text[kHrCredentialPrefix.size() + kIdChars] != '_') return invalid;
  const std::string_view secret = text.substr(kHrCredentialPrefix.size() + kIdChars + 1);
  const auto bytes = crypto::Base64UrlDecode(secret);
  if (!bytes || bytes->size() != kSecretBytes || crypto::Base64UrlEncode(*bytes) != secret) return invalid;
  return std::string(id);
}

}  // namespace slotwise::hr
