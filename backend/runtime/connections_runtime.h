// connections_runtime.h — everything the server needs for provider connections, built once at start-up and owned in
// one place: transport, provider registry, token vault, connection store, OAuth states, connect tickets, token
// manager, probes, flow.
//
// Contract: create before the HTTP server binds; call ConfigureProviders once the public base URL (and with it the
// redirect URIs) is known and before the server runs. Thread-safe afterwards (every part is).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "connections/change_notifications.h"
#include "connections/connect_flow.h"
#include "connections/connect_tickets.h"
#include "connections/org_access_registry.h"
#include "connections/org_connections.h"
#include "connections/connection_probe.h"
#include "connections/connection_store.h"
#include "connections/provider_registry.h"
#include "connections/token_manager.h"
#include "crypto/token_vault.h"
#include "net/http_transport.h"
#include "observability/instrumented_transport.h"
#include "oauth/oauth_state.h"
#include "runtime/provider_setup.h"
#include "store/sqlite_store.h"

namespace slotwise {

// The token keyring: SLOTWISE_TOKEN_KEYS / SLOTWISE_TOKEN_KEY_FILE (token_vault.h). With `demo_key_file` non-empty and
// neither set, a key file is created there (mode 0600) on first use and read afterwards.
Result<crypto::Keyring> LoadKeyring(const std::string& demo_key_file);

class ConnectionsRuntime {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  // `clock` defaults to the system clock; tests pass their own to move time (state and token expiry).
  ConnectionsRuntime(SqliteStore& database, crypto::Keyring keyring,
                     std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport(), Clock clock = {});
  ~ConnectionsRuntime();  // stops the change-notification worker before anything it uses goes away

  // Configures every provider `setup` registers, at the endpoints it names, and the deployment's organisation access
  // (runtime/provider_setup.h). `public_base_url` is where this server is reached (redirect URIs derive from it).
  void ConfigureProviders(const std::string& public_base_url, const ProviderSetup& setup);
  // ConfigureProviders with ProviderSetup::SandboxDemo(sandbox_root) (e.g. "http://127.0.0.1:4100").
  void ConfigureSandboxProviders(const std::string& public_base_url, const std::string& sandbox_root);

  ProviderRegistry& providers() { return *providers_; }
  ConnectionStore& connections() { return *connections_; }
  TokenManager& tokens() { return *tokens_; }
  ConnectFlow& flow() { return *flow_; }
  oauth::StateStore& states() { return *states_; }
  ConnectTickets& tickets() { return *tickets_; }  // the popup's single-use start tickets (same clock as the flow)
  // Each tenant's organisation access and organisation connections (org_access_registry.h).
  OrgAccessRegistry& org_access() { return *org_access_; }
  net::HttpTransport& transport() { return *transport_; }
  const crypto::TokenVault& vault() const { return *vault_; }
  // Change notifications: watches made on connect, webhook registries, tracked events and the sync worker (started
  // here; the Zoom webhook secret comes from SLOTWISE_ZOOM_WEBHOOK_SECRET or SetZoomWebhookSecret).
  ChangeNotifications& notifications() { return *notifications_; }

 private:
  std::unique_ptr<observability::InstrumentedTransport> transport_;  // wraps the one given: every provider call measured
  std::unique_ptr<crypto::TokenVault> vault_;
  std::unique_ptr<ProviderRegistry> providers_;
  std::unique_ptr<ConnectionStore> connections_;
  std::unique_ptr<oauth::StateStore> states_;
  std::unique_ptr<ConnectTickets> tickets_;
  std::unique_ptr<OrgConnectionStore> org_connections_;
  std::unique_ptr<OrgAccessRegistry> org_access_;
  std::unique_ptr<TokenManager> tokens_;
  std::unique_ptr<ConnectionProbes> probes_;
  std::unique_ptr<ConnectFlow> flow_;
  std::unique_ptr<ChangeNotifications> notifications_;  // last: destroyed (worker joined) first
};

}  // namespace slotwise
