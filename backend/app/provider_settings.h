// provider_settings.h — the provider setup (runtime/provider_setup.h) `slotwise serve` runs with, from its effective
// configuration.
//
// Contract:
// - Demo providers (UsesSandboxDemoProviders): `demo`, or a `sandbox_url` with no provider registration configured —
//   ProviderSetup::SandboxDemo(sandbox_url): the sandbox's built-in clients, organisation access seeded by the demo.
// - Otherwise production: exactly the registrations of `providers.*` (client id, secret, scopes), at the providers'
//   real hosts — or, with `sandbox_url`, at the same paths under the sandbox (how tests run a production
//   configuration); the deployment's Google service account from org_access.google_service_account_file (already
//   read by config::ResolveSecretFiles); org_access.microsoft_app_only.
// - Errors: "invalid_config" (the key file is not a service-account key; field "org_access.google_service_account_file"
//   followed by the member at fault).
#pragma once

#include "config/server_config.h"
#include "runtime/provider_setup.h"
#include "slotwise/result.h"

namespace slotwise {

bool UsesSandboxDemoProviders(const config::ServerConfig& settings);

Result<ProviderSetup> ProviderSetupFor(const config::ServerConfig& settings);

}  // namespace slotwise
