// End-to-end booking: the real server with tenants, availability and booking against the provider sandbox (demo
// organisation, organisation access), driven over HTTP with the demo tenant's API key. Concurrency of conflicting
// bookings, idempotency keys, the outbox creating and changing the organiser's event, and compensation on failure.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "provider_world.h"
#include "slotwise/time.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";    // recruiter (Google)
const std::string kSanne = "sanne.devries@kumo-labs.example";  // recruiter (Microsoft)
const std::string kJonas = "jonas.becker@kumo.example";
const std::string kAnna = "anna.schmidt@kumo-labs.example";  // Berlin, Microsoft
const std::string kDaan = "daan.jansen@kumo-labs.example";
const std::string kSpree = "c_berlin-spree@resource.calendar.google.com";
const std::string kTiergarten = "c_berlin-tiergarten@resource.calendar.google.com";

// Berlin wall time `clock` on weekday `weekday` (1 = Monday) of the week after next (the sandbox seeds its demo events
// in this week and the next, so that week is free apart from what the tests book).
Instant FreeWeek(ZoneSource& zones, std::int64_t now, int weekday, const char* clock) {
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14;
  const std::optional<std::int32_t> seconds = ParseClockTime(clock);
  REQUIRE_MESSAGE(seconds.has_value(), "not a clock time: " << clock);
  return berlin->FromLocalSeconds((monday + weekday - 1) * kSecondsPerDay + *seconds);
}

json Booking(const std::string& title, const std::string& organizer, Instant start, std::int64_t minutes,
             const std::vector<std::string>& interviewers, const std::string& room = "",
             const json& conferencing = nullptr) {
  json people = json::array();
  for (const std::string& email : interviewers) people.push_back({{"sub", email}});
  json body = {{"title", title},
               {"organizer", organizer},
               {"start", FormatRfc3339(start)},
               {"end", FormatRfc3339(start + minutes * 60)},
               {"interviewers", people},
               {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "America/New_York"}}},
               {"notes", "internal: strong systems background"},
               {"query", {{"start_interval", {{"minutes", 30}}}}}};
  if (!room.empty()) body["room"] = {{"sub", room}};
  if (!conferencing.is_null()) body["conferencing"] = conferencing;
  return body;
}

struct Tally {
  std::map<int, int> by_status;
  std::set<std::string> created_ids;
  std::vector<std::string> conflict_resources;
  std::string other_answer;  // one answer that was neither 201 nor 409, for the failure message
  std::string Describe() const {
    std::string text;
    for (const auto& [status, count] : by_status) text += std::to_string(status) + "x" + std::to_string(count) + " ";
    return text + other_answer.substr(0, 400);
  }
};

// Sends every body at once (one thread each) and counts the answers.
Tally Concurrently(ProviderWorld& world, const std::vector<json>& bodies, const std::string& key_prefix) {
  Tally tally;
  std::mutex mutex;
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < static_cast<int>(bodies.size())) std::this_thread::yield();
      HttpAnswer answer = world.Api("POST", "/v1/interviews", bodies[i], key_prefix + std::to_string(i));
      std::lock_guard lock(mutex);
      ++tally.by_status[answer.status];
      json parsed = json::parse(answer.body, nullptr, false);
      if (answer.status == 201) tally.created_ids.insert(parsed.value("id", ""));
      if (answer.status != 201 && answer.status != 409) tally.other_answer = answer.body;
      if (answer.status == 409 && parsed.contains("error") && parsed["error"].contains("conflicts")) {
        tally.conflict_resources.push_back(parsed["error"]["conflicts"][0].value("resource", ""));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return tally;
}

