// Tests for backend/app/secrets_outside_database.h: what `slotwise backup` names as not copied — every key file the
// configuration and environment point at, by path or variable name, never a secret's value.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "app/secrets_outside_database.h"
#include "support/temp_dir.h"

using namespace slotwise;

namespace {

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

GetEnvironment Environment(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    const auto found = values.find(name);
    return found == values.end() ? nullptr : found->second.c_str();
  };
}

}  // namespace

TEST_CASE("Secrets outside the database: the keyring, widget keys and secret files are named, never their values") {
  config::ServerConfig settings;
  settings.database.path = "/srv/slotwise/slotwise.db";
  settings.widget_tokens.signing_key_file = "/etc/slotwise/widget.key";
  settings.widget_tokens.signing_key = "widget-secret-value-0123456789abcdef";  // read from the file
  settings.widget_tokens.keys.push_back({"w2", "inline-widget-secret-0123456789abcdef", ""});
  settings.providers.zoom.client_secret_file = "/etc/slotwise/zoom.secret";
  settings.providers.zoom.client_secret = "zoom-secret-value";
  settings.org_access.google_service_account_file = "/etc/slotwise/sa.json";
  settings.org_access.google_service_account_key = "{\"private_key\": \"-----BEGIN\"}";

  const std::string with_file = Joined(
      SecretsOutsideDatabase(settings, Environment({{"SLOTWISE_TOKEN_KEY_FILE", "/etc/slotwise/token.keys"},
                                                    {"SLOTWISE_ZOOM_WEBHOOK_SECRET", "zoom-webhook-secret-value"}})));
  CHECK(with_file.find("/etc/slotwise/token.keys") != std::string::npos);
  CHECK(with_file.find("/etc/slotwise/widget.key") != std::string::npos);
  CHECK(with_file.find("\"w2\"") != std::string::npos);
  CHECK(with_file.find("/etc/slotwise/zoom.secret") != std::string::npos);
  CHECK(with_file.find("/etc/slotwise/sa.json") != std::string::npos);
  CHECK(with_file.find("SLOTWISE_ZOOM_WEBHOOK_SECRET") != std::string::npos);
  for (const char* secret :
       {"widget-secret-value", "inline-widget-secret", "zoom-secret-value", "BEGIN", "zoom-webhook-secret-value"}) {
    CHECK_MESSAGE(with_file.find(secret) == std::string::npos, secret);
  }

  const std::string inline_keys = Joined(
      SecretsOutsideDatabase(settings, Environment({{"SLOTWISE_TOKEN_KEYS", "k1:c2VjcmV0LWtleS1tYXRlcmlhbA=="}})));
  CHECK(inline_keys.find("SLOTWISE_TOKEN_KEYS") != std::string::npos);
  CHECK(inline_keys.find("c2VjcmV0") == std::string::npos);
}

TEST_CASE("Secrets outside the database: the demo's key files next to the database, or a note that none is set") {
  const testing::TempDir dir("slotwise-secrets");
  config::ServerConfig settings;
  settings.database.path = dir.File("slotwise.db");
  const std::string none = Joined(SecretsOutsideDatabase(settings, Environment({})));
  CHECK(none.find("not set here") != std::string::npos);
  dir.Write("token.key", "demo-1:AAAA\n");
  dir.Write("widget.key", "AAAA\n");
  const std::string demo = Joined(SecretsOutsideDatabase(settings, Environment({})));
  CHECK(demo.find(dir.File("token.key")) != std::string::npos);
  CHECK(demo.find(dir.File("widget.key")) != std::string::npos);
  CHECK(demo.find("AAAA") == std::string::npos);
}
