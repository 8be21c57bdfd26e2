// Tests for the SMTP part of the configuration (mail.smtp in backend/config): security, credentials, CA file and
// timeout — each checked where it enters (file, environment, secret file) and across keys (ValidateServerConfig).
#include <map>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "config/server_config.h"
#include "config_loading.h"
#include "support/temp_dir.h"

namespace slotwise::config {
namespace {

constexpr const char* kRelay = R"({"mail": {"mode": "smtp", "smtp": {"host": "smtp.example.com",
    "from": "b@example.com", )";

ServerConfig LoadRelay(const std::string& more) {
  return LoadOk(std::string(kRelay) + more + "}}}");
}

}  // namespace

TEST_CASE("SMTP config: security is starttls, tls or none, starttls by default") {
  CHECK(LoadOk("{}").mail.smtp.security == SmtpSecurity::kStartTls);
  CHECK(LoadRelay(R"("security": "tls")").mail.smtp.security == SmtpSecurity::kTls);
  CHECK(LoadRelay(R"("security": "none")").mail.smtp.security == SmtpSecurity::kNone);
  CHECK(LoadRelay(R"("security": "starttls")").mail.smtp.security == SmtpSecurity::kStartTls);
  for (const char* wrong : {R"("STARTTLS")", R"("ssl")", R"("")", "true", "null"}) {
    CAPTURE(wrong);
    const Error error = LoadError(std::string(kRelay) + R"("security": )" + wrong + "}}}");
    CHECK(error.code == "invalid_config");
    CHECK(error.field == "mail.smtp.security");
    CHECK(error.message.find(R"("starttls", "tls" or "none")") != std::string::npos);
  }
}

TEST_CASE("SMTP config: security none with a username is refused when the file is read") {
  const Error error = LoadError(std::string(kRelay) + R"("security": "none", "username": "me",
      "password_file": "/run/secrets/smtp"}}})");
  CHECK(error.code == "invalid_config");
  CHECK(error.field == "mail.smtp.security");
  CHECK(error.message.find("in clear") != std::string::npos);
  // Without a username "none" is a trusted relay's setting.
  CHECK(ValidateServerConfig(LoadRelay(R"("security": "none", "port": 25)")).ok());
}

TEST_CASE("SMTP config: the password is never inline; password_file and the environment give it") {
  const Error error = LoadError(std::string(kRelay) + R"("username": "me", "password": "hunter2"}}})");
  CHECK(error.field == "mail.smtp.password");
  CHECK(error.message.find("password_file") != std::string::npos);
  CHECK(error.message.find("hunter2") == std::string::npos);
  CHECK(LoadRelay(R"("password": "")").mail.smtp.password.empty());  // what --print-config shows when unset

  const testing::TempDir dir("slotwise-smtp-config");
  ServerConfig config = LoadRelay(R"("username": "me@example.com", "password_file": ")" +
                                  dir.Write("smtp", "s3cret pass\n") + "\"");
  CHECK(ValidateServerConfig(config).ok());
  REQUIRE(ResolveSecretFiles(config).ok());
  CHECK(config.mail.smtp.password == "s3cret pass");

  // The environment's password replaces the file's.
  REQUIRE(Apply(config, {{"SLOTWISE_SMTP_PASSWORD", "from-env"}}).ok());
  CHECK(config.mail.smtp.password == "from-env");
  CHECK(config.mail.smtp.password_file.empty());

  ServerConfig missing = LoadRelay(R"("username": "me", "password_file": "/nonexistent/slotwise/smtp")");
  const Result<bool> resolved = ResolveSecretFiles(missing);
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().code == "unreadable_secret_file");
  CHECK(resolved.error().field == "mail.smtp.password_file");
}

TEST_CASE("SMTP config: a username needs a password, a password a username, and none never takes one") {
  ServerConfig config = LoadRelay(R"("username": "me")");
  CHECK(ValidateServerConfig(config).error().field == "mail.smtp.password_file");
  config.mail.smtp.password = "pw";
  CHECK(ValidateServerConfig(config).ok());
  config.mail.smtp.username.clear();
  CHECK(ValidateServerConfig(config).error().field == "mail.smtp.username");

  // A username from the environment on top of a file's "none" is refused once everything is applied.
  ServerConfig plain = LoadRelay(R"("security": "none")");
  REQUIRE(Apply(plain, {{"SLOTWISE_SMTP_USERNAME", "me"}, {"SLOTWISE_SMTP_PASSWORD", "pw"}}).ok());
  const Result<bool> validated = ValidateServerConfig(plain);
  REQUIRE_FALSE(validated.ok());
  CHECK(validated.error().field == "mail.smtp.security");
  CHECK(validated.error().message.find("in clear") != std::string::npos);
}

TEST_CASE("SMTP config: the environment sets security and username, checked like the file") {
  ServerConfig config;
  REQUIRE(Apply(config, {{"SLOTWISE_SMTP_SECURITY", "tls"}, {"SLOTWISE_SMTP_USERNAME", "me@example.com"},
                         {"SLOTWISE_SMTP_PORT", "465"}})
              .ok());
  CHECK(config.mail.smtp.security == SmtpSecurity::kTls);
  CHECK(config.mail.smtp.username == "me@example.com");
  CHECK(config.mail.smtp.port == 465);
  ServerConfig other;
  CHECK(Apply(other, {{"SLOTWISE_SMTP_SECURITY", "ssl"}}).error().field == "SLOTWISE_SMTP_SECURITY");
  CHECK(Apply(other, {{"SLOTWISE_SMTP_USERNAME", "two words"}}).error().field == "SLOTWISE_SMTP_USERNAME");
}

TEST_CASE("SMTP config: username, ca_file and timeout are checked where they enter") {
  CHECK(LoadError(std::string(kRelay) + R"("username": "two words"}}})").field == "mail.smtp.username");
  CHECK(LoadError(std::string(kRelay) + R"("ca_file": "/etc/ssl/a\nb.pem"}}})").field == "mail.smtp.ca_file");
  CHECK(LoadRelay(R"("ca_file": "/etc/slotwise/relay-ca.pem")").mail.smtp.ca_file == "/etc/slotwise/relay-ca.pem");
  CHECK(LoadError(std::string(kRelay) + R"("timeout_seconds": 3601}}})").field == "mail.smtp.timeout_seconds");
  CHECK(LoadRelay(R"("timeout_seconds": 5)").mail.smtp.timeout_seconds == 5);
}

TEST_CASE("SMTP config: DescribeConfig shows the SMTP settings, never the password") {
  ServerConfig config = LoadRelay(R"("security": "tls", "username": "me@example.com", "password_file": "/run/pw")");
  config.mail.smtp.password = "SMTP-PASSWORD-SECRET";
  const std::string text = DescribeConfig(config);
  CHECK(text.find("SMTP-PASSWORD-SECRET") == std::string::npos);
  const nlohmann::json smtp = nlohmann::json::parse(text)["mail"]["smtp"];
  CHECK(smtp["password"] == "***");
  CHECK(smtp["password_file"] == "/run/pw");
  CHECK(smtp["security"] == "tls");
  CHECK(smtp["username"] == "me@example.com");
  CHECK(smtp["port"] == 0);
  CHECK(smtp["timeout_seconds"] == 30);
}

}  // namespace slotwise::config
