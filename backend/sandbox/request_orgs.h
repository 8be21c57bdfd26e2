// request_orgs.h — which organisations one provider call involved, for the request log (internal): the
// organisation its access token was issued for, and the organisations of every seeded account or room the call
// named. Tests assert with it that no call carries one customer's token to another customer's data.
//
// Contract: an organisation is a Microsoft tenant id (Microsoft accounts and rooms, app-only and delegated tokens)
// or a mail domain (Google and everything else). The token's organisation is "" for a call without a known bearer
// token (token endpoints, consent pages). Data organisations come from the seeded users' and rooms' addresses and
// user ids found in the path, query or body (anyone not seeded, such as a candidate, names no organisation). Call
// with the sandbox's mutex held.
#pragma once

#include <set>
#include <string>

#include <httplib.h>

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

struct RequestOrganisations {
  std::string token;             // the access token's organisation, "" when none
  std::set<std::string> data;    // the organisations of the accounts and rooms the call named
};

RequestOrganisations OrganisationsOf(const SandboxState& state, const httplib::Request& req);

}  // namespace slotwise::sandbox
