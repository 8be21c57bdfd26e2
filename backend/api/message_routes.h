// message_routes.h — POST /v1/messages (API key, or widget token with interviews:write): e-mails of no interview,
// rendered per recipient and, with "send": true, queued through the outbox (messages/messages_service.h). The colleague
// e-mail (connect_conferencing) carries each recipient's own connect link (api/onboarding_routes.h MakeConnectLink)
// when the server has connections (`tickets`) and the recipient is a person of the tenant's directory; a recipient who
// is not is refused (unknown_participant, naming the recipient) unless the request gives connect_url itself.
#pragma once

#include <string>

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class ConnectTickets;
class DirectoryStore;
class MessagesService;

// `tickets` may be null (no connections on this server: connect_url defaults to the server's page).
void RegisterMessageRoutes(httplib::Server& server, MessagesService& messages, ApiAuth& auth, std::string public_url,
                           ConnectTickets* tickets, DirectoryStore& directory);

}  // namespace slotwise
