// teams_routes.cpp — Microsoft Teams: channels of a team, channel messages with Adaptive Card attachments (delegated
// only), Workflows webhooks (202) and the old Incoming Webhooks (200 "1", throttled in the body past 4/s, 60/30 s,
// 100/h).
#include "graph_common.h"
#include "http_util.h"
#include "provider_errors.h"
#include "routes.h"

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

bool MayPost(const TeamsChannel& channel, const std::string& email) {
  if (channel.membership_type != "private") return true;
  return std::find(channel.members.begin(), channel.members.end(), email) != channel.members.end();
}

void PostMessage(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  std::int64_t now = core.Now();
  if (token->app_only)
    return GraphError(res, 403, "Forbidden", "Application permissions cannot send channel messages (delegated "
                                             "ChannelMessage.Send only, outside migration).", now);
  const Team* team = FindTeam(core, req.matches[1].str());
  std::string channel_id = req.matches[2].str();
  if (auto decoded = net::PercentDecode(channel_id)) channel_id = *decoded;
  const TeamsChannel* channel = nullptr;
  if (team) {
    for (const auto& candidate : team->channels) if (candidate.id == channel_id) channel = &candidate;
  }
  if (!team || !channel) return GraphError(res, 404, "NotFound", "Team or channel not found.", now);
  if (!MayPost(*channel, token->user_email))
    return GraphError(res, 403, "Forbidden", "The user is not a member of this private channel.", now);
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
        json parsed = card && card->is_string() ? json::parse(card->get<std::string>(), nullptr, false) : json();
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
  AddRoute(server, core, "GET", "/microsoft/v1.0/teams/([^/]+)/channels", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = GraphToken(core, req, res);
    if (!token) return;
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
  AddRoute(server, core, "POST", "/microsoft/workflows/([^/]+)", [&core](Req req, Res res) {
    auto body = json::parse(req.body, nullptr, false);
    std::lock_guard<std::mutex> lock(core.mutex);
    if (body.is_discarded() || !body.is_object()) {
      SendJson(res, 400, {{"error", {{"code", "InvalidRequestContent"}, {"message", "The input body for trigger 'manual' of type 'Request' must be of type JSON, but was of type 'Null'."}}}});
      return;
    }
    core.state.logged_objects.push_back(LoggedObject{"workflow_post", req.matches[1].str(), "", body, core.Now()});
    res.status = 202;
  });
  AddRoute(server, core, "POST", "/microsoft/webhookb2/(.+)", [&core](Req req, Res res) {
    std::lock_guard<std::mutex> lock(core.mutex);
    std::string id = req.matches[1].str();
    std::int64_t now_ms = core.NowMs();
    auto& hits = core.state.incoming_webhook_hits[id];
    while (!hits.empty() && hits.front() <= now_ms - 3600 * 1000) hits.pop_front();
    auto within = [&](std::int64_t window_ms) {
      std::size_t count = 0;
      for (auto it = hits.rbegin(); it != hits.rend() && *it > now_ms - window_ms; ++it) ++count;
      return count;
    };
    if (within(1000) >= 4 || within(30000) >= 60 || hits.size() >= 100) {
      res.status = 200;
      res.set_content("Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production,"
                      "cv=" + RandomId(12) + ".0.", "text/plain");
      return;
    }
    auto body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      res.status = 400;
      res.set_content("Bad payload received by generic incoming webhook.", "text/plain");
      return;
    }
    hits.push_back(now_ms);
    core.state.logged_objects.push_back(LoggedObject{"incoming_webhook_post", id, "", body, core.Now()});
    res.status = 200;
    res.set_content("1", "text/plain");
  });
}

}  // namespace slotwise::sandbox
