// End to end: what must never happen — tokens or secrets in the database in plaintext, a sealed token opening in
// another row, a redirect URI that is not byte-for-byte the registered one, a stale key after rotation.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <regex>

#include "net/url.h"
#include "provider_world.h"
#include "sandbox/sandbox.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

std::vector<Connection> ConnectAll(ProviderWorld& world) {
  const std::vector<std::pair<std::string, std::string>> logins = {
      {"google", "lena.fischer@kumo.example"},
      {"microsoft", "sanne.devries@kumo-labs.example"},
      {"zoom", "lena.fischer@kumo.example"},
      {"goto", "priya.patel@kumo-labs.example"}};
  for (const auto& [provider, login] : logins) {
    ProviderWorld::Flow flow = world.Connect(provider, "recruiter-1", login);
    REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
  }
  Result<std::vector<Connection>> all = world.runtime().connections().ListForUser("default", "recruiter-1");
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  return all.value();
}

}  // namespace

TEST_CASE("Security: the database holds no plaintext token or client secret") {
  ProviderWorld world;
  const std::vector<Connection> connections = ConnectAll(world);
  // SQLite keeps recent pages in the WAL: read the database file and its WAL as raw bytes.
  const std::string bytes = ReadFile(world.db_path()) + ReadFile(world.db_path() + "-wal");
  REQUIRE(bytes.size() > 4096);
  for (const Connection& c : connections) {
    CAPTURE(c.account_email);
    REQUIRE(c.access_token.size() >= 16);
    CHECK(bytes.find(c.access_token) == std::string::npos);
    if (!c.refresh_token.empty()) CHECK(bytes.find(c.refresh_token) == std::string::npos);
    CHECK(bytes.find(c.account_email) != std::string::npos);  // the scan does see plaintext that IS stored
  }
  for (std::string_view secret : {sandbox::kGoogleClientSecret, sandbox::kMicrosoftClientSecret,
                                  sandbox::kZoomClientSecret, sandbox::kGoToClientSecret}) {
    CHECK(bytes.find(secret) == std::string::npos);
  }
  CHECK(bytes.find("v1.test-1.") != std::string::npos);  // sealed values, tagged with their key id
}

TEST_CASE("Security: a sealed token copied into another row does not open") {
  ProviderWorld world;
  const std::vector<Connection> connections = ConnectAll(world);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(world.db_path().c_str(), &db) == SQLITE_OK);
  const std::string sql = "UPDATE connections SET access_token_sealed = (SELECT access_token_sealed FROM connections "
                          "WHERE id = '" + connections[0].id + "') WHERE id = '" + connections[1].id + "'";
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Result<std::optional<Connection>> moved = world.runtime().connections().Find(connections[1].id);
  REQUIRE_FALSE(moved.ok());
  CHECK(moved.error().code == "decrypt_failed");
  CHECK(world.runtime().connections().Find(connections[0].id).ok());
}

TEST_CASE("Security: key rotation re-seals every token under the new key; the old key is then not needed") {
  ProviderWorld world;
  const std::vector<Connection> connections = ConnectAll(world);
  const std::string new_key = crypto::Keyring::NewKeySpec("test-2");
  Result<crypto::Keyring> both = crypto::Keyring::Parse(new_key + "," + world.key_spec());
  REQUIRE(both.ok());
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(world.db_path());
  REQUIRE(store.ok());
  crypto::TokenVault rotating_vault(std::move(both).value());
  ConnectionStore rotating(*store.value(), rotating_vault);
  Result<int> resealed = rotating.RotateKeys();
  REQUIRE(resealed.ok());
  int expected = 0;
  for (const Connection& c : connections) expected += c.refresh_token.empty() ? 1 : 2;
  CHECK(*resealed == expected);
  CHECK(rotating.RotateKeys().value() == 0);  // nothing left under the old key

  Result<crypto::Keyring> only_new = crypto::Keyring::Parse(new_key);
  REQUIRE(only_new.ok());
  crypto::TokenVault new_vault(std::move(only_new).value());
  ConnectionStore reopened(*store.value(), new_vault);
  for (const Connection& c : connections) {
    Result<std::optional<Connection>> found = reopened.Find(c.id);
    REQUIRE(found.ok());
    CHECK(found->value().access_token == c.access_token);
    CHECK(found->value().refresh_token == c.refresh_token);
  }
}

TEST_CASE("Security: only the exact registered redirect URI is accepted") {
  ProviderWorld world;
  HttpAnswer start = HttpGet(world.root() + "/oauth/google/start?user=u1");
  REQUIRE(start.status == 302);
  const std::string registered = UrlParam(start.location, "redirect_uri");
  REQUIRE(registered == world.root() + "/oauth/google/callback");
  const std::string port = world.root().substr(world.root().rfind(':') + 1);
  const std::vector<std::string> variants = {
      registered + "/",
      registered + "?next=https://evil.example",
      registered + "#x",
      "http://localhost:" + port + "/oauth/google/callback",
      "http://127.0.0.1:" + std::to_string(std::stoi(port) + 1) + "/oauth/google/callback",
      "https://127.0.0.1:" + port + "/oauth/google/callback",
      world.root() + "/OAUTH/google/callback",
      world.root() + "/oauth/google/callback/../../evil",
  };
  for (const std::string& variant : variants) {
    CAPTURE(variant);
    const std::string url = std::regex_replace(start.location, std::regex("redirect_uri=[^&]*"),
                                               "redirect_uri=" + net::PercentEncode(variant));
    HttpAnswer page = HttpGet(url);
    CHECK(page.status == 400);
    CHECK(page.location.empty());  // shown on the provider's page, never redirected to the variant
    CHECK(page.body.find("redirect_uri_mismatch") != std::string::npos);
  }
}

TEST_CASE("Security: a code is redeemable only with the redirect URI it was issued for") {
  ProviderWorld world;
  ProviderWorld::Flow flow;
  HttpAnswer start = HttpGet(world.root() + "/oauth/zoom/start?user=u1");
  REQUIRE(start.status == 302);
  HttpAnswer page = HttpGet(start.location);
  const std::string request_id = RequestIdOf(page.body);
  REQUIRE_FALSE(request_id.empty());
  HttpAnswer consent = HttpPostForm(world.sandbox_root() + "/sandbox/consent",
                                    net::FormEncode({{"request_id", request_id},
                                                     {"login", "ken.sato@kumo.example"},
                                                     {"decision", "allow"}}));
  REQUIRE(consent.status == 302);
  const std::string code = UrlParam(consent.location, "code");
  oauth::ClientRegistration other = world.runtime().providers().Client(oauth::Provider::kZoom)->registration();
  other.redirect_uri += "/";
  oauth::OAuthClient client(other, world.runtime().transport());
  Result<oauth::TokenSet> tokens = client.ExchangeCode(code, "any-verifier-of-sufficient-length-0123456789abcdef", world.Now());
  REQUIRE_FALSE(tokens.ok());
  CHECK(tokens.error().message.find("Redirect URI mismatch") != std::string::npos);
}
