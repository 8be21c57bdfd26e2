// Tests for backend/providers/provider_errors: each provider's envelope → one error vocabulary; no token leaks.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "providers/provider_errors.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;

TEST_CASE("ProviderErrors: Google envelopes") {
  const Error not_found = ErrorFromResponse(Provider::kGoogle, Response(404, R"({"error":{"errors":[{"domain":"global",
      "reason":"notFound","message":"Not Found"}],"code":404,"message":"Not Found"}})"));
  CHECK(not_found.code == "provider_not_found");
  CHECK(not_found.field == "notFound");
  CHECK(not_found.message.find("Not Found") != std::string::npos);

  CHECK(ErrorFromResponse(Provider::kGoogle, Response(403, R"({"error":{"errors":[{"domain":"usageLimits",
      "reason":"quotaExceeded"}],"code":403,"message":"Quota"}})")).code == "rate_limited");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(403, R"({"error":{"errors":[{"domain":"usageLimits",
      "reason":"rateLimitExceeded"}],"code":403,"message":"Rate"}})")).code == "rate_limited");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(403, R"({"error":{"errors":[{"domain":"calendar",
      "reason":"forbiddenForNonOrganizer"}],"code":403,"message":"no"}})")).code == "provider_forbidden");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(409, R"({"error":{"errors":[{"reason":"duplicate"}],"code":409,
      "message":"The requested identifier already exists."}})")).code == "conflict");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(410, R"({"error":{"errors":[{"reason":"fullSyncRequired"}],
      "code":410,"message":"Sync token is no longer valid"}})")).code == "provider_not_found");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(412, "{}")).code == "conflict");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(401, R"({"error":{"errors":[{"reason":"authError"}],"code":401,
      "message":"Invalid Credentials"}})")).code == "provider_unauthorized");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(500, R"({"error":{"errors":[{"reason":"backendError"}],
      "code":500,"message":"Backend Error"}})")).code == "provider_unavailable");
}

TEST_CASE("ProviderErrors: Graph, Zoom and GoTo envelopes") {
  const Error throttled = ErrorFromResponse(
      Provider::kGraph,
      Response(429, R"({"error":{"code":"TooManyRequests","message":"Please retry again later.","innerError":{"date":"x"}}})",
               {{"Retry-After", "10"}}));
  CHECK(throttled.code == "rate_limited");
  CHECK(throttled.field == "TooManyRequests");
  CHECK(throttled.message.find("retry after 10") != std::string::npos);

  const Error missing = ErrorFromResponse(Provider::kZoom, Response(404, R"({"code":3001,"message":"Meeting does not exist: 85746065."})"));
  CHECK(missing.code == "provider_not_found");
  CHECK(missing.field == "3001");
  CHECK(missing.message.find("Meeting does not exist") != std::string::npos);

  const Error validation = ErrorFromResponse(
      Provider::kZoom, Response(400, R"({"code":300,"message":"Validation Failed.","errors":[{"field":"password","message":"Invalid"}]})"));
  CHECK(validation.code == "provider_rejected");
  CHECK(validation.message.find("password") != std::string::npos);

  CHECK(ErrorFromResponse(Provider::kGoTo, Response(409, R"({"error":"conflict","error_description":"busy"})")).code ==
        "conflict");
  CHECK(ErrorFromResponse(Provider::kGoTo, Response(403, R"({"error":"forbidden"})")).field == "forbidden");
}

TEST_CASE("ProviderErrors: bodies that are not the envelope still map by status, without crashing") {
  CHECK(ErrorFromResponse(Provider::kGraph, Response(502, "<html>Bad gateway</html>")).code == "provider_unavailable");
  CHECK(ErrorFromResponse(Provider::kZoom, Response(400, "[1,2")).code == "provider_rejected");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(404, R"({"error":42})")).code == "provider_not_found");
  CHECK(ErrorFromResponse(Provider::kGoogle, Response(200, "{}")).code == "provider_error");
  CHECK(ErrorFromResponse(Provider::kGoTo, Response(418, "")).code == "provider_rejected");
  CHECK(ErrorFromResponse(Provider::kGoTo, Response(302, "")).code == "provider_error");
  const Error long_body = ErrorFromResponse(Provider::kGoTo, Response(500, std::string(5000, 'x')));
  CHECK(long_body.message.size() < 600);
}

TEST_CASE("ProviderErrors: transport errors and redaction") {
  CHECK(ErrorFromTransport(Provider::kZoom, Error{"timeout", "read timed out", ""}).code == "provider_unavailable");
  CHECK(ErrorFromTransport(Provider::kZoom, Error{"network_error", "refused", ""}).code == "provider_unavailable");
  CHECK(ErrorFromTransport(Provider::kZoom, Error{"invalid_url", "bad", ""}).code == "provider_error");

  CHECK(RedactSecret("token secret-abc was rejected; secret-abc", "secret-abc") ==
        "token [redacted] was rejected; [redacted]");
  CHECK(RedactSecret("header Authorization: Bearer eyJhbGciOi.xyz, retry", {}) ==
        "header Authorization: Bearer [redacted], retry");
  const Error echoed = ErrorFromResponse(
      Provider::kGraph, Response(401, R"({"error":{"code":"InvalidAuthenticationToken","message":"Bearer eyJ0eXAi is bad"}})"));
  CHECK(echoed.message.find("eyJ0eXAi") == std::string::npos);
}
