// id_token.h — the claims of an OpenID Connect id_token that Slotwise received straight from a provider's token
// endpoint over TLS (OpenID Connect Core §3.1.3.7 lets a client rely on the TLS server validation instead of the
// token's signature then). Never use it for an id_token that arrived any other way (a browser, a query string).
//
// Contract: the payload (second dot-separated part, base64url) as a JSON object, or nullopt when it is not one.
// IdTokenEmail answers the "email" claim, else "preferred_username", else "".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace slotwise::oauth {

std::optional<nlohmann::json> IdTokenClaims(std::string_view id_token);
std::string IdTokenEmail(std::string_view id_token);

}  // namespace slotwise::oauth
