// standard_webhooks.cpp — see standard_webhooks.h.
#include "auth/standard_webhooks.h"

#include <cassert>

#include "crypto/crypto_primitives.h"

namespace slotwise::auth {

namespace {

// The decoded key of a well-formed "whsec_<base64>" secret; "" when `secret` is not one.
std::string StandardKeyOf(std::string_view secret) {
  if (secret.substr(0, kStandardSecretPrefix.size()) != kStandardSecretPrefix) return "";
  std::optional<std::string> key = crypto::Base64Decode(secret.substr(kStandardSecretPrefix.size()));
  return key ? std::move(*key) : std::string();
}

}  // namespace

std::string SigningKey(std::string_view secret) {
  std::string key = StandardKeyOf(secret);
  return key.empty() ? std::string(secret) : key;
}

std::string StandardSecretProblem(std::string_view secret) {
  if (secret.substr(0, kStandardSecretPrefix.size()) != kStandardSecretPrefix) return "";
  const std::string key = StandardKeyOf(secret);
  if (key.empty()) return "a secret that starts with whsec_ must continue in standard base64 (the Standard Webhooks form)";
  if (key.size() < kMinStandardKeyBytes) {
    return "a whsec_ secret must hold at least " + std::to_string(kMinStandardKeyBytes) + " bytes (it holds " +
           std::to_string(key.size()) + ")";
  }
  return "";
}

std::string StandardSecretFor(std::string_view secret) {
  if (!StandardKeyOf(secret).empty()) return std::string(secret);
  return std::string(kStandardSecretPrefix) + crypto::Base64Encode(secret);
}

std::string StandardSignature(std::string_view key, std::string_view webhook_id, std::int64_t timestamp,
                              std::string_view body) {
  std::string signed_text;
  const std::string timestamp_text = std::to_string(timestamp);
  signed_text.reserve(webhook_id.size() + timestamp_text.size() + body.size() + 2);
  signed_text.append(webhook_id).append(".").append(timestamp_text).append(".").append(body);
  return "v1," + crypto::Base64Encode(crypto::HmacSha256(key, signed_text));
}

std::vector<std::pair<std::string, std::string>> StandardWebhookHeaders(std::string_view secret,
                                                                        std::string_view webhook_id,
                                                                        std::int64_t timestamp, std::string_view body) {
  assert(!secret.empty() && "StandardWebhookHeaders: empty secret");
  return {{std::string(kWebhookIdHeader), std::string(webhook_id)},
          {std::string(kWebhookTimestampHeader), std::to_string(timestamp)},
          {std::string(kWebhookSignatureHeader), StandardSignature(SigningKey(secret), webhook_id, timestamp, body)}};
}

}  // namespace slotwise::auth
