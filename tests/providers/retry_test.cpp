// Tests for backend/providers/retry: Retry-After parsing, full-jitter backoff and SendWithRetry's decisions.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "providers/retry.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using std::chrono::milliseconds;

namespace {

net::HttpRequest Get(std::string url = "https://api.example.test/x") {
  net::HttpRequest request;
  request.url = std::move(url);
  return request;
}

}  // namespace

TEST_CASE("Retry: Retry-After accepts delta-seconds, fractions and IMF-fixdates") {
  CHECK(ParseRetryAfter("2", 0) == milliseconds{2000});
  CHECK(ParseRetryAfter(" 10 ", 0) == milliseconds{10000});
  CHECK(ParseRetryAfter("0", 0) == milliseconds{0});
  CHECK(ParseRetryAfter("0.5", 0) == milliseconds{500});     // Graph sends fractions
  CHECK(ParseRetryAfter("1.25", 0) == milliseconds{1250});
  CHECK(ParseRetryAfter("0.0001", 0) == milliseconds{1});    // never rounds a positive wait down to zero
  // 2015-10-21T07:28:00Z is 1445412480.
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == milliseconds{10000});
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 3600) == milliseconds{0});  // past → now
}

TEST_CASE("Retry: Retry-After garbage is rejected") {
  for (const char* bad : {"", "  ", "abc", "-1", "1.", ".5", "1.5s", "2 s", "NaN", "inf", "0x10",
                          "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:28:00 UTC", "Wed, 21 Foo 2015 07:28:00 GMT",
                          "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed, 21 Oct 2015 25:28:00 GMT"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseRetryAfter(bad, 0).has_value());
  }
}

TEST_CASE("Retry: full-jitter backoff grows exponentially up to the cap") {
  RetryPolicy policy;  // base 500 ms, cap 30 s
  CHECK(BackoffDelay(policy, 0, 0.0) == milliseconds{0});
  CHECK(BackoffDelay(policy, 0, 0.5) == milliseconds{250});     // uniform(0, 500)
  CHECK(BackoffDelay(policy, 3, 0.5) == milliseconds{2000});    // uniform(0, 4000)
  CHECK(BackoffDelay(policy, 10, 0.5) == milliseconds{15000});  // 512000 capped at 30000
  CHECK(BackoffDelay(policy, 60, 0.999999) <= milliseconds{30000});
  CHECK(BackoffDelay(policy, 2, 7.0) <= milliseconds{2000});     // out-of-range random is clamped
  CHECK(BackoffDelay(policy, 2, -1.0) == milliseconds{0});
}

TEST_CASE("Retry: 429 with Retry-After waits that long, then succeeds") {
  struct Case {
    const char* retry_after;
    std::int64_t expected_ms;
  };
  // The fake clock's "now" is 2026-01-01T00:00:00Z; the date is 5 s later.
  for (const Case& c : {Case{"2", 2000}, Case{"0.5", 500}, Case{"Thu, 01 Jan 2026 00:00:05 GMT", 5000}}) {
    CAPTURE(c.retry_after);
    FakeTransport transport;
    FakeTime time;
    transport.Expect("GET", "https://api.example.test/", Response(429, "", {{"Retry-After", c.retry_after}}));
    transport.Expect("GET", "https://api.example.test/", Response(200, "{}"));
    Result<net::HttpResponse> sent = SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks());
    REQUIRE(sent);
    CHECK(sent->status == 200);
    CHECK(transport.count() == 2);
    REQUIRE(time.sleeps.size() == 1);
    CHECK(time.sleeps[0] == milliseconds{c.expected_ms});
  }
}

TEST_CASE("Retry: other 4xx are never retried") {
  for (int status : {400, 401, 403, 404, 409, 422}) {
    FakeTransport transport;
    FakeTime time;
    transport.Expect("GET", "https://api.example.test/", Response(status, R"({"error":{"code":"x","message":"y"}})"));
    Result<net::HttpResponse> sent = SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks());
    REQUIRE(sent);
    CHECK(sent->status == status);
    CHECK(transport.count() == 1);
    CHECK(time.sleeps.empty());
  }
}

TEST_CASE("Retry: 5xx is retried with backoff and attempts are bounded") {
  FakeTransport transport;
  FakeTime time;
  transport.Respond("GET", "https://api.example.test/", [](const net::HttpRequest&) { return Response(503); });
  RetryPolicy policy;
  policy.max_attempts = 4;
  Result<net::HttpResponse> sent = SendWithRetry(transport, Get(), policy, time.Hooks());
  REQUIRE(sent);
  CHECK(sent->status == 503);  // the last answer comes back for the caller to map
  CHECK(transport.count() == 4);
  // random 0.5: uniform(0,500) → 250, uniform(0,1000) → 500, uniform(0,2000) → 1000.
  CHECK(time.sleeps == std::vector<milliseconds>{milliseconds{250}, milliseconds{500}, milliseconds{1000}});

  FakeTransport recovering;
  recovering.Expect("GET", "https://api.example.test/", Response(500));
  recovering.Expect("GET", "https://api.example.test/", Response(502));
  recovering.Expect("GET", "https://api.example.test/", Response(200, "ok"));
  Result<net::HttpResponse> recovered = SendWithRetry(recovering, Get(), policy, time.Hooks());
  REQUIRE(recovered);
  CHECK(recovered->body == "ok");
  CHECK(recovering.count() == 3);
}

