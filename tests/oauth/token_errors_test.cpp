// Tests for backend/oauth token-endpoint errors: classification of each provider's error bodies, bounded retries,
// Retry-After, timeouts and network failures — all against a real local server.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>

#include "oauth/oauth_client.h"
#include "oauth/token_endpoint.h"
#include "oauth_test_util.h"
#include "slotwise/error_codes.h"

using namespace slotwise::oauth;
using slotwise::testing::kNow;
using slotwise::testing::kSecret;
using slotwise::testing::Registration;
using slotwise::testing::ScriptedReply;
using slotwise::testing::TokenServer;

namespace {

struct Fixture {
  TokenServer server;
  std::unique_ptr<slotwise::net::HttpTransport> transport = slotwise::net::MakeHttplibTransport();

  slotwise::Error RefreshError(Provider provider, int status, std::string body, std::string tenant = "organizations") {
    server.Enqueue(status, std::move(body));
    const OAuthClient client(Registration(provider, server.Url(), tenant), *transport);
    const auto result = client.Refresh("the-refresh-token", kNow);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find(kSecret) == std::string::npos);
    CHECK(result.error().message.find("the-refresh-token") == std::string::npos);
    return result.error();
  }
};

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("OAuth: invalid_grant and its relatives mean the user must connect again") {
  Fixture f;
  auto error = f.RefreshError(Provider::kGoogle, 400,
                              R"({"error":"invalid_grant","error_description":"Token has been expired or revoked."})");
  CHECK(error.code == slotwise::codes::kReauthNeeded);
  CHECK(error.message.find("invalid_grant") != std::string::npos);
  CHECK(error.message.find("Token has been expired or revoked.") != std::string::npos);

  error = f.RefreshError(Provider::kZoom, 400, R"({"reason":"Invalid Token!","error":"invalid_grant"})");
  CHECK(error.code == slotwise::codes::kReauthNeeded);
  CHECK(error.message.find("Invalid Token!") != std::string::npos);
  error = f.RefreshError(Provider::kZoom, 401, R"({"reason":"Invalid Token!"})");
  CHECK(error.code == slotwise::codes::kReauthNeeded);

  for (const char* code : {"700082", "50173", "70008"}) {
    CAPTURE(code);
    // Only the AADSTS code identifies these (error says something else) — from error_codes and from the text.
    error = f.RefreshError(Provider::kMicrosoft, 400,
                           std::string(R"({"error":"interaction_required","error_description":"AADSTS)") + code +
                               R"(: The refresh token has expired.\r\nTrace ID: 1","error_codes":[)" + code + "]}");
    CHECK(error.code == slotwise::codes::kReauthNeeded);
    CHECK(error.message.find("\r") == std::string::npos);
    error = f.RefreshError(Provider::kMicrosoft, 400,
                           std::string(R"({"error":"server_said","error_description":"AADSTS)") + code + ": x\"}");
    CHECK(error.code == slotwise::codes::kReauthNeeded);
  }
}

TEST_CASE("OAuth: Microsoft AADSTS65001 and 90094 ask for admin consent with the tenant-admin link") {
  Fixture f;
  auto error = f.RefreshError(Provider::kMicrosoft, 400, R"({"error":"invalid_grant","error_description":
      "AADSTS65001: The user or administrator has not consented to use the application with ID 'client-123'.\r\nTrace ID: t",
      "error_codes":[65001],"timestamp":"2025-01-01 00:00:00Z","trace_id":"t","correlation_id":"c"})",
                              "common");
  CHECK(error.code == slotwise::codes::kConsentRequired);
  CHECK(error.message.find("administrator") != std::string::npos);
  CHECK(error.message.find(f.server.Url("/microsoft/organizations/v2.0/adminconsent?client_id=client-123")) !=
        std::string::npos);
  CHECK(error.message.find("AADSTS65001") != std::string::npos);

  error = f.RefreshError(Provider::kMicrosoft, 400,
                         R"({"error":"invalid_request","error_description":"AADSTS90094: Admin consent is required."})",
                         "8f2c");
  CHECK(error.code == slotwise::codes::kConsentRequired);
  CHECK(error.message.find("/microsoft/8f2c/v2.0/adminconsent?") != std::string::npos);
  // A longer code that merely starts with 65001 is not consent.
  error =
      f.RefreshError(Provider::kMicrosoft, 400, R"({"error":"invalid_request","error_description":"AADSTS650011: x"})");
  CHECK(error.code == slotwise::codes::kProviderError);
}

