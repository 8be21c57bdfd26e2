// hr_world.cpp — see hr_world.h.
#include "hr_world.h"

#include <doctest/doctest.h>

#include "api/hr_routes.h"
#include "auth/api_keys.h"

namespace slotwise::testing {

using nlohmann::json;

Answer Call(const std::string& origin, const std::string& method, const std::string& path,
            const httplib::Headers& headers, const std::string& raw_body) {
  const HttpReply reply = HttpCall(method, origin + path, raw_body, headers);
  Answer answer;
  answer.status = reply.status;
  answer.text = reply.body;
  answer.body = reply.Json();
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

HrWorld::HrWorld(std::int64_t start) : now_(start), sandbox_(sandbox::SandboxOptions{true, 3599}) {
  Result<sandbox::MintedTokens> tokens = sandbox_.sandbox().MintTokens("microsoft", "anna.schmidt@kumo-labs.example");
  REQUIRE(tokens.ok());
  graph_token_ = tokens->access_token;

  Result<std::unique_ptr<SqliteInterviewStore>> interviews = SqliteInterviewStore::Open(database_.db_path);
  REQUIRE(interviews.ok());
  interviews_ = std::move(interviews).value();
  auth_ = std::make_unique<ApiAuth>(*database_.store, std::vector<std::string>{}, std::nullopt,
                                     [this] { return now_.load(); });
  transport_ = net::MakeHttplibTransport();

  Tenant tenant;
  tenant.id = "acme";
  tenant.name = "Acme";
  REQUIRE(database_.store->CreateTenant(tenant).ok());
  const auth::GeneratedApiKey key = auth::GenerateApiKey();
  REQUIRE(database_.store->AddApiKey(ApiKeyRecord{key.key_id, "acme", key.secret_hash, "hr tests", Now(), 0}).ok());
  api_key_ = key.plaintext;
  Build({});
}

void HrWorld::Build(hr::SchedulerOptions options) {
  hr::HrRuntimeOptions hr_options;
  hr_options.graph_api_base = sandbox_root() + "/microsoft/v1.0";
  hr_options.graph_tokens = [this](const std::string& tenant_id,
                                   const std::string& connection_id) -> std::unique_ptr<providers::AccessTokenSource> {
    if (tenant_id != "acme" || connection_id != "conn-anna") return nullptr;
    return std::make_unique<providers::StaticTokenSource>(graph_token_);
  };
  hr_options.scheduler = std::move(options);
  hr_options.hooks.sleep = [](std::chrono::milliseconds) {};
  // The sandbox's Workflows webhooks are plain http on loopback: the test's allow-list names that host, as a
  // deployment names its internal hosts (docs/CONFIG.md, outbound.allowed_hosts).
  hr_options.outbound = auth::OutboundPolicy(auth::OutboundRules{{"127.0.0.1"}, {}});
  Result<std::unique_ptr<hr::HrRuntime>> runtime = hr::HrRuntime::Create(
      *database_.database, *database_.vault, *transport_, zones_, interviews_.get(), hr_options,
      [this] { return now_.load(); });
  REQUIRE_MESSAGE(runtime.ok(), (runtime.ok() ? "" : runtime.error().message));
  runtime_ = std::move(runtime).value();
  server_ = std::make_unique<LoopbackServer>();
  RegisterHrRoutes(server_->server(), *runtime_, *auth_);
  server_->Start();
}

void HrWorld::Teardown() {
  server_.reset();  // stops serving before the runtime its routes use goes away
  runtime_.reset();
}

void HrWorld::Restart(hr::SchedulerOptions options) {
  Teardown();
  Build(std::move(options));
}

HrWorld::~HrWorld() {
  Teardown();
  transport_.reset();  // closes its kept-alive connections, so the sandbox stops without its keep-alive wait
  sandbox_.Stop();
  auth_.reset();
  interviews_.reset();
}

Answer HrWorld::Api(const std::string& method, const std::string& path, const json& body, const std::string& bearer) {
  httplib::Headers headers = {{"Authorization", "Bearer " + (bearer.empty() ? api_key_ : bearer)}};
  return Call(root(), method, path, headers, body.is_null() ? std::string() : body.dump());
}

json HrWorld::Posts() {
  Answer answer = Call(sandbox_root(), "GET", "/sandbox/teams/posts");
  REQUIRE(answer.status == 200);
  return answer.body["posts"];
}

}  // namespace slotwise::testing
