// hr_world.cpp — see hr_world.h.
#include "hr_world.h"

#include <doctest/doctest.h>

#include "../loopback_server.h"
#include "api/hr_routes.h"
#include "auth/api_keys.h"
#include "crypto/crypto_primitives.h"

namespace slotwise::testing {

using nlohmann::json;

Answer Call(const std::string& origin, const std::string& method, const std::string& path,
            const httplib::Headers& headers, const std::string& raw_body) {
  httplib::Client client(origin);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  auto send = [&]() -> httplib::Result {
    if (method == "GET") return client.Get(path.c_str(), headers);
    if (method == "DELETE") return client.Delete(path.c_str(), headers);
    if (method == "PUT") return client.Put(path.c_str(), headers, raw_body, "application/json");
    if (method == "PATCH") return client.Patch(path.c_str(), headers, raw_body, "application/json");
    return client.Post(path.c_str(), headers, raw_body, "application/json");
  };
  httplib::Result result = send();
  Answer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.text = result->body;
  answer.body = json::parse(result->body, nullptr, false);
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

HrWorld::HrWorld(std::int64_t start) : now_(start), sandbox_(sandbox::SandboxOptions{true, 3599}) {
  dir_ = std::filesystem::temp_directory_path() / ("slotwise-hr-" + crypto::RandomToken(9));
  std::filesystem::create_directories(dir_);
  db_path_ = (dir_ / "slotwise.db").string();

  Result<int> sandbox_port = sandbox_.Bind("127.0.0.1", 0);
  REQUIRE(sandbox_port.ok());
  sandbox_port_ = *sandbox_port;
  sandbox_thread_ = std::thread([this] { sandbox_.Run(); });
  Result<sandbox::MintedTokens> tokens = sandbox_.sandbox().MintTokens("microsoft", "anna.schmidt@kumo-labs.example");
  REQUIRE(tokens.ok());
  graph_token_ = tokens->access_token;

  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_path_);
  REQUIRE(store.ok());
  store_ = std::move(store).value();
  Result<crypto::Keyring> keyring = crypto::Keyring::Parse(crypto::Keyring::NewKeySpec("test-1"));
  REQUIRE(keyring.ok());
  vault_ = std::make_unique<crypto::TokenVault>(std::move(keyring).value());
  directory_ = std::make_unique<SqliteDirectoryStore>(*store_, *vault_);
  Result<std::unique_ptr<SqliteInterviewStore>> interviews = SqliteInterviewStore::Open(db_path_);
  REQUIRE(interviews.ok());
  interviews_ = std::move(interviews).value();
  auth_ = std::make_unique<ApiAuth>(*directory_, "", std::nullopt, [this] { return now_.load(); });
  transport_ = net::MakeHttplibTransport();

  Tenant tenant;
  tenant.id = "acme";
  tenant.name = "Acme";
  REQUIRE(directory_->CreateTenant(tenant).ok());
  const auth::GeneratedApiKey key = auth::GenerateApiKey();
  REQUIRE(directory_->AddApiKey(ApiKeyRecord{key.key_id, "acme", key.secret_hash, "hr tests", Now(), 0}).ok());
  api_key_ = key.plaintext;
  Build({});
}

void HrWorld::Build(hr::SchedulerOptions options) {
  hr::HrRuntimeOptions hr_options;
  hr_options.graph_api_base = sandbox_root() + "/microsoft/v1.0";
  hr_options.graph_tokens = [this](const std::string& connection_id) -> std::unique_ptr<providers::AccessTokenSource> {
    if (connection_id != "conn-anna") return nullptr;
    return std::make_unique<providers::StaticTokenSource>(graph_token_);
  };
  hr_options.scheduler = std::move(options);
  hr_options.hooks.sleep = [](std::chrono::milliseconds) {};
  Result<std::unique_ptr<hr::HrRuntime>> runtime = hr::HrRuntime::Create(
      *store_, *vault_, *transport_, zones_, interviews_.get(), hr_options, [this] { return now_.load(); });
  REQUIRE_MESSAGE(runtime.ok(), (runtime.ok() ? "" : runtime.error().message));
  runtime_ = std::move(runtime).value();
  server_ = std::make_unique<httplib::Server>();
  RegisterHrRoutes(*server_, *runtime_, *auth_);
  port_ = server_->bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  server_thread_ = std::thread([this] { server_->listen_after_bind(); });
}

void HrWorld::Teardown() {
  if (server_) StopAndJoin(*server_, server_thread_);
  server_.reset();
  runtime_.reset();
}

void HrWorld::Restart(hr::SchedulerOptions options) {
  Teardown();
  Build(std::move(options));
}

HrWorld::~HrWorld() {
  Teardown();
  sandbox_.Stop();
  sandbox_thread_.join();
  auth_.reset();
  interviews_.reset();
  directory_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
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
