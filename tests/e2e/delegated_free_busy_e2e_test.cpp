// delegated_free_busy_e2e_test.cpp — colleagues' free/busy without organisation access (issue 16, point 3), through
// the real server and the sandbox: the demo tenant disconnects its Google Workspace organisation, its recruiter Lena
// connects her own Google calendar through the OAuth flow, and availability is read through her connection
// (backend/availability/busy_sources.h). When Jonas shares no free/busy with colleagues (the sandbox's
// /sandbox/free_busy_sharing), his calendar is unknown with Google's reason: no time is offered over him unless the
// query says "unknown_free_busy": "free" (docs/ENGINE.md). Microsoft, still connected as an organisation, keeps
// being read app-only.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";    // recruiter, Google, Berlin 09:00–17:00
const std::string kJonas = "jonas.becker@kumo.example";   // Google, Berlin 08:30–16:30
const std::string kSanne = "sanne.devries@kumo-labs.example";  // Microsoft

// Lena and Jonas together, 60 minutes on the hour, over one Berlin day.
json PairQuery(const Day& day) {
  return {{"participants", {{{"members", {{{"sub", kLena}}, {{"sub", kJonas}}}}, {"required", "all"}}}},
          {"required_duration", {{"minutes", 60}}},
          {"start_interval", {{"minutes", 60}}},
          {"time_zone", "Europe/Berlin"},
          {"query_periods", {{{"start", FormatRfc3339(day.midnight)}, {"end", FormatRfc3339(day.midnight + 86400)}}}}};
}

std::vector<std::string> Starts(const json& answer) {
  std::vector<std::string> starts;
  for (const json& slot : answer.at("available_slots")) starts.push_back(slot.at("start"));
  return starts;
}

// The users whose tokens read Google's freeBusy, as the sandbox logged them.
std::vector<std::string> FreeBusyReaders(ProviderWorld& world) {
  std::vector<std::string> users;
  const json log = world.SandboxGet("/sandbox/requests?provider=google");
  for (const json& entry : log.at("requests")) {
    if (entry.at("path").get<std::string>().find("/freeBusy") != std::string::npos) users.push_back(entry.at("user"));
  }
  return users;
}

}  // namespace

