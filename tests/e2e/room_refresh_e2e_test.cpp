// Rooms from the organisation directories, end to end against the sandbox: a Google Workspace's rooms read through
// the Admin SDK (as the administrator who connected it, with the room scope) appear with capacity, building and
// features, can be filtered, offered and booked; a room deleted from the Workspace is retired by the next scheduled
// refresh (kept for history, no longer offered or bookable) and comes back when the directory lists it again; a
// Workspace that did not authorise the room scope, or an address that is no administrator, changes nothing and says
// what to do.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kHavel = "c_berlin-havel@resource.calendar.google.com";
const std::string kSpree = "c_berlin-spree@resource.calendar.google.com";
const std::string kTiergarten = "c_berlin-tiergarten@resource.calendar.google.com";
const std::string kFuji = "c_tokyo-fuji@resource.calendar.google.com";
const char* kServiceAccount = "scheduler@kumo-svc.iam.example";

json HavelSeed() {
  return {{"rooms", {{{"provider", "google"}, {"email", kHavel}, {"name", "Berlin · Havel"}, {"capacity", 12},
                      {"building", "Berlin HQ"}, {"floor", 4}, {"time_zone", "Europe/Berlin"},
                      {"domain", "kumo.example"}, {"features", {"Whiteboard", "Video conferencing"}}}}}};
}

json RoomOf(ProviderWorld& world, const std::string& email) {
  const HttpAnswer answer = world.Api("GET", "/v1/rooms/" + email);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body);
}

std::vector<std::string> Listed(ProviderWorld& world, const std::string& query) {
  const HttpAnswer answer = world.Api("GET", "/v1/rooms" + query);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  std::vector<std::string> emails;
  const json page = json::parse(answer.body);
  for (const json& room : page.at("rooms")) emails.push_back(room.at("email"));
  return emails;
}

bool Has(const std::vector<std::string>& emails, const std::string& email) {
  return std::find(emails.begin(), emails.end(), email) != emails.end();
}

json RoomQuery(ProviderWorld& world, const std::string& room) {
  const Day day = FreeWeekDay(world.Now(), 3);
  return {{"participants", {{{"members", {{{"sub", "jonas.becker@kumo.example"}}}}, {"required", "all"}}}},
          {"rooms", {{"members", {{{"sub", room}}}}, {"required", "all"}}},
          {"required_duration", {{"minutes", 60}}},
          {"start_interval", {{"minutes", 60}}},
          {"time_zone", "Europe/Berlin"},
          {"query_periods", {{{"start", FormatRfc3339(day.midnight)}, {"end", FormatRfc3339(day.midnight + 86400)}}}}};
}

}  // namespace

