// sandbox.cpp — the public Sandbox and SandboxServer (see sandbox.h), and Bearer-token resolution.
#include "sandbox/sandbox.h"

#include "sandbox/graph_permissions.h"
#include "sandbox/http_util.h"
#include "sandbox/routes.h"
#include "sandbox/sandbox_state.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::sandbox {


std::optional<AccessToken> ResolveBearer(SandboxCore& core, const httplib::Request& req, const std::string& provider) {
  std::string value = BearerToken(req);
  if (value.empty()) return std::nullopt;
  auto it = core.state.access_tokens.find(value);
  if (it == core.state.access_tokens.end() || it->second.provider != provider) return std::nullopt;
  if (it->second.expires_at <= core.Now()) return std::nullopt;
  CurrentNote().user = it->second.app_only ? "app@" + it->second.tenant : it->second.user_email;
  return it->second;
}

Sandbox::Sandbox(SandboxOptions options) : core_(std::make_unique<SandboxCore>(options)) {
  std::lock_guard<std::mutex> lock(core_->mutex);
  core_->ResetLocked(options.seed_demo_org);
}

Sandbox::~Sandbox() = default;

void Sandbox::Mount(httplib::Server& server) {
  InstallFaultHook(server, *core_);
  MountOAuthPages(server, *core_);
  MountOAuthTokens(server, *core_);
  MountGoogleRoutes(server, *core_);
  MountGoogleDirectoryRoutes(server, *core_);
  MountMicrosoftRoutes(server, *core_);
  MountTeamsRoutes(server, *core_);
  MountBotConnectorRoutes(server, *core_);
  MountSubscriptionRoutes(server, *core_);
  MountZoomRoutes(server, *core_);
  MountGoToRoutes(server, *core_);
  MountAdminRoutes(server, *core_);
}

void Sandbox::RegisterClient(const OAuthClientRegistration& client) {
  if (client.provider != "google" && client.provider != "microsoft" && client.provider != "zoom" &&
      client.provider != "goto" && client.provider != "botframework")
    return;
  std::lock_guard<std::mutex> lock(core_->mutex);
  Client& stored = core_->state.clients[client.client_id];
  stored.provider = client.provider;
  stored.id = client.client_id;
  if (!client.client_secret.empty()) stored.secret = client.client_secret;
  for (const auto& uri : client.redirect_uris) {
    if (std::find(stored.redirect_uris.begin(), stored.redirect_uris.end(), uri) == stored.redirect_uris.end())
      stored.redirect_uris.push_back(uri);
  }
}

void Sandbox::Reset(bool seed_demo_org) {
  std::lock_guard<std::mutex> lock(core_->mutex);
  core_->ResetLocked(seed_demo_org);
}

Result<bool> Sandbox::Seed(std::string_view seed_json) {
  auto parsed = slotwise::ParseJson(seed_json);
  if (parsed.is_discarded() || !parsed.is_object()) return Error{"invalid_seed", "the seed must be a JSON object", ""};
  std::lock_guard<std::mutex> lock(core_->mutex);
  return ApplySeedLocked(*core_, parsed);
}

Result<MintedTokens> Sandbox::MintTokens(std::string_view provider, std::string_view user,
                                         const std::vector<std::string>& scopes) {
  std::string name(provider);
  if (name != "google" && name != "microsoft" && name != "zoom" && name != "goto")
    return Error{"unknown_provider", "provider must be google, microsoft, zoom or goto", "provider"};
  std::lock_guard<std::mutex> lock(core_->mutex);
  const User* found = core_->FindUser(name, user);
  if (!found) return Error{"unknown_user", "no " + name + " user " + std::string(user), "user"};
  std::string scope;
  for (const auto& item : scopes) scope += (scope.empty() ? "" : " ") + item;
  if (scope.empty()) scope = DefaultMintScopes(name);
  std::string client_id = name == "google" ? std::string(kGoogleClientId)
                          : name == "microsoft" ? std::string(kMicrosoftClientId)
                          : name == "zoom" ? std::string(kZoomClientId) : std::string(kGoToClientId);
  auto [access, refresh] = core_->MintLocked(name, client_id, found->email, found->tenant, scope, true, false);
  return MintedTokens{access, refresh, core_->options.access_token_ttl_seconds};
}

void Sandbox::AdvanceClock(std::int64_t seconds) {
  std::lock_guard<std::mutex> lock(core_->mutex);
  if (seconds > 0) core_->clock_offset += seconds;
}

std::int64_t Sandbox::Now() const {
  std::lock_guard<std::mutex> lock(core_->mutex);
  return core_->Now();
}

void Sandbox::SetPublicBaseUrl(std::string base_url) {
  std::lock_guard<std::mutex> lock(core_->mutex);
  core_->public_base_url = std::move(base_url);
}

namespace {
// The edge's refusals (a slow or oversized request to the sandbox) as a plain JSON error that closes the connection.
std::string RenderRefusal(std::string_view code, const std::string& message, int retry_after_seconds) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  const std::string text = body.dump();
  const int status = HttpStatusFor(code);
  std::string response = "HTTP/1.1 " + std::to_string(status) + " Refused\r\nContent-Type: application/json\r\n";
  response += "Content-Length: " + std::to_string(text.size()) + "\r\nConnection: close\r\n";
  if (retry_after_seconds > 0) response += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  return response + "\r\n" + text;
}
}  // namespace

SandboxServer::SandboxServer(SandboxOptions options) : sandbox_(options) { sandbox_.Mount(routes_); }

SandboxServer::~SandboxServer() { Stop(); }

Result<int> SandboxServer::Bind(const std::string& host, int port) {
  edge::EdgeOptions options;
  options.host = host;
  options.port = port;
  options.framing.max_body_bytes = 16u * 1024 * 1024;  // the largest provider payloads are well below
  edge_ = std::make_unique<edge::EdgeServer>(
      options,
      [this](std::string_view request, const edge::Endpoint& remote, const edge::Endpoint& local, bool close) {
        return edge::DispatchBufferedRequest(routes_, request, remote, local, close);
      },
      RenderRefusal);
  Result<int> bound = edge_->Bind();
  if (!bound) {
    edge_.reset();
    return Error{codes::kBindFailed, "could not bind " + host + ":" + std::to_string(port) + ": address already in use",
                 ""};
  }
  sandbox_.SetPublicBaseUrl("http://" + host + ":" + std::to_string(*bound));
  if (stopped_.load()) edge_->Stop();
  return bound;
}

void SandboxServer::Run() {
  if (edge_) edge_->Run();
}

void SandboxServer::Stop() {
  stopped_.store(true);
  if (edge_) edge_->Stop();
}

}  // namespace slotwise::sandbox
