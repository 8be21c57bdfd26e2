// End to end: connecting each provider through the sandbox's authorize page, the function check, and the flow's
// failure modes (denial, consent, reused/expired/foreign state, other session).
#include <doctest/doctest.h>

#include <regex>

#include "net/url.h"
#include "provider_world.h"
#include "sandbox/sandbox.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

struct Case {
  const char* provider;
  const char* login;
  std::vector<std::pair<std::string, std::string>> expected_checks;  // name -> outcome
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"google", "lena.fischer@kumo.example",
       {{"read_free_busy", "passed"}, {"create_delete_probe_event", "passed"}, {"list_rooms", "skipped"}}},
      {"microsoft", "sanne.devries@kumo-labs.example",
       {{"read_free_busy", "passed"}, {"create_delete_probe_event", "passed"}, {"list_rooms", "passed"}}},
      {"zoom", "lena.fischer@kumo.example", {{"read_settings", "passed"}, {"create_delete_probe_meeting", "passed"}}},
      {"goto", "priya.patel@kumo-labs.example", {{"create_delete_probe_meeting", "passed"}}},
  };
  return cases;
}

}  // namespace

TEST_CASE("Connect: every provider connects through its authorize page with PKCE and passes the function check") {
  ProviderWorld world;
  for (const Case& c : Cases()) {
    const std::string provider_name = c.provider;
    CAPTURE(provider_name);
    ProviderWorld::Flow flow = world.Connect(c.provider, "recruiter-1", c.login);
    REQUIRE(flow.start.status == 302);
    CHECK(flow.cookie.rfind("slotwise_session=", 0) == 0);
    // The authorize URL carries PKCE S256 and a state; never a secret.
    CHECK(UrlParam(flow.start.location, "code_challenge_method") == "S256");
    CHECK(UrlParam(flow.start.location, "code_challenge").size() == 43);
    CHECK(UrlParam(flow.start.location, "state").size() >= 43);
    CHECK(flow.start.location.find("secret") == std::string::npos);
    REQUIRE(flow.authorize.status == 200);
    REQUIRE(flow.consent.status == 302);
    CHECK(flow.callback_url.rfind(world.root() + "/oauth/" + c.provider + "/callback?", 0) == 0);
    REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
    CHECK(flow.callback.body.find("data-status=\"connected\"") != std::string::npos);
    // The popup reports to the exact origin the flow started for.
    CHECK(flow.callback.body.find("postMessage(") != std::string::npos);
    CHECK(flow.callback.body.find("\"" + world.root() + "\")") != std::string::npos);

    const json listed = world.ListedConnection("recruiter-1", c.provider);
    REQUIRE_MESSAGE(listed.is_object(), flow.callback.body);
    CHECK(listed.at("status") == "active");
    CHECK(listed.at("account_email") == c.login);
    std::map<std::string, std::string> outcomes;
    for (const json& check : listed.at("checks")) outcomes[check.at("name")] = check.at("outcome");
    for (const auto& [name, outcome] : c.expected_checks) {
      CAPTURE(name);
      CHECK(outcomes[name] == outcome);
    }
    CHECK(listed.dump().find("token") == std::string::npos);  // no token of any kind in the API
  }
  // Nothing the probes created is left behind at the providers.
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    CAPTURE(object.dump());
    CHECK(object.at("status") != "live");
  }
}

TEST_CASE("Connect: the PKCE verifier reached the token endpoint and the code was exchanged exactly once") {
  ProviderWorld world;
  ProviderWorld::Flow flow = world.Connect("google", "recruiter-1", "lena.fischer@kumo.example");
  REQUIRE(flow.callback.status == 200);
  CHECK(world.CountRequests("google", "POST", "/google/token", "authorization_code") == 1);
  // Replaying the provider's redirect (same code, same state) is refused and changes nothing.
  HttpAnswer replay = HttpGet(flow.callback_url, flow.cookie);
  CHECK(replay.status == 400);
  CHECK(replay.body.find("invalid_state") != std::string::npos);
  CHECK(world.CountRequests("google", "POST", "/google/token", "authorization_code") == 1);
}

