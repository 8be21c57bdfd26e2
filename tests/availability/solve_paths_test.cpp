// The availability service solves gathered calendars from values (GatheredCalendars::ToEngineCalendars +
// AssembleProblem + SolveProblem) instead of printing the document and parsing it again. This suite holds the two
// paths byte-identical: for many random queries over a directory with every kind of calendar (people in several zones
// with working hours and load limits, rooms with capacities, Zoom and Teams host accounts) and events of every status,
// overlapping, outside the window and Slotwise holds, the fast answer equals CallEngine("solve", the document text).
#include <doctest/doctest.h>

#include <random>

#include "availability/availability_service.h"
#include "availability_test_util.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"
#include "slotwise/ranking.h"
#include "slotwise/solver.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr Instant kNow = 1'796'040'000;  // 2026-11-30T12:00:00Z, a Monday
const std::vector<std::string> kPeople = {"anna@acme.test", "ben@acme.test", "chie@acme.test", "dirk@acme.test",
                                          "eve@acme.test"};
const std::vector<std::string> kRooms = {"room-a@acme.test", "room-b@acme.test", "room-c@acme.test"};

struct World {
  World() {
    directory.AddTenant("acme", "google", R"({"buffer": {"before": {"minutes": 5}, "after": {"minutes": 0}}})");
    const char* zones_of[] = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/Amsterdam", "UTC"};
    for (std::size_t i = 0; i < kPeople.size(); ++i) {
      Person person = MakePerson("acme", kPeople[i], zones_of[i],
                                 i == 4 ? "" : R"({"mon":[["08:00","12:00"],["13:00","18:00"]],"tue":[["09:00","17:00"]],
                                                  "wed":[["07:30","19:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","13:00"]]})");
      if (i == 1) person.max_interviews_per_day = 1;
      if (i == 2) person.max_interviews_per_week = 2;
      directory.AddPerson(person);
    }
    for (std::size_t i = 0; i < kRooms.size(); ++i) {
      Room room;
      room.tenant_id = "acme";
      room.email = kRooms[i];
      room.name = kRooms[i];
      if (i != 2) room.capacity = 4 + 4 * static_cast<std::int64_t>(i);  // room-c: capacity unknown
      directory.AddRoom(room);
    }
    directory.AddHost({"acme", "", "zoom", "anna@acme.test", "", R"({"join_before_host": false, "waiting_room": true})"});
    directory.AddHost({"acme", "", "zoom", "ben@acme.test", "", R"({"join_before_host": true, "jbh_time": 5})"});
    directory.AddHost({"acme", "", "teams", "chie@acme.test", "", R"({"lobby_bypass_scope": "organizer"})"});

    std::mt19937 random(20261124);
    const BusyStatus statuses[] = {BusyStatus::kBusy, BusyStatus::kTentative, BusyStatus::kOutOfOffice,
                                   BusyStatus::kWorkingElsewhere, BusyStatus::kFree};
    std::vector<std::string> calendars = kPeople;
    calendars.insert(calendars.end(), kRooms.begin(), kRooms.end());
    for (const std::string& calendar : calendars) {
      std::vector<BusyEvent> events;
      for (int n = 0; n < 40; ++n) {  // 40 events over three weeks around the queries, overlapping at random
        const Instant start = kNow - 3 * kSecondsPerDay + static_cast<Instant>(random() % (21 * 96)) * 900;
        events.push_back(Event(start, start + (1 + static_cast<Instant>(random() % 12)) * 900, statuses[random() % 5]));
      }
      std::sort(events.begin(), events.end(),
                [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });
      sources.source->events[calendar] = events;
    }
    holds.Add("acme", "person:ben@acme.test", "iv-1", "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z");
    holds.Add("acme", "person:chie@acme.test", "iv-2", "2026-12-02T01:00:00Z", "2026-12-02T02:00:00Z");
    holds.Add("acme", "room:room-a@acme.test", "iv-1", "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z");
    holds.Add("acme", "host:zoom:anna@acme.test", "iv-3", "2026-12-03T09:00:00Z", "2026-12-03T10:00:00Z");
  }

  Directory directory;
  FakeSourceFactory sources;
  FakeHolds holds;
  FreeBusyCache cache;
  CalendarGatherer gatherer{*directory.store, holds, sources, cache};
  ZoneinfoDirectory zones{SLOTWISE_ZONEINFO_DIR};
  AvailabilityService service{gatherer, zones};
};

