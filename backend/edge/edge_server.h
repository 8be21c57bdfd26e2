// edge_server.h — the server's network edge: one epoll thread owns every client connection, reads each request to
// its end within deadlines and budgets, and only then hands it to a worker; slow, idle or oversized clients cost a
// buffer and a descriptor, never a worker thread.
//
// Contract:
// - Bind() listens on host:port (port 0 = any free port) with SO_REUSEADDR and never SO_REUSEPORT: a port in use is
//   a bind_failed error saying so. Run() serves until Stop() (thread-safe, also before Run()).
// - Per request: the head (request line + headers) must arrive within `header_timeout` of the connection being ready
//   for it (accepted, or its previous response written) — counted from the first byte for a kept-alive connection —
//   and the body within `body_timeout` of the head; otherwise 408 request_timeout and the connection closes. Framing
//   and budgets are FrameRequest's (request_framing.h): refusals answer their code (431, 413, 411, 400, 501) and close.
//   `Expect: 100-continue` is answered before the body is read.
// - A kept-alive connection may wait `idle_timeout` for its next request, and is closed at once when a new connection
//   needs its place. A response must be written within `write_timeout`.
// - Bounds: at most `max_connections` connections (and never more than the process's descriptor limit allows) and
//   `max_connections_per_address` from one client address; a connection over a bound first displaces an idle
//   connection (of that address, for the per-address bound), else is answered 503 server_busy with Retry-After and
//   closed. Request bytes held across all connections (buffered and in process) stay under `max_buffered_bytes`;
//   the request that would pass it is answered 503 server_busy.
// - Complete requests run on `workers` threads through the handler; requests of one connection run one at a time in
//   order (pipelined requests wait in the connection's buffer). A handler that throws yields 500 internal_error.
// - Refusals are rendered by the RefusalRenderer (the server's error shape); the edge adds nothing to them.
// - The edge closes a refused connection gracefully (lingering): it stops writing, reads and discards what the client
//   still sends for up to 2 s so the client sees the refusal rather than a reset.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "edge/httplib_dispatch.h"
#include "edge/request_framing.h"
#include "slotwise/result.h"

namespace slotwise::edge {

struct EdgeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  FramingLimits framing;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{10'000};
  std::chrono::milliseconds idle_timeout{5'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_address = 256;
  std::size_t max_buffered_bytes = 256u * 1024 * 1024;
  std::size_t max_requests_per_connection = 1000;
  int workers = 8;
  int listen_backlog = 1024;
};

// Runs one complete request (bytes of exactly one request) and answers the response bytes (httplib_dispatch.h).
using RequestHandler = std::function<DispatchedResponse(std::string_view request, const Endpoint& remote,
                                                        const Endpoint& local, bool close_connection)>;
// Renders a refusal of the edge as a complete response that closes the connection; `retry_after_seconds` > 0 asks
// for a Retry-After header.
using RefusalRenderer =
    std::function<std::string(std::string_view code, const std::string& message, int retry_after_seconds)>;

// Counters since start (for tests and metrics); read with relaxed ordering.
struct EdgeCounters {
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> refused_busy{0};     // 503 server_busy
  std::atomic<std::uint64_t> refused_framing{0};  // 400/411/413/431/501
  std::atomic<std::uint64_t> timed_out{0};        // 408, or a write that did not finish
  std::atomic<std::uint64_t> idle_closed{0};      // idle connections closed (timeout or displaced)
  std::atomic<std::uint64_t> open{0};             // connections open now
};

class EdgeServer {
 public:
  EdgeServer(EdgeOptions options, RequestHandler handler, RefusalRenderer render_refusal);
  ~EdgeServer();
  EdgeServer(const EdgeServer&) = delete;
  EdgeServer& operator=(const EdgeServer&) = delete;

  Result<int> Bind();  // returns the bound port
  void Run();          // serves until Stop(); call after a successful Bind()
  void Stop();         // thread-safe; makes Run() return (in-flight handlers finish first)

  const EdgeCounters& counters() const;

 private:
  struct Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace slotwise::edge
