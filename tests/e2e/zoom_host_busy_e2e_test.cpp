// A Zoom host's own meetings count as busy, end to end: a meeting created directly in the sandbox's Zoom (its real
// API path, with the host's own token) takes the host out of POST /v1/availability and makes a booking over it 409
// slot_unavailable (host_busy, "busy in Zoom"); the interview's own Zoom meeting (agenda "Ref: sw-<id>") never makes
// its reschedule collide with itself; a host whose meetings cannot be read (Zoom failing, a revoked connection) is
// unknown in availability, never free and never a failed query, and a booking with it is refused as retryable
// (calendar_unavailable) or with the connection's code. The demo's Ken is busy in Zoom (a seeded meeting) but not in
// his calendar.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "demo/demo_tenant.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";    // recruiter (Google); owner of the Zoom host
const std::string kJonas = "jonas.becker@kumo.example";  // Berlin, 08:30–16:30 in the sandbox's demo organisation
const std::string kDaan = "daan.jansen@kumo-labs.example";  // Amsterdam, Microsoft
const std::string kHost = "zoom:" + kLena;

// The Zoom host account of Lena, linked to her Zoom connection made through the real OAuth flow (host rules off, so
// only busy time decides). Answers the connection.
Connection LinkZoomHost(ProviderWorld& world) {
  const Connection zoom = world.Connected("zoom", kLena, kLena);
  const HttpAnswer linked = world.Api(
      "PUT", "/v1/host_accounts/" + kHost,
      {{"connection_id", zoom.id}, {"settings", {{"join_before_host", true}, {"waiting_room", false}}}});
  REQUIRE_MESSAGE(linked.status == 200, linked.body);
  return zoom;
}

// Jonas with the Zoom host, 60 minutes on the hour, over one Berlin day.
json HostQuery(const Day& day) {
  return {{"participants", {{{"members", {{{"sub", kJonas}}}}, {"required", "all"}}}},
          {"conferencing", {{"provider", "zoom"}, {"host", kHost}}},
          {"required_duration", {{"minutes", 60}}},
          {"start_interval", {{"minutes", 60}}},
          {"time_zone", "Europe/Berlin"},
          {"query_periods", {{{"start", FormatRfc3339(day.midnight)}, {"end", FormatRfc3339(day.midnight + 86400)}}}}};
}

json Availability(ProviderWorld& world, const Day& day) {
  const HttpAnswer answer = world.Api("POST", "/v1/availability", HostQuery(day));
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body);
}

std::vector<std::string> SlotStarts(const json& answer) {
  std::vector<std::string> starts;
  for (const json& slot : answer.at("available_slots")) starts.push_back(slot.at("start"));
  return starts;
}

bool Offers(const json& answer, Instant start) {
  for (const std::string& offered : SlotStarts(answer)) {
    if (ParseRfc3339(offered) == start) return true;
  }
  return false;
}

json BookingBody(Instant start, std::int64_t minutes) {
  json body = DemoBooking("Zoom host interview", start,
                          {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}},
                          minutes);
  body["conferencing"] = {{"provider", "zoom"}, {"host", kHost}};
  return body;
}

