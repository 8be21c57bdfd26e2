// config_environment.cpp — ApplyEnvironment, ProcessEnvironment and ResolveSecretFiles (see server_config.h).
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "config/config_checks.h"
#include "config/server_config.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::config {
namespace {

using Getenv = std::function<std::optional<std::string>(std::string_view)>;

Error EnvironmentError(const std::string& name, std::string_view rule) {
  return Error{codes::kInvalidEnvironment, name + " must be " + std::string(rule) + ".", name};
}

// Applies variable `name` through `normalize` into `out`; unset or empty changes nothing.
Result<bool> ApplyText(const Getenv& getenv, const std::string& name, std::string& out,
                       std::optional<std::string> (*normalize)(std::string_view), std::string_view rule) {
  const std::optional<std::string> value = getenv(name);
  if (!value || value->empty()) return true;
  std::optional<std::string> normalized = normalize(*value);
  if (!normalized) return EnvironmentError(name, rule);
  out = std::move(*normalized);
  return true;
}

template <class T>
Result<bool> ApplyInteger(const Getenv& getenv, const std::string& name, std::int64_t min, std::int64_t max, T& out) {
  const std::optional<std::string> value = getenv(name);
  if (!value || value->empty()) return true;
  const std::optional<std::int64_t> number =
      value->front() == '-' ? std::nullopt : detail::ParseInteger(*value, min, max);  // digits only, so no "-0"
  if (!number) {
    return EnvironmentError(name, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<T>(*number);
  return true;
}

// Applies variable `name`, a comma-separated list whose entries pass `normalize` (`what` names one in errors), into
// `out`, replacing the whole list; unset or empty changes nothing.
Result<bool> ApplyList(const Getenv& getenv, const std::string& name, std::vector<std::string>& out,
                       std::optional<std::string> (*normalize)(std::string_view), std::string_view what) {
  const std::optional<std::string> value = getenv(name);
  if (!value || value->empty()) return true;
  std::vector<std::string> entries;
  std::stringstream items(*value);
  std::string item;
  while (std::getline(items, item, ',')) {
    std::optional<std::string> entry = normalize(item);
    if (!entry) {
      return EnvironmentError(name, "a comma-separated list of " + std::string(what) + " (\"" + item + "\" is not one)");
    }
    entries.push_back(std::move(*entry));
  }
  if (!value->empty() && value->back() == ',') return EnvironmentError(name, "a comma-separated list without an empty entry");
  out = std::move(entries);
  return true;
}

Result<bool> ApplyMailMode(const Getenv& getenv, ServerConfig& config) {
  const std::optional<std::string> value = getenv("SLOTWISE_MAIL_MODE");
  if (!value || value->empty()) return true;
  const std::optional<MailMode> mode = ParseMailMode(*value);
  if (!mode) return EnvironmentError("SLOTWISE_MAIL_MODE", "\"ats_webhook\", \"smtp\" or \"none\"");
  config.mail.mode = *mode;
  return true;
}

Result<bool> ApplySmtpSecurity(const Getenv& getenv, ServerConfig& config) {
  const std::optional<std::string> value = getenv("SLOTWISE_SMTP_SECURITY");
  if (!value || value->empty()) return true;
  const std::optional<SmtpSecurity> security = ParseSmtpSecurity(*value);
  if (!security) return EnvironmentError("SLOTWISE_SMTP_SECURITY", "\"starttls\", \"tls\" or \"none\"");
  config.mail.smtp.security = *security;
  return true;
}

// The SMTP password replaces the file's password_file.
Result<bool> ApplySmtpPassword(const Getenv& getenv, ServerConfig& config) {
  const std::optional<std::string> password = getenv("SLOTWISE_SMTP_PASSWORD");
  if (!password || password->empty()) return true;
  config.mail.smtp.password = *password;
  config.mail.smtp.password_file.clear();
  return true;
}

Result<bool> ApplyProviders(const Getenv& getenv, ServerConfig& config) {
  for (const detail::ProviderSlot& slot : detail::kProviderSlots) {
    ProviderConfig& provider = config.providers.*slot.member;
    const std::string prefix = "SLOTWISE_" + std::string(slot.env_name);
    if (Result<bool> done =
            ApplyText(getenv, prefix + "_CLIENT_ID", provider.client_id, detail::NormalizeToken, detail::kTokenRule);
        !done) {
      return done;
    }
    const std::string secret_name = prefix + "_CLIENT_SECRET";
    const std::optional<std::string> secret = getenv(secret_name);
    if (secret && !secret->empty()) {
      provider.client_secret = *secret;
      provider.client_secret_file.clear();  // the environment's secret replaces the file's, whichever form it had
    }
  }
  return true;
}

// Reads `path` whole; drops one trailing "\n" or "\r\n".
Result<std::string> ReadSecretFile(const std::string& path, const std::string& field) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error{codes::kUnreadableSecretFile, "Cannot read the secret file " + path + " (" + field + ").", field};
  }
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) {
    return Error{codes::kUnreadableSecretFile, "Reading the secret file " + path + " failed (" + field + ").", field};
  }
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty()) {
    return Error{codes::kUnreadableSecretFile, "The secret file " + path + " is empty (" + field + ").", field};
  }
  return text;
}

}  // namespace

