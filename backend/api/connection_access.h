// connection_access.h — who may use the connection routes when tenants are on (connection_routes.h): ApiAuth decides.
//
// Contract:
// - Authorize: a widget token with connections:manage acts for its own user; the tenant's API key acts for the user
//   named by the `user` query parameter (GET, DELETE) or body member (POST) — an ATS server managing its users'
//   connections. Errors are ApiAuth's 401/403, or 400 invalid_request when an API key names no user.
// - AllowsReturnOrigin: the origin is exactly one of the caller's tenant's allowed_origins (ApiAuth's cached view,
//   refreshed when the directory changes). The tickets themselves are connections/connect_tickets.h's.
// Thread-safe (ApiAuth is).
#pragma once

#include "api/api_auth.h"
#include "api/connection_routes.h"

namespace slotwise {

class TenantConnectionAccess final : public ConnectionAccess {
 public:
  explicit TenantConnectionAccess(ApiAuth& auth) : auth_(auth) {}

  std::optional<Caller> Authorize(const httplib::Request& req, httplib::Response& res) override;
  bool AllowsReturnOrigin(const Caller& caller, std::string_view origin) override;

 private:
  ApiAuth& auth_;
};

}  // namespace slotwise
