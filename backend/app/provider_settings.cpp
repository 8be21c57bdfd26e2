// provider_settings.cpp — see provider_settings.h.
#include "app/provider_settings.h"

#include "oauth/service_account_key.h"

namespace slotwise {

namespace {

bool AnyRegistration(const config::ProvidersConfig& providers) {
  return !providers.google.client_id.empty() || !providers.microsoft.client_id.empty() ||
         !providers.zoom.client_id.empty() || !providers.go_to.client_id.empty();
}

void AddRegistration(ProviderSetup& setup, oauth::Provider provider, const config::ProviderConfig& configured) {
  if (configured.client_id.empty()) return;
  setup.registrations[provider] = {configured.client_id, configured.client_secret, configured.scopes};
}

}  // namespace

bool UsesSandboxDemoProviders(const config::ServerConfig& settings) {
  return settings.demo || (!settings.sandbox_url.empty() && !AnyRegistration(settings.providers));
}

Result<ProviderSetup> ProviderSetupFor(const config::ServerConfig& settings) {
  if (UsesSandboxDemoProviders(settings)) return ProviderSetup::SandboxDemo(settings.sandbox_url);
  ProviderSetup setup;
  setup.sandbox_root = settings.sandbox_url;
  AddRegistration(setup, oauth::Provider::kGoogle, settings.providers.google);
  AddRegistration(setup, oauth::Provider::kMicrosoft, settings.providers.microsoft);
  AddRegistration(setup, oauth::Provider::kZoom, settings.providers.zoom);
  AddRegistration(setup, oauth::Provider::kGoTo, settings.providers.go_to);
  if (!settings.org_access.google_service_account_key.empty()) {
    Result<oauth::ServiceAccount> account = oauth::ParseServiceAccountKey(settings.org_access.google_service_account_key);
    if (!account) {
      Error error = account.error();
      error.message = settings.org_access.google_service_account_file + ": " + error.message;
      error.field = "org_access.google_service_account_file" + (error.field.empty() ? "" : "." + error.field);
      return error;
    }
    setup.google_service_account = std::move(account).value();
  }
  setup.microsoft_app_only = settings.org_access.microsoft_app_only;
  return setup;
}

}  // namespace slotwise