Result<bool> ApplyEnvironment(ServerConfig& config, const Getenv& getenv) {
  const auto text = [&](const char* name, std::string& out, std::optional<std::string> (*normalize)(std::string_view),
                        std::string_view rule) { return ApplyText(getenv, name, out, normalize, rule); };
  // Every step runs, in this order (braced lists evaluate left to right); the first error is returned.
  for (const Result<bool>& step : {
           text("SLOTWISE_HOST", config.listen.host, detail::NormalizeHost, detail::kHostRule),
           ApplyInteger(getenv, "SLOTWISE_PORT", 0, 65535, config.listen.port),
           text("SLOTWISE_PUBLIC_URL", config.public_url, detail::NormalizeUrl, detail::kUrlRule),
           text("SLOTWISE_DB", config.database.path, detail::NormalizePath, detail::kPathRule),
           text("SLOTWISE_WEB_ROOT", config.web_root, detail::NormalizePath, detail::kPathRule),
           text("SLOTWISE_ZONEINFO", config.zoneinfo, detail::NormalizePath, detail::kPathRule),
           text("SLOTWISE_SANDBOX_URL", config.sandbox_url, detail::NormalizeUrl, detail::kUrlRule),
           ApplyList(getenv, "SLOTWISE_TRUSTED_PROXIES", config.trusted_proxies, detail::NormalizeCidr,
                     "IPv4/IPv6 addresses or CIDR blocks"),
           ApplyList(getenv, "SLOTWISE_OUTBOUND_ALLOWED_HOSTS", config.outbound.allowed_hosts,
                     [](std::string_view entry) { return detail::NormalizeHostPort(TrimBlanks(entry)); },
                     "hosts with an optional :port"),
           text("SLOTWISE_ADMIN_KEY_HASH", config.admin.api_key_hash, detail::NormalizeKeyHash, detail::kKeyHashRule),
           ApplyList(getenv, "SLOTWISE_ADMIN_KEY_HASHES", config.admin.api_key_hashes,
                     [](std::string_view entry) { return detail::NormalizeListedKeyHash(TrimBlanks(entry)); },
                     "SHA-256 hashes (64 hexadecimal digits each)"),
           ApplyMailMode(getenv, config),
           text("SLOTWISE_SMTP_HOST", config.mail.smtp.host, detail::NormalizeHost, detail::kHostRule),
           ApplyInteger(getenv, "SLOTWISE_SMTP_PORT", 0, 65535, config.mail.smtp.port),
           text("SLOTWISE_SMTP_FROM", config.mail.smtp.from, detail::NormalizeEmail, detail::kEmailRule),
           ApplySmtpSecurity(getenv, config),
           text("SLOTWISE_SMTP_USERNAME", config.mail.smtp.username, detail::NormalizeToken, detail::kTokenRule),
           ApplySmtpPassword(getenv, config),
           ApplyProviders(getenv, config),
           ApplyInteger(getenv, "SLOTWISE_MAX_BODY_BYTES", 1, detail::kMaxBodyBytesLimit, config.limits.max_body_bytes),
           ApplyInteger(getenv, "SLOTWISE_RATE_PER_KEY_PER_MINUTE", 0, detail::kMaxRatePerMinute,
                        config.limits.rate_per_key_per_minute),
           ApplyInteger(getenv, "SLOTWISE_RATE_PER_TENANT_PER_MINUTE", 0, detail::kMaxRatePerMinute,
                        config.limits.rate_per_tenant_per_minute),
           ApplyInteger(getenv, "SLOTWISE_RATE_PER_ADDRESS_PER_MINUTE", 0, detail::kMaxRatePerMinute,
                        config.limits.rate_per_address_per_minute),
       }) {
    if (!step) return step;
  }
  return true;
}

std::optional<std::string> ProcessEnvironment(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

Result<bool> ResolveSecretFiles(ServerConfig& config) {
  for (const detail::ProviderSlot& slot : detail::kProviderSlots) {
    ProviderConfig& provider = config.providers.*slot.member;
    if (provider.client_secret_file.empty()) continue;
    Result<std::string> secret =
        ReadSecretFile(provider.client_secret_file, "providers." + std::string(slot.json_key) + ".client_secret_file");
    if (!secret) return secret.error();
    provider.client_secret = std::move(secret).value();
  }
  if (!config.widget_tokens.signing_key_file.empty()) {
    Result<std::string> key = ReadSecretFile(config.widget_tokens.signing_key_file, "widget_tokens.signing_key_file");
    if (!key) return key.error();
    config.widget_tokens.signing_key = std::move(key).value();
  }
  for (std::size_t i = 0; i < config.widget_tokens.keys.size(); ++i) {
    WidgetKeyConfig& key = config.widget_tokens.keys[i];
    if (key.secret_file.empty()) continue;
    Result<std::string> secret =
        ReadSecretFile(key.secret_file, "widget_tokens.keys[" + std::to_string(i) + "].secret_file");
    if (!secret) return secret.error();
    key.secret = std::move(secret).value();
  }
  if (!config.org_access.google_service_account_file.empty()) {
    Result<std::string> key =
        ReadSecretFile(config.org_access.google_service_account_file, "org_access.google_service_account_file");
    if (!key) return key.error();
    config.org_access.google_service_account_key = std::move(key).value();
  }
  if (!config.teams_bot.app_secret_file.empty()) {
    Result<std::string> secret = ReadSecretFile(config.teams_bot.app_secret_file, "teams_bot.app_secret_file");
    if (!secret) return secret.error();
    config.teams_bot.app_secret = std::move(secret).value();
  }
  if (!config.mail.smtp.password_file.empty()) {
    Result<std::string> password = ReadSecretFile(config.mail.smtp.password_file, "mail.smtp.password_file");
    if (!password) return password.error();
    config.mail.smtp.password = std::move(password).value();
  }
  return true;
}

}  // namespace slotwise::config
