// api_keys.cpp — see api_keys.h.
#include "auth/api_keys.h"

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::auth {
namespace {


bool IsLowerHex(char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }

bool IsB64TokenCharacter(char ch) {
  return crypto::IsBase64UrlCharacter(ch) || ch == '.' || ch == '~' || ch == '+' || ch == '/';
}

}  // namespace

GeneratedApiKey GenerateApiKey() {
  GeneratedApiKey key;
  key.key_id = crypto::HexEncode(crypto::RandomBytes(kApiKeyIdHexChars / 2));
  key.plaintext = std::string(kApiKeyPrefix) + key.key_id + "_" + crypto::RandomToken(kApiKeySecretBytes);
  key.secret_hash = HashApiKey(key.plaintext);
  return key;
}

std::string HashApiKey(std::string_view plaintext) { return crypto::HexEncode(crypto::Sha256(plaintext)); }

Result<std::string> ParseApiKey(std::string_view text) {
  const auto invalid = [] {
    return Error{codes::kInvalidApiKey, "API keys look like swk_<16 hex characters>_<43 base64url characters>.", ""};
  };
  if (text.size() != kApiKeyChars || !text.starts_with(kApiKeyPrefix)) return invalid();
  const std::string_view key_id = text.substr(kApiKeyPrefix.size(), kApiKeyIdHexChars);
  for (char ch : key_id) {
    if (!IsLowerHex(ch)) return invalid();
  }
  if (text[kApiKeyPrefix.size() + kApiKeyIdHexChars] != '_') return invalid();
  const std::string_view secret = text.substr(kApiKeyPrefix.size() + kApiKeyIdHexChars + 1);
  for (char ch : secret) {
    if (!crypto::IsBase64UrlCharacter(ch)) return invalid();
  }
  // 43 characters carry 258 bits; the last 2 must be zero for the text to be the one encoding of 32 bytes.
  const auto bytes = crypto::Base64UrlDecode(secret);
  if (!bytes || bytes->size() != kApiKeySecretBytes || crypto::Base64UrlEncode(*bytes) != secret) return invalid();
  return std::string(key_id);
}

bool VerifyApiKey(std::string_view plaintext, std::string_view stored_hash) {
  // Lowercasing the stored hash depends only on public data; the digests are compared in constant time.
  return crypto::ConstantTimeEquals(HashApiKey(plaintext), AsciiLower(stored_hash));
}

std::optional<std::string> BearerToken(std::string_view authorization_header_value) {
  constexpr std::string_view kScheme = "bearer";
  const std::string_view value = TrimBlanks(authorization_header_value);
  if (value.size() <= kScheme.size() + 1) return std::nullopt;
  if (!EqualsIgnoreCase(value.substr(0, kScheme.size()), kScheme)) return std::nullopt;
  if (value[kScheme.size()] != ' ') return std::nullopt;
  const std::string_view token = value.substr(kScheme.size() + 1);
  std::size_t i = 0;
  while (i < token.size() && IsB64TokenCharacter(token[i])) ++i;
  if (i == 0) return std::nullopt;
  while (i < token.size() && token[i] == '=') ++i;
  if (i != token.size()) return std::nullopt;
  return std::string(token);
}

}  // namespace slotwise::auth