TEST_CASE("rooms: Google Workspace rooms are read, filtered, offered and booked; a deleted one is retired by the schedule") {
  ProviderWorld world(true, true);
  REQUIRE(world.SandboxPost("/sandbox/seed", HavelSeed()).is_object());

  // Never refreshed yet: said so.
  HttpAnswer status = world.Api("GET", "/v1/directory/rooms/refresh");
  REQUIRE_MESSAGE(status.status == 200, status.body);
  CHECK(json::parse(status.body).at("last_refreshed_at").is_null());
  CHECK(json::parse(status.body).at("schedule_hours") == 24);
  CHECK(world.Api("GET", "/v1/rooms/" + kHavel).status == 404);  // not in the directory yet

  // Read now.
  HttpAnswer refreshed = world.Api("POST", "/v1/directory/rooms/refresh");
  REQUIRE_MESSAGE(refreshed.status == 200, refreshed.body);
  const json first = json::parse(refreshed.body);
  CHECK(first.at("last_refreshed_at").is_string());
  CHECK(first.at("last_refreshed_at") == first.at("last_attempt_at"));
  const json& sources = first.at("sources");
  CHECK(std::find(sources.begin(), sources.end(), "google") != sources.end());
  CHECK(first.at("rooms").at("added").get<int>() >= 1);
  CHECK(world.CountRequests("google", "GET", "/admin/directory/v1/customer/my_customer/resources/calendars") >= 1);

  const json havel = RoomOf(world, kHavel);
  CHECK(havel.at("name") == "Berlin · Havel");
  CHECK(havel.at("capacity") == 12);
  CHECK(havel.at("building") == "Berlin HQ");  // the building's name, not its id
  CHECK(havel.at("floor") == "4");
  CHECK(havel.at("features") == json({"Whiteboard", "Video conferencing"}));
  CHECK(havel.at("source") == "google");
  CHECK(havel.at("calendar_provider") == "google");
  CHECK(havel.at("retired") == false);
  CHECK(RoomOf(world, kSpree).at("source") == "google");  // the demo's own room is the directory's now

  // Filters.
  const std::vector<std::string> berlin = Listed(world, "?building=berlin%20hq");
  CHECK(Has(berlin, kHavel));
  CHECK(Has(berlin, kSpree));
  CHECK_FALSE(Has(berlin, kFuji));
  const std::vector<std::string> large = Listed(world, "?building=Berlin%20HQ&min_capacity=10");
  CHECK(Has(large, kHavel));
  CHECK(Has(large, kTiergarten));
  CHECK_FALSE(Has(large, kSpree));
  const std::vector<std::string> whiteboards = Listed(world, "?feature=whiteboard");
  CHECK(Has(whiteboards, kHavel));
  CHECK_FALSE(Has(whiteboards, kTiergarten));
  // Microsoft 365's room lists.
  CHECK(Listed(world, "?room_list=amsterdam-rooms@kumo-labs.example") ==
        std::vector<std::string>{"room-amstel@kumo-labs.example"});
  CHECK(RoomOf(world, "room-amstel@kumo-labs.example").at("room_list") == "amsterdam-rooms@kumo-labs.example");
  for (const char* bad : {"?min_capacity=ten", "?min_capacity=0", "?include_retired=yes"}) {
    CAPTURE(bad);
    const HttpAnswer refused = world.Api("GET", std::string("/v1/rooms") + bad);
    CHECK(refused.status == 422);
  }

  // Offered and booked through the normal path.
  const HttpAnswer offered = world.Api("POST", "/v1/availability", RoomQuery(world, kHavel));
  REQUIRE_MESSAGE(offered.status == 200, offered.body);
  const json slots = json::parse(offered.body).at("available_slots");
  REQUIRE_FALSE(slots.empty());
  const Instant start = *ParseRfc3339(slots.at(0).at("start").get<std::string>());
  json booking = DemoBooking("Room from the Workspace", start,
                             {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}});
  booking["room"] = {{"sub", kHavel}};
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", booking, "havel-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string interview_id = json::parse(booked.body).at("id");
  const json settled = world.Settled(interview_id);
  CHECK(settled.at("status") == "confirmed");
  bool room_invited = false;
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.value("type", "") == "google_event" && object.value("status", "") == "live" &&
        object.dump().find("Room from the Workspace") != std::string::npos &&
        object.dump().find(kHavel) != std::string::npos) {
      room_invited = true;
    }
  }
  CHECK(room_invited);

  // A display next to the room (docs/ROOM_DISPLAYS.md), paired before the room goes.
  const HttpAnswer display = world.Api("POST", "/v1/rooms/" + kHavel + "/displays", json::object());
  REQUIRE_MESSAGE(display.status == 201, display.body);
  const HttpAnswer paired = HttpJson("POST", world.root() + "/v1/room-display/pair",
                                     {{"code", json::parse(display.body).at("pairing_code")}});
  REQUIRE_MESSAGE(paired.status == 200, paired.body);
  const httplib::Headers device = {{"Authorization", "Bearer " + json::parse(paired.body).at("token").get<std::string>()}};
  const HttpAnswer feed_before = HttpJson("GET", world.root() + "/v1/room-display", nullptr, device);
  REQUIRE_MESSAGE(feed_before.status == 200, feed_before.body);
  CHECK(json::parse(feed_before.body).at("now").at("status") != "unknown");

  // The Workspace deletes the room: nothing changes until the schedule reads the directory again.
  REQUIRE(world.SandboxPost("/sandbox/rooms/delete", {{"provider", "google"}, {"email", kHavel}}).is_object());
  CHECK(RoomOf(world, kHavel).at("retired") == false);
  const std::string refreshed_at = first.at("last_refreshed_at");
  world.Advance(24 * 3600 + 60);
  world.SandboxPost("/sandbox/clock", {{"advance_seconds", 24 * 3600 + 60}});
  json after;
  for (int i = 0; i < 100; ++i) {  // the refresher looks every 5 s
    after = json::parse(world.Api("GET", "/v1/directory/rooms/refresh").body);
    if (after.at("last_refreshed_at") != refreshed_at) break;  // recorded when the read is done
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  REQUIRE_MESSAGE(after.at("last_refreshed_at") != refreshed_at, after.dump());
  CHECK(after.at("outcome") == "ok");
  CHECK(after.at("rooms").at("retired") == 1);
  const json retired = RoomOf(world, kHavel);
  CHECK(retired.at("retired") == true);
  CHECK(retired.at("retired_at").is_string());
  CHECK_FALSE(Has(Listed(world, ""), kHavel));
  CHECK(Has(Listed(world, "?include_retired=true"), kHavel));
  CHECK(Has(Listed(world, ""), kSpree));  // still in the Workspace: still offered

  // No longer offered or bookable; the interview that holds it is untouched.
  const HttpAnswer not_offered = world.Api("POST", "/v1/availability", RoomQuery(world, kHavel));
  CHECK(not_offered.status == 422);
  CHECK(json::parse(not_offered.body).at("error").at("code") == "room_retired");
  booking["start"] = FormatRfc3339(start + 2 * 3600);
  booking["end"] = FormatRfc3339(start + 3 * 3600);
  const HttpAnswer not_booked = world.Api("POST", "/v1/interviews", booking, "havel-2");
  CHECK(not_booked.status == 422);
  CHECK(json::parse(not_booked.body).at("error").at("code") == "room_retired");
  CHECK(world.Interview(interview_id).at("status") == "confirmed");
  // Its display says so instead of failing.
  const HttpAnswer feed_after = HttpJson("GET", world.root() + "/v1/room-display", nullptr, device);
  REQUIRE_MESSAGE(feed_after.status == 200, feed_after.body);
  CHECK(json::parse(feed_after.body).at("now").at("status") == "unknown");
  CHECK(feed_after.body.find("no longer in the organisation's directory") != std::string::npos);

  // Back in the Workspace: back on offer at the next read.
  REQUIRE(world.SandboxPost("/sandbox/seed", HavelSeed()).is_object());
  const json again = json::parse(world.Api("POST", "/v1/directory/rooms/refresh").body);
  CHECK(again.at("rooms").at("returned") == 1);
  CHECK(RoomOf(world, kHavel).at("retired") == false);
}

