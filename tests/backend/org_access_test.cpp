// Tests for backend/org_access: service-account and app-only tokens against the in-process sandbox, read through the
// unchanged calendar adapters; caching and single-flight grants counted in the sandbox's request log.
#include <doctest/doctest.h>

#include <httplib.h>

#include <algorithm>
#include <latch>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connections/org_access.h"
#include "connections/provider_registry.h"
#include "crypto/jwt.h"
#include "oauth/provider.h"
#include "providers/google_calendar.h"
#include "providers/microsoft_graph_calendar.h"
#include "sandbox/sandbox.h"
#include "slotwise/error_codes.h"
#include "support/running_sandbox.h"

using namespace slotwise;
using nlohmann::json;

namespace {

constexpr std::string_view kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const std::string kServiceAccountEmail = "scheduler@kumo-svc.iam.example";
const std::string kLena = "lena.fischer@kumo.example";
const std::string kKen = "ken.sato@kumo.example";
const std::string kSanne = "sanne.devries@kumo-labs.example";
const std::string kDaan = "daan.jansen@kumo-labs.example";
const std::string kAnna = "anna.schmidt@kumo-labs.example";
const std::string kRoomAmstel = "room-amstel@kumo-labs.example";

oauth::TokenRequestPolicy FastPolicy() {
  oauth::TokenRequestPolicy policy;
  policy.timeout = std::chrono::milliseconds(5'000);
  policy.max_attempts = 2;
  policy.base_backoff = std::chrono::milliseconds(1);
  policy.max_backoff = std::chrono::milliseconds(5);
  return policy;
}

// The sandbox on 127.0.0.1:<any>, serving on its own thread for the fixture's lifetime.
struct LiveSandbox {
  LiveSandbox() {
    admin = std::make_unique<httplib::Client>("127.0.0.1", running.port());
    admin->set_connection_timeout(2, 0);
    admin->set_read_timeout(10, 0);
  }

  std::string Root() const { return running.root(); }
  oauth::ProviderEndpoints Endpoints(oauth::Provider provider) const {
    return oauth::SandboxEndpoints(Root(), provider);
  }
  std::int64_t Now() { return running.sandbox().Now(); }
  OrgAccess::Clock Clock() {
    return [this] { return running.sandbox().Now(); };
  }

  void PostAdmin(const std::string& path, const json& body) {
    auto res = admin->Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
  }
  json Log(const std::string& provider) {
    auto res = admin->Get(("/sandbox/requests?provider=" + provider).c_str());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body).at("requests");
  }
  // Token-endpoint requests of `provider` with this grant_type (as the sandbox recorded them).
  std::size_t CountGrants(const std::string& provider, std::string_view grant_type) {
    json log = Log(provider);
    return static_cast<std::size_t>(std::count_if(log.begin(), log.end(), [&](const json& entry) {
      return entry.value("grant_type", "") == grant_type;
    }));
  }
  // Requests to exactly this path (also counts requests a fault answered before any route saw them).
  std::size_t CountPath(const std::string& provider, const std::string& path) {
    json log = Log(provider);
    return static_cast<std::size_t>(
        std::count_if(log.begin(), log.end(), [&](const json& entry) { return entry.value("path", "") == path; }));
  }

  testing::RunningSandbox running{{.seed_demo_org = true}};
  std::unique_ptr<httplib::Client> admin;
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
};

// Registers a service account for kumo.example with a fresh key pair; returns the configuration Slotwise holds.
// `signing_key` replaces the private key (a key the sandbox does not know) when given.
oauth::ServiceAccount SeedServiceAccount(LiveSandbox& sandbox, const std::string& signing_key = {}) {
  Result<crypto::RsaKeyPair> keys = crypto::GenerateRsaKeyPair();
  REQUIRE(keys.ok());
  REQUIRE(sandbox.running.sandbox()
              .Seed(json{{"service_accounts", json::array({{{"client_email", kServiceAccountEmail},
                                                             {"public_key_pem", keys->public_pem},
                                                             {"domain", "kumo.example"}}})}}
                        .dump())
              .ok());
  oauth::ServiceAccount account;
  account.client_email = kServiceAccountEmail;
  account.private_key_pem = signing_key.empty() ? keys->private_pem : signing_key;
  account.token_url = sandbox.Endpoints(oauth::Provider::kGoogle).token_url;
  account.scopes = {"https://www.googleapis.com/auth/calendar.events",
                    "https://www.googleapis.com/auth/calendar.freebusy"};
  account.client_id = "109876543210";
  account.policy = FastPolicy();
  return account;
}

OrgAccessConfig GoogleConfig(oauth::ServiceAccount account) {
  OrgAccessConfig config;
  config.google_service_account = std::move(account);
  return config;
}

oauth::OAuthClient MicrosoftClient(LiveSandbox& sandbox, std::string secret = std::string(sandbox::kMicrosoftClientSecret)) {
  oauth::ClientRegistration registration;
  registration.provider = oauth::Provider::kMicrosoft;
  registration.endpoints = sandbox.Endpoints(oauth::Provider::kMicrosoft);  // tenant "organizations", as the server's
  registration.client_id = std::string(sandbox::kMicrosoftClientId);
  registration.client_secret = std::move(secret);
  registration.redirect_uri = sandbox.Root() + "/oauth/microsoft/callback";
  registration.scopes = ProviderRegistry::DefaultScopes(oauth::Provider::kMicrosoft);
  registration.policy = FastPolicy();
  return oauth::OAuthClient(std::move(registration), *sandbox.transport);
}

// Organisation access as the tenant "kumo" connected it: its Workspace (kumo.example unless told otherwise) …
OrgAccessScope GoogleScope(std::vector<std::string> domains = {"kumo.example"}) {
  OrgAccessScope scope;
  scope.tenant_id = "kumo";
  scope.google = true;
  scope.domains = std::move(domains);
  return scope;
}

// … and its Microsoft 365 organisation (kumo-labs.example), named by `microsoft_tenant`.
OrgAccessScope MicrosoftScope(std::string microsoft_tenant) {
  OrgAccessScope scope;
  scope.tenant_id = "kumo";
  scope.microsoft_tenant = std::move(microsoft_tenant);
  scope.domains = {"kumo-labs.example"};
  return scope;
}

OrgAccessConfig MicrosoftConfig() {
  OrgAccessConfig config;
  config.microsoft_app_only = true;
  return config;
}

Interval AroundNow(LiveSandbox& sandbox) {
  const Instant now = sandbox.Now();
  return Interval{now - 8 * kSecondsPerDay, now + 8 * kSecondsPerDay};
}

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Google service account (domain-wide delegation)
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("OrgAccess: a service-account token reads a demo user's freeBusy through GoogleCalendar, as that user") {
  LiveSandbox sandbox;
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope());
  REQUIRE(access.configured(oauth::Provider::kGoogle));
  CHECK_FALSE(access.configured(oauth::Provider::kMicrosoft));

