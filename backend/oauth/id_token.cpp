// id_token.cpp — see id_token.h.
#include "oauth/id_token.h"

#include "crypto/crypto_primitives.h"
#include "slotwise/json_input.h"

namespace slotwise::oauth {

std::optional<nlohmann::json> IdTokenClaims(std::string_view id_token) {
  const std::size_t first = id_token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = id_token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::optional<std::string> payload = crypto::Base64UrlDecode(id_token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  nlohmann::json claims = ParseJson(*payload);
  if (!claims.is_object()) return std::nullopt;
  return claims;
}

std::string IdTokenEmail(std::string_view id_token) {
  const std::optional<nlohmann::json> claims = IdTokenClaims(id_token);
  if (!claims) return "";
  for (const char* key : {"email", "preferred_username"}) {
    if (auto found = claims->find(key); found != claims->end() && found->is_string()) return found->get<std::string>();
  }
  return "";
}

}  // namespace slotwise::oauth
