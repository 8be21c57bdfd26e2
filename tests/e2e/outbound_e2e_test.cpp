// Outbound request forgery, end to end (issue 17, point 5): the URLs a tenant gives the server to call — the ATS
// webhook (`ats_webhook_url`) and an HR channel mapping's Workflows webhook (`target.url`) — are refused when they are
// written if their scheme, user info or any address their host resolves to is one the server must not call
// (loopback, private, link-local — the cloud metadata address —, multicast, unspecified, CGNAT, and the IPv4-mapped
// IPv6 forms of those); nothing is stored. A URL that reaches the store anyway (written before the rule, or a host
// whose addresses changed) is refused again when a message is delivered, and the interview's failure_reason says
// only that delivery failed. The fixture's allow-list names 127.0.0.1 only (ProviderWorld), so "localhost" is not
// allowed even though it is the same machine.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "support/loopback_server.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "outbound-test-secret-0123456789";

struct Refusal {
  std::string url;
  std::string says;  // a word the specific message must contain
};

// Every class of address and scheme the policy refuses, each with the word its message names.
const std::vector<Refusal> kRefused = {
    {"file:///etc/passwd", "https"},
    {"gopher://203.0.113.10:70/x", "https"},
    {"ftp://203.0.113.10/x", "https"},
    {"hooks.example/slotwise", "https"},
    {"http://203.0.113.10/hook", "https"},  // plain http: only the demo tenant or an allow-listed host
    {"https://user:secret@203.0.113.10/hook", "user"},
    {"https://127.0.0.2/hook", "loopback"},  // (127.0.0.1 itself is the fixture's allow-listed test host)
    {"https://127.8.9.10:8443/hook", "loopback"},
    {"https://localhost:9/hook", "loopback"},
    {"https://[::1]/hook", "loopback"},
    {"https://10.1.2.3/hook", "private"},
    {"https://172.16.0.1/hook", "private"},
    {"https://192.168.1.1/hook", "private"},
    {"https://[fc00::1]/hook", "private"},
    {"https://[fd12:3456::1]/hook", "private"},
    {"https://169.254.169.254/latest/meta-data/", "link-local"},
    {"https://[fe80::1]/hook", "link-local"},
    {"https://224.0.0.1/hook", "multicast"},
    {"https://[ff02::1]/hook", "multicast"},
    {"https://0.0.0.0/hook", "unspecified"},
    {"https://[::]/hook", "unspecified"},
    {"https://100.64.0.1/hook", "shared"},
    {"https://[::ffff:127.0.0.1]/hook", "loopback"},
    {"https://[::ffff:169.254.169.254]/hook", "link-local"},
    {"https://[::ffff:10.0.0.1]/hook", "private"},
};

json TenantOf(ProviderWorld& world) {
  const HttpAnswer answer = world.Api("GET", "/v1/tenant");
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body);
}

}  // namespace

TEST_CASE("outbound: ats_webhook_url is refused when written, for every class of address and scheme; nothing stored") {
  ProviderWorld world(true, true);
  const json before = TenantOf(world);
  for (const Refusal& refused : kRefused) {
    CAPTURE(refused.url);
    const HttpAnswer answer =
        world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", refused.url}, {"ats_webhook_secret", kSecret}});
    CHECK_MESSAGE(answer.status == 422, answer.body);
    if (answer.status != 422) continue;
    const json error = json::parse(answer.body).at("error");
    CHECK(error.at("field") == "ats_webhook_url");
    CHECK_MESSAGE(error.at("message").get<std::string>().find(refused.says) != std::string::npos, error.dump());
  }
  const json after = TenantOf(world);
  CHECK(after.at("ats_webhook_url") == before.at("ats_webhook_url"));
  CHECK(after.at("ats_webhook_secret_set") == before.at("ats_webhook_secret_set"));
}

