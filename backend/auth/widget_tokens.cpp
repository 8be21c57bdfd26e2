// widget_tokens.cpp — see widget_tokens.h.
#include "auth/widget_tokens.h"

#include <algorithm>
#include <array>
#include <optional>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::auth {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kKnownScopes = {kScopeAvailabilityRead, kScopeInterviewsRead,
                                                          kScopeInterviewsWrite, kScopeConnectionsManage,
                                                          kScopeOrganisationManage};
constexpr std::size_t kTokenIdBytes = 16;

bool IsValidKid(std::string_view kid) {
  return !kid.empty() && kid.size() <= kMaxKidChars &&
         std::all_of(kid.begin(), kid.end(), crypto::IsBase64UrlCharacter);
}

bool IsBase64UrlText(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), crypto::IsBase64UrlCharacter);
}

bool IsValidClaimText(std::string_view text) {
  return !text.empty() && text.size() <= kMaxClaimBytes && !HasControlCharacter(text);
}

bool IsValidTime(std::int64_t seconds) { return seconds >= 0 && seconds <= kMaxTokenTimestamp; }

std::string Signature(std::string_view secret, std::string_view signing_input) {
  return crypto::Base64UrlEncode(crypto::HmacSha256(secret, signing_input));
}

std::optional<std::int64_t> TimeField(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(kMaxTokenTimestamp)) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  if (!it->is_number_integer()) return std::nullopt;
  const auto value = it->get<std::int64_t>();
  if (!IsValidTime(value)) return std::nullopt;
  return value;
}

std::optional<std::string> StringField(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The claims of a decoded payload; nullopt unless it is the JSON object Mint writes.
std::optional<WidgetClaims> ParsePayload(std::string_view payload_json) {
  const json object = slotwise::ParseJson(payload_json);
  if (!object.is_object()) return std::nullopt;
  WidgetClaims claims;
  auto tenant_id = StringField(object, "tenant_id");
  auto user = StringField(object, "user");
  auto token_id = StringField(object, "token_id");
  const auto issued_at = TimeField(object, "issued_at");
  const auto expires_at = TimeField(object, "expires_at");
  const auto scopes = object.find("scopes");
  if (!tenant_id || !user || !token_id || !issued_at || !expires_at) return std::nullopt;
  if (tenant_id->empty() || user->empty() || scopes == object.end() || !scopes->is_array()) return std::nullopt;
  for (const json& scope : *scopes) {
    if (!scope.is_string()) return std::nullopt;
    claims.scopes.push_back(scope.get<std::string>());
  }
  claims.tenant_id = std::move(*tenant_id);
  claims.user = std::move(*user);
  claims.token_id = std::move(*token_id);
  claims.issued_at = *issued_at;
  claims.expires_at = *expires_at;
  return claims;
}

}  // namespace

bool IsKnownScope(std::string_view scope) {
  return std::find(kKnownScopes.begin(), kKnownScopes.end(), scope) != kKnownScopes.end();
}

Result<std::string> DeriveKey(std::string_view master, std::string_view label) {
  if (master.size() < kMinWidgetKeyBytes) {
    return Error{codes::kInvalidMasterSecret, "The master secret must be at least 32 bytes.", ""};
  }
  if (label.empty()) return Error{codes::kInvalidLabel, "A derived key needs a non-empty label.", ""};
  return crypto::HmacSha256(master, label);
}

Result<WidgetTokenCodec> WidgetTokenCodec::Create(WidgetKeySet keys) {
  if (keys.secrets.empty()) return Error{codes::kInvalidKeySet, "The widget token key set is empty.", "secrets"};
  for (const auto& [kid, secret] : keys.secrets) {
    if (!IsValidKid(kid)) {
      return Error{codes::kInvalidKeySet, "Key ids are 1 to 64 characters of A-Z a-z 0-9 - _.", "secrets"};
    }
    if (secret.size() < kMinWidgetKeyBytes) {
      return Error{codes::kInvalidKeySet, "The widget token key '" + kid + "' is shorter than 32 bytes.",
                       "secrets." + kid};
    }
  }
  if (keys.secrets.find(keys.current_kid) == keys.secrets.end()) {
    return Error{codes::kInvalidKeySet, "The current key id is not in the key set.", "current_kid"};
  }
  return WidgetTokenCodec(std::move(keys));
}

