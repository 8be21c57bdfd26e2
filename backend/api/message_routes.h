// message_routes.h — POST /v1/messages (API key, or widget token with interviews:write): e-mails of no interview,
// rendered per recipient and, with "send": true, queued through the outbox (messages/messages_service.h).
#pragma once

#include <string>

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class MessagesService;

void RegisterMessageRoutes(httplib::Server& server, MessagesService& messages, ApiAuth& auth, std::string public_url);

}  // namespace slotwise
