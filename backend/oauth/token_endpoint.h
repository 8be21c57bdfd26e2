// token_endpoint.h — internal to slotwise_oauth: one POST to a token endpoint with bounded retries, and the reading
// of its answer (RFC 6749 §5.1 success, §5.2 errors plus the providers' own error shapes).
//
// Contract: never throws; every Error has a code from oauth_client.h (codes::kReauthNeeded, …) and a message that holds the
// provider's error code and description with every string in `TokenCall::secrets` replaced by "[redacted]".
// Thread-safe (no shared state besides the transport, which is thread-safe).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_transport.h"
#include "net/url.h"
#include "oauth/oauth_client.h"
#include "slotwise/error_codes.h"

namespace slotwise::oauth {

struct TokenCall {
  std::string provider_label;                                     // "google", … (messages only)
  std::string url;                                                // the token endpoint
  net::Params form;                                               // the body, form-encoded as given
  std::optional<std::pair<std::string, std::string>> basic_auth;  // client id, secret → Authorization: Basic
  TokenRequestPolicy policy;
  std::vector<std::string> secrets;  // redacted from every message (client secret, code, refresh token, assertion…)
  std::string consent_hint;          // appended to codes::kConsentRequired messages (e.g. the admin consent link)
  bool unauthorized_client_is_consent = false;  // Google service accounts: delegation not granted by the admin
};

// Sends the call (retrying as TokenRequestPolicy says) and reads the answer. `previous_refresh_token` is the token a
// refresh presented ("" otherwise): kept when none comes back, and compared for TokenSet::refresh_token_rotated.
Result<TokenSet> CallTokenEndpoint(net::HttpTransport& transport, const TokenCall& call, std::int64_t now,
                                   std::string_view previous_refresh_token = {});

// The pieces, exposed for unit tests.
Result<TokenSet> ParseTokenSuccess(std::string_view body, std::int64_t now, std::string_view previous_refresh_token);
Error ClassifyTokenError(int status, std::string_view body, const TokenCall& call);
// Seconds from a Retry-After header ("10", "1.5"); nullopt for an HTTP date, garbage or a negative value.
std::optional<double> ParseRetryAfterSeconds(std::string_view value);

}  // namespace slotwise::oauth
