// config_load.cpp — LoadServerConfig: the strict reader of the configuration file (see server_config.h).
#include <algorithm>
#include <initializer_list>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "config/config_checks.h"
#include "config/server_config.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::config {
namespace {

using json = nlohmann::json;
using Normalizer = std::optional<std::string> (*)(std::string_view);

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean \"client_id\"?)" when a known key is within two edits of `key`; "" otherwise.
std::string Suggestion(std::string_view key, std::initializer_list<std::string_view> known) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view candidate : known) {
    const std::size_t distance = EditDistance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : " (did you mean \"" + std::string(best) + "\"?)";
}

std::string_view TypeName(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "a list";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "true/false";
  if (value.is_null()) return "null";
  return "a number";
}

// Walks the parsed document; keeps the first error. Absent keys leave the defaults untouched.
class Reader {
 public:
  bool failed() const { return error_.has_value(); }
  const Error& error() const { return *error_; }

  void Fail(const std::string& field, std::string message, std::string code = codes::kInvalidConfig) {
    if (!error_) error_ = Error{std::move(code), std::move(message), field};
  }

  // True when `node` (at `path`) is an object whose keys are all in `known`.
  bool Object(const json& node, const std::string& path, std::initializer_list<std::string_view> known) {
    if (failed()) return false;
    if (!node.is_object()) {
      Fail(path, Label(path) + " must be an object, not " + std::string(TypeName(node)) + ".");
      return false;
    }
    for (const auto& item : node.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
        const std::string field = Join(path, item.key());
        Fail(field, "Unknown key " + field + Suggestion(item.key(), known) + ".");
        return false;
      }
    }
    return true;
  }

  // The member `key` of `object`, or null when absent or after an error.
  const json* Member(const json& object, std::string_view key) {
    if (failed()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
  }

  // A string; "" is stored as is when `allow_empty`, anything else goes through `normalize` (null = kept as is).
  void String(const json& object, std::string_view key, const std::string& path, std::string& out,
              Normalizer normalize = nullptr, std::string_view rule = {}, bool allow_empty = true) {
    const json* value = Member(object, key);
    if (!value) return;
    const std::string field = Join(path, key);
    if (!value->is_string()) return WrongType(field, "a string", *value);
    const std::string& text = value->get_ref<const std::string&>();
    if (text.empty() && allow_empty) {
      out.clear();
      return;
    }
    if (text.empty() && !normalize) return Fail(field, field + " must not be empty.");
    if (!normalize) {
      out = text;
      return;
    }
    std::optional<std::string> normalized = normalize(text);
    if (!normalized) return Fail(field, field + " must be " + std::string(rule) + ".");
    out = std::move(*normalized);
  }

  void Boolean(const json& object, std::string_view key, const std::string& path, bool& out) {
    const json* value = Member(object, key);
    if (!value) return;
    if (!value->is_boolean()) return WrongType(Join(path, key), "true or false", *value);
    out = value->get<bool>();
  }

  template <class T>
  void Integer(const json& object, std::string_view key, const std::string& path, std::int64_t min, std::int64_t max,
               T& out) {
    const json* value = Member(object, key);
    if (!value) return;
    const std::string field = Join(path, key);
    if (!value->is_number_integer()) return WrongType(field, "a whole number", *value);
    const bool too_big =
        value->is_number_unsigned() &&
        value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t number = too_big ? std::numeric_limits<std::int64_t>::max() : value->get<std::int64_t>();
    if (number < min || number > max) {
      return Fail(field, field + " must be from " + std::to_string(min) + " to " + std::to_string(max) + ".");
    }
    out = static_cast<T>(number);
  }

  // A list of strings, each through `normalize` (elements named "key[i]").
  void StringList(const json& object, std::string_view key, const std::string& path, std::vector<std::string>& out,
                  Normalizer normalize, std::string_view rule) {
    const json* value = Member(object, key);
    if (!value) return;
    const std::string field = Join(path, key);
    if (!value->is_array()) return WrongType(field, "a list of strings", *value);
    std::vector<std::string> items;
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      const std::string item_field = field + "[" + std::to_string(i) + "]";
      if (!item.is_string()) return WrongType(item_field, "a string", item);
      std::optional<std::string> normalized = normalize(item.get_ref<const std::string&>());
      if (!normalized) return Fail(item_field, item_field + " must be " + std::string(rule) + ".");
      items.push_back(std::move(*normalized));
    }
    out = std::move(items);
  }

 private:
  static std::string Label(const std::string& path) { return path.empty() ? "The configuration" : path; }

  void WrongType(const std::string& field, std::string_view expected, const json& value) {
    Fail(field, field + " must be " + std::string(expected) + ", not " + std::string(TypeName(value)) + ".");
  }

  std::optional<Error> error_;
};

