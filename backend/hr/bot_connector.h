// bot_connector.h — Slotwise's side of the Bot Framework's Bot Connector (docs/TEAMS_APP.md): verifying the JWT every
// activity Teams sends to the Teams app's bot carries, and sending the bot's messages back through the connector.
//
// Incoming (Bot Framework "Authentication" for bots; the same rules the official botframework-connector
// JwtTokenValidation applies to channel tokens):
//   Authorization: Bearer <JWT>, RS256, signed with a key of the connector's JWKS — found from the OpenID metadata
//   (`openid_metadata_url` → `jwks_uri` → keys). Checked: signature by the header's `kid` (a token without kid is
//   tried against every key), the key's `endorsements` (when it has any) include the activity's channelId,
//   iss = "https://api.botframework.com", aud = the deployment's bot app id, exp and nbf with at most 5 minutes of clock
//   skew, and the claim `serviceurl` equals the activity's serviceUrl (so a reply never goes elsewhere).
//   The keys are cached for 24 hours; a kid not in the cache refetches the metadata and keys at once, but at most
//   once a minute (a stream of forged kids cannot make Slotwise hammer the connector).
// Outgoing: a bot token from the token endpoint (client credentials of the bot app, scope
//   https://api.botframework.com/.default), cached until 5 minutes before it expires; then
//   POST {serviceUrl}/v3/conversations/{conversation}/activities/{replyToId}   (a reply)   or
//   PUT  {serviceUrl}/v3/conversations/{conversation}/activities/{activityId}  (the bot's message updated in place),
//   the ids percent-encoded, a trailing '/' of serviceUrl not doubled.
// Every HTTP call goes through the product's transport (net/http_transport.h) with a 10-second timeout.
//
// Errors: VerifyIncoming → "unauthorized" (the message says what failed), "provider_unavailable" (the metadata or
// keys could not be read: nothing is verified, nothing done); Send → "provider_unavailable" / "provider_error".
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace slotwise::hr {

inline constexpr std::string_view kBotFrameworkIssuer = "https://api.botframework.com";
inline constexpr std::string_view kBotFrameworkScope = "https://api.botframework.com/.default";
inline constexpr std::int64_t kBotClockSkewSeconds = 300;
inline constexpr std::int64_t kBotKeysTtlSeconds = 24 * 3600;
inline constexpr std::int64_t kBotKeysRefetchSeconds = 60;

// One deployment's bot registration and the connector's endpoints. app_id "" = the bot is off.
struct BotFrameworkSettings {
  std::string app_id;      // the bot's Microsoft app id (the Teams manifest's botId)
  std::string app_secret;  // its client secret
  std::string openid_metadata_url;
  std::string token_url;
  bool enabled() const { return !app_id.empty(); }
};

// The real connector: https://login.botframework.com/v1/.well-known/openidconfiguration and
// https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token.
BotFrameworkSettings RealBotFramework(std::string app_id, std::string app_secret);
// The sandbox's (`sandbox_root` like "http://127.0.0.1:4100"): {root}/botframework/v1/.well-known/openidconfiguration
// and {root}/botframework/botframework.com/oauth2/v2.0/token.
BotFrameworkSettings SandboxBotFramework(std::string_view sandbox_root, std::string app_id, std::string app_secret);

class BotConnector {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  // `transport` is borrowed and must outlive this. `clock` {} = system clock.
  BotConnector(net::HttpTransport& transport, BotFrameworkSettings settings, Clock clock = {});

  const BotFrameworkSettings& settings() const { return settings_; }

  // The token's claims when `authorization` is a valid connector token for an activity with `service_url` and
  // `channel_id` (see above).
  Result<nlohmann::json> VerifyIncoming(std::string_view authorization, std::string_view service_url,
                                        std::string_view channel_id);

  // Sends `activity`: a reply to `activity_id` (update false) or an update of the bot's own message `activity_id`
  // (update true). Returns the connector's id of the message.
  Result<std::string> Send(const std::string& service_url, const std::string& conversation_id,
                           const std::string& activity_id, bool update, const nlohmann::json& activity);

 private:
  struct Key {
    std::string pem;
    nlohmann::json endorsements;  // array or null
  };
  Result<bool> FetchKeysLocked();
  Result<std::string> BotTokenLocked();
  std::int64_t Now() const;

  net::HttpTransport& transport_;
  BotFrameworkSettings settings_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Key> keys_;  // by kid
  std::int64_t keys_fetched_at_ = 0;
  bool keys_loaded_ = false;
  std::string token_;
  std::int64_t token_expires_at_ = 0;
};

}  // namespace slotwise::hr
