// display_secrets.cpp — see display_secrets.h.
#include "displays/display_secrets.h"

#include "crypto/crypto_primitives.h"

namespace slotwise::displays {

std::string NewPairingCode() {
  const std::string bytes = crypto::RandomBytes(kPairingCodeLength);
  std::string code;
  // 256 is a multiple of 32: taking each byte modulo 32 keeps every character equally likely.
  for (unsigned char byte : bytes) code.push_back(kCodeAlphabet[byte % kCodeAlphabet.size()]);
  return code;
}

std::string ShownPairingCode(std::string_view code) {
  if (code.size() != kPairingCodeLength) return std::string(code);
  return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4));
}

std::optional<std::string> NormalisePairingCode(std::string_view typed) {
  std::string code;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch == 'O') ch = '0';
    if (ch == 'I' || ch == 'L') ch = '1';
    if (kCodeAlphabet.find(ch) == std::string_view::npos) return std::nullopt;
    code.push_back(ch);
    if (code.size() > kPairingCodeLength) return std::nullopt;
  }
  if (code.size() != kPairingCodeLength) return std::nullopt;
  return code;
}

std::string NewDeviceToken() { return std::string(kDeviceTokenPrefix) + crypto::RandomToken(32); }

bool LooksLikeDeviceToken(std::string_view text) {
  if (text.rfind(kDeviceTokenPrefix, 0) != 0 || text.size() != kDeviceTokenPrefix.size() + 43) return false;
  for (char ch : text.substr(kDeviceTokenPrefix.size())) {
    if (!crypto::IsBase64UrlCharacter(ch)) return false;
  }
  return true;
}

std::string SecretHash(std::string_view secret) { return crypto::HexEncode(crypto::Sha256(secret)); }

}  // namespace slotwise::displays
