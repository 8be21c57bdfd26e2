// Tests for backend/providers/provider_client: bearer header, one refresh on 401, limiter held across retries.
#include <doctest/doctest.h>

#include <memory>

#include "fake_transport.h"
#include "providers/provider_client.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;

namespace {

constexpr const char* kUrl = "http://127.0.0.1:9/zoom/v2/users/me";

}  // namespace

TEST_CASE("ProviderClient: the token goes in the Authorization header, never in the URL, with a timeout") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  ProviderClient client(transport, tokens, Provider::kZoom, RetryPolicy{}, time.Hooks());
  transport.Expect("GET", kUrl, Response(200, "{}"));
  Result<net::HttpResponse> sent = client.Send(ProviderClient::JsonRequest("GET", kUrl));
  REQUIRE(sent);
  REQUIRE(transport.count() == 1);
  const net::HttpRequest request = transport.requests()[0];
  CHECK(HeaderOf(request, "Authorization") == "Bearer token-1");
  CHECK(request.url == kUrl);
  CHECK(request.timeout == std::chrono::milliseconds{10000});
  CHECK(AllAuthorizedWithTimeout(transport.requests()));
}

TEST_CASE("ProviderClient: a 401 refreshes exactly once and the retry uses the new token") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  ProviderClient client(transport, tokens, Provider::kZoom, RetryPolicy{}, time.Hooks());
  transport.Expect("GET", kUrl, Response(401, R"({"code":124,"message":"Invalid access token."})"));
  transport.Expect("GET", kUrl, Response(200, R"({"id":"u1"})"));
  Result<net::HttpResponse> sent = client.Send(ProviderClient::JsonRequest("GET", kUrl));
  REQUIRE(sent);
  CHECK(sent->status == 200);
  CHECK(tokens.rejections == 1);
  CHECK(tokens.last_rejected == "token-1");
  REQUIRE(transport.count() == 2);
  CHECK(HeaderOf(transport.requests()[1], "Authorization") == "Bearer token-2");
  CHECK(time.sleeps.empty());  // a 401 is not a backoff case
}

TEST_CASE("ProviderClient: a second 401 is unauthorized; a failed refresh passes its error through") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  ProviderClient client(transport, tokens, Provider::kGraph, RetryPolicy{}, time.Hooks());
  transport.Respond("GET", kUrl, [](const net::HttpRequest&) {
    return Response(401, R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}})");
  });
  Result<net::HttpResponse> sent = client.Send(ProviderClient::JsonRequest("GET", kUrl));
  REQUIRE(sent);
  CHECK(sent->status == 401);
  CHECK(client.ToError(*sent).code == "provider_unauthorized");
  CHECK(tokens.rejections == 1);
  CHECK(transport.count() == 2);

  CountingTokenSource revoked;
  revoked.fail_refresh = true;
  ProviderClient revoked_client(transport, revoked, Provider::kGraph, RetryPolicy{}, time.Hooks());
  Result<net::HttpResponse> refused = revoked_client.Send(ProviderClient::JsonRequest("GET", kUrl));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "reauth_needed");
  CHECK(transport.count() == 3);
}

TEST_CASE("ProviderClient: the limiter permit is held for the whole exchange and released after") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  auto limiter = std::make_shared<ConcurrencyLimiter>(4);
  ProviderClient client(transport, tokens, Provider::kGraph, RetryPolicy{}, time.Hooks(), limiter);
  std::vector<int> in_use;
  transport.OnSend([&](const net::HttpRequest&) { in_use.push_back(limiter->InUse("anna@acme.test")); });
  transport.Expect("GET", kUrl, Response(503));
  transport.Expect("GET", kUrl, Response(200));
  CHECK(client.Send(ProviderClient::JsonRequest("GET", kUrl), "Anna@acme.test"));
  CHECK(in_use == std::vector<int>{1, 1});
  CHECK(limiter->InUse("anna@acme.test") == 0);
}

TEST_CASE("ProviderClient: JoinUrl joins bases with and without trailing slashes") {
  CHECK(JoinUrl("http://h/zoom/v2", "/users/me") == "http://h/zoom/v2/users/me");
  CHECK(JoinUrl("http://h/zoom/v2/", "/users/me") == "http://h/zoom/v2/users/me");
  CHECK(JoinUrl("http://h/zoom/v2", "users/me") == "http://h/zoom/v2/users/me");
}

TEST_CASE("ProviderClient: a token echoed in an error body never reaches the Error") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  ProviderClient client(transport, tokens, Provider::kGoTo, RetryPolicy{}, time.Hooks());
  transport.Expect("GET", kUrl, Response(400, R"({"error":"invalid_request","error_description":"bad token token-1 given"})"));
  Result<net::HttpResponse> sent = client.Send(ProviderClient::JsonRequest("GET", kUrl));
  REQUIRE(sent);
  const Error error = client.ToError(*sent);
  CHECK(error.code == "provider_rejected");
  CHECK(error.message.find("token-1") == std::string::npos);
  CHECK(error.message.find("[redacted]") != std::string::npos);
}
