// Host accounts from connections, end to end: a connected Zoom account is imported with the settings Zoom reports
// (the sandbox's demo accounts, backend/sandbox/demo_org.cpp), a host account may only name a connection of its own
// tenant and provider, and the demo links every Zoom and GoTo account of the demo organisation.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "demo/demo_tenant.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

TEST_CASE("host accounts: a Zoom connection is imported with Zoom's own settings") {
  ProviderWorld world(true, true);
  // Ken's Zoom user is on the sandbox account "kumo-zoom-open": join before host on, 5 minutes early, no waiting room,
  // passcode required (demo_org.cpp). The connection's user is Ken himself.
  const Connection ken = world.Connected("zoom", "ken.sato@kumo.example", "ken.sato@kumo.example");
  const HttpAnswer imported = world.Api("POST", "/v1/host_accounts/import", {{"connection_id", ken.id}});
  REQUIRE_MESSAGE(imported.status == 201, imported.body);
  const json host = json::parse(imported.body);
  CHECK(host.at("id") == "zoom:ken.sato@kumo.example");
  CHECK(host.at("connection_id") == ken.id);
  CHECK(host.at("settings").at("account_type") == "company");
  CHECK(host.at("settings").at("join_before_host") == true);
  CHECK(host.at("settings").at("jbh_time") == 5);
  CHECK(host.at("settings").at("waiting_room") == false);
  CHECK(host.at("settings").at("passcode").at("enabled") == true);
  // It is in the directory and reaches the engine as the host's conferencing_account.
  CHECK(world.Api("GET", "/v1/host_accounts/zoom:ken.sato@kumo.example").status == 200);

  SUBCASE("unknown connections and calendar connections are refused") {
    const HttpAnswer unknown = world.Api("POST", "/v1/host_accounts/import", {{"connection_id", "con_nope"}});
    CHECK(unknown.status == 404);
    const Connection calendar = world.Connected("google", "lena.fischer@kumo.example", "lena.fischer@kumo.example");
    const HttpAnswer google = world.Api("POST", "/v1/host_accounts/import", {{"connection_id", calendar.id}});
    CHECK(google.status == 422);
    CHECK(json::parse(google.body).at("error").at("field") == "connection_id");
  }
  SUBCASE("PUT names only a connection of the same tenant and provider") {
    const HttpAnswer wrong_provider =
        world.Api("PUT", "/v1/host_accounts/goto:ken.sato@kumo.example", {{"connection_id", ken.id}});
    CHECK(wrong_provider.status == 422);
    CHECK(json::parse(wrong_provider.body).at("error").at("field") == "connection_id");
    const HttpAnswer missing =
        world.Api("PUT", "/v1/host_accounts/zoom:ken.sato@kumo.example", {{"connection_id", "con_other_tenant"}});
    CHECK(missing.status == 422);
    const HttpAnswer fine =
        world.Api("PUT", "/v1/host_accounts/zoom:ken.sato@kumo.example", {{"connection_id", ken.id}});
    CHECK(fine.status == 200);
  }
}

TEST_CASE("host accounts: a Zoom account under another e-mail belongs to the person who connected it") {
  ProviderWorld world(true, true);
  const std::string lena = "lena.fischer@kumo.example", jonas = "jonas.becker@kumo.example";
  // Lena's Zoom user is registered under a private address, on an account without join before host.
  world.SandboxPost("/sandbox/seed",
                    {{"zoom_accounts", {{{"id", "private-strict"}, {"personal", false},
                                         {"settings", {{"join_before_host", false}, {"waiting_room", false}}},
                                         {"locks", json::object()}}}},
                     {"users", {{{"provider", "zoom"}, {"email", "lena.private@zoommail.example"}, {"name", "Lena F."},
                                 {"time_zone", "Europe/Berlin"}, {"zoom_account", "private-strict"}}}}});
  const Connection zoom = world.Connected("zoom", "lena.private@zoommail.example", lena);
  const HttpAnswer imported = world.Api("POST", "/v1/host_accounts/import", {{"connection_id", zoom.id}});
  REQUIRE_MESSAGE(imported.status == 201, imported.body);
  const json host = json::parse(imported.body);
  CHECK(host.at("id") == "zoom:" + lena);
  CHECK(host.at("owner") == lena);
  CHECK(host.at("settings").at("join_before_host") == false);

  // The host rules see Lena: where she attends, her account hosts; where she does not, nobody could enter.
  const Day day = FreeWeekDay(world.Now(), 2);
  const auto slots = [&](const std::vector<std::string>& members) {
    json people = json::array();
    for (const std::string& member : members) people.push_back({{"sub", member}});
    const json query = {{"participants", {{{"members", people}, {"required", "all"}}}},
                        {"conferencing", {{"provider", "zoom"}, {"host", "zoom:" + lena}}},
                        {"required_duration", {{"minutes", 60}}},
                        {"start_interval", {{"minutes", 60}}},
                        {"time_zone", "Europe/Berlin"},
                        {"query_periods", {{{"start", FormatRfc3339(day.midnight)},
                                            {"end", FormatRfc3339(day.midnight + 86400)}}}}};
    const HttpAnswer answer = world.Api("POST", "/v1/availability", query);
    REQUIRE_MESSAGE(answer.status == 200, answer.body);
    return json::parse(answer.body).at("available_slots").size();
  };
  CHECK(slots({jonas, lena}) > 0);
  CHECK(slots({jonas}) == 0);
}

TEST_CASE("host accounts: the demo links the demo organisation's five Zoom and two GoTo accounts") {
  ProviderWorld world(true, true);
  Result<int> linked = SeedDemoHostAccounts(world.scheduling().directory(), world.scheduling().connections(),
                                            world.sandbox_root(), "kumo");
  REQUIRE_MESSAGE(linked.ok(), linked.error().message);
  CHECK(*linked == 7);
  const json list = json::parse(world.Api("GET", "/v1/host_accounts").body).at("host_accounts");
  REQUIRE(list.size() == 7);
  int zoom = 0, go_to = 0;
  for (const json& host : list) {
    CHECK(!host.at("connection_id").get<std::string>().empty());
    if (host.at("provider") == "zoom") ++zoom;
    if (host.at("provider") == "goto") ++go_to;
    if (host.at("id") == "zoom:emily.carter@kumo.example") {
      CHECK(host.at("settings").at("account_type") == "personal");  // "emily-personal" is a Basic account
    }
  }
  CHECK(zoom == 5);
  CHECK(go_to == 2);
}
