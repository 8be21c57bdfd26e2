// bot_connector.cpp — see bot_connector.h.
#include "hr/bot_connector.h"

#include <chrono>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::hr {

namespace {

using nlohmann::json;

constexpr std::chrono::milliseconds kTimeout{10000};

Error Unauthorized(const std::string& message) { return Error{codes::kUnauthorized, message, ""}; }

Result<json> GetJson(net::HttpTransport& transport, const std::string& url, const char* what) {
  net::HttpRequest request;
  request.url = url;
  request.timeout = kTimeout;
  request.With("Accept", "application/json");
  Result<net::HttpResponse> response = transport.Send(request);
  if (!response) {
    return Error{codes::kProviderUnavailable, std::string("the Bot Connector's ") + what + " could not be read: " +
                                                  response.error().message, ""};
  }
  json body = slotwise::ParseJson(response->body);
  if (!response->Ok() || !body.is_object()) {
    return Error{codes::kProviderUnavailable, std::string("the Bot Connector's ") + what + " answered HTTP " +
                                                  std::to_string(response->status), ""};
  }
  return body;
}

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

BotFrameworkSettings RealBotFramework(std::string app_id, std::string app_secret) {
  return {std::move(app_id), std::move(app_secret), "https://login.botframework.com/v1/.well-known/openidconfiguration",
          "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"};
}

BotFrameworkSettings SandboxBotFramework(std::string_view sandbox_root, std::string app_id, std::string app_secret) {
  const std::string root = WithoutTrailingSlash(std::string(sandbox_root));
  return {std::move(app_id), std::move(app_secret), root + "/botframework/v1/.well-known/openidconfiguration",
          root + "/botframework/botframework.com/oauth2/v2.0/token"};
}

BotConnector::BotConnector(net::HttpTransport& transport, BotFrameworkSettings settings, Clock clock)
    : transport_(transport), settings_(std::move(settings)), clock_(std::move(clock)) {}

std::int64_t BotConnector::Now() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<bool> BotConnector::FetchKeysLocked() {
  Result<json> metadata = GetJson(transport_, settings_.openid_metadata_url, "OpenID metadata");
  if (!metadata) return metadata.error();
  const auto jwks_uri = metadata->find("jwks_uri");
  if (jwks_uri == metadata->end() || !jwks_uri->is_string()) {
    return Error{codes::kProviderUnavailable, "the Bot Connector's OpenID metadata names no jwks_uri", ""};
  }
  Result<json> jwks = GetJson(transport_, jwks_uri->get<std::string>(), "signing keys");
  if (!jwks) return jwks.error();
  std::map<std::string, Key> keys;
  if (auto list = jwks->find("keys"); list != jwks->end() && list->is_array()) {
    for (const json& jwk : *list) {
      Result<std::string> pem = crypto::RsaPublicPemFromJwk(jwk);
      if (!pem) continue;  // not an RSA key: not one of ours to use
      const std::string kid = jwk.contains("kid") && jwk["kid"].is_string() ? jwk["kid"].get<std::string>() : "";
      keys[kid] = Key{*pem, jwk.contains("endorsements") ? jwk["endorsements"] : json()};
    }
  }
  keys_ = std::move(keys);
  keys_fetched_at_ = Now();
  keys_loaded_ = true;
  return true;
}

Result<json> BotConnector::VerifyIncoming(std::string_view authorization, std::string_view service_url,
                                          std::string_view channel_id) {
  if (!settings_.enabled()) return Unauthorized("no Teams bot is configured on this server");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) {
    return Unauthorized("the activity carries no Bot Connector token (Authorization: Bearer …)");
  }
  const std::string_view jwt = authorization.substr(kBearer.size());
  const std::size_t dot = jwt.find('.');
  if (dot == std::string_view::npos) return Unauthorized("the Bot Connector token is not a JWT");
  const std::optional<std::string> header_text = crypto::Base64UrlDecode(jwt.substr(0, dot));
  const json header = header_text ? slotwise::ParseJson(*header_text) : json();
  if (!header.is_object()) return Unauthorized("the Bot Connector token's header is not JSON");
  const std::string kid = header.contains("kid") && header["kid"].is_string() ? header["kid"].get<std::string>() : "";

