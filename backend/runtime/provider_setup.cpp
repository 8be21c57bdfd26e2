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

namespace {

// "scheme://host[:port]" of `url`, plus its first path segment when `with_first_segment`; "" for a malformed URL.
std::string UrlPrefix(const std::string& url, bool with_first_segment) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  const std::size_t path_start = url.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return url;
  if (!with_first_segment) return url.substr(0, path_start);
  const std::size_t segment_end = url.find_first_of("/?", path_start + 1);
  return url.substr(0, segment_end);
}

}  // namespace

std::vector<observability::ProviderUrlPrefix> ProviderUrlPrefixes(const ProviderSetup& setup) {
  std::vector<observability::ProviderUrlPrefix> prefixes;
  const bool sandbox = !setup.sandbox_root.empty();
  for (oauth::Provider provider : kProviders) {
    const oauth::ProviderEndpoints endpoints = EndpointsFor(setup, provider);
    for (const std::string* url :
         {&endpoints.authorize_url, &endpoints.token_url, &endpoints.api_base, &endpoints.admin_consent_url,
          &endpoints.directory_api_base}) {
      const std::string prefix = UrlPrefix(*url, sandbox);
      if (!prefix.empty()) prefixes.push_back({prefix, std::string(oauth::ProviderName(provider))});
    }
  }
  return prefixes;
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
    if (!endpoints.directory_api_base.empty()) item["directory_api_base"] = endpoints.directory_api_base;
    described[std::string(oauth::ProviderName(provider))] = item;
  }
  described["organisation_access"] = {
      {"google_service_account",
       setup.google_service_account ? nlohmann::ordered_json(setup.google_service_account->client_email) : nullptr},
      {"microsoft_app_only", setup.microsoft_app_only}};
  return described;
}

}  // namespace slotwise
