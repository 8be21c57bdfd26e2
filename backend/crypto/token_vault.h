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
#include <utility>

#include "slotwise/result.h"

namespace slotwise::crypto {

class Keyring {
 public:
  static Result<Keyring> FromEnvironment();
  // "kid:<base64>,kid2:<base64>" or newline separated; blank entries and '#' lines are skipped. kid: 1–64 of
  // [A-Za-z0-9_-]; key: standard or url-safe base64 of exactly 32 bytes. Errors ("invalid_keyring") name the entry
  // by number and kid, never the key material; duplicates and an empty ring are refused. FromEnvironment adds
  // "no_token_keys" (neither variable set) and "keyring_unreadable" (file).
  static Result<Keyring> Parse(std::string_view spec);
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

  // Never fails for a keyring built by Parse/FromEnvironment (aborts with a message on an empty, default-built one).
  std::string Seal(std::string_view plaintext, std::string_view associated_data) const;
  Result<std::string> Open(std::string_view sealed, std::string_view associated_data) const;
  // True when `sealed` is well formed and names a key other than the active one; false for malformed values (there
  // is nothing to re-seal; `Open` reports their error).
  bool NeedsRotation(std::string_view sealed) const;
  // Open + Seal under the active key (same associated data): what `slotwise keys rotate` does per record.
  Result<std::string> Reseal(std::string_view sealed, std::string_view associated_data) const;

 private:
  Keyring keyring_;
};

}  // namespace slotwise::crypto
