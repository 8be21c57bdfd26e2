// oauth_client.h — the OAuth 2.0 client for one provider registration: authorization code with PKCE (S256), refresh,
// Microsoft client credentials, Google's service-account JWT bearer grant (RFC 7523).
//
// Contract:
// - Every call to the token endpoint goes through the given HttpTransport with a timeout; 5xx, 429 and network
//   errors are retried (bounded), nothing else is.
// - Failures come back as `Error` with `code` from TokenErrorCode below, the provider's own error code and
//   description in `message`, and — for Microsoft consent errors (AADSTS65001, AADSTS90094) — a message that says an
//   administrator must consent and carries the tenant-admin consent link.
// - Thread-safe (holds only immutable configuration and a reference to a thread-safe transport).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_transport.h"
#include "oauth/provider.h"
#include "slotwise/error_codes.h"
#include "slotwise/result.h"

namespace slotwise::oauth {

// Errors of token-endpoint calls use codes::kReauthNeeded, kConsentRequired, kInvalidClient, kProviderUnavailable
// and kProviderError (slotwise/error_codes.h).

// How token-endpoint calls are sent and retried. The defaults are the production values; tests shorten them.
// Retries happen only after 5xx, 429 or a network error/timeout: at most `max_attempts` sends in all, waiting
// `Retry-After` seconds when the provider sends them (a wait longer than `max_retry_after` ends the retries at once)
// and otherwise an exponential backoff with full jitter: uniform in [0, min(max_backoff, base_backoff * 2^retry)].
struct TokenRequestPolicy {
  std::chrono::milliseconds timeout{10'000};  // per attempt (connect, send, each read); must be > 0
  int max_attempts = 3;
  std::chrono::milliseconds base_backoff{500};
  std::chrono::milliseconds max_backoff{4'000};
  std::chrono::milliseconds max_retry_after{30'000};
};

struct ClientRegistration {
  Provider provider = Provider::kGoogle;
  ProviderEndpoints endpoints;
  std::string client_id;
  std::string client_secret;  // never logged, never sent to a browser
  std::string redirect_uri;   // exactly one per provider; sent byte-for-byte as registered
  std::vector<std::string> scopes;
  TokenRequestPolicy policy;
};

struct TokenSet {
  std::string access_token;
  std::string refresh_token;    // ExchangeCode: empty when the provider sent none; Refresh: the one to store (the
                                // new one, or the old one when none came back)
  std::int64_t expires_at = 0;  // Unix seconds (now + expires_in; expires_in defaults to 3600 when absent)
  std::string scope;            // as granted (space separated)
  std::string id_token;         // when sent
  std::string principal;        // GoTo: the account's e-mail, sent with the tokens
  bool refresh_token_rotated = false;  // a refresh answered with a different refresh token
};

struct PkcePair {
  std::string verifier;   // 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)
  std::string challenge;  // BASE64URL(SHA256(verifier)), no padding
};
PkcePair MakePkcePair();                                    // verifier: 32 random bytes as base64url (43 chars)
std::string PkceChallenge(std::string_view code_verifier);  // BASE64URL(SHA256(verifier)) (RFC 7636 §4.2, S256)

class OAuthClient {
 public:
  OAuthClient(ClientRegistration registration, net::HttpTransport& transport);

  const ClientRegistration& registration() const { return registration_; }

  // The URL to open in the top-level popup. Google adds access_type=offline & prompt=consent (so a refresh token
  // comes back); Microsoft adds offline_access to the scopes and response_mode=query.
  // `scopes` (non-empty) replaces the registration's scopes for this one request (connect_flow.h: the scopes of
  // the feature the person connects for).
  std::string AuthorizeUrl(std::string_view state, std::string_view code_challenge, std::string_view login_hint = {},
                           const std::vector<std::string>& scopes = {}) const;
  // Zoom and GoTo get the documented minimum (client_id, response_type, redirect_uri, state, PKCE; GoTo also scope
  // when registered). An empty `code_challenge` leaves the PKCE parameters out.
  // Microsoft only: the tenant-admin consent link (…/adminconsent?client_id&scope=…/.default&redirect_uri&state).
  // An empty `tenant` keeps the registration's tenant ("common"/"consumers" become "organizations", which admin
  // consent requires). Returns "" for providers without an admin consent endpoint.
  std::string AdminConsentUrl(std::string_view tenant, std::string_view state = {}) const;
  // Microsoft only: an OpenID Connect sign-in and nothing else (scope "openid profile email", response_mode=query,
  // prompt=select_account, PKCE) at the registration's authority — who is at the keyboard, and in which organisation
  // (the id_token's "tid"), before an organisation is connected. Returns "" for the other providers.
  std::string SignInUrl(std::string_view state, std::string_view code_challenge) const;

  // Token-endpoint calls. `now` is Unix seconds (for expires_at). A retried code exchange whose first attempt did
  // reach the provider may come back as codes::kReauthNeeded (the code was already used): the user connects again.
  Result<TokenSet> ExchangeCode(std::string_view code, std::string_view code_verifier, std::int64_t now) const;
  // `refresh_token` is the current one; the answer's refresh_token is the one to store (the old one if none came).
  // Microsoft mints the refreshed token for the scopes asked: `granted` (the connection's scopes as granted, space
  // separated) is asked when given — a connection made for fewer scopes than the registration's must not ask for
  // more (AADSTS65001) — else the registration's.
  Result<TokenSet> Refresh(std::string_view refresh_token, std::int64_t now, std::string_view granted = {}) const;
  // Microsoft app-only: grant_type=client_credentials, scope=https://graph.microsoft.com/.default.
  Result<TokenSet> ClientCredentials(std::int64_t now) const;

 private:
  ClientRegistration registration_;
  net::HttpTransport& transport_;
};

// Google service account with domain-wide delegation: signs {iss, sub, scope, aud = token_url, iat, exp = iat+3600}
// with RS256 and posts grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer. An empty `subject` leaves `sub` out
// (the service account acts as itself). An unreadable key is codes::kInvalidClient; Google's `unauthorized_client`
// (domain-wide delegation not granted for these scopes) is codes::kConsentRequired with
// a message naming what the admin must allow.
struct ServiceAccount {
  std::string client_email;
  std::string private_key_pem;
  std::string token_url;
  std::vector<std::string> scopes;
  std::string client_id;  // the service account's numeric client id, for the admin's message (optional)
  TokenRequestPolicy policy;
};
Result<TokenSet> ServiceAccountToken(const ServiceAccount& account, std::string_view subject, std::int64_t now,
                                     net::HttpTransport& transport);

}  // namespace slotwise::oauth
