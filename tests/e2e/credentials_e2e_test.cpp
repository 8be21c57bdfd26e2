// credentials_e2e_test.cpp — the credentials of a running `slotwise serve` (started from a configuration file, as an
// operator starts it): tenant API keys listed, created and revoked over HTTP, with every cross-tenant attempt refused
// and a revoked key refused on the very next request; several admin keys; and widget signing keys rotated across
// restarts — tokens of the old key still verify, new tokens use the new key at once, a removed key's tokens do not.
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "configured_server.h"
#include "slotwise/time.h"
#include "support/http_call.h"
#include "support/process_harness.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kCli = SLOTWISE_CLI_PATH;
const std::string kAdminOld = "operator-admin-key-old-0123456789";
const std::string kAdminNew = "operator-admin-key-new-9876543210";

// `slotwise serve` over `dir`'s database with `widget_tokens` as that part of the configuration.
class KeysServer : public ConfiguredServer {
 public:
  KeysServer(const std::filesystem::path& dir, const json& widget_tokens)
      : ConfiguredServer(dir, {{"database", {{"path", (dir / "slotwise.db").string()}}},
                               {"admin",
                                {{"api_key_hash", crypto::HexEncode(crypto::Sha256(kAdminOld))},
                                 {"api_key_hashes", {crypto::HexEncode(crypto::Sha256(kAdminNew))}}}},
                               {"widget_tokens", widget_tokens}}) {}
};

