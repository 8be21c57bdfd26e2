// The OAuth client against a THIRD-PARTY authorization server: the npm package oauth2-mock-server (7.2.1), run by
// tests/oauth/mock_oauth_server.mjs under node. It checks PKCE (S256) itself and signs its tokens with RS256, so this
// test checks our client against code we did not write. Without node the test FAILS (it does not skip).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "oauth/oauth_client.h"
#include "oauth_test_util.h"
#include "slotwise/error_codes.h"

extern char** environ;

using namespace slotwise::oauth;
using slotwise::testing::kNow;

namespace {

// `node tests/oauth/mock_oauth_server.mjs`, with its stdin and stdout on pipes. Closing stdin stops it.
class MockOAuthServer {
 public:
  MockOAuthServer() {
    int to_child[2] = {-1, -1};
    int from_child[2] = {-1, -1};
    REQUIRE(pipe2(to_child, O_CLOEXEC) == 0);
    REQUIRE(pipe2(from_child, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    posix_spawn_file_actions_addchdir_np(&actions, SLOTWISE_SOURCE_DIR);
    const std::string script = std::string(SLOTWISE_SOURCE_DIR) + "/tests/oauth/mock_oauth_server.mjs";
    char* argv[] = {const_cast<char*>("node"), const_cast<char*>(script.c_str()), nullptr};
    const int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    if (spawned != 0) pid_ = -1;
    REQUIRE_MESSAGE(spawned == 0,
                    "cannot start `node` (is Node.js 18+ installed and on PATH?): this test needs it "
                    "to run the third-party oauth2-mock-server");
    base_url_ = ReadLine(std::chrono::seconds(15));
    REQUIRE_MESSAGE(base_url_.rfind("http://127.0.0.1:", 0) == 0,
                    "mock_oauth_server.mjs did not print its URL (is oauth2-mock-server installed in "
                        << SLOTWISE_SOURCE_DIR << "/node_modules? run npm ci); got: \"" << base_url_ << "\"");
  }
  MockOAuthServer(const MockOAuthServer&) = delete;
  MockOAuthServer& operator=(const MockOAuthServer&) = delete;
  ~MockOAuthServer() {
    if (stdin_ >= 0) close(stdin_);  // the script exits when its stdin closes
    if (pid_ > 0) {
      int status = 0;
      for (int i = 0; i < 300 && waitpid(pid_, &status, WNOHANG) == 0; ++i) usleep(10'000);
      if (waitpid(pid_, &status, WNOHANG) == 0) {
        kill(pid_, SIGKILL);  // only the child this test started
        waitpid(pid_, &status, 0);
      }
    }
    if (stdout_ >= 0) close(stdout_);
  }

  const std::string& base_url() const { return base_url_; }

 private:
  std::string ReadLine(std::chrono::milliseconds limit) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd fd{stdout_, POLLIN, 0};
      if (poll(&fd, 1, 100) <= 0) continue;
      char c = 0;
      if (read(stdout_, &c, 1) != 1) break;  // EOF: the child died
      if (c == '\n') return line;
      line.push_back(c);
    }
    return line;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::string base_url_;
};

ClientRegistration MockRegistration(const std::string& base) {
  ClientRegistration registration;
  registration.provider = Provider::kGoogle;
  registration.endpoints.authorize_url = base + "/authorize";
  registration.endpoints.token_url = base + "/token";
  registration.endpoints.client_auth = ClientAuth::kSecretInBody;
  registration.client_id = "slotwise-test-client";
  registration.client_secret = "mock-secret";
  registration.redirect_uri = "http://127.0.0.1:9/oauth/callback";
  registration.scopes = {"openid", "calendar"};
  registration.policy = slotwise::testing::FastPolicy();
  registration.policy.timeout = std::chrono::milliseconds(5000);
  return registration;
}

// Opens our authorize URL like a browser would, without following the redirect; returns the callback's query.
slotwise::net::Params Authorize(slotwise::net::HttpTransport& transport, const std::string& url) {
  slotwise::net::HttpRequest request;
  request.url = url;
  request.timeout = std::chrono::milliseconds(5000);
  const auto response = transport.Send(request);
  REQUIRE_MESSAGE(response.ok(), response.error().message);
  REQUIRE_MESSAGE(response->status == 302, "authorize answered " << response->status << ": " << response->body);
  const std::string location(response->Header("Location"));
  REQUIRE_MESSAGE(location.rfind("http://127.0.0.1:9/oauth/callback?", 0) == 0, "Location: " << location);
  return slotwise::net::ParseForm(location.substr(location.find('?') + 1)).value();
}

}  // namespace

TEST_CASE("OAuth: code flow with PKCE against the third-party oauth2-mock-server") {
  MockOAuthServer mock;
  std::unique_ptr<slotwise::net::HttpTransport> transport = slotwise::net::MakeHttplibTransport();
  const OAuthClient client(MockRegistration(mock.base_url()), *transport);

  // The server's signing key, from its JWKS.
  slotwise::net::HttpRequest jwks_request;
  jwks_request.url = mock.base_url() + "/jwks";
  jwks_request.timeout = std::chrono::milliseconds(5000);
  const auto jwks = transport->Send(jwks_request);
  REQUIRE(jwks.ok());
  const auto keys = nlohmann::json::parse(jwks->body, nullptr, false);
  REQUIRE(keys.is_object());
  REQUIRE(keys.contains("keys"));
  REQUIRE(keys["keys"].is_array());
  REQUIRE(keys["keys"].size() == 1);
  const auto public_pem = slotwise::crypto::RsaPublicPemFromJwk(keys["keys"][0]);
  REQUIRE_MESSAGE(public_pem.ok(), public_pem.error().message);

  SUBCASE("the right verifier gets tokens signed by the server's key; refresh works too") {
    const PkcePair pkce = MakePkcePair();
    const std::string state = slotwise::crypto::RandomToken();
    const auto callback = Authorize(*transport, client.AuthorizeUrl(state, pkce.challenge));
    CHECK(slotwise::net::ParamValue(callback, "state") == state);
    const std::string code = slotwise::net::ParamValue(callback, "code").value_or("");
    REQUIRE_FALSE(code.empty());

    const auto tokens = client.ExchangeCode(code, pkce.verifier, kNow);
    REQUIRE_MESSAGE(tokens.ok(), tokens.error().message);
    CHECK(tokens->expires_at == kNow + 3600);
    CHECK_FALSE(tokens->refresh_token.empty());
    const auto claims = slotwise::crypto::VerifyRs256(tokens->access_token, *public_pem);
    REQUIRE_MESSAGE(claims.ok(), claims.error().message);
    CHECK((*claims)["iss"] == mock.base_url());
    CHECK((*claims)["sub"] == "johndoe");
    const auto id_claims = slotwise::crypto::VerifyRs256(tokens->id_token, *public_pem);
    REQUIRE_MESSAGE(id_claims.ok(), id_claims.error().message);
    CHECK((*id_claims)["aud"] == "slotwise-test-client");  // it read our client_id from the form body

    // A token signed by another key does not pass as the server's.
    const auto other = slotwise::crypto::GenerateRsaKeyPair();
    REQUIRE(other.ok());
    CHECK(slotwise::crypto::VerifyRs256(tokens->access_token, other->public_pem).error().code == "invalid_signature");

    const auto refreshed = client.Refresh(tokens->refresh_token, kNow + 100);
    REQUIRE_MESSAGE(refreshed.ok(), refreshed.error().message);
    CHECK(slotwise::crypto::VerifyRs256(refreshed->access_token, *public_pem).ok());
    CHECK(refreshed->refresh_token_rotated);  // the mock issues a new refresh token every time
  }

  SUBCASE("a wrong verifier is refused by the server") {
    const PkcePair pkce = MakePkcePair();
    const auto callback = Authorize(*transport, client.AuthorizeUrl("s2", pkce.challenge));
    const std::string code = slotwise::net::ParamValue(callback, "code").value_or("");
    REQUIRE_FALSE(code.empty());
    const auto refused = client.ExchangeCode(code, MakePkcePair().verifier, kNow);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == slotwise::codes::kProviderError);
    CHECK(refused.error().message.find("code_verifier provided does not match code_challenge") != std::string::npos);
    CHECK(refused.error().message.find("mock-secret") == std::string::npos);
  }
}