TEST_CASE("Connect: denial at the provider stores nothing and says so") {
  ProviderWorld world;
  ProviderWorld::Flow flow = world.Connect("microsoft", "recruiter-1", "daan.jansen@kumo-labs.example", "deny");
  REQUIRE(flow.consent.status == 302);
  CHECK(UrlParam(flow.callback_url, "error") == "access_denied");
  CHECK(flow.callback.status == 400);
  CHECK(flow.callback.body.find("access_denied") != std::string::npos);
  CHECK(world.ListedConnection("recruiter-1", "microsoft").is_null());
}

TEST_CASE("Connect: a state is bound to its provider, its session and ten minutes") {
  ProviderWorld world;
  SUBCASE("mix-up: a Google state presented on the Zoom callback") {
    HttpAnswer start = HttpGet(world.root() + "/oauth/google/start?user=u1");
    const std::string state = UrlParam(start.location, "state");
    HttpAnswer callback = HttpGet(world.root() + "/oauth/zoom/callback?code=abc&state=" + state, start.set_cookie);
    CHECK(callback.status == 400);
    CHECK(callback.body.find("state_provider_mismatch") != std::string::npos);
    // Burnt: not usable on the right provider afterwards either.
    HttpAnswer again = HttpGet(world.root() + "/oauth/google/callback?code=abc&state=" + state, start.set_cookie);
    CHECK(again.body.find("invalid_state") != std::string::npos);
  }
  SUBCASE("another browser session") {
    HttpAnswer start = HttpGet(world.root() + "/oauth/google/start?user=u1");
    HttpAnswer other = HttpGet(world.root() + "/oauth/google/start?user=u2");
    REQUIRE(start.set_cookie != other.set_cookie);
    HttpAnswer callback = HttpGet(
        world.root() + "/oauth/google/callback?code=abc&state=" + UrlParam(start.location, "state"), other.set_cookie);
    CHECK(callback.status == 400);
    CHECK(callback.body.find("state_session_mismatch") != std::string::npos);
  }
  SUBCASE("expired after ten minutes") {
    ProviderWorld::Flow flow;
    HttpAnswer start = HttpGet(world.root() + "/oauth/google/start?user=u1");
    world.Advance(601);
    HttpAnswer callback = HttpGet(
        world.root() + "/oauth/google/callback?code=abc&state=" + UrlParam(start.location, "state"), start.set_cookie);
    CHECK(callback.status == 400);
    CHECK(callback.body.find("expired_state") != std::string::npos);
  }
  SUBCASE("no state at all") {
    HttpAnswer callback = HttpGet(world.root() + "/oauth/google/callback?code=abc");
    CHECK(callback.status == 400);
        CHECK(callback.body.find("invalid_state") != std::string::npos);
  }
}

TEST_CASE("Connect: OAuth pages are never framed and never cached") {
  ProviderWorld world;
  httplib::Client client("127.0.0.1", std::stoi(world.root().substr(world.root().rfind(':') + 1)));
  auto res = client.Get("/oauth/google/start?user=u1");
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(res->get_header_value("Cache-Control") == "no-store");
  CHECK(res->get_header_value("Set-Cookie").find("HttpOnly") != std::string::npos);
}

TEST_CASE("Connect: a bad return origin or a missing user is refused before anything happens") {
  ProviderWorld world;
  CHECK(HttpGet(world.root() + "/oauth/google/start").status == 400);
  CHECK(HttpGet(world.root() + "/oauth/google/start?user=u1&return_origin=https://ats.example/path").status == 400);
  CHECK(HttpGet(world.root() + "/oauth/google/start?user=u1&return_origin=javascript:alert(1)").status == 400);
  CHECK(HttpGet(world.root() + "/oauth/myspace/start?user=u1").status == 404);
}

