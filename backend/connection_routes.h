// connection_routes.h — HTTP routes for provider connections:
//   GET  /oauth/{provider}/start?user=…&tenant=…&return_origin=…&login_hint=…  (opened in a top-level popup)
//   GET  /oauth/{provider}/callback                                         (the one registered redirect URI)
//   GET  /v1/connections?tenant=…&user=…        list (status, reauth/consent messages, function checks; no tokens)
//   POST /v1/connections/{id}/check             run the function check again
//   DELETE /v1/connections/{id}                 forget the connection (tokens are deleted)
//
// Contract: the popup gets a first-party, HttpOnly, SameSite=Lax session cookie; the state is bound to it. OAuth pages
// are never framed (Content-Security-Policy: frame-ancestors 'none'). The callback page reports to its opener with
// postMessage to the exact origin the flow was started for, never "*". No response ever contains a token or secret.
#pragma once

#include "connect_flow.h"

namespace httplib {
class Server;
}

namespace slotwise {

class ConnectionsRuntime;

// Registers the routes above on `server`; everything they use is borrowed from `runtime`, which must outlive it.
void RegisterConnectionRoutes(httplib::Server& server, ConnectionsRuntime& runtime);

}  // namespace slotwise