TEST_CASE("rooms: a Workspace that did not authorise the room scope, or a connecting address that is no administrator, changes nothing and says what to do") {
  ProviderWorld world(true, true);
  REQUIRE(world.SandboxPost("/sandbox/seed", HavelSeed()).is_object());

  // The administrator authorised the calendar scope only.
  REQUIRE(world.SandboxPost("/sandbox/seed", {{"service_accounts", {{{"client_email", kServiceAccount},
                                                                        {"domain", "kumo.example"},
                                                                        {"scopes", {"https://www.googleapis.com/auth/calendar"}}}}}})
              .is_object());
  json answer = json::parse(world.Api("POST", "/v1/directory/rooms/refresh").body);
  CHECK(answer.at("outcome") == "consent_required");
  CHECK(answer.at("last_refreshed_at").is_null());
  const std::string said = answer.at("error").at("message");
  CHECK(said.find("admin.directory.resource.calendar.readonly") != std::string::npos);
  CHECK(said.find(kServiceAccount) != std::string::npos);
  CHECK(world.Api("GET", "/v1/rooms/" + kHavel).status == 404);
  // Calendars still work: free/busy through the same service account is unaffected.
  CHECK(world.Api("POST", "/v1/availability", RoomQuery(world, kSpree)).status == 200);

  // Authorised, but the address that connected the Workspace is no longer an administrator.
  REQUIRE(world.SandboxPost("/sandbox/seed", {{"service_accounts", {{{"client_email", kServiceAccount},
                                                                        {"domain", "kumo.example"},
                                                                        {"scopes", {"https://www.googleapis.com/auth/calendar",
                                                                                    "https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly"}}}}}})
              .is_object());
  REQUIRE(world.SandboxPost("/sandbox/seed", {{"users", {{{"provider", "google"}, {"email", "lena.fischer@kumo.example"},
                                                          {"name", "Lena Fischer"}, {"time_zone", "Europe/Berlin"},
                                                          {"admin", false}}}}})
              .is_object());
  answer = json::parse(world.Api("POST", "/v1/directory/rooms/refresh").body);
  CHECK(answer.at("outcome") == "provider_forbidden");
  CHECK(answer.at("error").at("message").get<std::string>().find("administrator") != std::string::npos);
  CHECK(world.Api("GET", "/v1/rooms/" + kHavel).status == 404);
  CHECK(RoomOf(world, kSpree).at("retired") == false);  // a failed read retires nothing
}
