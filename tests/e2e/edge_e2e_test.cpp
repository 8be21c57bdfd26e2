// End to end: the server's edge against hostile input — JSON nested far deeper than any document needs is refused
// with invalid_json on every tenant route before any value is built, changes nothing, and the server keeps answering
// (docs/ENGINE.md "Errors").
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "provider_world.h"
#include "support/http_call.h"
#include "support/raw_client.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// {"a":{"a":…1…}} with `levels` objects: ~6 bytes a level. Built as text: a value this deep cannot be built (or
// dumped) as a nlohmann value without exhausting the test's own stack.
std::string DeepObject(int levels) {
  std::string text;
  text.reserve(static_cast<std::size_t>(levels) * 6 + 1);
  for (int i = 0; i < levels; ++i) text += "{\"a\":";
  text += "1";
  text.append(static_cast<std::size_t>(levels), '}');
  return text;
}

int PortOf(const std::string& root) { return std::stoi(root.substr(root.rfind(':') + 1)); }

// A field of /proc/self/status in KiB (VmHWM: the peak resident set since the last reset).
long StatusKib(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// Resets VmHWM to the current resident set (Linux: "5" to clear_refs).
void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace

// Defined by AddressSanitizer's runtime when the process runs under it (the ASan build links it into the tests).
extern "C" void __asan_init() __attribute__((weak));

namespace {

// Under ASan freed memory sits in a quarantine (256 MiB by default) and every allocation carries shadow memory, so a
// resident-memory bound says nothing there; the release build checks it.
bool UnderAddressSanitizer() { return &__asan_init != nullptr; }

}  // namespace

TEST_CASE("Edge: 50 trickling and 50 idle connections from one address leave 100 normal requests answered within 1 s") {
  ProviderWorld world(true, true);
  const int port = PortOf(world.root());
  std::vector<std::unique_ptr<RawClient>> hostile;
  for (int i = 0; i < 50; ++i) {
    hostile.push_back(std::make_unique<RawClient>(port));
    REQUIRE(hostile.back()->Send("G"));  // a request begun, then one byte now and then
  }
  for (int i = 0; i < 50; ++i) hostile.push_back(std::make_unique<RawClient>(port));  // connected, silent
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    const std::string rest = "ET /healthz HTTP/1.1\r\nX-Slow: " + std::string(1000, 'a');
    for (std::size_t i = 0; !done.load(); ++i) {
      for (int k = 0; k < 50; ++k) hostile[static_cast<std::size_t>(k)]->Send(rest.substr(i % rest.size(), 1));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  long long slowest = 0;
  int answered = 0;
  const httplib::Headers auth = {{"Authorization", "Bearer " + world.api_key()}};
  for (int i = 0; i < 100; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const HttpReply reply = HttpCall("GET", world.root() + (i % 2 == 0 ? "/healthz" : "/v1/people"), "", auth);
    const auto took = std::chrono::steady_clock::now() - start;
    slowest = std::max<long long>(slowest, std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
    answered += reply.status == 200 ? 1 : 0;
  }
  done = true;
  trickle.join();
  MESSAGE("slowest of 100 requests beside 50 trickling and 50 idle connections: " << slowest << " ms");
  CHECK(answered == 100);
  CHECK(slowest < 1000);
}

TEST_CASE("Edge: 8 clients sending 64 MiB of headers, then of chunked bodies, are refused and memory stays bounded") {
  ProviderWorld world(true, true);
  const int port = PortOf(world.root());
  constexpr long kBoundKib = 128 * 1024;  // 8 chunked bodies held up to the 8 MiB body limit each, plus slack
  for (const bool chunked : {false, true}) {
    CAPTURE(chunked);
    ResetPeakMemory();
    const long before = StatusKib("VmHWM");
    std::vector<int> statuses(8, 0);
    std::vector<std::thread> clients;
    for (std::size_t c = 0; c < 8; ++c) {
      clients.emplace_back([&, c] {
        RawClient client(port);
        const std::string piece = chunked ? "10000\r\n" + std::string(0x10000, 'a') + "\r\n"
                                          : "X-Fill: " + std::string(65526, 'a') + "\r\n";
        client.Send(chunked ? "POST /v1/validate HTTP/1.1\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"
                            : "GET /healthz HTTP/1.1\r\n");
        for (std::size_t sent = 0; sent < 64u * 1024 * 1024 && client.Send(piece); sent += piece.size()) {
        }
        statuses[c] = client.ReadResponse(std::chrono::milliseconds(10000));
      });
    }
    for (std::thread& client : clients) client.join();
    const long growth = StatusKib("VmHWM") - before;
    MESSAGE(std::string(chunked ? "chunked bodies" : "headers") << ": peak resident memory grew by " << growth / 1024 << " MiB");
    for (int status : statuses) CHECK(status == (chunked ? 413 : 431));
    if (!UnderAddressSanitizer()) CHECK(growth < kBoundKib);
  }
  CHECK(HttpCall("GET", world.root() + "/healthz").status == 200);
}

TEST_CASE("Edge: a body nested 100,000 levels deep is refused on every tenant JSON route and the server lives on") {
  ProviderWorld world(true, true);
  const httplib::Headers auth = {{"Authorization", "Bearer " + world.api_key()}};
  const std::string deep = DeepObject(100000);
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/v1/availability"},           {"POST", "/v1/availability/document"},
      {"POST", "/v1/validate"},               {"PATCH", "/v1/tenant"},
      {"PUT", "/v1/people/deep@kumo.example"}, {"PUT", "/v1/rooms/deep-room@kumo.example"},
      {"POST", "/v1/host_accounts/import"},   {"POST", "/v1/directory/import"},
      {"PUT", "/v1/candidates/cand-deep"},    {"POST", "/v1/widget_tokens"},
      {"POST", "/v1/interviews"},             {"PATCH", "/v1/interviews/iv_none"},
      {"POST", "/v1/proposals"},              {"POST", "/v1/messages"}};
  for (const auto& [method, path] : routes) {
    CAPTURE(method);
    CAPTURE(path);
    httplib::Headers headers = auth;
    headers.emplace("Idempotency-Key", "deep-" + path);
    const HttpReply reply = HttpCall(method, world.root() + path, deep, headers);
    REQUIRE_MESSAGE(reply.connected, "the server did not answer");
    CHECK((reply.status == 400 || reply.status == 404 || reply.status == 422));
    if (reply.status != 404) CHECK(reply.Json()["error"]["code"] == "invalid_json");
    // The server is still there for everyone else.
    REQUIRE(HttpCall("GET", world.root() + "/healthz").status == 200);
  }
  // The engine and the generic body reader name the limit.
  const HttpReply availability = HttpCall("POST", world.root() + "/v1/availability", deep, auth);
  CHECK(availability.Json()["error"]["message"].get<std::string>().find("deeper than 64 levels") != std::string::npos);
  const HttpReply person = HttpCall("PUT", world.root() + "/v1/people/deep@kumo.example", deep, auth);
  CHECK(person.Json()["error"]["message"].get<std::string>().find("deeper than 64 levels") != std::string::npos);
  // Nothing was stored.
  const HttpReply people = HttpCall("GET", world.root() + "/v1/people", {}, auth);
  REQUIRE(people.status == 200);
  CHECK(people.body.find("deep@kumo.example") == std::string::npos);
}
