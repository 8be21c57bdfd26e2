// webhook_routes.cpp — see webhook_routes.h.
#include "api/webhook_routes.h"
#include "api/http_errors.h"
#include "slotwise/error_codes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "connections/change_notifications.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "webhooks/zoom_webhooks.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json";

bool Queued(webhooks::PushOutcome outcome) {
  return outcome == webhooks::PushOutcome::kQueued || outcome == webhooks::PushOutcome::kCoalesced;
}

void HandleGoogle(ChangeNotifications& hub, const httplib::Request& req, httplib::Response& res) {
  const std::string channel_id = req.get_header_value("X-Goog-Channel-ID");
  const std::string token = req.get_header_value("X-Goog-Channel-Token");
  const std::string resource_id = req.get_header_value("X-Goog-Resource-ID");
  const std::string state = req.get_header_value("X-Goog-Resource-State");
  const std::string number = req.get_header_value("X-Goog-Message-Number");
  Result<webhooks::GoogleNotice> notice = webhooks::VerifyGoogleNotification(
      hub.channels(), webhooks::GoogleHeaders{channel_id, token, resource_id, state, number}, hub.Now());
  if (!notice) return SendError(res, notice.error());
  res.status = 200;
  if (notice->kind != webhooks::GoogleNoticeKind::kChanged || notice->duplicate) return;
  if (!Queued(hub.queue().Push({notice->resource.connection_id, notice->resource.calendar_id, ""}))) {
    res.status = 503;  // queue full or closed: Google retries with back-off
  }
}

void HandleGraph(ChangeNotifications& hub, const httplib::Request& req, httplib::Response& res) {
  if (req.has_param("validationToken")) {
    Result<std::string> reply = webhooks::ValidationReply(req.get_param_value("validationToken"));
    if (!reply) return SendError(res, reply.error());
    res.status = 200;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(reply.value(), "text/plain");
    return;
  }
  Result<std::vector<webhooks::GraphChange>> changes =
      webhooks::VerifyGraphNotifications(hub.subscriptions(), req.body, hub.graph_replays(), hub.Now());
  if (!changes) return SendError(res, changes.error());
  res.status = 202;
  for (const webhooks::GraphChange& change : changes.value()) {
    if (!change.lifecycle_event.empty()) {
      hub.OnGraphLifecycle(change.subscription_id, change.lifecycle_event);
    } else if (!Queued(hub.queue().Push({change.target.connection_id, change.target.mailbox, ""}))) {
      res.status = 503;
    }
  }
}

void HandleZoom(ChangeNotifications& hub, const httplib::Request& req, httplib::Response& res) {
  const std::string secret = hub.ZoomWebhookSecret();
  Result<bool> verified =
      webhooks::VerifyZoomSignature(secret, req.get_header_value("x-zm-request-timestamp"),
                                    req.get_header_value("x-zm-signature"), req.body, hub.Now(), hub.zoom_replays());
  if (!verified) {
    if (verified.error().code == codes::kReplayed) {  // already accepted once: acknowledge, do nothing
      hub.CountZoomReplay();
      res.status = 200;
      return;
    }
    return SendError(res, verified.error());
  }
  Result<webhooks::ZoomEvent> event = webhooks::ParseZoomEvent(req.body);
  if (!event) return SendError(res, event.error());
  if (event->event == "endpoint.url_validation") {
    Result<std::string> reply = webhooks::UrlValidationReply(secret, event->plain_token);
    if (!reply) return SendError(res, reply.error());
    res.status = 200;
    res.set_content(reply.value(), kJson);
    return;
  }
  res.status = 200;
  if (event->event.rfind("meeting.", 0) == 0 && event->has_object) hub.QueueZoomMeeting(event->object.id);
}


}  // namespace

void RegisterWebhookRoutes(httplib::Server& server, ChangeNotifications& hub) {
  server.Post("/webhooks/google",
              [&hub](const httplib::Request& req, httplib::Response& res) { HandleGoogle(hub, req, res); });
  server.Post("/webhooks/microsoft",
              [&hub](const httplib::Request& req, httplib::Response& res) { HandleGraph(hub, req, res); });
  server.Post("/webhooks/zoom",
              [&hub](const httplib::Request& req, httplib::Response& res) { HandleZoom(hub, req, res); });
}

}  // namespace slotwise
