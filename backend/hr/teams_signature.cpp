// teams_signature.cpp — see teams_signature.h.
#include "hr/teams_signature.h"

#include <cctype>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::hr {

namespace {

bool StartsWithHmac(std::string_view text) {
  return text.size() >= 5 && StartsWithIgnoreCase(text, "HMAC") && text[4] == ' ';
}

}  // namespace

Result<bool> VerifyTeamsRequest(std::string_view authorization, std::string_view body, std::string_view security_token) {
  authorization = TrimBlanks(authorization);
  if (!StartsWithHmac(authorization)) {
    return Error{codes::kMissingSignature, "the request carries no \"Authorization: HMAC <signature>\" header", ""};
  }
  const Error invalid{codes::kInvalidSignature, "the request's HMAC signature does not match its body", ""};
  const std::optional<std::string> key = crypto::Base64Decode(security_token);
  const std::optional<std::string> presented = crypto::Base64Decode(TrimBlanks(authorization.substr(5)));
  if (!key || key->empty() || !presented) return invalid;
  if (!crypto::ConstantTimeEquals(*presented, crypto::HmacSha256(*key, body))) return invalid;
  return true;
}

}  // namespace slotwise::hr
