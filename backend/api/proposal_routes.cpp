// proposal_routes.cpp — see proposal_routes.h.
#include "proposal_routes.h"

#include <httplib.h>

#include "api_auth.h"
#include "http_errors.h"
#include "proposal_service.h"
#include "widget_tokens.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

void Send(Res res, const HttpReply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_content(reply.body, "application/json");
}

// The capability of a candidate request: "Authorization: Bearer swp_…" ("" when absent).
std::string Capability(Req req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  return header.rfind(kBearer, 0) == 0 ? header.substr(kBearer.size()) : "";
}

}  // namespace

void RegisterProposalRoutes(httplib::Server& server, ProposalService& proposals, ApiAuth& auth, std::string public_url) {
  server.Post("/v1/proposals", [&, public_url](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    Send(res, proposals.Create(caller->tenant_id, caller->actor.empty() ? caller->via : caller->actor, req.body,
                               public_url));
  });
  server.Get(R"(/v1/proposals/(prp_[A-Za-z0-9_-]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Send(res, proposals.Get(caller->tenant_id, req.matches[1]));
  });
  server.Get("/v1/candidate/proposal", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    Send(res, proposals.ForCandidate(Capability(req)));
  });
  server.Post("/v1/candidate/proposal/pick", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    Send(res, proposals.Pick(Capability(req), req.body));
  });
}

}  // namespace slotwise