TEST_CASE("OAuth: invalid_client means the registration is wrong") {
  Fixture f;
  CHECK(
      f.RefreshError(Provider::kGoogle, 401, R"({"error":"invalid_client","error_description":"Unauthorized"})").code ==
      slotwise::codes::kInvalidClient);
  CHECK(f.RefreshError(Provider::kZoom, 400,
                       R"({"reason":"Invalid client_id or client_secret","error":"invalid_client"})")
            .code == slotwise::codes::kInvalidClient);
  CHECK(f.RefreshError(Provider::kMicrosoft, 401, R"({"error":"unauthorized","error_description":
      "AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]})")
            .code == slotwise::codes::kInvalidClient);
}

TEST_CASE("OAuth: other refusals are provider errors with the provider's words, and secrets are redacted") {
  Fixture f;
  auto error =
      f.RefreshError(Provider::kGoTo, 400, R"({"error":"invalid_request","error_description":"Missing code"})");
  CHECK(error.code == slotwise::codes::kProviderError);
  CHECK(error.message.find("goto") != std::string::npos);
  CHECK(error.message.find("HTTP 400") != std::string::npos);
  CHECK(error.message.find("invalid_request: Missing code") != std::string::npos);

  // A provider that echoes the request must not leak it through our message.
  error = f.RefreshError(Provider::kGoogle, 400,
                         std::string(R"({"error":"invalid_request","error_description":"got client_secret=)") +
                             kSecret + R"( refresh_token=the-refresh-token"})");
  CHECK(error.code == slotwise::codes::kProviderError);
  CHECK(error.message.find("[redacted]") != std::string::npos);

  error = f.RefreshError(Provider::kGoogle, 404, "<html>Not Found</html>");
  CHECK(error.code == slotwise::codes::kProviderError);
  CHECK(error.message.find("Not Found") != std::string::npos);
}

TEST_CASE("OAuth: 429 with Retry-After is retried after the given wait, then succeeds") {
  Fixture f;
  f.server.Enqueue(ScriptedReply{429, R"({"error":"rate_limited"})", {{"Retry-After", "1"}}, {}});
  f.server.Enqueue(200, R"({"access_token":"after-wait","token_type":"Bearer","expires_in":60})");
  const OAuthClient client(Registration(Provider::kZoom, f.server.Url()), *f.transport);
  const auto start = Clock::now();
  const auto tokens = client.Refresh("r", kNow);
  const double elapsed = SecondsSince(start);
  REQUIRE_MESSAGE(tokens.ok(), tokens.error().message);
  CHECK(tokens->access_token == "after-wait");
  CHECK(f.server.Requests().size() == 2);
  CHECK(elapsed >= 0.95);  // honoured the 1 s, not the ~5 ms backoff
  CHECK(elapsed < 20.0);   // and nothing like a hang (wide: loaded or sanitized builds are slow)
}

