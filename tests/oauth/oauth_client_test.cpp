// Tests for backend/oauth/oauth_client: PKCE, authorize URLs and the token grants' wire format, each against a real
// local token server.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "oauth/oauth_client.h"
#include "oauth_test_util.h"
#include "slotwise/error_codes.h"
#include "support/command.h"

using namespace slotwise::oauth;
using slotwise::net::ParamValue;
using slotwise::net::ParseForm;
using slotwise::testing::kNow;
using slotwise::testing::kSecret;
using slotwise::testing::Registration;
using slotwise::testing::TokenServer;

namespace {

slotwise::net::Params QueryOf(const std::string& url) {
  const std::size_t question = url.find('?');
  REQUIRE(question != std::string::npos);
  return ParseForm(url.substr(question + 1)).value();
}

std::string Q(const slotwise::net::Params& params, std::string_view name) {
  return ParamValue(params, name).value_or("<absent>");
}

struct Fixture {
  TokenServer server;
  std::unique_ptr<slotwise::net::HttpTransport> transport = slotwise::net::MakeHttplibTransport();
  OAuthClient Client(Provider provider, const std::string& tenant = "organizations") {
    return OAuthClient(Registration(provider, server.Url(), tenant), *transport);
  }
};

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// PKCE
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("OAuth: PKCE S256 matches the RFC 7636 Appendix B example and the openssl CLI") {
  // RFC 7636 Appendix B (checked against `openssl dgst -sha256 -binary | openssl base64` as well).
  CHECK(PkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  const PkcePair pair = MakePkcePair();
  CHECK(pair.verifier.size() == 43);
  CHECK(std::all_of(pair.verifier.begin(), pair.verifier.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
  }));
  CHECK(MakePkcePair().verifier != pair.verifier);
  // Independent computation of the challenge: openssl's SHA-256, base64 turned into base64url without padding.
  const auto cli = slotwise::testing::RunCommand("printf '%s' '" + pair.verifier +
                                                 "' | openssl dgst -sha256 -binary | openssl base64 -A");
  REQUIRE_MESSAGE(cli.exit_code == 0, "the openssl CLI is needed for this test");
  std::string expected = cli.output;
  std::replace(expected.begin(), expected.end(), '+', '-');
  std::replace(expected.begin(), expected.end(), '/', '_');
  expected.erase(expected.find_last_not_of("=\n") + 1);
  CHECK(pair.challenge == expected);
}

// -----------------------------------------------------------------------------------------------------------------
// Authorize and admin-consent URLs
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("OAuth: Google's authorize URL asks for offline access, consent, granted scopes and S256") {
  Fixture f;
  const std::string url = f.Client(Provider::kGoogle).AuthorizeUrl("st&te", "chal", "ada@example.com");
  CHECK(url.rfind(f.server.Url("/google/o/oauth2/v2/auth?"), 0) == 0);
  const auto q = QueryOf(url);
  CHECK(Q(q, "client_id") == "client-123");
  CHECK(Q(q, "response_type") == "code");
  CHECK(Q(q, "redirect_uri") == "https://slotwise.example.com/oauth/google/callback");
  CHECK(Q(q, "scope") == "https://www.googleapis.com/auth/calendar.events openid email");
  CHECK(Q(q, "state") == "st&te");
  CHECK(Q(q, "access_type") == "offline");
  CHECK(Q(q, "prompt") == "consent");
  CHECK(Q(q, "include_granted_scopes") == "true");
  CHECK(Q(q, "code_challenge") == "chal");
  CHECK(Q(q, "code_challenge_method") == "S256");
  CHECK(Q(q, "login_hint") == "ada@example.com");
  CHECK(url.find(kSecret) == std::string::npos);
}

TEST_CASE("OAuth: Microsoft's authorize URL adds offline_access and response_mode=query") {
  Fixture f;
  const std::string url = f.Client(Provider::kMicrosoft, "common").AuthorizeUrl("s", "c");
  CHECK(url.rfind(f.server.Url("/microsoft/common/oauth2/v2.0/authorize?"), 0) == 0);
  const auto q = QueryOf(url);
  CHECK(Q(q, "scope") == "Calendars.ReadWrite User.Read offline_access");
  CHECK(Q(q, "response_mode") == "query");
  CHECK(Q(q, "code_challenge_method") == "S256");
  CHECK(Q(q, "access_type") == "<absent>");
  CHECK(Q(q, "login_hint") == "<absent>");
}

TEST_CASE("OAuth: Zoom and GoTo authorize URLs carry the documented parameters") {
  Fixture f;
  const auto zoom = QueryOf(f.Client(Provider::kZoom).AuthorizeUrl("s", "c", "ignored@example.com"));
  CHECK(Q(zoom, "response_type") == "code");
  CHECK(Q(zoom, "client_id") == "client-123");
  CHECK(Q(zoom, "redirect_uri") == "https://slotwise.example.com/oauth/zoom/callback");
  CHECK(Q(zoom, "state") == "s");
  CHECK(Q(zoom, "code_challenge") == "c");
  CHECK(Q(zoom, "code_challenge_method") == "S256");
  CHECK(Q(zoom, "scope") == "<absent>");
  CHECK(Q(zoom, "login_hint") == "<absent>");
  const std::string go_to = f.Client(Provider::kGoTo).AuthorizeUrl("s", "");
  CHECK(go_to.rfind(f.server.Url("/goto/oauth/authorize?"), 0) == 0);
  CHECK(Q(QueryOf(go_to), "code_challenge") == "<absent>");
  CHECK(Q(QueryOf(go_to), "state") == "s");
}

TEST_CASE("OAuth: the admin consent URL names the tenant, .default scope and redirect") {
  Fixture f;
  const OAuthClient client = f.Client(Provider::kMicrosoft, "common");
  const std::string url = client.AdminConsentUrl({}, "st");
  CHECK(url.rfind(f.server.Url("/microsoft/organizations/v2.0/adminconsent?"), 0) == 0);  // common → organizations
  const auto q = QueryOf(url);
  CHECK(Q(q, "client_id") == "client-123");
  CHECK(Q(q, "scope") == "https://graph.microsoft.com/.default");
  CHECK(Q(q, "redirect_uri") == "https://slotwise.example.com/oauth/microsoft/callback");
  CHECK(Q(q, "state") == "st");
  CHECK(client.AdminConsentUrl("8f2c-tenant").rfind(f.server.Url("/microsoft/8f2c-tenant/v2.0/adminconsent?"), 0) == 0);
  CHECK(f.Client(Provider::kGoogle).AdminConsentUrl("x").empty());
}

// -----------------------------------------------------------------------------------------------------------------
// Token grants on the wire
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("OAuth: Google code exchange posts the secret and verifier in a form body and reads the answer") {
  Fixture f;
  f.server.Enqueue(200, R"({"access_token":"ya29.A","expires_in":3599,"token_type":"Bearer",
      "scope":"https://www.googleapis.com/auth/calendar.events","refresh_token":"1//R","id_token":"eyJ.x.y"})");
  const auto tokens = f.Client(Provider::kGoogle).ExchangeCode("4/code+1", "verifier-xyz", kNow);
  REQUIRE_MESSAGE(tokens.ok(), tokens.error().message);
  CHECK(tokens->access_token == "ya29.A");
  CHECK(tokens->refresh_token == "1//R");
  CHECK(tokens->expires_at == kNow + 3599);
  CHECK(tokens->scope == "https://www.googleapis.com/auth/calendar.events");
  CHECK(tokens->id_token == "eyJ.x.y");
  CHECK_FALSE(tokens->refresh_token_rotated);

