// Tests for backend/http_server: a real server on an ephemeral loopback port, driven over HTTP.
#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "app/http_server.h"
#include "support/command.h"
#include "support/raw_client.h"
#include "support/temp_dir.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using nlohmann::json;

namespace {

// Starts an HttpServer on 127.0.0.1:<any> for the lifetime of the fixture.
struct RunningServer {
  explicit RunningServer(bool demo) : server(MakeOptions(demo), zones) {
    Result<int> bound = server.Bind();
    REQUIRE(bound.ok());
    port = *bound;
    thread = std::thread([this] { server.Run(); });
  }
  ~RunningServer() {
    server.Stop();
    thread.join();
  }
  static ServerOptions MakeOptions(bool demo) {
    ServerOptions options;
    options.port = 0;
    options.demo = demo;
    return options;
  }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    return client;
  }

  ZoneinfoDirectory zones{"/usr/share/zoneinfo"};
  HttpServer server;
  int port = 0;
  std::thread thread;
};

}  // namespace

TEST_CASE("HttpServer: health check answers on an ephemeral port") {
  RunningServer running(false);
  auto res = running.Client().Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["status"] == "ok");
}

TEST_CASE("HttpServer: a second server on a port already in use fails to bind instead of sharing it") {
  RunningServer running(false);
  ServerOptions options = RunningServer::MakeOptions(false);
  options.host = "127.0.0.1";
  options.port = running.port;
  ZoneinfoDirectory zones{"/usr/share/zoneinfo"};
  HttpServer second(options, zones);
  const Result<int> bound = second.Bind();
  REQUIRE_FALSE(bound.ok());
  CHECK(bound.error().code == "bind_failed");
  CHECK(bound.error().message.find("address already in use") != std::string::npos);
  // The first server still answers every request (none went to the refused one).
  for (int i = 0; i < 8; ++i) {
    auto res = running.Client().Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
}

// The bound below guards against a server that retries or waits for the port; it is not a speed target. A release
// build exits in about 40 ms and an ASan build in about 0.5 s, which a loaded CI machine can double or triple.
TEST_CASE("slotwise serve on a port already in use exits non-zero at once (no retrying) and says why") {
  RunningServer running(false);
  testing::TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  const testing::CommandResult result = testing::RunCommand(
      std::string(SLOTWISE_CLI_PATH) + " serve --host 127.0.0.1 --port " + std::to_string(running.port) + " --db " +
      dir.File("second.db") + " 2>&1");
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  CHECK(result.exit_code != 0);
  CHECK(result.exit_code != -1);
  CHECK_MESSAGE(result.output.find("address already in use") != std::string::npos, result.output);
  CHECK_MESSAGE(took.count() < 10000, "took " << took.count() << " ms");
}

TEST_CASE("HttpServer: the edge's refusals answer the API error object with the security headers") {
  RunningServer running(false);
  {
    testing::RawClient client(running.port);
    REQUIRE(client.Send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n"));
    CHECK(client.ReadResponse() == 411);
    const std::string text = client.last_text;
    const json body = json::parse(text.substr(text.find("\r\n\r\n") + 4));
    CHECK(body["error"]["code"] == "length_required");
    CHECK(body["error"]["message"] == "a POST request needs a Content-Length header (use 0 for no body)");
    CHECK(text.find("X-Content-Type-Options: nosniff") != std::string::npos);
    CHECK(text.find("Connection: close") != std::string::npos);
  }
  {
    testing::RawClient client(running.port);
    REQUIRE(client.Send("GET /healthz HTTP/1.1\r\nX-Fill: " + std::string(20 * 1024, 'a') + "\r\n\r\n"));
    CHECK(client.ReadResponse() == 431);
    CHECK(client.last_text.find("\"code\":\"headers_too_large\"") != std::string::npos);
  }
  {
    testing::RawClient client(running.port);
    REQUIRE(client.Send("POST /v1/validate HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"));
    CHECK(client.ReadResponse() == 501);
    CHECK(client.last_text.find("\"code\":\"unsupported_transfer_coding\"") != std::string::npos);
  }
  // The client's address reaches the routes as before (remote_addr), and the server keeps answering.
  auto res = running.Client().Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("HttpServer: unknown routes answer the API error object") {
  RunningServer running(false);
  auto res = running.Client().Get("/v1/nothing-here");
  REQUIRE(res);
  CHECK(res->status == 404);
  const json body = json::parse(res->body);
  CHECK(body["error"]["code"] == "not_found");
  CHECK(body["error"]["message"].get<std::string>().find("/v1/nothing-here") != std::string::npos);
}

TEST_CASE("HttpServer: availability refuses a body that is not JSON by content type") {
  RunningServer running(false);
  auto res = running.Client().Post("/v1/availability", "{}", "text/plain");
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(json::parse(res->body)["error"]["code"] == "unsupported_media_type");
}

TEST_CASE("HttpServer: availability answers 422 with the error object for malformed JSON") {
  RunningServer running(false);
  auto res = running.Client().Post("/v1/availability", "{not json", "application/json");
  REQUIRE(res);
  CHECK(res->status == 422);
  CHECK(json::parse(res->body)["error"]["code"] == "invalid_json");
}

TEST_CASE("HttpServer: bodies over the limit are refused with 413") {
  RunningServer running(false);
  const std::string huge(ServerOptions{}.max_body_bytes + 16, ' ');
  auto res = running.Client().Post("/v1/availability", huge, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
}

TEST_CASE("HttpServer: validate answers 200 with every violation, 422 on a malformed booking, 415 on non-JSON") {
  RunningServer running(false);
  const json document = R"({
    "now": "2026-11-30T12:00:00Z",
    "query": {
      "participants": [{"members": [{"sub": "anna"}], "required": "all"}],
      "required_duration": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z"}],
      "conferencing": {"provider": "zoom", "host": "zoom:rita"}
    },
    "calendars": {
      "anna": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]},
      "zoom:rita": {"conferencing_account": {"provider": "zoom", "owner": "rita"}}
    },
    "booking": {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "participants": [{"sub": "anna"}],
                "conferencing": {"provider": "zoom", "host": "zoom:rita"}}
  })"_json;
  auto res = running.Client().Post("/v1/validate", document.dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  const json answer = json::parse(res->body);
  CHECK(answer["valid"] == false);
  std::vector<std::string> codes;
  for (const json& v : answer["violations"]) codes.push_back(v["code"].get<std::string>());
  CHECK(codes == std::vector<std::string>{"busy", "host_absent_no_jbh"});

  json malformed = document;
  malformed["booking"].erase("end");
  res = running.Client().Post("/v1/validate", malformed.dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 422);
  CHECK(json::parse(res->body)["error"]["field"] == "booking.end");

  res = running.Client().Post("/v1/validate", document.dump(), "text/plain");
  REQUIRE(res);
  CHECK(res->status == 415);
}
