// channel_poster.cpp — see channel_poster.h.
#include "hr/channel_poster.h"

#include "observability/json_log.h"


#include "net/url.h"
#include "providers/provider_client.h"
#include "providers/teams_messages.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::hr {

namespace {

using nlohmann::json;

providers::RetryPolicy SingleAttempt() {
  providers::RetryPolicy policy;
  policy.max_attempts = 1;
  return policy;
}

Error NotApplicable() {
  return Error{codes::kNotApplicable, "a Workflows webhook cannot be inspected; only Graph channels can", ""};
}

// Non-throwing readers of the Graph JSON.
json ParseBody(const std::string& body) { return slotwise::ParseJson(body); }
std::string StringOf(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string ChannelPath(const ChannelMapping& mapping) {
  return "/teams/" + net::PercentEncode(mapping.team_id) + "/channels/" + net::PercentEncode(mapping.channel_id);
}

}  // namespace

bool MayHaveDelivered(const Error& error) {
  return error.code == codes::kProviderUnavailable && (error.field == codes::kTimeout || error.field == codes::kNetworkError);
}

TeamsChannelPoster::TeamsChannelPoster(net::HttpTransport& transport, TeamsPosterOptions options)
    : transport_(transport), options_(std::move(options)) {}

Result<std::unique_ptr<providers::AccessTokenSource>> TeamsChannelPoster::Tokens(const ChannelMapping& mapping) {
  if (!options_.graph_tokens || options_.graph_api_base.empty()) {
    return Error{codes::kProviderNotConfigured, "Microsoft Graph is not configured for Teams channel posts", ""};
  }
  std::unique_ptr<providers::AccessTokenSource> tokens = options_.graph_tokens(mapping.tenant_id, mapping.connection_id);
  if (!tokens) {
    return Error{codes::kReauthNeeded,
                 "\"" + mapping.connection_id + "\" is not a Microsoft connection of this tenant", "target.connection_id"};
  }
  return tokens;
}

Result<std::string> TeamsChannelPoster::ChannelMembership(const ChannelMapping& mapping) {
  if (mapping.target_kind != TargetKind::kGraphChannel) return NotApplicable();
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = Tokens(mapping);
  if (!tokens) return tokens.error();
  providers::ProviderClient client(transport_, **tokens, providers::Provider::kGraph, options_.read_policy,
                                   options_.hooks);
  Result<net::HttpResponse> answer = client.Send(
      providers::ProviderClient::JsonRequest("GET", providers::JoinUrl(options_.graph_api_base, ChannelPath(mapping))));
  if (!answer) return client.ToError(answer.error());
  if (!answer->Ok()) return client.ToError(*answer);
  const std::string type = StringOf(ParseBody(answer->body), "membershipType");
  if (type.empty()) return providers::MalformedResponse(providers::Provider::kGraph, "the channel has no membershipType");
  return type;
}

Result<std::string> TeamsChannelPoster::Post(const ChannelMapping& mapping, const json& card) {
  if (mapping.target_kind == TargetKind::kWorkflowWebhook) {
    auth::GuardedTransport guarded(options_.outbound, transport_, mapping.tenant_id);
    providers::TeamsWebhook webhook(guarded, SingleAttempt(), options_.hooks);
    Result<bool> sent = webhook.PostWorkflowWebhook(mapping.webhook_url, card);
    if (sent) return std::string();
    observability::WriteLog(observability::LogLevel::kWarning, "teams_post",
                            {{"tenant", mapping.tenant_id},
                             {"channel_mapping", mapping.id},
                             {"outcome", sent.error().code},
                             {"error", "the Workflows webhook did not take the post: " + sent.error().message}});
    // Code and field still decide retries (MayHaveDelivered, rate limits); the message says nothing of the reason.
    return Error{sent.error().code, "the Workflows webhook did not take the post (the server log says why)",
                 sent.error().field};
  }
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = Tokens(mapping);
  if (!tokens) return tokens.error();
  providers::TeamsMessages messages(transport_, **tokens, options_.graph_api_base, SingleAttempt(), options_.hooks);
  return messages.PostChannelMessage(mapping.team_id, mapping.channel_id, card);
}

Result<std::optional<std::string>> TeamsChannelPoster::FindPost(const ChannelMapping& mapping,
                                                                const std::string& marker) {
  if (mapping.target_kind != TargetKind::kGraphChannel) return NotApplicable();
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = Tokens(mapping);
  if (!tokens) return tokens.error();
  providers::ProviderClient client(transport_, **tokens, providers::Provider::kGraph, options_.read_policy,
                                   options_.hooks);
  Result<net::HttpResponse> answer = client.Send(providers::ProviderClient::JsonRequest(
      "GET", providers::JoinUrl(options_.graph_api_base, ChannelPath(mapping) + "/messages?$top=50")));
  if (!answer) return client.ToError(answer.error());
  if (!answer->Ok()) return client.ToError(*answer);
  const json parsed = ParseBody(answer->body);
  if (!parsed.is_object() || !parsed.contains("value") || !parsed["value"].is_array()) {
    return providers::MalformedResponse(providers::Provider::kGraph, "the message list has no value array");
  }
  for (const json& message : parsed["value"]) {
    if (!message.is_object() || !message.contains("attachments") || !message["attachments"].is_array()) continue;
    for (const json& attachment : message["attachments"]) {
      // Graph returns an Adaptive Card's content as a JSON string; look for the marker as a whole quoted id.
      const std::string content = StringOf(attachment, "content");
      if (content.find("\"" + marker + "\"") != std::string::npos) {
        return std::optional<std::string>(StringOf(message, "id"));
      }
    }
  }
  return std::optional<std::string>();
}

}  // namespace slotwise::hr
