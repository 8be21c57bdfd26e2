// httplib_dispatch.h — runs one complete, already-buffered HTTP request through a cpp-httplib server's routes and
// returns the response as bytes: the bridge between the edge (edge_server.h), which owns the sockets, and the routes
// the rest of the backend registers on an httplib::Server.
//
// Why: Debian's cpp-httplib (0.11.4) reads each request off the socket on a worker thread that it keeps for the whole
// connection, with a timeout per recv() only — a handful of slow or idle clients hold every worker. The edge reads
// requests itself and gives httplib only complete ones, from memory. httplib declares its per-request processor
// private; httplib_dispatch.cpp is the one place that reaches it, pinned to that library version at compile time.
//
// Contract:
// - `request` holds exactly one request (FrameRequest's kComplete prefix). The server's handlers run on the calling
//   thread; `remote`/`local` become the request's remote_addr/port and local_addr/port.
// - The answer holds the whole response (status line, headers, body) without any interim "100 Continue";
//   `close` is true when the connection must close after it (the client asked for it, HTTP/1.0 without keep-alive,
//   `close_connection` was set, or the request could not be processed).
// - Thread-safe as httplib's own workers are: many threads may dispatch to one server concurrently.
#pragma once

#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace slotwise::edge {

struct Endpoint {
  std::string ip;
  int port = 0;
};

struct DispatchedResponse {
  std::string bytes;
  bool close = false;
};

DispatchedResponse DispatchBufferedRequest(httplib::Server& server, std::string_view request, const Endpoint& remote,
                                           const Endpoint& local, bool close_connection);

}  // namespace slotwise::edge
