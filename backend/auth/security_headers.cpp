// security_headers.cpp — see security_headers.h.
#include "auth/security_headers.h"

#include <algorithm>

#include "auth/cors.h"

namespace slotwise::auth {

std::string WidgetPagePolicy(const std::vector<std::string>& frame_ancestor_origins) {
  std::vector<std::string> origins;
  for (const std::string& text : frame_ancestor_origins) {
    auto origin = NormalizeOrigin(text);
    if (origin && std::find(origins.begin(), origins.end(), *origin) == origins.end()) {
      origins.push_back(std::move(*origin));
    }
  }
  std::string policy =
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
      "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'self'";
  for (const std::string& origin : origins) policy += " " + origin;
  return policy;
}

std::vector<std::pair<std::string, std::string>> StandardSecurityHeaders() {
  return {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
  };
}

}  // namespace slotwise::auth
