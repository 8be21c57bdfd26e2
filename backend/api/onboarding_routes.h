// onboarding_routes.h — how people of a customer company get connected, and how its administrator sees it:
//   GET  /connect?link=swc1_…                  the landing page of a connect link (api/connect_pages.h): whom and what
//                                              it connects, one button to /oauth/{provider}/start with the same ticket;
//                                              the flow ends on the callback page with the function check in words
//   POST /v1/organisation/connect_links        {"user", "provider", "purpose"?} → 201 {"url", "expires_at"}: a
//                                              connect link for a person of the tenant's directory (7 days, reusable
//                                              until then: connections/connect_tickets.h IssueLink)
//   GET  /v1/organisation/people               every person of the tenant's directory with their connections and
//                                              checks ({"people": [{"email", "name", "roles", "connections": [...]}],
//                                              "others": [...] — connections of users not (or no longer) in the
//                                              directory, all of them with the last page}); no tokens; paged by
//                                              e-mail (limit, cursor → next_cursor; api/paging.h)
// The /v1 routes take the tenant's API key or a widget token with organisation:manage (the administrator's page,
// web/admin/). Errors: unknown_participant (the user is not a person of the tenant), invalid_request (provider,
// purpose), 401/403 from api_auth.h.
//
// MakeConnectLink is the one maker of a link's URL: the colleague e-mail (api/message_routes.h) uses it too.
#pragma once

#include <string>

#include "connections/connect_tickets.h"
#include "slotwise/result.h"

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class ConnectionsRuntime;
class DirectoryStore;

struct ConnectLink {
  std::string url;              // <public_url>/connect?link=swc1_…
  std::int64_t expires_at = 0;  // Unix seconds
};

// A connect link for `flow` (its return_origin is ignored). Errors: storage_error.
Result<ConnectLink> MakeConnectLink(ConnectTickets& tickets, const std::string& public_url, ConnectTicket flow);

// Registers the routes above; `runtime`, `directory` and `auth` must outlive `server`.
void RegisterOnboardingRoutes(httplib::Server& server, ConnectionsRuntime& runtime, DirectoryStore& directory,
                              ApiAuth& auth, std::string public_url);

}  // namespace slotwise
