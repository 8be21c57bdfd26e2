// bot_connector_routes.cpp — the sandbox's Microsoft Teams acting as the Bot Framework's Bot Connector (docs/SANDBOX.md
// "Bot Connector"), the way Teams reaches a Teams app's bot:
//   GET  /botframework/v1/.well-known/openidconfiguration   the OpenID metadata (issuer, jwks_uri)
//   GET  /botframework/v1/.well-known/keys                   the JWKS: the connector's RS256 signing key
//   POST /botframework/botframework.com/oauth2/v2.0/token    the bot's token: client credentials of a registered bot
//                                                            (scope https://api.botframework.com/.default)
//   POST /botframework/teams/v3/conversations/{conversation}/activities[/{activity}]   the bot's messages (replies)
//   PUT  /botframework/teams/v3/conversations/{conversation}/activities/{activity}     the bot updating its message
// The bot's messages need its token (401 otherwise) and a conversation the sandbox opened with that bot (404
// otherwise); each is recorded as a `bot_activity` object (GET /sandbox/objects).
// Admin: POST /sandbox/teams/bot/send makes a seeded Microsoft user say something to a bot — a message (`text`) or a
// card's submit (`value`, `reply_to_id`) — as a signed activity POSTed to the bot's messaging endpoint; it answers
// the bot's HTTP answer. `token` forges the Authorization: "expired", "wrong_audience", "unknown_key" (signed with a
// key not in the JWKS), "wrong_service_url" (a serviceurl claim other than the activity's), "none".
#include <chrono>

#include "crypto/jwt.h"
#include "sandbox/http_util.h"
#include "sandbox/routes.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"

