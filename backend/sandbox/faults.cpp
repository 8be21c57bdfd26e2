// faults.cpp — fault injection: the pre-routing hook (status faults and slow responses for every provider route) and
// the state faults (expired/revoked tokens, consent revoked, admin consent required, strict rotation, pending Meet).
#include "sandbox/faults.h"

#include <chrono>
#include <thread>

#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"

namespace slotwise::sandbox {

namespace {

bool Matches(const Fault& fault, const std::string& provider, const httplib::Request& req) {
  if (!fault.provider.empty() && fault.provider != provider) return false;
  if (!fault.method.empty() && fault.method != req.method) return false;
  if (fault.path_prefix.empty()) return true;
  if (req.path.rfind(fault.path_prefix, 0) == 0) return true;
  std::string stripped = req.path.substr(provider.size() + 1);  // "/google/x" -> "/x"
  return stripped.rfind(fault.path_prefix, 0) == 0;
}

Error Invalid(const std::string& field, const std::string& message) { return Error{"invalid_fault", message, field}; }

std::size_t ExpireAccessTokens(SandboxCore& core, const std::string& provider, const std::string& user) {
  std::size_t count = 0;
  for (auto& [value, token] : core.state.access_tokens) {
    if (!provider.empty() && token.provider != provider) continue;
    if (!user.empty() && token.user_email != user) continue;
    token.expires_at = core.Now() - 1;
    ++count;
  }
  return count;
}

std::size_t MarkRefreshTokens(SandboxCore& core, const std::string& provider, const std::string& user, bool revoke) {
  std::size_t count = 0;
  for (auto& [value, token] : core.state.refresh_tokens) {
    if (!provider.empty() && token.provider != provider) continue;
    if (!user.empty() && token.user_email != user) continue;
    (revoke ? token.revoked : token.expired) = true;
    ++count;
  }
  return count;
}

}  // namespace

Result<std::string> AddFaultLocked(SandboxCore& core, const json& fault) {
  if (!fault.is_object()) return Invalid("", "a fault must be a JSON object");
  std::string kind = GetString(fault, "kind");
  std::string provider = GetString(fault, "provider");
  std::string user = GetString(fault, "user");
  if (!provider.empty() && provider != "google" && provider != "microsoft" && provider != "zoom" && provider != "goto")
    return Invalid("provider", "provider must be google, microsoft, zoom or goto");
  if (kind == "expire_access_tokens") {
    return "expired " + std::to_string(ExpireAccessTokens(core, provider, user)) + " access tokens";
  }
  if (kind == "revoke_refresh_tokens" || kind == "expire_refresh_tokens") {
    bool revoke = kind == "revoke_refresh_tokens";
    return std::string(revoke ? "revoked " : "expired ") +
           std::to_string(MarkRefreshTokens(core, provider, user, revoke)) + " refresh tokens";
  }
  if (kind == "consent_revoked") {
    User* target = core.FindUserMutable("microsoft", user);
    if (!target) return Invalid("user", "no Microsoft user " + user);
    target->consent_revoked = true;
    return "consent revoked for " + target->email;
  }
  if (kind == "admin_consent_required") {
    std::string tenant = GetString(fault, "tenant");
    auto it = core.state.tenants.find(tenant);
    if (it == core.state.tenants.end()) return Invalid("tenant", "unknown tenant " + tenant);
    it->second.admin_consent_required = GetBool(fault, "value", true);
    return "admin consent required in " + tenant;
  }
  if (kind == "rotate_refresh_strict") {
    std::string tenant = GetString(fault, "tenant");
    if (!tenant.empty()) {
      auto it = core.state.tenants.find(tenant);
      if (it == core.state.tenants.end()) return Invalid("tenant", "unknown tenant " + tenant);
      it->second.rotate_refresh_strict = GetBool(fault, "value", true);
      return "strict refresh rotation in " + tenant;
    }
    User* target = core.FindUserMutable("microsoft", user);
    if (!target) return Invalid("user", "give a Microsoft user or tenant");
    target->rotate_refresh_strict = GetBool(fault, "value", true);
    return "strict refresh rotation for " + target->email;
  }
  if (kind == "meet_pending") {
    core.state.meet_pending += static_cast<int>(GetInt(fault, "times", 1));
    return std::string("next Meet creations pending");
  }
  if (kind == "meet_failure") {
    core.state.meet_failure += static_cast<int>(GetInt(fault, "times", 1));
    return std::string("next Meet creations fail");
  }
  if (kind == "teams_meeting_failure") {
    core.state.teams_meeting_failure += static_cast<int>(GetInt(fault, "times", 1));
    return std::string("next Teams meetings are not made");
  }
  if (kind == "invalidate_sync_tokens") {
    core.state.sync_tokens.clear();
    core.state.graph_delta_tokens.clear();
    return std::string("sync tokens invalidated");
  }
  if (!kind.empty() && kind != "http") return Invalid("kind", "unknown fault kind " + kind);
  Fault parsed;
  parsed.provider = provider;
  parsed.method = GetString(fault, "method");
  parsed.path_prefix = GetString(fault, "path_prefix");
  parsed.status = static_cast<int>(GetInt(fault, "status", 0));
  if (const json* retry = GetMember(fault, "retry_after")) {
    if (retry->is_string()) parsed.retry_after = retry->get<std::string>();
    else if (retry->is_number()) parsed.retry_after = retry->dump();
    else return Invalid("retry_after", "retry_after must be a string");
  } else if (parsed.status == 429 && provider == "microsoft") {
    parsed.retry_after = "10";  // Graph always sends Retry-After with 429 (docs/PROVIDERS.md); "retry_after": "" omits it
  }
  if (const json* body = GetMember(fault, "body")) parsed.body = *body;
  parsed.rate_limit_type = GetString(fault, "rate_limit_type");
  parsed.times = static_cast<int>(GetInt(fault, "times", 1));
  parsed.delay_ms = static_cast<int>(GetInt(fault, "delay_ms", 0));
  if (parsed.status != 0 && (parsed.status < 400 || parsed.status > 599))
    return Invalid("status", "status must be 400..599 (or absent for a pure delay)");
  if (parsed.times < 1) return Invalid("times", "times must be at least 1");
  if (parsed.delay_ms < 0 || parsed.delay_ms > 60000) return Invalid("delay_ms", "delay_ms must be 0..60000");
  if (parsed.status == 0 && parsed.delay_ms == 0) return Invalid("status", "give a status, a delay_ms, or a kind");
  core.state.faults.push_back(parsed);
  return std::string("fault added");
}

void InstallFaultHook(httplib::Server& server, SandboxCore& core) {
  server.set_pre_routing_handler([&core](const httplib::Request& req, httplib::Response& res) {
    std::string provider = ProviderOfPath(req.path);
    if (provider.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::optional<Fault> hit;
    std::int64_t now = 0;
    {
      std::lock_guard<std::mutex> lock(core.mutex);
      now = core.Now();
      auto& faults = core.state.faults;
      for (auto it = faults.begin(); it != faults.end(); ++it) {
        if (!Matches(*it, provider, req)) continue;
        hit = *it;
        if (--it->times <= 0) faults.erase(it);
        break;
      }
    }
    if (!hit) return httplib::Server::HandlerResponse::Unhandled;
    if (hit->delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(hit->delay_ms));
    if (hit->status == 0) return httplib::Server::HandlerResponse::Unhandled;
    if (hit->body) SendJson(res, hit->status, *hit->body);
    else SendServerError(res, provider, req.path, hit->status, "", now, hit->rate_limit_type);
    if (!hit->retry_after.empty()) res.set_header("Retry-After", hit->retry_after);
    // Answered before cpp-httplib reads the request's body: the unread body would be taken for the next request on a
    // kept-alive connection, so the connection ends with this answer (a provider reads the body; its clients reuse).
    if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) res.set_header("Connection", "close");
    CurrentNote() = RequestNote{};
    LogRequest(core, req, res.status);
    return httplib::Server::HandlerResponse::Handled;
  });
}

}  // namespace slotwise::sandbox
