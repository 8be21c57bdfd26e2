// provider_setup.h — which provider endpoints and client registrations this server uses, decided once at start-up:
// the providers' real hosts with the deployment's own registrations (production), or every provider pointed at a
// sandbox (tests, development, `--demo`).
//
// Contract:
// - Endpoints (EndpointsFor, the one place that chooses them): `sandbox_root` empty = the real hosts
//   (oauth::RealEndpoints; Microsoft's authority is "organizations", since one multi-tenant registration serves every
//   customer organisation); otherwise the same paths under the sandbox root (oauth::SandboxEndpoints). Nothing else
//   differs between the two.
// - Registrations: a provider is configured when `registrations` names it (its scopes empty = the defaults,
//   ProviderRegistry::DefaultScopes). With `sandbox_builtin_clients` (the demo) every provider not named uses the
//   sandbox's built-in demo client, whose Microsoft authority is the demo organisation's tenant.
// - Organisation access: `google_service_account` (the deployment's service account for domain-wide delegation; its
//   token URL is the endpoint set's Google token URL, its scopes ProviderRegistry::OrganisationScopes) and
//   `microsoft_app_only` (app-only Graph tokens with the Microsoft registration). Which customer organisation they
//   reach is each tenant's own (connections/org_access_registry.h).
// - DescribeProviderSetup never includes a secret.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "observability/instrumented_transport.h"
#include "oauth/oauth_client.h"
#include "oauth/provider.h"

namespace slotwise {

struct ProviderRegistrationSetting {
  std::string client_id;
  std::string client_secret;        // secret
  std::vector<std::string> scopes;  // empty = ProviderRegistry::DefaultScopes
};

struct ProviderSetup {
  std::string sandbox_root;  // "" = the providers' real hosts; else e.g. "http://127.0.0.1:4100"
  std::map<oauth::Provider, ProviderRegistrationSetting> registrations;
  bool sandbox_builtin_clients = false;  // providers without a registration use the sandbox's demo clients
  std::optional<oauth::ServiceAccount> google_service_account;
  bool microsoft_app_only = false;

  // Every provider at the sandbox with its built-in demo clients (organisation access is seeded by the demo).
  static ProviderSetup SandboxDemo(std::string sandbox_root);
};

// The endpoints of `provider` under `setup` (see the contract).
oauth::ProviderEndpoints EndpointsFor(const ProviderSetup& setup, oauth::Provider provider);

// The registration `provider` uses under `setup` (its scopes as configured), or nullopt when it is not configured.
std::optional<ProviderRegistrationSetting> RegistrationFor(const ProviderSetup& setup, oauth::Provider provider);

// Which provider each outgoing URL belongs to, for the provider-call metrics (observability/instrumented_transport.h): every
// endpoint of every provider under `setup` — at the real hosts their origins ("https://graph.microsoft.com"), under the
// sandbox the sandbox root plus the provider's first path segment ("http://127.0.0.1:4100/microsoft").
std::vector<observability::ProviderUrlPrefix> ProviderUrlPrefixes(const ProviderSetup& setup);

// For `serve --print-config`: {"set": "real" | "sandbox", "sandbox_url"?: …, "<provider>": {"registered": bool,
// "client_id"?, "authorize_url", "token_url", "api_base"}, "organisation_access": {"google_service_account": email |
// null, "microsoft_app_only": bool}}. `sandbox_note` replaces the sandbox URL when it is not known yet.
nlohmann::ordered_json DescribeProviderSetup(const ProviderSetup& setup, const std::string& sandbox_note = "");

}  // namespace slotwise
