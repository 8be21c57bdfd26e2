// teams_messages.cpp — see teams_messages.h.
#include "providers/teams_messages.h"

#include <utility>

#include "net/url.h"
#include "providers/idempotency.h"
#include "providers/provider_json.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;

Result<bool> ValidateCard(const json& card) {
  if (!card.is_object()) return InvalidRequest("an Adaptive Card must be a JSON object", "card");
  return true;
}

}  // namespace

bool IsIncomingWebhookThrottled(const net::HttpResponse& response) {
  return response.Ok() && response.body.find("returned HTTP error 429") != std::string::npos;
}

json ChannelMessageBody(const json& card, std::string_view attachment_id) {
  const std::string id(attachment_id);
  return {{"body", {{"contentType", "html"}, {"content", "<attachment id=\"" + id + "\"></attachment>"}}},
          {"attachments", json::array({{{"id", id},
                                        {"contentType", kAdaptiveCardContentType},
                                        {"content", DumpJson(card)}}})}};
}

json WebhookEnvelope(const json& card) {
  return {{"type", "message"},
          {"attachments", json::array({{{"contentType", kAdaptiveCardContentType},
                                        {"contentUrl", nullptr},
                                        {"content", card}}})}};
}

TeamsMessages::TeamsMessages(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                             RetryPolicy policy, RetryHooks hooks)
    : client_(transport, tokens, Provider::kGraph, policy, std::move(hooks)), api_base_(std::move(api_base)) {}

Result<std::string> TeamsMessages::PostChannelMessage(std::string_view team_id, std::string_view channel_id,
                                                      const json& card) {
  if (Result<bool> valid = ValidateCard(card); !valid) return valid.error();
  if (team_id.empty() || channel_id.empty()) return InvalidRequest("team and channel ids are required", "channel");
  const std::string attachment_id = Sha256Hex(DumpJson(card)).substr(0, 32);
  const std::string url = JoinUrl(api_base_, "/teams/" + net::PercentEncode(team_id) + "/channels/" +
                                                 net::PercentEncode(channel_id) + "/messages");
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("POST", url, DumpJson(ChannelMessageBody(card, attachment_id))));
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  std::optional<json> parsed = detail::ParseJson(sent->body);
  std::optional<std::string> id = parsed ? detail::StringAt(*parsed, "id") : std::nullopt;
  if (!id || id->empty()) return MalformedResponse(Provider::kGraph, "the chatMessage has no id");
  return *id;
}

Result<std::vector<json>> TeamsMessages::AllPages(std::string url) {
  std::vector<json> items;
  for (int page = 0; !url.empty(); ++page) {
    if (page >= 50) return MalformedResponse(Provider::kGraph, "more than 50 pages");
    Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest("GET", url));
    if (!sent) return client_.ToError(sent.error());
    if (!sent->Ok()) return client_.ToError(*sent);
    std::optional<json> parsed = detail::ParseJson(sent->body);
    const json* value = parsed ? detail::Member(*parsed, "value") : nullptr;
    if (value == nullptr || !value->is_array()) return MalformedResponse(Provider::kGraph, "a list without value[]");
    for (const json& item : *value) items.push_back(item);
    // A next page only under our own base: the bearer token never travels to another host.
    const std::string next = detail::StringOr(*parsed, "@odata.nextLink");
    url = !next.empty() && next.rfind(api_base_, 0) == 0 ? next : "";
  }
  return items;
}

Result<std::vector<TeamsMessages::Named>> TeamsMessages::ListJoinedTeams() {
  Result<std::vector<json>> items = AllPages(JoinUrl(api_base_, "/me/joinedTeams"));
  if (!items) return items.error();
  std::vector<Named> teams;
  for (const json& item : *items) {
    Named team{detail::StringOr(item, "id"), detail::StringOr(item, "displayName"), ""};
    if (!team.id.empty()) teams.push_back(std::move(team));
  }
  return teams;
}

Result<std::vector<TeamsMessages::Named>> TeamsMessages::ListChannels(std::string_view team_id) {
  if (team_id.empty()) return InvalidRequest("the team id is required", "team_id");
  Result<std::vector<json>> items = AllPages(JoinUrl(api_base_, "/teams/" + net::PercentEncode(team_id) + "/channels"));
  if (!items) return items.error();
  std::vector<Named> channels;
  for (const json& item : *items) {
    Named channel{detail::StringOr(item, "id"), detail::StringOr(item, "displayName"),
                  detail::StringOr(item, "membershipType", "standard")};
    if (!channel.id.empty()) channels.push_back(std::move(channel));
  }
  return channels;
}

TeamsWebhook::TeamsWebhook(net::HttpTransport& transport, RetryPolicy policy, RetryHooks hooks)
    : transport_(transport), policy_(policy), hooks_(WithDefaults(std::move(hooks))) {}

Result<bool> TeamsWebhook::PostWorkflowWebhook(std::string_view url, const json& card) {
  if (Result<bool> valid = ValidateCard(card); !valid) return valid.error();
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return InvalidRequest("the webhook URL must be an http(s) URL", "url");
  }
  net::HttpRequest request;
  request.method = "POST";
  request.url = std::string(url);
  request.With("Content-Type", "application/json");
  request.body = DumpJson(WebhookEnvelope(card));
  Result<net::HttpResponse> sent = SendWithRetry(transport_, std::move(request), policy_, hooks_,
                                                 IsIncomingWebhookThrottled);
  if (!sent) {
    Error error = ErrorFromTransport(Provider::kTeamsWebhook, sent.error());
    error.message = RedactSecret(std::move(error.message), url);
    return error;
  }
  if (IsIncomingWebhookThrottled(*sent)) {
    return Error{codes::kRateLimited,
                 "the Teams incoming webhook is throttling (\"returned HTTP error 429\"); limits are 4/s, 60 per 30 s, "
                 "100/h and 1,800/day",
                 "429"};
  }
  if (sent->Ok()) return true;
  Error error = ErrorFromResponse(Provider::kTeamsWebhook, *sent);
  error.message = RedactSecret(std::move(error.message), url);
  return error;
}

}  // namespace slotwise::providers