  std::unique_ptr<providers::AccessTokenSource> as_lena = access.GoogleAs(kLena);
  providers::GoogleCalendar calendar(*sandbox.transport, *as_lena, sandbox.Endpoints(oauth::Provider::kGoogle).api_base);
  Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({kLena}, AroundNow(sandbox), "Europe/Berlin");
  REQUIRE_MESSAGE(busy.ok(), busy.error().message);
  REQUIRE(busy->size() == 1);
  CHECK(busy->at(0).calendar_id == kLena);
  REQUIRE_MESSAGE(busy->at(0).busy.ok(), busy->at(0).busy.error().message);
  CHECK_FALSE(busy->at(0).busy->empty());  // the demo week has stand-ups and focus time for Lena

  json log = sandbox.Log("google");
  std::vector<json> grants, free_busy;
  for (const json& entry : log) {
    if (entry.value("grant_type", "") == kJwtBearer) grants.push_back(entry);
    if (entry.value("path", "") == "/google/calendar/v3/freeBusy") free_busy.push_back(entry);
  }
  REQUIRE(grants.size() == 1);
  CHECK(grants[0]["status"] == 200);
  CHECK(grants[0]["user"] == kLena);
  REQUIRE(free_busy.size() == 1);
  CHECK(free_busy[0]["status"] == 200);
  CHECK(free_busy[0]["user"] == kLena);  // the call was made with a token acting as Lena
}

