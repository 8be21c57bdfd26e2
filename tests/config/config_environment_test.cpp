// Tests for ApplyEnvironment and ResolveSecretFiles (backend/config). The environment is a map passed in as getenv;
// the process environment is never read or changed.
#include <map>
#include <string>

#include <doctest/doctest.h>

#include "config/server_config.h"
#include "config_loading.h"
#include "support/temp_dir.h"

namespace slotwise::config {

TEST_CASE("Config environment: every variable overrides the file's value") {
  Result<ServerConfig> loaded = LoadServerConfig(R"({
    "listen": {"host": "0.0.0.0", "port": 1},
    "providers": {"microsoft": {"client_id": "file-id", "client_secret_file": "/from/file"}},
    "mail": {"mode": "none", "smtp": {"host": "file-relay", "port": 2525}}
  })");
  REQUIRE(loaded.ok());
  ServerConfig config = loaded.value();
  const Variables variables = {
      {"SLOTWISE_HOST", "::"},
      {"SLOTWISE_PORT", "9443"},
      {"SLOTWISE_PUBLIC_URL", "https://book.example.com/"},
      {"SLOTWISE_DB", "/data/slotwise.db"},
      {"SLOTWISE_WEB_ROOT", "/srv/web"},
      {"SLOTWISE_ZONEINFO", "/opt/zoneinfo"},
      {"SLOTWISE_SANDBOX_URL", "http://127.0.0.1:4100"},
      {"SLOTWISE_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1 ,::1/128"},
      {"SLOTWISE_ADMIN_KEY_HASH", std::string(64, 'A')},
      {"SLOTWISE_MAIL_MODE", "smtp"},
      {"SLOTWISE_SMTP_HOST", "relay.internal"},
      {"SLOTWISE_SMTP_PORT", "587"},
      {"SLOTWISE_SMTP_FROM", "bookings@example.com"},
      {"SLOTWISE_SMTP_SECURITY", "tls"},
      {"SLOTWISE_SMTP_USERNAME", "bookings@example.com"},
      {"SLOTWISE_SMTP_PASSWORD", "smtp secret"},
      {"SLOTWISE_GOOGLE_CLIENT_ID", "g-id"},
      {"SLOTWISE_GOOGLE_CLIENT_SECRET", "g-secret"},
      {"SLOTWISE_MICROSOFT_CLIENT_ID", "m-id"},
      {"SLOTWISE_MICROSOFT_CLIENT_SECRET", "m-secret"},
      {"SLOTWISE_ZOOM_CLIENT_ID", "z-id"},
      {"SLOTWISE_ZOOM_CLIENT_SECRET", "z-secret"},
      {"SLOTWISE_GOTO_CLIENT_ID", "t-id"},
      {"SLOTWISE_GOTO_CLIENT_SECRET", "t-secret"},
      {"SLOTWISE_MAX_BODY_BYTES", "2097152"},
      {"SLOTWISE_RATE_PER_KEY_PER_MINUTE", "120"},
      {"SLOTWISE_RATE_PER_TENANT_PER_MINUTE", "0"},
      {"SLOTWISE_RATE_PER_ADDRESS_PER_MINUTE", "10000000"},
  };
  REQUIRE(Apply(config, variables).ok());
  CHECK(config.listen.host == "::");
  CHECK(config.listen.port == 9443);
  CHECK(config.public_url == "https://book.example.com");
  CHECK(config.database.path == "/data/slotwise.db");
  CHECK(config.web_root == "/srv/web");
  CHECK(config.zoneinfo == "/opt/zoneinfo");
  CHECK(config.sandbox_url == "http://127.0.0.1:4100");
  CHECK(config.trusted_proxies == std::vector<std::string>{"10.0.0.0/8", "127.0.0.1", "::1/128"});
  CHECK(config.admin.api_key_hash == std::string(64, 'a'));
  CHECK(config.mail.mode == MailMode::kSmtp);
  CHECK(config.mail.smtp.host == "relay.internal");
  CHECK(config.mail.smtp.port == 587);
  CHECK(config.mail.smtp.from == "bookings@example.com");
  CHECK(config.mail.smtp.security == SmtpSecurity::kTls);
  CHECK(config.mail.smtp.username == "bookings@example.com");
  CHECK(config.mail.smtp.password == "smtp secret");
  CHECK(config.providers.google.client_id == "g-id");
  CHECK(config.providers.google.client_secret == "g-secret");
  CHECK(config.providers.microsoft.client_id == "m-id");
  CHECK(config.providers.microsoft.client_secret == "m-secret");
  CHECK(config.providers.microsoft.client_secret_file.empty());  // the environment's secret replaces the file's
  CHECK(config.providers.zoom.client_secret == "z-secret");
  CHECK(config.providers.go_to.client_id == "t-id");
  CHECK(config.providers.go_to.client_secret == "t-secret");
  CHECK(config.limits.max_body_bytes == 2097152);
  CHECK(config.limits.rate_per_key_per_minute == 120);
  CHECK(config.limits.rate_per_tenant_per_minute == 0);
  CHECK(config.limits.rate_per_address_per_minute == 10000000);
  CHECK(ValidateServerConfig(config).ok());
}

