// config_checks.h — value checks shared by the configuration file reader and the environment overrides (internal to
// slotwise_config). Each Normalize* returns the value as stored, or nullopt when it is not acceptable; the matching
// k*Rule completes the sentence "<key> must be …" in error messages.
//
// Contract: pure functions, thread-safe, no exceptions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/server_config.h"

namespace slotwise::config::detail {

inline constexpr std::string_view kHostRule = "a host name or IP address (no spaces, at most 253 characters)";
inline constexpr std::string_view kUrlRule =
    "an absolute http:// or https:// URL with a host and no query, fragment or spaces";
inline constexpr std::string_view kCidrRule = "an IPv4 or IPv6 address or CIDR block (\"10.0.0.0/8\", \"::1/128\")";
inline constexpr std::string_view kKeyHashRule = "64 hexadecimal digits (the SHA-256 of the admin key)";
inline constexpr std::string_view kEmailRule = "an e-mail address (local@domain, ASCII, no spaces or <>)";
inline constexpr std::string_view kTokenRule = "a non-empty ASCII word without spaces or control characters";
inline constexpr std::string_view kKidRule = "1 to 64 characters of A-Z a-z 0-9 - _ (a widget key id)";
inline constexpr std::string_view kPathRule = "a non-empty UTF-8 path without control characters";
inline constexpr std::string_view kHostPortRule =
    "a host name or IP address with an optional :port (\"ats.internal.example\", \"10.0.0.5:8443\", "
    "\"[fd00::5]:8443\")";

std::optional<std::string> NormalizeHost(std::string_view host);
std::optional<std::string> NormalizeUrl(std::string_view url);      // drops trailing '/'
std::optional<std::string> NormalizeCidr(std::string_view cidr);    // trims surrounding spaces
std::optional<std::string> NormalizeKeyHash(std::string_view hex);  // lowercase; "" stays "" (no key)
std::optional<std::string> NormalizeListedKeyHash(std::string_view hex);  // NormalizeKeyHash, but "" is refused
std::optional<std::string> NormalizeKid(std::string_view kid);  // kKidRule, as auth/widget_tokens.h's kid syntax
std::optional<std::string> NormalizeEmail(std::string_view address);
std::optional<std::string> NormalizeToken(std::string_view text);
std::optional<std::string> NormalizePath(std::string_view path);
std::optional<std::string> NormalizeHostPort(std::string_view entry);  // lowercase; IPv6 in brackets; port 1..65535

// A decimal integer ("-12", "8080"; no spaces, no '+', no exponent) in [min, max]; nullopt otherwise.
std::optional<std::int64_t> ParseInteger(std::string_view text, std::int64_t min, std::int64_t max);

// The four providers, in documentation order: JSON key, environment prefix (SLOTWISE_<prefix>_CLIENT_ID), member.
struct ProviderSlot {
  std::string_view json_key;
  std::string_view env_name;
  ProviderConfig ProvidersConfig::*member;
};
inline constexpr std::array<ProviderSlot, 4> kProviderSlots{{
    {"google", "GOOGLE", &ProvidersConfig::google},
    {"microsoft", "MICROSOFT", &ProvidersConfig::microsoft},
    {"zoom", "ZOOM", &ProvidersConfig::zoom},
    {"goto", "GOTO", &ProvidersConfig::go_to},
}};

// mail.smtp with security "none" and a username: the password would cross the network in clear. Refused where the
// file is read and again once the environment is applied (ValidateServerConfig).
inline bool SendsPasswordInClear(const SmtpConfig& smtp) {
  return smtp.security == SmtpSecurity::kNone && !smtp.username.empty();
}
inline constexpr std::string_view kPasswordInClearMessage =
    "mail.smtp.security \"none\" would send the password of mail.smtp.username in clear: use \"starttls\" or "
    "\"tls\", or no username for a trusted relay that needs none.";

// Bounds of the numeric keys (docs/CONFIG.md), shared by the file and the environment.
inline constexpr std::int64_t kMaxBodyBytesLimit = std::int64_t{1} << 30;
inline constexpr std::int64_t kMaxHeaderBytesLimit = std::int64_t{1} << 20;
inline constexpr std::int64_t kMaxSeconds = 3600;
inline constexpr std::int64_t kMaxThreads = 1024;
inline constexpr std::int64_t kMaxConnections = 1'000'000;
inline constexpr std::int64_t kMaxRatePerMinute = 10'000'000;  // limits.rate.* (and max_tracked_keys)
inline constexpr std::int64_t kMaxAttempts = 1000;
inline constexpr std::int64_t kMaxBackoffMs = 86'400'000;
inline constexpr std::int64_t kMaxCacheTtlSeconds = 86'400;
inline constexpr std::int64_t kMaxCacheEntries = 10'000'000;

}  // namespace slotwise::config::detail
