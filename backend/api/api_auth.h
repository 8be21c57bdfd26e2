// api_auth.h — who is calling the REST API: an ATS server with a tenant API key, the embedded widget with a
// short-lived widget token, or the operator with the admin key; plus the CORS decision for browser callers.
//
// Contract:
// - `Authorization: Bearer swk_…` — a tenant API key (auth/api_keys.h), verified against its stored hash; not
//   revoked; every tenant scope. Refused when the request carries an Origin header: API keys belong on servers.
// - `Authorization: Bearer swt1.…` — a widget token (auth/widget_tokens.h) for its tenant, user and scopes; the
//   request's Origin (when present) must be one of the tenant's allowed_origins.
// - `Authorization: Bearer <admin key>` — one of the operator's keys (their SHA-256s in the configuration; several
//   so that one can be rotated while the others keep working); admin routes only.
// - `Authorization: Bearer swc1_…` — a connect ticket (connections/connect_tickets.h) is never a credential here:
//   401 saying so.
// - Failures write the error object: 401 "unauthorized" (missing/unknown/expired credentials, with
//   WWW-Authenticate: Bearer), 403 "forbidden" (valid credentials without the scope, or an origin not allowed).
// - Rate limits: a caller whose credential verified is charged against its credential's and its tenant's limits
//   (LimitRates, api/rate_limits.h) after the CORS decision, so a browser can read the 429 it gets.
// - CORS: responses to browser callers of tenant routes carry the exact-origin headers of auth/cors.h for the
//   tenant's allowed origins; preflights (no credentials) are decided against the union of all tenants' origins.
// - Each API key's use is recorded (DirectoryStore::NoteApiKeyUse) at most once a minute per key, on the request's
//   thread; a failure to record it does not fail the request.
// - Verified keys are cached in memory until the directory changes (DirectoryStore::generation): revoking a key
//   through the directory store refuses it from the next request on. A verification that read the key before a
//   concurrent revocation is not cached (it is stamped with the generation read before the lookup). Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "auth/widget_tokens.h"
#include "store/directory_store.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace slotwise {

class RateLimits;

struct RequestContext {
  std::string tenant_id;
  std::string actor;                // the widget token's user; "" for API keys
  std::vector<std::string> scopes;  // empty for API keys, which may do everything within their tenant
  std::string via;                  // "api_key" | "widget_token" | "admin"
  std::string key_id;               // the API key's id when via == "api_key"; "" otherwise
  bool Allows(std::string_view scope) const;
};

struct ApiAuthOptions {
  std::vector<std::string> admin_key_hashes;      // hex SHA-256 of each admin key; none = no admin routes
  std::optional<auth::WidgetKeySet> widget_keys;  // nullopt = widget tokens disabled
};

class ApiAuth {
 public:
  using Clock = std::function<std::int64_t()>;

  // An ApiAuth for `options`; fails when the widget signing keys are unusable (auth::WidgetTokenCodec::Create).
  static Result<std::unique_ptr<ApiAuth>> Create(DirectoryStore& directory, ApiAuthOptions options, Clock clock);

  // `admin_key_hashes`: hex SHA-256 of each admin key (none, or only "": admin routes refuse everyone).
  // `codec`: the widget token codec (nullopt = widget tokens disabled).
  ApiAuth(DirectoryStore& directory, std::vector<std::string> admin_key_hashes,
          std::optional<auth::WidgetTokenCodec> codec, Clock clock);

  // The tenant caller of `req` if it may use `scope` ("" = any tenant caller); otherwise writes 401/403 and nullopt.
  std::optional<RequestContext> ForTenant(const httplib::Request& req, httplib::Response& res, std::string_view scope);
  // The tenant caller of `req` when it presents the tenant's API key (never a widget token); otherwise writes 401/403
  // and nullopt. For routes that change the tenant's directory or organisation.
  std::optional<RequestContext> ForTenantApiKey(const httplib::Request& req, httplib::Response& res);
  // True for one of the admin keys; otherwise writes 401 and false.
  bool Admin(const httplib::Request& req, httplib::Response& res);
  // Answers a CORS preflight (OPTIONS) against every tenant's allowed origins.
  void Preflight(const httplib::Request& req, httplib::Response& res);

  // The origins allowed to embed widget pages (CSP frame-ancestors, next to 'self'): the allowed_origins of the tenant
  // the page URL names (`?tenant=<id>`: the embed API and the candidate URL carry it). No tenant or an unknown one:
  // none, so such a page frames only itself — one tenant's customers are never listed to, or framed by, another's.
  std::vector<std::string> EmbeddingOrigins(const std::string& tenant_id);

  // The rate limits every tenant caller is charged against once its credential verified (api/rate_limits.h); a
  // caller over them gets 429 from ForTenant / ForTenantApiKey. nullptr = none. Set before serving.
  void LimitRates(RateLimits* limits) { rate_limits_ = limits; }

  const auth::WidgetTokenCodec* codec() const { return codec_ ? &*codec_ : nullptr; }
  std::int64_t now() const { return clock_(); }

 private:
  std::optional<RequestContext> FromApiKey(const std::string& token);
  std::vector<std::string> OriginsOf(const std::string& tenant_id);
  std::vector<std::string> AllOrigins();
  void RefreshIfChanged();
  void NoteUse(const std::string& key_id);

  DirectoryStore& directory_;
  std::vector<std::string> admin_key_hashes_;
  std::optional<auth::WidgetTokenCodec> codec_;
  Clock clock_;
  RateLimits* rate_limits_ = nullptr;
  std::mutex use_mutex_;
  std::map<std::string, std::int64_t> use_noted_at_;  // key id -> when its use was last recorded
  std::shared_mutex cache_mutex_;
  std::uint64_t cached_generation_ = ~std::uint64_t{0};
  std::map<std::string, RequestContext> verified_keys_;            // key: hash of the presented API key
  std::map<std::string, std::vector<std::string>> tenant_origins_;  // tenant id -> allowed origins
  std::vector<std::string> all_origins_;
  bool origins_loaded_ = false;
};

}  // namespace slotwise
