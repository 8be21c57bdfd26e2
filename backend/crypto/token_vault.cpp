// token_vault.cpp — AES-256-GCM sealing of secrets and the keyring that holds the keys (see token_vault.h).
#include "crypto/token_vault.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "crypto/openssl_util.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::crypto {

namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kMaxKidLength = 64;
constexpr int kMaxChunk = 1 << 30;  // EVP_*Update takes an int length

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Keyring parsing
// ---------------------------------------------------------------------------------------------------------------

bool ValidKid(std::string_view kid) {
  if (kid.empty() || kid.size() > kMaxKidLength) return false;
  for (char c : kid) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Error KeyringError(std::string message) {
  return Error{codes::kInvalidKeyring, std::move(message), ""};
}

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Sealed value shape: v1.<kid>.<nonce>.<ciphertext||tag>
// ---------------------------------------------------------------------------------------------------------------

struct SealedParts {
  std::string_view kid;
  std::string nonce;
  std::string ciphertext_and_tag;
};

std::optional<SealedParts> SplitSealed(std::string_view sealed) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t dot = sealed.find('.', start);
    parts.push_back(sealed.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() != 4 || parts[0] != kVersion || !ValidKid(parts[1])) return std::nullopt;
  if (parts[2].find('=') != std::string_view::npos || parts[3].find('=') != std::string_view::npos) return std::nullopt;
  std::optional<std::string> nonce = Base64UrlDecode(parts[2]);
  std::optional<std::string> body = Base64UrlDecode(parts[3]);
  if (!nonce || !body || nonce->size() != kNonceBytes || body->size() < kTagBytes) return std::nullopt;
  return SealedParts{parts[1], std::move(*nonce), std::move(*body)};
}

[[noreturn]] void CipherFailure(const char* what) {
  std::fprintf(stderr, "slotwise: %s\n", what);
  std::abort();
}

// Feeds `input` to EVP_EncryptUpdate / EVP_DecryptUpdate in int-sized chunks; false when OpenSSL fails.
template <class UpdateFn>
bool UpdateInChunks(EVP_CIPHER_CTX* ctx, std::string_view input, std::string& output, UpdateFn update) {
  output.resize(input.size());
  std::size_t done = 0;
  while (done < input.size()) {
    const int chunk = static_cast<int>(std::min<std::size_t>(input.size() - done, kMaxChunk));
    int written = 0;
    if (update(ctx, MutableBytes(output) + done, &written, Bytes(input) + done, chunk) != 1 || written != chunk) {
      return false;
    }
    done += static_cast<std::size_t>(chunk);
  }
  return true;
}

bool SetAad(EVP_CIPHER_CTX* ctx, std::string_view aad, bool encrypt) {
  std::size_t done = 0;
  while (done < aad.size()) {
    const int chunk = static_cast<int>(std::min<std::size_t>(aad.size() - done, kMaxChunk));
    int ignored = 0;
    const int rc = encrypt ? EVP_EncryptUpdate(ctx, nullptr, &ignored, Bytes(aad) + done, chunk)
                           : EVP_DecryptUpdate(ctx, nullptr, &ignored, Bytes(aad) + done, chunk);
    if (rc != 1) return false;
    done += static_cast<std::size_t>(chunk);
  }
  return true;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Keyring
// -----------------------------------------------------------------------------------------------------------------

Result<Keyring> Keyring::Parse(std::string_view spec) {
  Keyring ring;
  std::size_t entry_number = 0;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t end = spec.find_first_of(",\n", start);
    const std::string_view entry = TrimWhitespace(spec.substr(start, end == std::string_view::npos ? end : end - start));
    start = end == std::string_view::npos ? spec.size() + 1 : end + 1;
    if (entry.empty() || entry.front() == '#') continue;
    ++entry_number;
    const std::string where = "keyring entry " + std::to_string(entry_number);

    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos) {
      return KeyringError(where + " is not of the form <kid>:<base64 key>");  // the entry may be a bare key: not echoed
    }
    const std::string_view kid = TrimWhitespace(entry.substr(0, colon));
    const std::string_view encoded = TrimWhitespace(entry.substr(colon + 1));
    if (!ValidKid(kid)) {
      return KeyringError(where + " has an invalid key id (1-64 characters of A-Z a-z 0-9 - _)");
    }
    std::optional<std::string> key = Base64Decode(encoded);
    if (!key) key = Base64UrlDecode(encoded);
    if (!key) return KeyringError(where + " (kid \"" + std::string(kid) + "\"): the key is not base64");
    if (key->size() != kKeyBytes) {
      return KeyringError(where + " (kid \"" + std::string(kid) + "\"): the key must decode to exactly 32 bytes, not " +
                          std::to_string(key->size()));
    }
    if (ring.keys_.count(kid) != 0) {
      return KeyringError(where + ": duplicate key id \"" + std::string(kid) + "\"");
    }
    if (ring.active_kid_.empty()) ring.active_kid_ = std::string(kid);
    ring.keys_.emplace(std::string(kid), std::move(*key));
  }
  if (ring.keys_.empty()) return KeyringError("the keyring holds no keys");
  return ring;
}