TEST_CASE("outbound: an ATS webhook needs a secret — no signing with an empty key") {
  ProviderWorld world(true, true);
  const HttpAnswer unsigned_hook = world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", "https://203.0.113.10/hook"}});
  CHECK_MESSAGE(unsigned_hook.status == 422, unsigned_hook.body);
  if (unsigned_hook.status == 422) {
    CHECK(json::parse(unsigned_hook.body).at("error").at("field") == "ats_webhook_secret");
  }
  CHECK(TenantOf(world).at("ats_webhook_url") == "");
  // With a secret, a public address is accepted; clearing the secret while the URL stays is refused.
  const HttpAnswer signed_hook =
      world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", "https://203.0.113.10/hook"}, {"ats_webhook_secret", kSecret}});
  CHECK_MESSAGE(signed_hook.status == 200, signed_hook.body);
  const HttpAnswer cleared = world.Api("PATCH", "/v1/tenant", {{"ats_webhook_secret", ""}});
  CHECK_MESSAGE(cleared.status == 422, cleared.body);
  CHECK(TenantOf(world).at("ats_webhook_secret_set") == true);
  // A Standard Webhooks secret must decode: a library given "whsec_<not base64>" could never verify a signature.
  for (const char* broken : {"whsec_not*base64*at*all!!", "whsec_c2hvcnQ="}) {
    const HttpAnswer refused = world.Api("PATCH", "/v1/tenant", {{"ats_webhook_secret", broken}});
    CHECK_MESSAGE(refused.status == 422, refused.body);
    CHECK(json::parse(refused.body).at("error").at("field") == "ats_webhook_secret");
  }
  const HttpAnswer standard =
      world.Api("PATCH", "/v1/tenant", {{"ats_webhook_secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}});
  CHECK_MESSAGE(standard.status == 200, standard.body);
  // The allow-listed test host may use http and a loopback address (ProviderWorld allows 127.0.0.1).
  const HttpAnswer allowed =
      world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", "http://127.0.0.1:9/hook"}, {"ats_webhook_secret", kSecret}});
  CHECK_MESSAGE(allowed.status == 200, allowed.body);
}

TEST_CASE("outbound: an HR Workflows webhook URL is refused when written, with the field path") {
  ProviderWorld world(true, true);
  for (const Refusal& refused : kRefused) {
    CAPTURE(refused.url);
    const json mapping = {{"unit", {{"kind", "team"}, {"name", "Platform"}}},
                          {"target", {{"kind", "workflow_webhook"}, {"url", refused.url}}},
                          {"language", "en"},
                          {"time_zone", "Europe/Berlin"}};
    const HttpAnswer answer = world.Api("POST", "/v1/hr/channel_mappings", mapping);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    if (answer.status != 422) continue;
    const json error = json::parse(answer.body).at("error");
    CHECK(error.at("field") == "target.url");
    CHECK_MESSAGE(error.at("message").get<std::string>().find(refused.says) != std::string::npos, error.dump());
  }
  const HttpAnswer listed = world.Api("GET", "/v1/hr/channel_mappings");
  REQUIRE(listed.status == 200);
  CHECK(json::parse(listed.body).at("channel_mappings").empty());
}

TEST_CASE("outbound: a stored URL whose host is loopback is refused again at delivery; the failure says nothing more") {
  ProviderWorld world(true, true);
  std::atomic<int> hits{0};
  LoopbackServer ats;
  ats.server().Post("/ats/mail", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 204;
  });
  ats.Start();
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(world.Now()).date)) + 14;
  // Stored behind the API's back, as a URL written before the rule existed (or whose host now resolves elsewhere):
  // "localhost" is loopback and not on the allow-list (which names 127.0.0.1 only) — refused for plain http, and with
  // https for the address it resolves to (the server log names the reason; the API caller is told only "failed").
  const std::string port = std::to_string(ats.port());
  int round = 0;
  for (const std::string& url : {"http://localhost:" + port + "/ats/mail", "https://localhost:" + port + "/ats/mail"}) {
    CAPTURE(url);
    Result<std::optional<Tenant>> tenant = world.scheduling().directory().GetTenant("kumo");
    REQUIRE(tenant.ok());
    REQUIRE(tenant->has_value());
    Tenant changed = **tenant;
    changed.ats_webhook_url = url;
    changed.ats_webhook_secret = kSecret;
    REQUIRE(world.scheduling().directory().UpdateTenant(changed).ok());

    const Instant start = berlin->FromLocalSeconds((monday + 2) * kSecondsPerDay + (10 + round) * 3600);
    const json booking = {{"title", "Delivery refused"},
                          {"organizer", "lena.fischer@kumo.example"},
                          {"start", FormatRfc3339(start)},
                          {"end", FormatRfc3339(start + 1800)},
                          {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
                          {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"},
                                         {"time_zone", "Europe/Berlin"}}},
                          {"query", {{"start_interval", {{"minutes", 30}}}}}};
    const HttpAnswer booked =
        world.Api("POST", "/v1/interviews", booking, "outbound-delivery-" + std::to_string(++round));
    REQUIRE_MESSAGE(booked.status == 201, booked.body);
    const json interview = world.Settled(json::parse(booked.body).at("id"));
    CHECK(hits.load() == 0);
    CHECK(interview.at("status") == "failed");
    const std::string reason = interview.value("failure_reason", "");
    CHECK_MESSAGE(reason.find("delivery_refused") != std::string::npos, reason);
    // No oracle: neither the port, the address class nor a status reaches the API caller (the server log has them).
    CHECK_MESSAGE(reason.find(port) == std::string::npos, reason);
    CHECK_MESSAGE(reason.find("loopback") == std::string::npos, reason);
    CHECK_MESSAGE(reason.find("localhost") == std::string::npos, reason);
  }
}

TEST_CASE("outbound: a redirect from the ATS webhook is not followed; the delivery fails without reaching its target") {
  ProviderWorld world(true, true);
  std::atomic<int> redirected{0};
  std::atomic<int> reached{0};
  LoopbackServer ats;  // on 127.0.0.1, the fixture's allow-listed host
  ats.server().Post("/ats/mail", [&](const httplib::Request&, httplib::Response& res) {
    ++redirected;
    res.status = 307;  // keeps the method and body: a client that followed it would POST the signed message on
    res.set_header("Location", ats.Url("/internal"));  // (an attacker's would name an internal address)
  });
  ats.server().Post("/internal", [&](const httplib::Request&, httplib::Response& res) {
    ++reached;
    res.status = 204;
  });
  ats.Start();
  const HttpAnswer patched = world.Api("PATCH", "/v1/tenant",
                                       {{"ats_webhook_url", ats.Url("/ats/mail")}, {"ats_webhook_secret", kSecret}});
  REQUIRE_MESSAGE(patched.status == 200, patched.body);
  const json request = {{"template", {{"subject", "Hello {{candidate_name}}"}, {"body", "Hi {{candidate_name}}\n"}}},
                        {"recipients", {{{"email", "a@candidate.example"}, {"name", "Ana"}}}},
                        {"send", true}};
  const HttpAnswer sent = world.Api("POST", "/v1/messages", request);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  for (int i = 0; i < 100 && redirected.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // time in which a follower would have gone on
  CHECK(redirected.load() == 1);  // a 3xx is a refusal: not retried, not followed
  CHECK(reached.load() == 0);
}
