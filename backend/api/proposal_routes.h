// proposal_routes.h — proposals of interview times to a candidate (proposal_service.h, docs/API_BACKEND.md):
//   POST /v1/proposals                     interviews:write  — offer 1–10 times; 201 with the candidate's URL
//   GET  /v1/proposals/{id}                interviews:read   — status, options (checked now), the interview once picked
//   GET  /v1/candidate/proposal            Authorization: Bearer swp_… (the capability from the URL fragment)
//   POST /v1/candidate/proposal/pick       the same; {"start"}
// The candidate routes take no other credential and are served to the candidate page of the same origin (no CORS).
#pragma once

#include <string>

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class ProposalService;

// `public_url` prefixes the candidate URLs handed out.
void RegisterProposalRoutes(httplib::Server& server, ProposalService& proposals, ApiAuth& auth, std::string public_url);

}  // namespace slotwise
