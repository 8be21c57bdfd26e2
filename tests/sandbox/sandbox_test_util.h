// sandbox_test_util.h — the sandbox suite's fixture: a RunningSandbox (support/running_sandbox.h) that knows a
// redirect URI for each provider's default client, with an HTTP client to it, plus helpers that drive the sign-in
// pages.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"
#include "support/http_call.h"
#include "support/running_sandbox.h"
#include "support/sandbox_pages.h"

namespace slotwise::sandbox::testing {

using nlohmann::json;
using ::slotwise::testing::QueryOf;
using ::slotwise::testing::RequestIdOf;

inline constexpr const char* kRedirect = "http://127.0.0.1:9/callback";

class LiveSandbox {
 public:
  explicit LiveSandbox(SandboxOptions options = {});
  httplib::Client& client() { return *client_; }
  Sandbox& sandbox() { return running_.sandbox(); }
  int port() const { return running_.port(); }

  // POST JSON with an optional Bearer token.
  httplib::Result PostJson(const std::string& path, const json& body, const std::string& token = "");
  httplib::Result Get(const std::string& path, const std::string& token = "");
  std::string Token(const std::string& provider, const std::string& user);  // via POST /sandbox/tokens

 private:
  ::slotwise::testing::RunningSandbox running_;
  std::unique_ptr<httplib::Client> client_;
};

struct Pkce {
  std::string verifier;
  std::string challenge;
};
Pkce MakePkce();

// GET authorize URL (path + query), then POST the consent form; returns the 302 Location ("" when none).
std::string ConsentRedirect(LiveSandbox& sandbox, const std::string& authorize_path_and_query, const std::string& login,
                            const std::string& decision = "allow");
std::string Encode(const std::string& text);

}  // namespace slotwise::sandbox::testing
