// server_config.cpp — the cross-key checks, the effective public URL and DescribeConfig (see server_config.h).
#include "config/server_config.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "config/config_checks.h"
#include "slotwise/error_codes.h"

namespace slotwise::config {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view kRedacted = "***";

std::string Redact(const std::string& secret) {
  return secret.empty() ? "" : std::string(kRedacted);
}

Error Missing(const std::string& field, const std::string& message) {
  return Error{codes::kInvalidConfig, message, field};
}

}  // namespace

std::string_view MailModeName(MailMode mode) {
  switch (mode) {
    case MailMode::kAtsWebhook:
      return "ats_webhook";
    case MailMode::kSmtp:
      return "smtp";
    case MailMode::kNone:
      return "none";
  }
  return "none";
}

std::optional<MailMode> ParseMailMode(std::string_view name) {
  for (MailMode mode : {MailMode::kAtsWebhook, MailMode::kSmtp, MailMode::kNone}) {
    if (MailModeName(mode) == name) return mode;
  }
  return std::nullopt;
}

std::string_view SmtpSecurityName(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kStartTls:
      return "starttls";
    case SmtpSecurity::kTls:
      return "tls";
    case SmtpSecurity::kNone:
      return "none";
  }
  return "starttls";
}

std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view name) {
  for (SmtpSecurity security : {SmtpSecurity::kStartTls, SmtpSecurity::kTls, SmtpSecurity::kNone}) {
    if (SmtpSecurityName(security) == name) return security;
  }
  return std::nullopt;
}

namespace {

// mail.mode "smtp": a relay, a sender, and credentials that are complete and never sent in clear.
Result<bool> ValidateSmtp(const SmtpConfig& smtp) {
  if (smtp.host.empty())
    return Missing("mail.smtp.host", "mail.mode \"smtp\" needs mail.smtp.host (or SLOTWISE_SMTP_HOST).");
  if (smtp.from.empty())
    return Missing("mail.smtp.from", "mail.mode \"smtp\" needs mail.smtp.from (or SLOTWISE_SMTP_FROM).");
  if (detail::SendsPasswordInClear(smtp))
    return Missing("mail.smtp.security", std::string(detail::kPasswordInClearMessage));
  const bool has_password = !smtp.password.empty() || !smtp.password_file.empty();
  if (!smtp.username.empty() && !has_password) {
    return Missing(
        "mail.smtp.password_file",
        "mail.smtp.username is set but no password: give mail.smtp.password_file or SLOTWISE_SMTP_PASSWORD.");
  }
  if (smtp.username.empty() && has_password) {
    return Missing("mail.smtp.username",
                   "an SMTP password is given but no mail.smtp.username (or SLOTWISE_SMTP_USERNAME).");
  }
  return true;
}

// Unique kids (signing_key is "w1"), secrets long enough, and a current_kid that names a configured key.
Result<bool> ValidateWidgetKeys(const WidgetTokensConfig& widget) {
  std::vector<std::string> kids;
  if (!widget.signing_key.empty() || !widget.signing_key_file.empty()) kids.emplace_back(kLegacyWidgetKid);
  for (std::size_t i = 0; i < widget.keys.size(); ++i) {
    const WidgetKeyConfig& key = widget.keys[i];
    const std::string path = "widget_tokens.keys[" + std::to_string(i) + "]";
    if (std::find(kids.begin(), kids.end(), key.kid) != kids.end()) {
      return Missing(path + ".kid", "the widget key id \"" + key.kid + "\" is configured twice" +
                                        (key.kid == kLegacyWidgetKid ? " (widget_tokens.signing_key is \"w1\")" : "") +
                                        ".");
    }
    kids.push_back(key.kid);
    // A secret_file not read yet (ResolveSecretFiles runs first in the server) is checked once it is.
    if ((key.secret_file.empty() || !key.secret.empty()) && key.secret.size() < kMinWidgetSecretBytes) {
      return Missing(key.secret_file.empty() ? path + ".secret" : path + ".secret_file",
                     path + "'s secret must be at least " + std::to_string(kMinWidgetSecretBytes) + " bytes.");
    }
  }
  if (!widget.current_kid.empty() && std::find(kids.begin(), kids.end(), widget.current_kid) == kids.end()) {
    return Missing("widget_tokens.current_kid",
                   "widget_tokens.current_kid \"" + widget.current_kid + "\" names no configured widget key.");
  }
  if (widget.current_kid.empty() && kids.size() > 1) {
    return Missing("widget_tokens.current_kid",
                   "several widget keys are configured: widget_tokens.current_kid must name the one that signs.");
  }
  return true;
}

}  // namespace