TEST_CASE("Config environment: unset and empty variables change nothing") {
  ServerConfig config;
  config.listen.port = 1234;
  config.sandbox_url = "http://127.0.0.1:4100";
  REQUIRE(Apply(config, {}).ok());
  REQUIRE(Apply(config, {{"SLOTWISE_PORT", ""}, {"SLOTWISE_SANDBOX_URL", ""}, {"SLOTWISE_MAIL_MODE", ""}}).ok());
  CHECK(config.listen.port == 1234);
  CHECK(config.sandbox_url == "http://127.0.0.1:4100");
  CHECK(config.mail.mode == MailMode::kAtsWebhook);
}

TEST_CASE("Config environment: a malformed value is an error naming the variable") {
  const std::map<std::string, std::string> malformed = {
      {"SLOTWISE_HOST", "two words"},
      {"SLOTWISE_PORT", "80a"},
      {"SLOTWISE_PUBLIC_URL", "ftp://x"},
      {"SLOTWISE_DB", "bad\npath"},
      {"SLOTWISE_SANDBOX_URL", "localhost:4100"},
      {"SLOTWISE_TRUSTED_PROXIES", "10.0.0.0/8,,::1"},
      {"SLOTWISE_ADMIN_KEY_HASH", "not-hex"},
      {"SLOTWISE_MAIL_MODE", "SMTP"},
      {"SLOTWISE_SMTP_HOST", "relay/x"},
      {"SLOTWISE_SMTP_PORT", "65536"},
      {"SLOTWISE_SMTP_SECURITY", "ssl"},
      {"SLOTWISE_SMTP_USERNAME", "two words"},
      {"SLOTWISE_SMTP_FROM", "no-at-sign"},
      {"SLOTWISE_ZOOM_CLIENT_ID", "has space"},
      {"SLOTWISE_MAX_BODY_BYTES", "-1"},
  };
  for (const auto& [name, value] : malformed) {
    CAPTURE(name);
    ServerConfig config;
    Result<bool> applied = Apply(config, {{name, value}});
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.error().code == "invalid_environment");
    CHECK(applied.error().field == name);
    CHECK(applied.error().message.find(name) != std::string::npos);
  }
  for (const char* port : {"65536", "-1", "-0", "+80", " 80", "1e3", "99999999999999999999"}) {
    CAPTURE(port);
    ServerConfig config;
    CHECK(Apply(config, {{"SLOTWISE_PORT", port}}).error().field == "SLOTWISE_PORT");
  }
  ServerConfig config;
  CHECK(Apply(config, {{"SLOTWISE_TRUSTED_PROXIES", "10.0.0.0/8,"}}).error().field == "SLOTWISE_TRUSTED_PROXIES");
  CHECK(Apply(config, {{"SLOTWISE_PORT", "0"}}).ok());
}

