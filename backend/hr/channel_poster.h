// channel_poster.h — where daily posts go: a small interface over Microsoft Teams (Graph channel messages with the
// signed-in user's delegated token, or a Workflows webhook URL) so the scheduler can be tested against the sandbox
// and against fakes.
//
// Contract (every implementation):
// - ChannelMembership(mapping): a Graph channel's membershipType ("standard", "private", "shared") read through
//   GET /teams/{team}/channels/{channel}. Webhook targets cannot be inspected: Error "not_applicable".
// - Post(mapping, card): ONE attempt, never retried inside (the scheduler decides about retries, because a retried
//   post may double-post). Answers the Graph chatMessage id, or "" for a webhook. Errors use provider_errors.h's
//   vocabulary; `field` "timeout" / "network_error" means the request may have reached Teams (MayHaveDelivered).
//   A Workflows webhook goes through TeamsPosterOptions::outbound (auth/outbound_policy.h); its failures carry one
//   message whatever happened (the tenant reads it in the post records: no status or address class, which would make
//   the server a probe of other networks) — the precise reason goes to the server log (stderr).
// - FindPost(mapping, marker): Graph only: the id of a message in the channel whose Adaptive Card contains `marker`
//   (the newest 50 messages are searched), nullopt when none. Webhooks: Error "not_applicable".
// - Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/outbound_policy.h"
#include "hr/hr_model.h"
#include "net/http_transport.h"
#include "providers/access_token_source.h"
#include "providers/retry.h"
#include "slotwise/result.h"

namespace slotwise::hr {

class ChannelPoster {
 public:
  virtual ~ChannelPoster() = default;
  virtual Result<std::string> ChannelMembership(const ChannelMapping& mapping) = 0;
  virtual Result<std::string> Post(const ChannelMapping& mapping, const nlohmann::json& card) = 0;
  virtual Result<std::optional<std::string>> FindPost(const ChannelMapping& mapping, const std::string& marker) = 0;
};

// True for a Post error after which the post may nevertheless have arrived (a timeout or a dropped connection).
bool MayHaveDelivered(const Error& error);

// The delegated Graph token of a Slotwise Microsoft connection OF THAT TENANT (TokenManager::SourceFor in production,
// after checking the connection's tenant and provider): nullptr when `connection_id` is no Microsoft connection of
// `tenant_id`, so one tenant's mapping can never use another tenant's Teams account.
using GraphTokenFactory = std::function<std::unique_ptr<providers::AccessTokenSource>(const std::string& tenant_id,
                                                                                      const std::string& connection_id)>;

struct TeamsPosterOptions {
  std::string graph_api_base;          // e.g. "https://graph.microsoft.com/v1.0" or the sandbox's
  GraphTokenFactory graph_tokens;      // empty = Graph targets fail with "provider_not_configured"
  providers::RetryPolicy read_policy;  // for the GETs (retried normally)
  providers::RetryHooks hooks;         // sleeper/clock/randomness ({} = real ones)
  auth::OutboundPolicy outbound;       // Workflows webhook URLs: checked again at each post, the checked address pinned
};

// ChannelPoster over providers::TeamsMessages / TeamsWebhook and Graph reads. Borrows `transport`.
class TeamsChannelPoster final : public ChannelPoster {
 public:
  TeamsChannelPoster(net::HttpTransport& transport, TeamsPosterOptions options);

  Result<std::string> ChannelMembership(const ChannelMapping& mapping) override;
  Result<std::string> Post(const ChannelMapping& mapping, const nlohmann::json& card) override;
  Result<std::optional<std::string>> FindPost(const ChannelMapping& mapping, const std::string& marker) override;

 private:
  Result<std::unique_ptr<providers::AccessTokenSource>> Tokens(const ChannelMapping& mapping);

  net::HttpTransport& transport_;
  TeamsPosterOptions options_;
};

}  // namespace slotwise::hr
