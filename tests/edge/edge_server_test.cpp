// edge_server_test.cpp — the edge's promises (backend/edge/edge_server.h) with a handler of the test's own: slow and
// idle clients never hold a worker, deadlines are whole, budgets hold, refusals reach the client, keep-alive and
// pipelining keep their order.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "edge/edge_server.h"
#include "support/raw_client.h"

namespace {

using namespace std::chrono_literals;
using slotwise::edge::DispatchedResponse;
using slotwise::edge::EdgeOptions;
using slotwise::edge::EdgeServer;
using slotwise::edge::Endpoint;
using slotwise::testing::RawClient;

// Answers "<METHOD> <target> <body bytes> from <ip>"; /slow sleeps 300 ms first; /throw throws.
DispatchedResponse Echo(std::string_view request, const Endpoint& remote, const Endpoint&, bool close) {
  const std::string line(request.substr(0, request.find("\r\n")));
  const std::string target = line.substr(line.find(' ') + 1, line.rfind(' ') - line.find(' ') - 1);
  if (target == "/slow") std::this_thread::sleep_for(300ms);
  if (target == "/throw") throw std::runtime_error("handler failed");
  const std::size_t head = request.find("\r\n\r\n") + 4;
  const std::string body = line.substr(0, line.rfind(' ')) + " " + std::to_string(request.size() - head) + " from " +
                           remote.ip;
  DispatchedResponse response;
  response.bytes = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  response.close = close;
  return response;
}

std::string Render(std::string_view code, const std::string& message, int retry_after) {
  static const std::map<std::string, int, std::less<>> statuses = {
      {"http_error", 400}, {"request_timeout", 408}, {"length_required", 411}, {"payload_too_large", 413},
      {"headers_too_large", 431}, {"internal_error", 500}, {"unsupported_transfer_coding", 501},
      {"server_busy", 503}};
  const auto found = statuses.find(code);
  const std::string body = std::string(code) + ": " + message;
  std::string response = "HTTP/1.1 " + std::to_string(found == statuses.end() ? 500 : found->second) + " X\r\n";
  if (retry_after > 0) response += "Retry-After: " + std::to_string(retry_after) + "\r\n";
  return response + "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// An edge on a free loopback port, serving on its own thread for the test's lifetime.
class RunningEdge {
 public:
  explicit RunningEdge(EdgeOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    edge_ = std::make_unique<EdgeServer>(options, Echo, Render);
    const slotwise::Result<int> port = edge_->Bind();
    REQUIRE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { edge_->Run(); });
  }
  ~RunningEdge() {
    edge_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  EdgeServer& edge() { return *edge_; }

 private:
  std::unique_ptr<EdgeServer> edge_;
  int port_ = 0;
  std::thread thread_;
};

EdgeOptions Small() {
  EdgeOptions options;
  options.workers = 2;
  options.framing.max_header_bytes = 4096;
  options.framing.max_body_bytes = 64 * 1024;
  return options;
}

long long MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("Edge: kept-alive and pipelined requests are answered in order on one connection") {
  RunningEdge edge(Small());
  RawClient client(edge.port());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(client.Send("GET /a" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(client.ReadResponse() == 200);
    CHECK(client.last_text.find("GET /a" + std::to_string(i) + " 0 from 127.0.0.1") != std::string::npos);
  }
  REQUIRE(client.Send("POST /slow HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /after HTTP/1.1\r\n\r\n"));
  CHECK(client.ReadResponse() == 200);
  CHECK(client.last_text.find("POST /slow 2") != std::string::npos);
  CHECK(client.ReadResponse() == 200);
  CHECK(client.last_text.find("GET /after 0") != std::string::npos);
}

TEST_CASE("Edge: trickling and idle clients hold no worker — normal requests are answered at once") {
  EdgeOptions options = Small();
  options.workers = 2;  // fewer workers than slow clients by far
  RunningEdge edge(options);
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(std::make_unique<RawClient>(edge.port()));
    REQUIRE(slow.back()->Send("GET /trickle HTTP/1.1\r\nX-Slow: "));
  }
  for (int i = 0; i < 50; ++i) slow.push_back(std::make_unique<RawClient>(edge.port()));  // idle: nothing sent
  long long slowest = 0;
  for (int i = 0; i < 100; ++i) {
    const auto start = std::chrono::steady_clock::now();
    RawClient client(edge.port());
    REQUIRE(client.Send("GET /normal HTTP/1.1\r\nConnection: close\r\n\r\n"));
    REQUIRE(client.ReadResponse(1000ms) == 200);
    slowest = std::max(slowest, MillisecondsSince(start));
    if (i % 10 == 0) {
      for (int k = 0; k < 50; ++k) slow[static_cast<std::size_t>(k)]->Send("a");  // keep trickling
    }
  }
  MESSAGE("slowest of 100 normal requests beside 50 trickling and 50 idle connections: " << slowest << " ms");
  CHECK(slowest < 1000);
}

TEST_CASE("Edge: deadlines are whole — a trickled head or body gets 408 and the connection closes") {
  EdgeOptions options = Small();
  options.header_timeout = 400ms;
  options.body_timeout = 400ms;
  RunningEdge edge(options);

  RawClient head(edge.port());
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 30 && head.Send("X"); ++i) std::this_thread::sleep_for(50ms);  // one byte per 50 ms, forever
  CHECK(head.ReadResponse() == 408);
  CHECK(head.last_text.find("head did not arrive within 400 ms") != std::string::npos);
  CHECK(MillisecondsSince(start) < 2000);
  CHECK(head.ClosedByServer());

  RawClient body(edge.port());
  REQUIRE(body.Send("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n"));
  for (int i = 0; i < 12 && body.Send("a"); ++i) std::this_thread::sleep_for(50ms);
  CHECK(body.ReadResponse() == 408);
  CHECK(body.last_text.find("body did not arrive within 400 ms") != std::string::npos);
  CHECK(edge.edge().counters().timed_out.load() >= 2);
}

TEST_CASE("Edge: an idle kept-alive connection is closed after its time, or displaced when a newcomer needs room") {
  EdgeOptions options = Small();
  options.idle_timeout = 300ms;
  options.max_connections_per_address = 3;
  RunningEdge edge(options);
  RawClient kept(edge.port());
  REQUIRE(kept.Send("GET / HTTP/1.1\r\n\r\n"));
  REQUIRE(kept.ReadResponse() == 200);
  CHECK(kept.ClosedByServer(2000ms));

  // Three idle connections fill this address's share; a fourth client displaces the longest idle one.
  RawClient first(edge.port());
  std::this_thread::sleep_for(20ms);
  RawClient second(edge.port());
  RawClient third(edge.port());
  std::this_thread::sleep_for(50ms);
  RawClient fourth(edge.port());
  REQUIRE(fourth.Send("GET /newcomer HTTP/1.1\r\n\r\n"));
  CHECK(fourth.ReadResponse(1000ms) == 200);
  CHECK(first.ClosedByServer(1000ms));
}

TEST_CASE("Edge: when no connection of an address is idle, one more gets 503 server_busy with Retry-After") {
  EdgeOptions options = Small();
  options.max_connections_per_address = 3;
  RunningEdge edge(options);
  std::vector<std::unique_ptr<RawClient>> busy;
  for (int i = 0; i < 3; ++i) {
    busy.push_back(std::make_unique<RawClient>(edge.port()));
    REQUIRE(busy.back()->Send("GET /started HTTP/1.1\r\n"));  // mid-request: not idle
  }
  std::this_thread::sleep_for(100ms);
  RawClient extra(edge.port());
  CHECK(extra.ReadResponse(1000ms) == 503);
  CHECK(extra.last_text.find("Retry-After: 1") != std::string::npos);
  CHECK(extra.last_text.find("server_busy: too many connections from 127.0.0.1") != std::string::npos);
  CHECK(edge.edge().counters().refused_busy.load() == 1);
}

TEST_CASE("Edge: budgets — headers, bodies, chunked bodies and missing lengths are refused, and the client hears it") {
  RunningEdge edge(Small());
  {
    RawClient client(edge.port());
    client.Send("GET / HTTP/1.1\r\nX-Fill: ");
    for (int i = 0; i < 64 && client.Send(std::string(16 * 1024, 'a')); ++i) {
    }
    CHECK(client.ReadResponse() == 431);
    CHECK(client.last_text.find("headers_too_large") != std::string::npos);
  }
  {
    RawClient client(edge.port());
    REQUIRE(client.Send("POST /x HTTP/1.1\r\nContent-Length: 65537\r\n\r\n"));
    CHECK(client.ReadResponse() == 413);
  }
  {
    RawClient client(edge.port());
    client.Send("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";
    for (int i = 0; i < 64 && client.Send(chunk); ++i) {
    }
    CHECK(client.ReadResponse() == 413);
    CHECK(client.last_text.find("chunked request body is over") != std::string::npos);
  }
  {
    RawClient client(edge.port());
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(client.Send("POST /x HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(client.ReadResponse() == 411);
    CHECK(MillisecondsSince(start) < 500);
  }
  {
    RawClient client(edge.port());
    REQUIRE(client.Send("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
    CHECK(client.ReadResponse() == 200);
    CHECK(client.last_text.find("POST /x") != std::string::npos);
  }
}

TEST_CASE("Edge: the bytes held across connections stay under their budget") {
  EdgeOptions options = Small();
  options.max_buffered_bytes = 100 * 1024;
  options.framing.max_body_bytes = 80 * 1024;
  RunningEdge edge(options);
  RawClient first(edge.port());
  REQUIRE(first.Send("POST /x HTTP/1.1\r\nContent-Length: 81920\r\n\r\n" + std::string(70 * 1024, 'a')));
  std::this_thread::sleep_for(100ms);
  RawClient second(edge.port());
  second.Send("POST /x HTTP/1.1\r\nContent-Length: 81920\r\n\r\n" + std::string(40 * 1024, 'b'));
  CHECK(second.ReadResponse() == 503);
  CHECK(second.last_text.find("holding too many request bytes") != std::string::npos);
  REQUIRE(first.Send(std::string(10 * 1024, 'a')));
  CHECK(first.ReadResponse() == 200);
}

TEST_CASE("Edge: Expect: 100-continue is answered before the body; a throwing handler is a 500") {
  RunningEdge edge(Small());
  RawClient client(edge.port());
  REQUIRE(client.Send("POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  CHECK(client.ReadResponse() == 100);
  REQUIRE(client.Send("body"));
  CHECK(client.ReadResponse() == 200);
  CHECK(client.last_text.find("POST /x 4") != std::string::npos);

  RawClient thrower(edge.port());
  REQUIRE(thrower.Send("GET /throw HTTP/1.1\r\n\r\n"));
  CHECK(thrower.ReadResponse() == 500);
}

TEST_CASE("Edge: a client that hangs up while its request runs is closed when the worker answers") {
  RunningEdge edge(Small());
  {
    RawClient client(edge.port());
    REQUIRE(client.Send("GET /slow HTTP/1.1\r\n\r\n"));
    std::this_thread::sleep_for(50ms);
  }
  std::this_thread::sleep_for(500ms);
  CHECK(edge.edge().counters().open.load() == 0);
  RawClient after(edge.port());
  REQUIRE(after.Send("GET / HTTP/1.1\r\n\r\n"));
  CHECK(after.ReadResponse() == 200);
}

TEST_CASE("Edge: a second edge on a busy port fails to bind and says why") {
  RunningEdge edge(Small());
  EdgeOptions options = Small();
  options.host = "127.0.0.1";
  options.port = edge.port();
  EdgeServer second(options, Echo, Render);
  const slotwise::Result<int> bound = second.Bind();
  REQUIRE_FALSE(bound.ok());
  CHECK(bound.error().message.find("address already in use") != std::string::npos);
}
