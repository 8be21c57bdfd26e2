// What each connect purpose may do at Microsoft Graph, now that the sandbox checks Graph permissions per route: a
// Microsoft 365 calendar connected for "calendar" (no Place.Read.All) is refused the room list by Graph, yet books an
// interview with a Teams meeting in the person's own calendar.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kSanne = "sanne.devries@kumo-labs.example";
const std::string kDaan = "daan.jansen@kumo-labs.example";

// Berlin 11:00 on Wednesday of the week after next (free of the demo organisation's events).
Instant FreeWednesday(std::int64_t now) {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14;
  return berlin->FromLocalSeconds((monday + 2) * kSecondsPerDay + 11 * 3600);
}

}  // namespace

TEST_CASE("Graph scopes: a calendar-only Microsoft connection cannot list rooms but books a Teams interview") {
  ProviderWorld world(true, true);
  const Connection connection = world.Connected("microsoft", kSanne, kSanne, "calendar");
  CHECK(connection.scopes.find("Place.Read.All") == std::string::npos);

  // Graph itself refuses the room list to this connection's token (Outlook's 403), so the function check skips it.
  const HttpAnswer rooms = HttpJson("GET", world.sandbox_root() + "/microsoft/v1.0/places/microsoft.graph.room",
                                    nullptr, {{"Authorization", "Bearer " + connection.access_token}});
  CHECK(rooms.status == 403);
  CHECK(json::parse(rooms.body)["error"]["code"] == "ErrorAccessDenied");
  bool rooms_skipped = false, probe_passed = false;
  const std::vector<FunctionCheck> checks = world.runtime().connections().Checks(connection.id).value();
  for (const FunctionCheck& check : checks) {
    if (check.name == "list_rooms") rooms_skipped = check.outcome == "skipped";
    if (check.name == "create_delete_probe_event") probe_passed = check.outcome == "passed";
  }
  CHECK(rooms_skipped);
  CHECK(probe_passed);

  // Booking with Sanne as organiser goes through her own connection and makes the Teams meeting on her event.
  const Instant start = FreeWednesday(world.Now());
  const json body = {{"title", "Calendar-only Teams interview"},
                     {"organizer", kSanne},
                     {"start", FormatRfc3339(start)},
                     {"end", FormatRfc3339(start + 3600)},
                     {"interviewers", {{{"sub", kDaan}}}},
                     {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"},
                                    {"time_zone", "Europe/Berlin"}}},
                     {"conferencing", {{"provider", "teams"}}},
                     {"query", {{"start_interval", {{"minutes", 30}}}}}};
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, "graph-scopes-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const json interview = world.Settled(json::parse(booked.body).at("id"));
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  CHECK(interview["conferencing"]["join_url"].get<std::string>().rfind("https://teams.microsoft.com/", 0) == 0);
  // The event was created with Sanne's delegated token (not the organisation's app-only one), and no Graph call the
  // product made with it was refused.
  bool created_by_sanne = false;
  const json log = world.SandboxGet("/sandbox/requests?provider=microsoft");
  for (const json& entry : log.at("requests")) {
    const std::string path = entry.value("path", "");
    if (entry.value("user", "") != kSanne || path.find("/places/") != std::string::npos) continue;  // ours, above
    CHECK_MESSAGE(entry.value("status", 0) != 403, entry.dump());
    if (entry.value("method", "") == "POST" && path.find("/users/" + kSanne + "/events") != std::string::npos &&
        entry.value("status", 0) == 201) {
      created_by_sanne = true;
    }
  }
  CHECK(created_by_sanne);
}
