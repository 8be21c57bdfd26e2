// message_routes.cpp — see message_routes.h.
#include "api/message_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "messages/messages_service.h"
#include "slotwise/error_codes.h"

namespace slotwise {

void RegisterMessageRoutes(httplib::Server& server, MessagesService& messages, ApiAuth& auth, std::string public_url) {
  server.Post("/v1/messages", [&messages, &auth, public_url](const httplib::Request& req, httplib::Response& res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    std::optional<nlohmann::json> body = JsonObjectBody(req, res);
    if (!body) return;
    Result<Composition> composed = messages.Compose(caller->tenant_id, *body, public_url);
    if (!composed) return SendError(res, composed.error());
    nlohmann::json list = nlohmann::json::array();
    for (const ComposedMessage& m : composed->messages) {
      list.push_back({{"to", {{"email", m.to_email}, {"name", m.to_name}}},
                      {"subject", m.subject},
                      {"body", m.body},
                      {"unresolved", m.unresolved}});
    }
    if (!composed->sent) return SendJson(res, 200, {{"messages", list}});
    SendJson(res, 202, {{"messages", list}, {"queued", composed->queued}});
  });
}

}  // namespace slotwise