std::vector<json> LiveGoogleEvents(ProviderWorld& world, const std::string& summary) {
  std::vector<json> found;
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.value("type", "") == "google_event" && object.value("status", "") == "live" &&
        object.dump().find(summary) != std::string::npos) {
      found.push_back(object);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("Booking: 200 concurrent requests for the same room and time book exactly once (20 rounds)") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  for (int round = 0; round < 20; ++round) {
    // Rounds spread over Tuesday and Wednesday, 09:30 … 14:00 Berlin, one hour apart on the half hour grid.
    char clock[6];
    std::snprintf(clock, sizeof clock, "%02d:%s", 9 + round % 10 / 2, round % 2 ? "30" : "00");
    const Instant start = FreeWeek(zones, world.Now(), 2 + round / 10, clock);
    std::vector<json> bodies;
    for (int i = 0; i < 200; ++i) {
      // Two disjoint teams: only the room is shared, so the room alone decides.
      bodies.push_back(i % 2 == 0 ? Booking("Room race " + std::to_string(round), kLena, start, 30, {kJonas}, kSpree)
                                  : Booking("Room race " + std::to_string(round), kSanne, start, 30, {kDaan}, kSpree));
    }
    Tally tally = Concurrently(world, bodies, "room-" + std::to_string(round) + "-");
    CHECK_MESSAGE(tally.by_status[201] == 1, "round " << round << ": " << tally.Describe());
    CHECK_MESSAGE(tally.by_status[409] == 199, "round " << round);
    CHECK(tally.by_status.size() == 2);  // nothing but 201 and 409: no 5xx, no other refusal
    CHECK(tally.created_ids.size() == 1);
  }
  HttpAnswer list = world.Api("GET", "/v1/interviews");
  REQUIRE(list.status == 200);
  std::size_t races = 0;
  const json listed = json::parse(list.body);
  for (const json& interview : listed.at("interviews")) {
    if (interview.at("title").get<std::string>().rfind("Room race ", 0) == 0) ++races;
  }
  CHECK(races == 20);
}

TEST_CASE("Booking: concurrent requests for the same interviewer, and for the same Zoom host account, book once (20 rounds each)") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  SUBCASE("the same interviewer, different organisers and rooms") {
    for (int round = 0; round < 20; ++round) {
      char clock[6];
      std::snprintf(clock, sizeof clock, "%02d:%s", 9 + round / 2 % 8, round % 2 ? "30" : "00");
      const Instant start = FreeWeek(zones, world.Now(), 4 - round / 16, clock);
      std::vector<json> bodies;
      for (int i = 0; i < 200; ++i) {
        bodies.push_back(i % 2 == 0 ? Booking("Interviewer race", kLena, start, 30, {kAnna}, kSpree)
                                    : Booking("Interviewer race", kSanne, start, 30, {kAnna}, kTiergarten));
      }
      Tally tally = Concurrently(world, bodies, "person-" + std::to_string(round) + "-");
      CHECK(tally.by_status[201] == 1);
      CHECK(tally.by_status[409] == 199);
      CHECK(tally.by_status.size() == 2);
    }
  }
  SUBCASE("the same Zoom host account, disjoint teams and no room") {
    const std::string host = "zoom:" + kLena;
    const Connection zoom_connection = world.Connected("zoom", kLena, kLena);
    HttpAnswer linked = world.Api("PUT", "/v1/host_accounts/" + host,
                                  {{"connection_id", zoom_connection.id}, {"settings", {{"join_before_host", true}, {"waiting_room", false}}}});
    REQUIRE_MESSAGE(linked.status == 200, linked.body);
    for (int round = 0; round < 20; ++round) {
      char clock[6];
      // Jonas works until 16:30: Friday 09:00 … 15:30, then Thursday morning.
      std::snprintf(clock, sizeof clock, "%02d:%s", 9 + round / 2 % 7, round % 2 ? "30" : "00");
      const Instant start = FreeWeek(zones, world.Now(), 5 - round / 14, clock);
      std::vector<json> bodies;
      for (int i = 0; i < 200; ++i) {
        const json zoom = {{"provider", "zoom"}, {"host", host}};
        bodies.push_back(i % 2 == 0 ? Booking("Host race", kLena, start, 30, {kJonas}, "", zoom)
                                    : Booking("Host race", kSanne, start, 30, {kDaan}, "", zoom));
      }
      Tally tally = Concurrently(world, bodies, "host-" + std::to_string(round) + "-");
      CHECK(tally.by_status[201] == 1);
      CHECK(tally.by_status[409] == 199);
      CHECK(tally.by_status.size() == 2);
      // Sanne's team shares nothing with Lena's but the host account: some refusals must name it.
      CHECK(std::count(tally.conflict_resources.begin(), tally.conflict_resources.end(), "host:" + host) > 0);
    }
  }
}

