// webhook_delivery_routes.cpp — see webhook_delivery_routes.h.
#include "api/webhook_delivery_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "lifecycle/lifecycle_dispatcher.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"
#include "store/lifecycle_events.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;
using nlohmann::json;

// This list's own limits (older than the shared default, api/paging.h): 50 by default, at most 100.
constexpr PageLimits kDeliveryLimits{50, 100};

json TimeOrNull(std::int64_t at) { return at > 0 ? json(FormatRfc3339(at)) : json(nullptr); }

// One delivery as the log shows it: the event (its payload as sent) and where its delivery stands.
json DeliveryJson(const lifecycle::LifecycleEvent& event) {
  json payload = slotwise::ParseJson(event.payload);
  return {{"id", lifecycle_events::WebhookId(event.id)},
          {"type", event.type},
          {"subject_id", event.subject_id},
          {"state", event.state},
          {"attempts", event.attempts},
          {"next_attempt_at", event.state == "pending" ? TimeOrNull(event.next_attempt_at) : json(nullptr)},
          {"last_status", event.last_status > 0 ? json(event.last_status) : json(nullptr)},
          {"last_error", event.last_error.empty() ? json(nullptr) : json(event.last_error)},
          {"created_at", FormatRfc3339(event.created_at)},
          {"delivered_at", TimeOrNull(event.delivered_at)},
          {"payload", payload.is_discarded() ? json(nullptr) : payload}};
}

// The page of the request's `limit` and `cursor`: the cursor's key is the last delivery's number; newest first, so
// the next page holds the deliveries before it.
Result<PageRequest> ReadPage(Req req) {
  return ReadPageRequest(req, "webhook_deliveries", PageFilter(req, {"state", "subject_id"}), kDeliveryLimits);
}

// The log query of the request's parameters, or the invalid_request error naming the parameter.
Result<lifecycle::LogQuery> ReadQuery(Req req, const PageRequest& page) {
  lifecycle::LogQuery query;
  query.limit = page.limit + 1;  // one more than the page: whether it exists says whether a next page does
  if (req.has_param("state")) {
    query.state = req.get_param_value("state");
    if (query.state != "pending" && query.state != "delivered" && query.state != "dead" && query.state != "skipped") {
      return Error{codes::kInvalidRequest, "state is pending, delivered, dead or skipped", "state"};
    }
  }
  if (req.has_param("subject_id")) query.subject_id = req.get_param_value("subject_id");
  if (page.after) {
    if (req.has_param("before")) return Error{codes::kInvalidRequest, "cursor and before exclude each other", "cursor"};
    const std::optional<std::int64_t> after = ParseDecimal(*page.after);
    if (!after) return Error{codes::kInvalidRequest, "cursor is not a cursor of this list", "cursor"};
    query.before_id = *after;
  }
  if (req.has_param("before")) {
    const std::optional<std::int64_t> before = lifecycle_events::ParseWebhookId(req.get_param_value("before"));
    if (!before) return Error{codes::kInvalidRequest, "before is a delivery id (evt_<number>)", "before"};
    query.before_id = *before;
  }
  return query;
}

}  // namespace

void RegisterWebhookDeliveryRoutes(httplib::Server& server, lifecycle::LifecycleDispatcher& dispatcher, ApiAuth& auth) {
  server.Get("/v1/webhook_deliveries", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<PageRequest> page = ReadPage(req);
    if (!page) return SendError(res, page.error());
    Result<lifecycle::LogQuery> query = ReadQuery(req, *page);
    if (!query) return SendError(res, query.error());
    Result<std::vector<lifecycle::LifecycleEvent>> events = dispatcher.log().List(caller->tenant_id, *query);
    if (!events) return SendError(res, events.error());
    const bool more = static_cast<int>(events->size()) > page->limit;
    if (more) events->pop_back();
    json deliveries = json::array();
    for (const lifecycle::LifecycleEvent& event : *events) deliveries.push_back(DeliveryJson(event));
    // next_before keeps its older meaning (given for every full page); next_cursor only when more follow.
    const bool full_page = static_cast<int>(events->size()) == page->limit;
    SendJson(res, 200,
             {{"deliveries", deliveries},
              {"next_before", full_page ? json(lifecycle_events::WebhookId(events->back().id)) : json(nullptr)},
              {"next_cursor", NextCursor(*page, more ? std::optional(std::to_string(events->back().id))
                                                          : std::nullopt)}});
  });
  server.Post(R"(/v1/webhook_deliveries/(evt_[0-9]+)/redeliver)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    const std::optional<std::int64_t> id = lifecycle_events::ParseWebhookId(req.matches[1].str());
    const auto not_found = [&] {
      SendError(res, codes::kNotFound, "no webhook delivery " + req.matches[1].str() + " for this tenant", "id");
    };
    if (!id) return not_found();
    Result<std::optional<lifecycle::LifecycleEvent>> queued =
        dispatcher.log().Redeliver(caller->tenant_id, *id, auth.now());
    if (!queued) return SendError(res, queued.error());
    if (!queued->has_value()) return not_found();
    dispatcher.Wake();
    SendJson(res, 202, DeliveryJson(**queued));
  });
}

}  // namespace slotwise