TEST_CASE("OrgAccess: a subject outside the service account's domain is refused with subject_refused") {
  LiveSandbox sandbox;
  // Both domains verified for the tenant, so that Google itself is asked (and refuses kumo-labs.example).
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope({"kumo.example", "kumo-labs.example"}));

  for (const std::string& outsider : {kSanne, std::string("nobody@kumo.example")}) {
    CAPTURE(outsider);
    Result<std::string> token = access.GoogleAs(outsider)->Current();
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().code == slotwise::codes::kSubjectRefused);
    CHECK(Contains(token.error().message, outsider));
    CHECK(Contains(token.error().message, kServiceAccountEmail));
    CHECK(Contains(token.error().message, "Google Workspace domain"));
    CHECK(Contains(token.error().message, "Invalid email or User ID"));  // Google's own words are kept
  }
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 2);  // both were refused by the provider, not guessed locally
  CHECK(access.GoogleAs(kKen)->Current().ok());           // the account itself works for its own domain
}

TEST_CASE("OrgAccess: an address outside the tenant's verified domains gets no token, and no grant is asked for") {
  LiveSandbox sandbox;
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);
  OrgAccessConfig config = GoogleConfig(SeedServiceAccount(sandbox));
  config.microsoft_app_only = true;
  OrgAccessScope scope = GoogleScope();  // tenant "kumo": kumo.example only, and its Microsoft organisation
  scope.microsoft_tenant = std::string(sandbox::kDemoMicrosoftTenant);
  OrgAccess access(config, &microsoft, *sandbox.transport, sandbox.Clock(), scope);
  // kumo-labs.example is a real user of the Microsoft organisation, but not verified for this tenant; the others are
  // another company's address, an address without a domain, and the service account itself (an empty subject).
  for (const std::string& address : {kSanne, std::string("ceo@other-company.example"), std::string("lena.fischer"),
                                     std::string("")}) {
    CAPTURE(address);
    Result<std::string> google = access.GoogleAs(address)->Current();
    REQUIRE_FALSE(google.ok());
    CHECK(google.error().code == slotwise::codes::kDomainNotVerified);
    CHECK(Contains(google.error().message, "kumo"));
    if (address.empty()) continue;  // "" is the tenant-wide Microsoft source (directory reads), allowed
    Result<std::string> graph = access.MicrosoftAppOnly(address)->Current();
    REQUIRE_FALSE(graph.ok());
    CHECK(graph.error().code == slotwise::codes::kDomainNotVerified);
  }
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 0);
  CHECK(sandbox.CountGrants("microsoft", "client_credentials") == 0);
  CHECK(access.GoogleAs("Lena.Fischer@KUMO.example")->Current().ok());  // the tenant's own domain, any case
}

TEST_CASE("OrgAccess: a key that is not the service account's registered key is refused as invalid_client") {
  LiveSandbox sandbox;
  Result<crypto::RsaKeyPair> other = crypto::GenerateRsaKeyPair();
  REQUIRE(other.ok());
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox, other->private_pem)), nullptr, *sandbox.transport,
                   sandbox.Clock(), GoogleScope());

  Result<std::string> token = access.GoogleAs(kLena)->Current();
  REQUIRE_FALSE(token.ok());
  CHECK(token.error().code == slotwise::codes::kInvalidClient);
  CHECK(Contains(token.error().message, "Invalid JWT Signature"));
  CHECK(Contains(token.error().message, "Service accounts > " + kServiceAccountEmail + " > Keys"));
  CHECK_FALSE(Contains(token.error().message, "BEGIN PRIVATE KEY"));
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 1);

  OrgAccessConfig unreadable = GoogleConfig(SeedServiceAccount(sandbox, "not a key"));
  OrgAccess broken(unreadable, nullptr, *sandbox.transport, sandbox.Clock(), GoogleScope());
  Result<std::string> unsigned_token = broken.GoogleAs(kLena)->Current();
  REQUIRE_FALSE(unsigned_token.ok());
  CHECK(unsigned_token.error().code == slotwise::codes::kInvalidClient);
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 1);  // nothing to send without a usable key
}