  const auto requests = f.server.Requests();
  REQUIRE(requests.size() == 1);
  const auto& r = requests[0];
  CHECK(r.path == "/google/token");
  CHECK(r.Header("Content-Type") == "application/x-www-form-urlencoded");
  CHECK(r.Header("Accept") == "application/json");
  CHECK(r.Header("Authorization").empty());
  CHECK(r.Param("grant_type") == "authorization_code");
  CHECK(r.Param("code") == "4/code+1");
  CHECK(r.body.find("code=4%2Fcode%2B1") != std::string::npos);  // really form-encoded
  CHECK(r.Param("code_verifier") == "verifier-xyz");
  CHECK(r.Param("redirect_uri") == "https://slotwise.example.com/oauth/google/callback");
  CHECK(r.Param("client_id") == "client-123");
  CHECK(r.Param("client_secret") == kSecret);
}

TEST_CASE("OAuth: Zoom and GoTo authenticate with HTTP Basic, never with the secret in the body") {
  for (Provider provider : {Provider::kZoom, Provider::kGoTo}) {
    CAPTURE(ProviderName(provider));
    Fixture f;
    f.server.Enqueue(200, R"({"access_token":"zat","token_type":"bearer","refresh_token":"zrt","expires_in":3599,
        "scope":"meeting:write"})");
    const auto tokens = f.Client(provider).ExchangeCode("zc", "zv", kNow);
    REQUIRE_MESSAGE(tokens.ok(), tokens.error().message);
    CHECK(tokens->refresh_token == "zrt");
    const auto r = f.server.Requests().at(0);
    CHECK(r.path == "/" + std::string(ProviderName(provider)) + "/oauth/token");
    const std::string auth = r.Header("Authorization");
    REQUIRE(auth.rfind("Basic ", 0) == 0);
    CHECK(slotwise::crypto::Base64Decode(auth.substr(6)).value() == std::string("client-123:") + kSecret);
    CHECK(r.body.find(kSecret) == std::string::npos);
    CHECK_FALSE(r.Param("client_secret").has_value());
    CHECK(r.Param("code_verifier") == "zv");
    CHECK(r.Param("grant_type") == "authorization_code");
  }
}

