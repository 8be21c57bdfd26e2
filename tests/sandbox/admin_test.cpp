// Admin API: faults, request log, expired tokens, demo org, notifications, Teams.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "sandbox_test_util.h"
#include "slotwise/time.h"
#include "support/loopback_server.h"

using namespace slotwise::sandbox;
using namespace slotwise::sandbox::testing;

namespace {
json Body(const httplib::Result& res) { return json::parse(res->body); }

// A receiver for notifications on its own ephemeral port; records every request; echoes Graph validation tokens.
class Receiver {
 public:
  Receiver() {
    server_.server().Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(req);
      if (req.has_param("validationToken")) res.set_content(req.get_param_value("validationToken"), "text/plain");
      else res.status = 202;
    });
    server_.Start();
  }
  ~Receiver() { server_.Stop(); }  // before `requests_` goes away
  std::string Url(const std::string& path) const { return server_.Url(path); }
  std::vector<httplib::Request> Requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  slotwise::testing::LoopbackServer server_;
  std::mutex mutex_;
  std::vector<httplib::Request> requests_;
};
}  // namespace

TEST_CASE("Sandbox: injected 429/503 faults use each provider's format and Retry-After, then pass; all requests are logged") {
  LiveSandbox sandbox;
  std::string google = sandbox.Token("google", "lena.fischer@kumo.example");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"provider", "google"}, {"path_prefix", "/calendar/v3/freeBusy"},
                                               {"status", 429}, {"retry_after", "2"}, {"times", 1}})->status == 200);
  json request = {{"timeMin", "2030-03-04T00:00:00Z"}, {"timeMax", "2030-03-05T00:00:00Z"}, {"items", json::array()}};
  auto limited = sandbox.PostJson("/google/calendar/v3/freeBusy", request, google);
  CHECK(limited->status == 429);
  CHECK(limited->get_header_value("Retry-After") == "2");
  CHECK(Body(limited)["error"]["errors"][0]["reason"] == "rateLimitExceeded");
  CHECK(sandbox.PostJson("/google/calendar/v3/freeBusy", request, google)->status == 200);  // times: 1

  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"provider", "microsoft"}, {"status", 429}, {"retry_after", "0.5"}})->status == 200);
  auto graph = sandbox.Get("/microsoft/v1.0/me/events", sandbox.Token("microsoft", "anna.schmidt@kumo-labs.example"));
  CHECK(graph->status == 429);
  CHECK(graph->get_header_value("Retry-After") == "0.5");
  CHECK(Body(graph)["error"]["code"] == "TooManyRequests");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"provider", "zoom"}, {"status", 429}})->status == 200);
  auto zoom = sandbox.Get("/zoom/v2/users/me", sandbox.Token("zoom", "ken.sato@kumo.example"));
  CHECK(zoom->status == 429);
  CHECK(zoom->get_header_value("X-RateLimit-Type") == "QPS");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"provider", "goto"}, {"method", "POST"}, {"status", 503}, {"times", 2}})->status == 200);
  std::string goto_token = sandbox.Token("goto", "priya.patel@kumo-labs.example");
  CHECK(sandbox.PostJson("/goto/G2M/rest/meetings", json::object(), goto_token)->status == 503);
  CHECK(sandbox.PostJson("/goto/G2M/rest/meetings", json::object(), goto_token)->status == 503);
  CHECK(sandbox.PostJson("/goto/G2M/rest/meetings", json::object(), goto_token)->status == 400);

  // Slow responses.
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"provider", "google"}, {"delay_ms", 300}})->status == 200);
  auto started = std::chrono::steady_clock::now();
  CHECK(sandbox.PostJson("/google/calendar/v3/freeBusy", request, google)->status == 200);
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300));

  auto log = Body(sandbox.Get("/sandbox/requests?provider=google"))["requests"];
  REQUIRE(log.size() == 3);
  CHECK(log[0]["status"] == 429);
  CHECK(log[0]["path"] == "/google/calendar/v3/freeBusy");
  CHECK(log[1]["status"] == 200);
  CHECK(log[1]["user"] == "lena.fischer@kumo.example");
  CHECK(sandbox.client().Delete("/sandbox/requests")->status == 204);
  CHECK(Body(sandbox.Get("/sandbox/requests"))["requests"].empty());
}