TEST_CASE("OrgAccess: Google's unauthorized_client (delegation not granted) is consent_required naming the fix") {
  LiveSandbox sandbox;
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope());
  // The sandbox does not model the admin's delegation list: answer as Google does when the client id is not allowed.
  sandbox.PostAdmin("/sandbox/faults",
                    {{"provider", "google"}, {"path_prefix", "/google/token"}, {"status", 401}, {"times", 1},
                     {"body",
                      {{"error", "unauthorized_client"},
                       {"error_description", "Client is unauthorized to retrieve access tokens using this method, or "
                                             "client not authorized for any of the scopes requested."}}}});

  std::unique_ptr<providers::AccessTokenSource> as_lena = access.GoogleAs(kLena);
  Result<std::string> refused = as_lena->Current();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == slotwise::codes::kConsentRequired);
  CHECK(Contains(refused.error().message, "Domain-wide delegation"));
  CHECK(Contains(refused.error().message, "109876543210"));  // the client id the admin must authorise
  CHECK(Contains(refused.error().message, "https://www.googleapis.com/auth/calendar.freebusy"));
  CHECK(Contains(refused.error().message, kLena));

  // The failure is not cached: once the admin has authorised the client, the next call works.
  Result<std::string> granted = as_lena->Current();
  REQUIRE_MESSAGE(granted.ok(), granted.error().message);
  CHECK(sandbox.CountPath("google", "/google/token") == 2);
}

TEST_CASE("OrgAccess: tokens are cached per subject until 120 s before expiry") {
  LiveSandbox sandbox;
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope());

  std::unique_ptr<providers::AccessTokenSource> as_lena = access.GoogleAs(kLena);
  Result<std::string> first = as_lena->Current();
  REQUIRE_MESSAGE(first.ok(), first.error().message);
  Result<std::string> second = as_lena->Current();
  REQUIRE(second.ok());
  CHECK(second.value() == first.value());
  CHECK(access.GoogleAs("Lena.Fischer@KUMO.example")->Current().value() == first.value());  // same mailbox
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 1);

  Result<std::string> ken = access.GoogleAs(kKen)->Current();  // another subject has its own token
  REQUIRE(ken.ok());
  CHECK(ken.value() != first.value());
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 2);

  sandbox.running.sandbox().AdvanceClock(3599 - 125);  // 125 s left: still cached (a margin for a slow machine)
  CHECK(as_lena->Current().value() == first.value());
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 2);

  sandbox.running.sandbox().AdvanceClock(6);  // 119 s left: a new grant
  Result<std::string> renewed = as_lena->Current();
  REQUIRE_MESSAGE(renewed.ok(), renewed.error().message);
  CHECK(renewed.value() != first.value());
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 3);
  CHECK(access.grants_started() == 3);
}

TEST_CASE("OrgAccess: 50 concurrent rejections of the same Google token cause exactly one new grant") {
  LiveSandbox sandbox;
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope());
  std::unique_ptr<providers::AccessTokenSource> as_lena = access.GoogleAs(kLena);
  const std::string rejected = as_lena->Current().value();
  REQUIRE(sandbox.CountGrants("google", kJwtBearer) == 1);

  constexpr int kThreads = 50;
  std::vector<Result<std::string>> results(kThreads, Error{"not_run", "", ""});
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = as_lena->AfterRejection(rejected);
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::set<std::string> tokens;
  for (const Result<std::string>& result : results) {
    REQUIRE_MESSAGE(result.ok(), result.error().message);
    tokens.insert(result.value());
  }
  CHECK(tokens.size() == 1);
  CHECK(*tokens.begin() != rejected);
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 2);
  CHECK(as_lena->Current().value() == *tokens.begin());  // the new token is the cached one
  CHECK(sandbox.CountGrants("google", kJwtBearer) == 2);
}

TEST_CASE("OrgAccess: callers waiting for a grant that fails share its error instead of asking again") {
  LiveSandbox sandbox;
  OrgAccess access(GoogleConfig(SeedServiceAccount(sandbox)), nullptr, *sandbox.transport, sandbox.Clock(),
                   GoogleScope());
  std::unique_ptr<providers::AccessTokenSource> as_lena = access.GoogleAs(kLena);
  // Every token request is slow and refused, so all callers queue behind the first one.
  sandbox.PostAdmin("/sandbox/faults", {{"provider", "google"}, {"path_prefix", "/google/token"}, {"status", 401},
                                        {"times", 100}, {"delay_ms", 500},
                                        {"body", {{"error", "unauthorized_client"}, {"error_description", "nope"}}}});
  constexpr int kThreads = 20;
  std::vector<Result<std::string>> results(kThreads, std::string("not run"));
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = as_lena->Current();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Result<std::string>& result : results) {
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == slotwise::codes::kConsentRequired);
  }
  CHECK(sandbox.CountPath("google", "/google/token") == 1);
  CHECK(access.grants_started() == 1);
}