TEST_CASE("OAuth: refresh keeps the old refresh token when none comes back, and flags a rotated one") {
  Fixture f;
  f.server.Enqueue(200, R"({"access_token":"a2","expires_in":"3600","token_type":"Bearer"})");
  const auto google = f.Client(Provider::kGoogle).Refresh("old-refresh", kNow);
  REQUIRE_MESSAGE(google.ok(), google.error().message);
  CHECK(google->refresh_token == "old-refresh");
  CHECK_FALSE(google->refresh_token_rotated);
  CHECK(google->expires_at == kNow + 3600);  // expires_in as a string
  auto r = f.server.Requests().at(0);
  CHECK(r.Param("grant_type") == "refresh_token");
  CHECK(r.Param("refresh_token") == "old-refresh");
  CHECK(r.Param("client_secret") == kSecret);

  f.server.Enqueue(200,
                   R"({"access_token":"a3","expires_in":3599,"token_type":"Bearer","refresh_token":"new-refresh"})");
  const auto microsoft = f.Client(Provider::kMicrosoft).Refresh("old-refresh", kNow);
  REQUIRE(microsoft.ok());
  CHECK(microsoft->refresh_token == "new-refresh");
  CHECK(microsoft->refresh_token_rotated);
  r = f.server.Requests().at(1);
  CHECK(r.path == "/microsoft/organizations/oauth2/v2.0/token");
  CHECK(r.Param("scope") == "Calendars.ReadWrite User.Read offline_access");

  f.server.Enqueue(200, R"({"access_token":"a4","token_type":"bearer","refresh_token":"same"})");
  const auto same = f.Client(Provider::kZoom).Refresh("same", kNow);
  REQUIRE(same.ok());
  CHECK_FALSE(same->refresh_token_rotated);
  CHECK(same->expires_at == kNow + 3600);  // expires_in absent: one hour assumed
}

TEST_CASE("OAuth: Microsoft client credentials asks for graph .default") {
  Fixture f;
  f.server.Enqueue(200, R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"app"})");
  const auto tokens = f.Client(Provider::kMicrosoft, "8f2c").ClientCredentials(kNow);
  REQUIRE(tokens.ok());
  CHECK(tokens->access_token == "app");
  CHECK(tokens->refresh_token.empty());
  const auto r = f.server.Requests().at(0);
  CHECK(r.path == "/microsoft/8f2c/oauth2/v2.0/token");
  CHECK(r.Param("grant_type") == "client_credentials");
  CHECK(r.Param("scope") == "https://graph.microsoft.com/.default");
  CHECK(r.Param("client_secret") == kSecret);
}

