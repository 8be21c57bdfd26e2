// demo_ats_server.h — the demo "ATS": a second web origin, as an applicant-tracking system that embeds the widget
// would have. `slotwise serve --demo` runs it on its own loopback port next to the API.
//
//   GET  /…                 the staged folder <web_root>/ats (web/ats/: the ATS page that mounts the widget)
//   POST /ats/widget_token  → 200 {"token", "expires_at", "scopes", "backend"}: the ATS's own server minting a widget
//                            token for its signed-in recruiter — server to server, POST <api_url>/v1/widget_tokens with
//                            the tenant's API key, which therefore never reaches the page.
//
// Contract: binds 127.0.0.1 only (port 0 = any free port); origin() is "http://127.0.0.1:<port>" after Bind() — the
// demo tenant must list it in allowed_origins for the embedded widget's calls to pass CORS. Run() blocks until Stop()
// (thread-safe). Errors from the API are passed through with their status.
#pragma once

#include <memory>
#include <string>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace httplib {
class Server;
}

namespace slotwise {

struct DemoAtsOptions {
  std::string web_root;   // the staged web folder; its ats/ subfolder is served
  std::string api_url;    // the Slotwise API, e.g. "http://127.0.0.1:8080"
  std::string api_key;    // the demo tenant's API key (stays on this server)
  std::string recruiter;  // whose widget tokens the ATS mints
  int port = 0;
};

class DemoAtsServer {
 public:
  DemoAtsServer(DemoAtsOptions options, net::HttpTransport& transport);
  ~DemoAtsServer();

  Result<int> Bind();
  void Run();
  void Stop();
  const std::string& origin() const { return origin_; }

 private:
  DemoAtsOptions options_;
  net::HttpTransport& transport_;
  std::string origin_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace slotwise
