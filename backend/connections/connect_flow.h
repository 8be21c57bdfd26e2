// connect_flow.h — connecting a user's provider account: the authorization-code flow with PKCE from the start URL to
// the stored, checked connection.
//
// Contract:
// - `Start` creates a single-use `state` (10 minutes) bound to the caller's session, the provider and the user, keeps
//   the PKCE verifier server-side with it, and returns the provider's authorize URL. The widget opens that URL in a
//   top-level popup (providers refuse to render inside frames, and the embedding page must never see the flow).
// - `Complete` handles the provider's redirect to /oauth/<provider>/callback: it consumes the state (reused, expired,
//   other-session and other-provider states are refused — the last one is the mix-up defence), maps provider errors
//   (access_denied, Microsoft consent errors with the tenant-admin consent link), exchanges the code with the
//   verifier, identifies the account, stores the sealed tokens and runs the function check (ConnectionProbe).
// - Nothing here ever returns a token to the caller; the outcome carries the connection's public fields only.
// - Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "connections/connection_probe.h"
#include "connections/connection_store.h"
#include "connections/provider_registry.h"
#include "connections/token_manager.h"
#include "net/url.h"
#include "oauth/oauth_state.h"

namespace slotwise {

struct ConnectStart {
  std::string authorize_url;
};

struct ConnectOutcome {
  std::string return_origin;  // from the consumed state; empty when the state could not be trusted
  std::string tenant_id;      // whose flow it was (from the consumed state; empty with return_origin)
  std::string user_id;
  Result<Connection> connection = Error{"", "", ""};
  std::vector<FunctionCheck> checks;
};

class ConnectFlow {
 public:
  using Clock = std::function<std::int64_t()>;

  ConnectFlow(const ProviderRegistry& providers, oauth::StateStore& states, ConnectionStore& connections,
              TokenManager& tokens, ConnectionProbes& probes, Clock clock)
      : providers_(providers), states_(states), connections_(connections), tokens_(tokens), probes_(probes),
        clock_(std::move(clock)) {}

  // The authorize URL asks for the scopes of `purpose` (ProviderRegistry::ScopesFor). A purpose the provider cannot be
  // connected for (CheckConnectPurpose: hr_posting on anything but Microsoft) is refused with that error.
  Result<ConnectStart> Start(const std::string& tenant_id, const std::string& user_id, oauth::Provider provider,
                             const std::string& session_id, const std::string& return_origin,
                             const std::string& login_hint, ConnectPurpose purpose = ConnectPurpose::kCalendarRooms);

  ConnectOutcome Complete(oauth::Provider provider, const net::Params& callback_query, const std::string& session_id);

  // Called after a new connection was stored and checked; a returned check is saved with the others (used to
  // subscribe to calendar changes). Set before the server runs.
  using ConnectedHook = std::function<std::optional<FunctionCheck>(const Connection&)>;
  void SetConnectedHook(ConnectedHook hook) { connected_hook_ = std::move(hook); }

  // Runs the function check again for a stored connection and saves the result.
  Result<std::vector<FunctionCheck>> Recheck(const std::string& connection_id);

 private:
  const ProviderRegistry& providers_;
  oauth::StateStore& states_;
  ConnectionStore& connections_;
  TokenManager& tokens_;
  ConnectionProbes& probes_;
  Clock clock_;
  ConnectedHook connected_hook_;
};

}  // namespace slotwise
