// config_checks.cpp — see config_checks.h.
#include "config/config_checks.h"
#include "slotwise/ascii.h"

#include <arpa/inet.h>

#include <charconv>

namespace slotwise::config::detail {
namespace {

bool IsControl(char ch) {
  return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f;
}
bool IsVisibleAscii(char ch) {
  return ch > 0x20 && ch < 0x7f;
}

bool AllVisibleAscii(std::string_view text) {
  for (char ch : text) {
    if (!IsVisibleAscii(ch)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> NormalizeHost(std::string_view host) {
  if (host.empty() || host.size() > 253 || !AllVisibleAscii(host)) return std::nullopt;
  if (host.find_first_of("/?#@") != std::string_view::npos) return std::nullopt;
  return std::string(host);
}

std::optional<std::string> NormalizeHostPort(std::string_view entry) {
  std::string_view host = entry;
  std::string_view port;
  if (!entry.empty() && entry.front() == '[') {
    const std::size_t close = entry.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = entry.substr(1, close - 1);
    const std::string_view after = entry.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || after.size() == 1)) return std::nullopt;
    if (!after.empty()) port = after.substr(1);
    if (host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) return std::nullopt;
  } else if (const std::size_t colon = entry.find(':'); colon != std::string_view::npos) {
    host = entry.substr(0, colon);
    port = entry.substr(colon + 1);
    if (port.empty()) return std::nullopt;
  }
  const bool bracketed = !entry.empty() && entry.front() == '[';
  if (!NormalizeHost(host) || (!bracketed && host.find_first_of("[]") != std::string_view::npos)) return std::nullopt;
  if (!port.empty() && !ParseInteger(port, 1, 65535)) return std::nullopt;
  return AsciiLower(entry);
}

std::optional<std::string> NormalizeUrl(std::string_view url) {
  std::string scheme;
  if (StartsWithIgnoreCase(url, "http://")) {
    scheme = "http://";
  } else if (StartsWithIgnoreCase(url, "https://")) {
    scheme = "https://";
  } else {
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  if (!AllVisibleAscii(rest) || rest.find_first_of("?#") != std::string_view::npos) return std::nullopt;
  const std::size_t slash = rest.find('/');
  if (slash == 0 || rest.empty()) return std::nullopt;  // no host
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  return scheme + std::string(rest);
}

std::optional<std::string> NormalizeCidr(std::string_view cidr) {
  cidr = TrimBlanks(cidr);
  const std::size_t slash = cidr.find('/');
  const std::string address(cidr.substr(0, slash));
  unsigned char buffer[16];
  int max_prefix = 0;
  if (inet_pton(AF_INET, address.c_str(), buffer) == 1) {
    max_prefix = 32;
  } else if (inet_pton(AF_INET6, address.c_str(), buffer) == 1) {
    max_prefix = 128;
  } else {
    return std::nullopt;
  }
  if (slash != std::string_view::npos) {
    const std::string_view prefix = cidr.substr(slash + 1);
    if (prefix.empty() || prefix.front() == '-' || !ParseInteger(prefix, 0, max_prefix)) return std::nullopt;
  }
  return std::string(cidr);
}

std::optional<std::string> NormalizeKeyHash(std::string_view hex) {
  if (hex.empty()) return std::string();
  if (hex.size() != 64) return std::nullopt;
  std::string lower;
  for (char ch : hex) {
    if (ch >= 'A' && ch <= 'F') ch = static_cast<char>(ch - 'A' + 'a');
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return std::nullopt;
    lower += ch;
  }
  return lower;
}

std::optional<std::string> NormalizeListedKeyHash(std::string_view hex) {
  if (hex.empty()) return std::nullopt;
  return NormalizeKeyHash(hex);
}

std::optional<std::string> NormalizeKid(std::string_view kid) {
  if (kid.empty() || kid.size() > 64) return std::nullopt;
  for (char ch : kid) {
    const bool allowed = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                         ch == '-' || ch == '_';
    if (!allowed) return std::nullopt;
  }
  return std::string(kid);
}

std::optional<std::string> NormalizeEmail(std::string_view address) {
  if (address.size() > 254 || !AllVisibleAscii(address)) return std::nullopt;
  if (address.find_first_of("<>()[],;:\"\\") != std::string_view::npos) return std::nullopt;
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || address.find('@', at + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view domain = address.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return std::nullopt;
  return std::string(address);
}

std::optional<std::string> NormalizeToken(std::string_view text) {
  if (text.empty() || !AllVisibleAscii(text)) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> NormalizePath(std::string_view path) {
  if (path.empty() || !IsValidUtf8(path)) return std::nullopt;  // the file can only say UTF-8; the environment alike
  for (char ch : path) {
    if (IsControl(ch)) return std::nullopt;
  }
  return std::string(path);
}

std::optional<std::int64_t> ParseInteger(std::string_view text, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace slotwise::config::detail
