// idempotency_restart_test.cpp — an Idempotency-Key whose request was in flight when the server died (`kill -9` at the
// crash point "claimed": the key is recorded, nothing else is done) is free again after the restart: the client's
// retry runs the request instead of hearing "idempotency_in_flight" with `Retry-After: 1` for up to a minute
// (issue 17, point 7; backend/booking/booking_service.h). Real `slotwise sandbox` and `slotwise serve --demo`
// processes, as in crash_recovery_test.cpp.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "support/process_harness.h"
#include "slotwise/time.h"
#include "support/http_call.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using slotwise::testing::ChildProcess;
using slotwise::testing::HttpCall;
using slotwise::testing::HttpReply;
using slotwise::testing::OriginInLine;
using slotwise::testing::TempDir;
using namespace std::chrono_literals;

// A 30-minute booking for Jonas on Wednesday of the week after next, 10:00 UTC (free in the sandbox's demo data).
std::string BookingBody() {
  const std::int64_t today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
  const std::int64_t start = (slotwise::IsoWeekStartDay(today) + 16) * 86400 + 10 * 3600;
  return json{{"title", "Restarted mid-request"},
              {"organizer", "lena.fischer@kumo.example"},
              {"start", slotwise::FormatRfc3339(start)},
              {"end", slotwise::FormatRfc3339(start + 1800)},
              {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
              {"candidate", {{"name", "Jane Doe"}, {"email", "jane@cand.example"}}}}
      .dump();
}

}  // namespace

TEST_CASE("Idempotency: a key in flight when the server was killed is free after the restart, not 409 for a minute") {
  TempDir dir("slotwise-idem-restart");
  ChildProcess sandbox;
  REQUIRE_MESSAGE(sandbox.Start({SLOTWISE_CLI_PATH, "sandbox", "--port", "0"}, {}, {"SLOTWISE_CRASH_AT"}),
                  sandbox.error());
  const std::optional<std::string> sandbox_line = sandbox.WaitForLine("provider sandbox is running at", 20s);
  REQUIRE_MESSAGE(sandbox_line.has_value(), sandbox.Output());
  const std::string sandbox_root = OriginInLine(*sandbox_line);

  const auto spawn = [&](const std::string& crash_at) {
    auto server = std::make_unique<ChildProcess>();
    ChildProcess::EnvChanges set;
    if (!crash_at.empty()) set.emplace_back("SLOTWISE_CRASH_AT", crash_at);
    REQUIRE_MESSAGE(server->Start({SLOTWISE_CLI_PATH, "serve", "--demo", "--sandbox-url", sandbox_root, "--db",
                                   (dir.path() / "slotwise.db").string(), "--port", "0"},
                                  set, {"SLOTWISE_CRASH_AT"}),
                    server->error());
    return server;
  };
  const auto origin_of = [](ChildProcess& server) {
    const std::optional<std::string> line = server.WaitForLine("Slotwise is running at", 20s);
    REQUIRE_MESSAGE(line.has_value(), server.Output());
    return OriginInLine(*line);
  };

  // First life: dies by SIGKILL right after recording the key.
  std::unique_ptr<ChildProcess> first = spawn("claimed");
  const std::string first_origin = origin_of(*first);
  std::string api_key;
  std::getline(std::ifstream(dir.path() / "demo-api-key"), api_key);
  REQUIRE(api_key.starts_with("swk_"));
  const httplib::Headers headers = {{"Authorization", "Bearer " + api_key}, {"Idempotency-Key", "restart-1"}};
  const std::string body = BookingBody();
  const HttpReply lost = HttpCall("POST", first_origin + "/v1/interviews", body, headers);
  CHECK_FALSE(lost.status == 201);
  REQUIRE_MESSAGE(first->Wait(20s).KilledBy(SIGKILL), first->Output());

  // Second life: the client retries with the same key and gets its booking, at once.
  std::unique_ptr<ChildProcess> second = spawn("");
  const std::string origin = origin_of(*second);
  const auto started = std::chrono::steady_clock::now();
  const HttpReply retried = HttpCall("POST", origin + "/v1/interviews", body, headers);
  const auto waited = std::chrono::steady_clock::now() - started;
  CAPTURE(retried.body);
  CHECK(retried.Header("Retry-After").empty());
  CHECK(retried.status == 201);
  CHECK(waited < 9s);  // the in-flight wait (10 s) was not spent on a dead request
  // The same key again: the stored answer.
  const HttpReply replayed = HttpCall("POST", origin + "/v1/interviews", body, headers);
  CHECK(replayed.status == 201);
  CHECK(replayed.Header("Idempotency-Replayed") == "true");
  second->Terminate();
  sandbox.Terminate();
}
