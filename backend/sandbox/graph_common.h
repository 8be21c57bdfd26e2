// graph_common.h — what the Graph route files share (internal): token and mailbox resolution with Graph's errors.
//
// Contract: require SandboxCore::mutex held. On failure they answer Graph's error and return nullopt/nullptr.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

// The caller's token, or 401 InvalidAuthenticationToken.
std::optional<AccessToken> GraphToken(SandboxCore& core, const httplib::Request& req, httplib::Response& res);

// A mailbox the caller may use: "me" (delegated only), or a user/room id or address. Delegated tokens reach only
// their own mailbox (403 ErrorAccessDenied otherwise); app tokens reach every mailbox of their tenant.
struct Mailbox {
  std::string email;
  std::string name;
  std::string time_zone;
  std::string id;
  const User* user = nullptr;  // nullptr for rooms
};
std::optional<Mailbox> GraphMailbox(SandboxCore& core, const AccessToken& token, const std::string& segment,
                                    httplib::Response& res, bool allow_other_users_for_delegated = false);

// "http://host:port" of this request (absolute links such as @odata.nextLink point back at the sandbox).
std::string SelfBase(const httplib::Request& req);

}  // namespace slotwise::sandbox
