// teams_routes.cpp — Microsoft Teams: channels of a team (list and one, with membershipType), channel messages with
// Adaptive Card attachments (post: delegated only; list: newest first), Workflows webhooks (202; past the documented
// limits 4/s, 60/30 s, 100/h, 1,800/day a 429 with Retry-After — unconfirmed for Workflows, docs/PROVIDERS.md documents
// these limits for webhooks) and the old Incoming Webhooks (200 "1", throttled in the body past the same limits),
// plus the admin view GET /sandbox/teams/posts of everything posted, cards parsed, for tests.
#include "sandbox/graph_common.h"
#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/json_input.h"

namespace slotwise::sandbox {

namespace {

const Team* FindTeam(const SandboxCore& core, const std::string& id) {
  for (const auto& team : core.state.teams) {
    if (team.id == id) return &team;
  }
  return nullptr;
}

json ChannelJson(const TeamsChannel& channel, const Team& team) {
  return {{"id", channel.id}, {"displayName", channel.name}, {"description", nullptr},
          {"membershipType", channel.membership_type}, {"email", ""}, {"tenantId", team.tenant},
          {"webUrl", "https://teams.microsoft.com/l/channel/" + net::PercentEncode(channel.id) + "/" +
                         net::PercentEncode(channel.name) + "?groupId=" + team.id + "&tenantId=" + team.tenant},
          {"createdDateTime", "2024-01-15T09:00:00Z"}};
}

// Counts a post to webhook `key` unless it would exceed docs/PROVIDERS.md's limits (4/s, 60 per 30 s, 100/h,
// 1,800/day); answers the seconds until a post fits again (0 = accepted and counted). Requires the mutex.
std::int64_t ThrottleWebhook(SandboxCore& core, const std::string& key) {
  const std::int64_t now_ms = core.NowMs();
  auto& hits = core.state.incoming_webhook_hits[key];
  while (!hits.empty() && hits.front() <= now_ms - 86400 * 1000LL) hits.pop_front();
  struct Limit {
    std::int64_t window_ms;
    std::size_t max;
  };
  std::int64_t wait_ms = 0;
  for (const Limit limit : {Limit{1000, 4}, Limit{30000, 60}, Limit{3600 * 1000LL, 100}, Limit{86400 * 1000LL, 1800}}) {
    std::vector<std::int64_t> inside;
    for (auto it = hits.rbegin(); it != hits.rend() && *it > now_ms - limit.window_ms; ++it) inside.push_back(*it);
    if (inside.size() >= limit.max) {
      // The oldest post that must leave the window before another fits.
      const std::int64_t leaves_at = inside[limit.max - 1] + limit.window_ms;
      wait_ms = std::max(wait_ms, leaves_at - now_ms);
    }
  }
  if (wait_ms > 0) return std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
  hits.push_back(now_ms);
  return 0;
}

bool MayPost(const TeamsChannel& channel, const std::string& email) {
  if (channel.membership_type != "private") return true;
  return std::find(channel.members.begin(), channel.members.end(), email) != channel.members.end();
}

const TeamsChannel* FindChannel(const Team* team, std::string channel_id) {
  if (!team) return nullptr;
  if (auto decoded = net::PercentDecode(channel_id)) channel_id = *decoded;
  for (const auto& candidate : team->channels) {
    if (candidate.id == channel_id) return &candidate;
  }
  return nullptr;
}

struct ChannelTarget {
  const Team* team;
  const TeamsChannel* channel;
};

// The team and channel of /teams/{team}/channels/{channel} as `token` may use them; otherwise the Graph error is
// answered and nullopt returned: 404 NotFound when either is unknown or the team is another tenant's, 403 Forbidden
// for a private channel the (delegated) user is not a member of.
std::optional<ChannelTarget> AccessibleChannel(SandboxCore& core, const AccessToken& token, const httplib::Request& req,
                                               httplib::Response& res) {
  const Team* team = FindTeam(core, req.matches[1].str());
  const TeamsChannel* channel = FindChannel(team, req.matches[2].str());
  if (!team || team->tenant != token.tenant || !channel) {
    GraphError(res, 404, "NotFound", "Team or channel not found.", core.Now());
    return std::nullopt;
  }
  if (!token.app_only && !MayPost(*channel, token.user_email)) {
    GraphError(res, 403, "Forbidden", "The user is not a member of this private channel.", core.Now());
    return std::nullopt;
  }
  return ChannelTarget{team, channel};
}

// GET /teams/{team}/channels/{channel}: the channel (membershipType included); a private channel only for members.
void GetChannel(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kChannelRead, res)) return;
  const std::optional<ChannelTarget> target = AccessibleChannel(core, *token, req, res);
  if (!target) return;
  const Team* team = target->team;
  const TeamsChannel* channel = target->channel;
  json body = ChannelJson(*channel, *team);
  body["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#teams('" + team->id + "')/channels/$entity";
  SendJson(res, 200, body);
}

// GET /teams/{team}/channels/{channel}/messages?$top=N: the channel's messages, newest first (N ≤ 50, default 20).
void ListMessages(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kChannelMessagesRead, res)) return;
  const std::optional<ChannelTarget> target = AccessibleChannel(core, *token, req, res);
  if (!target) return;
  const Team* team = target->team;
  const TeamsChannel* channel = target->channel;
  std::int64_t top = 20;
  if (std::string text = Query(req, "$top"); !text.empty()) {
    top = std::atoll(text.c_str());
    if (top < 1 || top > 50) {
      return GraphError(res, 400, "BadRequest", "Invalid page size specified: '" + text + "'. Must be between 1 and 50.",
                        core.Now());
    }
  }
  json value = json::array();
  const auto& logged = core.state.logged_objects;
  for (auto it = logged.rbegin(); it != logged.rend() && static_cast<std::int64_t>(value.size()) < top; ++it) {
    if (it->kind != "teams_message" || GetString(it->fields, "team") != team->id ||
        GetString(it->fields, "channel") != channel->id) {
      continue;
    }
    value.push_back({{"id", it->id}, {"replyToId", nullptr}, {"messageType", "message"},
                     {"createdDateTime", FormatRfc3339(it->at)}, {"lastModifiedDateTime", FormatRfc3339(it->at)},
                     {"deletedDateTime", nullptr},
                     {"body", {{"contentType", "html"}, {"content", GetString(it->fields, "body")}}},
                     {"channelIdentity", {{"teamId", team->id}, {"channelId", channel->id}}},
                     {"attachments", it->fields.value("attachments", json::array())}});
  }
  SendJson(res, 200, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#teams('" + team->id +
                                             "')/channels('" + channel->id + "')/messages"},
                      {"@odata.count", value.size()}, {"value", value}});
}