TEST_CASE("OAuth: malformed success answers are provider errors, not tokens") {
  Fixture f;
  const OAuthClient client = f.Client(Provider::kGoogle);
  f.server.Enqueue(200, "<html>ok</html>");
  CHECK(client.Refresh("r", kNow).error().code == slotwise::codes::kProviderError);
  f.server.Enqueue(200, R"({"token_type":"Bearer"})");
  CHECK(client.Refresh("r", kNow).error().code == slotwise::codes::kProviderError);
  f.server.Enqueue(200, R"({"access_token":7})");
  CHECK(client.Refresh("r", kNow).error().code == slotwise::codes::kProviderError);
  f.server.Enqueue(200, R"({"access_token":"a","token_type":"mac"})");
  CHECK(client.Refresh("r", kNow).error().code == slotwise::codes::kProviderError);
  f.server.Enqueue(200, R"({"access_token":"a","expires_in":-5,"refresh_token":12})");
  const auto odd = client.Refresh("r", kNow);
  REQUIRE(odd.ok());
  CHECK(odd->expires_at == kNow);    // negative lifetimes clamp to "expired now"
  CHECK(odd->refresh_token == "r");  // a non-string refresh_token is ignored
}

TEST_CASE("OAuth: service-account JWT bearer grant posts an RS256 assertion the server can verify") {
  Fixture f;
  const auto keys = slotwise::crypto::GenerateRsaKeyPair();
  REQUIRE(keys.ok());
  ServiceAccount account;
  account.client_email = "sa@proj.iam.gserviceaccount.com";
  account.private_key_pem = keys->private_pem;
  account.token_url = f.server.Url("/google/token");
  account.scopes = {"https://www.googleapis.com/auth/calendar", "https://www.googleapis.com/auth/calendar.events"};
  account.client_id = "1234567890";
  account.policy = slotwise::testing::FastPolicy();

  f.server.Enqueue(200, R"({"access_token":"sa-token","expires_in":3599,"token_type":"Bearer"})");
  const auto tokens = ServiceAccountToken(account, "room-admin@example.com", kNow, *f.transport);
  REQUIRE_MESSAGE(tokens.ok(), tokens.error().message);
  CHECK(tokens->access_token == "sa-token");
  const auto r = f.server.Requests().at(0);
  CHECK(r.Param("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer");
  const auto claims = slotwise::crypto::VerifyRs256(r.Param("assertion").value_or(""), keys->public_pem);
  REQUIRE_MESSAGE(claims.ok(), claims.error().message);
  CHECK((*claims)["iss"] == account.client_email);
  CHECK((*claims)["sub"] == "room-admin@example.com");
  CHECK((*claims)["scope"] ==
        "https://www.googleapis.com/auth/calendar https://www.googleapis.com/auth/calendar.events");
  CHECK((*claims)["aud"] == account.token_url);
  CHECK((*claims)["iat"] == kNow);
  CHECK((*claims)["exp"] == kNow + 3600);

  f.server.Enqueue(401,
                   R"({"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve )"
                   R"(access tokens using this method, or client not authorized for any of the scopes requested."})");
  const auto refused = ServiceAccountToken(account, "room-admin@example.com", kNow, *f.transport);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == slotwise::codes::kConsentRequired);
  CHECK(refused.error().message.find("domain-wide delegation") != std::string::npos);
  CHECK(refused.error().message.find("1234567890") != std::string::npos);

  account.private_key_pem = "not a key";
  CHECK(ServiceAccountToken(account, "x@example.com", kNow, *f.transport).error().code == slotwise::codes::kInvalidClient);
  CHECK(f.server.Requests().size() == 2);  // the bad key never reached the network
}
