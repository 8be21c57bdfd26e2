// End to end: the server's edge against hostile input — JSON nested far deeper than any document needs is refused
// with invalid_json on every tenant route before any value is built, changes nothing, and the server keeps answering
// (docs/ENGINE.md "Errors").
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "provider_world.h"
#include "support/http_call.h"

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

}  // namespace

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