TEST_CASE("Delegated free/busy: without organisation access, colleagues are read through the recruiter's connection") {
  ProviderWorld world(true, true);
  REQUIRE(world.Api("DELETE", "/v1/organisation/google").status == 204);
  const Day tuesday = FreeWeekDay(world.Now(), 2);
  // Jonas has a meeting 10:00–11:00 Berlin that day (only his calendar knows it).
  world.SandboxPost("/sandbox/seed", {{"events", {{{"provider", "google"},
                                                   {"calendar", kJonas},
                                                   {"summary", "1:1"},
                                                   {"start", FormatRfc3339(tuesday.midnight + 10 * 3600)},
                                                   {"end", FormatRfc3339(tuesday.midnight + 11 * 3600)}}}}});

  // Nobody has connected a Google calendar yet: nothing can read Google, and the answer says who can fix it.
  const HttpAnswer nobody = world.Api("POST", "/v1/availability", PairQuery(tuesday));
  CHECK(nobody.status == 424);
  CHECK(json::parse(nobody.body).at("error").at("code") == "provider_not_configured");
  CHECK(nobody.body.find("Connect calendar") != std::string::npos);

  // Lena, the recruiter, connects her calendar ("Connect calendar": the OAuth flow, consent on the sandbox's page).
  world.Connected("google", kLena, kLena);
  REQUIRE(HttpJson("DELETE", world.sandbox_root() + "/sandbox/requests").status / 100 == 2);
  const HttpAnswer read = world.Api("POST", "/v1/availability", PairQuery(tuesday));
  REQUIRE_MESSAGE(read.status == 200, read.body);
  const json answer = json::parse(read.body);
  CHECK_FALSE(answer.contains("unknown_free_busy"));
  // Starts 09:00–15:00 fit both (Lena from 09:00, Jonas until 16:30); Jonas's 10:00 meeting takes 10:00 out.
  CHECK(Starts(answer) == std::vector<std::string>{FormatRfc3339(tuesday.midnight + 9 * 3600),
                                                   FormatRfc3339(tuesday.midnight + 11 * 3600),
                                                   FormatRfc3339(tuesday.midnight + 12 * 3600),
                                                   FormatRfc3339(tuesday.midnight + 13 * 3600),
                                                   FormatRfc3339(tuesday.midnight + 14 * 3600),
                                                   FormatRfc3339(tuesday.midnight + 15 * 3600)});
  // Read with Lena's own token — no service account (no JWT grant) since the organisation went away.
  const std::vector<std::string> readers = FreeBusyReaders(world);
  REQUIRE_FALSE(readers.empty());
  for (const std::string& user : readers) CHECK(user == kLena);
  CHECK(world.CountRequests("google", "POST", "/token", "urn:ietf:params:oauth:grant-type:jwt-bearer") == 0);

  // Jonas stops sharing his free/busy with colleagues. Past the free/busy cache's age, his calendar is unknown.
  world.SandboxPost("/sandbox/free_busy_sharing", {{"provider", "google"}, {"user", kJonas}, {"shared", false}});
  world.Advance(600);
  json explained_query = PairQuery(tuesday);
  explained_query["explain"] = true;
  const HttpAnswer blocked = world.Api("POST", "/v1/availability", explained_query);
  REQUIRE_MESSAGE(blocked.status == 200, blocked.body);
  const json refused = json::parse(blocked.body);
  CHECK(refused.at("available_slots") == json::array());  // no time over a person whose free/busy is unknown
  REQUIRE(refused.contains("unknown_free_busy"));
  REQUIRE(refused.at("unknown_free_busy").size() == 1);
  const json& unknown = refused.at("unknown_free_busy")[0];
  CHECK(unknown.at("sub") == kJonas);
  CHECK(unknown.at("treated_as") == "busy");
  CHECK(unknown.at("reason").get<std::string>().find("Google Calendar") != std::string::npos);
  CHECK(unknown.at("reason").get<std::string>().find("notFound") != std::string::npos);
  bool blamed = false;
  for (const json& reason : refused.at("explanation").at("unavailable").at(0).at("reasons")) {
    if (reason.at("code") == "free_busy_unknown" && reason.at("sub") == kJonas) blamed = true;
  }
  CHECK(blamed);

  // The solve document shows the calendar as unknown, with the reason, and without provider events.
  const HttpAnswer document = world.Api("POST", "/v1/availability/document", PairQuery(tuesday));
  REQUIRE_MESSAGE(document.status == 200, document.body);
  const json jonas = json::parse(document.body).at("calendars").at(kJonas);
  CHECK(jonas.at("free_busy").at("status") == "unknown");
  CHECK(jonas.at("busy") == json::array());

  // The query may opt in to treating unknown as free: his meeting is not known any more, his working hours (the
  // tenant's directory) still apply; he is still named.
  json free_query = PairQuery(tuesday);
  free_query["unknown_free_busy"] = "free";
  const HttpAnswer opened = world.Api("POST", "/v1/availability", free_query);
  REQUIRE_MESSAGE(opened.status == 200, opened.body);
  const json as_free = json::parse(opened.body);
  CHECK(Starts(as_free).size() == 7);  // 09:00 … 15:00 Berlin, 10:00 included
  CHECK(as_free.at("unknown_free_busy")[0].at("treated_as") == "free");

  // Microsoft still has organisation access: preferred, read app-only (never through /me).
  json sanne_query = PairQuery(tuesday);
  sanne_query["participants"] = {{{"members", {{{"sub", kSanne}}}}, {"required", "all"}}};
  REQUIRE(world.Api("POST", "/v1/availability", sanne_query).status == 200);
  CHECK(world.CountRequests("microsoft", "POST", "/calendar/getSchedule") > 0);
  CHECK(world.CountRequests("microsoft", "POST", "/me/calendar/getSchedule") == 0);
}
