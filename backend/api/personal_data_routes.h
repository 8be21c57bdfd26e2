// personal_data_routes.h — a tenant's answers to data-subject requests (docs/PRIVACY.md, docs/API_BACKEND.md
// "Personal data"):
//   DELETE /v1/candidates/{id}              API key — erase everything held about the candidate
//   GET    /v1/candidates/{id}/export       API key — everything held about the candidate, one JSON document
//   GET    /v1/people/{email}/export        API key — everything held about an employee, one JSON document
//
// Contract:
// - Tenant API keys only (widget tokens 403): these are the ATS's server acting for the tenant. The tenant is the
//   key's; a candidate or person of another tenant is 404 exactly like one that does not exist.
// - DELETE answers 200 {"erased": true, "candidate_record", "interviews", "provider_updates", "messages",
//   "proposals", "wal_truncated"} (store/candidate_erasure.h ErasureReport); 404 "not_found" when nothing is held
//   about the id — never held, or erased before (a second erasure is 404, and changes nothing); 409
//   "storage_conflict" while provider work for one of the candidate's interviews (or an e-mail to them) is running —
//   nothing was changed, erase again a few seconds later.
// - The exports answer 200 with store/personal_data_export.h's documents and Cache-Control: no-store; 404 when
//   nothing is held. They never carry a token, secret or hash.
#pragma once

namespace httplib {
class Server;
}  // namespace httplib

namespace slotwise {

class SchedulingRuntime;
class ApiAuth;

void RegisterPersonalDataRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth);

}  // namespace slotwise
