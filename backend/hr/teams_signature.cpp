// teams_signature.cpp — see teams_signature.h.
#include "teams_signature.h"

#include <cctype>

#include "crypto_primitives.h"

namespace slotwise::hr {

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool StartsWithHmac(std::string_view text) {
  if (text.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != "HMAC"[i]) return false;
  }
  return text[4] == ' ';
}

}  // namespace

std::string SignTeamsRequest(std::string_view security_token, std::string_view body) {
  const std::string key = crypto::Base64Decode(security_token).value_or(std::string());
  return "HMAC " + crypto::Base64Encode(crypto::HmacSha256(key, body));
}

Result<bool> VerifyTeamsRequest(std::string_view authorization, std::string_view body, std::string_view security_token) {
  authorization = Trim(authorization);
  if (!StartsWithHmac(authorization)) {
    return Error{"missing_signature", "the request carries no \"Authorization: HMAC <signature>\" header", ""};
  }
  const Error invalid{"invalid_signature", "the request's HMAC signature does not match its body", ""};
  const std::optional<std::string> key = crypto::Base64Decode(security_token);
  const std::optional<std::string> presented = crypto::Base64Decode(Trim(authorization.substr(5)));
  if (!key || key->empty() || !presented) return invalid;
  if (!crypto::ConstantTimeEquals(*presented, crypto::HmacSha256(*key, body))) return invalid;
  return true;
}

}  // namespace slotwise::hr