json Members(const std::vector<std::string>& subs) {
  json members = json::array();
  for (const std::string& sub : subs) members.push_back({{"sub", sub}});
  return members;
}

std::vector<std::string> Pick(std::mt19937& random, const std::vector<std::string>& from, std::size_t at_least) {
  std::vector<std::string> picked;
  for (const std::string& item : from) {
    if (random() % 2 == 0) picked.push_back(item);
  }
  for (std::size_t i = 0; picked.size() < at_least; ++i) {
    if (std::find(picked.begin(), picked.end(), from[i]) == picked.end()) picked.push_back(from[i]);
  }
  return picked;
}

json RandomQuery(std::mt19937& random) {
  const std::vector<std::string> people = Pick(random, kPeople, 1);
  json query = {{"participants", {{{"members", Members(people)}, {"required", random() % 3 == 0 ? json(1) : json("all")}}}},
                {"required_duration", {{"minutes", 15 * (1 + random() % 6)}}},
                {"start_interval", {{"minutes", json::array({5, 15, 30, 60})[random() % 4]}}},
                {"time_zone", json::array({"Europe/Berlin", "UTC", "America/New_York"})[random() % 3]},
                {"query_periods",
                 {{{"start", FormatRfc3339(kNow + static_cast<Instant>(random() % 48) * 3600)},
                   {"end", FormatRfc3339(kNow + (3 + static_cast<Instant>(random() % 8)) * kSecondsPerDay)}}}}};
  if (random() % 2 == 0) query["rooms"] = {{"members", Members(Pick(random, kRooms, 1))}, {"required", 1}};
  if (random() % 3 == 0) query["rooms"]["min_capacity"] = 6;
  if (query.contains("rooms") && !query["rooms"].contains("members")) query.erase("rooms");
  switch (random() % 4) {
    case 0: query["conferencing"] = {{"provider", "zoom"}, {"host", "zoom:anna@acme.test"}}; break;
    case 1:
      query["conferencing"] = {{"provider", "zoom"},
                               {"hosts", {{"members", Members({"zoom:anna@acme.test", "zoom:ben@acme.test"})}, {"required", 1}}}};
      break;
    case 2: query["conferencing"] = {{"provider", "teams"}, {"host", "teams:chie@acme.test"}}; break;
    default: break;
  }
  if (random() % 3 == 0) query["buffer"] = {{"before", {{"minutes", 10}}}, {"after", {{"minutes", 15}}}};
  if (random() % 3 == 0) query["minimum_notice"] = {{"minutes", 240}};
  if (random() % 4 == 0) query["tentative_blocks"] = false;
  if (random() % 4 == 0) query["response_format"] = "periods";
  if (random() % 4 == 0) query["explain"] = true;
  if (random() % 4 == 0) query["max_results"] = 7;
  if (random() % 4 == 0) query["ranking"] = json::array({"balanced_load", "candidate_friendly", "earliest"})[random() % 3];
  if (random() % 4 == 0) {
    query["candidate"] = json::parse(R"({"time_zone": "America/Los_Angeles", "working_hours": {"tue": [["09:00", "17:00"]]}})");
  }
  return query;
}

// The reference: the document printed as text and solved by CallEngine, as every other entry point does.
std::string ByText(World& world, const json& query) {
  Result<std::string> text = world.service.BuildSolveText("acme", query, kNow, "", 120);
  REQUIRE_MESSAGE(text.ok(), text.error().message);
  return CallEngine("solve", text.value(), world.zones).body;
}

}  // namespace

TEST_CASE("Solve paths: 300 random queries answer byte for byte as the document text does") {
  World world;
  std::mt19937 random(7);
  int with_slots = 0;
  for (int round = 0; round < 300; ++round) {
    const json query = RandomQuery(random);
    CAPTURE(DumpJson(query));
    const AvailabilityAnswer fast = Answered(world.service.Answer("acme", DumpJson(query), kNow));
    const std::string reference = ByText(world, query);
    CHECK(fast.body == reference);
    // The fast path itself (not a silent fallback to the text): values in, the same answer out.
    const json full_query = json::parse(world.service.BuildSolveText("acme", query, kNow, "", 120).value())["query"];
    Result<GatheredCalendars> gathered = world.gatherer.Collect("acme", full_query, {kNow, 120, ""});
    REQUIRE(gathered.ok());
    Result<std::vector<Calendar>> values = gathered->ToEngineCalendars(world.zones);
    REQUIRE_MESSAGE(values.ok(), values.error().message);
    Result<Problem> problem = AssembleProblem(kNow, std::move(values).value(), full_query, world.zones);
    REQUIRE_MESSAGE(problem.ok(), problem.error().message);
    CHECK(SolveProblem(*problem).body == reference);
    const std::vector<SlotMatch> items = SolveRanked(*problem);
    CHECK(AnswerToText(*problem, items) == DumpJson(AnswerToJson(*problem, items)));  // the writer against the tree
    const json parsed = json::parse(fast.body);
    if (parsed.contains("available_slots") && !parsed["available_slots"].empty()) ++with_slots;
    if (parsed.contains("available_periods") && !parsed["available_periods"].empty()) ++with_slots;
  }
  // The comparison means something only if most queries found times (and some did not).
  CHECK(with_slots > 100);
  CHECK(with_slots < 300);
}