Result<Keyring> Keyring::FromEnvironment() {
  const char* spec = std::getenv("SLOTWISE_TOKEN_KEYS");
  if (spec != nullptr && *spec != '\0') {
    Result<Keyring> ring = Parse(spec);
    if (!ring) return Error{ring.error().code, "SLOTWISE_TOKEN_KEYS: " + ring.error().message, "SLOTWISE_TOKEN_KEYS"};
    return ring;
  }
  const char* path = std::getenv("SLOTWISE_TOKEN_KEY_FILE");
  if (path == nullptr || *path == '\0') {
    return Error{codes::kNoTokenKeys, "set SLOTWISE_TOKEN_KEYS or SLOTWISE_TOKEN_KEY_FILE to encrypt stored tokens", ""};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error{codes::kKeyringUnreadable, std::string("cannot read the token key file ") + path,
                 "SLOTWISE_TOKEN_KEY_FILE"};
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  Result<Keyring> ring = Parse(contents.str());
  if (!ring)
    return Error{ring.error().code, std::string(path) + ": " + ring.error().message, "SLOTWISE_TOKEN_KEY_FILE"};
  return ring;
}

std::string Keyring::NewKeySpec(std::string_view kid) {
  return std::string(kid) + ":" + Base64Encode(RandomBytes(kKeyBytes));
}

const std::string* Keyring::Key(std::string_view kid) const {
  const auto found = keys_.find(kid);
  return found == keys_.end() ? nullptr : &found->second;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] TokenVault
// -----------------------------------------------------------------------------------------------------------------

std::string TokenVault::Seal(std::string_view plaintext, std::string_view associated_data) const {
  const std::string* key = keyring_.Key(keyring_.active_kid());
  if (key == nullptr) CipherFailure("TokenVault::Seal called with an empty keyring (programming error)");

  ErrorQueueGuard guard;
  const std::string nonce = RandomBytes(kNonceBytes);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string body;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceBytes), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(*key), Bytes(nonce)) != 1 ||
      !SetAad(ctx.get(), associated_data, /*encrypt=*/true) ||
      !UpdateInChunks(ctx.get(), plaintext, body, EVP_EncryptUpdate)) {
    CipherFailure("OpenSSL AES-256-GCM encryption failed");
  }
  int final_length = 0;
  std::string tag(kTagBytes, '\0');
  if (EVP_EncryptFinal_ex(ctx.get(), nullptr, &final_length) != 1 || final_length != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes), MutableBytes(tag)) != 1) {
    CipherFailure("OpenSSL AES-256-GCM encryption failed");
  }
  body += tag;
  return std::string(kVersion) + "." + keyring_.active_kid() + "." + Base64UrlEncode(nonce) + "." +
         Base64UrlEncode(body);
}

Result<std::string> TokenVault::Open(std::string_view sealed, std::string_view associated_data) const {
  std::optional<SealedParts> parts = SplitSealed(sealed);
  if (!parts) {
    return Error{codes::kInvalidSealedValue, "the sealed value is not of the form v1.<kid>.<nonce>.<ciphertext>", ""};
  }
  const std::string* key = keyring_.Key(parts->kid);
  if (key == nullptr) {
    return Error{codes::kUnknownKey,
                 "the value was sealed with key \"" + std::string(parts->kid) + "\", which is not in the keyring", ""};
  }

  ErrorQueueGuard guard;
  const std::string_view ciphertext =
      std::string_view(parts->ciphertext_and_tag).substr(0, parts->ciphertext_and_tag.size() - kTagBytes);
  std::string tag = parts->ciphertext_and_tag.substr(ciphertext.size());
  const Error failed{codes::kDecryptFailed, "the sealed value does not open with its key and associated data", ""};

  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string plaintext;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceBytes), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(*key), Bytes(parts->nonce)) != 1 ||
      !SetAad(ctx.get(), associated_data, /*encrypt=*/false) ||
      !UpdateInChunks(ctx.get(), ciphertext, plaintext, EVP_DecryptUpdate) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), MutableBytes(tag)) != 1) {
    return failed;
  }
  int final_length = 0;
  unsigned char final_block[16];
  if (EVP_DecryptFinal_ex(ctx.get(), final_block, &final_length) != 1 || final_length != 0) {
    OPENSSL_cleanse(plaintext.data(), plaintext.size());  // never hand out (or leave behind) unauthenticated bytes
    return failed;
  }
  return plaintext;
}

bool TokenVault::NeedsRotation(std::string_view sealed) const {
  const std::optional<SealedParts> parts = SplitSealed(sealed);
  return parts.has_value() && parts->kid != keyring_.active_kid();
}

Result<std::string> TokenVault::Reseal(std::string_view sealed, std::string_view associated_data) const {
  Result<std::string> plaintext = Open(sealed, associated_data);
  if (!plaintext) return plaintext.error();
  std::string resealed = Seal(plaintext.value(), associated_data);
  OPENSSL_cleanse(plaintext.value().data(), plaintext.value().size());
  return resealed;
}

}  // namespace slotwise::crypto
