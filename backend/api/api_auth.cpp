// api_auth.cpp — see api_auth.h.
#include "api/api_auth.h"
#include "observability/request_context.h"

#include <httplib.h>

#include <algorithm>
#include <mutex>

#include "api/http_errors.h"
#include "api/rate_limits.h"
#include "auth/api_keys.h"
#include "auth/cors.h"
#include "connections/connect_tickets.h"
#include "crypto/crypto_primitives.h"
#include "slotwise/error_codes.h"

namespace slotwise {

bool RequestContext::Allows(std::string_view scope) const {
  if (scope.empty() || via == "api_key") return true;
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

Result<std::unique_ptr<ApiAuth>> ApiAuth::Create(DirectoryStore& directory, ApiAuthOptions options, Clock clock) {
  std::optional<auth::WidgetTokenCodec> codec;
  if (options.widget_keys) {
    Result<auth::WidgetTokenCodec> created = auth::WidgetTokenCodec::Create(*options.widget_keys);
    if (!created) return created.error();
    codec = std::move(created).value();
  }
  return std::make_unique<ApiAuth>(directory, std::move(options.admin_key_hashes), std::move(codec), std::move(clock));
}

ApiAuth::ApiAuth(DirectoryStore& directory, std::vector<std::string> admin_key_hashes,
                 std::optional<auth::WidgetTokenCodec> codec, Clock clock)
    : directory_(directory), codec_(std::move(codec)), clock_(std::move(clock)) {
  for (std::string& hash : admin_key_hashes) {
    if (!hash.empty()) admin_key_hashes_.push_back(std::move(hash));
  }
}

namespace {

void Unauthorized(httplib::Response& res, const std::string& message) {
  res.set_header("WWW-Authenticate", "Bearer");
  SendError(res, codes::kUnauthorized, message);
}

void AddHeaders(httplib::Response& res, const std::vector<std::pair<std::string, std::string>>& headers) {
  for (const auto& [name, value] : headers) res.set_header(name, value);
}

}  // namespace

void ApiAuth::RefreshIfChanged() {
  const std::uint64_t generation = directory_.generation();
  {
    std::shared_lock lock(cache_mutex_);
    if (generation == cached_generation_) return;
  }
  std::unique_lock lock(cache_mutex_);
  if (generation == cached_generation_) return;
  verified_keys_.clear();
  tenant_origins_.clear();
  all_origins_.clear();
  origins_loaded_ = false;
  cached_generation_ = generation;
}

void ApiAuth::NoteUse(const std::string& key_id) {
  constexpr std::int64_t kResolutionSeconds = 60;
  const std::int64_t now = clock_();
  {
    std::lock_guard lock(use_mutex_);
    std::int64_t& noted = use_noted_at_[key_id];
    if (noted != 0 && now - noted < kResolutionSeconds) return;
    noted = now;
  }
  [[maybe_unused]] Result<bool> recorded = directory_.NoteApiKeyUse(key_id, now);  // informative: never fails a request
}

std::optional<RequestContext> ApiAuth::FromApiKey(const std::string& token) {
  RefreshIfChanged();
  // Read before the lookup: a revocation that commits after it moves the generation, so this answer is not cached.
  const std::uint64_t looked_up_at = directory_.generation();
  const std::string presented_hash = auth::HashApiKey(token);
  {
    std::shared_lock lock(cache_mutex_);
    if (auto found = verified_keys_.find(presented_hash); found != verified_keys_.end()) {
      const RequestContext context = found->second;
      lock.unlock();
      NoteUse(context.key_id);
      return context;
    }
  }
  Result<std::string> key_id = auth::ParseApiKey(token);
  if (!key_id) return std::nullopt;
  Result<std::optional<ApiKeyRecord>> record = directory_.FindApiKey(*key_id);
  if (!record || !record->has_value() || (*record)->revoked_at != 0) return std::nullopt;
  if (!auth::VerifyApiKey(token, (*record)->secret_hash)) return std::nullopt;
  RequestContext context{(*record)->tenant_id, "", {}, "api_key", (*record)->key_id};
  {
    std::unique_lock lock(cache_mutex_);
    if (cached_generation_ == looked_up_at && directory_.generation() == looked_up_at) {
      verified_keys_[presented_hash] = context;
    }
  }
  NoteUse(context.key_id);
  return context;
}

std::vector<std::string> ApiAuth::OriginsOf(const std::string& tenant_id) {
  RefreshIfChanged();
  {
    std::shared_lock lock(cache_mutex_);
    if (auto found = tenant_origins_.find(tenant_id); found != tenant_origins_.end()) return found->second;
  }
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  std::vector<std::string> origins = tenant && tenant->has_value() ? (*tenant)->allowed_origins : std::vector<std::string>{};
  std::unique_lock lock(cache_mutex_);
  tenant_origins_[tenant_id] = origins;
  return origins;
}

std::vector<std::string> ApiAuth::EmbeddingOrigins(const std::string& tenant_id) {
  if (tenant_id.empty()) return {};
  return OriginsOf(tenant_id);
}

std::vector<std::string> ApiAuth::AllOrigins() {
  RefreshIfChanged();
  {
    std::shared_lock lock(cache_mutex_);
    if (origins_loaded_) return all_origins_;
  }
  std::vector<std::string> origins;
  if (Result<std::vector<Tenant>> tenants = directory_.ListTenants(); tenants) {
    for (const Tenant& tenant : *tenants) origins.insert(origins.end(), tenant.allowed_origins.begin(), tenant.allowed_origins.end());
  }
  std::unique_lock lock(cache_mutex_);
  all_origins_ = origins;
  origins_loaded_ = true;
  return origins;
}

std::optional<RequestContext> ApiAuth::ForTenantApiKey(const httplib::Request& req, httplib::Response& res) {
  std::optional<RequestContext> caller = ForTenant(req, res, "");
  if (caller && caller->via != "api_key") {
    SendError(res, codes::kForbidden, "this route needs the tenant's API key");
    return std::nullopt;
  }
  return caller;
}

std::optional<RequestContext> ApiAuth::ForTenant(const httplib::Request& req, httplib::Response& res,
                                              std::string_view scope) {
  const std::string origin = req.get_header_value("Origin");
  std::optional<std::string> token = auth::BearerToken(req.get_header_value("Authorization"));
  if (!token) {
    Unauthorized(res, "send Authorization: Bearer <API key or widget token>");
    return std::nullopt;
  }
  std::optional<RequestContext> context;
  if (LooksLikeConnectTicket(*token)) {
    Unauthorized(res, "a connect ticket is not an API credential: it opens the connect popup "
                      "(/oauth/{provider}/start) once, and nothing else");
    return std::nullopt;
  }
  if (token->rfind(auth::kApiKeyPrefix, 0) == 0) {
    context = FromApiKey(*token);
    if (!context) {
      Unauthorized(res, "the API key is unknown or revoked");
      return std::nullopt;
    }
    if (!origin.empty()) {
      SendError(res, codes::kForbidden,
                "API keys are for servers and must never reach a browser; mint a widget token for the page instead");
      return std::nullopt;
    }
  } else if (codec_ && token->rfind(auth::kWidgetTokenVersion, 0) == 0) {
    Result<auth::WidgetClaims> claims = codec_->Verify(*token, clock_());
    if (!claims) {
      Unauthorized(res, "the widget token is not valid: " + claims.error().message);
      return std::nullopt;
    }
    context = RequestContext{claims->tenant_id, claims->user, claims->scopes, "widget_token", ""};
  } else {
    Unauthorized(res, "the bearer token is neither an API key nor a widget token");
    return std::nullopt;
  }
  observability::NoteTenant(context->tenant_id);  // for this request's log line, also when it is refused below
  observability::NoteActor(context->via, context->via == "api_key" ? context->key_id : context->actor);
  if (!origin.empty()) {
    const auth::CorsDecision cors = auth::DecideCors({req.method, origin, "", ""}, OriginsOf(context->tenant_id));
    AddHeaders(res, cors.headers);
    if (!cors.allowed) {
      SendError(res, codes::kForbidden, "the origin " + origin + " is not allowed for this tenant");
      return std::nullopt;
    }
  } else {
    res.set_header("Vary", "Origin");
  }
  if (rate_limits_ && !rate_limits_->AdmitCaller(*context, res)) return std::nullopt;
  if (!context->Allows(scope)) {
    SendError(res, codes::kForbidden, "the token lacks the scope " + std::string(scope));
    return std::nullopt;
  }
  return context;
}

bool ApiAuth::Admin(const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> token = auth::BearerToken(req.get_header_value("Authorization"));
  bool matched = false;
  std::string presented;
  if (token) {
    presented = crypto::HexEncode(crypto::Sha256(*token));
    // Every configured hash is compared, so the time taken does not tell which one (if any) matched.
    for (const std::string& hash : admin_key_hashes_) matched = crypto::ConstantTimeEquals(presented, hash) || matched;
  }
  if (!matched) {
    Unauthorized(res, "this route needs the admin key");
    return false;
  }
  // Which admin key acted, for the audit trail: the first 12 hex digits of its hash (the configuration holds the same
  // hash, so an operator can tell the keys apart; the key itself cannot be recovered from it).
  observability::NoteActor("admin", presented.substr(0, 12));
  return true;
}

void ApiAuth::Preflight(const httplib::Request& req, httplib::Response& res) {
  const auth::CorsDecision cors =
      auth::DecideCors({req.method, req.get_header_value("Origin"), req.get_header_value("Access-Control-Request-Method"),
                        req.get_header_value("Access-Control-Request-Headers")},
                       AllOrigins());
  AddHeaders(res, cors.headers);
  res.status = cors.allowed ? 204 : 403;
}

}  // namespace slotwise