namespace slotwise::sandbox {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

constexpr std::string_view kIssuer = "https://api.botframework.com";
constexpr std::string_view kBotScope = "https://api.botframework.com/.default";

void Bad(Res res, const std::string& code, const std::string& message, const std::string& field = "") {
  json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  SendJson(res, 400, {{"error", error}});
}

// The signing keys, made on first use. Requires the mutex.
const BotSigningKeys& KeysLocked(SandboxCore& core) {
  if (!core.bot_keys) {
    Result<crypto::RsaKeyPair> published = crypto::GenerateRsaKeyPair();
    Result<crypto::RsaKeyPair> rogue = crypto::GenerateRsaKeyPair();
    BotSigningKeys keys;
    keys.kid = "sandbox-bot-" + RandomHex(4);
    if (published) {
      keys.published_private_pem = published->private_pem;
      keys.published_public_pem = published->public_pem;
    }
    if (rogue) keys.rogue_private_pem = rogue->private_pem;
    core.bot_keys = std::move(keys);
  }
  return *core.bot_keys;
}

std::string ServiceUrl(const SandboxCore& core) { return core.public_base_url + "/botframework/teams/"; }

std::string Decoded(const std::string& segment) { return net::PercentDecode(segment).value_or(segment); }

// The bot's message to a conversation: token, conversation, body. Requires nothing held.
void BotActivity(SandboxCore& core, Req req, Res res, const std::string& method) {
  std::lock_guard<std::mutex> lock(core.mutex);
  std::optional<AccessToken> token = ResolveBearer(core, req, "botframework");
  if (!token) {
    SendJson(res, 401, {{"message", "Authorization has been denied for this request."}});
    return;
  }
  const std::string conversation_id = Decoded(req.matches[1].str());
  const std::string activity_id = req.matches.size() > 2 ? Decoded(req.matches[2].str()) : "";
  auto conversation = core.state.bot_conversations.find(conversation_id);
  if (conversation == core.state.bot_conversations.end() || conversation->second.app_id != token->client_id) {
    SendJson(res, 404, {{"error", {{"code", "ConversationNotFound"}, {"message", "Conversation not found."}}}});
    return;
  }
  std::optional<json> activity = ParseJsonObject(req.body);
  if (!activity || GetString(*activity, "type").empty()) {
    SendJson(res, 400, {{"error", {{"code", "BadArgument"}, {"message", "Activity must have a type."}}}});
    return;
  }
  std::string id = activity_id;
  if (method == "PUT") {
    bool known = false;
    for (const LoggedObject& logged : core.state.logged_objects) {
      if (logged.kind == "bot_activity" && logged.id == activity_id && logged.owner == conversation_id) known = true;
    }
    if (!known) {
      SendJson(res, 404, {{"error", {{"code", "ActivityNotFound"}, {"message", "Activity not found."}}}});
      return;
    }
  } else {
    id = "1:" + RandomDigits(13);
  }
  json fields = {{"conversation_id", conversation_id}, {"method", method}, {"app_id", token->client_id},
                 {"user", conversation->second.user_email}, {"activity", *activity}};
  if (method == "POST" && !activity_id.empty()) fields["reply_to_id"] = activity_id;
  if (method == "PUT") fields["updates"] = activity_id;
  core.state.logged_objects.push_back(LoggedObject{"bot_activity", id, conversation_id, fields, core.Now()});
  CurrentNote().user = token->client_id;
  SendJson(res, 200, {{"id", id}});
}

// POST /sandbox/teams/bot/send
void Send(SandboxCore& core, Req req, Res res) {
  std::optional<json> body = ParseJsonObject(req.body);
  if (!body) return Bad(res, "invalid_json", "the body must be a JSON object");
  const std::string endpoint = GetString(*body, "endpoint");
  if (endpoint.rfind("http://", 0) != 0 && endpoint.rfind("https://", 0) != 0) {
    return Bad(res, "invalid_request", "endpoint must be the bot's messaging endpoint URL", "endpoint");
  }
  const std::string mode = GetString(*body, "token", "valid");
  if (mode != "valid" && mode != "expired" && mode != "wrong_audience" && mode != "unknown_key" &&
      mode != "wrong_service_url" && mode != "none") {
    return Bad(res, "invalid_request",
               "token must be valid, expired, wrong_audience, unknown_key, wrong_service_url or none", "token");
  }
  net::HttpRequest request;
  json activity;
  {
    std::lock_guard<std::mutex> lock(core.mutex);
    const std::string app_id = GetString(*body, "app_id", std::string(kBotAppId));
    if (!core.FindClient("botframework", app_id)) return Bad(res, "invalid_request", "no such bot app", "app_id");
    const User* user = core.FindUser("microsoft", GetString(*body, "from"));
    if (!user) return Bad(res, "unknown_user", "from must be a seeded Microsoft user", "from");
    const BotSigningKeys& keys = KeysLocked(core);
    const std::int64_t now = core.Now();
    // One personal chat per (bot, user).
    std::string conversation_id;
    for (const auto& [id, conversation] : core.state.bot_conversations) {
      if (conversation.app_id == app_id && conversation.user_email == user->email) conversation_id = id;
    }
    if (conversation_id.empty()) {
      conversation_id = "a:1" + RandomId(24);
      core.state.bot_conversations[conversation_id] = BotConversation{conversation_id, app_id, user->email, user->tenant};
    }
    const std::string service_url = ServiceUrl(core);
    activity = {{"type", "message"},
                {"id", GetString(*body, "activity_id", RandomDigits(13))},
                {"timestamp", FormatRfc3339(now)},
                {"localTimestamp", FormatRfc3339(now)},
                {"serviceUrl", service_url},
                {"channelId", "msteams"},
                {"from", {{"id", "29:1" + user->id}, {"name", user->name}, {"aadObjectId", user->id}}},
                {"conversation", {{"conversationType", "personal"}, {"tenantId", user->tenant}, {"id", conversation_id}}},
                {"recipient", {{"id", "28:" + app_id}, {"name", "Slotwise"}}},
                {"entities", json::array({{{"type", "clientInfo"},
                                           {"locale", GetString(*body, "locale", "en-US")},
                                           {"platform", "Web"}}})},
                {"channelData", {{"tenant", {{"id", user->tenant}}}}},
                {"locale", GetString(*body, "locale", "en-US")}};
    if (const json* text = GetMember(*body, "text"); text && text->is_string()) {
      activity["text"] = *text;
      activity["textFormat"] = "plain";
    }
    if (const json* value = GetMember(*body, "value"); value && value->is_object()) activity["value"] = *value;
    if (std::string reply_to = GetString(*body, "reply_to_id"); !reply_to.empty()) activity["replyToId"] = reply_to;

    json claims = {{"serviceurl", mode == "wrong_service_url" ? "https://evil.example/teams/" : service_url},
                   {"nbf", now - 60},
                   {"exp", now + 3600},
                   {"iss", std::string(kIssuer)},
                   {"aud", mode == "wrong_audience" ? std::string("00000000-0000-4000-8000-0000000000aa") : app_id}};
    if (mode == "expired") {
      claims["nbf"] = now - 7200;
      claims["exp"] = now - 3600;
    }
    request.method = "POST";
    request.url = endpoint;
    request.timeout = std::chrono::milliseconds(20000);
    request.With("Content-Type", "application/json; charset=utf-8");
    if (mode != "none") {
      Result<std::string> jwt = crypto::SignRs256(
          claims, mode == "unknown_key" ? keys.rogue_private_pem : keys.published_private_pem, keys.kid);
      if (!jwt) return Bad(res, "signing_failed", jwt.error().message);
      request.With("Authorization", "Bearer " + *jwt);
    }
    request.body = activity.dump();
  }
  // Unlocked: the bot answers by calling the connector's own routes.
  Result<net::HttpResponse> answer = core.notifier.SendNow(request);
  if (!answer) {
    SendJson(res, 200, {{"status", 0}, {"error", answer.error().message}, {"activity", activity}});
    return;
  }
  json parsed = slotwise::ParseJson(answer->body);
  SendJson(res, 200, {{"status", answer->status},
                      {"body", parsed.is_discarded() ? json(answer->body) : parsed},
                      {"activity", activity}});
}

}  // namespace

