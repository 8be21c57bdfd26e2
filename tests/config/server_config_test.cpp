// Tests for LoadServerConfig, ValidateServerConfig, EffectivePublicUrl and DescribeConfig (backend/config).
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "config/server_config.h"
#include "config_loading.h"
#include "support/temp_dir.h"

namespace slotwise::config {
namespace {

using testing::ReadFile;


}  // namespace

TEST_CASE("Config: an empty object gives the documented defaults") {
  const ServerConfig config = LoadOk("{}");
  CHECK(config.listen.host == "127.0.0.1");
  CHECK(config.listen.port == 8080);
  CHECK(config.public_url.empty());
  CHECK(EffectivePublicUrl(config) == "http://127.0.0.1:8080");
  CHECK(config.database.driver == DatabaseDriver::kSqlite);
  CHECK(config.database.path == "var/slotwise.db");
  CHECK(config.web_root.empty());
  CHECK(config.zoneinfo == "/usr/share/zoneinfo");
  CHECK_FALSE(config.demo);
  CHECK(config.sandbox_url.empty());
  CHECK(config.trusted_proxies.empty());
  CHECK(config.limits.max_body_bytes == 8 * 1024 * 1024);
  CHECK(config.limits.max_header_bytes == 16 * 1024);
  CHECK(config.limits.read_timeout_seconds == 10);
  CHECK(config.limits.write_timeout_seconds == 10);
  CHECK(config.limits.keep_alive_seconds == 5);
  CHECK(config.limits.threads == 8);
  CHECK(config.admin.api_key_hash.empty());
  CHECK(config.providers.google.client_id.empty());
  CHECK(config.mail.mode == MailMode::kAtsWebhook);
  CHECK(config.mail.smtp.port == 0);  // the security's port
  CHECK(config.mail.smtp.security == SmtpSecurity::kStartTls);
  CHECK(config.mail.smtp.username.empty());
  CHECK(config.mail.smtp.ca_file.empty());
  CHECK(config.mail.smtp.timeout_seconds == 30);
  CHECK(config.outbox.max_attempts == 8);
  CHECK(config.outbox.base_backoff_ms == 500);
  CHECK(config.outbox.max_backoff_ms == 60000);
  CHECK(config.availability_cache.ttl_seconds == 300);
  CHECK(config.availability_cache.max_entries == 10000);
  CHECK(ValidateServerConfig(config).ok());
}

TEST_CASE("Config: the example in docs/ loads, passes validation and sets every section") {
  const ServerConfig config = LoadOk(ReadFile(SLOTWISE_EXAMPLE_CONFIG));
  CHECK(ValidateServerConfig(config).ok());
  CHECK(config.public_url == "https://slotwise.example.com");
  CHECK(config.trusted_proxies.size() == 3);
  CHECK(config.admin.api_key_hash.size() == 64);
  CHECK_FALSE(config.widget_tokens.signing_key_file.empty());
  CHECK(config.providers.google.scopes.size() == 2);
  CHECK_FALSE(config.providers.microsoft.client_secret_file.empty());
  CHECK(config.org_access.microsoft_app_only);
  CHECK(config.teams_bot.app_id == "0f2c8a51-7b3e-4d7a-9c1e-5a6b7c8d9e0f");
  CHECK(config.mail.mode == MailMode::kSmtp);
  CHECK(config.mail.smtp.from == "interviews@example.com");
  CHECK(config.mail.smtp.security == SmtpSecurity::kStartTls);
  CHECK(config.mail.smtp.password_file == "/run/secrets/smtp_password");
  // Every key DescribeConfig prints appears in the example (the example is complete).
  const nlohmann::json example = nlohmann::json::parse(ReadFile(SLOTWISE_EXAMPLE_CONFIG));
  const nlohmann::json described = nlohmann::json::parse(DescribeConfig(config));
  const nlohmann::json flat = described.flatten();
  for (const auto& item : flat.items()) {
    std::string pointer = item.key();
    if (pointer.find("/providers/") == 0 && pointer.find("/client_secret") != std::string::npos) continue;
    if (pointer.find("/widget_tokens/signing_key") == 0 && pointer.find("_file") == std::string::npos) continue;
    if (pointer.find("/widget_tokens/keys/") == 0 && pointer.ends_with("/secret")) continue;  // given as secret_file
    if (pointer == "/mail/smtp/password") continue;  // given as password_file
    if (pointer == "/teams_bot/app_secret") continue;  // given as app_secret_file
    if (pointer.find("/scopes/") != std::string::npos || pointer.find("/trusted_proxies/") == 0) continue;
    CHECK_MESSAGE(example.contains(nlohmann::json::json_pointer(pointer)), "the example lacks " << pointer);
  }
}

TEST_CASE("Config: unknown keys are errors naming the full path") {
  Error error = LoadError(R"({"providers": {"zoom": {"clientid": "x"}}})");
  CHECK(error.code == "invalid_config");
  CHECK(error.field == "providers.zoom.clientid");
  CHECK(error.message.find("client_id") != std::string::npos);  // the suggestion

  error = LoadError(R"({"lisen": {"port": 1}})");
  CHECK(error.field == "lisen");
  CHECK(error.message.find("\"listen\"") != std::string::npos);

  CHECK(LoadError(R"({"limits": {"max_body": 5}})").field == "limits.max_body");
  CHECK(LoadError(R"({"mail": {"smtp": {"user": "me"}}})").field == "mail.smtp.user");
  CHECK(LoadError(R"({"providers": {"yahoo": {}}})").field == "providers.yahoo");
  CHECK(LoadError(R"({"completely_unrelated": 1})").message.find("did you mean") == std::string::npos);
}

TEST_CASE("Config: values of the wrong type are errors naming the key") {
  CHECK(LoadError(R"({"listen": {"port": "8080"}})").field == "listen.port");
  CHECK(LoadError(R"({"listen": {"port": 8080.5}})").field == "listen.port");
  CHECK(LoadError(R"({"listen": 8080})").field == "listen");
  CHECK(LoadError(R"({"demo": "yes"})").field == "demo");
  CHECK(LoadError(R"({"public_url": null})").field == "public_url");
  CHECK(LoadError(R"({"trusted_proxies": "10.0.0.0/8"})").field == "trusted_proxies");
  CHECK(LoadError(R"({"trusted_proxies": ["10.0.0.0/8", 7]})").field == "trusted_proxies[1]");
  CHECK(LoadError(R"({"providers": {"google": {"scopes": ["a", ["b"]]}}})").field == "providers.google.scopes[1]");
  CHECK(LoadError(R"({"org_access": {"microsoft_app_only": 1}})").field == "org_access.microsoft_app_only");
  CHECK(LoadError(R"([])").code == "invalid_config");
}

TEST_CASE("Config: ports, limits and other numbers are range-checked") {
  CHECK(LoadOk(R"({"limits": {"rate": {"per_key_per_minute": 0}}})").limits.rate_per_key_per_minute == 0);
  CHECK(LoadOk("{}").limits.rate_per_tenant_per_minute == 30000);
  CHECK(LoadError(R"({"limits": {"rate": {"per_key_per_minute": -1}}})").field == "limits.rate.per_key_per_minute");
  CHECK(LoadError(R"({"limits": {"rate": {"per_address_per_minute": 10000001}}})").field ==
        "limits.rate.per_address_per_minute");
  CHECK(LoadError(R"({"limits": {"rate": {"max_tracked_keys": 0}}})").field == "limits.rate.max_tracked_keys");
  CHECK(LoadError(R"({"limits": {"rate": {"per_minute": 5}}})").field == "limits.rate.per_minute");
  CHECK(LoadOk(R"({"listen": {"port": 0}})").listen.port == 0);
  CHECK(LoadOk(R"({"listen": {"port": 65535}})").listen.port == 65535);
  CHECK(LoadError(R"({"listen": {"port": 65536}})").field == "listen.port");
  CHECK(LoadError(R"({"listen": {"port": -1}})").field == "listen.port");
  CHECK(LoadError(R"({"listen": {"port": 18446744073709551615}})").field == "listen.port");
  CHECK(LoadOk(R"({"mail": {"smtp": {"port": 0}}})").mail.smtp.port == 0);  // the security's port
  CHECK(LoadError(R"({"mail": {"smtp": {"port": 65536}}})").field == "mail.smtp.port");
  CHECK(LoadError(R"({"mail": {"smtp": {"timeout_seconds": 0}}})").field == "mail.smtp.timeout_seconds");
  for (const char* key : {"max_body_bytes", "max_header_bytes", "read_timeout_seconds", "write_timeout_seconds",
                          "keep_alive_seconds", "threads"}) {
    CAPTURE(key);
    const std::string field = std::string("limits.") + key;
    CHECK(LoadError(std::string(R"({"limits": {")") + key + R"(": 0}})").field == field);
    CHECK(LoadError(std::string(R"({"limits": {")") + key + R"(": -5}})").field == field);
    CHECK(LoadOk(std::string(R"({"limits": {")") + key + R"(": 1}})").limits.threads >= 1);
  }
  CHECK(LoadOk(R"({"limits": {"max_body_bytes": 5000000}})").limits.max_body_bytes == 5000000);
  CHECK(LoadError(R"({"limits": {"threads": 100000}})").field == "limits.threads");
  CHECK(LoadError(R"({"outbox": {"max_attempts": 0}})").field == "outbox.max_attempts");
  CHECK(LoadError(R"({"outbox": {"base_backoff_ms": 1000, "max_backoff_ms": 999}})").field == "outbox.max_backoff_ms");
  CHECK(LoadOk(R"({"availability_cache": {"ttl_seconds": 0}})").availability_cache.ttl_seconds == 0);
  CHECK(LoadError(R"({"availability_cache": {"max_entries": 0}})").field == "availability_cache.max_entries");
}

TEST_CASE("Config: database driver postgresql is recognised but not supported") {
  const Error error = LoadError(R"({"database": {"driver": "postgresql", "path": "x"}})");
  CHECK(error.code == "not_supported");
  CHECK(error.field == "database.driver");
  CHECK(LoadError(R"({"database": {"driver": "mysql"}})").code == "invalid_config");
  CHECK(LoadError(R"({"database": {"path": ""}})").field == "database.path");
  CHECK(LoadOk(R"({"database": {"driver": "sqlite", "path": "/data/s.db"}})").database.path == "/data/s.db");
}

TEST_CASE("Config: invalid JSON and duplicated keys are refused") {
  Error error = LoadError("{\n  \"listen\": {\"port\": 80,}\n}");
  CHECK(error.code == "invalid_config");
  CHECK(error.message.find("line 2") != std::string::npos);
  CHECK(LoadError("").code == "invalid_config");
  error = LoadError(R"({"listen": {"port": 80, "port": 81}})");
  CHECK(error.field == "listen.port");
  CHECK(error.message.find("twice") != std::string::npos);
  CHECK(LoadError(R"({"demo": true, "demo": false})").field == "demo");
  // The same key in different objects is not a duplicate.
  CHECK(
      LoadOk(R"({"providers": {"google": {"client_id": "a"}, "zoom": {"client_id": "b"}}})").providers.zoom.client_id ==
      "b");
}

TEST_CASE("Config: strings are validated and normalised") {
  const ServerConfig config = LoadOk(R"({
    "public_url": "https://book.example.com/slotwise/",
    "sandbox_url": "http://127.0.0.1:4100/",
    "admin": {"api_key_hash": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"},
    "trusted_proxies": ["::1", "192.168.0.0/16", "2001:db8::/32"],
    "mail": {"mode": "none"}
  })");
  CHECK(config.public_url == "https://book.example.com/slotwise");
  CHECK(EffectivePublicUrl(config) == "https://book.example.com/slotwise");
  CHECK(config.sandbox_url == "http://127.0.0.1:4100");
  CHECK(config.admin.api_key_hash == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  CHECK(config.trusted_proxies.size() == 3);
  CHECK(config.mail.mode == MailMode::kNone);

  CHECK(LoadError(R"({"public_url": "book.example.com"})").field == "public_url");
  CHECK(LoadError(R"({"public_url": "https://"})").field == "public_url");
  CHECK(LoadError(R"({"public_url": "https://x.com/?a=1"})").field == "public_url");
  CHECK(LoadError(R"({"admin": {"api_key_hash": "abc"}})").field == "admin.api_key_hash");
  CHECK(LoadError(R"({"trusted_proxies": ["10.0.0.0/33"]})").field == "trusted_proxies[0]");
  CHECK(LoadError(R"({"trusted_proxies": ["10.0.0.0/-0"]})").field == "trusted_proxies[0]");
  CHECK(LoadError(R"({"trusted_proxies": ["10.0.0.0/"]})").field == "trusted_proxies[0]");
  CHECK(LoadError(R"({"trusted_proxies": ["example.com"]})").field == "trusted_proxies[0]");
  CHECK(LoadError(R"({"listen": {"host": ""}})").field == "listen.host");
  CHECK(LoadError(R"({"listen": {"host": "a b"}})").field == "listen.host");
  CHECK(LoadError(R"({"mail": {"mode": "sendmail"}})").field == "mail.mode");
  CHECK(LoadError(R"({"mail": {"smtp": {"from": "Bookings <b@example.com>"}}})").field == "mail.smtp.from");
  CHECK(LoadError(R"({"mail": {"smtp": {"from": "b@example.com\r\nBcc: x@y"}}})").field == "mail.smtp.from");
  CHECK(LoadError(R"({"providers": {"google": {"scopes": [""]}}})").field == "providers.google.scopes[0]");
}

TEST_CASE("Config: a secret given both inline and as a file is refused") {
  CHECK(LoadError(R"({"providers": {"goto": {"client_secret": "s", "client_secret_file": "/f"}}})").field ==
        "providers.goto.client_secret_file");
  CHECK(LoadError(R"({"widget_tokens": {"signing_key": "k", "signing_key_file": "/f"}})").field ==
        "widget_tokens.signing_key_file");
  const ServerConfig config = LoadOk(R"({"providers": {"goto": {"client_id": "id", "client_secret": "s"}}})");
  CHECK(config.providers.go_to.client_secret == "s");
}

TEST_CASE("Config: ValidateServerConfig checks keys that depend on each other") {
  ServerConfig config;
  config.mail.mode = MailMode::kSmtp;
  CHECK(ValidateServerConfig(config).error().field == "mail.smtp.host");
  config.mail.smtp.host = "127.0.0.1";
  CHECK(ValidateServerConfig(config).error().field == "mail.smtp.from");
  config.mail.smtp.from = "a@example.com";
  CHECK(ValidateServerConfig(config).ok());

  config.providers.zoom.client_id = "zoom-id";
  CHECK(ValidateServerConfig(config).error().field == "providers.zoom.client_secret");
  config.providers.zoom.client_secret_file = "/run/secrets/zoom";
  CHECK(ValidateServerConfig(config).ok());
  config.providers.google.client_secret = "orphan";
  CHECK(ValidateServerConfig(config).error().field == "providers.google.client_id");
  config.providers.google.client_secret.clear();

  config.org_access.microsoft_app_only = true;
  CHECK(ValidateServerConfig(config).error().field == "providers.microsoft.client_id");
  config.org_access.microsoft_app_only = false;

  config.teams_bot.app_id = "bot";
  CHECK(ValidateServerConfig(config).error().field == "teams_bot.app_secret");
  config.teams_bot.app_secret = "s";
  CHECK(ValidateServerConfig(config).ok());
  config.teams_bot.app_id.clear();
  CHECK(ValidateServerConfig(config).error().field == "teams_bot.app_id");
}

TEST_CASE("Config: EffectivePublicUrl derives from the listen address") {
  ServerConfig config;
  config.listen.port = 0;
  CHECK(EffectivePublicUrl(config, 43210) == "http://127.0.0.1:43210");
  config.listen.host = "::1";
  config.listen.port = 9000;
  CHECK(EffectivePublicUrl(config) == "http://[::1]:9000");
  config.public_url = "https://x.example";
  CHECK(EffectivePublicUrl(config, 1) == "https://x.example");
}

TEST_CASE("Config: DescribeConfig shows the effective values and hides every secret") {
  ServerConfig config = LoadOk(R"({"listen": {"port": 9090}, "mail": {"mode": "smtp"}})");
  config.admin.api_key_hash = "aaaabbbbccccddddeeeeffff00001111aaaabbbbccccddddeeeeffff00001111";
  config.widget_tokens.signing_key = "SIGNING-KEY-SECRET";
  config.widget_tokens.signing_key_file = "/run/secrets/widget";
  config.providers.google.client_secret = "GOOGLE-SECRET";
  config.providers.microsoft.client_secret = "MICROSOFT-SECRET";
  config.providers.zoom.client_secret = "ZOOM-SECRET";
  config.providers.go_to.client_secret = "GOTO-SECRET";
  config.providers.go_to.client_id = "goto-id";
  const std::string text = DescribeConfig(config);
  for (const char* secret :
       {"aaaabbbb", "SIGNING-KEY-SECRET", "GOOGLE-SECRET", "MICROSOFT-SECRET", "ZOOM-SECRET", "GOTO-SECRET"}) {
    CHECK_MESSAGE(text.find(secret) == std::string::npos, secret << " leaked");
  }
  const nlohmann::json described = nlohmann::json::parse(text);
  CHECK(described["admin"]["api_key_hash"] == "***");
  CHECK(described["widget_tokens"]["signing_key"] == "***");
  CHECK(described["widget_tokens"]["signing_key_file"] == "/run/secrets/widget");
  CHECK(described["providers"]["goto"]["client_secret"] == "***");
  CHECK(described["providers"]["goto"]["client_id"] == "goto-id");
  CHECK(described["listen"]["port"] == 9090);
  CHECK(described["public_url"] == "http://127.0.0.1:9090");
  CHECK(described["mail"]["mode"] == "smtp");
  CHECK(described["limits"]["max_body_bytes"] == 8 * 1024 * 1024);

  const nlohmann::json defaults = nlohmann::json::parse(DescribeConfig(ServerConfig{}));
  CHECK(defaults["providers"]["google"]["client_secret"] == "");  // unset secrets read "", set ones "***"
  CHECK(defaults["admin"]["api_key_hash"] == "");
  // Without secrets the description is itself a valid configuration file.
  CHECK(LoadServerConfig(DescribeConfig(ServerConfig{})).ok());
}

TEST_CASE("Config: outbound.allowed_hosts takes hosts with an optional port, in lower case, and nothing else") {
  const ServerConfig config = LoadOk(
      R"({"outbound": {"allowed_hosts": ["ATS.Internal.example", "10.0.0.5:8443", "[fd00::5]:8443", "127.0.0.1"]}})");
  CHECK(config.outbound.allowed_hosts ==
        std::vector<std::string>{"ats.internal.example", "10.0.0.5:8443", "[fd00::5]:8443", "127.0.0.1"});
  CHECK(LoadOk("{}").outbound.allowed_hosts.empty());
  for (const char* bad : {"http://ats.example", "ats.example/hook", "ats.example:0", "ats.example:", "ats.example:x",
                          "[fd00::5", "[]:80", "[fd00::5]x", "", "a b", "user@ats.example", "ats.example:70000"}) {
    CAPTURE(bad);
    const Error error = LoadError(nlohmann::json{{"outbound", {{"allowed_hosts", {bad}}}}}.dump());
    CHECK(error.field == "outbound.allowed_hosts[0]");
  }
  CHECK(LoadError(R"({"outbound": {"allowed": []}})").field == "outbound.allowed");
}


TEST_CASE("Config: a NUL byte or nesting past 64 levels makes the file invalid, whatever follows") {
  using namespace std::string_literals;
  // nlohmann alone stops at the NUL: "{}\0<anything>" read as an empty (valid) configuration.
  const Result<ServerConfig> nul = LoadServerConfig("{}\0{\"listen\": 5}"s);
  REQUIRE_FALSE(nul.ok());
  CHECK(nul.error().code == "invalid_config");
  CHECK(nul.error().message == "The configuration is not valid JSON: a NUL byte at byte 2");
  std::string deep = "{\"x\":";
  for (int i = 0; i < 100; ++i) deep += "[";
  const Result<ServerConfig> nested = LoadServerConfig(deep);
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error().message.find("nests deeper than 64 levels") != std::string::npos);
}

}  // namespace slotwise::config