TEST_CASE("Booking: 100 concurrent identical requests with one idempotency key make one booking and one answer") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const json body = Booking("Idempotent booking", kLena, FreeWeek(zones, world.Now(), 3, "11:00"), 45, {kAnna}, kSpree);
  std::vector<HttpAnswer> answers(100);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < 100) std::this_thread::yield();
      answers[i] = world.Api("POST", "/v1/interviews", body, "one-key");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const HttpAnswer& answer : answers) {
    CHECK(answer.status == 201);
    CHECK(answer.body == answers.front().body);
  }
  const std::string id = json::parse(answers.front().body).at("id");
  std::size_t bookings = 0;
  const json listed = json::parse(world.Api("GET", "/v1/interviews").body);
  for (const json& interview : listed.at("interviews")) {
    if (interview.at("title") == "Idempotent booking") ++bookings;
  }
  CHECK_MESSAGE(bookings == 1, world.Api("GET", "/v1/interviews").body.substr(0, 600));

  // The same key later: the stored answer; with another body: refused; no key: refused.
  HttpAnswer replay = world.Api("POST", "/v1/interviews", body, "one-key");
  CHECK(replay.status == 201);
  CHECK(replay.body == answers.front().body);
  json other = body;
  other["title"] = "Something else";
  HttpAnswer reused = world.Api("POST", "/v1/interviews", other, "one-key");
  CHECK(reused.status == 422);
  CHECK(json::parse(reused.body)["error"]["code"] == "idempotency_key_reused");
  HttpAnswer keyless = world.Api("POST", "/v1/interviews", other);
  CHECK(keyless.status == 400);
  CHECK(json::parse(keyless.body)["error"]["code"] == "idempotency_key_required");
  CHECK(world.Settled(id).at("status") == "confirmed");
}

