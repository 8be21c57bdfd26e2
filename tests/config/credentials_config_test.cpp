// Tests for the credential keys of the configuration (backend/config): several admin key hashes, and a rotating set
// of widget signing keys with key ids — how they load, validate, resolve from files, print and combine.
#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "config/server_config.h"
#include "config_loading.h"
#include "support/temp_dir.h"

namespace slotwise::config {
namespace {

const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');


Error ValidationError(const ServerConfig& config) {
  Result<bool> valid = ValidateServerConfig(config);
  REQUIRE_MESSAGE(!valid.ok(), "validated unexpectedly");
  return valid.error();
}

}  // namespace

TEST_CASE("Config: several admin key hashes, the old single one still honoured") {
  const ServerConfig config = LoadOk(R"({"admin": {"api_key_hash": ")" + kHashA + R"(",
                                                   "api_key_hashes": [")" + std::string(64, 'B') + R"(", ")" + kHashA + R"("]}})");
  CHECK(config.admin.api_key_hashes == std::vector<std::string>{kHashB, kHashA});  // lower-cased
  CHECK(AdminKeyHashesOf(config.admin) == std::vector<std::string>{kHashA, kHashB});  // no repeats
  CHECK(AdminKeyHashesOf(LoadOk(R"({"admin": {"api_key_hashes": [")" + kHashB + R"("]}})").admin) ==
        std::vector<std::string>{kHashB});
  CHECK(AdminKeyHashesOf(LoadOk("{}").admin).empty());
  CHECK(LoadError(R"({"admin": {"api_key_hashes": ["abc"]}})").field == "admin.api_key_hashes[0]");
  CHECK(LoadError(R"({"admin": {"api_key_hashes": [""]}})").field == "admin.api_key_hashes[0]");
  CHECK(LoadError(R"({"admin": {"api_key_hashes": ")" + kHashA + R"("}})").field == "admin.api_key_hashes");

  ServerConfig environment = LoadOk("{}");
  Result<bool> applied = ApplyEnvironment(environment, [&](std::string_view name) -> std::optional<std::string> {
    if (name == "SLOTWISE_ADMIN_KEY_HASHES") return kHashA + ", " + std::string(64, 'C');
    return std::nullopt;
  });
  REQUIRE(applied.ok());
  CHECK(environment.admin.api_key_hashes == std::vector<std::string>{kHashA, std::string(64, 'c')});
  ServerConfig broken = LoadOk("{}");
  Result<bool> refused = ApplyEnvironment(broken, [&](std::string_view name) -> std::optional<std::string> {
    if (name == "SLOTWISE_ADMIN_KEY_HASHES") return kHashA + ",xyz";
    return std::nullopt;
  });
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "SLOTWISE_ADMIN_KEY_HASHES");

  ServerConfig described = LoadOk(R"({"admin": {"api_key_hashes": [")" + kHashA + R"("]}})");
  const nlohmann::json printed = nlohmann::json::parse(DescribeConfig(described));
  CHECK(printed["admin"]["api_key_hashes"] == nlohmann::json::array({"***"}));
}

TEST_CASE("Config: widget signing keys with key ids — the current one signs, the legacy key is kid w1") {
  const std::string a(32, 'a');
  const std::string b(48, 'b');
  ServerConfig config = LoadOk(R"({"widget_tokens": {"current_kid": "2026-b", "keys": [
      {"kid": "2026-a", "secret": ")" + a + R"("}, {"kid": "2026-b", "secret": ")" + b + R"("}]}})");
  REQUIRE(ValidateServerConfig(config).ok());
  EffectiveWidgetKeys keys = WidgetKeysOf(config.widget_tokens);
  CHECK(keys.current_kid == "2026-b");
  CHECK(keys.keys == std::vector<std::pair<std::string, std::string>>{{"2026-a", a}, {"2026-b", b}});

  // The old single key keeps working under its historical kid, next to the new one.
  config = LoadOk(R"({"widget_tokens": {"signing_key": ")" + a + R"(", "current_kid": "k2",
                      "keys": [{"kid": "k2", "secret": ")" + b + R"("}]}})");
  REQUIRE(ValidateServerConfig(config).ok());
  keys = WidgetKeysOf(config.widget_tokens);
  CHECK(keys.current_kid == "k2");
  CHECK(keys.keys == std::vector<std::pair<std::string, std::string>>{{"w1", a}, {"k2", b}});
  config = LoadOk(R"({"widget_tokens": {"signing_key": ")" + a + R"("}})");
  REQUIRE(ValidateServerConfig(config).ok());
  CHECK(WidgetKeysOf(config.widget_tokens).current_kid == "w1");
  config = LoadOk(R"({"widget_tokens": {"keys": [{"kid": "only", "secret": ")" + a + R"("}]}})");
  REQUIRE(ValidateServerConfig(config).ok());
  CHECK(WidgetKeysOf(config.widget_tokens).current_kid == "only");
  CHECK(WidgetKeysOf(LoadOk("{}").widget_tokens).keys.empty());

  // Printed without secrets.
  const nlohmann::json printed = nlohmann::json::parse(DescribeConfig(config));
  CHECK(printed["widget_tokens"]["keys"][0]["kid"] == "only");
  CHECK(printed["widget_tokens"]["keys"][0]["secret"] == "***");
  CHECK(DescribeConfig(config).find(a) == std::string::npos);
}