Result<MintedWidgetToken> WidgetTokenCodec::Mint(const WidgetClaims& claims) const {
  if (!IsValidClaimText(claims.tenant_id)) {
    return Error{codes::kInvalidClaims, "tenant_id must be 1 to 256 bytes without control characters.", "tenant_id"};
  }
  if (!IsValidClaimText(claims.user)) {
    return Error{codes::kInvalidClaims, "user must be 1 to 256 bytes without control characters.", "user"};
  }
  if (claims.scopes.empty()) return Error{codes::kInvalidScope, "A widget token needs at least one scope.", "scopes"};
  for (const std::string& scope : claims.scopes) {
    if (!IsKnownScope(scope)) return Error{codes::kInvalidScope, "Unknown scope '" + scope + "'.", "scopes"};
  }
  if (!IsValidTime(claims.issued_at) || !IsValidTime(claims.expires_at)) {
    return Error{codes::kInvalidLifetime, "issued_at and expires_at must be Unix seconds between 0 and year 9999.",
                     "expires_at"};
  }
  const std::int64_t lifetime = claims.expires_at - claims.issued_at;
  if (lifetime <= 0 || lifetime > kMaxLifetime) {
    return Error{codes::kInvalidLifetime, "A widget token lives more than 0 and at most 3600 seconds.", "expires_at"};
  }

  MintedWidgetToken minted{{}, claims};
  minted.claims.token_id = crypto::RandomToken(kTokenIdBytes);
  std::string payload_json;
  try {
    payload_json = json{{"tenant_id", minted.claims.tenant_id},   {"user", minted.claims.user},
                        {"scopes", minted.claims.scopes},         {"issued_at", minted.claims.issued_at},
                        {"expires_at", minted.claims.expires_at}, {"token_id", minted.claims.token_id}}
                       .dump();
  } catch (const json::exception&) {  // invalid UTF-8 in tenant_id or user
    return Error{codes::kInvalidClaims, "tenant_id and user must be valid UTF-8.", ""};
  }
  const std::string signing_input =
      std::string(kWidgetTokenVersion) + "." + keys_.current_kid + "." + crypto::Base64UrlEncode(payload_json);
  minted.token = signing_input + "." + Signature(keys_.secrets.find(keys_.current_kid)->second, signing_input);
  return minted;
}

Result<WidgetClaims> WidgetTokenCodec::Verify(std::string_view token, std::int64_t now) const {
  const auto malformed = [] {
    return Error{codes::kMalformedToken, "The widget token is not of the form swt1.<kid>.<payload>.<signature>.", ""};
  };
  if (token.size() > kMaxWidgetTokenChars) return malformed();
  const std::vector<std::string_view> parts = Split(token, '.');
  if (parts.size() != 4 || parts[0] != kWidgetTokenVersion || !IsValidKid(parts[1]) || !IsBase64UrlText(parts[2]) ||
      !IsBase64UrlText(parts[3])) {
    return malformed();
  }
  const auto key = keys_.secrets.find(parts[1]);
  if (key == keys_.secrets.end()) {
    return Error{codes::kUnknownKey, "The widget token was signed with a key this server no longer has.", ""};
  }
  const std::string_view signing_input = token.substr(0, token.size() - parts[3].size() - 1);
  if (!crypto::ConstantTimeEquals(Signature(key->second, signing_input), parts[3])) {
    return Error{codes::kBadSignature, "The widget token's signature does not match.", ""};
  }

  const auto payload_json = crypto::Base64UrlDecode(parts[2]);
  if (!payload_json) return malformed();
  std::optional<WidgetClaims> claims = ParsePayload(*payload_json);
  if (!claims || claims->expires_at <= claims->issued_at) return malformed();
  if (claims->expires_at - claims->issued_at > kMaxLifetime) {
    return Error{codes::kLifetimeTooLong, "The widget token lives longer than 3600 seconds.", ""};
  }
  if (now < claims->issued_at - kClockLeeway) {
    return Error{codes::kTokenNotYetValid, "The widget token is not valid yet; check the server's clock.", ""};
  }
  if (now >= claims->expires_at + kClockLeeway) return Error{codes::kTokenExpired, "The widget token has expired.", ""};
  return std::move(*claims);
}

}  // namespace slotwise::auth
