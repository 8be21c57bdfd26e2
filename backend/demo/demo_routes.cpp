// demo_routes.cpp — see demo_routes.h.
#include "demo/demo_routes.h"

#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "auth/widget_tokens.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

constexpr std::int64_t kDemoTokenSeconds = 3600;

// The handler that mints a demo token with `scopes` for the demo tenant's `user`.
std::function<void(const httplib::Request&, httplib::Response&)> DemoToken(ApiAuth& auth, bool demo, std::string tenant_id,
                                                                          std::string user, std::vector<std::string> scopes) {
  return [&auth, demo, tenant_id, user, scopes](const httplib::Request&, httplib::Response& res) {
    if (!demo) return SendError(res, codes::kNotEnabled, "the demo widget token is served only with --demo");
    if (!auth.codec()) return SendError(res, codes::kNotEnabled, "widget tokens are not enabled on this server");
    auth::WidgetClaims claims;
    claims.tenant_id = tenant_id;
    claims.user = user;
    claims.scopes = scopes;
    claims.issued_at = auth.now();
    claims.expires_at = claims.issued_at + kDemoTokenSeconds;
    Result<auth::MintedWidgetToken> minted = auth.codec()->Mint(claims);
    if (!minted) return SendError(res, minted.error());
    res.set_header("Cache-Control", "no-store");
    const nlohmann::json body = {{"token", minted->token},     {"user", user},
                                 {"tenant", tenant_id},        {"expires_at", claims.expires_at},
                                 {"scopes", minted->claims.scopes}};
    res.set_content(DumpJson(body), "application/json");
  };
}

}  // namespace

void RegisterDemoRoutes(httplib::Server& server, ApiAuth& auth, bool demo, std::string tenant_id, std::string user) {
  server.Get("/v1/demo/widget_token",
             DemoToken(auth, demo, tenant_id, user,
                       {std::string(auth::kScopeAvailabilityRead), std::string(auth::kScopeInterviewsRead),
                        std::string(auth::kScopeInterviewsWrite), std::string(auth::kScopeConnectionsManage)}));
  server.Get("/v1/demo/admin_token",
             DemoToken(auth, demo, tenant_id, user,
                       {std::string(auth::kScopeOrganisationManage), std::string(auth::kScopeConnectionsManage),
                        std::string(auth::kScopeAvailabilityRead)}));  // the page lists the rooms (GET /v1/rooms)
}

}  // namespace slotwise