TEST_CASE("OrgAccess: a provider without configuration hands out sources that say so") {
  LiveSandbox sandbox;
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);
  OrgAccessScope both = MicrosoftScope(std::string(sandbox::kDemoMicrosoftTenant));
  both.google = true;
  OrgAccess access(OrgAccessConfig{}, &microsoft, *sandbox.transport, sandbox.Clock(), both);  // nothing enabled
  CHECK_FALSE(access.configured(oauth::Provider::kGoogle));
  CHECK_FALSE(access.configured(oauth::Provider::kMicrosoft));
  CHECK_FALSE(access.configured(oauth::Provider::kZoom));
  Result<std::string> google = access.GoogleAs(kLena)->Current();
  REQUIRE_FALSE(google.ok());
  CHECK(google.error().code == "provider_not_configured");
  Result<std::string> graph = access.MicrosoftAppOnly("")->AfterRejection("x");
  REQUIRE_FALSE(graph.ok());
  CHECK(graph.error().code == "provider_not_configured");
  CHECK(sandbox.Log("google").empty());
  CHECK(sandbox.Log("microsoft").empty());
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Microsoft app-only (client credentials)
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("OrgAccess: a Microsoft app-only token reads several users' schedules and the rooms through Graph") {
  LiveSandbox sandbox;
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);
  OrgAccess access(MicrosoftConfig(), &microsoft, *sandbox.transport, sandbox.Clock(),
                   MicrosoftScope(std::string(sandbox::kDemoMicrosoftTenant)));
  REQUIRE(access.configured(oauth::Provider::kMicrosoft));

  std::unique_ptr<providers::AccessTokenSource> app = access.MicrosoftAppOnly("");
  providers::MicrosoftGraphOptions options;
  options.default_mailbox = kSanne;  // "me" has no meaning app-only
  providers::MicrosoftGraphCalendar graph(*sandbox.transport, *app,
                                          sandbox.Endpoints(oauth::Provider::kMicrosoft).api_base, {}, {}, options);

  Result<std::vector<CalendarBusy>> busy = graph.FreeBusy({kSanne, kDaan, kAnna}, AroundNow(sandbox), "UTC");
  REQUIRE_MESSAGE(busy.ok(), busy.error().message);
  REQUIRE(busy->size() == 3);
  for (const CalendarBusy& calendar : busy.value()) {
    CAPTURE(calendar.calendar_id);
    REQUIRE_MESSAGE(calendar.busy.ok(), calendar.busy.error().message);
    CHECK_FALSE(calendar.busy->empty());  // every demo person has meetings this week
  }

  Result<std::vector<providers::RoomInfo>> rooms = graph.ListRooms();
  REQUIRE_MESSAGE(rooms.ok(), rooms.error().message);
  CHECK(std::any_of(rooms->begin(), rooms->end(),
                    [](const providers::RoomInfo& room) { return room.email == kRoomAmstel; }));

  json log = sandbox.Log("microsoft");
  std::size_t grants = 0, schedules = 0, places = 0;
  for (const json& entry : log) {
    const std::string path = entry.value("path", "");
    if (entry.value("grant_type", "") == "client_credentials") {
      ++grants;
      CHECK(path == "/microsoft/" + std::string(sandbox::kDemoMicrosoftTenant) + "/oauth2/v2.0/token");
      CHECK(entry["status"] == 200);
    }
    if (Contains(path, "/calendar/getSchedule")) {
      ++schedules;
      CHECK(entry["user"] == "app@" + std::string(sandbox::kDemoMicrosoftTenant));  // app-only, not a user
      CHECK(entry["status"] == 200);
    }
    if (Contains(path, "/places/")) ++places;
  }
  CHECK(grants == 1);  // one cached app token for every call
  CHECK(schedules >= 1);
  CHECK(places >= 1);
}