Result<bool> ValidateServerConfig(const ServerConfig& config) {
  if (config.mail.mode == MailMode::kSmtp) {
    if (Result<bool> smtp = ValidateSmtp(config.mail.smtp); !smtp) return smtp;
  }
  for (const detail::ProviderSlot& slot : detail::kProviderSlots) {
    const ProviderConfig& provider = config.providers.*slot.member;
    const std::string path = "providers." + std::string(slot.json_key);
    const bool has_secret = !provider.client_secret.empty() || !provider.client_secret_file.empty();
    if (!provider.client_id.empty() && !has_secret) {
      return Missing(path + ".client_secret", path + ".client_id is set but neither " + path + ".client_secret nor " +
                                                  path + ".client_secret_file is.");
    }
    if (provider.client_id.empty() && has_secret) {
      return Missing(path + ".client_id", path + " has a client secret but no client_id.");
    }
  }
  if (config.org_access.microsoft_app_only && config.providers.microsoft.client_id.empty()) {
    return Missing("providers.microsoft.client_id",
                   "org_access.microsoft_app_only uses the Microsoft registration: set providers.microsoft.");
  }
  const bool bot_secret = !config.teams_bot.app_secret.empty() || !config.teams_bot.app_secret_file.empty();
  if (!config.teams_bot.app_id.empty() && !bot_secret) {
    return Missing("teams_bot.app_secret", "teams_bot.app_id is set but neither teams_bot.app_secret nor "
                                           "teams_bot.app_secret_file is.");
  }
  if (config.teams_bot.app_id.empty() && bot_secret) {
    return Missing("teams_bot.app_id", "teams_bot has a secret but no app_id.");
  }
  return ValidateWidgetKeys(config.widget_tokens);
}

EffectiveWidgetKeys WidgetKeysOf(const WidgetTokensConfig& config) {
  EffectiveWidgetKeys effective;
  // signing_key keeps its historical key id, so tokens it signed before a rotation still name a key of the set.
  if (config.signing_key.size() >= kMinWidgetSecretBytes) {
    effective.keys.emplace_back(std::string(kLegacyWidgetKid), config.signing_key);
  }
  for (const WidgetKeyConfig& key : config.keys) effective.keys.emplace_back(key.kid, key.secret);
  effective.current_kid = config.current_kid;
  if (effective.current_kid.empty() && effective.keys.size() == 1) effective.current_kid = effective.keys.front().first;
  return effective;
}

std::vector<std::string> AdminKeyHashesOf(const AdminConfig& config) {
  std::vector<std::string> hashes;
  const auto add = [&](const std::string& hash) {
    if (!hash.empty() && std::find(hashes.begin(), hashes.end(), hash) == hashes.end()) hashes.push_back(hash);
  };
  add(config.api_key_hash);
  for (const std::string& hash : config.api_key_hashes) add(hash);
  return hashes;
}

std::string EffectivePublicUrl(const ServerConfig& config, int bound_port) {
  if (!config.public_url.empty()) return config.public_url;
  const std::string& host = config.listen.host;
  const bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" +
         std::to_string(bound_port < 0 ? config.listen.port : bound_port);
}

