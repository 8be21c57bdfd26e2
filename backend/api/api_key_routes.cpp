// api_key_routes.cpp — see api_key_routes.h.
#include "api/api_key_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/api_key_issuer.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "api/request_body.h"
#include "observability/request_context.h"
#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

// Answers that list or carry keys are never framed or cached.
void KeyAnswerHeaders(Res res) {
  res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
  res.set_header("Cache-Control", "no-store");
}

// The label of a creation body; an empty body means no label. Writes the error and answers nullopt on bad input.
std::optional<std::string> LabelOf(Req req, Res res, bool require_json_type) {
  if (req.body.empty()) return std::string();
  std::optional<json> body = require_json_type ? JsonObjectBody(req, res) : ObjectBodyOfAnyType(req, res);
  if (!body) return std::nullopt;
  Result<std::string> label = ApiKeyLabelFrom(*body);
  if (!label) {
    SendError(res, label.error());
    return std::nullopt;
  }
  return *label;
}

void Create(DirectoryStore& directory, ApiAuth& auth, const std::string& tenant_id, const std::string& label, Res res) {
  Result<IssuedApiKey> issued = IssueApiKey(directory, tenant_id, label, auth.now());
  if (!issued) return SendError(res, issued.error());
  json answer = ApiKeyJson(issued->record);
  answer["api_key"] = issued->plaintext;
  answer["note"] = "store this key now: Slotwise keeps only its hash";
  SendJson(res, 201, answer);
}

// A page of the tenant's keys (api/paging.h), ordered by key id; the cursor is bound to the tenant.
void List(DirectoryStore& directory, const std::string& tenant_id, Req req, Res res) {
  AnswerPage(req, res, "api_keys", tenant_id, directory.ListApiKeys(tenant_id),
             [](const ApiKeyRecord& key) { return key.key_id; }, ApiKeyJson);
}

void Revoke(DirectoryStore& directory, ApiAuth& auth, const std::string& tenant_id, const std::string& key_id, Res res) {
  Result<bool> revoked = directory.RevokeApiKey(tenant_id, key_id, auth.now());
  if (!revoked) {
    // The store names the tenant in its message; the answer names only what the caller sent.
    if (revoked.error().code == codes::kNotFound) return SendError(res, codes::kNotFound, "no API key " + key_id);
    return SendError(res, revoked.error());
  }
  res.status = 204;
}

// The admin routes' tenant: 404 when it does not exist.
bool TenantExists(DirectoryStore& directory, const std::string& tenant_id, Res res) {
  Result<std::optional<Tenant>> tenant = directory.GetTenant(tenant_id);
  if (!tenant) {
    SendError(res, tenant.error());
    return false;
  }
  if (!tenant->has_value()) {
    SendError(res, codes::kNotFound, "no tenant " + tenant_id);
    return false;
  }
  observability::NoteTenant(tenant_id);  // the operator acts on this tenant: its audit log records the change
  return true;
}

}  // namespace

void RegisterApiKeyRoutes(httplib::Server& server, DirectoryStore& directory, ApiAuth& auth) {
  server.Get("/v1/api_keys", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    List(directory, caller->tenant_id, req, res);
  });

  server.Post("/v1/api_keys", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    std::optional<std::string> label = LabelOf(req, res, true);
    if (!label) return;
    Create(directory, auth, caller->tenant_id, *label, res);
  });

  server.Delete(R"(/v1/api_keys/([^/]+))", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    const std::string key_id = req.matches[1];
    if (key_id == caller->key_id) {
      return SendError(res, codes::kForbidden,
                       "an API key cannot revoke itself: create a new key (POST /v1/api_keys), switch to it, and "
                       "revoke this one with the new key — or ask the operator, whose admin key can revoke any key");
    }
    Revoke(directory, auth, caller->tenant_id, key_id, res);
  });

  server.Get(R"(/v1/tenants/([a-z0-9-]+)/api_keys)", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    if (!auth.Admin(req, res)) return;
    const std::string tenant_id = req.matches[1];
    if (!TenantExists(directory, tenant_id, res)) return;
    List(directory, tenant_id, req, res);
  });

  server.Post(R"(/v1/tenants/([a-z0-9-]+)/api_keys)", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    if (!auth.Admin(req, res)) return;
    const std::string tenant_id = req.matches[1];
    std::optional<std::string> label = LabelOf(req, res, false);
    if (!label) return;
    if (!TenantExists(directory, tenant_id, res)) return;
    Create(directory, auth, tenant_id, *label, res);
  });

  server.Delete(R"(/v1/tenants/([a-z0-9-]+)/api_keys/([^/]+))", [&](Req req, Res res) {
    KeyAnswerHeaders(res);
    if (!auth.Admin(req, res)) return;
    const std::string tenant_id = req.matches[1];
    if (!TenantExists(directory, tenant_id, res)) return;
    Revoke(directory, auth, tenant_id, req.matches[2], res);
  });
}

}  // namespace slotwise
