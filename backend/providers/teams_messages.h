// teams_messages.h — posting Adaptive Cards to Microsoft Teams (docs/PROVIDERS.md "Microsoft Teams"
//): through Graph as the signed-in user, or through a channel's webhook URL.
//
// Encodings differ and are easy to mix up:
//   Graph channel message  POST /teams/{team}/channels/{channel}/messages
//       {body:{contentType:"html", content:"<attachment id=\"X\"></attachment>"},
// attachments:[{id:"X", contentType:"application/vnd.microsoft.card.adaptive", content:"<card JSON AS A STRING>"}]}
//       → 201 chatMessage; the message id is returned. Delegated ChannelMessage.Send; bearer token as everywhere.
//   Workflows webhook      POST <url> {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.
//       adaptive","contentUrl":null,"content":<card JSON AS AN OBJECT>}]} → 202.
//   Old Incoming Webhook   same envelope → 200 with body "1"; it throttles WITHOUT a 429 status: a 200 whose body
//       contains "returned HTTP error 429" is throttled (retried with backoff, then "rate_limited").
// Listing what the signed-in user can post to (the daily-update mapping's picker):
//   GET /me/joinedTeams (Team.ReadBasic.All) → value[]{id, displayName}; GET /teams/{team}/channels
//   (Channel.ReadBasic.All) → value[]{id, displayName, membershipType}; @odata.nextLink followed only under api_base.
// Webhook URLs are credentials: no Authorization header is sent to them, and they never appear in error messages.
// The card must be a JSON object (an AdaptiveCard), else "invalid_request" before any call. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "providers/provider_client.h"

namespace slotwise::providers {

inline constexpr std::string_view kAdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

// True for an old Incoming Webhook's throttled answer (a 2xx whose body says "returned HTTP error 429").
bool IsIncomingWebhookThrottled(const net::HttpResponse& response);

class TeamsMessages {
 public:
  TeamsMessages(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base, RetryPolicy policy = {},
                RetryHooks hooks = {});

  // Posts `card` to a channel through Graph; answers the new chatMessage's id.
  Result<std::string> PostChannelMessage(std::string_view team_id, std::string_view channel_id,
                                         const nlohmann::json& card);

  struct Named {
    std::string id;
    std::string name;
    std::string membership_type;  // channels: "standard", "private", "shared"; teams: ""
  };
  // The teams the signed-in user is a member of, and a team's channels (all pages, at most 50 each).
  Result<std::vector<Named>> ListJoinedTeams();
  Result<std::vector<Named>> ListChannels(std::string_view team_id);

 private:
  Result<std::vector<nlohmann::json>> AllPages(std::string url);

  ProviderClient client_;
  std::string api_base_;
};

class TeamsWebhook {
 public:
  explicit TeamsWebhook(net::HttpTransport& transport, RetryPolicy policy = {}, RetryHooks hooks = {});

  // Posts `card` to a Workflows webhook (202) — or to an old Incoming Webhook (200 "1"); both use this envelope.
  // true when accepted; "rate_limited" when throttled past the retries.
  Result<bool> PostWorkflowWebhook(std::string_view url, const nlohmann::json& card);

 private:
  net::HttpTransport& transport_;
  RetryPolicy policy_;
  RetryHooks hooks_;
};

// The Graph chatMessage body for `card` with attachment id `attachment_id` (exposed for tests and the sandbox).
nlohmann::json ChannelMessageBody(const nlohmann::json& card, std::string_view attachment_id);
// The webhook envelope for `card`.
nlohmann::json WebhookEnvelope(const nlohmann::json& card);

}  // namespace slotwise::providers
