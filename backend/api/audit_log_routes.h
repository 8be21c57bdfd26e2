// audit_log_routes.h — the tenant's audit log (store/audit_log_store.h; what is recorded: api/audit_recorder.h),
// tenant API key only (docs/API_BACKEND.md "Audit log"):
//   GET /v1/audit_log    oldest first; ?limit=1..1000 (100), ?cursor=<the previous page's next_cursor> (api/paging.h)
// Answer: {"entries": [{id, at, actor: {kind, id}, action, object, status, request_id}], "next_cursor": string|null};
// next_cursor is null on the last page. Entries appended while paging come on later pages, none is skipped or repeated.
// Contract: the caller's tenant only (the tenant comes from the key); widget tokens are refused (403). Errors:
// unauthorized/forbidden (api_auth.h), invalid_request (limit or cursor, field named), storage_error.
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class AuditLogStore;

void RegisterAuditLogRoutes(httplib::Server& server, AuditLogStore& store, ApiAuth& auth);

}  // namespace slotwise
