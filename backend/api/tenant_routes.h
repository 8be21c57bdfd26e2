// tenant_routes.h — tenants, their directory, and widget tokens (docs/API_BACKEND.md); their API keys are
// api_key_routes.h's:
//   POST   /v1/tenants                        admin key   — create a tenant
//   DELETE /v1/tenants/{id}                   admin key   — delete the tenant and everything held for it: 200
//                                                            {deleted, rows_by_table}; 404 not_found; 409
//                                                            storage_conflict while one of its outbox jobs runs
//                                                            (SchedulingRuntime::DeleteTenant)
//   GET    /v1/tenant, PATCH /v1/tenant       API key     — the caller's tenant settings
//   PUT    /v1/people/{email}, GET, DELETE; GET /v1/people                      API key (GETs: also widget tokens)
//   PUT    /v1/rooms/{email}, GET, DELETE; GET /v1/rooms                        API key (GETs: also widget tokens)
//   PUT    /v1/host_accounts/{id}, GET, DELETE; GET /v1/host_accounts          API key (GETs: also widget tokens)
//   (the three lists are paged — limit, cursor → next_cursor, api/paging.h — people and rooms by e-mail, host
//   accounts by id)
//   POST   /v1/host_accounts/import           API key     — a connected Zoom/GoTo account (host_account_import.h)
//   POST   /v1/directory/import               API key     — people and rooms from Microsoft 365 (directory_import.h)
//   PUT    /v1/candidates/{id}                                                  API key
//   POST   /v1/widget_tokens                  API key     — mint a widget token {user, scopes, ttl_seconds}
// Directory writes need an API key (never a widget token). Bad input answers 422 with the field.
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class SchedulingRuntime;
class ZoneSource;

void RegisterTenantRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth, ZoneSource& zones);

}  // namespace slotwise
