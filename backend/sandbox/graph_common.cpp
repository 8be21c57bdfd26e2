// graph_common.cpp — see graph_common.h.
#include "sandbox/graph_common.h"

#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"

namespace slotwise::sandbox {

std::optional<AccessToken> GraphToken(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  auto token = ResolveBearer(core, req, "microsoft");
  if (token) return token;
  GraphError(res, 401, "InvalidAuthenticationToken",
             BearerToken(req).empty() ? "Access token is empty." : "Access token has expired or is not yet valid.",
             core.Now());
  res.set_header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/"
                                     "oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
  return std::nullopt;
}

std::optional<Mailbox> GraphMailbox(SandboxCore& core, const AccessToken& token, const std::string& segment,
                                    httplib::Response& res, bool allow_other_users_for_delegated) {
  std::string wanted = segment;
  if (auto decoded = net::PercentDecode(wanted)) wanted = *decoded;
  if (wanted == "me") {
    if (token.app_only) {
      GraphError(res, 400, "BadRequest", "/me request is only valid with delegated authentication flow.", core.Now());
      return std::nullopt;
    }
    wanted = token.user_email;
  }
  Mailbox mailbox;
  std::string domain;
  std::string tenant;
  if (const User* user = core.FindUser("microsoft", wanted)) {
    mailbox = Mailbox{user->email, user->name, user->time_zone, user->id, user};
    tenant = user->tenant;
  } else if (const Room* room = core.FindRoom("microsoft", wanted)) {
    mailbox = Mailbox{room->email, room->name, room->time_zone, room->email, nullptr};
    for (const auto& [id, candidate] : core.state.tenants) {
      if (candidate.domain == room->domain) tenant = id;
    }
  } else {
    GraphError(res, 404, "ErrorInvalidUser", "The requested user '" + wanted + "' is invalid.", core.Now());
    return std::nullopt;
  }
  if (token.app_only) {
    if (tenant != token.tenant) {
      GraphError(res, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.", core.Now());
      return std::nullopt;
    }
    return mailbox;
  }
  bool own = mailbox.user && mailbox.email == token.user_email;
  if (!own && !allow_other_users_for_delegated) {
    GraphError(res, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.", core.Now());
    return std::nullopt;
  }
  return mailbox;
}

std::string SelfBase(const httplib::Request& req) {
  std::string host = req.get_header_value("Host");
  if (host.empty()) host = req.local_addr + ":" + std::to_string(req.local_port);
  return "http://" + host;
}

}  // namespace slotwise::sandbox
