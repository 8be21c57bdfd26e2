// What the widget needs from the server, end to end: the solve document it solves locally (which must give the answer
// the server gives), the demo's widget token, and the demo ATS — a second origin whose server mints widget tokens
// with the tenant's API key — with the CORS decisions that make the embedded widget work there and nowhere else.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api/api_auth.h"
#include "demo/demo_ats_server.h"
#include "demo/demo_tenant.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/engine_api.h"
#include "slotwise/time.h"
#include "store/directory_store.h"
#include "support/temp_dir.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// Lena, Jonas and Anna (Google and Microsoft calendars, the sandbox's seeded events this week and next) and both Berlin
// rooms, from tomorrow 00:00 UTC for eight days: "now" cannot change the answer between two calls (no slot starts
// before tomorrow), and the window spans seeded events and free hours.
json ThreePeopleQuery(std::int64_t now) {
  const std::int64_t tomorrow = (now / kSecondsPerDay + 1) * kSecondsPerDay;
  return {{"participants",
           {{{"members",
              {{{"sub", "lena.fischer@kumo.example"}},
               {{"sub", "jonas.becker@kumo.example"}},
               {{"sub", "anna.schmidt@kumo-labs.example"}}}},
             {"required", "all"}}}},
          {"rooms",
           {{"members",
             {{{"sub", "c_berlin-spree@resource.calendar.google.com"}},
              {{"sub", "c_berlin-tiergarten@resource.calendar.google.com"}}}},
            {"required", 1}}},
          {"required_duration", {{"minutes", 45}}},
          {"start_interval", {{"minutes", 15}}},
          {"time_zone", "Europe/Berlin"},
          {"query_periods", {{{"start", FormatRfc3339(tomorrow)}, {"end", FormatRfc3339(tomorrow + 8 * kSecondsPerDay)}}}}};
}

}  // namespace

TEST_CASE("widget API: the solve document gives, solved locally, the answer the server gives") {
  ProviderWorld world(true, true);
  const json query = ThreePeopleQuery(world.Now());

  const HttpAnswer document = world.Api("POST", "/v1/availability/document", query);
  REQUIRE_MESSAGE(document.status == 200, document.body);
  const json parsed = json::parse(document.body);
  CHECK(parsed.at("calendars").size() == 5);  // three people, two rooms
  CHECK(parsed.at("query").at("required_duration") == json{{"minutes", 45}});
  REQUIRE(parsed.contains("now"));
  // The seeded week has events: at least one of the three people is busy somewhere in the window.
  std::size_t busy_events = 0;
  for (const auto& [sub, calendar] : parsed.at("calendars").items()) busy_events += calendar.at("busy").size();
  CHECK(busy_events > 0);

  const HttpAnswer server = world.Api("POST", "/v1/availability", query);
  REQUIRE_MESSAGE(server.status == 200, server.body);
  INFO(server.body.substr(0, 600));
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const EngineAnswer local = CallEngine("solve", document.body, zones);
  REQUIRE(local.status == EngineStatus::kOk);
  const json local_answer = json::parse(local.body);
  const json server_answer = json::parse(server.body);
  REQUIRE(server_answer.contains("available_slots"));
  CHECK(!server_answer.at("available_slots").empty());
  CHECK(local_answer.at("available_slots") == server_answer.at("available_slots"));

  SUBCASE("a wrapped query with except_interview_id is accepted; an inline document is refused") {
    CHECK(world.Api("POST", "/v1/availability/document", {{"query", query}, {"except_interview_id", "iv_none"}}).status == 200);
    const HttpAnswer inline_document = world.Api("POST", "/v1/availability/document", parsed);
    CHECK(inline_document.status == 422);
    const json error = json::parse(inline_document.body).at("error");
    CHECK(error.at("code") == "invalid_query");
    CHECK(error.at("field") == "calendars");
  }
  SUBCASE("an unknown participant is named") {
    json unknown = query;
    unknown["participants"][0]["members"].push_back({{"sub", "nobody@kumo.example"}});
    const HttpAnswer answer = world.Api("POST", "/v1/availability/document", unknown);
    CHECK(answer.status == 422);
    CHECK(json::parse(answer.body).at("error").at("code") == "unknown_participant");
  }
  SUBCASE("without credentials there is no document") {
    CHECK(HttpJson("POST", world.root() + "/v1/availability/document", query).status == 401);
  }
}

