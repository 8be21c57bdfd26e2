// rate_limits_e2e_test.cpp — Slotwise's own rate limits on a running `slotwise serve` started from a configuration
// file with small limits (limits.rate): an API key over its rate gets 429 "too_many_requests" with Retry-After and the
// RateLimit headers while another tenant's key, the admin key and a fresh client are unaffected; the tenant's limit
// holds across its keys; waiting Retry-After admits the key again. Requests without a verified credential are
// limited per client address — the address trusted_proxies vouch for, so clients behind the proxy do not share one
// budget, and one the server does not trust cannot escape its budget by inventing X-Forwarded-For.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "configured_server.h"
#include "crypto/crypto_primitives.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kAdmin = "rate-limits-admin-key-0123456789";

constexpr int kPerKey = 20;      // per minute: one request every 3 s, a burst of 20
constexpr int kPerTenant = 30;   // per minute: one every 2 s
constexpr int kPerAddress = 10;  // per minute: one every 6 s

// `slotwise serve` over `dir`'s database with the small limits above, believing `trusted_proxies`.
json LimitedConfiguration(const std::filesystem::path& dir, const json& trusted_proxies) {
  return {{"database", {{"path", (dir / "slotwise.db").string()}}},
          {"admin", {{"api_key_hash", crypto::HexEncode(crypto::Sha256(kAdmin))}}},
          {"trusted_proxies", trusted_proxies},
          {"limits",
           {{"rate",
             {{"per_key_per_minute", kPerKey},
              {"per_tenant_per_minute", kPerTenant},
              {"per_address_per_minute", kPerAddress}}}}}};
}

