// hr_world.h — the HR test fixture: the provider sandbox (Teams) and an HR runtime with its REST routes on their own
// ephemeral loopback ports, SQLite in a temporary folder, a tenant "acme" with an API key, and a test clock.
// The runtime can be destroyed and rebuilt on the same database file (a server restart). Requests go through
// support/http_call.h; Answer is a reply with its body read as JSON.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "hr/hr_runtime.h"
#include "store/sqlite_interview_store.h"
#include "support/http_call.h"
#include "support/loopback_server.h"
#include "support/running_sandbox.h"
#include "support/temp_directory_store.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise::testing {

struct Answer {
  int status = 0;
  nlohmann::json body;  // null when the body is empty or not JSON
  std::string text;
};

// One HTTP request to `origin` (e.g. "http://127.0.0.1:1234"); `raw_body` is sent as is when not empty.
Answer Call(const std::string& origin, const std::string& method, const std::string& path,
            const httplib::Headers& headers = {}, const std::string& raw_body = {});

// The demo Microsoft tenant's Teams team the tests post to, and its channels.
inline constexpr const char* kTeam = "b8f2c3a1-0000-4000-8000-00000000d3a0";
inline constexpr const char* kGeneral = "19:general-kumo@thread.tacv2";          // standard
inline constexpr const char* kHiring = "19:hiring-updates@thread.tacv2";        // standard
inline constexpr const char* kConfidential = "19:hr-confidential@thread.tacv2"; // private (Anna is a member)

class HrWorld {
 public:
  // `start`: Unix seconds the test clock starts at.
  explicit HrWorld(std::int64_t start);
  ~HrWorld();

  std::int64_t Now() const { return now_.load(); }
  void SetNow(std::int64_t now) { now_ = now; }

  hr::HrRuntime& runtime() { return *runtime_; }
  InterviewStore& interviews() { return *interviews_; }
  sandbox::Sandbox& sandbox() { return sandbox_.sandbox(); }
  std::string root() const { return server_->origin(); }
  std::string sandbox_root() const { return sandbox_.root(); }
  std::string WorkflowUrl(const std::string& id) const { return sandbox_root() + "/microsoft/workflows/" + id; }
  const std::string& api_key() const { return api_key_; }
  const std::string& db_path() const { return database_.db_path; }

  // Destroys the runtime and its HTTP server (a server stop) and builds new ones on the same database file.
  void Restart(hr::SchedulerOptions options = {});

  // The REST API with the tenant's API key, or with `bearer` when given.
  Answer Api(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
             const std::string& bearer = {});
  // Everything the sandbox recorded as posted (GET /sandbox/teams/posts).
  nlohmann::json Posts();

 private:
  void Build(hr::SchedulerOptions options);
  void Teardown();

  std::atomic<std::int64_t> now_;
  RunningSandbox sandbox_;
  TempDirectoryStore database_;  // the database file, its vault and the tenant directory
  std::unique_ptr<SqliteInterviewStore> interviews_;
  std::unique_ptr<ApiAuth> auth_;
  std::unique_ptr<net::HttpTransport> transport_;
  ZoneinfoDirectory zones_{"/usr/share/zoneinfo"};
  std::string graph_token_;
  std::string api_key_;
  std::unique_ptr<hr::HrRuntime> runtime_;
  std::unique_ptr<LoopbackServer> server_;
};

}  // namespace slotwise::testing