// A meeting made in Zoom itself (not through Slotwise): the sandbox's real API path with the host's own token.
json CreateInZoom(ProviderWorld& world, const Connection& zoom, Instant start, std::int64_t minutes) {
  const HttpAnswer created =
      HttpJson("POST", world.ApiBase(oauth::Provider::kZoom) + "/users/me/meetings",
               {{"topic", "Board meeting"}, {"type", 2}, {"start_time", FormatRfc3339(start)}, {"duration", minutes}},
               {{"Authorization", "Bearer " + zoom.access_token}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  return json::parse(created.body);
}

}  // namespace

TEST_CASE("Zoom host busy: a meeting made directly in Zoom makes the host busy in availability and at booking") {
  ProviderWorld world(true, true);
  const Connection zoom = LinkZoomHost(world);
  const Day tuesday = FreeWeekDay(world.Now(), 2);
  // Jonas 08:30–16:30 on the hour: 09:00 … 15:00, seven starts, while the host has nothing.
  REQUIRE(SlotStarts(Availability(world, tuesday)).size() == 7);

  const Instant eleven = tuesday.midnight + 11 * 3600;
  CreateInZoom(world, zoom, eleven, 60);
  // A Zoom meeting that does not overlap the day does not matter.
  CreateInZoom(world, zoom, tuesday.midnight + 3 * 86400 + 11 * 3600, 60);
  world.Advance(600);  // past the availability cache's freshness: the host is read again

  const json answer = Availability(world, tuesday);
  CHECK(SlotStarts(answer).size() == 6);
  CHECK_FALSE(Offers(answer, eleven));
  CHECK(Offers(answer, eleven - 3600));
  CHECK(Offers(answer, eleven + 3600));
  CHECK((!answer.contains("unknown_free_busy") || answer.at("unknown_free_busy").empty()));

  // The solve document carries the meeting as the host's busy time (no topic: busy only).
  const json document = json::parse(world.Api("POST", "/v1/availability/document", HostQuery(tuesday)).body);
  const json& busy = document.at("calendars").at(kHost).at("busy");
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].at("start") == FormatRfc3339(eleven));
  CHECK(busy[0].at("end") == FormatRfc3339(eleven + 3600));
  CHECK_FALSE(busy[0].contains("interview"));

  // Booking over the meeting (30 minutes inside it) is refused as occupied, saying the host is busy in Zoom.
  const HttpAnswer refused = world.Api("POST", "/v1/interviews", BookingBody(eleven + 1800, 30), "zoom-busy-1");
  REQUIRE_MESSAGE(refused.status == 409, refused.body);
  const json error = json::parse(refused.body).at("error");
  CHECK(error.at("code") == "slot_unavailable");
  CHECK(error.at("message").get<std::string>().find("is busy in Zoom") != std::string::npos);
  REQUIRE(error.at("violations").size() >= 1);
  CHECK(error.at("violations")[0].at("code") == "host_busy");
  CHECK(error.at("violations")[0].at("sub") == kHost);

  // Right after the meeting the host is free.
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(eleven + 3600, 30), "zoom-busy-2");
  CHECK_MESSAGE(booked.status == 201, booked.body);
}

TEST_CASE("Zoom host busy: the interview's own Zoom meeting never makes its reschedule collide with itself") {
  ProviderWorld world(true, true);
  LinkZoomHost(world);
  const Day wednesday = FreeWeekDay(world.Now(), 3);
  const Instant one_pm = wednesday.midnight + 13 * 3600;
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(one_pm, 60), "zoom-own-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  const json interview = world.Settled(id);
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  // The outbox made the Zoom meeting (agenda "Ref: sw-<id>"): the host is held by the interview, counted once.
  REQUIRE(world.CountRequests("zoom", "POST", "/meetings") >= 1);
  world.Advance(600);
  const json document = json::parse(world.Api("POST", "/v1/availability/document", HostQuery(wednesday)).body);
  const json& busy = document.at("calendars").at(kHost).at("busy");
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].value("interview", false));

  // Half an hour later overlaps the old time: the host's holds and its own Zoom meeting must not stand in the way.
  // (Daan takes over from Jonas, whose calendar now holds the interview's own event — the people's side is not what
  // this test is about.)
  const HttpAnswer moved = world.Api("PATCH", "/v1/interviews/" + id,
                                     {{"start", FormatRfc3339(one_pm + 1800)},
                                      {"end", FormatRfc3339(one_pm + 5400)},
                                      {"interviewers", {{{"sub", kDaan}}}}});
  CHECK_MESSAGE(moved.status == 200, moved.body);
}

