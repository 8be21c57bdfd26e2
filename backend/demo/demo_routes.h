// demo_routes.h — routes that exist only under `slotwise serve --demo`.
//
//   GET /v1/demo/widget_token  → 200 {"token", "user", "tenant", "expires_at", "scopes"}: a widget token (every scope,
//                                 1 h) for the demo recruiter, so the standalone page at "/" works without an ATS.
//   GET /v1/demo/admin_token   → the same shape: a token with organisation:manage and connections:manage for the demo
//                                 tenant's administrator (the demo recruiter), for the admin page at "/admin/".
//
// Contract: answers only when `demo` is true (404 "not_enabled" otherwise, so the route is always known to the router)
// — it hands out a credential to anyone who can reach the server, which is why the demo binds to loopback. In production the standalone page takes its token from the URL fragment (#token=…),
// minted by the ATS's server with POST /v1/widget_tokens. Answers 404 "not_enabled" when widget tokens are off.
#pragma once

#include <string>

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;

void RegisterDemoRoutes(httplib::Server& server, ApiAuth& auth, bool demo, std::string tenant_id, std::string user);

}  // namespace slotwise
