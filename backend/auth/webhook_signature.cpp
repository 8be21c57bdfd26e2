// webhook_signature.cpp — see webhook_signature.h.
#include "auth/webhook_signature.h"

#include <cassert>
#include <optional>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::auth {
namespace {


constexpr std::size_t kHexSignatureChars = 64;

std::string HexSignature(std::string_view secret, std::string_view timestamp_text, std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp_text.size() + 1 + body.size());
  signed_text.append(timestamp_text).append(".").append(body);
  return crypto::HexEncode(crypto::HmacSha256(secret, signed_text));
}

bool IsHex(std::string_view text) {
  for (char ch : text) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) return false;
  }
  return true;
}

}  // namespace

std::string SignWebhook(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  return SignWebhook(std::vector<std::string>{std::string(secret)}, timestamp, body);
}

std::string SignWebhook(const std::vector<std::string>& secrets, std::int64_t timestamp, std::string_view body) {
  assert(timestamp >= 0 && "SignWebhook: negative timestamp");
  assert(!secrets.empty() && "SignWebhook: no secret");
  const std::string timestamp_text = std::to_string(timestamp);
  std::string header = "t=" + timestamp_text;
  for (const std::string& secret : secrets) {
    assert(!secret.empty() && "SignWebhook: empty secret");
    header += ",v1=" + HexSignature(secret, timestamp_text, body);
  }
  return header;
}

Result<bool> VerifyWebhookSignature(std::string_view secret, std::string_view header_value, std::string_view body,
                                    std::int64_t now, std::int64_t tolerance_seconds) {
  assert(tolerance_seconds >= 0 && "VerifyWebhookSignature: negative tolerance");
  if (secret.empty()) return Error{codes::kMissingSecret, "No webhook secret is configured.", ""};
  const auto malformed = [](std::string message) { return Error{codes::kMalformedSignature, std::move(message), ""}; };
  if (header_value.empty() || header_value.size() > kMaxSignatureHeaderChars) {
    return malformed("The Slotwise-Signature header is empty or too long.");
  }

  std::optional<std::string_view> timestamp_text;
  std::vector<std::string> candidates;
  for (std::string_view item : Split(header_value, ',')) {
    item = TrimBlanks(item);
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) return malformed("Every Slotwise-Signature item is key=value.");
    const std::string_view key = item.substr(0, equals);
    const std::string_view value = item.substr(equals + 1);
    if (key == "t") {
      if (timestamp_text) return malformed("The Slotwise-Signature header has several t= items.");
      timestamp_text = value;
    } else if (key == "v1") {
      if (value.size() != kHexSignatureChars || !IsHex(value)) {
        return malformed("A v1 signature is 64 hex digits.");
      }
      candidates.push_back(AsciiLower(value));
    }  // other keys: reserved for future schemes, ignored
  }
  if (!timestamp_text) return malformed("The Slotwise-Signature header has no t= item.");
  const auto timestamp = ParseDecimal(*timestamp_text);
  if (!timestamp) return malformed("t= must be Unix seconds (1 to 19 digits).");
  if (candidates.empty()) return malformed("The Slotwise-Signature header has no v1= item.");

  const std::string expected = HexSignature(secret, *timestamp_text, body);
  bool matched = false;
  for (const std::string& candidate : candidates) {
    matched |= crypto::ConstantTimeEquals(expected, candidate);  // no early exit: every candidate is compared
  }
  if (!matched) return Error{codes::kBadSignature, "No v1 signature matches the body and the webhook secret.", ""};
  const std::int64_t skew = now >= *timestamp ? now - *timestamp : *timestamp - now;
  if (skew > tolerance_seconds) {
    return Error{codes::kStaleSignature, "The signature is more than " + std::to_string(tolerance_seconds) +
                                            " seconds away from the current time.", ""};
  }
  return true;
}

}  // namespace slotwise::auth
