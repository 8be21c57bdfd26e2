// Tests for backend/auth/security_headers: the exact CSP strings and the dropping of invalid frame ancestors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "auth/security_headers.h"

using namespace slotwise::auth;

namespace {

const std::string kWidgetBase =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'";

}  // namespace

TEST_CASE("SecurityHeaders: the widget policy without origins allows framing by ourselves only") {
  CHECK(WidgetPagePolicy({}) == kWidgetBase);
  CHECK(kContentSecurityPolicyHeader == "Content-Security-Policy");
}

TEST_CASE("SecurityHeaders: frame ancestors are normalised, de-duplicated and kept in order") {
  CHECK(WidgetPagePolicy({"https://ats.example.com"}) == kWidgetBase + " https://ats.example.com");
  CHECK(WidgetPagePolicy({"HTTPS://ATS.example.com:443", "http://localhost:3000", "https://ats.example.com"}) ==
        kWidgetBase + " https://ats.example.com http://localhost:3000");
}

TEST_CASE("SecurityHeaders: invalid frame ancestors are dropped and cannot inject directives") {
  const std::vector<std::string> hostile = {"*",
                                            "https://*.example.com",
                                            "null",
                                            "https://ats.example.com; script-src *",
                                            "https://ats.example.com/path",
                                            "'unsafe-inline'",
                                            "data:",
                                            "javascript:alert(1)",
                                            "https://ats.example.com 'unsafe-eval'",
                                            "https://ats.example.com\r\nSet-Cookie: x=y",
                                            ""};
  CHECK(WidgetPagePolicy(hostile) == kWidgetBase);
  std::vector<std::string> mixed = hostile;
  mixed.push_back("https://good.example.org");
  const std::string policy = WidgetPagePolicy(mixed);
  CHECK(policy == kWidgetBase + " https://good.example.org");
  CHECK(policy.find('*') == std::string::npos);
}

TEST_CASE("SecurityHeaders: the standard headers") {
  const auto headers = StandardSecurityHeaders();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
  };
  CHECK(headers == expected);
  for (const auto& [name, value] : headers) {
    CHECK(name != "X-Frame-Options");  // widget pages are framed by the ATS; frame-ancestors decides
  }
}
