// sandbox_test_util.h — a real SandboxServer on an ephemeral loopback port, plus helpers that drive the sign-in pages.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"

namespace slotwise::sandbox::testing {

using nlohmann::json;

inline constexpr const char* kRedirect = "http://127.0.0.1:9/callback";

class LiveSandbox {
 public:
  explicit LiveSandbox(SandboxOptions options = {});
  ~LiveSandbox();
  httplib::Client& client() { return *client_; }
  Sandbox& sandbox() { return server_.sandbox(); }
  int port() const { return port_; }

  // POST JSON with an optional Bearer token.
  httplib::Result PostJson(const std::string& path, const json& body, const std::string& token = "");
  httplib::Result Get(const std::string& path, const std::string& token = "");
  std::string Token(const std::string& provider, const std::string& user);  // via POST /sandbox/tokens

 private:
  SandboxServer server_;
  int port_ = 0;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

struct Pkce {
  std::string verifier;
  std::string challenge;
};
Pkce MakePkce();

// The value of `name="request_id" value="…"` in an authorize page, or "".
std::string RequestIdOf(const std::string& html);
// Query parameters of a redirect Location.
std::map<std::string, std::string> QueryOf(const std::string& location);
// GET authorize URL (path + query), then POST the consent form; returns the 302 Location ("" when none).
std::string ConsentRedirect(LiveSandbox& sandbox, const std::string& authorize_path_and_query, const std::string& login,
                            const std::string& decision = "allow");
std::string Encode(const std::string& text);

}  // namespace slotwise::sandbox::testing