std::string CreateTenant(const ConfiguredServer& server, const std::string& id) {
  const HttpReply created = server.Call(kAdmin, "POST", "/v1/tenants", {{"id", id}, {"name", id}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  return server.Call(kAdmin, "POST", "/v1/tenants/" + id + "/api_keys", {{"label", "ats"}}).Json().at("api_key");
}

// Number of the first `attempts` calls answered 200 before the first 429 (which is then `refusal`).
int AdmittedBeforeRefusal(int attempts, HttpReply& refusal, const std::function<HttpReply()>& call) {
  for (int i = 0; i < attempts; ++i) {
    HttpReply reply = call();
    if (reply.status == 429) {
      refusal = reply;
      return i;
    }
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
  }
  return attempts;
}

}  // namespace

TEST_CASE("Rate limits: a key over its rate gets 429 with Retry-After and RateLimit headers; others are unaffected") {
  TempDir dir;
  ConfiguredServer server(dir.path(), LimitedConfiguration(dir.path(), json::array()));
  const std::string acme = CreateTenant(server, "acme");
  const std::string globex = CreateTenant(server, "globex");
  const std::string acme_second =
      server.Call(acme, "POST", "/v1/api_keys", {{"label", "second"}}).Json().at("api_key").get<std::string>();

  // Admitted answers say the policies and what is left.
  const HttpReply first = server.Call(acme, "GET", "/v1/api_keys");
  REQUIRE(first.status == 200);
  CHECK(first.Header("RateLimit-Policy") ==
        "\"key\";q=" + std::to_string(kPerKey) + ";w=60, \"tenant\";q=" + std::to_string(kPerTenant) + ";w=60");
  CHECK(first.Header("RateLimit").find("\"key\";r=" + std::to_string(kPerKey - 2) + ";t=") == 0);  // 2 spent

  // The key's burst: kPerKey requests in all (the api_keys creation above and `first` included), then 429.
  HttpReply refused;
  const int admitted = AdmittedBeforeRefusal(kPerKey + 5, refused, [&] { return server.Call(acme, "GET", "/v1/api_keys"); });
  CHECK(admitted == kPerKey - 2);
  REQUIRE(refused.status == 429);
  const json error = refused.Json().at("error");
  CHECK(error.at("code") == "too_many_requests");
  CHECK(error.at("message").get<std::string>().find("this credential is over its limit of 20 requests per minute") == 0);
  const int retry_after = std::stoi(refused.Header("Retry-After"));
  CHECK(retry_after >= 1);
  CHECK(retry_after <= 3);  // one request's worth of recovery: 60 s / 20
  CHECK(refused.Header("RateLimit-Policy") == "\"key\";q=20;w=60");
  CHECK(refused.Header("RateLimit").find("\"key\";r=0;t=") == 0);
  CHECK(!refused.Header("X-Request-Id").empty());

  // Unaffected: another tenant's key, the admin key, and (within the tenant's own limit) the tenant's other key.
  CHECK(server.Call(globex, "GET", "/v1/api_keys").status == 200);
  for (int i = 0; i < 3 * kPerKey; ++i) REQUIRE(server.Call(kAdmin, "GET", "/v1/tenants/acme/api_keys").status == 200);
  CHECK(server.Call(acme_second, "GET", "/v1/api_keys").status == 200);

  // The tenant's limit holds across its keys: acme's first key spent kPerKey, its second one 1 so far; the second key
  // gets the rest of kPerTenant.
  HttpReply tenant_refusal;
  const int second_admitted = AdmittedBeforeRefusal(
      kPerTenant, tenant_refusal, [&] { return server.Call(acme_second, "GET", "/v1/api_keys"); });
  // 30 − 21 = 9 left, plus what the tenant recovered meanwhile (one every 2 s).
  CHECK(second_admitted >= kPerTenant - kPerKey - 1);
  CHECK(second_admitted <= kPerTenant - kPerKey + 2);
  REQUIRE(tenant_refusal.status == 429);
  CHECK(tenant_refusal.Json().at("error").at("message").get<std::string>().find("the tenant is over its limit") == 0);
  CHECK(tenant_refusal.Header("RateLimit-Policy") == "\"tenant\";q=30;w=60");
  CHECK(server.Call(globex, "GET", "/v1/api_keys").status == 200);  // still unaffected

  // A refused request costs nothing, and a client that waits Retry-After is admitted again.
  const HttpReply again = server.Call(acme, "GET", "/v1/api_keys");
  REQUIRE(again.status == 429);
  std::this_thread::sleep_for(std::chrono::seconds(std::stoi(again.Header("Retry-After"))));
  const HttpReply after_wait = server.Call(acme, "GET", "/v1/api_keys");
  CHECK_MESSAGE(after_wait.status == 200, after_wait.body);
  CHECK(after_wait.Header("RateLimit").find("r=0;") != std::string::npos);  // admitted with nothing left over

  // The refusals are counted per policy.
  const HttpReply metrics = server.Call(kAdmin, "GET", "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.body.find("slotwise_rate_limited_total{policy=\"key\"}") != std::string::npos);
  CHECK(metrics.body.find("slotwise_rate_limited_total{policy=\"tenant\"}") != std::string::npos);
}

TEST_CASE("Rate limits: requests without a credential are limited per client address, behind trusted proxies") {
  TempDir dir;
  ConfiguredServer server(dir.path(), LimitedConfiguration(dir.path(), json::array({"127.0.0.1"})));  // the test plays the proxy

  // One client behind the proxy spends its address's burst — unauthenticated pages and refused credentials alike.
  const httplib::Headers client_a = {{"X-Forwarded-For", "203.0.113.7"}};
  httplib::Headers bad_key = client_a;
  bad_key.emplace("Authorization", "Bearer swk_0123456789abcdef_notakey");
  for (int i = 0; i < kPerAddress / 2; ++i) REQUIRE(server.Anonymous("/v1/api_keys", bad_key).status == 401);
  for (int i = 0; i < kPerAddress / 2; ++i) REQUIRE(server.Anonymous("/healthz", client_a).status == 200);
  const HttpReply refused = server.Anonymous("/healthz", client_a);
  REQUIRE(refused.status == 429);
  CHECK(refused.Json().at("error").at("code") == "too_many_requests");
  CHECK(refused.Header("RateLimit-Policy") == "\"address\";q=10;w=60");
  CHECK(std::stoi(refused.Header("Retry-After")) >= 1);

  // Another client behind the same proxy has its own budget; so does the admin key at any address.
  CHECK(server.Anonymous("/healthz", {{"X-Forwarded-For", "203.0.113.8"}}).status == 200);
  CHECK(server.Anonymous("/healthz", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.9"}}).status == 200);
  for (int i = 0; i < 2 * kPerAddress; ++i) REQUIRE(server.Call(kAdmin, "GET", "/metrics").status == 200);

  // The log line names the client the proxy vouched for, not the proxy.
  const std::string output = server.Output();
  CHECK(output.find("\"client\":\"203.0.113.7\"") != std::string::npos);
  CHECK(output.find("\"client\":\"203.0.113.9\"") != std::string::npos);
}

TEST_CASE("Rate limits: without trusted proxies, X-Forwarded-For cannot buy a client a fresh budget") {
  TempDir dir;
  ConfiguredServer server(dir.path(), LimitedConfiguration(dir.path(), json::array()));
  HttpReply refused;
  int i = 0;
  const int admitted = AdmittedBeforeRefusal(kPerAddress + 5, refused, [&] {
    return server.Anonymous("/healthz", {{"X-Forwarded-For", "192.0.2." + std::to_string(++i)}});
  });
  CHECK(admitted == kPerAddress);
  CHECK(refused.status == 429);
  CHECK(server.Output().find("\"client\":\"192.0.2.") == std::string::npos);
}
