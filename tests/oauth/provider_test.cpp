// Tests for backend/oauth/provider: names and the real and sandbox endpoint tables.
#include <doctest/doctest.h>

#include "oauth/provider.h"

using namespace slotwise::oauth;

TEST_CASE("OAuth: provider names round-trip and unknown names are refused") {
  for (Provider provider : {Provider::kGoogle, Provider::kMicrosoft, Provider::kZoom, Provider::kGoTo}) {
    CHECK(ParseProvider(ProviderName(provider)) == provider);
  }
  CHECK(ProviderName(Provider::kGoTo) == "goto");
  CHECK_FALSE(ParseProvider("Google").has_value());
  CHECK_FALSE(ParseProvider("").has_value());
}

TEST_CASE("OAuth: real endpoints are the providers' published URLs") {
  const ProviderEndpoints google = RealEndpoints(Provider::kGoogle);
  CHECK(google.authorize_url == "https://accounts.google.com/o/oauth2/v2/auth");
  CHECK(google.token_url == "https://oauth2.googleapis.com/token");
  CHECK(google.api_base == "https://www.googleapis.com/calendar/v3");
  CHECK(google.admin_consent_url.empty());
  CHECK(google.client_auth == ClientAuth::kSecretInBody);

  const ProviderEndpoints microsoft = RealEndpoints(Provider::kMicrosoft, "contoso.onmicrosoft.com");
  CHECK(microsoft.authorize_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
  CHECK(microsoft.token_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  CHECK(microsoft.api_base == "https://graph.microsoft.com/v1.0");
  CHECK(microsoft.admin_consent_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent");
  CHECK(microsoft.client_auth == ClientAuth::kSecretInBody);
  CHECK(RealEndpoints(Provider::kMicrosoft).token_url ==
        "https://login.microsoftonline.com/organizations/oauth2/v2.0/token");

  const ProviderEndpoints zoom = RealEndpoints(Provider::kZoom);
  CHECK(zoom.authorize_url == "https://zoom.us/oauth/authorize");
  CHECK(zoom.token_url == "https://zoom.us/oauth/token");
  CHECK(zoom.api_base == "https://api.zoom.us/v2");
  CHECK(zoom.client_auth == ClientAuth::kBasicHeader);

  const ProviderEndpoints go_to = RealEndpoints(Provider::kGoTo);
  CHECK(go_to.authorize_url == "https://authentication.logmeininc.com/oauth/authorize");
  CHECK(go_to.token_url == "https://authentication.logmeininc.com/oauth/token");
  CHECK(go_to.api_base == "https://api.getgo.com/G2M/rest");
  CHECK(go_to.client_auth == ClientAuth::kBasicHeader);
}

TEST_CASE("OAuth: sandbox endpoints live under one root with per-provider prefixes") {
  const std::string root = "http://127.0.0.1:4100";
  const ProviderEndpoints google = SandboxEndpoints(root, Provider::kGoogle);
  CHECK(google.authorize_url == root + "/google/o/oauth2/v2/auth");
  CHECK(google.token_url == root + "/google/token");
  CHECK(google.api_base == root + "/google/calendar/v3");

  const ProviderEndpoints microsoft = SandboxEndpoints(root + "/", Provider::kMicrosoft, "common");
  CHECK(microsoft.authorize_url == root + "/microsoft/common/oauth2/v2.0/authorize");
  CHECK(microsoft.token_url == root + "/microsoft/common/oauth2/v2.0/token");
  CHECK(microsoft.api_base == root + "/microsoft/v1.0");
  CHECK(microsoft.admin_consent_url == root + "/microsoft/common/v2.0/adminconsent");

  const ProviderEndpoints zoom = SandboxEndpoints(root, Provider::kZoom);
  CHECK(zoom.authorize_url == root + "/zoom/oauth/authorize");
  CHECK(zoom.token_url == root + "/zoom/oauth/token");
  CHECK(zoom.api_base == root + "/zoom/v2");
  CHECK(zoom.client_auth == ClientAuth::kBasicHeader);

  const ProviderEndpoints go_to = SandboxEndpoints(root, Provider::kGoTo);
  CHECK(go_to.authorize_url == root + "/goto/oauth/authorize");
  CHECK(go_to.token_url == root + "/goto/oauth/token");
  CHECK(go_to.api_base == root + "/goto/G2M/rest");
  CHECK(go_to.client_auth == ClientAuth::kBasicHeader);
}
