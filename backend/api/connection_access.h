// connection_access.h — who may use the connection routes when tenants are on (connection_routes.h): ApiAuth decides.
//
// Contract:
// - Authorize: a widget token with connections:manage acts for its own user; the tenant's API key acts for the user
//   named by the `user` query parameter (GET, DELETE) or body member (POST) — an ATS server managing its users'
//   connections. Errors are ApiAuth's 401/403, or 400 invalid_request when an API key names no user.
// - IssueTicket: a widget token for the caller with only connections:manage, valid 5 minutes — the popup's start URL
//   carries it (a top-level GET cannot send headers). RedeemTicket accepts only such a ticket, unexpired.
// Thread-safe (ApiAuth is).
#pragma once

#include "api/api_auth.h"
#include "api/connection_routes.h"

namespace slotwise {

class TenantConnectionAccess final : public ConnectionAccess {
 public:
  static constexpr std::int64_t kTicketSeconds = 300;

  explicit TenantConnectionAccess(ApiAuth& auth) : auth_(auth) {}

  std::optional<Caller> Authorize(const httplib::Request& req, httplib::Response& res) override;
  Result<std::string> IssueTicket(const Caller& caller) override;
  std::optional<Caller> RedeemTicket(std::string_view ticket) override;

 private:
  ApiAuth& auth_;
};

}  // namespace slotwise