// Parses JSON text; a key repeated within one object is an error (nlohmann would keep the last silently).
Result<json> ParseStrict(std::string_view text) {
  struct Frame {
    bool is_object = false;
    std::string path;
    std::string last_key;
    std::set<std::string> keys;
  };
  std::vector<Frame> frames;
  std::optional<Error> duplicate;
  auto callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start: {
        Frame frame;
        frame.is_object = event == json::parse_event_t::object_start;
        if (!frames.empty()) {
          const Frame& parent = frames.back();
          frame.path = parent.is_object ? Join(parent.path, parent.last_key) : parent.path + "[]";
        }
        frames.push_back(std::move(frame));
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case json::parse_event_t::key: {
        Frame& frame = frames.back();
        frame.last_key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.last_key).second && !duplicate) {
          const std::string field = Join(frame.path, frame.last_key);
          duplicate = Error{codes::kInvalidConfig, "The key " + field + " appears twice.", field};
        }
        break;
      }
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  // nlohmann stops reading at a raw NUL byte (what follows would be ignored) and builds any depth: refuse both first.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Error{codes::kInvalidConfig,
                 "The configuration is not valid JSON: a NUL byte at byte " + std::to_string(nul), ""};
  }
  if (const std::optional<std::size_t> deep = JsonNestingBeyond(text)) {
    return Error{codes::kInvalidConfig, "The configuration is not valid JSON: " + NestingTooDeepMessage(*deep), ""};
  }
  try {
    json parsed = json::parse(text.begin(), text.end(), callback);
    if (duplicate) return *duplicate;
    return parsed;
  } catch (const json::exception& error) {
    std::string detail = error.what();
    const std::size_t bracket = detail.find("] ");
    if (detail.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) detail.erase(0, bracket + 2);
    return Error{codes::kInvalidConfig, "The configuration is not valid JSON: " + detail, ""};
  }
}

void ReadListen(Reader& reader, const json& root, ListenConfig& out) {
  const json* node = reader.Member(root, "listen");
  if (!node || !reader.Object(*node, "listen", {"host", "port"})) return;
  reader.String(*node, "host", "listen", out.host, detail::NormalizeHost, detail::kHostRule, false);
  reader.Integer(*node, "port", "listen", 0, 65535, out.port);
}

void ReadDatabase(Reader& reader, const json& root, DatabaseConfig& out) {
  const json* node = reader.Member(root, "database");
  if (!node || !reader.Object(*node, "database", {"driver", "path"})) return;
  if (const json* driver = reader.Member(*node, "driver")) {
    if (!driver->is_string()) {
      reader.Fail("database.driver", "database.driver must be a string, not " + std::string(TypeName(*driver)) + ".");
    } else if (*driver == "postgresql") {
      reader.Fail("database.driver",
                  "database.driver \"postgresql\" is not supported yet; use \"sqlite\" (the only driver today).",
                  codes::kNotSupported);
    } else if (*driver != "sqlite") {
      reader.Fail("database.driver", "database.driver must be \"sqlite\".");
    }
  }
  reader.String(*node, "path", "database", out.path, detail::NormalizePath, detail::kPathRule, false);
}

