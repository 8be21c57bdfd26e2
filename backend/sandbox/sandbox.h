// sandbox.h — local HTTP servers that speak the wire formats of Google (OAuth + Calendar v3), Microsoft (identity
// platform v2 + Graph v1.0 incl. Teams), Zoom (OAuth + API v2) and GoTo (OAuth + G2M REST), including their failures.
// Used by the backend's tests and by the out-of-the-box demo. The HTTP surface is documented in docs/SANDBOX.md.
//
// Contract:
// - All state lives in memory inside the Sandbox and is guarded by one mutex: every public method and every route is
//   thread-safe. Nothing is persisted.
// - Routes never crash on bad input: they answer in the provider's error format (see docs/PROVIDERS.md).
// - Change notifications (Google watch channels, Graph subscriptions, Zoom webhooks) are delivered by a background
//   thread owned by the Sandbox; routes never block on them. The destructor stops that
//   thread (pending deliveries are dropped).
// - "Now" is the real clock plus an offset that AdvanceClock (or POST /sandbox/clock) moves forward — to expire codes
//   and tokens in tests without sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "edge/edge_server.h"
#include "slotwise/result.h"

namespace slotwise::sandbox {

// The OAuth clients every fresh sandbox knows (they have NO redirect URIs until RegisterClient adds some).
inline constexpr std::string_view kGoogleClientId = "slotwise-sandbox.apps.googleusercontent.com";
inline constexpr std::string_view kGoogleClientSecret = "sandbox-google-secret";
inline constexpr std::string_view kMicrosoftClientId = "5a0d7e1c-0000-4000-8000-5107317e0001";
inline constexpr std::string_view kMicrosoftClientSecret = "sandbox-microsoft-secret";
inline constexpr std::string_view kZoomClientId = "sandbox-zoom-client";
inline constexpr std::string_view kZoomClientSecret = "sandbox-zoom-secret";
inline constexpr std::string_view kGoToClientId = "sandbox-goto-client";
inline constexpr std::string_view kGoToClientSecret = "sandbox-goto-secret";
// The built-in Bot Framework registration (the Teams app's bot): its Microsoft app id and client secret at the
// sandbox's Bot Connector (docs/SANDBOX.md "Bot Connector").
inline constexpr std::string_view kBotAppId = "5a0d7e1c-0000-4000-8000-5107317eb071";
inline constexpr std::string_view kBotAppSecret = "sandbox-bot-secret";

// The demo organisation (seeded when SandboxOptions::seed_demo_org): see docs/SANDBOX.md for every person and room.
inline constexpr std::string_view kDemoGoogleDomain = "kumo.example";
inline constexpr std::string_view kDemoMicrosoftDomain = "kumo-labs.example";
inline constexpr std::string_view kDemoMicrosoftTenant = "7d3e1f00-0000-4000-8000-00000000c0de";

struct SandboxOptions {
  bool seed_demo_org = true;                       // seed the demo organisation at construction and on reset
  std::int64_t access_token_ttl_seconds = 3599;    // lifetime of minted access tokens (returned as expires_in)
};

struct OAuthClientRegistration {
  std::string provider;  // google | microsoft | zoom | goto
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> redirect_uris;  // compared byte-for-byte at authorize and token time
};

// A freshly minted token pair for a seeded user (POST /sandbox/tokens does the same over HTTP).
struct MintedTokens {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;  // seconds
};

class SandboxCore;  // the state and the route implementations (internal)

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Registers every route under /google /microsoft /zoom /goto /sandbox on `server`, and installs the server's
  // pre-routing handler (fault injection and slow responses; replaces any earlier one). `server` must outlive
  // neither this Sandbox's use of it: unmount by destroying the server first.
  void Mount(httplib::Server& server);

  // Adds a client, or adds the redirect URIs (and sets the secret when non-empty) of an existing one. An unknown
  // provider name is ignored.
  void RegisterClient(const OAuthClientRegistration& client);

  // Back to a fresh state (default clients, no faults, empty logs), seeded with the demo org when `seed_demo_org`.
  void Reset(bool seed_demo_org);

  // Applies a POST /sandbox/seed document (see docs/SANDBOX.md). Error "invalid_seed" with the offending field.
  Result<bool> Seed(std::string_view seed_json);

  // Mints tokens for a seeded user (email or id) of `provider`; `scopes` empty = the provider's full default set.
  // Error "unknown_user" / "unknown_provider".
  Result<MintedTokens> MintTokens(std::string_view provider, std::string_view user,
                                  const std::vector<std::string>& scopes = {});

  // Moves the sandbox clock forward (codes, tokens and sync tokens expire by it).
  void AdvanceClock(std::int64_t seconds);
  std::int64_t Now() const;  // Unix seconds on the sandbox clock

  // Where notifications' receivers are told the sandbox lives (used in resourceUri and similar). Optional.
  void SetPublicBaseUrl(std::string base_url);

  SandboxCore& core() { return *core_; }

 private:
  std::unique_ptr<SandboxCore> core_;
};

// A standalone server with a Sandbox mounted (for `slotwise sandbox`, `serve --demo` and tests): the sandbox's routes
// on an httplib::Server, served through the product's own network edge (edge/edge_server.h), so a stopped sandbox
// lets go of its clients at once (kept-alive connections included) instead of waiting out their keep-alive time.
// Bind then Run (blocking, typically on its own thread); Stop may be called from any thread, also before Run.
class SandboxServer {
 public:
  explicit SandboxServer(SandboxOptions options = {});
  ~SandboxServer();

  // Binds `host:port` (0 = an ephemeral port). Returns the bound port, or Error "bind_failed".
  Result<int> Bind(const std::string& host, int port);
  void Run();   // serves until Stop; returns immediately when Bind did not succeed or Stop came first
  void Stop();  // idempotent
  Sandbox& sandbox() { return sandbox_; }
  httplib::Server& routes() { return routes_; }  // the routes (tests may add their own before Run)

 private:
  Sandbox sandbox_;
  httplib::Server routes_;
  std::unique_ptr<edge::EdgeServer> edge_;  // made by Bind
  std::atomic<bool> stopped_{false};
};

}  // namespace slotwise::sandbox