std::string DescribeConfig(const ServerConfig& config) {
  ordered_json providers = ordered_json::object();
  for (const detail::ProviderSlot& slot : detail::kProviderSlots) {
    const ProviderConfig& provider = config.providers.*slot.member;
    providers[std::string(slot.json_key)] = {{"client_id", provider.client_id},
                                             {"client_secret", Redact(provider.client_secret)},
                                             {"client_secret_file", provider.client_secret_file},
                                             {"scopes", provider.scopes}};
  }
  ordered_json admin_hashes = ordered_json::array();
  for (const std::string& hash : config.admin.api_key_hashes) admin_hashes.push_back(Redact(hash));
  ordered_json widget_keys = ordered_json::array();
  for (const WidgetKeyConfig& key : config.widget_tokens.keys) {
    widget_keys.push_back({{"kid", key.kid}, {"secret", Redact(key.secret)}, {"secret_file", key.secret_file}});
  }
  const ordered_json described = {
      {"listen", {{"host", config.listen.host}, {"port", config.listen.port}}},
      {"public_url", EffectivePublicUrl(config)},
      {"database", {{"driver", "sqlite"}, {"path", config.database.path}}},
      {"web_root", config.web_root},
      {"zoneinfo", config.zoneinfo},
      {"demo", config.demo},
      {"sandbox_url", config.sandbox_url},
      {"trusted_proxies", config.trusted_proxies},
      {"limits",
       {{"max_body_bytes", config.limits.max_body_bytes},
        {"max_header_bytes", config.limits.max_header_bytes},
        {"read_timeout_seconds", config.limits.read_timeout_seconds},
        {"write_timeout_seconds", config.limits.write_timeout_seconds},
        {"keep_alive_seconds", config.limits.keep_alive_seconds},
        {"threads", config.limits.threads},
        {"max_connections", config.limits.max_connections},
        {"max_connections_per_address", config.limits.max_connections_per_address},
        {"rate",
         {{"per_key_per_minute", config.limits.rate_per_key_per_minute},
          {"per_tenant_per_minute", config.limits.rate_per_tenant_per_minute},
          {"per_address_per_minute", config.limits.rate_per_address_per_minute},
          {"max_tracked_keys", config.limits.rate_max_tracked_keys}}}}},
      {"admin", {{"api_key_hash", Redact(config.admin.api_key_hash)}, {"api_key_hashes", admin_hashes}}},
      {"widget_tokens",
       {{"signing_key", Redact(config.widget_tokens.signing_key)},
        {"signing_key_file", config.widget_tokens.signing_key_file},
        {"keys", widget_keys},
        {"current_kid", config.widget_tokens.current_kid}}},
      {"providers", providers},
      {"org_access",
       {{"google_service_account_file", config.org_access.google_service_account_file},
        {"microsoft_app_only", config.org_access.microsoft_app_only}}},
      {"teams_bot",
       {{"app_id", config.teams_bot.app_id},
        {"app_secret", Redact(config.teams_bot.app_secret)},
        {"app_secret_file", config.teams_bot.app_secret_file}}},
      {"mail",
       {{"mode", std::string(MailModeName(config.mail.mode))},
        {"smtp",
         {{"host", config.mail.smtp.host},
          {"port", config.mail.smtp.port},
          {"security", std::string(SmtpSecurityName(config.mail.smtp.security))},
          {"from", config.mail.smtp.from},
          {"helo_name", config.mail.smtp.helo_name},
          {"username", config.mail.smtp.username},
          {"password", Redact(config.mail.smtp.password)},
          {"password_file", config.mail.smtp.password_file},
          {"ca_file", config.mail.smtp.ca_file},
          {"timeout_seconds", config.mail.smtp.timeout_seconds}}}}},
      {"outbox",
       {{"max_attempts", config.outbox.max_attempts},
        {"base_backoff_ms", config.outbox.base_backoff_ms},
        {"max_backoff_ms", config.outbox.max_backoff_ms}}},
      {"availability_cache",
       {{"ttl_seconds", config.availability_cache.ttl_seconds},
        {"max_entries", config.availability_cache.max_entries}}},
      {"outbound", {{"allowed_hosts", config.outbound.allowed_hosts}}},
  };
  // Values that did not come through the file or the environment (command-line flags) may hold bytes that are not
  // UTF-8: they print as U+FFFD instead of making dump() throw.
  return described.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace slotwise::config
