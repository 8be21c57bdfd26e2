// message_routes.cpp — see message_routes.h.
#include "message_routes.h"

#include <httplib.h>

#include "api_auth.h"
#include "http_errors.h"
#include "messages_service.h"
#include "widget_tokens.h"

namespace slotwise {

void RegisterMessageRoutes(httplib::Server& server, MessagesService& messages, ApiAuth& auth, std::string public_url) {
  server.Post("/v1/messages", [&messages, &auth, public_url](const httplib::Request& req, httplib::Response& res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
      return SendError(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
    }
    const HttpReply reply = messages.Compose(caller->tenant_id, req.body, public_url);
    res.status = reply.status;
    res.set_content(reply.body, "application/json");
  });
}

}  // namespace slotwise