  std::vector<Key> candidates;
  {
    std::lock_guard lock(mutex_);
    const std::int64_t now = Now();
    const bool stale = !keys_loaded_ || now - keys_fetched_at_ >= kBotKeysTtlSeconds;
    const bool unknown_kid = !kid.empty() && keys_.find(kid) == keys_.end();
    if (stale || (unknown_kid && now - keys_fetched_at_ >= kBotKeysRefetchSeconds)) {
      if (Result<bool> fetched = FetchKeysLocked(); !fetched && !keys_loaded_) return fetched.error();
    }
    if (!kid.empty()) {
      if (auto it = keys_.find(kid); it != keys_.end()) candidates.push_back(it->second);
    } else {
      for (const auto& [id, key] : keys_) candidates.push_back(key);
    }
  }
  if (candidates.empty()) return Unauthorized("the Bot Connector token is signed with a key not in the connector's JWKS");
  std::optional<json> claims;
  const Key* used = nullptr;
  for (const Key& key : candidates) {
    Result<json> verified = crypto::VerifyRs256(jwt, key.pem);
    if (verified) {
      claims = *verified;
      used = &key;
      break;
    }
  }
  if (!claims) return Unauthorized("the Bot Connector token's signature does not verify");
  if (used->endorsements.is_array()) {
    bool endorsed = false;
    for (const json& e : used->endorsements) endorsed = endorsed || (e.is_string() && e.get<std::string>() == channel_id);
    if (!endorsed) return Unauthorized("the signing key does not endorse channel '" + std::string(channel_id) + "'");
  }
  auto text = [&](const char* name) {
    auto it = claims->find(name);
    return it != claims->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("iss") != kBotFrameworkIssuer) return Unauthorized("the Bot Connector token has another issuer");
  bool audience = text("aud") == settings_.app_id;
  if (auto aud = claims->find("aud"); aud != claims->end() && aud->is_array()) {
    for (const json& a : *aud) audience = audience || (a.is_string() && a.get<std::string>() == settings_.app_id);
  }
  if (!audience) return Unauthorized("the Bot Connector token is for another bot (aud)");
  const std::int64_t now = Now();
  auto exp = claims->find("exp");
  if (exp == claims->end() || !exp->is_number()) return Unauthorized("the Bot Connector token has no exp");
  if (exp->get<double>() + kBotClockSkewSeconds < static_cast<double>(now)) {
    return Unauthorized("the Bot Connector token has expired");
  }
  if (auto nbf = claims->find("nbf"); nbf != claims->end() && nbf->is_number() &&
                                      nbf->get<double>() - kBotClockSkewSeconds > static_cast<double>(now)) {
    return Unauthorized("the Bot Connector token is not valid yet (nbf)");
  }
  if (service_url.empty() || text("serviceurl") != service_url) {
    return Unauthorized("the activity's serviceUrl is not the one the Bot Connector token names");
  }
  return std::move(*claims);
}

Result<std::string> BotConnector::BotTokenLocked() {
  const std::int64_t now = Now();
  if (!token_.empty() && now < token_expires_at_ - 300) return token_;
  net::HttpRequest request;
  request.method = "POST";
  request.url = settings_.token_url;
  request.timeout = kTimeout;
  request.With("Content-Type", "application/x-www-form-urlencoded");
  request.body = net::FormEncode({{"grant_type", "client_credentials"},
                                  {"client_id", settings_.app_id},
                                  {"client_secret", settings_.app_secret},
                                  {"scope", std::string(kBotFrameworkScope)}});
  Result<net::HttpResponse> response = transport_.Send(request);
  if (!response) {
    return Error{codes::kProviderUnavailable, "the Bot Framework token endpoint: " + response.error().message, ""};
  }
  const json body = slotwise::ParseJson(response->body);
  if (!response->Ok() || !body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
    return Error{codes::kProviderError,
                 "the Bot Framework token endpoint refused the bot's credentials (HTTP " +
                     std::to_string(response->status) + ")", ""};
  }
  token_ = body["access_token"].get<std::string>();
  const std::int64_t ttl = body.contains("expires_in") && body["expires_in"].is_number_integer()
                               ? body["expires_in"].get<std::int64_t>()
                               : 3600;
  token_expires_at_ = now + ttl;
  return token_;
}

Result<std::string> BotConnector::Send(const std::string& service_url, const std::string& conversation_id,
                                       const std::string& activity_id, bool update, const json& activity) {
  std::string token;
  {
    std::lock_guard lock(mutex_);
    Result<std::string> got = BotTokenLocked();
    if (!got) return got.error();
    token = *got;
  }
  net::HttpRequest request;
  request.method = update ? "PUT" : "POST";
  request.url = WithoutTrailingSlash(service_url) + "/v3/conversations/" + net::PercentEncode(conversation_id) +
                "/activities" + (activity_id.empty() ? "" : "/" + net::PercentEncode(activity_id));
  request.timeout = kTimeout;
  request.With("Content-Type", "application/json; charset=utf-8").With("Authorization", "Bearer " + token);
  request.body = activity.dump();
  Result<net::HttpResponse> response = transport_.Send(request);
  if (!response) return Error{codes::kProviderUnavailable, "the Bot Connector: " + response.error().message, ""};
  if (response->status == 401) {
    std::lock_guard lock(mutex_);
    token_.clear();  // refetched next time
  }
  if (!response->Ok()) {
    return Error{codes::kProviderError, "the Bot Connector answered HTTP " + std::to_string(response->status), ""};
  }
  const json body = slotwise::ParseJson(response->body);
  return body.is_object() && body.contains("id") && body["id"].is_string() ? body["id"].get<std::string>()
                                                                           : activity_id;
}

}  // namespace slotwise::hr
