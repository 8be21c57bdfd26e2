// token_vault.h — encryption at rest for OAuth tokens and other secrets: AES-256-GCM (OpenSSL).
//
// Contract:
// - Keys live outside the database: `Keyring::FromEnvironment()` reads SLOTWISE_TOKEN_KEYS
//   ("kid1:<base64 32 bytes>,kid2:<…>"; the FIRST entry is the active key) or, when unset, the file named by
//   SLOTWISE_TOKEN_KEY_FILE (same syntax, one entry per line, '#' comments). `--demo` may generate a key file under
//   var/ (0600) when neither is set.
// - `Seal` uses a fresh random 96-bit nonce per record and binds `associated_data` (tenant/user/provider) into the tag,
//   so a sealed token copied to another row does not open. Output: "v1.<kid>.<base64url nonce>.<base64url
//   ciphertext||tag>" — ASCII, storable in a TEXT column.
// - `Open` fails with "unknown_key" (kid not in the ring), "decrypt_failed" (tampered, wrong AAD, wrong key) or
//   "invalid_sealed_value" (shape). Never returns partial plaintext.
// - `NeedsRotation(sealed)` is true when the record was sealed with a key other than the active one
//   (`slotwise keys rotate` re-seals those).
// - Thread-safe once built (immutable).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::crypto {

class Keyring {
 public:
  static Result<Keyring> FromEnvironment();
  static Result<Keyring> Parse(std::string_view spec);  // "kid:<base64>,kid2:<base64>" or newline separated
  static std::string NewKeySpec(std::string_view kid);  // "kid:<base64 of 32 random bytes>"

  const std::string& active_kid() const { return active_kid_; }
  const std::string* Key(std::string_view kid) const;  // nullptr when absent

 private:
  std::string active_kid_;
  std::map<std::string, std::string, std::less<>> keys_;  // kid -> 32 raw bytes
};

class TokenVault {
 public:
  explicit TokenVault(Keyring keyring) : keyring_(std::move(keyring)) {}

  std::string Seal(std::string_view plaintext, std::string_view associated_data) const;
  Result<std::string> Open(std::string_view sealed, std::string_view associated_data) const;
  bool NeedsRotation(std::string_view sealed) const;

 private:
  Keyring keyring_;
};

}  // namespace slotwise::crypto
