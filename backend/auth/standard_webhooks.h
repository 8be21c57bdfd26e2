// standard_webhooks.h — the Standard Webhooks signature (the scheme the `standardwebhooks` libraries verify) for every
// webhook Slotwise sends to an ATS: the lifecycle events (lifecycle/) and the email.send deliveries
// (booking/adapter_gateway.cpp). docs/ATS_WEBHOOKS.md is the receiver's side of this contract.
//
// Every delivery carries three headers:
//   webhook-id         the message id, the same on every attempt of one message (a receiver de-duplicates by it)
//   webhook-timestamp  decimal Unix seconds of this attempt
//   webhook-signature  "v1,<standard base64 of HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>"
//
// The key comes from the tenant's ats_webhook_secret (SigningKey):
//   - "whsec_<base64>" (what POST /v1/tenant and the documentation recommend): the key is the base64-decoded part
//     after the prefix. The ATS hands the very same string to any Standard Webhooks library.
//   - any other secret (set before lifecycle webhooks existed): the key is the secret's own bytes. The equivalent
//     library secret is "whsec_" + base64(secret) (StandardSecretFor), which the ATS computes once.
//
// Thread safety: pure functions. Nothing throws except std::bad_alloc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slotwise::auth {

inline constexpr std::string_view kWebhookIdHeader = "webhook-id";
inline constexpr std::string_view kWebhookTimestampHeader = "webhook-timestamp";
inline constexpr std::string_view kWebhookSignatureHeader = "webhook-signature";
inline constexpr std::string_view kStandardSecretPrefix = "whsec_";

// The HMAC key of `secret` (see above). A "whsec_" secret whose rest is not base64 of at least one byte is taken as
// bytes like any other secret.
std::string SigningKey(std::string_view secret);

// Why `secret` cannot be saved as an ATS webhook secret, or "" when it can: a secret that starts with "whsec_" must be
// the Standard Webhooks form (base64 of at least kMinStandardKeyBytes bytes after the prefix) — otherwise a library
// given the same string would fail to decode it while Slotwise signed with its raw bytes, and no signature would ever
// verify.
inline constexpr std::size_t kMinStandardKeyBytes = 16;
std::string StandardSecretProblem(std::string_view secret);

// The "whsec_…" string a Standard Webhooks library needs to verify what SigningKey(secret) signs: `secret` itself when
// it is already one, otherwise "whsec_" + base64(secret).
std::string StandardSecretFor(std::string_view secret);

// "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>" with the raw `key` (SigningKey's answer).
std::string StandardSignature(std::string_view key, std::string_view webhook_id, std::int64_t timestamp,
                              std::string_view body);

// The three headers above, signed with SigningKey(secret) (secret non-empty; asserted).
std::vector<std::pair<std::string, std::string>> StandardWebhookHeaders(std::string_view secret,
                                                                        std::string_view webhook_id,
                                                                        std::int64_t timestamp, std::string_view body);

}  // namespace slotwise::auth
