// connection_access.cpp — see connection_access.h.
#include "api/connection_access.h"

#include <httplib.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

std::optional<ConnectionAccess::Caller> TenantConnectionAccess::Authorize(const httplib::Request& req,
                                                                          httplib::Response& res) {
  std::optional<RequestContext> context = auth_.ForTenant(req, res, auth::kScopeConnectionsManage);
  if (!context) return std::nullopt;
  if (context->via == "widget_token") return Caller{context->tenant_id, context->actor};
  std::string user = req.get_param_value("user");
  if (user.empty() && req.method == "POST") {
    const nlohmann::json body = slotwise::ParseJson(req.body);
    if (body.is_object() && body.contains("user") && body.at("user").is_string()) user = body.at("user").get<std::string>();
  }
  if (user.empty()) {
    SendError(res, Error{codes::kInvalidParameter, "with an API key, name the user whose connections these are", "user"});
    return std::nullopt;
  }
  return Caller{context->tenant_id, user};
}

bool TenantConnectionAccess::AllowsReturnOrigin(const Caller& caller, std::string_view origin) {
  if (caller.tenant_id.empty()) return false;  // EmbeddingOrigins("") would be every tenant's
  const std::vector<std::string> allowed = auth_.EmbeddingOrigins(caller.tenant_id);
  return std::find(allowed.begin(), allowed.end(), origin) != allowed.end();
}

}  // namespace slotwise
