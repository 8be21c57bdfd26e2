// organisation_routes.h — a tenant's organisation connections (connections/org_access_registry.h), for the tenant's
// API key or a widget token with organisation:manage (the administrator's page, web/admin/):
//   GET    /v1/organisation                     the connections with their checks, and what the deployment offers
//                                               (the Google service account's client id and scopes to authorise)
//   PUT    /v1/organisation/google              {"domain", "admin_email"} — connect the Workspace; checked at once
//   POST   /v1/organisation/microsoft/consent   → 201 {"url"}: the admin-consent link for the customer's administrator;
//                                               the round trip ends on the OAuth callback page (connection_routes.h)
//   POST   /v1/organisation/{provider}/check    re-run the function check; the stored outcome
//   DELETE /v1/organisation/{provider}          204; 404 when there was none
// Also the directory rule every person write follows: a person's address must be in a domain verified for the
// tenant (CheckPersonDomain).
#pragma once

#include <string>

#include "connections/connection_store.h"
#include "connections/org_access_registry.h"
#include "slotwise/result.h"

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;

void RegisterOrganisationRoutes(httplib::Server& server, OrgAccessRegistry& organisations, ApiAuth& auth);

// Ok when `email`'s domain is verified for the tenant — through one of its organisation connections, or as the
// account domain of a calendar connection of one of its users (the provider proved that account). Otherwise
// "domain_not_verified" (field "email") saying which domains are, and how to verify one.
Result<bool> CheckPersonDomain(OrgAccessRegistry& organisations, ConnectionStore& connections,
                               const std::string& tenant_id, const std::string& email);

// The JSON of an organisation connection (no secrets: there are none in it).
std::string OrgConnectionJson(const OrgConnection& connection);

}  // namespace slotwise