void ReadLimits(Reader& reader, const json& root, LimitsConfig& out) {
  const json* node = reader.Member(root, "limits");
  if (!node || !reader.Object(*node, "limits",
                              {"max_body_bytes", "max_header_bytes", "read_timeout_seconds", "write_timeout_seconds",
                               "keep_alive_seconds", "threads", "max_connections", "max_connections_per_address",
                               "rate"})) {
    return;
  }
  reader.Integer(*node, "max_body_bytes", "limits", 1, detail::kMaxBodyBytesLimit, out.max_body_bytes);
  reader.Integer(*node, "max_header_bytes", "limits", 1, detail::kMaxHeaderBytesLimit, out.max_header_bytes);
  reader.Integer(*node, "read_timeout_seconds", "limits", 1, detail::kMaxSeconds, out.read_timeout_seconds);
  reader.Integer(*node, "write_timeout_seconds", "limits", 1, detail::kMaxSeconds, out.write_timeout_seconds);
  reader.Integer(*node, "keep_alive_seconds", "limits", 1, detail::kMaxSeconds, out.keep_alive_seconds);
  reader.Integer(*node, "threads", "limits", 1, detail::kMaxThreads, out.threads);
  reader.Integer(*node, "max_connections", "limits", 1, detail::kMaxConnections, out.max_connections);
  reader.Integer(*node, "max_connections_per_address", "limits", 1, detail::kMaxConnections,
                 out.max_connections_per_address);
  const json* rate = reader.Member(*node, "rate");
  if (!rate || !reader.Object(*rate, "limits.rate",
                              {"per_key_per_minute", "per_tenant_per_minute", "per_address_per_minute",
                               "max_tracked_keys"})) {
    return;
  }
  reader.Integer(*rate, "per_key_per_minute", "limits.rate", 0, detail::kMaxRatePerMinute, out.rate_per_key_per_minute);
  reader.Integer(*rate, "per_tenant_per_minute", "limits.rate", 0, detail::kMaxRatePerMinute,
                 out.rate_per_tenant_per_minute);
  reader.Integer(*rate, "per_address_per_minute", "limits.rate", 0, detail::kMaxRatePerMinute,
                 out.rate_per_address_per_minute);
  reader.Integer(*rate, "max_tracked_keys", "limits.rate", 1, detail::kMaxRatePerMinute, out.rate_max_tracked_keys);
}

// An inline secret and its *_file are alternatives: giving both is an error.
void CheckOneOf(Reader& reader, const json& node, const std::string& path, std::string_view inline_key,
                std::string_view file_key) {
  if (reader.failed()) return;
  const auto is_set = [&](std::string_view key) {
    const auto found = node.find(key);
    return found != node.end() && found->is_string() && !found->get_ref<const std::string&>().empty();
  };
  if (is_set(inline_key) && is_set(file_key)) {
    reader.Fail(Join(path, file_key),
                "Give either " + Join(path, inline_key) + " or " + Join(path, file_key) + ", not both.");
  }
}

// widget_tokens.keys: a list of {kid, secret | secret_file}; the kid is required, exactly one of the two secrets.
void ReadWidgetKeys(Reader& reader, const json& widget, std::vector<WidgetKeyConfig>& out) {
  const json* keys = reader.Member(widget, "keys");
  if (!keys) return;
  if (!keys->is_array()) return reader.Fail("widget_tokens.keys", "widget_tokens.keys must be a list of objects.");
  std::vector<WidgetKeyConfig> read;
  for (std::size_t i = 0; i < keys->size() && !reader.failed(); ++i) {
    const json& item = (*keys)[i];
    const std::string path = "widget_tokens.keys[" + std::to_string(i) + "]";
    if (!reader.Object(item, path, {"kid", "secret", "secret_file"})) return;
    WidgetKeyConfig key;
    if (!item.contains("kid")) return reader.Fail(Join(path, "kid"), Join(path, "kid") + " is required.");
    reader.String(item, "kid", path, key.kid, detail::NormalizeKid, detail::kKidRule, false);
    reader.String(item, "secret", path, key.secret);
    reader.String(item, "secret_file", path, key.secret_file, detail::NormalizePath, detail::kPathRule);
    CheckOneOf(reader, item, path, "secret", "secret_file");
    if (!reader.failed() && key.secret.empty() && key.secret_file.empty()) {
      return reader.Fail(Join(path, "secret"), path + " needs secret or secret_file.");
    }
    read.push_back(std::move(key));
  }
  out = std::move(read);
}

void ReadSecrets(Reader& reader, const json& root, ServerConfig& out) {
  if (const json* admin = reader.Member(root, "admin");
      admin && reader.Object(*admin, "admin", {"api_key_hash", "api_key_hashes"})) {
    reader.String(*admin, "api_key_hash", "admin", out.admin.api_key_hash, detail::NormalizeKeyHash,
                  detail::kKeyHashRule);
    reader.StringList(*admin, "api_key_hashes", "admin", out.admin.api_key_hashes, detail::NormalizeListedKeyHash,
                      detail::kKeyHashRule);
  }
  const json* widget = reader.Member(root, "widget_tokens");
  if (widget && reader.Object(*widget, "widget_tokens", {"signing_key", "signing_key_file", "keys", "current_kid"})) {
    reader.String(*widget, "signing_key", "widget_tokens", out.widget_tokens.signing_key);
    reader.String(*widget, "signing_key_file", "widget_tokens", out.widget_tokens.signing_key_file,
                  detail::NormalizePath, detail::kPathRule);
    CheckOneOf(reader, *widget, "widget_tokens", "signing_key", "signing_key_file");
    reader.String(*widget, "current_kid", "widget_tokens", out.widget_tokens.current_kid, detail::NormalizeKid,
                  detail::kKidRule);
    ReadWidgetKeys(reader, *widget, out.widget_tokens.keys);
  }
}