TEST_CASE("Retry: transport timeouts and network errors are retried; other transport errors are not") {
  FakeTransport transport;
  FakeTime time;
  transport.ExpectFailure("GET", "https://api.example.test/", "network_error");
  transport.ExpectFailure("GET", "https://api.example.test/", "timeout");
  transport.Expect("GET", "https://api.example.test/", Response(200));
  CHECK(SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks()));
  CHECK(transport.count() == 3);
  CHECK(time.sleeps.size() == 2);

  FakeTransport down;
  down.Respond("GET", "https://api.example.test/",
               [](const net::HttpRequest&) { return Result<net::HttpResponse>(Error{"timeout", "t", ""}); });
  RetryPolicy policy;
  policy.max_attempts = 3;
  Result<net::HttpResponse> failed = SendWithRetry(down, Get(), policy, time.Hooks());
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == "timeout");
  CHECK(down.count() == 3);

  FakeTransport bad_url;
  bad_url.ExpectFailure("GET", "https://api.example.test/", "invalid_url");
  CHECK_FALSE(SendWithRetry(bad_url, Get(), RetryPolicy{}, time.Hooks()));
  CHECK(bad_url.count() == 1);
}

TEST_CASE("Retry: a Retry-After beyond the cap is not waited for") {
  FakeTransport transport;
  FakeTime time;
  transport.Expect("GET", "https://api.example.test/", Response(429, "", {{"Retry-After", "3600"}}));
  Result<net::HttpResponse> sent = SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks());
  REQUIRE(sent);
  CHECK(sent->status == 429);
  CHECK(transport.count() == 1);
  CHECK(time.sleeps.empty());
}

TEST_CASE("Retry: Zoom's daily limit is not retried, its QPS limit is") {
  FakeTransport transport;
  FakeTime time;
  transport.Expect("GET", "https://api.example.test/",
                   Response(429, R"({"code":429,"message":"daily"})", {{"X-RateLimit-Type", "Daily-limit"}}));
  CHECK(SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks())->status == 429);
  CHECK(transport.count() == 1);

  FakeTransport qps;
  qps.Expect("GET", "https://api.example.test/", Response(429, "", {{"X-RateLimit-Type", "QPS"}}));
  qps.Expect("GET", "https://api.example.test/", Response(200));
  CHECK(SendWithRetry(qps, Get(), RetryPolicy{}, time.Hooks())->status == 200);
  CHECK(qps.count() == 2);
}

TEST_CASE("Retry: a Google 403 rate limit is retried, other 403s are not") {
  const std::string rate_limited =
      R"({"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"Rate Limit Exceeded"}],"code":403,"message":"Rate Limit Exceeded"}})";
  const std::string not_organizer =
      R"({"error":{"errors":[{"domain":"calendar","reason":"forbiddenForNonOrganizer","message":"no"}],"code":403,"message":"no"}})";
  FakeTransport transport;
  FakeTime time;
  transport.Expect("GET", "https://api.example.test/", Response(403, rate_limited));
  transport.Expect("GET", "https://api.example.test/", Response(200));
  CHECK(SendWithRetry(transport, Get(), RetryPolicy{}, time.Hooks())->status == 200);
  CHECK(transport.count() == 2);

  FakeTransport forbidden;
  forbidden.Expect("GET", "https://api.example.test/", Response(403, not_organizer));
  CHECK(SendWithRetry(forbidden, Get(), RetryPolicy{}, time.Hooks())->status == 403);
  CHECK(forbidden.count() == 1);
}

TEST_CASE("Retry: a throttle detector turns a 200 into a retry") {
  const ThrottleDetector detector = [](const net::HttpResponse& r) {
    return r.body.find("returned HTTP error 429") != std::string::npos;
  };
  FakeTransport transport;
  FakeTime time;
  transport.Expect("POST", "https://hook.test/", Response(200, "Webhook message delivery failed with error: Microsoft "
                                                              "Teams endpoint returned HTTP error 429 with ContextId"));
  transport.Expect("POST", "https://hook.test/", Response(200, "1"));
  net::HttpRequest request = Get("https://hook.test/x");
  request.method = "POST";
  CHECK(SendWithRetry(transport, request, RetryPolicy{}, time.Hooks(), detector)->body == "1");
  CHECK(transport.count() == 2);
}

TEST_CASE("Retry: the policy's timeout is applied when the request has none") {
  FakeTransport transport;
  FakeTime time;
  transport.Respond("GET", "https://api.example.test/", [](const net::HttpRequest&) { return Response(200); });
  RetryPolicy policy;
  policy.timeout = milliseconds{1234};
  CHECK(SendWithRetry(transport, Get(), policy, time.Hooks()));
  net::HttpRequest own = Get();
  own.timeout = milliseconds{777};
  CHECK(SendWithRetry(transport, own, policy, time.Hooks()));
  REQUIRE(transport.count() == 2);
  CHECK(transport.requests()[0].timeout == milliseconds{1234});
  CHECK(transport.requests()[1].timeout == milliseconds{777});
}

TEST_CASE("Retry: max_attempts below one still sends once") {
  FakeTransport transport;
  FakeTime time;
  transport.Respond("GET", "https://api.example.test/", [](const net::HttpRequest&) { return Response(500); });
  RetryPolicy policy;
  policy.max_attempts = 0;
  CHECK(SendWithRetry(transport, Get(), policy, time.Hooks())->status == 500);
  CHECK(transport.count() == 1);
}
