// server_config.h — the configuration of `slotwise serve`: one JSON file, environment overrides, and the effective
// result printed without its secrets. docs/CONFIG.md documents every key; docs/slotwise.example.json is a complete
// example.
//
// Precedence, lowest first: built-in defaults < the file < the environment < command-line flags. A default-constructed
// ServerConfig is a working local setup (127.0.0.1:8080, SQLite under var/, no providers, mail via the ATS webhook).
//
// Contract:
// - LoadServerConfig is strict: an unknown key, a value of the wrong type or out of range is an Error
//   {"invalid_config", message, field} whose field is the full JSON path ("providers.zoom.clientid",
//   "trusted_proxies[1]"). A duplicated key is an error too (the JSON standard leaves its meaning open). Keys that are
//   absent keep their defaults. "database.driver": "postgresql" is recognised but refused with "not_supported".
// - Per-value checks happen where the value enters (file or environment); checks that involve several keys (SMTP
//   mode needs a host and a sender, a provider id needs its secret) wait for ValidateServerConfig, to be called once
//   every layer — flags included — is applied and ResolveSecretFiles has run.
// - Secrets (provider client secrets, the widget signing key) are given inline or as a *_file path, never both in one
//   layer. ResolveSecretFiles is the only function here that touches the file system.
// - Pure values otherwise: no globals, no clock; the environment comes in through an injected getenv. Thread-safe
//   as long as callers do not share a ServerConfig they modify. No function throws (except std::bad_alloc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::config {

enum class DatabaseDriver { kSqlite };              // "sqlite"; "postgresql" is reserved (not_supported)
enum class MailMode { kAtsWebhook, kSmtp, kNone };  // "ats_webhook" | "smtp" | "none"

struct ListenConfig {
  std::string host = "127.0.0.1";  // address to bind ("0.0.0.0" / "::" for every interface)
  int port = 8080;                 // 0..65535; 0 = any free port
};

struct DatabaseConfig {
  DatabaseDriver driver = DatabaseDriver::kSqlite;
  std::string path = "var/slotwise.db";  // SQLite file; its folder must exist or be creatable
};

struct LimitsConfig {
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // request bodies, 1..1 GiB
  std::size_t max_header_bytes = 16 * 1024;  // request line + headers, 1..1 MiB
  int read_timeout_seconds = 10;             // 1..3600
  int write_timeout_seconds = 10;            // 1..3600
  int keep_alive_seconds = 5;                // 1..3600
  int threads = 8;                           // worker threads, 1..1024
  int max_connections = 4096;                // client connections at once, 1..1,000,000 (and the descriptor limit)
  int max_connections_per_address = 256;     // client connections from one address, 1..1,000,000
  // Request rates (api/rate_limits.h), each a sustained rate per minute that may also be spent at once as a burst;
  // 0 = that limit off. JSON: limits.rate.{per_key_per_minute, per_tenant_per_minute, per_address_per_minute,
  // max_tracked_keys}.
  int rate_per_key_per_minute = 6'000;       // one API key, or one widget user; 0..10,000,000
  int rate_per_tenant_per_minute = 30'000;   // all credentials of one tenant together; 0..10,000,000
  int rate_per_address_per_minute = 6'000;   // requests with no verified credential, per client address; 0..10,000,000
  int rate_max_tracked_keys = 100'000;       // callers remembered at once (memory bound), 1..10,000,000
};

struct AdminConfig {
  std::string api_key_hash;  // lowercase hex SHA-256 of the bootstrap admin API key; "" = no bootstrap key. Secret.
  std::vector<std::string> api_key_hashes;  // more admin keys' hashes, each valid as api_key_hash is. Secret.
};

// One widget-token signing key of a rotating set (auth/widget_tokens.h): `kid` names it inside every token it signs.
struct WidgetKeyConfig {
  std::string kid;          // kKidRule (config_checks.h)
  std::string secret;       // Secret, at least kMinWidgetSecretBytes bytes. Inline, or filled from secret_file
  std::string secret_file;  // path of the file holding the secret
};

inline constexpr std::string_view kLegacyWidgetKid = "w1";  // the key id of widget_tokens.signing_key
inline constexpr std::size_t kMinWidgetSecretBytes = 32;     // auth::kMinWidgetKeyBytes