TEST_CASE("Sandbox: expired access tokens get each provider's 401") {
  LiveSandbox sandbox;
  std::string google = sandbox.Token("google", "lena.fischer@kumo.example");
  std::string microsoft = sandbox.Token("microsoft", "anna.schmidt@kumo-labs.example");
  std::string zoom = sandbox.Token("zoom", "ken.sato@kumo.example");
  std::string go = sandbox.Token("goto", "priya.patel@kumo-labs.example");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "expire_access_tokens"}})->status == 200);
  auto g = sandbox.Get("/google/calendar/v3/calendars/primary/events", google);
  CHECK(g->status == 401);
  CHECK(Body(g)["error"]["errors"][0]["reason"] == "authError");
  CHECK(Body(g)["error"]["message"] == "Invalid Credentials");
  auto m = sandbox.Get("/microsoft/v1.0/me/events", microsoft);
  CHECK(m->status == 401);
  CHECK(Body(m)["error"]["code"] == "InvalidAuthenticationToken");
  auto z = sandbox.Get("/zoom/v2/users/me", zoom);
  CHECK(z->status == 401);
  CHECK(Body(z)["code"] == 124);
  auto t = sandbox.PostJson("/goto/G2M/rest/meetings", json::object(), go);
  CHECK(t->status == 401);
  // The sandbox clock expires tokens too.
  std::string fresh = sandbox.Token("google", "lena.fischer@kumo.example");
  CHECK(sandbox.Get("/google/calendar/v3/calendars/primary/events", fresh)->status == 200);
  sandbox.sandbox().AdvanceClock(3600);
  CHECK(sandbox.Get("/google/calendar/v3/calendars/primary/events", fresh)->status == 401);
}

TEST_CASE("Sandbox: the demo organisation has people in four countries on both suites, rooms, Zoom, GoTo and Teams") {
  LiveSandbox sandbox;
  json directory = Body(sandbox.Get("/sandbox/directory"));
  std::map<std::string, int> per_provider;
  std::set<std::string> zones;
  bool japanese_name = false;
  for (const auto& user : directory["users"]) {
    per_provider[user["provider"]]++;
    zones.insert(user["time_zone"].get<std::string>());
    if (user["name"].get<std::string>().find("佐藤") != std::string::npos) japanese_name = true;
  }
  CHECK(per_provider["google"] == 6);
  CHECK(per_provider["microsoft"] == 6);
  CHECK(per_provider["zoom"] == 5);
  CHECK(per_provider["goto"] == 2);
  CHECK(zones == std::set<std::string>{"Europe/Berlin", "Asia/Tokyo", "Europe/Amsterdam", "America/New_York", "America/Los_Angeles"});
  CHECK(japanese_name);
  std::vector<int> capacities;
  for (const auto& room : directory["rooms"]) capacities.push_back(room["capacity"]);
  CHECK(capacities == std::vector<int>{4, 10, 6, 8});
  CHECK(directory["zoom_accounts"].size() == 3);
  CHECK(directory["teams"][0]["channels"].size() == 3);
  CHECK(directory["event_count"] == 58);  // a week of 29 events, this week and the next
  // Reset without the demo org empties the directory.
  REQUIRE(sandbox.PostJson("/sandbox/reset", {{"seed_demo_org", false}})->status == 200);
  CHECK(Body(sandbox.Get("/sandbox/directory"))["users"].empty());
}

TEST_CASE("Sandbox: the demo fortnight is the same UTC weeks for every zone, so the week after next is free for all") {
  // Late on a Sunday (UTC) it is already Monday in Berlin and Tokyo: the demo weeks must not follow those zones'
  // dates into the UTC week after next, where tests book. Seeded at 23:30 UTC on the coming Sunday.
  LiveSandbox sandbox;
  const std::int64_t now = sandbox.sandbox().Now();
  const std::int64_t monday = slotwise::IsoWeekStartDay(now / 86400);
  sandbox.sandbox().AdvanceClock((monday + 6) * 86400 + 23 * 3600 + 1800 - now);
  REQUIRE(sandbox.PostJson("/sandbox/reset", {{"seed_demo_org", true}})->status == 200);
  const std::int64_t seeded_monday = slotwise::IsoWeekStartDay(sandbox.sandbox().Now() / 86400);
  const auto events_between = [&](const std::string& person, std::int64_t from_day, std::int64_t to_day) {
    const std::string query = "?singleEvents=true&timeMin=" + Encode(slotwise::FormatRfc3339(from_day * 86400)) +
                              "&timeMax=" + Encode(slotwise::FormatRfc3339(to_day * 86400));
    auto listed = sandbox.Get("/google/calendar/v3/calendars/primary/events" + query, sandbox.Token("google", person));
    REQUIRE(listed->status == 200);
    return Body(listed)["items"].size();
  };
  for (const std::string person : {"ken.sato@kumo.example", "jonas.becker@kumo.example", "emily.carter@kumo.example"}) {
    CAPTURE(person);
    CHECK(events_between(person, seeded_monday, seeded_monday + 14) > 0);
    CHECK(events_between(person, seeded_monday + 14, seeded_monday + 21) == 0);
  }
}