// GET /sandbox/teams/posts: every channel message and webhook post in order, the Adaptive Card parsed, for tests:
// {posts:[{kind: teams_message|workflow_post|incoming_webhook_post, target: "<team>/<channel>"|"<webhook id>", id,
// at, card}]}.
void ListPosts(SandboxCore& core, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  json posts = json::array();
  for (const auto& logged : core.state.logged_objects) {
    json card;
    std::string target;
    if (logged.kind == "teams_message") {
      target = GetString(logged.fields, "team") + "/" + GetString(logged.fields, "channel");
      const json attachments = logged.fields.value("attachments", json::array());
      if (!attachments.empty() && attachments[0].is_object()) {
        const json* content = GetMember(attachments[0], "content");
        card = content && content->is_string() ? slotwise::ParseJson(content->get<std::string>()) : json();
      }
    } else if (logged.kind == "workflow_post" || logged.kind == "incoming_webhook_post") {
      target = logged.id;
      const json* attachments = GetMember(logged.fields, "attachments");
      if (attachments && attachments->is_array() && !attachments->empty() && (*attachments)[0].is_object()) {
        card = (*attachments)[0].value("content", json());
      }
    } else {
      continue;
    }
    posts.push_back({{"kind", logged.kind}, {"target", target}, {"id", logged.id}, {"at", FormatRfc3339(logged.at)},
                     {"card", card.is_discarded() ? json() : card}});
  }
  SendJson(res, 200, {{"posts", posts}});
}