struct WidgetTokensConfig {
  std::string signing_key;       // Secret. Inline, or filled from signing_key_file by ResolveSecretFiles; kid "w1"
  std::string signing_key_file;  // path of the file holding the key
  std::vector<WidgetKeyConfig> keys;  // further keys: the current one signs, every one verifies
  std::string current_kid;            // the key that signs; "" = the only key configured
};

// The widget keys in effect: every configured key (signing_key as kid "w1" first, then `keys` in order) and the one
// that signs. Empty `keys` = widget tokens are not configured. Meaningful once ValidateServerConfig accepted the
// configuration (unique kids, a current_kid naming one of them whenever there are several).
struct EffectiveWidgetKeys {
  std::string current_kid;
  std::vector<std::pair<std::string, std::string>> keys;  // kid, secret
};
EffectiveWidgetKeys WidgetKeysOf(const WidgetTokensConfig& config);

// Every admin key hash configured (api_key_hash, then api_key_hashes), without "" and without repeats.
std::vector<std::string> AdminKeyHashesOf(const AdminConfig& config);

struct ProviderConfig {
  std::string client_id;            // "" = provider not configured
  std::string client_secret;        // Secret. Inline, or filled from client_secret_file by ResolveSecretFiles
  std::string client_secret_file;   // path of the file holding the secret
  std::vector<std::string> scopes;  // empty = the adapter's default scopes
};

struct ProvidersConfig {
  ProviderConfig google;
  ProviderConfig microsoft;
  ProviderConfig zoom;
  ProviderConfig go_to;  // JSON key "goto"
};

// The Teams app's bot (docs/TEAMS_APP.md): the Bot Framework registration (Microsoft app id and client secret) whose
// messaging endpoint is {public_url}/v1/teams/bot/messages. "" = no bot. Under sandbox_url / --demo the sandbox's
// built-in bot is used when none is configured.
struct TeamsBotConfig {
  std::string app_id;
  std::string app_secret;       // Secret. Inline, or filled from app_secret_file by ResolveSecretFiles
  std::string app_secret_file;  // path of the file holding the secret
};

struct OrgAccessConfig {
  std::string google_service_account_file;  // service-account JSON key file; "" = off
  std::string google_service_account_key;   // Secret: that file's text, filled by ResolveSecretFiles
  bool microsoft_app_only = false;          // app-only Graph access with the server's Microsoft registration
  // Which customer organisation is reached is per tenant (its organisation connection), never server-wide.
};

enum class SmtpSecurity { kStartTls, kTls, kNone };  // "starttls" | "tls" | "none"

struct SmtpConfig {
  std::string host;  // relay host name or address
  int port = 0;      // 0..65535; 0 = the security's port: 587 starttls, 465 tls, 25 none
  // kNone only for loopback or a trusted network, and never with a username.
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string from;                     // envelope and header sender, "bookings@example.com"
  std::string helo_name = "localhost";  // name sent with EHLO/HELO
  std::string username;                 // SMTP AUTH identity; "" = no AUTH
  std::string password;                 // Secret: filled from password_file by ResolveSecretFiles, or the environment
  std::string password_file;            // path of the file holding the password (no inline password in the file)
  std::string ca_file;                  // PEM CA bundle trusted besides the system's (a private relay); "" = none
  int timeout_seconds = 30;             // bounds connecting and the whole exchange of one message, 1..3600
};

struct MailConfig {
  MailMode mode = MailMode::kAtsWebhook;
  SmtpConfig smtp;
};

struct OutboxConfig {
  int max_attempts = 8;                  // deliveries tried before a message is parked, 1..1000
  std::int64_t base_backoff_ms = 500;    // first retry delay (doubles each attempt), 1..86,400,000
  std::int64_t max_backoff_ms = 60'000;  // cap of the delay, >= base_backoff_ms, <= 86,400,000
};

struct OutboundConfig {
  // Hosts a tenant's webhook URL may name although they are plain http or private/loopback addresses (a deployment's
  // internal ATS; a test's receiver): "host" or "host:port", IPv6 in brackets; lower case (auth/outbound_policy.h).
  std::vector<std::string> allowed_hosts;
};

struct AvailabilityCacheConfig {
  int ttl_seconds = 300;             // 0..86400; 0 = no caching
  std::size_t max_entries = 10'000;  // 1..10,000,000
};