// A tenant made with the admin key, and its first API key (plaintext).
std::string CreateTenant(const KeysServer& server, const std::string& admin_key, const std::string& id) {
  const HttpReply created = server.Call(admin_key, "POST", "/v1/tenants", {{"id", id}, {"name", id}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const HttpReply key = server.Call(admin_key, "POST", "/v1/tenants/" + id + "/api_keys", {{"label", "ats"}});
  REQUIRE_MESSAGE(key.status == 201, key.body);
  return json::parse(key.body).at("api_key").get<std::string>();
}

std::string KeyIdOf(const std::string& plaintext) { return plaintext.substr(4, 16); }  // "swk_<key_id>_<secret>"

// True when no key object of `listing` carries anything secret.
bool ShowsNoSecret(const json& listing, const std::string& body) {
  for (const json& key : listing.at("api_keys")) {
    if (key.contains("api_key") || key.contains("secret_hash") || key.contains("secret")) return false;
  }
  return body.find("swk_") == std::string::npos;
}

json Widget(const std::string& secret_a, const std::string& secret_b, const std::string& current,
            bool with_a, bool with_b) {
  json keys = json::array();
  if (with_a) keys.push_back({{"kid", "2026-a"}, {"secret", secret_a}});
  if (with_b) keys.push_back({{"kid", "2026-b"}, {"secret", secret_b}});
  return {{"keys", keys}, {"current_kid", current}};
}

std::string MintWidgetToken(const KeysServer& server, const std::string& api_key) {
  const HttpReply minted = server.Call(api_key, "POST", "/v1/widget_tokens",
                                       {{"user", "rita@acme.test"}, {"scopes", {"availability:read"}}, {"ttl_seconds", 600}});
  REQUIRE_MESSAGE(minted.status == 201, minted.body);
  return json::parse(minted.body).at("token").get<std::string>();
}

std::string KidOf(const std::string& widget_token) {  // "swt1.<kid>.<payload>.<signature>"
  const std::size_t first = widget_token.find('.');
  return widget_token.substr(first + 1, widget_token.find('.', first + 1) - first - 1);
}

}  // namespace

TEST_CASE("Credentials: a tenant lists, creates and revokes its own API keys and never reaches another tenant's") {
  TempDir dir;
  const std::string secret(32, 'a');
  KeysServer server(dir.path(), {{"keys", {{{"kid", "w-only"}, {"secret", secret}}}}});
  const std::string acme = CreateTenant(server, kAdminOld, "acme");
  const std::string globex = CreateTenant(server, kAdminNew, "globex");  // the second admin key works as well

  // Create: 201, the plaintext once, no caching.
  const HttpReply created = server.Call(acme, "POST", "/v1/api_keys", {{"label", "rotation 2026-12"}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  CHECK(created.Header("Cache-Control") == "no-store");
  const json fresh = json::parse(created.body);
  const std::string second = fresh.at("api_key").get<std::string>();
  CHECK(fresh.at("tenant_id") == "acme");
  CHECK(fresh.at("label") == "rotation 2026-12");
  CHECK(fresh.at("active") == true);
  CHECK(fresh.at("revoked_at").is_null());
  CHECK(fresh.at("last_used_at").is_null());  // not used yet
  CHECK(KeyIdOf(second) == fresh.at("key_id"));
  const std::string before_use = FormatRfc3339(std::time(nullptr));
  CHECK(server.Call(second, "GET", "/v1/tenant").status == 200);

  // List: both of acme's keys, none of globex's, no secret anywhere.
  const HttpReply listed = server.Call(acme, "GET", "/v1/api_keys");
  REQUIRE_MESSAGE(listed.status == 200, listed.body);
  const json listing = json::parse(listed.body);
  CHECK(listing.at("api_keys").size() == 2);
  CHECK(ShowsNoSecret(listing, listed.body));
  CHECK(listed.body.find(KeyIdOf(globex)) == std::string::npos);
  for (const json& key : listing.at("api_keys")) {
    CHECK(key.at("tenant_id") == "acme");
    // Both were used (`second` read the tenant above, after before_use). RFC 3339 UTC strings compare as times.
    REQUIRE(key.at("last_used_at").is_string());
    // time() reads the coarse clock, a few milliseconds behind the server's: one second of slack.
    CHECK(key.at("last_used_at").get<std::string>() <= FormatRfc3339(std::time(nullptr) + 1));
    if (key.at("key_id") == KeyIdOf(second)) CHECK(key.at("last_used_at").get<std::string>() >= before_use);
  }

  SUBCASE("a revoked key is refused on the very next request, also when it was just used (cached)") {
    REQUIRE(server.Call(second, "GET", "/v1/api_keys").status == 200);  // verified and cached
    const HttpReply revoked = server.Call(acme, "DELETE", "/v1/api_keys/" + KeyIdOf(second));
    CHECK_MESSAGE(revoked.status == 204, revoked.body);
    const HttpReply refused = server.Call(second, "GET", "/v1/tenant");
    CHECK(refused.status == 401);
    CHECK(json::parse(refused.body).at("error").at("code") == "unauthorized");
    CHECK(server.Call(acme, "GET", "/v1/tenant").status == 200);  // the other key is untouched
    // Revoking again is answered the same; the listing shows when it was revoked.
    CHECK(server.Call(acme, "DELETE", "/v1/api_keys/" + KeyIdOf(second)).status == 204);
    const json after = json::parse(server.Call(acme, "GET", "/v1/api_keys").body);
    for (const json& key : after.at("api_keys")) {
      CHECK(key.at("active") == (key.at("key_id") != KeyIdOf(second)));
      CHECK(key.at("revoked_at").is_null() == key.at("active").get<bool>());
    }
  }

  SUBCASE("another tenant's key cannot be revoked, listed or used to reach the first tenant's keys") {
    const HttpReply crossed = server.Call(globex, "DELETE", "/v1/api_keys/" + KeyIdOf(acme));
    CHECK(crossed.status == 404);
    CHECK(json::parse(crossed.body).at("error").at("code") == "not_found");
    CHECK(crossed.body.find("acme") == std::string::npos);  // the answer does not confirm whose key it is
    CHECK(server.Call(acme, "GET", "/v1/tenant").status == 200);  // still active
    const HttpReply unknown = server.Call(globex, "DELETE", "/v1/api_keys/0123456789abcdef");
    CHECK(unknown.status == 404);  // the same answer as for a key that does not exist
    const json globex_keys = json::parse(server.Call(globex, "GET", "/v1/api_keys").body);
    REQUIRE(globex_keys.at("api_keys").size() == 1);
    CHECK(globex_keys.at("api_keys")[0].at("key_id") == KeyIdOf(globex));
    // The tenant routes take no tenant from the request; the admin routes refuse tenant keys.
    CHECK(server.Call(globex, "GET", "/v1/tenants/acme/api_keys").status == 401);
    CHECK(server.Call(globex, "POST", "/v1/tenants/acme/api_keys", json::object()).status == 401);
    CHECK(server.Call(globex, "DELETE", "/v1/tenants/acme/api_keys/" + KeyIdOf(acme)).status == 401);
    CHECK(server.Call(acme, "GET", "/v1/tenant").status == 200);
  }

  SUBCASE("a key cannot revoke itself; the operator can revoke any key") {
    const HttpReply self = server.Call(acme, "DELETE", "/v1/api_keys/" + KeyIdOf(acme));
    CHECK(self.status == 403);
    CHECK(json::parse(self.body).at("error").at("code") == "forbidden");
    CHECK(server.Call(acme, "GET", "/v1/tenant").status == 200);
    // The rotation the answer describes: revoke the old key with the new one.
    CHECK(server.Call(second, "DELETE", "/v1/api_keys/" + KeyIdOf(acme)).status == 204);
    CHECK(server.Call(acme, "GET", "/v1/tenant").status == 401);
    // The operator lists and revokes with an explicit tenant; a key of another tenant is not found there.
    const HttpReply admin_list = server.Call(kAdminNew, "GET", "/v1/tenants/acme/api_keys");
    REQUIRE(admin_list.status == 200);
    CHECK(ShowsNoSecret(json::parse(admin_list.body), admin_list.body));
    CHECK(server.Call(kAdminOld, "DELETE", "/v1/tenants/acme/api_keys/" + KeyIdOf(globex)).status == 404);
    CHECK(server.Call(globex, "GET", "/v1/tenant").status == 200);
    CHECK(server.Call(kAdminOld, "DELETE", "/v1/tenants/acme/api_keys/" + KeyIdOf(second)).status == 204);
    CHECK(server.Call(second, "GET", "/v1/tenant").status == 401);
    CHECK(server.Call(kAdminOld, "GET", "/v1/tenants/nobody/api_keys").status == 404);
    CHECK(server.Call(kAdminOld, "POST", "/v1/tenants/nobody/api_keys", json::object()).status == 404);
    CHECK(server.Call("not-an-admin-key-0123456789", "GET", "/v1/tenants/acme/api_keys").status == 401);
  }

  SUBCASE("bad input is a specific 4xx and creates nothing") {
    CHECK(server.Call(acme, "POST", "/v1/api_keys", {{"label", 7}}).status == 422);
    CHECK(server.Call(acme, "POST", "/v1/api_keys", {{"label", std::string(201, 'x')}}).status == 422);
    CHECK(server.Call(acme, "POST", "/v1/api_keys", {{"tenant_id", "globex"}}).status == 422);
    CHECK(server.Raw(acme, "POST", "/v1/api_keys", "[1]").status == 400);
    CHECK(server.Raw(acme, "POST", "/v1/api_keys", "{}", "text/plain").status == 415);
    CHECK(server.Call(kAdminOld, "POST", "/v1/tenants/acme/api_keys", {{"label", false}}).status == 422);
    CHECK(json::parse(server.Call(acme, "GET", "/v1/api_keys").body).at("api_keys").size() == 2);
    // A widget token never manages keys; an API key never comes from a browser.
    const std::string token = MintWidgetToken(server, acme);
    CHECK(server.Call(token, "GET", "/v1/api_keys").status == 403);
    CHECK(server.Call(token, "POST", "/v1/api_keys", json::object()).status == 403);
    const HttpReply browser = HttpCall("POST", server.origin() + "/v1/api_keys", "{}",
                                       {{"Authorization", "Bearer " + acme}, {"Origin", "https://ats.example"}});
    CHECK(browser.status == 403);
    CHECK(json::parse(server.Call(acme, "GET", "/v1/api_keys").body).at("api_keys").size() == 2);
  }
}

TEST_CASE("Credentials: rotating the widget signing key keeps old tokens valid until they expire and signs new ones at "
          "once; a removed key's tokens are refused") {
  TempDir dir;
  const std::string secret_a(32, 'A');
  const std::string secret_b(40, 'B');
  std::string api_key;
  std::string old_token;
  {
    KeysServer before(dir.path(), Widget(secret_a, secret_b, "2026-a", true, false));
    api_key = CreateTenant(before, kAdminOld, "acme");
    old_token = MintWidgetToken(before, api_key);
    CHECK(KidOf(old_token) == "2026-a");
    CHECK(before.Call(old_token, "GET", "/v1/people").status == 200);
  }
  std::string new_token;
  {
    KeysServer rotated(dir.path(), Widget(secret_a, secret_b, "2026-b", true, true));
    CHECK(rotated.Call(old_token, "GET", "/v1/people").status == 200);
    new_token = MintWidgetToken(rotated, api_key);
    CHECK(KidOf(new_token) == "2026-b");
    CHECK(rotated.Call(new_token, "GET", "/v1/people").status == 200);
  }
  {
    KeysServer retired(dir.path(), Widget(secret_a, secret_b, "2026-b", false, true));
    const HttpReply refused = retired.Call(old_token, "GET", "/v1/people");
    CHECK(refused.status == 401);
    CHECK(refused.body.find("no longer has") != std::string::npos);
    CHECK(retired.Call(new_token, "GET", "/v1/people").status == 200);
  }
}

TEST_CASE("Credentials: a widget key configuration that cannot work stops the server with the key to fix") {
  TempDir dir;
  const json configuration = {{"database", {{"path", (dir.path() / "slotwise.db").string()}}},
                              {"widget_tokens",
                               {{"keys", {{{"kid", "a"}, {"secret", std::string(32, 'a')}},
                                          {{"kid", "b"}, {"secret", std::string(32, 'b')}}}}}}};
  const std::filesystem::path file = dir.path() / "slotwise.json";
  std::ofstream(file) << configuration.dump();
  ChildProcess print;
  REQUIRE(print.Start({kCli, "serve", "--config", file.string(), "--print-config"}));
  const ProcessExit exit = print.Wait(10s);
  REQUIRE(exit.finished);
  CHECK(exit.exit_code != 0);
  CHECK(print.Output().find("widget_tokens.current_kid") != std::string::npos);
  CHECK(print.Output().find(std::string(32, 'a')) == std::string::npos);
}
