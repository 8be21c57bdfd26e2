// crypto_primitives.h — the small cryptographic building blocks every other part uses, over OpenSSL.
//
// Contract: thread-safe; no function throws. Bytes travel as std::string (binary-safe). RandomBytes draws from
// OpenSSL's CSPRNG and aborts the process if it cannot (running without randomness would be worse than stopping).
// ConstantTimeEquals takes time that depends only on the lengths, never on where the inputs differ.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotwise::crypto {

std::string RandomBytes(std::size_t count);
// A random token of `bytes` bytes as base64url without padding (43 characters for 32 bytes).
std::string RandomToken(std::size_t bytes = 32);

std::string Sha256(std::string_view data);                                // 32 raw bytes
std::string HmacSha256(std::string_view key, std::string_view data);     // 32 raw bytes

bool ConstantTimeEquals(std::string_view a, std::string_view b);
// Equality of two secrets that also hides their lengths: compares their SHA-256 digests in constant time.
bool SecretEquals(std::string_view a, std::string_view b);

std::string HexEncode(std::string_view bytes);                            // lowercase
std::optional<std::string> HexDecode(std::string_view hex);

std::string Base64Encode(std::string_view bytes);                         // standard alphabet, padded
std::optional<std::string> Base64Decode(std::string_view text);           // padded or not
std::string Base64UrlEncode(std::string_view bytes);                      // RFC 4648 §5, no padding
std::optional<std::string> Base64UrlDecode(std::string_view text);        // padding optional
bool IsBase64UrlCharacter(char ch);                                        // A-Z a-z 0-9 '-' '_' 

}  // namespace slotwise::crypto
