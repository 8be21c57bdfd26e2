// Tests for the provider setup `slotwise serve` runs with (backend/app/provider_settings.h,
// backend/runtime/provider_setup.h) and the service-account key reader (backend/oauth/service_account_key.h): which
// endpoint set and registrations a configuration gives, and that the sandbox's endpoints are the real paths under
// another base URL.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/provider_settings.h"
#include "oauth/service_account_key.h"
#include "sandbox/sandbox.h"
#include "slotwise/error_codes.h"

using namespace slotwise;
using nlohmann::json;

namespace {

constexpr oauth::Provider kAll[] = {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft, oauth::Provider::kZoom,
                                    oauth::Provider::kGoTo};

// "https://host/a/b" -> "/a/b"; a sandbox URL loses its root and the provider's prefix ("/google", "/microsoft", …).
std::string RealPath(const std::string& url) { return url.substr(url.find('/', url.find("://") + 3)); }
std::string SandboxPath(const std::string& url, const std::string& root, oauth::Provider provider) {
  return url.substr(root.size() + 1 + oauth::ProviderName(provider).size());
}

config::ServerConfig ProductionConfig() {
  config::ServerConfig settings;
  settings.providers.google = {"vendor.apps.googleusercontent.com", "g-secret", "", {}};
  settings.providers.zoom = {"vendor-zoom", "z-secret", "", {"meeting:write"}};
  settings.org_access.microsoft_app_only = false;
  return settings;
}

}  // namespace

TEST_CASE("Provider setup: the sandbox's endpoints are the real paths under another base URL") {
  const std::string root = "http://127.0.0.1:4100";
  for (oauth::Provider provider : kAll) {
    CAPTURE(oauth::ProviderName(provider));
    ProviderSetup real;
    ProviderSetup sandbox;
    sandbox.sandbox_root = root;
    const oauth::ProviderEndpoints a = EndpointsFor(real, provider);
    const oauth::ProviderEndpoints b = EndpointsFor(sandbox, provider);
    CHECK(a.authorize_url.rfind("https://", 0) == 0);
    CHECK(RealPath(a.authorize_url) == SandboxPath(b.authorize_url, root, provider));
    CHECK(RealPath(a.token_url) == SandboxPath(b.token_url, root, provider));
    CHECK(RealPath(a.api_base) == SandboxPath(b.api_base, root, provider));
    CHECK(a.client_auth == b.client_auth);
  }
  // One multi-tenant Microsoft registration serves every customer organisation.
  CHECK(EndpointsFor(ProviderSetup{}, oauth::Provider::kMicrosoft).authorize_url ==
        "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize");
}

TEST_CASE("Provider setup: a production configuration uses its own registrations at the real hosts") {
  config::ServerConfig settings = ProductionConfig();
  CHECK_FALSE(UsesSandboxDemoProviders(settings));
  Result<ProviderSetup> setup = ProviderSetupFor(settings);
  REQUIRE(setup.ok());
  CHECK(setup->sandbox_root.empty());
  CHECK(setup->registrations.size() == 2);
  CHECK(RegistrationFor(*setup, oauth::Provider::kGoogle)->client_id == "vendor.apps.googleusercontent.com");
  CHECK(RegistrationFor(*setup, oauth::Provider::kZoom)->scopes == std::vector<std::string>{"meeting:write"});
  CHECK_FALSE(RegistrationFor(*setup, oauth::Provider::kMicrosoft).has_value());  // not configured: not offered

  const json described = json::parse(DescribeProviderSetup(*setup).dump());
  CHECK(described.at("set") == "real");
  CHECK(described.at("google").at("registered") == true);
  CHECK(described.at("microsoft").at("registered") == false);
  CHECK(described.dump().find("g-secret") == std::string::npos);

  // --sandbox-url changes the base URLs only: the same registrations, no built-in sandbox clients.
  settings.sandbox_url = "http://127.0.0.1:4100";
  CHECK_FALSE(UsesSandboxDemoProviders(settings));
  setup = ProviderSetupFor(settings);
  REQUIRE(setup.ok());
  CHECK(setup->sandbox_root == "http://127.0.0.1:4100");
  CHECK_FALSE(RegistrationFor(*setup, oauth::Provider::kMicrosoft).has_value());
  CHECK(EndpointsFor(*setup, oauth::Provider::kGoogle).token_url == "http://127.0.0.1:4100/google/token");
}

