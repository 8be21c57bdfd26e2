// http_server.h — the Slotwise HTTP server (cpp-httplib): the REST API under /v1 and the staged web assets.
//
// Contract:
// - Binds only the address it is given (127.0.0.1 by default); port 0 picks a free ephemeral port (tests).
// - Every error answers with docs/ENGINE.md's error object {"error": {"code",
// "message", "field"?}} and a 4xx/5xx status.
// - The network edge is backend/edge (edge_server.h): requests are read to their end within whole deadlines and
//   budgets (head, body, connections per address) before a worker runs them; ServerOptions carries those bounds.
// - Thread-safety: handlers run on the edge's worker threads; everything they share is immutable or synchronized
//   (the ZoneSource passed in must be thread-safe).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/rate_limits.h"
#include "auth/client_address.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"

namespace httplib {
class Server;
}

namespace slotwise::edge {
class EdgeServer;
}

namespace slotwise {

class ApiAuth;
class AuditRecorder;
class RateLimits;
struct ApiAuthOptions;
class ConnectionAccess;
class ConnectionsRuntime;
class SchedulingRuntime;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;        // 0 = any free port
  std::string web_root;   // folder of staged web assets served at "/"; empty = none
  bool demo = false;      // serve the demo organisation's data
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // larger request bodies answer 413
  std::size_t max_header_bytes = 16 * 1024;      // a larger request line + headers answers 431
  int read_timeout_seconds = 10;  // whole deadline for a request's head, and again for its body (408)
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;
  int threads = 8;        // worker threads serving requests
  int max_connections = 4096;
  int max_connections_per_address = 256;
  // The reverse proxies whose X-Forwarded-For / Forwarded are believed for the client's address (auth/client_address.h),
  // as CIDRs already checked by the configuration; the address goes to the log and the per-address rate limit.
  std::vector<std::string> trusted_proxies;
  RateLimitOptions rate_limits;  // api/rate_limits.h
  ConnectionsRuntime* connections = nullptr;  // provider connections (OAuth routes); not owned; null = off
};

class HttpServer {
 public:
  static constexpr int kListenBacklog = 1024;  // pending connections the kernel queues before accept
  static constexpr int kRequestsPerConnection = 100;  // a kept-alive connection closes after this many

  HttpServer(ServerOptions options, ZoneSource& zones);
  ~HttpServer();

  Result<int> Bind();  // binds host:port; returns the bound port
  // Adds the tenant, directory and interview routes of `scheduling` (borrowed; must outlive the server), whose callers
  // are authenticated by an ApiAuth made from `auth` (fails when its widget keys are unusable). Call before Run();
  // until then POST /v1/availability answers inline calendars only.
  Result<bool> EnableScheduling(SchedulingRuntime& scheduling, ApiAuthOptions auth);
  // The public base URL (e.g. "http://127.0.0.1:8080") for links the server hands out; default http://host:port.
  void SetPublicUrl(std::string url) { public_url_ = std::move(url); }
  void Run();          // serves until Stop(); call after a successful Bind()
  void Stop();         // thread-safe; makes Run() return

 private:
  void RegisterRoutes();

  ServerOptions options_;
  ZoneSource& zones_;
  SchedulingRuntime* scheduling_ = nullptr;
  std::unique_ptr<ApiAuth> auth_;  // with scheduling_
  std::vector<auth::Cidr> trusted_proxies_;
  std::unique_ptr<RateLimits> rate_limits_;  // always: per address; per caller once EnableScheduling made auth_
  std::unique_ptr<AuditRecorder> audit_;  // with scheduling_: fed by the request telemetry after each response
  std::unique_ptr<ConnectionAccess> connection_access_;
  bool connection_routes_registered_ = false;
  bool readiness_route_registered_ = false;
  std::string public_url_;
  std::unique_ptr<httplib::Server> server_;      // the routes; never listens itself
  std::unique_ptr<edge::EdgeServer> edge_;       // the connections
};

}  // namespace slotwise