void ReadProviders(Reader& reader, const json& root, ProvidersConfig& out) {
  const json* node = reader.Member(root, "providers");
  if (!node || !reader.Object(*node, "providers", {"google", "microsoft", "zoom", "goto"})) return;
  for (const detail::ProviderSlot& slot : detail::kProviderSlots) {
    const json* provider = reader.Member(*node, slot.json_key);
    const std::string path = Join("providers", slot.json_key);
    if (!provider || !reader.Object(*provider, path, {"client_id", "client_secret", "client_secret_file", "scopes"})) {
      continue;
    }
    ProviderConfig& target = out.*slot.member;
    reader.String(*provider, "client_id", path, target.client_id, detail::NormalizeToken, detail::kTokenRule);
    reader.String(*provider, "client_secret", path, target.client_secret);
    reader.String(*provider, "client_secret_file", path, target.client_secret_file, detail::NormalizePath,
                  detail::kPathRule);
    CheckOneOf(reader, *provider, path, "client_secret", "client_secret_file");
    reader.StringList(*provider, "scopes", path, target.scopes, detail::NormalizeToken, detail::kTokenRule);
  }
}

void ReadOrgAccess(Reader& reader, const json& root, OrgAccessConfig& out) {
  const json* node = reader.Member(root, "org_access");
  if (!node ||
      !reader.Object(*node, "org_access", {"google_service_account_file", "microsoft_app_only"})) {
    return;
  }
  reader.String(*node, "google_service_account_file", "org_access", out.google_service_account_file,
                detail::NormalizePath, detail::kPathRule);
  reader.Boolean(*node, "microsoft_app_only", "org_access", out.microsoft_app_only);
}

void ReadTeamsBot(Reader& reader, const json& root, TeamsBotConfig& out) {
  const json* node = reader.Member(root, "teams_bot");
  if (!node || !reader.Object(*node, "teams_bot", {"app_id", "app_secret", "app_secret_file"})) return;
  reader.String(*node, "app_id", "teams_bot", out.app_id, detail::NormalizeToken, detail::kTokenRule);
  reader.String(*node, "app_secret", "teams_bot", out.app_secret);
  reader.String(*node, "app_secret_file", "teams_bot", out.app_secret_file, detail::NormalizePath, detail::kPathRule);
  CheckOneOf(reader, *node, "teams_bot", "app_secret", "app_secret_file");
}

void ReadMail(Reader& reader, const json& root, MailConfig& out) {
  const json* node = reader.Member(root, "mail");
  if (!node || !reader.Object(*node, "mail", {"mode", "smtp"})) return;
  if (const json* mode = reader.Member(*node, "mode")) {
    const std::optional<MailMode> parsed =
        mode->is_string() ? ParseMailMode(mode->get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      reader.Fail("mail.mode", "mail.mode must be \"ats_webhook\", \"smtp\" or \"none\".");
    } else {
      out.mode = *parsed;
    }
  }
  const json* smtp = reader.Member(*node, "smtp");
  // The password comes from password_file or the environment; "" (what --print-config shows when unset) is no password.
  if (smtp && smtp->is_object() && smtp->contains("password") && smtp->at("password") != "") {
    return reader.Fail("mail.smtp.password",
                       "mail.smtp.password is not read from the configuration file: give mail.smtp.password_file or "
                       "SLOTWISE_SMTP_PASSWORD.");
  }
  if (!smtp || !reader.Object(*smtp, "mail.smtp",
                              {"host", "port", "security", "from", "helo_name", "username", "password", "password_file",
                               "ca_file", "timeout_seconds"})) {
    return;
  }
  reader.String(*smtp, "host", "mail.smtp", out.smtp.host, detail::NormalizeHost, detail::kHostRule);
  reader.Integer(*smtp, "port", "mail.smtp", 0, 65535, out.smtp.port);
  if (const json* security = reader.Member(*smtp, "security")) {
    const std::optional<SmtpSecurity> parsed =
        security->is_string() ? ParseSmtpSecurity(security->get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      return reader.Fail("mail.smtp.security", "mail.smtp.security must be \"starttls\", \"tls\" or \"none\".");
    }
    out.smtp.security = *parsed;
  }
  reader.String(*smtp, "from", "mail.smtp", out.smtp.from, detail::NormalizeEmail, detail::kEmailRule);
  reader.String(*smtp, "helo_name", "mail.smtp", out.smtp.helo_name, detail::NormalizeHost, detail::kHostRule, false);
  reader.String(*smtp, "username", "mail.smtp", out.smtp.username, detail::NormalizeToken, detail::kTokenRule);
  reader.String(*smtp, "password_file", "mail.smtp", out.smtp.password_file, detail::NormalizePath, detail::kPathRule);
  reader.String(*smtp, "ca_file", "mail.smtp", out.smtp.ca_file, detail::NormalizePath, detail::kPathRule);
  reader.Integer(*smtp, "timeout_seconds", "mail.smtp", 1, detail::kMaxSeconds, out.smtp.timeout_seconds);
  if (!reader.failed() && detail::SendsPasswordInClear(out.smtp)) {
    reader.Fail("mail.smtp.security", std::string(detail::kPasswordInClearMessage));
  }
}

