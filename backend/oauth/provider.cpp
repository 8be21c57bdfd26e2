// provider.cpp — provider names and endpoint tables (see provider.h).
#include "oauth/provider.h"

#include <string>

namespace slotwise::oauth {

std::string_view ProviderName(Provider provider) {
  switch (provider) {
    case Provider::kGoogle:
      return "google";
    case Provider::kMicrosoft:
      return "microsoft";
    case Provider::kZoom:
      return "zoom";
    case Provider::kGoTo:
      return "goto";
  }
  return "unknown";
}

std::optional<Provider> ParseProvider(std::string_view name) {
  for (Provider provider : {Provider::kGoogle, Provider::kMicrosoft, Provider::kZoom, Provider::kGoTo}) {
    if (ProviderName(provider) == name) return provider;
  }
  return std::nullopt;
}

namespace {

// `authority` is the part before the provider-specific paths: the real host, or the sandbox root plus its prefix.
ProviderEndpoints Endpoints(Provider provider, std::string_view authority, std::string_view tenant, bool sandbox) {
  const std::string base(authority);
  ProviderEndpoints endpoints;
  switch (provider) {
    case Provider::kGoogle:
      endpoints.authorize_url =
          sandbox ? base + "/google/o/oauth2/v2/auth" : "https://accounts.google.com/o/oauth2/v2/auth";
      endpoints.token_url = sandbox ? base + "/google/token" : "https://oauth2.googleapis.com/token";
      endpoints.api_base = sandbox ? base + "/google/calendar/v3" : "https://www.googleapis.com/calendar/v3";
      endpoints.directory_api_base =
          sandbox ? base + "/google/admin/directory/v1" : "https://admin.googleapis.com/admin/directory/v1";
      endpoints.client_auth = ClientAuth::kSecretInBody;
      break;
    case Provider::kMicrosoft: {
      const std::string login =
          (sandbox ? base + "/microsoft/" : "https://login.microsoftonline.com/") + std::string(tenant);
      endpoints.authorize_url = login + "/oauth2/v2.0/authorize";
      endpoints.token_url = login + "/oauth2/v2.0/token";
      endpoints.api_base = sandbox ? base + "/microsoft/v1.0" : "https://graph.microsoft.com/v1.0";
      endpoints.admin_consent_url = login + "/v2.0/adminconsent";
      endpoints.client_auth = ClientAuth::kSecretInBody;
      break;
    }
    case Provider::kZoom:
      endpoints.authorize_url = sandbox ? base + "/zoom/oauth/authorize" : "https://zoom.us/oauth/authorize";
      endpoints.token_url = sandbox ? base + "/zoom/oauth/token" : "https://zoom.us/oauth/token";
      endpoints.api_base = sandbox ? base + "/zoom/v2" : "https://api.zoom.us/v2";
      endpoints.client_auth = ClientAuth::kBasicHeader;
      break;
    case Provider::kGoTo:
      endpoints.authorize_url =
          sandbox ? base + "/goto/oauth/authorize" : "https://authentication.logmeininc.com/oauth/authorize";
      endpoints.token_url = sandbox ? base + "/goto/oauth/token" : "https://authentication.logmeininc.com/oauth/token";
      endpoints.api_base = sandbox ? base + "/goto/G2M/rest" : "https://api.getgo.com/G2M/rest";
      endpoints.client_auth = ClientAuth::kBasicHeader;
      break;
  }
  return endpoints;
}

}  // namespace

ProviderEndpoints RealEndpoints(Provider provider, std::string_view microsoft_tenant) {
  return Endpoints(provider, {}, microsoft_tenant, /*sandbox=*/false);
}

ProviderEndpoints SandboxEndpoints(std::string_view sandbox_root, Provider provider,
                                   std::string_view microsoft_tenant) {
  while (!sandbox_root.empty() && sandbox_root.back() == '/') sandbox_root.remove_suffix(1);
  return Endpoints(provider, sandbox_root, microsoft_tenant, /*sandbox=*/true);
}

}  // namespace slotwise::oauth
