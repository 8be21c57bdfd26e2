// demo_tenant.h — the out-of-the-box demo and the tests' world: organisation access pointed at the provider sandbox,
// and a tenant whose directory is the sandbox's demo organisation ("Kumo", docs/SANDBOX.md).
//
// Contract:
// - ConfigureSandboxOrgAccess seeds a Google service account with a fresh RSA key (domain-wide delegation for
//   kumo.example) into the sandbox at `sandbox_root` through its admin API and enables Microsoft app-only for the demo
//   Microsoft 365 tenant in `providers.org_access()`. Call after ConfigureSandboxProviders and before the
//   SchedulingRuntime is created (it reads the configuration once).
// - ConnectDemoOrganisation connects `tenant_id`'s organisations the way a customer's administrators do, through
//   the organisation-access registry (its function checks included): the Google Workspace kumo.example (the
//   administrator address is the demo recruiter) and the demo Microsoft 365 organisation (kumo-labs.example), whose
//   admin consent the sandbox holds as granted.
// - SeedDemoTenant creates tenant `tenant_id` (calendar system Google) with every person of the sandbox's demo
//   organisation (their zones and working hours; Lena Fischer and Sanne de Vries are recruiters, everyone is an
//   interviewer), its rooms, and answers a new API key for it (the plaintext; only its hash is stored).
//   Errors: the sandbox's, "storage_error", "tenant_exists".
#pragma once

#include <string>
#include <vector>

#include "connections/org_access_registry.h"
#include "connections/provider_registry.h"
#include "net/http_transport.h"
#include "runtime/connections_runtime.h"
#include "slotwise/result.h"
#include "store/directory_store.h"

namespace slotwise {

inline constexpr const char* kDemoTenantId = "kumo";
inline constexpr const char* kDemoRecruiter = "lena.fischer@kumo.example";  // whose widget the demo pages show

Result<bool> ConfigureSandboxOrgAccess(ProviderRegistry& providers, net::HttpTransport& transport,
                                       const std::string& sandbox_root);
Result<bool> ConnectDemoOrganisation(OrgAccessRegistry& organisations, const std::string& tenant_id);

// Sets the demo tenant's allowed_origins (the API's own origin for the standalone page, the demo ATS's origin for the
// embedded widget). Ports change between runs, so serve --demo calls this at every start.
Result<bool> AllowDemoOrigins(DirectoryStore& directory, const std::string& tenant_id,
                              const std::vector<std::string>& origins);

// Links the sandbox demo organisation's Zoom and GoTo accounts as host accounts of `tenant_id`: each owner's account
// is connected through the real OAuth flow (demo_connections.h) for the owner as Slotwise user, then imported with the
// settings its provider reports (host_account_import.h). Answers how many were linked.
Result<int> SeedDemoHostAccounts(DirectoryStore& directory, ConnectionsRuntime& connections,
                                 const std::string& sandbox_root, const std::string& tenant_id);

Result<std::string> SeedDemoTenant(DirectoryStore& directory, net::HttpTransport& transport,
                                   const std::string& sandbox_root, const std::string& tenant_id, std::int64_t now);

}  // namespace slotwise
