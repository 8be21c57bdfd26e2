// oauth_tokens.cpp — the token endpoints: authorization_code (+PKCE S256), refresh_token with each provider's rotation
// rule, Microsoft client_credentials, Google's JWT bearer grant for service accounts. Errors in each provider's format.
#include <algorithm>
#include <sstream>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise::sandbox {

namespace {

constexpr std::string_view kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::string_view kGraphDefault = "https://graph.microsoft.com/.default";

enum class Problem {
  kUnknownCode, kUsedCode, kExpiredCode, kBadVerifier, kRedirectMismatch, kUnknownRefresh, kRevokedRefresh,
  kExpiredRefresh, kConsentRevoked, kMissingParameter, kUnsupportedGrant
};

void GrantError(SandboxCore& core, httplib::Response& res, const std::string& provider, Problem problem,
                const std::string& detail = "") {
  std::int64_t now = core.Now();
  if (provider == "google") {
    switch (problem) {
      case Problem::kUnknownCode: GoogleOAuthError(res, 400, "invalid_grant", "Malformed auth code."); return;
      case Problem::kUsedCode:
      case Problem::kExpiredCode: GoogleOAuthError(res, 400, "invalid_grant", "Bad Request"); return;
      case Problem::kBadVerifier:
        GoogleOAuthError(res, 400, "invalid_grant", detail.empty() ? "Invalid code verifier." : detail);
        return;
      case Problem::kRedirectMismatch: GoogleOAuthError(res, 400, "redirect_uri_mismatch", "Bad Request"); return;
      case Problem::kMissingParameter: GoogleOAuthError(res, 400, "invalid_request", detail); return;
      case Problem::kUnsupportedGrant:
        GoogleOAuthError(res, 400, "unsupported_grant_type", "Invalid grant_type: " + detail);
        return;
      default: GoogleOAuthError(res, 400, "invalid_grant", "Token has been expired or revoked."); return;
    }
  }
  if (provider == "microsoft") {
    switch (problem) {
      case Problem::kUnknownCode:
      case Problem::kUnknownRefresh:
        MicrosoftOAuthError(res, 400, "invalid_grant", 70000, "Provided grant is invalid or malformed.", now);
        return;
      case Problem::kUsedCode:
        MicrosoftOAuthError(res, 400, "invalid_grant", 54005,
                            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or "
                            "use an existing refresh token.", now);
        return;
      case Problem::kExpiredCode:
        MicrosoftOAuthError(res, 400, "invalid_grant", 70008,
                            "The provided authorization code or refresh token has expired due to inactivity. Send a "
                            "new interactive authorization request for this user and resource.", now);
        return;
      case Problem::kBadVerifier:
        MicrosoftOAuthError(res, 400, "invalid_grant", 501481,
                            "The Code_Verifier does not match the code_challenge supplied in the authorization "
                            "request.", now);
        return;
      case Problem::kRedirectMismatch:
        MicrosoftOAuthError(res, 400, "invalid_grant", 500112,
                            "The reply address '" + detail + "' does not match the reply address provided when "
                            "requesting Authorization code.", now);
        return;
      case Problem::kRevokedRefresh:
        MicrosoftOAuthError(res, 400, "invalid_grant", 50173,
                            "The provided grant has expired due to it being revoked, a fresh auth token is needed. "
                            "The user might have changed or reset their password.", now);
        return;
      case Problem::kExpiredRefresh:
        MicrosoftOAuthError(res, 400, "invalid_grant", 700082,
                            "The refresh token has expired due to inactivity. The token was inactive for "
                            "90.00:00:00.", now);
        return;
      case Problem::kConsentRevoked:
        MicrosoftOAuthError(res, 400, "invalid_grant", 65001,
                            "The user or administrator has not consented to use the application with ID '" + detail +
                                "' named 'Slotwise'. Send an interactive authorization request for this user and "
                                "resource.", now);
        return;
      case Problem::kMissingParameter:
        MicrosoftOAuthError(res, 400, "invalid_request", 900144,
                            "The request body must contain the following parameter: '" + detail + "'.", now);
        return;
      case Problem::kUnsupportedGrant:
        MicrosoftOAuthError(res, 400, "unsupported_grant_type", 70003,
                            "The app requested an unsupported grant type '" + detail + "'.", now);
        return;
    }
  }
  if (provider == "zoom") {
    switch (problem) {
      case Problem::kUnknownCode:
      case Problem::kUsedCode:
      case Problem::kExpiredCode: ZoomOAuthError(res, 400, "invalid_grant", "Invalid authorization code " + detail); return;
      case Problem::kBadVerifier: ZoomOAuthError(res, 400, "invalid_grant", "Invalid code_verifier"); return;
      case Problem::kRedirectMismatch: ZoomOAuthError(res, 400, "invalid_request", "Redirect URI mismatch."); return;
      case Problem::kMissingParameter: ZoomOAuthError(res, 400, "invalid_request", "Missing " + detail); return;
      case Problem::kUnsupportedGrant: ZoomOAuthError(res, 400, "unsupported_grant_type", "Unsupported grant type"); return;
      default: ZoomOAuthError(res, 400, "invalid_grant", "Invalid Token!"); return;
    }
  }
  switch (problem) {  // goto
    case Problem::kRedirectMismatch: GoToOAuthError(res, 400, "invalid_grant", "Redirect URI mismatch"); return;
    case Problem::kMissingParameter: GoToOAuthError(res, 400, "invalid_request", "Missing parameter: " + detail); return;
    case Problem::kUnsupportedGrant: GoToOAuthError(res, 400, "unsupported_grant_type", "Unsupported grant type: " + detail); return;
    case Problem::kBadVerifier: GoToOAuthError(res, 400, "invalid_grant", "Invalid code_verifier"); return;
    case Problem::kUnknownCode:
    case Problem::kUsedCode:
    case Problem::kExpiredCode: GoToOAuthError(res, 400, "invalid_grant", "Invalid authorization code: " + detail); return;
    default: GoToOAuthError(res, 400, "invalid_grant", "Invalid refresh token"); return;
  }
}

// Microsoft scopes as stored on tokens: Graph resource prefix stripped ("Calendars.ReadWrite").
std::string NormalizeMicrosoftScopes(const std::string& scope, bool keep_offline) {
  std::istringstream stream(scope);
  std::string item, out;
  while (stream >> item) {
    if (item == "offline_access" && !keep_offline) continue;
    const std::string prefix = "https://graph.microsoft.com/";
    if (item.rfind(prefix, 0) == 0) item = item.substr(prefix.size());
    out += (out.empty() ? "" : " ") + item;
  }
  return out;
}

std::string MicrosoftScopeText(const std::string& normalized) {
  std::istringstream stream(normalized);
  std::string item, out;
  while (stream >> item) {
    bool oidc = item == "openid" || item == "profile" || item == "email";
    out += (out.empty() ? "" : " ") + (oidc ? item : "https://graph.microsoft.com/" + item);
  }
  return out;
}

std::string FakeIdToken(const std::string& issuer, const std::string& audience, const User& user, std::int64_t now) {
  json header = {{"alg", "RS256"}, {"kid", "sandbox"}, {"typ", "JWT"}};
  json claims = {{"iss", issuer}, {"aud", audience}, {"sub", user.id}, {"email", user.email}, {"name", user.name},
                 {"iat", now}, {"exp", now + 3600}};
  if (!user.tenant.empty()) {
    claims["tid"] = user.tenant;
    claims["preferred_username"] = user.email;
  }
  return crypto::Base64UrlEncode(DumpJson(header)) + "." + crypto::Base64UrlEncode(DumpJson(claims)) + "." +
         crypto::Base64UrlEncode("sandbox-unsigned");
}

json TokenBody(SandboxCore& core, const std::string& provider, const std::string& client_id, const User& user,
               const std::string& scope, const std::string& access, const std::string& refresh) {
  std::int64_t ttl = core.options.access_token_ttl_seconds;
  json body;
  if (provider == "google") {
    body = {{"access_token", access}, {"expires_in", ttl}, {"token_type", "Bearer"}, {"scope", scope}};
    if ((" " + scope + " ").find(" openid ") != std::string::npos)
      body["id_token"] = FakeIdToken("https://accounts.google.com", client_id, user, core.Now());
  } else if (provider == "microsoft") {
    body = {{"token_type", "Bearer"}, {"scope", MicrosoftScopeText(scope)}, {"expires_in", ttl},
            {"ext_expires_in", ttl}, {"access_token", access}};
    if ((" " + scope + " ").find(" openid ") != std::string::npos)
      body["id_token"] = FakeIdToken("https://login.microsoftonline.com/" + user.tenant + "/v2.0", client_id, user,
                                     core.Now());
  } else if (provider == "zoom") {
    body = {{"access_token", access}, {"token_type", "bearer"}, {"expires_in", ttl}, {"scope", scope},
            {"api_url", "https://api.zoom.us"}};
  } else {
    body = {{"access_token", access}, {"token_type", "Bearer"}, {"expires_in", ttl}, {"scope", scope},
            {"principal", user.email}, {"organizer_key", user.id}, {"account_key", "sandbox-goto-account"},
            {"firstName", user.name}, {"email", user.email}};
  }
  if (!refresh.empty()) body["refresh_token"] = refresh;
  return body;
}

std::string DefaultScope(const std::string& provider) {
  if (provider == "zoom") return "meeting:read meeting:write user:read";
  if (provider == "goto") return "collab:";
  return "";
}

void AuthorizationCode(SandboxCore& core, const std::string& provider, const Client& client, const net::Params& form,
                       httplib::Response& res) {
  std::string code_value = Param(form, "code");
  if (code_value.empty()) return GrantError(core, res, provider, Problem::kMissingParameter, "code");
  auto it = core.state.codes.find(code_value);
  if (it == core.state.codes.end() || it->second.client_id != client.id)
    return GrantError(core, res, provider, Problem::kUnknownCode, code_value);
  AuthCode& code = it->second;
  if (code.used) return GrantError(core, res, provider, Problem::kUsedCode, code_value);
  if (code.expires_at <= core.Now()) return GrantError(core, res, provider, Problem::kExpiredCode, code_value);
  code.used = true;  // a failed redemption burns the code too (as Google and Microsoft do)
  std::string redirect_uri = Param(form, "redirect_uri");
  if (redirect_uri != code.redirect_uri)
    return GrantError(core, res, provider, Problem::kRedirectMismatch, redirect_uri);
  std::string verifier = Param(form, "code_verifier");
  if (!code.code_challenge.empty()) {
    if (verifier.empty()) return GrantError(core, res, provider, Problem::kBadVerifier, "Missing code verifier.");
    if (crypto::Base64UrlEncode(crypto::Sha256(verifier)) != code.code_challenge)
      return GrantError(core, res, provider, Problem::kBadVerifier);
  }
  const User* user = core.FindUser(provider, code.user_email);
  if (!user) return GrantError(core, res, provider, Problem::kUnknownCode, code_value);
  CurrentNote().user = user->email;
  std::string scope = code.scope.empty() ? DefaultScope(provider) : code.scope;
  bool with_refresh = code.offline;
  if (provider == "google" && with_refresh) {
    std::string key = client.id + "\n" + user->email;
    with_refresh = code.force_refresh || core.state.google_consented.count(key) == 0;
    core.state.google_consented.insert(key);
  }
  std::string stored_scope = provider == "microsoft" ? NormalizeMicrosoftScopes(scope, false) : scope;
  auto [access, refresh] = core.MintLocked(provider, client.id, user->email, user->tenant, stored_scope, with_refresh,
                                           false);
  SendJson(res, 200, TokenBody(core, provider, client.id, *user, stored_scope, access, refresh));
}

bool StrictRotation(const SandboxCore& core, const User& user) {
  if (user.rotate_refresh_strict) return true;
  auto it = core.state.tenants.find(user.tenant);
  return it != core.state.tenants.end() && it->second.rotate_refresh_strict;
}

void RefreshGrant(SandboxCore& core, const std::string& provider, const Client& client, const net::Params& form,
                  httplib::Response& res) {
  std::string value = Param(form, "refresh_token");
  if (value.empty()) return GrantError(core, res, provider, Problem::kMissingParameter, "refresh_token");
  auto it = core.state.refresh_tokens.find(value);
  if (it == core.state.refresh_tokens.end() || it->second.client_id != client.id || it->second.provider != provider)
    return GrantError(core, res, provider, Problem::kUnknownRefresh);
  RefreshToken& grant = it->second;
  CurrentNote().user = grant.user_email;
  if (grant.revoked) return GrantError(core, res, provider, Problem::kRevokedRefresh);
  if (grant.expired) return GrantError(core, res, provider, Problem::kExpiredRefresh);
  if (grant.rotated) return GrantError(core, res, provider, Problem::kUnknownRefresh);
  const User* user = core.FindUser(provider, grant.user_email);
  if (!user) return GrantError(core, res, provider, Problem::kRevokedRefresh);
  if (provider == "microsoft" && user->consent_revoked)
    return GrantError(core, res, provider, Problem::kConsentRevoked, client.id);
  RefreshToken copy = grant;
  if (provider == "microsoft" && !Param(form, "scope").empty()) {
    // Microsoft mints the refreshed access token for the scopes asked for; asking for one the user never consented
    // to (not in the grant) is AADSTS65001, as on the real endpoint.
    const std::string asked = NormalizeMicrosoftScopes(Param(form, "scope"), false);
    std::istringstream wanted(asked);
    const std::string granted = " " + copy.scope + " ";
    std::string item;
    while (wanted >> item) {
      if (granted.find(" " + item + " ") == std::string::npos) {
        return GrantError(core, res, provider, Problem::kConsentRevoked, client.id);
      }
    }
    copy.scope = asked;
  }
  auto [access, unused] = core.MintLocked(provider, client.id, user->email, user->tenant, copy.scope, false, false);
  std::string refresh;
  if (provider == "microsoft") {
    refresh = core.NewRefreshTokenLocked(copy);
    if (StrictRotation(core, *user)) core.state.refresh_tokens[value].rotated = true;
  } else if (provider == "zoom") {
    refresh = core.NewRefreshTokenLocked(copy);
    core.state.refresh_tokens[value].rotated = true;
  } else if (provider == "goto") {
    refresh = value;
  }
  SendJson(res, 200, TokenBody(core, provider, client.id, *user, copy.scope, access, refresh));
}

void ClientCredentials(SandboxCore& core, const std::string& tenant_name, const Client& client, const net::Params& form,
                       httplib::Response& res) {
  std::int64_t now = core.Now();
  std::string scope = Param(form, "scope");
  if (scope != kGraphDefault) {
    return MicrosoftOAuthError(res, 400, "invalid_scope", 1002012,
                               "The provided value for scope " + scope + " is not valid. Client credential flows "
                               "must have a scope value with /.default suffixed to the resource identifier "
                               "(application ID URI).", now);
  }
  const Tenant* tenant = nullptr;
  for (const auto& [id, candidate] : core.state.tenants) {
    if (id == tenant_name || candidate.domain == tenant_name) tenant = &candidate;
  }
  if (!tenant) {
    return MicrosoftOAuthError(res, 400, "invalid_request", 90002,
                               "Tenant '" + tenant_name + "' not found. Use a tenant id or domain for app-only "
                               "tokens (common and organizations are not allowed).", now);
  }
  if (tenant->admin_consent_required) {
    return MicrosoftOAuthError(res, 400, "invalid_grant", 65001,
                               "The user or administrator has not consented to use the application with ID '" +
                                   client.id + "' named 'Slotwise'.", now);
  }
  CurrentNote().user = "app@" + tenant->id;
  auto [access, unused] = core.MintLocked("microsoft", client.id, "", tenant->id, ".default", false, true);
  core.state.access_tokens[access].roles = tenant->app_roles;
  SendJson(res, 200, {{"token_type", "Bearer"}, {"expires_in", core.options.access_token_ttl_seconds},
                      {"ext_expires_in", core.options.access_token_ttl_seconds}, {"access_token", access}});
}

void JwtBearer(SandboxCore& core, const net::Params& form, httplib::Response& res) {
  std::string assertion = Param(form, "assertion");
  auto bad = [&res](const std::string& error, const std::string& text) { GoogleOAuthError(res, 400, error, text); };
  auto dot = assertion.find('.');
  auto second = dot == std::string::npos ? dot : assertion.find('.', dot + 1);
  if (second == std::string::npos) return bad("invalid_grant", "Invalid JWT: malformed assertion.");
  auto payload_text = crypto::Base64UrlDecode(std::string_view(assertion).substr(dot + 1, second - dot - 1));
  json unverified = payload_text ? slotwise::ParseJson(*payload_text) : json();
  if (!unverified.is_object()) return bad("invalid_grant", "Invalid JWT: malformed assertion.");
  auto account_it = core.state.service_accounts.find(GetString(unverified, "iss"));
  if (account_it == core.state.service_accounts.end()) return bad("invalid_grant", "Invalid grant: account not found");
  auto verified = crypto::VerifyRs256(assertion, account_it->second.public_key_pem);
  if (!verified) return bad("invalid_grant", "Invalid JWT Signature.");
  const json& claims = verified.value();
  std::string aud = GetString(claims, "aud");
  const std::string kSuffix = "/google/token";
  if (aud.size() < kSuffix.size() || aud.compare(aud.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return bad("invalid_grant", "Invalid JWT: audience must be the token endpoint (…/google/token).");
  std::int64_t iat = GetInt(claims, "iat", -1), exp = GetInt(claims, "exp", -1), now = core.Now();
  if (iat < 0 || exp < 0 || exp <= iat || exp - iat > 3600 || exp <= now || iat > now + 60) {
    return bad("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
                                "timeframe. Check your iat and exp values in the JWT claim.");
  }
  std::string scope = GetString(claims, "scope");
  if (scope.empty()) {
    return bad("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
  }
  std::string subject = GetString(claims, "sub");
  const User* user = core.FindUser("google", subject);
  const std::vector<std::string>& domains = account_it->second.domains;
  if (!user || std::find(domains.begin(), domains.end(), user->domain) == domains.end()) {
    return bad("invalid_grant", "Invalid email or User ID");
  }
  if (auto authorised = account_it->second.scopes.find(user->domain); authorised != account_it->second.scopes.end()) {
    std::istringstream asked(scope);
    for (std::string one; asked >> one;) {
      if (!authorised->second.count(one)) {
        return GoogleOAuthError(res, 401, "unauthorized_client",
                                "Client is unauthorized to retrieve access tokens using this method, or client not "
                                "authorized for any of the scopes requested.");
      }
    }
  }
  CurrentNote().user = user->email;
  auto [access, unused] = core.MintLocked("google", account_it->first, user->email, "", scope, false, false);
  SendJson(res, 200, {{"access_token", access}, {"expires_in", core.options.access_token_ttl_seconds},
                      {"token_type", "Bearer"}, {"scope", scope}});
}

// Client authentication; answers the provider's error and returns nullptr when it fails.
const Client* AuthenticateClient(SandboxCore& core, const std::string& provider, const httplib::Request& req,
                                 const net::Params& form, httplib::Response& res) {
  std::string id = Param(form, "client_id"), secret = Param(form, "client_secret");
  bool basic = provider == "zoom" || provider == "goto";
  if (auto credentials = BasicCredentials(req)) {
    id = credentials->first;
    secret = credentials->second;
  } else if (basic) {
    id.clear();  // Zoom and GoTo take client credentials only from the Basic header
  }
  const Client* client = core.FindClient(provider, id);
  bool secret_ok = client && crypto::ConstantTimeEquals(client->secret, secret);
  if (client && secret_ok) return client;
  std::int64_t now = core.Now();
  if (provider == "google") {
    GoogleOAuthError(res, 401, "invalid_client", client ? "Unauthorized" : "The OAuth client was not found.");
  } else if (provider == "microsoft") {
    if (!client) {
      MicrosoftOAuthError(res, 400, "unauthorized_client", 700016,
                          "Application with identifier '" + id + "' was not found in the directory.", now);
    } else if (secret.empty()) {
      MicrosoftOAuthError(res, 401, "invalid_client", 7000218,
                          "The request body must contain the following parameter: 'client_assertion' or "
                          "'client_secret'.", now);
    } else {
      MicrosoftOAuthError(res, 401, "invalid_client", 7000215,
                          "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                          "secret value, not the client secret ID, for a secret added to app '" + id + "'.", now);
    }
  } else if (provider == "zoom") {
    ZoomOAuthError(res, 400, "invalid_client", "Invalid client_id or client_secret");
  } else {
    GoToOAuthError(res, 401, "invalid_client", "Bad client credentials");
  }
  return nullptr;
}

void HandleToken(SandboxCore& core, const std::string& provider, const std::string& tenant,
                 const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto form = ParseFormBody(req.body);
  if (!form) return GrantError(core, res, provider, Problem::kMissingParameter, "grant_type");
  std::string grant_type = Param(*form, "grant_type");
  CurrentNote().grant_type = grant_type;
  if (grant_type.empty()) return GrantError(core, res, provider, Problem::kMissingParameter, "grant_type");
  if (provider == "google" && grant_type == kJwtBearer) return JwtBearer(core, *form, res);
  const Client* client = AuthenticateClient(core, provider, req, *form, res);
  if (!client) return;
  if (grant_type == "authorization_code") return AuthorizationCode(core, provider, *client, *form, res);
  if (grant_type == "refresh_token") return RefreshGrant(core, provider, *client, *form, res);
  if (grant_type == "client_credentials" && provider == "microsoft")
    return ClientCredentials(core, tenant, *client, *form, res);
  GrantError(core, res, provider, Problem::kUnsupportedGrant, grant_type);
}

}  // namespace

void MountOAuthTokens(httplib::Server& server, SandboxCore& core) {
  AddRoute(server, core, "POST", "/google/token", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleToken(core, "google", "", req, res);
  });
  AddRoute(server, core, "POST", R"(/microsoft/([^/]+)/oauth2/v2\.0/token)",
           [&core](const httplib::Request& req, httplib::Response& res) {
             HandleToken(core, "microsoft", req.matches[1].str(), req, res);
           });
  AddRoute(server, core, "POST", "/zoom/oauth/token", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleToken(core, "zoom", "", req, res);
  });
  AddRoute(server, core, "POST", "/goto/oauth/token", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleToken(core, "goto", "", req, res);
  });
}

}  // namespace slotwise::sandbox
