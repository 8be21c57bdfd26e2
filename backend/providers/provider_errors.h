// provider_errors.h — one error vocabulary for every provider's error envelope.
//
// Envelopes (docs/PROVIDERS.md, Error envelopes):
//   Google  {"error":{"errors":[{"domain","reason","message"}],"code","message"}}
//   Graph   {"error":{"code","message","innerError":{…}}}
//   Zoom    {"code":124,"message":"…"}            (validation: code 300 with errors[{field,message}])
//   GoTo    {"error":"…","error_description":"…"} or {"errorCode"/"description"} (unconfirmed: both are read)
//
// Codes of the Error returned (`Error::code`):
//   "provider_unauthorized" 401 (the adapter already refreshed the token once and the retry was refused too)
//   "provider_forbidden"    403 (except Google rate-limit reasons, which are "rate_limited")
//   "provider_not_found"    404, 410
//   "conflict"              409, 412
//   "rate_limited"          429; Google 403 rateLimitExceeded/userRateLimitExceeded/quotaExceeded; a throttled
//                           old Teams incoming webhook. The message says when to retry when the provider said so.
//   "provider_unavailable"  5xx, transport "timeout"/"network_error"
//   "provider_rejected"     400, 422, other 4xx that blame the request
//   "invalid_request"       local validation before any call (the adapter refuses input it cannot send)
//   "provider_error"        anything else, including a malformed (unparseable) success body
// `Error::message` is one sentence "<Provider> <status> <provider code>: <provider message>"; it carries the
// provider's text (truncated to a few hundred characters) but never a bearer token (see RedactSecret).
// `Error::field` holds the provider's own error code when there is one ("duplicate", "TooManyRequests", "3001"),
// so callers can branch on it without re-parsing; empty otherwise.
// Pure functions; thread-safe; never throw (a body that is not JSON is quoted as text).
#pragma once

#include <string>
#include <string_view>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace slotwise::providers {

enum class Provider : std::uint8_t { kGoogle, kGraph, kZoom, kGoTo, kTeamsWebhook };

std::string_view ProviderName(Provider provider);  // "Google Calendar", "Microsoft Graph", "Zoom", "GoTo", …

// The provider's own error code in a response body ("duplicate", "TooManyRequests", "3001", "invalid_grant"), or "".
// Google: the first errors[].reason (falls back to error.status); Graph: error.code; Zoom: code as text; GoTo: error.
std::string ProviderErrorCode(Provider provider, const net::HttpResponse& response);

// True for a Google 403 whose reason is a rate limit (rateLimitExceeded, userRateLimitExceeded): retryable.
bool IsGoogleRateLimit(const net::HttpResponse& response);

// Maps a non-2xx response (or a throttled 2xx) to an Error as described above.
Error ErrorFromResponse(Provider provider, const net::HttpResponse& response);

// Maps a transport error ("timeout", "network_error", "invalid_url", "no_timeout") to "provider_unavailable"
// (timeouts and network errors) or "provider_error" (anything else); the original code is kept in the message.
Error ErrorFromTransport(Provider provider, const Error& transport_error);

// `text` with every occurrence of `secret` (when non-empty) replaced by "[redacted]", and any "Bearer <token>" too.
std::string RedactSecret(std::string text, std::string_view secret);

// Shorthands for locally detected problems.
Error InvalidRequest(std::string message, std::string field = {});
Error MalformedResponse(Provider provider, std::string_view what);  // "provider_error": the body is not as documented

}  // namespace slotwise::providers