TEST_CASE("Booking: the outbox creates the organiser's event; reschedule moves it, cancel removes it, the candidate's .ics follows") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const Instant start = FreeWeek(zones, world.Now(), 2, "13:00");
  HttpAnswer booked = world.Api("POST", "/v1/interviews",
                                Booking("Lifecycle interview", kLena, start, 60, {kJonas, kAnna}, kTiergarten,
                                        {{"provider", "google_meet"}}),
                                "life-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  json interview = world.Settled(id);
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  CHECK(interview["conferencing"]["join_url"].get<std::string>().rfind("https://meet.google.com/", 0) == 0);
  const std::string event_id = interview["event"]["id"];
  std::vector<json> events = LiveGoogleEvents(world, "Lifecycle interview");
  REQUIRE_MESSAGE(events.size() == 1, world.SandboxGet("/sandbox/objects").dump().substr(0, 1500));
  CHECK(events[0].dump().find(event_id) != std::string::npos);
  // The internal event carries the notes; the candidate's invitation never does.
  HttpAnswer ics = world.Api("GET", "/v1/interviews/" + id + "/candidate.ics");
  REQUIRE(ics.status == 200);
  CHECK(ics.body.find("METHOD:REQUEST") != std::string::npos);
  CHECK(ics.body.find("SEQUENCE:0") != std::string::npos);
  CHECK(ics.body.find("strong systems") == std::string::npos);
  CHECK(ics.body.find("TZID:America/New_York") != std::string::npos);

  // Reschedule by one hour: the same event moves, the invitation's sequence goes up.
  HttpAnswer moved = world.Api("PATCH", "/v1/interviews/" + id,
                               {{"start", FormatRfc3339(start + 3600)}, {"end", FormatRfc3339(start + 7200)}});
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  interview = world.Settled(id);
  CHECK(interview.at("status") == "confirmed");
  CHECK(interview.at("sequence") == 1);
  CHECK(interview["event"]["id"] == event_id);
  events = LiveGoogleEvents(world, "Lifecycle interview");
  REQUIRE(events.size() == 1);
  CHECK(events[0].dump().find(FormatRfc3339(start + 3600).substr(0, 16)) != std::string::npos);
  ics = world.Api("GET", "/v1/interviews/" + id + "/candidate.ics");
  CHECK(ics.body.find("SEQUENCE:1") != std::string::npos);

  // The old time is free again, the new one is taken.
  HttpAnswer old_time = world.Api("POST", "/v1/interviews", Booking("Takes the old time", kSanne, start, 60, {kJonas}), "life-2");
  CHECK_MESSAGE(old_time.status == 201, old_time.body);
  HttpAnswer new_time = world.Api("POST", "/v1/interviews", Booking("Wants the new time", kSanne, start + 3600, 60, {kAnna}), "life-3");
  CHECK(new_time.status == 409);

  // Cancel: the event is deleted at the provider and the candidate gets METHOD:CANCEL.
  HttpAnswer cancelled = world.Api("DELETE", "/v1/interviews/" + id, {{"reason", "position filled"}});
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);
  CHECK(json::parse(cancelled.body).at("status") == "cancelled");
  for (int i = 0; i < 100 && !LiveGoogleEvents(world, "Lifecycle interview").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(LiveGoogleEvents(world, "Lifecycle interview").empty());
  ics = world.Api("GET", "/v1/interviews/" + id + "/candidate.ics");
  CHECK(ics.body.find("METHOD:CANCEL") != std::string::npos);
  CHECK(ics.body.find("SEQUENCE:2") != std::string::npos);
  CHECK(world.Api("DELETE", "/v1/interviews/" + id).status == 409);

  const json history = json::parse(world.Api("GET", "/v1/interviews/" + id + "/history").body);
  std::vector<std::string> actions;
  for (const json& entry : history.at("history")) actions.push_back(entry.at("action"));
  CHECK(actions == std::vector<std::string>{"booked", "confirmed", "rescheduled", "confirmed", "cancelled"});
}

TEST_CASE("Booking: a reschedule may overlap the interview's own old time (its own events are not busy for it)") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const Instant start = FreeWeek(zones, world.Now(), 3, "10:00");
  // Jonas on Google, Anna on Outlook, a Google room: after the booking each calendar shows the interview as busy.
  HttpAnswer booked = world.Api("POST", "/v1/interviews",
                                Booking("Overlap interview", kLena, start, 60, {kJonas, kAnna}, kTiergarten), "overlap-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  REQUIRE(world.Settled(id).at("status") == "confirmed");

  // Half an hour later: overlaps its own old time for everyone in it, and nothing else.
  HttpAnswer later = world.Api("PATCH", "/v1/interviews/" + id,
                               {{"start", FormatRfc3339(start + 1800)}, {"end", FormatRfc3339(start + 5400)}});
  REQUIRE_MESSAGE(later.status == 200, later.body);
  json interview = world.Settled(id);
  CHECK(interview.at("status") == "confirmed");
  CHECK(interview.at("start") == FormatRfc3339(start + 1800));
  // And back half an hour earlier than that (overlapping again), now that the providers hold the new time.
  HttpAnswer back = world.Api("PATCH", "/v1/interviews/" + id,
                              {{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(start + 3600)}});
  REQUIRE_MESSAGE(back.status == 200, back.body);
  CHECK(world.Settled(id).at("start") == FormatRfc3339(start));

  // Another interview is still refused over the same people's time: only the interview's own events are ignored.
  HttpAnswer other = world.Api("POST", "/v1/interviews", Booking("Someone else", kSanne, start + 1800, 60, {kAnna}), "overlap-2");
  CHECK(other.status == 409);
}