struct ServerConfig {
  ListenConfig listen;
  std::string public_url;  // base URL users reach this server at, no trailing '/'; "" = "http://<host>:<port>"
  DatabaseConfig database;
  std::string web_root;  // folder of staged web assets; "" = the build's default (next to the binary)
  std::string zoneinfo = "/usr/share/zoneinfo";  // TZif directory
  bool demo = false;                             // serve the demo organisation (with the in-process provider sandbox)
  std::string sandbox_url;                       // provider sandbox base URL, no trailing '/'; "" = real providers
  std::vector<std::string> trusted_proxies;      // CIDRs ("10.0.0.0/8", "::1/128") or single addresses
  LimitsConfig limits;
  AdminConfig admin;
  WidgetTokensConfig widget_tokens;
  ProvidersConfig providers;
  OrgAccessConfig org_access;
  TeamsBotConfig teams_bot;
  MailConfig mail;
  OutboxConfig outbox;
  AvailabilityCacheConfig availability_cache;
  OutboundConfig outbound;
};

// Reads a configuration file's text. "{}" gives the defaults. Errors: "invalid_config" (syntax — the message names
// line and column —, unknown or duplicated key, wrong type, value out of range; field = JSON path) and
// "not_supported" (database.driver "postgresql"). URLs come back without trailing '/', the admin hash in lowercase.
Result<ServerConfig> LoadServerConfig(std::string_view json_text);

// The environment's overrides (docs/CONFIG.md lists the variables: SLOTWISE_HOST, SLOTWISE_PORT, …). `getenv` returns
// a variable's value or nullopt; an unset or empty variable changes nothing. A value that does not parse is Error
// {"invalid_environment", message, field = the variable's name}; `config` may then be partly updated — discard it.
// A secret given here replaces the file's inline secret and its *_file. Returns true.
Result<bool> ApplyEnvironment(ServerConfig& config,
                              const std::function<std::optional<std::string>(std::string_view)>& getenv);

// The getenv to pass in production (std::getenv; call before starting threads that change the environment).
std::optional<std::string> ProcessEnvironment(std::string_view name);

// Reads every non-empty *_file secret (providers.*.client_secret_file, widget_tokens.signing_key_file,
// widget_tokens.keys[i].secret_file, org_access.google_service_account_file, mail.smtp.password_file,
// teams_bot.app_secret_file) into its secret
// field, dropping one trailing "\n" or "\r\n". Error
// {"unreadable_secret_file", message naming the file, field = the key's path} when a file cannot be read or is
// empty. Returns true.
Result<bool> ResolveSecretFiles(ServerConfig& config);

// Checks that involve several keys, for the fully assembled configuration: mail.mode "smtp" needs smtp.host and
// smtp.from, a username needs a password (password_file or the environment) and a password a username, and security
// "none" takes no username (the password would travel in clear — refused by LoadServerConfig too); a provider with a
// client_id needs a client_secret (or client_secret_file) and vice versa; org_access.microsoft_app_only needs
// providers.microsoft; widget keys have unique kids ("w1" is signing_key's), each a secret of at least
// kMinWidgetSecretBytes, and widget_tokens.current_kid names one of them (required when there are several). Error
// "invalid_config" naming the key to set.
Result<bool> ValidateServerConfig(const ServerConfig& config);

// public_url, or "http://<listen.host>:<port>" when it is empty (IPv6 hosts in brackets). Pass the bound port when
// listen.port is 0; negative = listen.port.
std::string EffectivePublicUrl(const ServerConfig& config, int bound_port = -1);

// The effective configuration as pretty-printed JSON in the file's layout (for `serve --print-config`). Every secret
// that is set reads "***" (unset ones ""); file paths are shown. public_url shows its effective value. Bytes that are
// not UTF-8 (possible only in values set by command-line flags) print as U+FFFD.
std::string DescribeConfig(const ServerConfig& config);

std::string_view MailModeName(MailMode mode);                  // "ats_webhook", "smtp", "none"
std::optional<MailMode> ParseMailMode(std::string_view name);  // inverse; nullopt for anything else
std::string_view SmtpSecurityName(SmtpSecurity security);      // "starttls", "tls", "none"
std::optional<SmtpSecurity> ParseSmtpSecurity(std::string_view name);  // inverse; nullopt for anything else

}  // namespace slotwise::config