TEST_CASE("Solve paths: invalid queries get the engine's own error words on either path") {
  World world;
  const json base = {{"participants", {{{"members", Members({"anna@acme.test", "ben@acme.test"})}, {"required", "all"}}}},
                     {"required_duration", {{"minutes", 30}}},
                     {"query_periods", {{{"start", "2026-12-01T00:00:00Z"}, {"end", "2026-12-04T00:00:00Z"}}}}};
  std::vector<json> broken;
  broken.push_back(json(base));
  broken.back()["participants"][0]["required"] = 3;  // more than the members
  broken.push_back(json(base));
  broken.back()["required_duration"] = {{"minutes", 0}};
  broken.push_back(json(base));
  broken.back()["start_interval"] = {{"minutes", 7}};
  broken.push_back(json(base));
  broken.back()["time_zone"] = "Mars/Olympus";
  broken.push_back(json(base));
  broken.back()["conferencing"] = {{"provider", "teams"}, {"host", "zoom:anna@acme.test"}};  // a Zoom host for Teams
  for (const json& query : broken) {
    CAPTURE(DumpJson(query));
    const AvailabilityAnswer fast = Answered(world.service.Answer("acme", DumpJson(query), kNow));
    CHECK(fast.http_status == 422);
    CHECK(fast.body == ByText(world, query));
    CHECK(json::parse(fast.body).contains("error"));
  }
}

TEST_CASE("Solve paths: AnswerToText prints what DumpJson prints of AnswerToJson, also for awkward subs") {
  ZoneinfoDirectory zones{SLOTWISE_ZONEINFO_DIR};
  // Subs with a quote, a backslash, a control character, non-ASCII text and an invalid UTF-8 byte: the writer's
  // plain-ASCII shortcut must not change any of them.
  const std::vector<std::string> subs = {"plain@acme.test", "quo\"te@acme.test", "back\\slash@acme.test",
                                         "tab\there@acme.test", "山田@acme.test", std::string("bad\xff@acme.test")};
  json calendars = json::object();
  json members = json::array();
  for (const std::string& sub : subs) {
    calendars[sub] = json::object();
    members.push_back({{"sub", sub}});
  }
  calendars["r@acme.test"] = {{"capacity", 3}};
  calendars["zoom:plain@acme.test"] = {{"conferencing_account", {{"provider", "zoom"}, {"owner", "plain@acme.test"}}}};
  const json document = {
      {"now", "2026-11-30T12:00:00Z"},
      {"query",
       {{"participants", {{{"members", members}, {"required", "all"}}}},
        {"rooms", {{"members", {{{"sub", "r@acme.test"}}}}}},
        {"conferencing", {{"provider", "zoom"}, {"host", "zoom:plain@acme.test"}}},
        {"required_duration", {{"minutes", 60}}},
        {"query_periods", {{{"start", "2026-12-01T09:00:00Z"}, {"end", "2026-12-01T12:00:00Z"}}}}}},
      {"calendars", calendars}};
  Result<Problem> problem = ParseAvailabilityDocument(document, zones);
  REQUIRE_MESSAGE(problem.ok(), problem.error().message);
  const std::vector<SlotMatch> items = Solve(*problem);
  // Everyone is free around the clock: a 60-minute slot may start every 15 minutes (the default grid) from 09:00 to
  // 11:00 inside the 09:00–12:00 period — 9 starts.
  REQUIRE(items.size() == 9);
  CHECK(AnswerToText(*problem, items) == DumpJson(AnswerToJson(*problem, items)));
}
