// http_transport.h — the one door through which the backend talks HTTP to a provider (or to the sandbox).
//
// Contract:
// - `HttpRequest::url` is absolute: "http(s)://host[:port]/path[?query]". The query string is already encoded.
// - Every request carries a timeout (`timeout` > 0): it bounds connecting, sending and each read. `Send` refuses a
//   request without one (Error "no_timeout") — no provider call may hang a worker thread.
// - Non-2xx statuses are NOT errors at this layer: they come back as an HttpResponse for the caller to interpret.
//   Errors are only transport failures: "no_timeout", "invalid_url", "timeout", "network_error".
// - Implementations are thread-safe: many threads may call Send concurrently.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "net/proxy_settings.h"
#include "slotwise/result.h"

namespace slotwise::net {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";          // GET, POST, PATCH, PUT, DELETE
  std::string url;                     // absolute URL, query already encoded
  std::vector<HttpHeader> headers;     // sent as given (Content-Type belongs here)
  std::string body;                    // sent as is; empty = no body
  std::chrono::milliseconds timeout{0};  // must be > 0
  // When set, the IP address to connect to instead of resolving the URL's host (the host still names the server for
  // TLS verification, SNI and Host): auth/outbound_policy.h pins the address it checked, so nothing resolves twice.
  std::string connect_address;

  // Appends a header; returns *this so requests read as one expression.
  HttpRequest& With(std::string name, std::string value);
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  // The first header with this name (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  bool Ok() const { return status >= 200 && status < 300; }
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends one request and returns the provider's response (any status), or a transport Error (see above).
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// The production transport: cpp-httplib clients (HTTPS through OpenSSL, certificates verified). Thread-safe.
// - Connections are kept open and reused per origin (up to 8 idle per origin, each for at most 4 s unused), so a
//   provider call costs a TLS handshake only now and then; a request that fails on a reused connection is tried once
//   on a new one when its method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS).
// - Forward proxies from https_proxy/http_proxy/no_proxy (proxy_settings.h); a request with `connect_address` never
//   goes through a proxy (the proxy would resolve the host again).
std::unique_ptr<HttpTransport> MakeHttplibTransport();                       // proxies from the process environment
std::unique_ptr<HttpTransport> MakeHttplibTransport(ProxySettings proxies);  // for tests

// Case-insensitive ASCII comparison of header names.
bool HeaderNameEquals(std::string_view a, std::string_view b);

}  // namespace slotwise::net
