// organisation_e2e_test.cpp — organisation access belongs to a tenant (backend/connections/org_access_registry.h,
// backend/api/organisation_routes.h), tried through the real server and the sandbox: the cross-tenant reproduction
// of issue 16 (a second tenant adding the demo tenant's people) fails at its first step, an organisation cannot be
// claimed by a second tenant, and the Microsoft admin-consent round trip connects an organisation to the tenant that
// started it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "auth/api_keys.h"
#include "net/url.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "support/sandbox_pages.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// A second customer company on the same deployment, with its own API key; it connected nothing.
std::string AddTenantAcme(ProviderWorld& world) {
  Tenant acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.calendar_provider = "google";
  REQUIRE(world.scheduling().directory().CreateTenant(acme).ok());
  const auth::GeneratedApiKey key = auth::GenerateApiKey();
  REQUIRE(world.scheduling().directory().AddApiKey({key.key_id, "acme", key.secret_hash, "test", world.Now(), 0}).ok());
  return key.plaintext;
}

HttpAnswer Call(ProviderWorld& world, const std::string& key, const std::string& method, const std::string& path,
                const json& body = nullptr) {
  return HttpJson(method, world.root() + path, body, {{"Authorization", "Bearer " + key}});
}

std::string CodeOf(const HttpAnswer& answer) { return json::parse(answer.body).at("error").value("code", ""); }

}  // namespace

TEST_CASE("Organisation: another tenant cannot add the demo tenant's people, nor claim its organisations") {
  ProviderWorld world(true, true);
  const std::string acme = AddTenantAcme(world);

  // The first step of the reproduction: refused, with what would verify a domain.
  const HttpAnswer person = Call(world, acme, "PUT", "/v1/people/jonas.becker@kumo.example", {{"name", "Jonas"}});
  CHECK(person.status == 422);
  CHECK(CodeOf(person) == "domain_not_verified");
  CHECK(person.body.find("none yet") != std::string::npos);
  CHECK_FALSE(world.scheduling().directory().GetPerson("acme", "jonas.becker@kumo.example").value().has_value());

  // Nor can it claim kumo.example (the Workspace authorised the deployment's service account for "kumo").
  const HttpAnswer google = Call(world, acme, "PUT", "/v1/organisation/google",
                                 {{"domain", "kumo.example"}, {"admin_email", "lena.fischer@kumo.example"}});
  CHECK(google.status == 422);
  CHECK(CodeOf(google) == "domain_not_verified");
  CHECK(Call(world, acme, "GET", "/v1/organisation").body.find("\"connections\":[]") != std::string::npos);

  // The demo tenant's own people still go in; its organisation page lists both connections, checked.
  CHECK(world.Api("PUT", "/v1/people/new.person@kumo.example", {{"name", "New"}}).status == 200);
  const HttpAnswer listed = world.Api("GET", "/v1/organisation");
  REQUIRE(listed.status == 200);
  const json organisation = json::parse(listed.body);
  REQUIRE(organisation.at("connections").size() == 2);
  for (const json& connection : organisation.at("connections")) {
    CAPTURE(connection.dump());
    CHECK(connection.at("status") == "active");
    CHECK(connection.at("check").at("ok") == true);
  }
  CHECK(organisation.at("google").at("offered") == true);
  CHECK(world.Api("POST", "/v1/organisation/google/check").status == 200);
  CHECK(world.Api("POST", "/v1/organisation/zoom/check").status == 404);
}

