// provider_setup.cpp — see provider_setup.h.
#include "runtime/provider_setup.h"

#include "sandbox/sandbox.h"

namespace slotwise {

namespace {

constexpr oauth::Provider kProviders[] = {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft,
                                          oauth::Provider::kZoom, oauth::Provider::kGoTo};

// The sandbox's built-in demo client of `provider`.
ProviderRegistrationSetting BuiltinClient(oauth::Provider provider) {
  switch (provider) {
    case oauth::Provider::kGoogle:
      return {std::string(sandbox::kGoogleClientId), std::string(sandbox::kGoogleClientSecret), {}};
    case oauth::Provider::kMicrosoft:
      return {std::string(sandbox::kMicrosoftClientId), std::string(sandbox::kMicrosoftClientSecret), {}};
    case oauth::Provider::kZoom:
      return {std::string(sandbox::kZoomClientId), std::string(sandbox::kZoomClientSecret), {}};
    case oauth::Provider::kGoTo:
      return {std::string(sandbox::kGoToClientId), std::string(sandbox::kGoToClientSecret), {}};
  }
  return {};
}

}  // namespace

ProviderSetup ProviderSetup::SandboxDemo(std::string sandbox_root) {
  ProviderSetup setup;
  setup.sandbox_root = std::move(sandbox_root);
  setup.sandbox_builtin_clients = true;
  return setup;
}

oauth::ProviderEndpoints EndpointsFor(const ProviderSetup& setup, oauth::Provider provider) {
  if (setup.sandbox_root.empty()) return oauth::RealEndpoints(provider, "organizations");
  const bool demo_microsoft = setup.sandbox_builtin_clients && !setup.registrations.count(oauth::Provider::kMicrosoft);
  return oauth::SandboxEndpoints(setup.sandbox_root, provider,
                                 demo_microsoft ? sandbox::kDemoMicrosoftTenant : std::string_view("organizations"));
}

std::optional<ProviderRegistrationSetting> RegistrationFor(const ProviderSetup& setup, oauth::Provider provider) {
  if (auto found = setup.registrations.find(provider); found != setup.registrations.end()) return found->second;
  if (setup.sandbox_builtin_clients && !setup.sandbox_root.empty()) return BuiltinClient(provider);
  return std::nullopt;
}

nlohmann::ordered_json DescribeProviderSetup(const ProviderSetup& setup, const std::string& sandbox_note) {
  nlohmann::ordered_json described;
  const bool sandbox = !setup.sandbox_root.empty() || !sandbox_note.empty();
  described["set"] = sandbox ? "sandbox" : "real";
  if (sandbox) described["sandbox_url"] = sandbox_note.empty() ? setup.sandbox_root : sandbox_note;
  ProviderSetup shown = setup;
  if (shown.sandbox_root.empty() && !sandbox_note.empty()) shown.sandbox_root = "<sandbox>";
  for (oauth::Provider provider : kProviders) {
    const oauth::ProviderEndpoints endpoints = EndpointsFor(shown, provider);
    const std::optional<ProviderRegistrationSetting> registration = RegistrationFor(shown, provider);
    nlohmann::ordered_json item;
    item["registered"] = registration.has_value();
    if (registration) item["client_id"] = registration->client_id;
    item["authorize_url"] = endpoints.authorize_url;
    item["token_url"] = endpoints.token_url;
    item["api_base"] = endpoints.api_base;
    if (!endpoints.admin_consent_url.empty()) item["admin_consent_url"] = endpoints.admin_consent_url;
    described[std::string(oauth::ProviderName(provider))] = item;
  }
  described["organisation_access"] = {
      {"google_service_account",
       setup.google_service_account ? nlohmann::ordered_json(setup.google_service_account->client_email) : nullptr},
      {"microsoft_app_only", setup.microsoft_app_only}};
  return described;
}

}  // namespace slotwise