TEST_CASE("Booking: a provider that refuses for good leaves nothing behind and the booking fails with the reason") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  // Google refuses every event insert with 403 (not a rate limit): permanent.
  world.SandboxPost("/sandbox/faults", {{"provider", "google"}, {"method", "POST"}, {"path_prefix", "/google/calendar/v3/calendars/"},
                                        {"status", 403}, {"times", 100}});
  HttpAnswer booked = world.Api("POST", "/v1/interviews",
                                Booking("Refused interview", kLena, FreeWeek(zones, world.Now(), 4, "09:00"), 30, {kJonas}),
                                "refused-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  json interview = world.Settled(id);
  CHECK(interview.at("status") == "failed");
  CHECK(interview.value("failure_reason", "").find("403") != std::string::npos);
  CHECK(LiveGoogleEvents(world, "Refused interview").empty());
  // A failed booking holds nothing: the same time books again once the provider is back.
  world.SandboxPost("/sandbox/faults", json::array());
  HttpAnswer cleared = HttpJson("DELETE", world.sandbox_root() + "/sandbox/faults");
  CHECK(cleared.status / 100 == 2);
  HttpAnswer again = world.Api("POST", "/v1/interviews",
                               Booking("Refused interview, again", kLena, FreeWeek(zones, world.Now(), 4, "09:00"), 30, {kJonas}),
                               "refused-2");
  CHECK_MESSAGE(again.status == 201, again.body);
}

TEST_CASE("Booking: bad requests are refused with the field and change nothing") {
  ProviderWorld world(true, true);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const Instant start = FreeWeek(zones, world.Now(), 3, "10:00");
  struct Case {
    json body;
    int status;
    std::string code;
    std::string field;
  };
  json unknown_person = Booking("x", kLena, start, 30, {"nobody@kumo.example"});
  json not_recruiter = Booking("x", kJonas, start, 30, {kAnna});
  json backwards = Booking("x", kLena, start, 30, {kJonas});
  backwards["end"] = FormatRfc3339(start - 60);
  json off_grid = Booking("x", kLena, start + 600, 30, {kJonas});
  json night = Booking("x", kLena, FreeWeek(zones, world.Now(), 3, "02:00"), 30, {kJonas});
  json zoom_without_host = Booking("x", kLena, start, 30, {kJonas}, "", {{"provider", "zoom"}});
  const std::vector<Case> cases = {
      {unknown_person, 422, "unknown_participant", "interviewers"},
      {not_recruiter, 422, "invalid_request", "organizer"},
      {backwards, 422, "invalid_request", "end"},
      {off_grid, 422, "booking_invalid", ""},
      {night, 422, "booking_invalid", ""},
      {zoom_without_host, 422, "invalid_request", "conferencing.host"},
  };
  int index = 0;
  for (const Case& item : cases) {
    HttpAnswer answer = world.Api("POST", "/v1/interviews", item.body, "bad-" + std::to_string(index++));
    CHECK_MESSAGE(answer.status == item.status, answer.body);
    const json error = json::parse(answer.body).at("error");
    CHECK_MESSAGE(error.at("code") == item.code, answer.body);
    if (!item.field.empty()) CHECK(error.value("field", "") == item.field);
  }
  CHECK(json::parse(world.Api("GET", "/v1/interviews").body).at("interviews").empty());
  // Without credentials nothing is read or written.
  HttpAnswer anonymous = HttpJson("GET", world.root() + "/v1/interviews");
  CHECK(anonymous.status == 401);
}
