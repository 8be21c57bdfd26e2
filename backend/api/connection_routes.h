// connection_routes.h — HTTP routes for provider connections:
//   POST /v1/connections/start {"provider", "return_origin"?, "login_hint"?}  → {"url"}: the popup's start URL with
//                                               a single-use ticket for this one flow (tenants on; see below)
//   GET  /oauth/{provider}/start?ticket=…&login_hint=…                  (opened in a top-level popup)
//   GET  /oauth/{provider}/callback                                         (the one registered redirect URI)
//   GET  /v1/connections                        the caller's list (status, reauth/consent messages, checks; no tokens),
//                                               paged by connection id (limit, cursor → next_cursor; api/paging.h)
//   POST /v1/connections/{id}/check             run the function check again
//   DELETE /v1/connections/{id}                 forget the connection (tokens are deleted)
//
// Who is calling: with a ConnectionAccess (tenants on — every server `slotwise serve` starts), the /v1 routes take a
// widget token with connections:manage (the token's user) or the tenant's API key plus `?user=` / "user" (an ATS
// server acting for its user); a connection of another tenant or user is 404. A popup cannot send headers, so the
// start URL carries a ticket minted by POST /v1/connections/start (connections/connect_tickets.h): for exactly one
// flow — tenant, user, provider, return_origin —, consumed by /oauth/{provider}/start (a second use, another
// provider, a changed return_origin or an expired ticket: 401/403), never a credential for /v1 (api_auth.h: 401).
// return_origin must be one of the tenant's allowed origins when the ticket is minted and again when it is used
// (403 forbidden, field "return_origin"), so the callback page never reports to an origin the tenant did not allow.
// A fix_url (GET /v1/connections) carries such a ticket too, without a return_origin.
// Without a ConnectionAccess (connections-only test servers) the routes trust `tenant` (default "default"), `user`
// and `return_origin` query parameters — never expose such a server beyond loopback.
//
// Contract: the popup gets a first-party, HttpOnly, SameSite=Lax session cookie (Secure too when public_url is
// https); the state is bound to it. OAuth pages are never framed (Content-Security-Policy: frame-ancestors 'none').
// The callback page reports to its opener with postMessage to the exact origin the flow was started for, never "*". No response ever contains a token or secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "connections/connect_flow.h"
#include "slotwise/result.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace slotwise {

class ConnectionsRuntime;

// Authenticates callers of the connection routes (api/connection_access.h implements it with ApiAuth).
class ConnectionAccess {
 public:
  struct Caller {
    std::string tenant_id;
    std::string user;
  };
  virtual ~ConnectionAccess() = default;
  // The caller of a /v1/connections route, or nullopt after writing the 4xx error object.
  virtual std::optional<Caller> Authorize(const httplib::Request& req, httplib::Response& res) = 0;
  // Whether the callback page may report to `origin` for `caller`: one of the tenant's allowed origins.
  virtual bool AllowsReturnOrigin(const Caller& caller, std::string_view origin) = 0;
};

// Registers the routes above on `server`; everything they use is borrowed from `runtime` and `access` (null = trust
// query parameters, see above), which must outlive it. `public_url` prefixes the URL POST /v1/connections/start
// answers.
void RegisterConnectionRoutes(httplib::Server& server, ConnectionsRuntime& runtime, ConnectionAccess* access,
                              std::string public_url);

}  // namespace slotwise