void MountBotConnectorRoutes(httplib::Server& server, SandboxCore& core) {
  AddRoute(server, core, "GET", "/botframework/v1/.well-known/openidconfiguration", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    SendJson(res, 200,
             {{"issuer", std::string(kIssuer)},
              {"authorization_endpoint", "https://invalid.botframework.com"},
              {"jwks_uri", core.public_base_url + "/botframework/v1/.well-known/keys"},
              {"id_token_signing_alg_values_supported", {"RS256"}},
              {"token_endpoint_auth_methods_supported", {"private_key_jwt"}}});
  });
  AddRoute(server, core, "GET", "/botframework/v1/.well-known/keys", [&core](Req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    const BotSigningKeys& keys = KeysLocked(core);
    Result<json> jwk = crypto::RsaJwkFromPublicPem(keys.published_public_pem, keys.kid);
    json list = json::array();
    if (jwk) {
      json key = *jwk;
      key["endorsements"] = json::array({"msteams"});
      list.push_back(key);
    }
    SendJson(res, 200, {{"keys", list}});
  });
  AddRoute(server, core, "POST", "/botframework/botframework.com/oauth2/v2.0/token", [&core](Req req, Res res) {
    std::optional<net::Params> form = ParseFormBody(req.body);
    std::lock_guard<std::mutex> lock(core.mutex);
    auto oauth_error = [&](int status, const std::string& error, int code, const std::string& description) {
      SendJson(res, status, {{"error", error},
                             {"error_description", "AADSTS" + std::to_string(code) + ": " + description},
                             {"error_codes", {code}}});
    };
    if (!form) return oauth_error(400, "invalid_request", 900144, "The request body must be form-encoded.");
    CurrentNote().grant_type = Param(*form, "grant_type");
    if (Param(*form, "grant_type") != "client_credentials") {
      return oauth_error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    const Client* client = core.FindClient("botframework", Param(*form, "client_id"));
    if (!client) {
      return oauth_error(400, "unauthorized_client", 700016,
                         "Application with identifier '" + Param(*form, "client_id") +
                             "' was not found in the directory 'Bot Framework'.");
    }
    if (client->secret != Param(*form, "client_secret")) {
      return oauth_error(401, "invalid_client", 7000215, "Invalid client secret provided.");
    }
    if (Param(*form, "scope") != kBotScope) {
      return oauth_error(400, "invalid_scope", 1002012, "The provided value for scope is not valid.");
    }
    auto [access, refresh] =
        core.MintLocked("botframework", client->id, "", "botframework.com", std::string(kBotScope), false, true);
    const std::int64_t ttl = core.options.access_token_ttl_seconds;
    SendJson(res, 200,
             {{"token_type", "Bearer"}, {"expires_in", ttl}, {"ext_expires_in", ttl}, {"access_token", access}});
  });
  AddRoute(server, core, "POST", "/botframework/teams/v3/conversations/([^/]+)/activities",
           [&core](Req req, Res res) { BotActivity(core, req, res, "POST"); });
  AddRoute(server, core, "POST", "/botframework/teams/v3/conversations/([^/]+)/activities/([^/]+)",
           [&core](Req req, Res res) { BotActivity(core, req, res, "POST"); });
  AddRoute(server, core, "PUT", "/botframework/teams/v3/conversations/([^/]+)/activities/([^/]+)",
           [&core](Req req, Res res) { BotActivity(core, req, res, "PUT"); });
  AddRoute(server, core, "POST", "/sandbox/teams/bot/send", [&core](Req req, Res res) { Send(core, req, res); });
}

}  // namespace slotwise::sandbox