TEST_CASE("Config: widget key sets that cannot work are refused naming the key") {
  const std::string a(32, 'a');
  CHECK(LoadError(R"({"widget_tokens": {"keys": [{"kid": "bad kid", "secret": ")" + a + R"("}]}})").field ==
        "widget_tokens.keys[0].kid");
  CHECK(LoadError(R"({"widget_tokens": {"keys": [{"secret": ")" + a + R"("}]}})").field == "widget_tokens.keys[0].kid");
  CHECK(LoadError(R"({"widget_tokens": {"keys": [{"kid": "k"}]}})").field == "widget_tokens.keys[0].secret");
  CHECK(LoadError(R"({"widget_tokens": {"keys": [{"kid": "k", "secret": "x", "secret_file": "/f"}]}})").field ==
        "widget_tokens.keys[0].secret_file");
  CHECK(LoadError(R"({"widget_tokens": {"keys": [{"kid": "k", "secrte": "x"}]}})").field == "widget_tokens.keys[0].secrte");
  CHECK(LoadError(R"({"widget_tokens": {"keys": {"kid": "k"}}})").field == "widget_tokens.keys");
  CHECK(LoadError(R"({"widget_tokens": {"current_kid": "a.b"}})").field == "widget_tokens.current_kid");

  const auto invalid = [&](const std::string& widget) {
    return ValidationError(LoadOk(R"({"widget_tokens": )" + widget + "}"));
  };
  CHECK(invalid(R"({"keys": [{"kid": "k", "secret": "short"}]})").field == "widget_tokens.keys[0].secret");
  CHECK(invalid(R"({"keys": [{"kid": "k", "secret": ")" + a + R"("}, {"kid": "k", "secret": ")" + a + R"("}],
                    "current_kid": "k"})")
            .field == "widget_tokens.keys[1].kid");
  CHECK(invalid(R"({"signing_key": ")" + a + R"(", "keys": [{"kid": "w1", "secret": ")" + a + R"("}],
                    "current_kid": "w1"})")
            .field == "widget_tokens.keys[0].kid");
  CHECK(invalid(R"({"keys": [{"kid": "k", "secret": ")" + a + R"("}], "current_kid": "gone"})").field ==
        "widget_tokens.current_kid");
  CHECK(invalid(R"({"keys": [{"kid": "k", "secret": ")" + a + R"("}, {"kid": "l", "secret": ")" + a + R"("}]})").field ==
        "widget_tokens.current_kid");
}

TEST_CASE("Config: a widget key's secret_file is read by ResolveSecretFiles") {
  testing::TempDir dir;
  const std::string path = dir.File("widget-2026.key");
  std::ofstream(path) << std::string(32, 'z') << "\n";
  ServerConfig config = LoadOk(R"({"widget_tokens": {"keys": [{"kid": "2026", "secret_file": ")" + path + R"("}]}})");
  REQUIRE(ResolveSecretFiles(config).ok());
  CHECK(config.widget_tokens.keys[0].secret == std::string(32, 'z'));
  REQUIRE(ValidateServerConfig(config).ok());
  config = LoadOk(R"({"widget_tokens": {"keys": [{"kid": "2026", "secret_file": ")" + dir.File("missing") + R"("}]}})");
  Result<bool> resolved = ResolveSecretFiles(config);
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().field == "widget_tokens.keys[0].secret_file");
}

}  // namespace slotwise::config