TEST_CASE("Zoom host busy: a host whose meetings cannot be read is unknown, never free, and is not booked") {
  ProviderWorld world(true, true);
  LinkZoomHost(world);
  const Day thursday = FreeWeekDay(world.Now(), 4);
  const Instant ten = thursday.midnight + 10 * 3600;

  SUBCASE("Zoom fails (500 on every try)") {
    world.SandboxPost("/sandbox/faults", {{"provider", "zoom"}, {"method", "GET"}, {"path_prefix", "/zoom/v2/users/me/meetings"},
                                          {"status", 500}, {"times", 100}});
    const json answer = Availability(world, thursday);
    CHECK(SlotStarts(answer).empty());
    REQUIRE(answer.at("unknown_free_busy").size() == 1);
    CHECK(answer["unknown_free_busy"][0].at("sub") == kHost);
    CHECK(answer["unknown_free_busy"][0].at("treated_as") == "busy");
    CHECK(answer["unknown_free_busy"][0].at("reason").get<std::string>().find("Zoom did not give the host's meetings") !=
          std::string::npos);

    const HttpAnswer refused = world.Api("POST", "/v1/interviews", BookingBody(ten, 30), "zoom-unread-1");
    CHECK_MESSAGE(refused.status == 502, refused.body);
    CHECK(json::parse(refused.body).at("error").at("code") == "calendar_unavailable");
    CHECK(refused.body.find(kHost) != std::string::npos);
  }
  SUBCASE("Zoom's daily request limit is used up (429 Daily-limit)") {
    world.SandboxPost("/sandbox/faults", {{"provider", "zoom"}, {"method", "GET"}, {"path_prefix", "/zoom/v2/users/me/meetings"},
                                          {"status", 429}, {"rate_limit_type", "Daily-limit"}, {"times", 100}});
    const json answer = Availability(world, thursday);
    CHECK(SlotStarts(answer).empty());
    REQUIRE(answer.at("unknown_free_busy").size() == 1);
    CHECK(answer["unknown_free_busy"][0].at("reason").get<std::string>().find("rate_limited") != std::string::npos);
    const HttpAnswer refused = world.Api("POST", "/v1/interviews", BookingBody(ten, 30), "zoom-unread-2");
    CHECK_MESSAGE(refused.status == 502, refused.body);
    CHECK(json::parse(refused.body).at("error").at("code") == "calendar_unavailable");
  }
  SUBCASE("the host's Zoom grant is revoked") {
    world.SandboxPost("/sandbox/faults", {{"kind", "revoke_refresh_tokens"}, {"provider", "zoom"}});
    world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "zoom"}});
    const json answer = Availability(world, thursday);
    CHECK(SlotStarts(answer).empty());
    REQUIRE(answer.at("unknown_free_busy").size() == 1);
    CHECK(answer["unknown_free_busy"][0].at("reason").get<std::string>().find("reauth_needed") != std::string::npos);
    const HttpAnswer refused = world.Api("POST", "/v1/interviews", BookingBody(ten, 30), "zoom-unread-3");
    CHECK(refused.status != 201);
    CHECK(refused.body.find(kHost) != std::string::npos);
  }
}

TEST_CASE("Zoom host busy: in the demo, Ken's Zoom host is busy on Thursday 11:00 Tokyo while Ken himself is free") {
  ProviderWorld world(true, true);
  Result<int> linked = SeedDemoHostAccounts(world.scheduling().directory(), world.scheduling().connections(),
                                            world.sandbox_root(), "kumo");
  REQUIRE_MESSAGE(linked.ok(), linked.error().message);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* tokyo = zones.Find("Asia/Tokyo");
  REQUIRE(tokyo != nullptr);
  // Next week's Thursday (the demo's second week, UTC calendar weeks) in Tokyo: nothing in Ken's calendar; he works
  // 09:30–18:30, so on the hour 10:00 … 17:00.
  const std::int64_t thursday = IsoWeekStartDay(world.Now() / kSecondsPerDay) + 7 + 3;
  const Instant midnight = tokyo->FromLocalSeconds(thursday * kSecondsPerDay);
  auto query = [&](bool with_host) {
    json body = {{"participants", {{{"members", {{{"sub", "ken.sato@kumo.example"}}}}, {"required", "all"}}}},
                 {"required_duration", {{"minutes", 60}}},
                 {"start_interval", {{"minutes", 60}}},
                 {"time_zone", "Asia/Tokyo"},
                 {"query_periods", {{{"start", FormatRfc3339(midnight)}, {"end", FormatRfc3339(midnight + 86400)}}}}};
    if (with_host) body["conferencing"] = {{"provider", "zoom"}, {"host", "zoom:ken.sato@kumo.example"}};
    const HttpAnswer answer = world.Api("POST", "/v1/availability", body);
    REQUIRE_MESSAGE(answer.status == 200, answer.body);
    return json::parse(answer.body);
  };
  const Instant eleven = midnight + 11 * 3600;
  const json alone = query(false);
  CHECK(SlotStarts(alone).size() == 8);
  CHECK(Offers(alone, eleven));
  const json hosted = query(true);
  CHECK(SlotStarts(hosted).size() == 7);
  CHECK_FALSE(Offers(hosted, eleven));
}