TEST_CASE("Provider setup: --demo, or a sandbox without registrations, uses the sandbox's own clients") {
  config::ServerConfig settings;
  settings.sandbox_url = "http://127.0.0.1:4100";
  CHECK(UsesSandboxDemoProviders(settings));
  Result<ProviderSetup> setup = ProviderSetupFor(settings);
  REQUIRE(setup.ok());
  for (oauth::Provider provider : kAll) CHECK(RegistrationFor(*setup, provider).has_value());
  CHECK(EndpointsFor(*setup, oauth::Provider::kMicrosoft).token_url.find(sandbox::kDemoMicrosoftTenant) !=
        std::string::npos);

  config::ServerConfig demo = ProductionConfig();
  demo.demo = true;
  CHECK(UsesSandboxDemoProviders(demo));
  // Without any sandbox the real hosts offer only what is registered: nothing here.
  setup = ProviderSetupFor(config::ServerConfig{});
  REQUIRE(setup.ok());
  for (oauth::Provider provider : kAll) CHECK_FALSE(RegistrationFor(*setup, provider).has_value());
}

TEST_CASE("Service-account key: Google's key file is read; anything else is refused without echoing the key") {
  const std::string pem = "-----BEGIN PRIVATE KEY-----\nMIIEv...secret...\n-----END PRIVATE KEY-----\n";
  const json key = {{"type", "service_account"}, {"client_email", "svc@project.iam.gserviceaccount.com"},
                    {"client_id", "104857600000000000001"}, {"private_key", pem},
                    {"token_uri", "https://oauth2.googleapis.com/token"}};
  Result<oauth::ServiceAccount> account = oauth::ParseServiceAccountKey(key.dump());
  REQUIRE(account.ok());
  CHECK(account->client_email == "svc@project.iam.gserviceaccount.com");
  CHECK(account->client_id == "104857600000000000001");
  CHECK(account->private_key_pem == pem);
  CHECK(account->token_url.empty());  // the endpoint set decides

  const std::pair<json, std::string> refused[] = {
      {json::array(), ""},
      {json{{"type", "authorized_user"}, {"private_key", pem}}, "type"},
      {[&] { json k = key; k.erase("client_email"); return k; }(), "client_email"},
      {[&] { json k = key; k["private_key"] = "not a key"; return k; }(), "private_key"},
      {[&] { json k = key; k["private_key"] = 42; return k; }(), "private_key"},
  };
  for (const auto& [document, field] : refused) {
    CAPTURE(document.dump());
    Result<oauth::ServiceAccount> read = oauth::ParseServiceAccountKey(document.dump());
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == codes::kInvalidConfig);
    CHECK(read.error().field == field);
    CHECK(read.error().message.find("secret") == std::string::npos);
  }
  CHECK_FALSE(oauth::ParseServiceAccountKey("{not json").ok());

  config::ServerConfig settings = ProductionConfig();
  settings.org_access.google_service_account_file = "/etc/slotwise/key.json";
  settings.org_access.google_service_account_key = json{{"type", "service_account"}}.dump();
  Result<ProviderSetup> setup = ProviderSetupFor(settings);
  REQUIRE_FALSE(setup.ok());
  CHECK(setup.error().field == "org_access.google_service_account_file.client_email");
  CHECK(setup.error().message.find("/etc/slotwise/key.json") != std::string::npos);
  settings.org_access.google_service_account_key = key.dump();
  setup = ProviderSetupFor(settings);
  REQUIRE(setup.ok());
  REQUIRE(setup->google_service_account.has_value());
  CHECK(setup->google_service_account->client_email == "svc@project.iam.gserviceaccount.com");
}