TEST_CASE("Organisation: the Microsoft admin-consent round trip connects the organisation to the tenant that asked") {
  ProviderWorld world(true, true);
  const std::string acme = AddTenantAcme(world);
  // The demo tenant lets go of the Microsoft organisation first (one organisation, one tenant).
  REQUIRE(world.Api("DELETE", "/v1/organisation/microsoft").status == 204);
  CHECK(world.Api("DELETE", "/v1/organisation/microsoft").status == 404);

  const HttpAnswer link = Call(world, acme, "POST", "/v1/organisation/microsoft/consent");
  REQUIRE(link.status == 201);
  const std::string url = json::parse(link.body).at("url").get<std::string>();
  CHECK(url.find("/oauth2/v2.0/authorize?") != std::string::npos);  // first the administrator signs in
  CHECK(url.find("code_challenge_method=S256") != std::string::npos);
  const HttpAnswer landed = ConsentAsAdministrator(url, world.sandbox_root(), "sanne.devries@kumo-labs.example");
  CHECK(landed.status == 200);
  CHECK(landed.body.find("data-status=\"connected\"") != std::string::npos);
  CHECK(landed.body.find("kumo-labs.example") != std::string::npos);

  // Now Acme's people of that organisation go in, and nothing else does.
  CHECK(Call(world, acme, "PUT", "/v1/people/sanne.devries@kumo-labs.example", {{"name", "Sanne"}}).status == 200);
  CHECK(Call(world, acme, "PUT", "/v1/people/lena.fischer@kumo.example", {{"name", "Lena"}}).status == 422);
  // And the demo tenant cannot take the organisation back while Acme holds it.
  Result<OrgConnection> back =
      world.scheduling().org_access().ConnectMicrosoft("kumo", std::string(sandbox::kDemoMicrosoftTenant));
  REQUIRE_FALSE(back.ok());
  CHECK(back.error().code == codes::kDomainNotVerified);
}

TEST_CASE("Organisation: a consent answer cannot name another organisation than the one its administrator signed in to") {
  ProviderWorld world(true, true);
  REQUIRE(world.Api("DELETE", "/v1/organisation/microsoft").status == 204);
  const std::string url = json::parse(world.Api("POST", "/v1/organisation/microsoft/consent").body).at("url");

  // The administrator signs in (to the demo organisation); Slotwise sends them on to that organisation's consent page.
  const HttpAnswer sign_in = HttpGet(url);
  const HttpAnswer signed_in = HttpPostForm(
      world.sandbox_root() + "/sandbox/consent",
      net::FormEncode({{"request_id", RequestIdOf(sign_in.body)}, {"login", "sanne.devries@kumo-labs.example"},
                       {"decision", "allow"}}));
  REQUIRE(signed_in.status == 302);
  const HttpAnswer onward = HttpGet(signed_in.location);
  REQUIRE(onward.status == 302);
  CHECK(onward.location.find("/microsoft/" + std::string(sandbox::kDemoMicrosoftTenant) + "/v2.0/adminconsent?") !=
        std::string::npos);

  // Instead of consenting, a forged answer names another organisation (one that consented to the app elsewhere).
  const std::string state = UrlParam(onward.location, "state");
  const std::string callback = world.root() + "/oauth/microsoft/callback?" +
                               net::FormEncode({{"admin_consent", "True"}, {"tenant", "0bad0000-0000-4000-8000-000000000bad"},
                                                {"state", state}});
  const HttpAnswer forged = HttpGet(callback);
  CHECK(forged.status == 400);
  CHECK(forged.body.find("another organisation") != std::string::npos);
  CHECK(HttpGet(callback).status == 400);  // and the state is spent
  // Nor can the sign-in leg be skipped: a consent answer on a fresh link's state is refused.
  const std::string fresh = json::parse(world.Api("POST", "/v1/organisation/microsoft/consent").body).at("url");
  const HttpAnswer skipped = HttpGet(world.root() + "/oauth/microsoft/callback?" +
                                     net::FormEncode({{"admin_consent", "True"},
                                                      {"tenant", std::string(sandbox::kDemoMicrosoftTenant)},
                                                      {"state", UrlParam(fresh, "state")}}));
  CHECK(skipped.status == 400);
  CHECK(json::parse(world.Api("GET", "/v1/organisation").body).at("connections").size() == 1);  // Google only
}
