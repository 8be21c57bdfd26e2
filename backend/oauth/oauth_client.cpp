// oauth_client.cpp — authorization URLs and the token grants of one provider registration (see oauth_client.h).
#include "oauth/oauth_client.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "oauth/token_endpoint.h"
#include "slotwise/error_codes.h"

namespace slotwise::oauth {

namespace {

constexpr std::string_view kGraphDefaultScope = "https://graph.microsoft.com/.default";
constexpr std::string_view kAdminConsentSuffix = "/v2.0/adminconsent";
constexpr std::int64_t kAssertionLifetimeSeconds = 3600;  // Google's maximum

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const std::string& scope : scopes) {
    if (scope.empty()) continue;
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

// Microsoft returns a refresh token only when offline_access was asked for: always ask.
std::string MicrosoftScopes(const std::vector<std::string>& scopes) {
  std::vector<std::string> with_offline = scopes;
  if (std::find(with_offline.begin(), with_offline.end(), "offline_access") == with_offline.end()) {
    with_offline.emplace_back("offline_access");
  }
  return JoinScopes(with_offline);
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] PKCE (RFC 7636)
// -----------------------------------------------------------------------------------------------------------------

std::string PkceChallenge(std::string_view code_verifier) {
  return crypto::Base64UrlEncode(crypto::Sha256(code_verifier));
}

PkcePair MakePkcePair() {
  PkcePair pair;
  pair.verifier = crypto::RandomToken(32);  // 256 bits, 43 characters of the unreserved set
  pair.challenge = PkceChallenge(pair.verifier);
  return pair;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] URLs for the browser
// -----------------------------------------------------------------------------------------------------------------

OAuthClient::OAuthClient(ClientRegistration registration, net::HttpTransport& transport)
    : registration_(std::move(registration)), transport_(transport) {}

std::string OAuthClient::AuthorizeUrl(std::string_view state, std::string_view code_challenge,
                                      std::string_view login_hint, const std::vector<std::string>& scopes) const {
  ClientRegistration r = registration_;
  if (!scopes.empty()) r.scopes = scopes;
  net::Params params = {{"client_id", r.client_id}, {"response_type", "code"}, {"redirect_uri", r.redirect_uri}};
  switch (r.provider) {
    case Provider::kGoogle:
      params.emplace_back("scope", JoinScopes(r.scopes));
      params.emplace_back("access_type", "offline");
      params.emplace_back("prompt", "consent");
      params.emplace_back("include_granted_scopes", "true");
      break;
    case Provider::kMicrosoft:
      params.emplace_back("scope", MicrosoftScopes(r.scopes));
      params.emplace_back("response_mode", "query");
      break;
    case Provider::kZoom:  // scopes are part of the Zoom app's configuration
      break;
    case Provider::kGoTo:
      if (!JoinScopes(r.scopes).empty()) params.emplace_back("scope", JoinScopes(r.scopes));
      break;
  }
  params.emplace_back("state", std::string(state));
  if (!code_challenge.empty()) {
    params.emplace_back("code_challenge", std::string(code_challenge));
    params.emplace_back("code_challenge_method", "S256");
  }
  if (!login_hint.empty() && (r.provider == Provider::kGoogle || r.provider == Provider::kMicrosoft)) {
    params.emplace_back("login_hint", std::string(login_hint));
  }
  return net::WithQuery(r.endpoints.authorize_url, params);
}

std::string OAuthClient::SignInUrl(std::string_view state, std::string_view code_challenge) const {
  const ClientRegistration& r = registration_;
  if (r.provider != Provider::kMicrosoft) return {};
  return net::WithQuery(r.endpoints.authorize_url, {{"client_id", r.client_id},
                                                    {"response_type", "code"},
                                                    {"redirect_uri", r.redirect_uri},
                                                    {"scope", "openid profile email"},
                                                    {"response_mode", "query"},
                                                    {"prompt", "select_account"},
                                                    {"state", std::string(state)},
                                                    {"code_challenge", std::string(code_challenge)},
                                                    {"code_challenge_method", "S256"}});
}

std::string OAuthClient::AdminConsentUrl(std::string_view tenant, std::string_view state) const {
  std::string base = registration_.endpoints.admin_consent_url;
  if (base.empty()) return {};
  const std::size_t suffix = base.rfind(kAdminConsentSuffix);
  const std::size_t tenant_start =
      suffix == std::string::npos || suffix == 0 ? std::string::npos : base.rfind('/', suffix - 1);
  if (tenant_start != std::string::npos) {
    std::string chosen =
        tenant.empty() ? base.substr(tenant_start + 1, suffix - tenant_start - 1) : std::string(tenant);
    if (chosen == "common" || chosen == "consumers") chosen = "organizations";  // admin consent needs an org tenant
    base = base.substr(0, tenant_start + 1) + net::PercentEncode(chosen) + base.substr(suffix);
  }
  net::Params params = {{"client_id", registration_.client_id},
                        {"scope", std::string(kGraphDefaultScope)},
                        {"redirect_uri", registration_.redirect_uri}};
  if (!state.empty()) params.emplace_back("state", std::string(state));
  return net::WithQuery(base, params);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Grants
// -----------------------------------------------------------------------------------------------------------------

namespace {

// The parts every grant of this registration shares: URL, client authentication, policy, redaction, consent hint.
TokenCall BaseCall(const OAuthClient& client, net::Params grant) {
  const ClientRegistration& r = client.registration();
  TokenCall call;
  call.provider_label = std::string(ProviderName(r.provider));
  call.url = r.endpoints.token_url;
  call.form = std::move(grant);
  call.policy = r.policy;
  if (r.endpoints.client_auth == ClientAuth::kBasicHeader) {
    call.basic_auth = std::make_pair(r.client_id, r.client_secret);
  } else {
    call.form.emplace_back("client_id", r.client_id);
    if (!r.client_secret.empty()) call.form.emplace_back("client_secret", r.client_secret);
  }
  call.secrets.push_back(r.client_secret);
  if (r.provider == Provider::kMicrosoft) {
    call.consent_hint =
        "a Microsoft 365 administrator can grant it for the whole organization at " + client.AdminConsentUrl({});
  }
  return call;
}

}  // namespace

Result<TokenSet> OAuthClient::ExchangeCode(std::string_view code, std::string_view code_verifier,
                                           std::int64_t now) const {
  net::Params grant = {
      {"grant_type", "authorization_code"}, {"code", std::string(code)}, {"redirect_uri", registration_.redirect_uri}};
  if (!code_verifier.empty()) grant.emplace_back("code_verifier", std::string(code_verifier));
  if (registration_.provider == Provider::kMicrosoft)
    grant.emplace_back("scope", MicrosoftScopes(registration_.scopes));
  TokenCall call = BaseCall(*this, std::move(grant));
  call.secrets.emplace_back(code);
  call.secrets.emplace_back(code_verifier);
  return CallTokenEndpoint(transport_, call, now);
}

Result<TokenSet> OAuthClient::Refresh(std::string_view refresh_token, std::int64_t now, std::string_view granted) const {
  net::Params grant = {{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}};
  if (registration_.provider == Provider::kMicrosoft) {
    std::vector<std::string> scopes;
    std::istringstream words{std::string(granted)};
    for (std::string word; words >> word;) scopes.push_back(word);
    grant.emplace_back("scope", MicrosoftScopes(scopes.empty() ? registration_.scopes : scopes));
  }
  TokenCall call = BaseCall(*this, std::move(grant));
  call.secrets.emplace_back(refresh_token);
  return CallTokenEndpoint(transport_, call, now, refresh_token);
}

Result<TokenSet> OAuthClient::ClientCredentials(std::int64_t now) const {
  const std::string scope = registration_.provider == Provider::kMicrosoft ? std::string(kGraphDefaultScope)
                                                                           : JoinScopes(registration_.scopes);
  net::Params grant = {{"grant_type", "client_credentials"}};
  if (!scope.empty()) grant.emplace_back("scope", scope);
  return CallTokenEndpoint(transport_, BaseCall(*this, std::move(grant)), now);
}

Result<TokenSet> ServiceAccountToken(const ServiceAccount& account, std::string_view subject, std::int64_t now,
                                     net::HttpTransport& transport) {
  nlohmann::json claims = {{"iss", account.client_email},
                           {"scope", JoinScopes(account.scopes)},
                           {"aud", account.token_url},
                           {"iat", now},
                           {"exp", now + kAssertionLifetimeSeconds}};
  if (!subject.empty()) claims["sub"] = std::string(subject);
  Result<std::string> assertion = crypto::SignRs256(claims, account.private_key_pem);
  if (!assertion) {
    return Error{codes::kInvalidClient,
                 "the service account's private key cannot sign (" + assertion.error().message + ")", ""};
  }
  TokenCall call;
  call.provider_label = "google";
  call.url = account.token_url;
  call.form = {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion.value()}};
  call.policy = account.policy;
  call.secrets = {assertion.value()};
  call.unauthorized_client_is_consent = true;
  call.consent_hint = "a Google Workspace super administrator must allow domain-wide delegation for service account " +
                      account.client_email +
                      (account.client_id.empty() ? std::string() : " (client id " + account.client_id + ")") +
                      " with the scopes \"" + JoinScopes(account.scopes) +
                      "\" (Admin console > Security > API controls > Domain-wide delegation)";
  return CallTokenEndpoint(transport, call, now);
}

}  // namespace slotwise::oauth
