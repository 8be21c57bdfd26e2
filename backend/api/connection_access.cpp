// connection_access.cpp — see connection_access.h.
#include "api/connection_access.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "auth/widget_tokens.h"
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

Result<std::string> TenantConnectionAccess::IssueTicket(const Caller& caller) {
  const auth::WidgetTokenCodec* codec = auth_.codec();
  if (!codec) return Error{codes::kNotEnabled, "connect links need widget tokens, which are not enabled on this server", ""};
  auth::WidgetClaims claims;
  claims.tenant_id = caller.tenant_id;
  claims.user = caller.user;
  claims.scopes = {std::string(auth::kScopeConnectionsManage)};
  claims.issued_at = auth_.now();
  claims.expires_at = claims.issued_at + kTicketSeconds;
  Result<auth::MintedWidgetToken> minted = codec->Mint(claims);
  if (!minted) return minted.error();
  return minted->token;
}

std::optional<ConnectionAccess::Caller> TenantConnectionAccess::RedeemTicket(std::string_view ticket) {
  const auth::WidgetTokenCodec* codec = auth_.codec();
  if (!codec || ticket.empty()) return std::nullopt;
  Result<auth::WidgetClaims> claims = codec->Verify(ticket, auth_.now());
  if (!claims || claims->scopes.size() != 1 || claims->scopes[0] != auth::kScopeConnectionsManage ||
      claims->expires_at - claims->issued_at > kTicketSeconds) {
    return std::nullopt;  // a full widget token is no ticket: only the short, single-purpose one opens the popup
  }
  return Caller{claims->tenant_id, claims->user};
}

}  // namespace slotwise
