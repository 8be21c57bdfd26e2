// cors.h — exact-origin CORS decisions for the API called by the embedded widget from an ATS's pages.
//
// Policy: a cross-origin request is allowed only when its Origin equals one of the tenant's configured origins after
// NormalizeOrigin on both sides. No wildcards, no suffix or subdomain matching, no "null" origin, and scheme and port
// must match too (https://ats.example.com does not allow http://ats.example.com nor https://ats.example.com:8443).
// Credentials (cookies) are never allowed: tokens travel in the Authorization header, so no
// Access-Control-Allow-Credentials is sent.
//
// The route copies every `headers` pair onto the response, refused or not. For a preflight (`preflight` true) it
// answers 204 without running the handler; a refused preflight or a refused actual request simply lacks the
// Access-Control-Allow-* headers, and the browser blocks it. CORS is not access control: the token still decides.
//
// Thread safety: pure functions, callable concurrently. No function throws except std::bad_alloc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slotwise::auth {

inline constexpr std::string_view kCorsAllowMethods = "GET, POST, PATCH, DELETE, OPTIONS";
inline constexpr std::string_view kCorsAllowHeaders = "Authorization, Content-Type, Idempotency-Key";
inline constexpr std::string_view kCorsExposeHeaders = "Idempotency-Replayed, Retry-After, Location";
inline constexpr std::string_view kCorsMaxAgeSeconds = "600";

// The ASCII serialisation of an origin: "<scheme>://<host>[:<port>]" with scheme and host lowercased and the default
// port (80 for http, 443 for https) dropped; an IPv6 host keeps its brackets and is written in RFC 5952 form.
// nullopt unless `text` is exactly scheme "://" host [":" port] with scheme http or https, a host of dot-separated
// non-empty labels of A-Z a-z 0-9 '-' (at most 253 characters; IDNs must be given in punycode) or a bracketed IPv6
// literal, and a port of 1..5 digits in 1..65535. Refused: "null", userinfo ('@'), any path (even "/"), query or
// fragment, spaces, control characters, a trailing dot or an empty port.
std::optional<std::string> NormalizeOrigin(std::string_view text);

struct CorsRequest {
  std::string method;                          // request method, e.g. "GET", "OPTIONS" (case-sensitive, as HTTP)
  std::string origin;                          // Origin header; empty when absent
  std::string access_control_request_method;   // empty when absent
  std::string access_control_request_headers;  // comma-separated names; empty when absent
};

struct CorsDecision {
  bool allowed = false;    // the origin (and, for a preflight, the method and headers) is allowed
  bool preflight = false;  // OPTIONS with Access-Control-Request-Method: answer 204, do not run the handler
  std::vector<std::pair<std::string, std::string>> headers;  // response headers to add; always has Vary: Origin
};

// Decides one request against the tenant's `allowed_origins` (configuration text; entries that NormalizeOrigin
// refuses are ignored). `headers` always starts with {"Vary", "Origin"}. When allowed it also holds
// Access-Control-Allow-Origin = request.origin exactly as sent, then:
//   preflight      Access-Control-Allow-Methods kCorsAllowMethods, Access-Control-Allow-Headers kCorsAllowHeaders,
//                  Access-Control-Max-Age kCorsMaxAgeSeconds. Refused when the requested method is not one of
//                  GET POST PATCH DELETE OPTIONS, or a requested header is not Authorization, Content-Type or
//                  Idempotency-Key (compared case-insensitively; empty list items are ignored).
//   non-preflight  Access-Control-Expose-Headers kCorsExposeHeaders.
// A request without Origin is not a CORS request: allowed = false, headers = {Vary: Origin}; the route serves it
// normally (same-origin and server-to-server calls).
CorsDecision DecideCors(const CorsRequest& request, const std::vector<std::string>& allowed_origins);

}  // namespace slotwise::auth
