// security_headers.h — the Content-Security-Policy of the widget pages and the security headers every response carries.
//
// Widget pages are the WebAssembly widget (web/index.html + widget.js/.wasm), framed by the tenant's ATS pages:
// scripts only from our origin (no inline script, no eval); 'wasm-unsafe-eval' lets the browser compile widget.wasm;
// inline styles are allowed (the overlay); fetches only to our origin. (The OAuth callback page, never framed, sets
// its own policy where it is rendered.) Values are plain header values; the route sets them as
// `Content-Security-Policy`.
//
// Thread safety: pure functions, callable concurrently. No function throws except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slotwise::auth {

inline constexpr std::string_view kContentSecurityPolicyHeader = "Content-Security-Policy";

// The CSP of the widget pages:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline';
//   img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';
//   form-action 'self'; frame-ancestors 'self' <origins...>
// Each of `frame_ancestor_origins` (configuration text, e.g. the tenant's ATS origins) is passed through
// NormalizeOrigin (cors.h); entries it refuses — wildcards, paths, "null", other schemes — are DROPPED silently,
// since a bad entry must never widen the policy nor inject a directive; duplicates are written once, in first-seen
// order. With no valid origin the last directive is `frame-ancestors 'self'`. Note that CSP lets a source
// "http://host" also match "https://host" (a secure upgrade), never the reverse.
std::string WidgetPagePolicy(const std::vector<std::string>& frame_ancestor_origins);

// Headers every response gets, whatever its type (the CSP is added per page on top):
//   X-Content-Type-Options: nosniff
//   Referrer-Policy: no-referrer                      (OAuth codes and tokens never leak through Referer)
//   Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
// No X-Frame-Options: widget pages are framed by the ATS (frame-ancestors decides, also on locked pages).
std::vector<std::pair<std::string, std::string>> StandardSecurityHeaders();

}  // namespace slotwise::auth
