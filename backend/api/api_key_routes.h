// api_key_routes.h — a tenant's API keys, listed, created and revoked (docs/API_BACKEND.md "API keys"):
//   GET    /v1/api_keys                             API key     — the caller's tenant's keys (paged by key id, api/paging.h)
//   POST   /v1/api_keys                             API key     — a new key of the caller's tenant {label?}
//   DELETE /v1/api_keys/{key_id}                    API key     — revoke one of the caller's tenant's keys
//   GET    /v1/tenants/{id}/api_keys                admin key   — the keys of tenant {id} (paged the same way)
//   POST   /v1/tenants/{id}/api_keys                admin key   — a new key of tenant {id} {label?}
//   DELETE /v1/tenants/{id}/api_keys/{key_id}       admin key   — revoke a key of tenant {id}
//
// Contract:
// - The tenant routes take the tenant from the presented API key, never from the request: a key id of another tenant
//   is 404 exactly like one that does not exist. Widget tokens are refused (403): keys are managed by the ATS's server.
// - A creation answers 201 {key_id, api_key, tenant_id, label, created_at, …} with Cache-Control: no-store; the
//   plaintext `api_key` is in that answer only. Lists and key objects never carry a secret or its hash.
// - Revoking answers 204, also for a key revoked before (the first revocation time stays). The key is refused from
//   the next request on (ApiAuth's cache follows the directory's generation).
// - A tenant key cannot revoke itself (403 "forbidden"): the tenant would lock itself out mid-rotation. Create the new
//   key, switch to it, then revoke the old one with the new one; the operator (admin key) can revoke any key.
// - Bad input (unknown body member, a label that is not a string of at most 200 bytes) is 422 "invalid_request" and
//   changes nothing; a body that is not a JSON object is 400 "invalid_json".
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class DirectoryStore;

void RegisterApiKeyRoutes(httplib::Server& server, DirectoryStore& directory, ApiAuth& auth);

}  // namespace slotwise
