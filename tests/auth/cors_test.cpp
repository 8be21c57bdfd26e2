// Tests for backend/auth/cors: exact-origin matching, preflights and the headers of each answer.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/cors.h"

using namespace slotwise::auth;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

const std::vector<std::string> kAllowed = {"https://ats.example.com", "http://localhost:3000"};

CorsRequest Get(std::string origin) { return CorsRequest{"GET", std::move(origin), "", ""}; }

CorsRequest Preflight(std::string origin, std::string method = "POST",
                      std::string headers = "authorization, content-type") {
  return CorsRequest{"OPTIONS", std::move(origin), std::move(method), std::move(headers)};
}

std::optional<std::string> Header(const CorsDecision& decision, const std::string& name) {
  for (const auto& [key, value] : decision.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

const Headers kVaryOnly = {{"Vary", "Origin"}};

}  // namespace

TEST_CASE("Cors: NormalizeOrigin lowercases, drops default ports and refuses anything but an origin") {
  CHECK(NormalizeOrigin("https://ats.example.com") == "https://ats.example.com");
  CHECK(NormalizeOrigin("HTTPS://ATS.Example.COM") == "https://ats.example.com");
  CHECK(NormalizeOrigin("https://ats.example.com:443") == "https://ats.example.com");
  CHECK(NormalizeOrigin("http://ats.example.com:80") == "http://ats.example.com");
  CHECK(NormalizeOrigin("http://ats.example.com:443") == "http://ats.example.com:443");
  CHECK(NormalizeOrigin("https://ats.example.com:80") == "https://ats.example.com:80");
  CHECK(NormalizeOrigin("https://ats.example.com:0443") == "https://ats.example.com");
  CHECK(NormalizeOrigin("http://localhost:3000") == "http://localhost:3000");
  CHECK(NormalizeOrigin("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
  CHECK(NormalizeOrigin("http://[::1]:8080") == "http://[::1]:8080");
  CHECK(NormalizeOrigin("https://[2001:DB8:0:0::1]") == "https://[2001:db8::1]");
  CHECK(NormalizeOrigin("https://xn--bcher-kva.example") == "https://xn--bcher-kva.example");

  for (const char* refused :
       {"", "null", "NULL", "ats.example.com", "//ats.example.com", "ftp://ats.example.com", "ws://ats.example.com",
        "file:///etc/passwd", "https://", "https://ats.example.com/", "https://ats.example.com/path",
        "https://ats.example.com?q=1", "https://ats.example.com#f", "https://user@ats.example.com",
        "https://user:pass@ats.example.com", "https://ats.example.com:", "https://ats.example.com:0",
        "https://ats.example.com:65536", "https://ats.example.com:123456", "https://ats.example.com:-1",
        "https://ats.example.com.", "https://.example.com", "https://ats..example.com", "https://*.example.com",
        "https://ats example.com", "https://ats.example.com ", " https://ats.example.com", "https://ats_x.example.com",
        "https://b\xc3\xbc" "cher.example", "https://[::1", "https://[zz::1]", "https://[::1]x", "https://a\\b.example",
        "https://ats.example.com\r\n"}) {
    CHECK_MESSAGE(!NormalizeOrigin(refused), "accepted: " << refused);
  }
}

TEST_CASE("Cors: an allowed origin gets Allow-Origin exactly as sent, exposed headers, and no credentials") {
  const CorsDecision decision = DecideCors(Get("https://ats.example.com"), kAllowed);
  CHECK(decision.allowed);
  CHECK_FALSE(decision.preflight);
  CHECK(decision.headers == Headers{{"Vary", "Origin"},
                                    {"Access-Control-Allow-Origin", "https://ats.example.com"},
                                    {"Access-Control-Expose-Headers", "Idempotency-Replayed, Retry-After, Location"}});
  CHECK_FALSE(Header(decision, "Access-Control-Allow-Credentials"));

  // Explicit default port on either side matches; Allow-Origin echoes the request's text.
  const CorsDecision with_port = DecideCors(Get("https://ats.example.com:443"), kAllowed);
  CHECK(with_port.allowed);
  CHECK(Header(with_port, "Access-Control-Allow-Origin") == "https://ats.example.com:443");
  CHECK(DecideCors(Get("https://ats.example.com"), {"https://ATS.example.com:443"}).allowed);
  CHECK(DecideCors(Get("http://localhost:3000"), kAllowed).allowed);
}

TEST_CASE("Cors: anything but an exact match is refused, with only Vary: Origin") {
  for (const char* origin : {"https://ats.example.evil.test", "https://ats.example.com.evil.test",
                             "https://evil-ats.example.com", "https://sub.ats.example.com", "https://example.com",
                             "http://ats.example.com", "https://ats.example.com:8443", "http://localhost:3001",
                             "https://localhost:3000", "http://localhost", "null", "https://ats.example.com/",
                             "https://user@ats.example.com", "*"}) {
    const CorsDecision decision = DecideCors(Get(origin), kAllowed);
    CHECK_MESSAGE(!decision.allowed, "allowed: " << origin);
    CHECK_MESSAGE(decision.headers == kVaryOnly, "headers for: " << origin);
  }
}

TEST_CASE("Cors: no wildcard or suffix entries in the configuration match anything") {
  const std::vector<std::string> sloppy = {"*", "https://*.example.com", ".example.com", "example.com", "null",
                                           "https://example.com/"};
  for (const char* origin : {"https://ats.example.com", "https://example.com", "null"}) {
    CHECK_MESSAGE(!DecideCors(Get(origin), sloppy).allowed, origin);
  }
  CHECK_FALSE(DecideCors(Get("https://ats.example.com"), {}).allowed);
}

TEST_CASE("Cors: a request without Origin is not CORS but still varies on Origin") {
  const CorsDecision decision = DecideCors(Get(""), kAllowed);
  CHECK_FALSE(decision.allowed);
  CHECK_FALSE(decision.preflight);
  CHECK(decision.headers == kVaryOnly);
  const CorsDecision options = DecideCors(CorsRequest{"OPTIONS", "", "", ""}, kAllowed);
  CHECK_FALSE(options.preflight);
  CHECK(options.headers == kVaryOnly);
}

TEST_CASE("Cors: an allowed preflight gets methods, headers and max-age") {
  const CorsDecision decision = DecideCors(Preflight("https://ats.example.com"), kAllowed);
  CHECK(decision.allowed);
  CHECK(decision.preflight);
  CHECK(decision.headers == Headers{{"Vary", "Origin"},
                                    {"Access-Control-Allow-Origin", "https://ats.example.com"},
                                    {"Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS"},
                                    {"Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key"},
                                    {"Access-Control-Max-Age", "600"}});
  CHECK_FALSE(Header(decision, "Access-Control-Expose-Headers"));
  CHECK_FALSE(Header(decision, "Access-Control-Allow-Credentials"));

  for (const char* method : {"GET", "POST", "PATCH", "DELETE", "OPTIONS"}) {
    CHECK_MESSAGE(DecideCors(Preflight("https://ats.example.com", method, ""), kAllowed).allowed, method);
  }
  CHECK(DecideCors(Preflight("https://ats.example.com", "PATCH", "Idempotency-Key,AUTHORIZATION , Content-Type"),
                   kAllowed)
            .allowed);
  CHECK(DecideCors(Preflight("https://ats.example.com", "POST", " , authorization,"), kAllowed).allowed);
}

TEST_CASE("Cors: preflights asking for other headers or methods are refused") {
  for (const char* headers : {"x-custom", "authorization, x-custom", "cookie", "content-type,x-requested-with",
                              "authorization-x", "idempotency"}) {
    const CorsDecision decision = DecideCors(Preflight("https://ats.example.com", "POST", headers), kAllowed);
    CHECK_MESSAGE(!decision.allowed, headers);
    CHECK(decision.preflight);
    CHECK(decision.headers == kVaryOnly);
  }
  for (const char* method : {"PUT", "TRACE", "CONNECT", "get", "post"}) {
    CHECK_MESSAGE(!DecideCors(Preflight("https://ats.example.com", method), kAllowed).allowed, method);
  }
  const CorsDecision wrong_origin = DecideCors(Preflight("https://ats.example.evil.test"), kAllowed);
  CHECK_FALSE(wrong_origin.allowed);
  CHECK(wrong_origin.preflight);
  CHECK(wrong_origin.headers == kVaryOnly);
}

TEST_CASE("Cors: OPTIONS without Access-Control-Request-Method is an ordinary request") {
  const CorsDecision decision = DecideCors(CorsRequest{"OPTIONS", "https://ats.example.com", "", "x-custom"}, kAllowed);
  CHECK(decision.allowed);
  CHECK_FALSE(decision.preflight);
  CHECK(Header(decision, "Access-Control-Expose-Headers"));
}
