// secrets_outside_database.cpp — see secrets_outside_database.h.
#include "app/secrets_outside_database.h"

#include <filesystem>

namespace slotwise {

namespace {

bool Set(const char* value) {
  return value != nullptr && *value != '\0';
}

}  // namespace

std::vector<std::string> SecretsOutsideDatabase(const config::ServerConfig& settings, const GetEnvironment& getenv) {
  std::vector<std::string> named;
  const std::filesystem::path folder = std::filesystem::path(settings.database.path).parent_path();
  std::error_code ec;
  if (Set(getenv("SLOTWISE_TOKEN_KEYS"))) {
    named.push_back("the token keyring in the environment variable SLOTWISE_TOKEN_KEYS");
  } else if (const char* file = getenv("SLOTWISE_TOKEN_KEY_FILE"); Set(file)) {
    named.push_back(std::string("the token keyring file ") + file + " (SLOTWISE_TOKEN_KEY_FILE)");
  } else if (std::filesystem::exists(folder / "token.key", ec)) {
    named.push_back("the demo token keyring file " + (folder / "token.key").string());
  } else {
    named.push_back("the token keyring of the server (SLOTWISE_TOKEN_KEYS or SLOTWISE_TOKEN_KEY_FILE; not set here)");
  }
  if (!settings.widget_tokens.signing_key_file.empty()) {
    named.push_back("the widget signing key file " + settings.widget_tokens.signing_key_file);
  } else if (!settings.widget_tokens.signing_key.empty()) {
    named.push_back("the widget signing key widget_tokens.signing_key of the configuration");
  }
  for (const config::WidgetKeyConfig& key : settings.widget_tokens.keys) {
    named.push_back(key.secret_file.empty() ? "the widget signing key \"" + key.kid + "\" of the configuration"
                                            : "the widget signing key file " + key.secret_file);
  }
  if (std::filesystem::exists(folder / "widget.key", ec)) {
    named.push_back("the demo widget key file " + (folder / "widget.key").string());
  }
  const std::pair<const char*, const config::ProviderConfig*> providers[] = {
      {"google", &settings.providers.google},
      {"microsoft", &settings.providers.microsoft},
      {"zoom", &settings.providers.zoom},
      {"goto", &settings.providers.go_to}};
  for (const auto& [name, provider] : providers) {
    if (!provider->client_secret_file.empty()) {
      named.push_back(std::string("the ") + name + " client secret file " + provider->client_secret_file);
    }
  }
  if (!settings.org_access.google_service_account_file.empty()) {
    named.push_back("the Google service-account key file " + settings.org_access.google_service_account_file);
  }
  if (Set(getenv("SLOTWISE_ZOOM_WEBHOOK_SECRET"))) {
    named.push_back("the Zoom webhook secret in the environment variable SLOTWISE_ZOOM_WEBHOOK_SECRET");
  }
  return named;
}

}  // namespace slotwise