TEST_CASE("Sandbox: Google watch channels and Graph subscriptions notify the receiver") {
  LiveSandbox sandbox;
  Receiver receiver;
  std::string google = sandbox.Token("google", "lena.fischer@kumo.example");
  auto watch = sandbox.PostJson("/google/calendar/v3/calendars/primary/events/watch",
                                {{"id", "chan-1"}, {"type", "web_hook"}, {"address", receiver.Url("/google")}, {"token", "tok"}}, google);
  REQUIRE(watch->status == 200);
  CHECK(Body(watch)["id"] == "chan-1");
  REQUIRE(sandbox.PostJson("/sandbox/external_change", {{"provider", "google"}, {"calendar", "lena.fischer@kumo.example"},
                                                        {"event_id", "demo0000"}, {"start", "2030-03-04T08:00:00Z"},
                                                        {"end", "2030-03-04T09:00:00Z"}})->status == 200);
  std::string microsoft = sandbox.Token("microsoft", "sanne.devries@kumo-labs.example");
  auto subscription = sandbox.PostJson("/microsoft/v1.0/subscriptions",
                                       {{"changeType", "created,updated,deleted"}, {"notificationUrl", receiver.Url("/graph")},
                                        {"resource", "me/events"}, {"clientState", "secret-state"},
                                        {"expirationDateTime", slotwise::FormatRfc3339(sandbox.sandbox().Now() + 3600)}}, microsoft);
  REQUIRE(subscription->status == 201);
  json event = {{"subject", "x"}, {"start", {{"dateTime", "2030-03-04T10:00:00"}, {"timeZone", "UTC"}}},
                {"end", {{"dateTime", "2030-03-04T11:00:00"}, {"timeZone", "UTC"}}}};
  REQUIRE(sandbox.PostJson("/microsoft/v1.0/me/events", event, microsoft)->status == 201);
  auto deliveries = Body(sandbox.Get("/sandbox/deliveries?wait=1"))["deliveries"];
  CHECK(deliveries.size() == 3);
  auto requests = receiver.Requests();
  REQUIRE(requests.size() == 4);  // google sync, google exists, graph validation, graph notification
  int google_states = 0;
  for (const auto& req : requests) {
    if (req.path == "/google") {
      CHECK(req.get_header_value("X-Goog-Channel-ID") == "chan-1");
      CHECK(req.get_header_value("X-Goog-Channel-Token") == "tok");
      std::string state = req.get_header_value("X-Goog-Resource-State");
      google_states += state == "sync" ? 1 : state == "exists" ? 10 : 100;
    } else if (!req.has_param("validationToken")) {
      json note = json::parse(req.body)["value"][0];
      CHECK(note["changeType"] == "created");
      CHECK(note["clientState"] == "secret-state");
      CHECK(note["tenantId"] == std::string(kDemoMicrosoftTenant));
    }
  }
  CHECK(google_states == 11);
}

TEST_CASE("Sandbox: Teams channels, channel messages with Adaptive Cards, and webhook throttling in the body") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("microsoft", "daan.jansen@kumo-labs.example");
  std::string team = "b8f2c3a1-0000-4000-8000-00000000d3a0";
  auto channels = sandbox.Get("/microsoft/v1.0/teams/" + team + "/channels", token);
  REQUIRE(channels->status == 200);
  CHECK(Body(channels)["value"].size() == 2);  // Daan is not in the private channel
  json message = {{"body", {{"contentType", "html"}, {"content", "<attachment id=\"card1\"></attachment>"}}},
                  {"attachments", json::array({{{"id", "card1"}, {"contentType", "application/vnd.microsoft.card.adaptive"},
                                                {"content", R"({"type":"AdaptiveCard","version":"1.4","body":[]})"}}})}};
  auto posted = sandbox.PostJson("/microsoft/v1.0/teams/" + team + "/channels/" + Encode("19:hiring-updates@thread.tacv2") + "/messages", message, token);
  CHECK(posted->status == 201);
  auto hidden = sandbox.PostJson("/microsoft/v1.0/teams/" + team + "/channels/" + Encode("19:hr-confidential@thread.tacv2") + "/messages", message, token);
  CHECK(hidden->status == 403);
  json card = {{"type", "message"}, {"attachments", json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"}, {"contentUrl", nullptr},
                                                                 {"content", {{"type", "AdaptiveCard"}, {"version", "1.2"}, {"body", json::array()}}}}})}};
  CHECK(sandbox.PostJson("/microsoft/workflows/flow-1", card)->status == 202);
  for (int i = 0; i < 4; ++i) {
    auto ok = sandbox.PostJson("/microsoft/webhookb2/hook-1", card);
    CHECK(ok->status == 200);
    CHECK(ok->body == "1");
  }
  auto throttled = sandbox.PostJson("/microsoft/webhookb2/hook-1", card);
  CHECK(throttled->status == 200);
  CHECK(throttled->body.find("returned HTTP error 429") != std::string::npos);
}