TEST_CASE("widget API: the tenant's minimum notice is checked, reaches the widget's document and holds on the server") {
  ProviderWorld world(true, true);
  json policies = json::parse(world.Api("GET", "/v1/tenant").body).at("policies");
  for (const json& bad : {json{{"minutes", -1}}, json{{"minutes", 576001}}, json{{"hours", 4}}, json(240)}) {
    CAPTURE(bad.dump());
    policies["minimum_notice"] = bad;
    const HttpAnswer refused = world.Api("PATCH", "/v1/tenant", {{"policies", policies}});
    CHECK(refused.status == 422);
    CHECK(json::parse(refused.body).at("error").at("field") == "policies.minimum_notice");
  }
  CHECK_FALSE(json::parse(world.Api("GET", "/v1/tenant").body).at("policies").contains("minimum_notice"));
  // A notice of nine days: the whole eight-day window from tomorrow (UTC) is too soon whatever the time of day —
  // it ends at most nine days from now (eight days of notice left the window's last day open after midnight UTC) —
  // unless the query names its own.
  policies["minimum_notice"] = {{"minutes", 9 * 24 * 60}};
  REQUIRE(world.Api("PATCH", "/v1/tenant", {{"policies", policies}}).status == 200);
  const json query = ThreePeopleQuery(world.Now());
  const HttpAnswer document = world.Api("POST", "/v1/availability/document", query);
  REQUIRE_MESSAGE(document.status == 200, document.body);
  CHECK(json::parse(document.body).at("query").at("minimum_notice") == json{{"minutes", 9 * 24 * 60}});
  const HttpAnswer held = world.Api("POST", "/v1/availability", query);
  REQUIRE_MESSAGE(held.status == 200, held.body);
  CHECK(json::parse(held.body).at("available_slots").empty());
  json own = query;
  own["minimum_notice"] = {{"minutes", 0}};
  const HttpAnswer named = world.Api("POST", "/v1/availability", own);
  REQUIRE_MESSAGE(named.status == 200, named.body);
  CHECK_FALSE(json::parse(named.body).at("available_slots").empty());
}

TEST_CASE("widget API: the demo widget token exists only under --demo") {
  ProviderWorld world(true, true);  // not a demo server
  const HttpAnswer answer = HttpJson("GET", world.root() + "/v1/demo/widget_token");
  CHECK(answer.status == 404);
  CHECK(json::parse(answer.body).at("error").at("code") == "not_enabled");
}

TEST_CASE("widget API: the demo ATS mints widget tokens server-side; the widget's calls pass CORS only from there") {
  ProviderWorld world(true, true);
  const TempDir web_root("slotwise-ats");
  const std::filesystem::path& web = web_root.path();
  std::filesystem::create_directories(web / "ats");
  std::ofstream(web / "ats" / "index.html") << "<!doctype html><title>ATS</title>";
  auto transport = net::MakeHttplibTransport();
  DemoAtsServer ats({web.string(), world.root(), world.api_key(), kDemoRecruiter, 0}, *transport);
  REQUIRE(static_cast<bool>(ats.Bind()));
  struct Running {  // stops and joins the ATS server however the test case ends
    DemoAtsServer& server;
    std::thread thread;
    ~Running() {
      server.Stop();
      thread.join();
    }
  } running{ats, std::thread([&] { ats.Run(); })};
  REQUIRE(static_cast<bool>(AllowDemoOrigins(world.scheduling().directory(), kDemoTenantId, {ats.origin()})));

  const HttpAnswer page = HttpGet(ats.origin() + "/");
  CHECK(page.status == 200);
  CHECK(page.body.find("<title>ATS</title>") != std::string::npos);

  const HttpAnswer minted = HttpJson("POST", ats.origin() + "/ats/widget_token", json::object());
  REQUIRE_MESSAGE(minted.status == 200, minted.body);
  const json token = json::parse(minted.body);
  CHECK(token.at("backend") == world.root());
  CHECK(token.at("token").get<std::string>().rfind("swt1.", 0) == 0);
  CHECK(minted.body.find(world.api_key()) == std::string::npos);  // the API key stays on the ATS's server

  const std::string bearer = "Bearer " + token.at("token").get<std::string>();
  const HttpAnswer from_ats =
      HttpJson("GET", world.root() + "/v1/people", nullptr, {{"Authorization", bearer}, {"Origin", ats.origin()}});
  CHECK_MESSAGE(from_ats.status == 200, from_ats.body);
  const HttpAnswer elsewhere = HttpJson("GET", world.root() + "/v1/people", nullptr,
                                        {{"Authorization", bearer}, {"Origin", "http://127.0.0.1:1"}});
  CHECK(elsewhere.status == 403);

  std::filesystem::remove_all(web);
}
