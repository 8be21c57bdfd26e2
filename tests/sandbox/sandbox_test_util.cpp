// sandbox_test_util.cpp — see sandbox_test_util.h.
#include "sandbox_test_util.h"

#include <doctest/doctest.h>

#include "crypto/crypto_primitives.h"
#include "net/url.h"

namespace slotwise::sandbox::testing {

LiveSandbox::LiveSandbox(SandboxOptions options) : running_(options) {
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port());
  client_->set_connection_timeout(2, 0);
  client_->set_read_timeout(5, 0);
  for (const char* provider : {"google", "microsoft", "zoom", "goto"}) {
    std::string id = std::string(provider) == "google"      ? std::string(kGoogleClientId)
                     : std::string(provider) == "microsoft" ? std::string(kMicrosoftClientId)
                     : std::string(provider) == "zoom"      ? std::string(kZoomClientId)
                                                            : std::string(kGoToClientId);
    sandbox().RegisterClient({provider, id, "", {kRedirect}});
  }
}

httplib::Result LiveSandbox::PostJson(const std::string& path, const json& body, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return client_->Post(path.c_str(), headers, body.dump(), "application/json");
}

httplib::Result LiveSandbox::Get(const std::string& path, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return client_->Get(path.c_str(), headers);
}

std::string LiveSandbox::Token(const std::string& provider, const std::string& user) {
  auto res = PostJson("/sandbox/tokens", {{"provider", provider}, {"user", user}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body).at("access_token").get<std::string>();
}

Pkce MakePkce() {
  Pkce pkce;
  pkce.verifier = crypto::RandomToken(32);
  pkce.challenge = crypto::Base64UrlEncode(crypto::Sha256(pkce.verifier));
  return pkce;
}

std::string ConsentRedirect(LiveSandbox& sandbox, const std::string& authorize_path_and_query, const std::string& login,
                            const std::string& decision) {
  auto page = sandbox.client().Get(authorize_path_and_query.c_str());
  REQUIRE(page);
  REQUIRE(page->status == 200);
  std::string request_id = RequestIdOf(page->body);
  REQUIRE(!request_id.empty());
  auto consent = sandbox.client().Post(
      "/sandbox/consent",
      net::FormEncode({{"request_id", request_id}, {"login", login}, {"decision", decision}}),
      "application/x-www-form-urlencoded");
  REQUIRE(consent);
  if (consent->status != 302) return "";
  return consent->get_header_value("Location");
}

std::string Encode(const std::string& text) { return net::PercentEncode(text); }

}  // namespace slotwise::sandbox::testing