void ReadOutboxAndCache(Reader& reader, const json& root, ServerConfig& out) {
  const json* outbox = reader.Member(root, "outbox");
  if (outbox && reader.Object(*outbox, "outbox", {"max_attempts", "base_backoff_ms", "max_backoff_ms"})) {
    reader.Integer(*outbox, "max_attempts", "outbox", 1, detail::kMaxAttempts, out.outbox.max_attempts);
    reader.Integer(*outbox, "base_backoff_ms", "outbox", 1, detail::kMaxBackoffMs, out.outbox.base_backoff_ms);
    reader.Integer(*outbox, "max_backoff_ms", "outbox", 1, detail::kMaxBackoffMs, out.outbox.max_backoff_ms);
    if (!reader.failed() && out.outbox.max_backoff_ms < out.outbox.base_backoff_ms) {
      reader.Fail("outbox.max_backoff_ms", "outbox.max_backoff_ms must not be less than outbox.base_backoff_ms.");
    }
  }
  const json* cache = reader.Member(root, "availability_cache");
  if (cache && reader.Object(*cache, "availability_cache", {"ttl_seconds", "max_entries"})) {
    reader.Integer(*cache, "ttl_seconds", "availability_cache", 0, detail::kMaxCacheTtlSeconds,
                   out.availability_cache.ttl_seconds);
    reader.Integer(*cache, "max_entries", "availability_cache", 1, detail::kMaxCacheEntries,
                   out.availability_cache.max_entries);
  }
}

}  // namespace

Result<ServerConfig> LoadServerConfig(std::string_view json_text) {
  Result<json> parsed = ParseStrict(json_text);
  if (!parsed) return parsed.error();
  const json& root = *parsed;
  Reader reader;
  ServerConfig config;
  reader.Object(
      root, "",
      {"listen", "public_url", "database", "web_root", "zoneinfo", "demo", "sandbox_url", "trusted_proxies", "limits",
       "admin", "widget_tokens", "providers", "org_access", "teams_bot", "mail", "outbox", "availability_cache", "outbound"});
  ReadListen(reader, root, config.listen);
  reader.String(root, "public_url", "", config.public_url, detail::NormalizeUrl, detail::kUrlRule);
  ReadDatabase(reader, root, config.database);
  reader.String(root, "web_root", "", config.web_root, detail::NormalizePath, detail::kPathRule);
  reader.String(root, "zoneinfo", "", config.zoneinfo, detail::NormalizePath, detail::kPathRule, false);
  reader.Boolean(root, "demo", "", config.demo);
  reader.String(root, "sandbox_url", "", config.sandbox_url, detail::NormalizeUrl, detail::kUrlRule);
  reader.StringList(root, "trusted_proxies", "", config.trusted_proxies, detail::NormalizeCidr, detail::kCidrRule);
  ReadLimits(reader, root, config.limits);
  ReadSecrets(reader, root, config);
  ReadProviders(reader, root, config.providers);
  ReadOrgAccess(reader, root, config.org_access);
  ReadTeamsBot(reader, root, config.teams_bot);
  ReadMail(reader, root, config.mail);
  ReadOutboxAndCache(reader, root, config);
  if (const json* outbound = reader.Member(root, "outbound");
      outbound && reader.Object(*outbound, "outbound", {"allowed_hosts"})) {
    reader.StringList(*outbound, "allowed_hosts", "outbound", config.outbound.allowed_hosts, detail::NormalizeHostPort,
                      detail::kHostPortRule);
  }
  if (reader.failed()) return reader.error();
  return config;
}

}  // namespace slotwise::config
