// notifications.cpp — change notifications sent by the sandbox: Google watch channels ("exists" pings) and Graph
// subscriptions (validation handshake at creation, then {value:[…]} notifications). Delivery runs on the Notifier
// thread; the handshake runs synchronously on the request thread without the state mutex held.
#include <cctype>

#include "sandbox/graph_common.h"
#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/ascii.h"
#include "slotwise/json_text.h"

namespace slotwise::sandbox {

namespace {
constexpr std::int64_t kMaxEventSubscriptionMinutes = 10080;
}  // namespace

void NotifyGoogleChannels(SandboxCore& core, const std::string& calendar) {
  std::int64_t now_ms = core.NowMs();
  for (auto& channel : core.state.channels) {
    if (channel.stopped || AsciiLower(channel.calendar) != AsciiLower(calendar) || channel.expiration_ms <= now_ms) continue;
    ++channel.message_number;
    net::HttpRequest request;
    request.method = "POST";
    request.url = channel.address;
    request.With("X-Goog-Channel-ID", channel.id).With("X-Goog-Resource-ID", channel.resource_id);
    request.With("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/" +
                                            net::PercentEncode(channel.calendar) + "/events?alt=json");
    request.With("X-Goog-Resource-State", "exists");
    request.With("X-Goog-Message-Number", std::to_string(channel.message_number));
    request.With("X-Goog-Channel-Expiration", FormatRfc3339(channel.expiration_ms / 1000));
    if (!channel.token.empty()) request.With("X-Goog-Channel-Token", channel.token);
    core.notifier.Enqueue(request, "google_exists");
  }
}

void NotifyGraphSubscriptions(SandboxCore& core, const CalendarEvent& event, const std::string& change_type) {
  for (const auto& subscription : core.state.subscriptions) {
    if (subscription.expires_at <= core.Now()) continue;  // expired: Graph sends nothing more
    if (AsciiLower(subscription.user_email) != AsciiLower(event.calendar)) continue;
    if (subscription.change_type.find(change_type) == std::string::npos) continue;
    std::string user_segment = subscription.resource.substr(0, subscription.resource.find("/events"));
    json notification = {{"subscriptionId", subscription.id},
                         {"subscriptionExpirationDateTime", subscription.expiration},
                         {"changeType", change_type},
                         {"resource", user_segment + "/Events/" + event.id},
                         {"resourceData", {{"@odata.type", "#Microsoft.Graph.Event"}, {"@odata.id", user_segment + "/Events/" + event.id},
                                           {"@odata.etag", "W/\"" + std::to_string(event.change) + "\""}, {"id", event.id}}},
                         {"clientState", subscription.client_state},
                         {"tenantId", subscription.tenant}};
    net::HttpRequest request;
    request.method = "POST";
    request.url = subscription.notification_url;
    request.body = DumpJson({{"value", json::array({notification})}});
    request.With("Content-Type", "application/json");
    core.notifier.Enqueue(request, "graph_notification");
  }
}

namespace {

void CreateSubscription(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  GraphSubscription subscription;
  {
    std::lock_guard<std::mutex> lock(core.mutex);
    auto token = GraphToken(core, req, res);
    if (!token) return;
    if (!RequireGraphPermission(core, *token, graph_rules::kEventSubscription, res)) return;
    auto body = ParseJsonObject(req.body);
    std::int64_t now = core.Now();
    if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", now);
    subscription.change_type = GetString(*body, "changeType");
    subscription.notification_url = GetString(*body, "notificationUrl");
    subscription.resource = GetString(*body, "resource");
    subscription.client_state = GetString(*body, "clientState");
    subscription.lifecycle_url = GetString(*body, "lifecycleNotificationUrl");
    std::string expiration = GetString(*body, "expirationDateTime");
    if (subscription.change_type.empty() || subscription.notification_url.empty() || subscription.resource.empty())
      return GraphError(res, 400, "InvalidRequest", "changeType, notificationUrl and resource are required.", now);
    auto expires = ParseWallDateTime(expiration, *core.zones.Find("UTC"));
    if (!expires || *expires <= now || *expires > now + kMaxEventSubscriptionMinutes * 60)
      return GraphError(res, 400, "InvalidRequest",
                        "Subscription expiration can only be 10080 minutes in the future.", now);
    // resource: "users/{id}/events", "/users/{id}/events", "me/events"
    std::string resource = subscription.resource;
    if (!resource.empty() && resource[0] == '/') resource = resource.substr(1);
    std::string segment;
    if (resource.rfind("me/events", 0) == 0) segment = "me";
    else if (resource.rfind("users/", 0) == 0 && resource.find("/events") != std::string::npos)
      segment = resource.substr(6, resource.find("/events") - 6);
    else return GraphError(res, 400, "InvalidRequest", "Only users/{id}/events resources are supported by the sandbox.", now);
    auto mailbox = GraphMailbox(core, *token, segment, res);
    if (!mailbox) return;
    subscription.user_email = mailbox->email;
    subscription.tenant = token->tenant;
    subscription.id = NewGuid();
    subscription.expiration = FormatRfc3339(*expires);
    subscription.expires_at = *expires;
    subscription.resource = "users/" + mailbox->id + "/events";
  }
  // Validation handshake, outside the lock: POST notificationUrl?validationToken=… must echo the token as text/plain.
  std::string validation_token = "Validation: Testing client application reachability for subscription Request-Id: " + NewGuid();
  net::HttpRequest handshake;
  handshake.method = "POST";
  handshake.url = net::WithQuery(subscription.notification_url, {{"validationToken", validation_token}});
  handshake.timeout = std::chrono::milliseconds(10000);
  handshake.With("Content-Type", "text/plain; charset=utf-8");
  auto answer = core.notifier.SendNow(handshake);
  std::lock_guard<std::mutex> lock(core.mutex);
  bool echoed = answer && answer.value().status == 200 && answer.value().body == validation_token &&
                answer.value().Header("Content-Type").find("text/plain") == 0;
  if (!echoed) {
    return GraphError(res, 400, "ValidationError",
                      "Subscription validation request failed. Notification endpoint must respond with 200 OK to "
                      "validation request.", core.Now());
  }
  core.state.subscriptions.push_back(subscription);
  SendJson(res, 201, {{"@odata.context", "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity"},
                      {"id", subscription.id}, {"resource", subscription.resource},
                      {"changeType", subscription.change_type}, {"clientState", subscription.client_state},
                      {"notificationUrl", subscription.notification_url},
                      {"expirationDateTime", subscription.expiration}, {"applicationId", std::string(kMicrosoftClientId)}});
}

}  // namespace

namespace {

// PATCH /subscriptions/{id} {expirationDateTime}: extends a live subscription (at most 10080 minutes ahead); an
// expired or unknown one is 404 (Graph deletes expired subscriptions).
void RenewSubscription(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GraphToken(core, req, res);
  if (!token) return;
  if (!RequireGraphPermission(core, *token, graph_rules::kEventSubscription, res)) return;
  const std::int64_t now = core.Now();
  auto body = ParseJsonObject(req.body);
  if (!body) return GraphError(res, 400, "BadRequest", "Unable to read JSON request payload.", now);
  auto expires = ParseWallDateTime(GetString(*body, "expirationDateTime"), *core.zones.Find("UTC"));
  if (!expires || *expires <= now || *expires > now + kMaxEventSubscriptionMinutes * 60) {
    return GraphError(res, 400, "InvalidRequest", "Subscription expiration can only be 10080 minutes in the future.",
                      now);
  }
  for (auto& subscription : core.state.subscriptions) {
    if (subscription.id != req.matches[1].str() || subscription.expires_at <= now) continue;
    subscription.expires_at = *expires;
    subscription.expiration = FormatRfc3339(*expires);
    ++subscription.renewals;
    return SendJson(res, 200, {{"id", subscription.id}, {"resource", subscription.resource},
                               {"changeType", subscription.change_type},
                               {"expirationDateTime", subscription.expiration}});
  }
  GraphError(res, 404, "ResourceNotFound", "The object was not found.", now);
}

}  // namespace

// Removes a subscription as Graph may on its own, and tells its lifecycle URL ("subscriptionRemoved").
bool DropGraphSubscription(SandboxCore& core, const std::string& id) {
  auto& list = core.state.subscriptions;
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (it->id != id) continue;
    if (!it->lifecycle_url.empty()) {
      const json item = {{"subscriptionId", it->id},
                         {"subscriptionExpirationDateTime", it->expiration},
                         {"lifecycleEvent", "subscriptionRemoved"},
                         {"clientState", it->client_state},
                         {"tenantId", it->tenant}};
      net::HttpRequest request;
      request.method = "POST";
      request.url = it->lifecycle_url;
      request.body = DumpJson({{"value", json::array({item})}});
      request.With("Content-Type", "application/json");
      core.notifier.Enqueue(request, "graph_lifecycle");
    }
    list.erase(it);
    return true;
  }
  return false;
}

void MountSubscriptionRoutes(httplib::Server& server, SandboxCore& core) {
  AddRoute(server, core, "PATCH", "/microsoft/v1.0/subscriptions/([^/]+)",
           [&core](const httplib::Request& req, httplib::Response& res) { RenewSubscription(core, req, res); });
  AddRoute(server, core, "POST", "/microsoft/v1.0/subscriptions",
           [&core](const httplib::Request& req, httplib::Response& res) { CreateSubscription(core, req, res); });
  AddRoute(server, core, "DELETE", "/microsoft/v1.0/subscriptions/([^/]+)",
           [&core](const httplib::Request& req, httplib::Response& res) {
             std::lock_guard<std::mutex> lock(core.mutex);
             auto token = GraphToken(core, req, res);
             if (!token) return;
             if (!RequireGraphPermission(core, *token, graph_rules::kEventSubscription, res)) return;
             auto& list = core.state.subscriptions;
             for (auto it = list.begin(); it != list.end(); ++it) {
               if (it->id == req.matches[1].str()) {
                 list.erase(it);
                 res.status = 204;
                 return;
               }
             }
             GraphError(res, 404, "ResourceNotFound", "The object was not found.", core.Now());
           });
}

}  // namespace slotwise::sandbox