TEST_CASE("Connect: one Slotwise user per Zoom account") {
  ProviderWorld world;
  ProviderWorld::Flow first = world.Connect("zoom", "recruiter-1", "ken.sato@kumo.example");
  REQUIRE(first.callback.status == 200);
  ProviderWorld::Flow second = world.Connect("zoom", "recruiter-2", "ken.sato@kumo.example");
  CHECK(second.callback.status == 400);
  CHECK(second.callback.body.find("already linked to another Slotwise user") != std::string::npos);
  CHECK(world.ListedConnection("recruiter-2", "zoom").is_null());
  // The same user connecting again simply refreshes the link.
  ProviderWorld::Flow again = world.Connect("zoom", "recruiter-1", "ken.sato@kumo.example");
  CHECK(again.callback.status == 200);
}

TEST_CASE("Connect: deleting a connection stops its change notifications and forgets its tokens") {
  ProviderWorld world;
  ProviderWorld::Flow flow = world.Connect("google", "recruiter-1", "emily.carter@kumo.example");
  REQUIRE(flow.callback.status == 200);
  const json listed = world.ListedConnection("recruiter-1", "google");
  REQUIRE(listed.is_object());
  const std::string id = listed.at("id");
  CHECK(world.CountRequests("google", "POST", "/channels/stop") == 0);
  CHECK(HttpJson("DELETE", world.root() + "/v1/connections/" + id + "?user=someone-else").status == 404);  // not theirs
  CHECK(HttpJson("DELETE", world.root() + "/v1/connections/" + id + "?user=recruiter-1").status == 204);
  CHECK(world.CountRequests("google", "POST", "/channels/stop") == 1);
  CHECK(world.ListedConnection("recruiter-1", "google").is_null());
  Result<std::optional<Connection>> gone = world.runtime().connections().Find(id);
  REQUIRE(gone.ok());
  CHECK_FALSE(gone->has_value());
  CHECK(HttpJson("DELETE", world.root() + "/v1/connections/" + id + "?user=recruiter-1").status == 404);
}

TEST_CASE("Connect: a tenant that needs admin approval stops at the provider until the admin consents") {
  ProviderWorld world;
  const std::string tenant(sandbox::kDemoMicrosoftTenant);
  world.SandboxPost("/sandbox/faults", {{"kind", "admin_consent_required"}, {"tenant", tenant}});
  ProviderWorld::Flow blocked = world.Connect("microsoft", "recruiter-1", "hana.yamamoto@kumo-labs.example");
  REQUIRE(blocked.start.status == 302);
  // AADSTS90094 is shown on the provider's page (consent form or after picking the user); no code comes back.
  const std::string shown = blocked.authorize.body + blocked.consent.body;
  CHECK(shown.find("AADSTS90094") != std::string::npos);
  CHECK(blocked.callback_url.empty());
  CHECK(world.ListedConnection("recruiter-1", "microsoft").is_null());

  // The admin uses the tenant-admin consent link our client builds, and consents.
  const oauth::OAuthClient* client = world.runtime().providers().Client(oauth::Provider::kMicrosoft);
  const std::string admin_link = client->AdminConsentUrl(tenant, "admin-state");
  CHECK(admin_link.rfind(world.sandbox_root() + "/microsoft/" + tenant + "/v2.0/adminconsent?", 0) == 0);
  HttpAnswer page = HttpGet(admin_link);
  REQUIRE(page.status == 200);
  std::smatch match;
  const std::regex request_id(R"re(name="request_id"\s+value="([^"]+)")re");
  REQUIRE(std::regex_search(page.body, match, request_id));
  HttpAnswer consent = HttpPostForm(world.sandbox_root() + "/sandbox/consent",
                                    net::FormEncode({{"request_id", match[1].str()},
                                                     {"login", "anna.schmidt@kumo-labs.example"},
                                                     {"decision", "allow"}}));
  REQUIRE(consent.status == 302);
  CHECK(UrlParam(consent.location, "admin_consent") == "True");
  CHECK(UrlParam(consent.location, "state") == "admin-state");

  ProviderWorld::Flow after = world.Connect("microsoft", "recruiter-1", "hana.yamamoto@kumo-labs.example");
  CHECK(after.callback.status == 200);
  CHECK(world.ListedConnection("recruiter-1", "microsoft").at("status") == "active");
}
