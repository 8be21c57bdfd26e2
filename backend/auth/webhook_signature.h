// webhook_signature.h — signatures of the webhooks Slotwise sends to an ATS (e.g. "send this email",
// "interview booked"). This header is the contract ATS developers implement on their side.
//
// Every delivery is an HTTP POST whose raw body is signed with the webhook secret shared with that ATS:
//
//   Slotwise-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//
//   t     the time of signing, decimal Unix seconds (UTC), exactly as it appears in the header
//   v1    64 lowercase hex characters; "<t>.<body>" is the t text, one '.', then the raw body bytes as received
//         (verify BEFORE parsing or re-serialising the JSON: whitespace and key order matter)
//
// While a secret is being rotated the header carries one v1 per active secret: `t=...,v1=<old>,v1=<new>`; a receiver
// accepts the delivery when any v1 matches its secret. Unknown keys (a future v2=, ...) must be ignored.
// To verify, a receiver:
//   1. splits the header on ',' and each item on the first '=' (ignoring spaces around items);
//   2. computes HMAC-SHA256(secret, t + "." + body) and compares it with each v1 in constant time;
//   3. refuses the delivery when |now - t| > 300 seconds (replays), and de-duplicates by the event id in the body.
// Example: secret "whsec_test", t=1700000000, body {"a":1} signs the string `1700000000.{"a":1}`.
//
// Thread safety: pure functions, callable concurrently. No function throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::auth {

inline constexpr std::string_view kSignatureHeader = "Slotwise-Signature";
inline constexpr std::int64_t kSignatureToleranceSeconds = 300;
inline constexpr std::size_t kMaxSignatureHeaderChars = 4096;

// The header value "t=<timestamp>,v1=<hex>" for `body` signed at `timestamp` (Unix seconds, >= 0) with `secret`
// (non-empty; both are programmer errors, asserted).
std::string SignWebhook(std::string_view secret, std::int64_t timestamp, std::string_view body);

// The same with one v1 per secret, in the order given (for rotation). `secrets` non-empty, none empty (asserted).
std::string SignWebhook(const std::vector<std::string>& secrets, std::int64_t timestamp, std::string_view body);

// Verifies a received header against `secret` and the raw body; `now` in Unix seconds. Checks, in this order:
//   "missing_secret"       `secret` is empty (configuration error: nothing can verify)
//   "malformed_signature"  header empty or over kMaxSignatureHeaderChars, an item without '=', no t= or several,
//                          t not 1..19 digits, no v1=, or a v1 that is not 64 hex digits (either case)
//   "bad_signature"        no v1 equals HMAC-SHA256(secret, "<t>.<body>") (each compared in constant time)
//   "stale_signature"      the signature matches but |now - t| > tolerance_seconds (>= 0, asserted): an old
//                          delivery replayed, or a clock off by more than the tolerance
// Returns true on success. Staleness is judged only for authentic headers, so "stale_signature" always means
// "ours, but too old or too new".
Result<bool> VerifyWebhookSignature(std::string_view secret, std::string_view header_value, std::string_view body,
                                    std::int64_t now, std::int64_t tolerance_seconds = kSignatureToleranceSeconds);

}  // namespace slotwise::auth