void PostMessage(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  std::int64_t now = core.Now();
  if (token->app_only)
    return GraphError(res, 403, "Forbidden", "Application permissions cannot send channel messages (delegated "
                                             "ChannelMessage.Send only, outside migration).", now);
  if (!RequireGraphPermission(core, *token, graph_rules::kChannelMessageSend, res)) return;
  const std::optional<ChannelTarget> target = AccessibleChannel(core, *token, req, res);
  if (!target) return;
  const Team* team = target->team;
  const TeamsChannel* channel = target->channel;
  auto body = ParseJsonObject(req.body);
  if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", now);
  const json* message_body = GetMember(*body, "body");
  if (!message_body || GetString(*message_body, "content").empty())
    return GraphError(res, 400, "BadRequest", "Message body cannot be empty.", now);
  std::string content = GetString(*message_body, "content");
  json attachments = json::array();
  if (const json* list = GetMember(*body, "attachments"); list && list->is_array()) {
    for (const auto& attachment : *list) {
      std::string id = GetString(attachment, "id");
      std::string type = GetString(attachment, "contentType");
      if (id.empty() || content.find("<attachment id=\"" + id + "\"></attachment>") == std::string::npos)
        return GraphError(res, 400, "BadRequest", "Attachment with id '" + id + "' is not referenced in the body.", now);
      if (type == "application/vnd.microsoft.card.adaptive") {
        const json* card = GetMember(attachment, "content");
        json parsed = card && card->is_string() ? slotwise::ParseJson(card->get<std::string>()) : json();
        if (!parsed.is_object() || GetString(parsed, "type") != "AdaptiveCard")
          return GraphError(res, 400, "BadRequest", "Adaptive card content must be a JSON string of an AdaptiveCard.", now);
      }
      attachments.push_back(attachment);
    }
  }
  const User* sender = core.FindUser("microsoft", token->user_email);
  std::string id = std::to_string(core.NowMs());
  json message = {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#teams('" + team->id + "')/channels('" +
                                         channel->id + "')/messages/$entity"},
                  {"id", id}, {"replyToId", nullptr}, {"messageType", "message"},
                  {"createdDateTime", FormatRfc3339(now)}, {"lastModifiedDateTime", FormatRfc3339(now)},
                  {"deletedDateTime", nullptr}, {"subject", GetString(*body, "subject")}, {"importance", "normal"},
                  {"locale", "en-us"},
                  {"webUrl", "https://teams.microsoft.com/l/message/" + net::PercentEncode(channel->id) + "/" + id},
                  {"from", {{"application", nullptr}, {"device", nullptr},
                            {"user", {{"id", sender ? sender->id : ""}, {"displayName", sender ? sender->name : ""},
                                      {"userIdentityType", "aadUser"}, {"tenantId", team->tenant}}}}},
                  {"body", {{"contentType", GetString(*message_body, "contentType", "text")}, {"content", content}}},
                  {"channelIdentity", {{"teamId", team->id}, {"channelId", channel->id}}},
                  {"attachments", attachments}, {"mentions", json::array()}, {"reactions", json::array()}};
  core.state.logged_objects.push_back(LoggedObject{"teams_message", id, token->user_email,
                                                   {{"team", team->id}, {"channel", channel->id}, {"body", content},
                                                    {"attachments", attachments}}, now});
  SendJson(res, 201, message);
}

}  // namespace

void MountTeamsRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  // The teams of the token's organisation the user may post in (a team with a channel open to them).
  AddRoute(server, core, "GET", "/microsoft/v1.0/me/joinedTeams", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = GraphToken(core, req, res);
    if (!token) return;
    if (token->app_only) {
      return GraphError(res, 400, "BadRequest", "/me request is only valid with delegated authentication flow.",
                        core.Now());
    }
    if (!RequireGraphPermission(core, *token, graph_rules::kJoinedTeams, res)) return;
    json value = json::array();
    for (const Team& team : core.state.teams) {
      if (team.tenant != token->tenant) continue;
      const bool member = std::any_of(team.channels.begin(), team.channels.end(),
                                      [&](const TeamsChannel& channel) { return MayPost(channel, token->user_email); });
      if (!member) continue;
      value.push_back({{"id", team.id}, {"displayName", team.name}, {"description", nullptr}, {"isArchived", false},
                       {"tenantId", team.tenant}});
    }
    SendJson(res, 200, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#teams"},
                        {"@odata.count", value.size()}, {"value", value}});
  });
  AddRoute(server, core, "GET", "/microsoft/v1.0/teams/([^/]+)/channels", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = GraphToken(core, req, res);
    if (!token) return;
    if (!RequireGraphPermission(core, *token, graph_rules::kChannelRead, res)) return;
    const Team* team = FindTeam(core, req.matches[1].str());
    if (!team || team->tenant != token->tenant) return GraphError(res, 404, "NotFound", "Team not found.", core.Now());
    json value = json::array();
    for (const auto& channel : team->channels) {
      if (token->app_only || MayPost(channel, token->user_email)) value.push_back(ChannelJson(channel, *team));
    }
    SendJson(res, 200, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#teams('" + team->id + "')/channels"},
                        {"@odata.count", value.size()}, {"value", value}});
  });
  AddRoute(server, core, "POST", "/microsoft/v1.0/teams/([^/]+)/channels/([^/]+)/messages",
           [&core](Req req, Res res) { PostMessage(core, req, res); });
  AddRoute(server, core, "GET", "/microsoft/v1.0/teams/([^/]+)/channels/([^/]+)/messages",
           [&core](Req req, Res res) { ListMessages(core, req, res); });
  AddRoute(server, core, "GET", "/microsoft/v1.0/teams/([^/]+)/channels/([^/]+)",
           [&core](Req req, Res res) { GetChannel(core, req, res); });
  AddRoute(server, core, "GET", "/sandbox/teams/posts", [&core](Req, Res res) { ListPosts(core, res); });
  AddRoute(server, core, "POST", "/microsoft/workflows/([^/]+)", [&core](Req req, Res res) {
    auto body = slotwise::ParseJson(req.body);
    std::lock_guard<std::mutex> lock(core.mutex);
    if (body.is_discarded() || !body.is_object()) {
      SendJson(res, 400, {{"error", {{"code", "InvalidRequestContent"}, {"message", "The input body for trigger 'manual' of type 'Request' must be of type JSON, but was of type 'Null'."}}}});
      return;
    }
    if (const std::int64_t wait = ThrottleWebhook(core, "workflow:" + req.matches[1].str()); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      SendJson(res, 429, {{"error", {{"code", "WorkflowTriggerIsThrottled"},
                                     {"message", "The workflow trigger is throttled; retry after " +
                                                     std::to_string(wait) + " seconds."}}}});
      return;
    }
    core.state.logged_objects.push_back(LoggedObject{"workflow_post", req.matches[1].str(), "", body, core.Now()});
    res.status = 202;
  });
  AddRoute(server, core, "POST", "/microsoft/webhookb2/(.+)", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    std::string id = req.matches[1].str();
    auto body = slotwise::ParseJson(req.body);
    if (body.is_discarded() || !body.is_object()) {
      res.status = 400;
      res.set_content("Bad payload received by generic incoming webhook.", "text/plain");
      return;
    }
    if (ThrottleWebhook(core, id) > 0) {
      res.status = 200;
      res.set_content("Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production,"
                      "cv=" + RandomId(12) + ".0.", "text/plain");
      return;
    }
    core.state.logged_objects.push_back(LoggedObject{"incoming_webhook_post", id, "", body, core.Now()});
    res.status = 200;
    res.set_content("1", "text/plain");
  });
}

}  // namespace slotwise::sandbox