TEST_CASE("OrgAccess: 50 concurrent rejections of the app-only token cause exactly one client-credentials grant") {
  LiveSandbox sandbox;
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);
  OrgAccess access(MicrosoftConfig(), &microsoft, *sandbox.transport, sandbox.Clock(),
                   MicrosoftScope(std::string(sandbox::kDemoMicrosoftDomain)));  // a verified domain names the tenant too
  std::unique_ptr<providers::AccessTokenSource> app = access.MicrosoftAppOnly("");
  const std::string rejected = app->Current().value();

  constexpr int kThreads = 50;
  std::vector<Result<std::string>> results(kThreads, Error{"not_run", "", ""});
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = app->AfterRejection(rejected);
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> tokens;
  for (const Result<std::string>& result : results) {
    REQUIRE_MESSAGE(result.ok(), result.error().message);
    tokens.insert(result.value());
  }
  CHECK(tokens.size() == 1);
  CHECK(*tokens.begin() != rejected);
  CHECK(sandbox.CountGrants("microsoft", "client_credentials") == 2);
}

TEST_CASE("OrgAccess: a tenant without admin consent fails with consent_required and the tenant's consent link") {
  LiveSandbox sandbox;
  const std::string tenant(sandbox::kDemoMicrosoftTenant);
  sandbox.PostAdmin("/sandbox/faults", {{"kind", "admin_consent_required"}, {"tenant", tenant}});
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);
  OrgAccess access(MicrosoftConfig(), &microsoft, *sandbox.transport, sandbox.Clock(), MicrosoftScope(tenant));
  std::unique_ptr<providers::AccessTokenSource> app = access.MicrosoftAppOnly("");

  Result<std::string> refused = app->Current();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == slotwise::codes::kConsentRequired);
  CHECK(Contains(refused.error().message, "AADSTS65001"));
  CHECK(Contains(refused.error().message, "/microsoft/" + tenant + "/v2.0/adminconsent?"));  // this tenant's link
  CHECK(Contains(refused.error().message, std::string(sandbox::kMicrosoftClientId)));
  CHECK_FALSE(Contains(refused.error().message, sandbox::kMicrosoftClientSecret));

  sandbox.PostAdmin("/sandbox/faults", {{"kind", "admin_consent_required"}, {"tenant", tenant}, {"value", false}});
  Result<std::string> granted = app->Current();  // the admin consented: works at once
  CHECK_MESSAGE(granted.ok(), granted.error().message);
}

TEST_CASE("OrgAccess: app-only access refuses a multi-tenant alias, an unknown tenant and a wrong secret") {
  LiveSandbox sandbox;
  oauth::OAuthClient microsoft = MicrosoftClient(sandbox);

  OrgAccess no_tenant(MicrosoftConfig(), &microsoft, *sandbox.transport, sandbox.Clock(),
                      MicrosoftScope("organizations"));
  Result<std::string> alias = no_tenant.MicrosoftAppOnly("")->Current();
  REQUIRE_FALSE(alias.ok());
  CHECK(alias.error().code == slotwise::codes::kInvalidClient);
  CHECK(Contains(alias.error().message, "Tenant ID"));
  CHECK(sandbox.CountGrants("microsoft", "client_credentials") == 0);  // refused before asking Microsoft

  OrgAccess unknown(MicrosoftConfig(), &microsoft, *sandbox.transport, sandbox.Clock(),
                    MicrosoftScope("no-such-tenant.example"));
  Result<std::string> missing = unknown.MicrosoftAppOnly("")->Current();
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == slotwise::codes::kInvalidClient);
  CHECK(Contains(missing.error().message, "AADSTS90002"));
  CHECK(Contains(missing.error().message, "no-such-tenant.example"));

  oauth::OAuthClient wrong_secret = MicrosoftClient(sandbox, "not-the-secret");
  OrgAccess bad_secret(MicrosoftConfig(), &wrong_secret, *sandbox.transport, sandbox.Clock(),
                       MicrosoftScope(std::string(sandbox::kDemoMicrosoftTenant)));
  Result<std::string> refused = bad_secret.MicrosoftAppOnly("")->Current();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == slotwise::codes::kInvalidClient);
  CHECK(Contains(refused.error().message, "AADSTS7000215"));
  CHECK_FALSE(Contains(refused.error().message, "not-the-secret"));
  CHECK(sandbox.CountGrants("microsoft", "client_credentials") == 2);
}
