// cors.cpp — see cors.h.
#include "auth/cors.h"

#include <array>
#include <algorithm>
#include <charconv>

#include <arpa/inet.h>

#include "slotwise/ascii.h"

namespace slotwise::auth {
namespace {

constexpr std::size_t kMaxHostChars = 253;
constexpr std::size_t kMaxLabelChars = 63;
constexpr std::array<std::string_view, 5> kAllowedMethods = {"GET", "POST", "PATCH", "DELETE", "OPTIONS"};
constexpr std::array<std::string_view, 3> kAllowedHeaders = {"authorization", "content-type", "idempotency-key"};

bool IsHostCharacter(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
}

// A lowercased DNS-style host: dot-separated labels of a-z 0-9 '-', each 1..63 characters.
bool IsValidHostName(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostChars) return false;
  for (std::string_view label : Split(host, '.')) {
    if (label.empty() || label.size() > kMaxLabelChars) return false;
    if (!std::all_of(label.begin(), label.end(), IsHostCharacter)) return false;
  }
  return true;
}

// "[v6]" -> "[canonical v6]"; nullopt when the literal does not parse.
std::optional<std::string> CanonicalIpv6Literal(std::string_view bracketed) {
  const std::string inner(bracketed.substr(1, bracketed.size() - 2));
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, inner.c_str(), bytes) != 1) return std::nullopt;
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, bytes, text, sizeof text) == nullptr) return std::nullopt;
  return "[" + std::string(text) + "]";
}

bool IsPreflight(const CorsRequest& request) {
  return request.method == "OPTIONS" && !request.access_control_request_method.empty();
}

bool RequestedHeadersAllowed(std::string_view list) {
  for (std::string_view item : Split(list, ',')) {
    const std::string name = AsciiLower(TrimBlanks(item));
    if (name.empty()) continue;
    if (std::find(kAllowedHeaders.begin(), kAllowedHeaders.end(), name) == kAllowedHeaders.end()) return false;
  }
  return true;
}

bool OriginAllowed(std::string_view origin, const std::vector<std::string>& allowed_origins) {
  const auto normalized = NormalizeOrigin(origin);
  if (!normalized) return false;
  return std::any_of(allowed_origins.begin(), allowed_origins.end(), [&](const std::string& allowed) {
    const auto candidate = NormalizeOrigin(allowed);
    return candidate && *candidate == *normalized;
  });
}

}  // namespace

std::optional<std::string> NormalizeOrigin(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string scheme = AsciiLower(text.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view authority = text.substr(scheme_end + 3);
  if (authority.find_first_of("/?#@\\") != std::string_view::npos) return std::nullopt;

  std::string host;
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const auto literal = CanonicalIpv6Literal(authority.substr(0, close + 1));
    if (!literal) return std::nullopt;
    host = *literal;
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      has_port = true;
      port_text = rest.substr(1);
    }
  } else {
    const std::size_t colon = authority.find(':');
    host = AsciiLower(authority.substr(0, colon));
    if (!IsValidHostName(host)) return std::nullopt;
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
    }
  }

  std::string origin = scheme + "://" + host;
  if (has_port) {
    if (port_text.empty() || port_text.size() > 5 ||
        !std::all_of(port_text.begin(), port_text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return std::nullopt;
    }
    int port = 0;
    std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port < 1 || port > 65535) return std::nullopt;
    const int default_port = scheme == "http" ? 80 : 443;
    if (port != default_port) origin += ":" + std::to_string(port);
  }
  return origin;
}

CorsDecision DecideCors(const CorsRequest& request, const std::vector<std::string>& allowed_origins) {
  CorsDecision decision;
  decision.preflight = IsPreflight(request);
  decision.headers.emplace_back("Vary", "Origin");
  if (request.origin.empty() || !OriginAllowed(request.origin, allowed_origins)) return decision;

  if (decision.preflight) {
    const bool method_allowed = std::find(kAllowedMethods.begin(), kAllowedMethods.end(),
                                          request.access_control_request_method) != kAllowedMethods.end();
    if (!method_allowed || !RequestedHeadersAllowed(request.access_control_request_headers)) return decision;
    decision.allowed = true;
    decision.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
    decision.headers.emplace_back("Access-Control-Allow-Methods", kCorsAllowMethods);
    decision.headers.emplace_back("Access-Control-Allow-Headers", kCorsAllowHeaders);
    decision.headers.emplace_back("Access-Control-Max-Age", kCorsMaxAgeSeconds);
    return decision;
  }
  decision.allowed = true;
  decision.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
  decision.headers.emplace_back("Access-Control-Expose-Headers", kCorsExposeHeaders);
  return decision;
}

}  // namespace slotwise::auth
