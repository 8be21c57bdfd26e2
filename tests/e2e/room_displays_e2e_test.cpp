// room_displays_e2e_test.cpp — room displays end to end (docs/ROOM_DISPLAYS.md): the administrator creates a display
// for a room, the tablet pairs with the one-time code and reads the room's day from its real calendar (a meeting made
// in the sandbox's calendar, outside Slotwise), the code is spent, revocation refuses the token at once, and a token
// never reads another room or tenant.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr const char* kSpree = "c_berlin-spree@resource.calendar.google.com";
constexpr const char* kTiergarten = "c_berlin-tiergarten@resource.calendar.google.com";

httplib::Headers Bearer(const std::string& credential) { return {{"Authorization", "Bearer " + credential}}; }

// A fixed-offset zone in which `now` is between 09:00 and 11:00, so that the meetings the test makes around now all
// fall on the display's today, whatever time the suite runs.
std::string MorningZone(Instant now) {
  const int hour = static_cast<int>(FloorMod(now, 86'400) / 3600);
  int offset = 10 - hour;
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  if (offset == 0) return "Etc/GMT";
  return offset > 0 ? "Etc/GMT-" + std::to_string(offset) : "Etc/GMT+" + std::to_string(-offset);
}

json RoomEvent(const std::string& room, Instant start, Instant end, const std::string& summary) {
  return {{"provider", "google"}, {"calendar", room}, {"summary", summary},
          {"start", FormatRfc3339(start)}, {"end", FormatRfc3339(end)}};
}

HttpAnswer Feed(ProviderWorld& world, const std::string& token) {
  return HttpJson("GET", world.root() + "/v1/room-display", nullptr, Bearer(token));
}

std::string Pair(ProviderWorld& world, const std::string& code) {
  const HttpAnswer paired = HttpJson("POST", world.root() + "/v1/room-display/pair", {{"code", code}});
  REQUIRE_MESSAGE(paired.status == 200, paired.body);
  return json::parse(paired.body).at("token").get<std::string>();
}

}  // namespace

TEST_CASE("room displays: create, pair once, the room's real day, revoke, and no token sees another room") {
  ProviderWorld world(true, true);
  const Instant now = world.Now() - FloorMod(world.Now(), 60);
  const std::string zone = MorningZone(now);
  // The room's calendar, written outside Slotwise: a meeting now, two later today, one tomorrow.
  world.SandboxPost("/sandbox/seed",
                    {{"events", {RoomEvent(kSpree, now - 10 * 60, now + 20 * 60, "Board: Q4 numbers (secret)"),
                                 RoomEvent(kSpree, now + 60 * 60, now + 90 * 60, "Design review"),
                                 RoomEvent(kSpree, now + 120 * 60, now + 150 * 60, "Retro"),
                                 RoomEvent(kSpree, now + 20 * 3600, now + 21 * 3600, "Tomorrow")}}});

  // The administrator creates a display (API key only); bad settings are refused naming the field.
  CHECK(world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", {{"locale", "xx"}}).status == 422);
  CHECK(world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", {{"time_zone", "Mars/Olympus"}}).status ==
        422);
  CHECK(world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", {{"colour", "red"}}).status == 422);
  CHECK(world.Api("POST", "/v1/rooms/nobody@kumo.example/displays", json::object()).status == 404);
  CHECK(HttpJson("POST", world.root() + std::string("/v1/rooms/") + kSpree + "/displays", json::object()).status == 401);
  const HttpAnswer created =
      world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", {{"locale", "ja"}, {"time_zone", zone}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const json display = json::parse(created.body);
  const std::string code = display.at("pairing_code");
  CHECK(code.size() == 9);  // XXXX-XXXX
  CHECK(display.at("paired") == false);
  CHECK(display.at("locale") == "ja");
  CHECK(display.at("time_zone") == zone);
  const std::string id = display.at("id");

  // The list never shows the code.
  const HttpAnswer listed = world.Api("GET", std::string("/v1/rooms/") + kSpree + "/displays");
  REQUIRE(listed.status == 200);
  CHECK(json::parse(listed.body).at("displays").size() == 1);
  CHECK(listed.body.find(code) == std::string::npos);
  CHECK(listed.body.find(code.substr(0, 4) + code.substr(5)) == std::string::npos);

  // Wrong codes are one 401 and change nothing; the right one, typed loosely, pairs.
  const HttpAnswer wrong = HttpJson("POST", world.root() + "/v1/room-display/pair", {{"code", "ZZZZ-ZZZZ"}});
  CHECK(wrong.status == 401);
  CHECK(json::parse(wrong.body).at("error").at("code") == "unauthorized");
  std::string typed = code;
  for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string token = Pair(world, typed);
  CHECK(token.rfind("swd_", 0) == 0);
  // The code is spent: a second pairing with it is refused with the same sentence, and the first token still works.
  const HttpAnswer again = HttpJson("POST", world.root() + "/v1/room-display/pair", {{"code", code}});
  CHECK(again.status == 401);
  CHECK(json::parse(again.body).at("error").at("message") == json::parse(wrong.body).at("error").at("message"));

  // The feed: the room, now busy until the meeting ends, the next two, nothing of tomorrow, no titles.
  const HttpAnswer read = Feed(world, token);
  REQUIRE_MESSAGE(read.status == 200, read.body);
  const json feed = json::parse(read.body);
  CHECK(feed.at("room").at("email") == kSpree);
  CHECK(feed.at("room").at("name") == "Berlin · Spree");
  CHECK(feed.at("room").at("capacity") == 4);
  CHECK(feed.at("locale") == "ja");
  CHECK(feed.at("time_zone") == zone);
  CHECK(feed.at("now").at("status") == "busy");
  CHECK(feed.at("now").at("until") == FormatRfc3339(now + 20 * 60));
  CHECK(feed.at("now").at("meeting").at("title") == "Busy");
  REQUIRE(feed.at("next").is_object());
  CHECK(feed.at("next").at("start") == FormatRfc3339(now + 60 * 60));
  CHECK(feed.at("next").at("end") == FormatRfc3339(now + 90 * 60));
  REQUIRE(feed.at("later").size() == 1);
  CHECK(feed.at("later").at(0).at("start") == FormatRfc3339(now + 120 * 60));
  CHECK(read.body.find("secret") == std::string::npos);
  CHECK(read.body.find("Design review") == std::string::npos);
  CHECK(read.body.find("swd_") == std::string::npos);

  // The list now says paired.
  CHECK(json::parse(world.Api("GET", std::string("/v1/rooms/") + kSpree + "/displays").body)
            .at("displays").at(0).at("paired") == true);

  // A second room's display sees only its own room — its token names no other room, whatever the request says.
  const HttpAnswer other_created = world.Api("POST", std::string("/v1/rooms/") + kTiergarten + "/displays");
  REQUIRE_MESSAGE(other_created.status == 201, other_created.body);
  const std::string other_token = Pair(world, json::parse(other_created.body).at("pairing_code"));
  const HttpAnswer other_feed = Feed(world, other_token);
  REQUIRE_MESSAGE(other_feed.status == 200, other_feed.body);
  CHECK(json::parse(other_feed.body).at("room").at("email") == kTiergarten);
  CHECK(other_feed.body.find(kSpree) == std::string::npos);
  // Another tenant's administrator can neither list nor revoke this tenant's displays, and its room's token reads
  // only its own room.
  REQUIRE(HttpJson("POST", world.root() + "/v1/tenants", {{"id", "globex"}, {"name", "Globex"}},
                   Bearer(ProviderWorld::kAdminKey)).status == 201);
  const HttpAnswer globex_key =
      HttpJson("POST", world.root() + "/v1/tenants/globex/api_keys", nullptr, Bearer(ProviderWorld::kAdminKey));
  REQUIRE(globex_key.status == 201);
  const std::string globex = json::parse(globex_key.body).at("api_key");
  REQUIRE(HttpJson("PUT", world.root() + std::string("/v1/rooms/") + kSpree, {{"name", "Globex Spree"}},
                   Bearer(globex)).status == 200);
  const HttpAnswer globex_list =
      HttpJson("GET", world.root() + std::string("/v1/rooms/") + kSpree + "/displays", nullptr, Bearer(globex));
  REQUIRE(globex_list.status == 200);
  CHECK(json::parse(globex_list.body).at("displays").empty());
  CHECK(HttpJson("DELETE", world.root() + std::string("/v1/rooms/") + kSpree + "/displays/" + id, nullptr,
                 Bearer(globex)).status == 404);
  const HttpAnswer globex_created =
      HttpJson("POST", world.root() + std::string("/v1/rooms/") + kSpree + "/displays", json::object(), Bearer(globex));
  REQUIRE_MESSAGE(globex_created.status == 201, globex_created.body);
  const std::string globex_token = Pair(world, json::parse(globex_created.body).at("pairing_code"));
  const HttpAnswer globex_feed = Feed(world, globex_token);
  // Globex has no calendar connection: it cannot read the room, but it never gets kumo's answer either.
  CHECK(globex_feed.body.find("Berlin · Spree") == std::string::npos);
  CHECK(globex_feed.body.find(FormatRfc3339(now + 60 * 60)) == std::string::npos);
  // A device token is no API credential, nor is an API key a device token.
  CHECK(HttpJson("GET", world.root() + std::string("/v1/rooms/") + kSpree + "/displays", nullptr, Bearer(token)).status ==
        401);
  CHECK(Feed(world, world.api_key()).status == 401);

  // Revocation refuses the token at once, with nothing about the room; the other display keeps working.
  REQUIRE(world.Api("DELETE", std::string("/v1/rooms/") + kSpree + "/displays/" + id).status == 204);
  const HttpAnswer revoked = Feed(world, token);
  CHECK(revoked.status == 401);
  CHECK(revoked.body.find("Spree") == std::string::npos);
  CHECK(revoked.body.find("busy") == std::string::npos);
  CHECK(Feed(world, other_token).status == 200);
  CHECK(world.Api("DELETE", std::string("/v1/rooms/") + kSpree + "/displays/" + id).status == 404);
  CHECK(Feed(world, "swd_" + std::string(43, 'A')).status == 401);
  CHECK(Feed(world, "").status == 401);
}

TEST_CASE("room displays: a pairing code expires after 15 minutes unused") {
  ProviderWorld world(true, true);
  const HttpAnswer created = world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", json::object());
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string code = json::parse(created.body).at("pairing_code");
  world.Advance(15 * 60);
  CHECK(HttpJson("POST", world.root() + "/v1/room-display/pair", {{"code", code}}).status == 401);
}

TEST_CASE("room displays: the tenant's interview holding the room is shown as \"Interview\", never the candidate") {
  ProviderWorld world(true, true);
  const Day tuesday = FreeWeekDay(world.Now(), 2);
  // 08:00 in Berlin on a free Tuesday, for Slotwise and the sandbox alike (the providers check token times).
  const std::int64_t ahead = tuesday.midnight + 8 * 3600 - world.Now();
  world.Advance(ahead);
  world.SandboxPost("/sandbox/clock", {{"advance_seconds", ahead}});
  json booking = DemoBooking("Interview: Mira Kowalski — Backend", tuesday.midnight + 10 * 3600,
                             {{"name", "Mira Kowalski"}, {"email", "mira@candidate.example"}});
  booking["room"] = {{"sub", kSpree}};
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", booking, "room-display-interview-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const json settled = world.Settled(json::parse(booked.body).at("id"));  // its event is in the room's calendar too
  CHECK(settled.at("status") == "confirmed");

  const HttpAnswer created =
      world.Api("POST", std::string("/v1/rooms/") + kSpree + "/displays", {{"time_zone", "Europe/Berlin"}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string token = Pair(world, json::parse(created.body).at("pairing_code"));
  const HttpAnswer read = Feed(world, token);
  REQUIRE_MESSAGE(read.status == 200, read.body);
  const json feed = json::parse(read.body);
  CHECK(feed.at("now").at("status") == "free");
  CHECK(feed.at("now").at("until") == FormatRfc3339(tuesday.midnight + 10 * 3600));
  REQUIRE(feed.at("next").is_object());
  CHECK(feed.at("next").at("kind") == "interview");
  CHECK(feed.at("next").at("title") == "Interview");
  CHECK(feed.at("next").at("start") == FormatRfc3339(tuesday.midnight + 10 * 3600));
  CHECK(feed.at("later").empty());  // the interview's own event in the room's calendar is not listed again
  for (const char* secret : {"Mira", "Kowalski", "mira@", "Backend", "lena", "jonas"}) {
    CHECK_MESSAGE(read.body.find(secret) == std::string::npos, secret);
  }
}