TEST_CASE("Config secret files: contents are read with one trailing newline dropped") {
  const testing::TempDir dir("slotwise-config");
  ServerConfig config;
  config.providers.google.client_secret_file = dir.Write("google", "google-secret\n");
  config.providers.zoom.client_secret_file = dir.Write("zoom", "zoom-secret\r\n");
  config.providers.go_to.client_secret_file = dir.Write("goto", "goto secret with spaces\n\n");
  config.providers.microsoft.client_secret = "inline stays";
  config.widget_tokens.signing_key_file = dir.Write("widget", "widget-key");
  REQUIRE(ResolveSecretFiles(config).ok());
  CHECK(config.providers.google.client_secret == "google-secret");
  CHECK(config.providers.zoom.client_secret == "zoom-secret");
  CHECK(config.providers.go_to.client_secret == "goto secret with spaces\n");
  CHECK(config.providers.microsoft.client_secret == "inline stays");
  CHECK(config.widget_tokens.signing_key == "widget-key");
}

TEST_CASE("Config secret files: a missing or empty file is an error naming the file and the key") {
  ServerConfig config;
  config.providers.microsoft.client_secret_file = "/nonexistent/slotwise/secret";
  Result<bool> resolved = ResolveSecretFiles(config);
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().code == "unreadable_secret_file");
  CHECK(resolved.error().field == "providers.microsoft.client_secret_file");
  CHECK(resolved.error().message.find("/nonexistent/slotwise/secret") != std::string::npos);

  const testing::TempDir dir("slotwise-config");
  const std::string empty = dir.Write("empty", "\n");
  ServerConfig other;
  other.widget_tokens.signing_key_file = empty;
  resolved = ResolveSecretFiles(other);
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().field == "widget_tokens.signing_key_file");
  CHECK(resolved.error().message.find(empty) != std::string::npos);
}

TEST_CASE("Config environment: SLOTWISE_OUTBOUND_ALLOWED_HOSTS replaces the allow-list; a bad entry is named") {
  ServerConfig config;
  config.outbound.allowed_hosts = {"from-the-file.example"};
  REQUIRE(Apply(config, {{"SLOTWISE_OUTBOUND_ALLOWED_HOSTS", "127.0.0.1, ATS.internal:8443"}}).ok());
  CHECK(config.outbound.allowed_hosts == std::vector<std::string>{"127.0.0.1", "ats.internal:8443"});
  const Result<bool> bad = Apply(config, {{"SLOTWISE_OUTBOUND_ALLOWED_HOSTS", "127.0.0.1,https://ats.example"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "SLOTWISE_OUTBOUND_ALLOWED_HOSTS");
  CHECK(bad.error().message.find("https://ats.example") != std::string::npos);
}

TEST_CASE("Config environment: a path that is not UTF-8 is refused (tests/fuzz)") {
  // Found by the config fuzz target: SLOTWISE_DB=/tmp/\xff.db was accepted, and DescribeConfig (serve --print-config)
  // then threw nlohmann's type_error 316 "invalid UTF-8 byte" — the process terminated.
  ServerConfig config;
  const Result<bool> applied = Apply(config, {{"SLOTWISE_DB", "/var/lib/slotwise/\xff.db"}});
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().code == "invalid_environment");
  CHECK(applied.error().field == "SLOTWISE_DB");
  CHECK(Apply(config, {{"SLOTWISE_WEB_ROOT", "/srv/caf\xc3\xa9"}}).ok());  // UTF-8 beyond ASCII is fine
  CHECK(config.web_root == "/srv/caf\xc3\xa9");
}

TEST_CASE("DescribeConfig: a value that is not UTF-8 (set by a command-line flag) prints as U+FFFD, never throws") {
  ServerConfig config;
  config.zoneinfo = "/opt/\xff";
  std::string described;
  CHECK_NOTHROW(described = DescribeConfig(config));
  CHECK(described.find("/opt/\xef\xbf\xbd") != std::string::npos);
}

}  // namespace slotwise::config