TEST_CASE("OAuth: 5xx is retried at most three times in all, then provider_unavailable") {
  Fixture f;
  f.server.SetFallback(ScriptedReply{503, R"({"error":"temporarily_unavailable"})", {}, {}});
  const OAuthClient client(Registration(Provider::kGoogle, f.server.Url()), *f.transport);
  const auto result = client.ExchangeCode("c", "v", kNow);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == slotwise::codes::kProviderUnavailable);
  CHECK(result.error().message.find("503") != std::string::npos);
  CHECK(f.server.Requests().size() == 3);

  f.server.Enqueue(502, "bad gateway");
  f.server.Enqueue(200, R"({"access_token":"second-try","token_type":"Bearer"})");
  const auto recovered = client.Refresh("r", kNow);
  REQUIRE(recovered.ok());
  CHECK(recovered->access_token == "second-try");
  CHECK(f.server.Requests().size() == 5);
}

TEST_CASE("OAuth: 4xx is not retried, and a Retry-After beyond the cap ends the retries at once") {
  Fixture f;
  const OAuthClient client(Registration(Provider::kGoogle, f.server.Url()), *f.transport);
  f.server.SetFallback(ScriptedReply{200, R"({"access_token":"never-fetched"})", {}, {}});
  f.server.Enqueue(400, R"({"error":"invalid_grant"})");
  CHECK(client.Refresh("r", kNow).error().code == slotwise::codes::kReauthNeeded);
  CHECK(f.server.Requests().size() == 1);

  f.server.Enqueue(ScriptedReply{429, "{}", {{"Retry-After", "3600"}}, {}});
  const auto start = Clock::now();
  const auto result = client.Refresh("r", kNow);
  CHECK(SecondsSince(start) < 30.0);  // at once, not after the hour Retry-After asks for (wide: loaded builds are slow)
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == slotwise::codes::kProviderUnavailable);
  CHECK(result.error().message.find("3600") != std::string::npos);
  CHECK(f.server.Requests().size() == 2);  // the fallback 200 was never fetched
}

TEST_CASE("OAuth: a token endpoint slower than the timeout fails with provider_unavailable, bounded") {
  Fixture f;
  f.server.SetFallback(ScriptedReply{200, R"({"access_token":"too-late"})", {}, std::chrono::milliseconds(2000)});
  ClientRegistration registration = Registration(Provider::kGoogle, f.server.Url());
  registration.policy.timeout = std::chrono::milliseconds(150);
  registration.policy.max_attempts = 2;
  const OAuthClient client(registration, *f.transport);
  const auto start = Clock::now();
  const auto result = client.Refresh("r", kNow);
  const double elapsed = SecondsSince(start);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == slotwise::codes::kProviderUnavailable);
  // Two 150 ms timeouts and a short backoff (~0.3 s), not twice the server's 2 s: a bound with a wide margin on both
  // sides, for loaded and sanitized builds.
  CHECK(elapsed < 1.9);
  CHECK(f.server.Requests().size() == 2);
}

TEST_CASE("OAuth: a refused connection is retried, then provider_unavailable") {
  int closed_port = 0;
  {
    TokenServer gone;
    closed_port = gone.port();
  }
  std::unique_ptr<slotwise::net::HttpTransport> transport = slotwise::net::MakeHttplibTransport();
  const OAuthClient client(Registration(Provider::kMicrosoft, "http://127.0.0.1:" + std::to_string(closed_port)),
                           *transport);
  const auto result = client.ClientCredentials(kNow);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == slotwise::codes::kProviderUnavailable);
  CHECK(result.error().message.find("3 attempts") != std::string::npos);
}

TEST_CASE("OAuth: Retry-After parsing accepts seconds, fractions, and refuses dates and garbage") {
  CHECK(ParseRetryAfterSeconds("10") == 10.0);
  CHECK(ParseRetryAfterSeconds(" 1.5 ") == 1.5);
  CHECK(ParseRetryAfterSeconds("0") == 0.0);
  CHECK_FALSE(ParseRetryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  CHECK_FALSE(ParseRetryAfterSeconds("-1").has_value());
  CHECK_FALSE(ParseRetryAfterSeconds("").has_value());
  CHECK_FALSE(ParseRetryAfterSeconds("1e9").has_value());
}
