// display_secrets.h — the two secrets of a room display (docs/ROOM_DISPLAYS.md): the one-time pairing code an
// administrator reads to whoever sets up the tablet, and the device token the tablet keeps afterwards.
//
// Contract:
// - A pairing code is kPairingCodeLength characters of Crockford's base 32 (digits and upper-case letters without
//   I, L, O, U: 40 random bits), shown as "XXXX-XXXX". NormalisePairingCode reads what a person typed: case, spaces
//   and dashes do not matter, and the letters people mistake for digits are read as those digits (O → 0, I and L →
//   1); anything else, or the wrong length, is nullopt.
// - A device token is "swd_" followed by 43 base64url characters (256 random bits).
// - Only SecretHash (hex SHA-256) of either is ever stored; both are compared by looking the hash up.
// - Pure apart from the random source (OpenSSL); thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotwise::displays {

inline constexpr std::size_t kPairingCodeLength = 8;
inline constexpr std::string_view kDeviceTokenPrefix = "swd_";
inline constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string NewPairingCode();  // kPairingCodeLength characters of kCodeAlphabet, no dash
std::string ShownPairingCode(std::string_view code);  // "ABCD-EFGH"
std::optional<std::string> NormalisePairingCode(std::string_view typed);
std::string NewDeviceToken();
bool LooksLikeDeviceToken(std::string_view text);  // the prefix and the length; says nothing about validity
std::string SecretHash(std::string_view secret);

}  // namespace slotwise::displays
