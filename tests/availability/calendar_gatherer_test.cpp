// Tests for backend/availability/calendar_gatherer: the engine's "calendars" object built from the directory, a
// counting fake BusySource and fake holds; the fetch window; errors; directory snapshots; the cost of a cached gather.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "availability/calendar_gatherer.h"
#include "availability_test_util.h"
#include "slotwise/json_text.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr const char* kAnnaHours = R"({"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]]})";

// Tenant "acme" (Google): Anna (recruiter, Berlin, 2 a day), Ben (Microsoft, New York, 3 a week), room A, Anna's Zoom.
struct World {
  World() {
    directory.AddTenant("acme", "google");
    Person anna = MakePerson("acme", "anna@acme.test", "Europe/Berlin", kAnnaHours, {"recruiter", "interviewer"});
    anna.max_interviews_per_day = 2;
    directory.AddPerson(anna);
    Person ben = MakePerson("acme", "ben@acme.test", "America/New_York", "");
    ben.max_interviews_per_week = 3;
    ben.calendar_provider = "microsoft";
    directory.AddPerson(ben);
    directory.AddRoom({"acme", "room-a@acme.test", "Room A", 6, "HQ", "1", ""});
    directory.AddHost({"acme", "", "zoom", "anna@acme.test", "", R"({"join_before_host":false,"waiting_room":true})"});
  }
  Result<json> Gather(const json& query, Instant now, std::int64_t max_age = 300, const std::string& except = "") {
    return gatherer.Gather("acme", query, {now, max_age, except});
  }

  Directory directory;
  FakeSourceFactory sources;
  FakeHolds holds;
  FreeBusyCache cache;
  CalendarGatherer gatherer{*directory.store, holds, sources, cache};
};

const json kQuery = json::parse(R"({
  "participants": [{"members": [{"sub": "anna@acme.test"}, {"sub": "Ben@Acme.test"}], "required": "all"}],
  "required_duration": {"minutes": 60},
  "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-03T00:00:00Z"}],
  "buffer": {"before": {"minutes": 10}, "after": {"minutes": 15}},
  "rooms": {"members": [{"sub": "room-a@acme.test"}]},
  "conferencing": {"provider": "zoom", "host": "zoom:anna@acme.test"}
})");

const Instant kNow = At("2026-11-30T12:00:00Z");

void SeedBusyAndHolds(World& w) {
  w.sources.source->events["anna@acme.test"] = {
      Busy("2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z", BusyStatus::kTentative),
      Busy("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
      Busy("2026-10-01T09:00:00Z", "2026-10-01T10:00:00Z"),  // outside the window: left out
      Busy("2026-11-22T23:00:00Z", "2026-11-23T01:00:00Z"),  // reaches into the window: kept
  };
  w.sources.source->events["ben@acme.test"] = {
      Busy("2026-12-02T14:00:00Z", "2026-12-02T15:00:00Z", BusyStatus::kOutOfOffice)};
  w.sources.source->events["room-a@acme.test"] = {Busy("2026-12-01T13:00:00Z", "2026-12-01T14:00:00Z")};
  w.holds.Add("acme", "person:anna@acme.test", "iv-1", "2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z");
  w.holds.Add("acme", "host:zoom:anna@acme.test", "iv-1", "2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z");
  w.holds.Add("acme", "room:room-a@acme.test", "iv-2", "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z");
  w.holds.Add("acme", "person:anna@acme.test", "iv-old", "2026-10-01T13:00:00Z", "2026-10-01T14:00:00Z");
  w.holds.Add("other", "person:ben@acme.test", "iv-9", "2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z");
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] The document
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("CalendarGatherer: builds exactly the engine's calendars from directory, provider busy and holds") {
  World w;
  SeedBusyAndHolds(w);
  Result<json> calendars = w.Gather(kQuery, kNow);
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);

  const json expected = json::parse(R"({
    "anna@acme.test": {
      "time_zone": "Europe/Berlin",
      "working_hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
      "max_interviews_per_day": 2,
      "busy": [
        {"start": "2026-11-22T23:00:00Z", "end": "2026-11-23T01:00:00Z", "status": "busy"},
        {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "status": "busy"},
        {"start": "2026-12-01T11:00:00Z", "end": "2026-12-01T11:30:00Z", "status": "tentative"},
        {"start": "2026-12-02T13:00:00Z", "end": "2026-12-02T14:00:00Z", "status": "busy", "interview": true}
      ]
    },
    "Ben@Acme.test": {
      "time_zone": "America/New_York",
      "max_interviews_per_week": 3,
      "busy": [{"start": "2026-12-02T14:00:00Z", "end": "2026-12-02T15:00:00Z", "status": "oof"}]
    },
    "room-a@acme.test": {
      "capacity": 6,
      "busy": [
        {"start": "2026-12-01T13:00:00Z", "end": "2026-12-01T14:00:00Z", "status": "busy"},
        {"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T09:00:00Z", "status": "busy", "interview": true}
      ]
    },
    "zoom:anna@acme.test": {
      "conferencing_account": {"provider": "zoom", "owner": "anna@acme.test", "join_before_host": false,
                               "waiting_room": true},
      "busy": [{"start": "2026-12-02T13:00:00Z", "end": "2026-12-02T14:00:00Z", "status": "busy", "interview": true}]
    }
  })");
  CHECK(DumpJson(calendars.value()) == DumpJson(expected));

  // Ben has a weekly limit: the window is the periods ± (7 days + the larger buffer), in whole UTC days.
  const Interval window{At("2026-11-23T00:00:00Z"), At("2026-12-11T00:00:00Z")};
  FakeBusySource& source = *w.sources.source;
  REQUIRE(source.calls == 2);  // one per (provider, acting address)
  CHECK(source.requested[0] == std::vector<std::string>{"anna@acme.test", "room-a@acme.test"});
  CHECK(source.requested[1] == std::vector<std::string>{"ben@acme.test"});
  CHECK(source.windows[0] == window);
  CHECK(source.windows[1] == window);
  using Asked = std::tuple<std::string, std::string, std::string>;
  CHECK(w.sources.asked == std::vector<Asked>{{"acme", "google", "anna@acme.test"},      // the recruiter
                                              {"acme", "microsoft", "ben@acme.test"}});  // the only one there
  CHECK(w.holds.calls == 1);
  CHECK(w.holds.last_window == window);
  CHECK(w.holds.last_except.empty());
}

TEST_CASE("CalendarGatherer: the JSON text is already canonical (what DumpJson prints) and times match FormatRfc3339") {
  World w;
  SeedBusyAndHolds(w);
  json query = kQuery;
  query["participants"][0]["members"].push_back({{"sub", "Zoë \"Q\" <x>"}});  // needs escaping...
  CHECK(w.Gather(query, kNow).error().code == "unknown_participant");         // ...and is unknown
  w.directory.AddPerson(MakePerson("acme", "Zoë \"Q\" <x>", "", ""));
  Result<GatheredCalendars> collected = w.gatherer.Collect("acme", query, {kNow, 300, "iv-2"});
  REQUIRE_MESSAGE(collected.ok(), collected.error().message);
  std::string text;
  collected->AppendJson(text);
  CHECK(text == DumpJson(json::parse(text)));
  CHECK(json::parse(text).size() == 5);

  for (Instant t :
       {Instant{0}, Instant{-1}, Instant{951'782'400}, At("2026-12-31T23:59:59Z"), At("2028-02-29T12:34:56Z"),
        At("9999-12-31T23:59:59Z"), At("0001-01-01T00:00:00Z"), Instant{253'402'300'800}}) {
    std::string out = "x";
    AppendRfc3339(out, t);
    CHECK(out == "x" + FormatRfc3339(t));
  }
}

TEST_CASE("CalendarGatherer: cached free/busy is reused while fresh; max age 0 and expiry fetch again") {
  World w;
  SeedBusyAndHolds(w);
  Result<json> first = w.Gather(kQuery, kNow);
  REQUIRE(first.ok());
  CHECK(w.sources.source->calls == 2);

  Result<json> second = w.Gather(kQuery, kNow + 299);
  REQUIRE(second.ok());
  CHECK(DumpJson(second.value()) == DumpJson(first.value()));
  CHECK(w.sources.source->calls == 2);  // three calendars from the cache
  CHECK(w.cache.Stats().hits == 3);
  CHECK(w.holds.calls == 2);  // holds are Slotwise's own data: read every time, never cached

  // A narrower query inside the cached days also hits.
  json narrow = kQuery;
  narrow["query_periods"] = json::parse(R"([{"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T12:00:00Z"}])");
  REQUIRE(w.Gather(narrow, kNow + 10).ok());
  CHECK(w.sources.source->calls == 2);

  REQUIRE(w.Gather(kQuery, kNow + 10, /*max_age=*/0).ok());  // "always fetch"
  CHECK(w.sources.source->calls == 4);
  REQUIRE(w.Gather(kQuery, kNow + 10 + 301).ok());  // the refreshed entries are older than 300 s by now
  CHECK(w.sources.source->calls == 6);

  // A change notification drops one calendar: only that one is fetched again.
  w.cache.Invalidate("acme", "Ben@acme.test");
  REQUIRE(w.Gather(kQuery, kNow + 400).ok());
  REQUIRE(w.sources.source->calls == 7);
  CHECK(w.sources.source->requested.back() == std::vector<std::string>{"ben@acme.test"});

  // A query reaching beyond the cached days misses.
  json later = kQuery;
  later["query_periods"] = json::parse(R"([{"start": "2026-12-05T00:00:00Z", "end": "2026-12-07T00:00:00Z"}])");
  REQUIRE(w.Gather(later, kNow + 400).ok());
  CHECK(w.sources.source->calls == 9);
}

TEST_CASE("CalendarGatherer: except_interview_id leaves that interview's holds out") {
  World w;
  SeedBusyAndHolds(w);
  Result<json> calendars = w.Gather(kQuery, kNow, 300, "iv-1");
  REQUIRE(calendars.ok());
  CHECK(calendars.value()["anna@acme.test"]["busy"].size() == 3);
  CHECK(calendars.value()["zoom:anna@acme.test"]["busy"].empty());
  CHECK(calendars.value()["room-a@acme.test"]["busy"].size() == 2);  // iv-2 is another interview
}

TEST_CASE("CalendarGatherer: a rescheduled interview's own events are cut out of the busy of the calendars it holds") {
  World w;
  SeedBusyAndHolds(w);
  auto& anna = w.sources.source->events["anna@acme.test"];
  anna.push_back(Busy("2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z"));                          // iv-1's own event
  anna.push_back(Busy("2026-12-02T12:00:00Z", "2026-12-02T15:00:00Z", BusyStatus::kTentative));  // merged with others
  anna.push_back(Busy("2026-12-02T13:30:00Z", "2026-12-02T16:00:00Z", BusyStatus::kOutOfOffice));
  const auto busy_of = [](const json& calendars) {
    std::vector<std::string> spans;
    for (const json& event : calendars["anna@acme.test"]["busy"]) {
      spans.push_back(event.at("start").get<std::string>().substr(11, 5) + "-" +
                      event.at("end").get<std::string>().substr(11, 5) + " " + event.at("status").get<std::string>());
    }
    return spans;
  };
  Result<json> plain = w.Gather(kQuery, kNow, 0);
  REQUIRE(plain.ok());
  CHECK(busy_of(*plain) == std::vector<std::string>{"23:00-01:00 busy", "09:00-10:00 busy", "11:00-11:30 tentative",
                                                    "12:00-15:00 tentative", "13:00-14:00 busy", "13:30-16:00 oof",
                                                    "13:00-14:00 busy"});  // provider events by start, then the hold
  Result<json> rescheduling = w.Gather(kQuery, kNow, 0, "iv-1");
  REQUIRE(rescheduling.ok());
  // The hold and the own event are gone, the longer event keeps what lies outside the interview, absence stays whole.
  CHECK(busy_of(*rescheduling) == std::vector<std::string>{"23:00-01:00 busy", "09:00-10:00 busy",
                                                           "11:00-11:30 tentative", "12:00-13:00 tentative",
                                                           "13:30-16:00 oof", "14:00-15:00 tentative"});
  // Another interview's calendar (room-a, held by iv-2) is untouched.
  CHECK(rescheduling.value()["room-a@acme.test"]["busy"] == plain.value()["room-a@acme.test"]["busy"]);
}

TEST_CASE("CalendarGatherer: hosts' owners spelled as the query spells them; explain adds unnamed owners") {
  World w;
  w.directory.AddPerson(MakePerson("acme", "rita@acme.test", "Europe/Berlin", ""));
  w.directory.AddHost({"acme", "", "zoom", "rita@acme.test", "", "{}"});
  json query = json::parse(R"({
    "participants": [{"members": [{"sub": "Anna@ACME.test"}], "required": 1}],
    "required_duration": {"minutes": 30},
    "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-02T00:00:00Z"}],
    "conferencing": {"provider": "zoom", "hosts": {"members": [{"sub": "zoom:anna@acme.test"}, {"sub": "ZOOM:rita@acme.test"}]}}
  })");
  Result<json> plain = w.Gather(query, kNow);
  REQUIRE_MESSAGE(plain.ok(), plain.error().message);
  CHECK(plain.value()["zoom:anna@acme.test"]["conferencing_account"]["owner"] == "Anna@ACME.test");
  CHECK(plain.value()["ZOOM:rita@acme.test"]["conferencing_account"]["owner"] == "rita@acme.test");
  CHECK_FALSE(plain.value().contains("rita@acme.test"));
  CHECK(plain.value().size() == 3);

  query["explain"] = true;
  Result<json> explained = w.Gather(query, kNow);
  REQUIRE(explained.ok());
  REQUIRE(explained.value().contains("rita@acme.test"));  // for the add_host_owner relaxation
  CHECK(explained.value()["rita@acme.test"]["time_zone"] == "Europe/Berlin");
  CHECK(explained.value().size() == 4);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] The fetch window
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("CalendarGatherer: FetchWindow widens by buffer and 1 or 7 days and aligns to UTC days") {
  const json day = json::parse(R"({"query_periods": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-02T10:00:00Z"},
                                                      {"start": "2026-12-01T08:00:00+01:00", "end": "2026-12-01T09:00:00Z"}]})");
  CHECK(FetchWindow(day, false) == Interval{At("2026-11-30T00:00:00Z"), At("2026-12-04T00:00:00Z")});
  CHECK(FetchWindow(day, true) == Interval{At("2026-11-24T00:00:00Z"), At("2026-12-10T00:00:00Z")});

  json buffered = day;
  buffered["buffer"] = json::parse(R"({"before": {"minutes": 30}, "after": {"minutes": 1440}})");
  CHECK(FetchWindow(buffered, false) == Interval{At("2026-11-29T00:00:00Z"), At("2026-12-05T00:00:00Z")});

  json aligned =
      json::parse(R"({"query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-02T00:00:00Z"}]})");
  CHECK(FetchWindow(aligned, false) == Interval{At("2026-11-30T00:00:00Z"), At("2026-12-03T00:00:00Z")});

  for (const char* bad : {R"({})", R"({"query_periods": []})", R"({"query_periods": [{"start": "x", "end": "y"}]})",
                          R"({"query_periods": [{"start": "2026-12-02T00:00:00Z", "end": "2026-12-01T00:00:00Z"}]})",
                          R"({"query_periods": [{"start": "2026-01-01T00:00:00Z", "end": "2027-03-01T00:00:00Z"}]})"}) {
    CAPTURE(bad);
    CHECK_FALSE(FetchWindow(json::parse(bad), false).has_value());
  }
}

TEST_CASE("CalendarGatherer: unusable query periods fetch nothing and leave the error to the engine") {
  World w;
  json query = kQuery;
  query.erase("query_periods");
  Result<json> calendars = w.Gather(query, kNow);
  REQUIRE(calendars.ok());
  CHECK(calendars.value()["anna@acme.test"]["busy"].empty());
  CHECK(w.sources.source->calls == 0);
  CHECK(w.holds.calls == 0);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Errors
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("CalendarGatherer: a sub that is not in the directory is unknown_participant naming sub and field") {
  World w;
  struct Case {
    const char* patch;
    const char* field;
    const char* sub;
  };
  const Case cases[] = {
      {R"({"participants": [{"members": [{"sub": "anna@acme.test"}, {"sub": "carl@acme.test"}]}]})",
       "query.participants[0].members[1].sub", "carl@acme.test"},
      {R"({"rooms": {"members": [{"sub": "room-a@acme.test"}, {"sub": "anna@acme.test"}]}})",
       "query.rooms.members[1].sub", "anna@acme.test"},  // a person is not a room
      {R"({"conferencing": {"provider": "zoom", "host": "zoom:carl@acme.test"}})", "query.conferencing.host",
       "zoom:carl@acme.test"},
      {R"({"conferencing": {"provider": "teams", "hosts": {"members": [{"sub": "teams:anna@acme.test"}]}}})",
       "query.conferencing.hosts.members[0].sub", "teams:anna@acme.test"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    json query = kQuery;
    query.merge_patch(json::parse(c.patch));
    Result<json> calendars = w.Gather(query, kNow);
    REQUIRE_FALSE(calendars.ok());
    CHECK(calendars.error().code == "unknown_participant");
    CHECK(calendars.error().field == c.field);
    CHECK(calendars.error().message.find(std::string("\"") + c.sub + "\"") != std::string::npos);
  }
  json loop = json::parse(R"({
    "sequence": [
      {"sequence_id": "intro", "required_duration": {"minutes": 30},
       "participants": [{"members": [{"sub": "anna@acme.test"}], "required": 1}]},
      {"sequence_id": "tech", "required_duration": {"minutes": 60},
       "participants": [{"members": [{"sub": "ben@acme.test"}, {"sub": "dora@acme.test"}], "required": 1}]}],
    "loop_room": {"members": [{"sub": "room-a@acme.test"}]},
    "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-03T00:00:00Z"}]
  })");
  Result<json> unknown_stage = w.Gather(loop, kNow);
  REQUIRE_FALSE(unknown_stage.ok());
  CHECK(unknown_stage.error().field == "query.sequence[1].participants[0].members[1].sub");
  loop["sequence"][1]["participants"][0]["members"][1]["sub"] = "ben@acme.test";
  loop["loop_room"]["members"][0]["sub"] = "room-z@acme.test";
  Result<json> unknown_room = w.Gather(loop, kNow);
  REQUIRE_FALSE(unknown_room.ok());
  CHECK(unknown_room.error().field == "query.loop_room.members[0].sub");
  loop["loop_room"]["members"][0]["sub"] = "room-a@acme.test";
  Result<json> known = w.Gather(loop, kNow);
  REQUIRE_MESSAGE(known.ok(), known.error().message);
  CHECK(known.value().size() == 3);  // anna, ben (named twice, one calendar), room-a

  CHECK(w.sources.source->calls == 2);  // only the last, valid, query read calendars
}

TEST_CASE("CalendarGatherer: a calendar the provider refuses is unknown with the reason, never free and never dropped") {
  World w;
  SeedBusyAndHolds(w);
  w.sources.source->events["ben@acme.test"].clear();
  w.sources.source->errors["ben@acme.test"] =
      Error{"provider_calendar_error", "Graph schedule ben@acme.test: ErrorAccessDenied: free/busy is not shared",
            "error"};
  Result<json> calendars = w.Gather(kQuery, kNow);
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);
  REQUIRE(calendars->contains("Ben@Acme.test"));  // not dropped
  const json& ben = calendars->at("Ben@Acme.test");
  REQUIRE(ben.contains("free_busy"));
  CHECK(ben.at("free_busy").at("status") == "unknown");
  const std::string reason = ben.at("free_busy").at("reason");
  CHECK(reason.find("Microsoft 365") != std::string::npos);
  CHECK(reason.find("free/busy is not shared") != std::string::npos);
  CHECK(ben.at("busy") == json::array());               // no provider events (and no holds in tenant acme)
  CHECK(ben.at("time_zone") == "America/New_York");      // the rest of the calendar as always
  CHECK_FALSE(calendars->at("anna@acme.test").contains("free_busy"));
  // The text path and the value path agree (the engine reads the same calendar either way).
  REQUIRE(w.gatherer.Collect("acme", kQuery, {kNow + 1, 300, ""}).ok());

  // Unknown is not cached (the others are): once the provider answers, only Ben is read again, and he is known.
  w.sources.source->errors.clear();
  Result<json> again = w.Gather(kQuery, kNow + 5);
  REQUIRE(again.ok());
  CHECK_FALSE(again->at("Ben@Acme.test").contains("free_busy"));
  CHECK(w.sources.source->requested.back() == std::vector<std::string>{"ben@acme.test"});
}

TEST_CASE("CalendarGatherer: a provider failure of the whole call still fails the query as calendar_unavailable") {
  World w;
  SeedBusyAndHolds(w);
  w.sources.source->errors["ben@acme.test"] =
      Error{"provider_unavailable", "Microsoft Graph answered 503 three times: The mailbox is on hold", ""};
  Result<json> calendars = w.Gather(kQuery, kNow);
  REQUIRE_FALSE(calendars.ok());
  CHECK(calendars.error().code == "calendar_unavailable");
  CHECK(calendars.error().field == "query.participants[0].members[1].sub");
  CHECK(calendars.error().message.find("Ben@Acme.test") != std::string::npos);
  CHECK(calendars.error().message.find("Microsoft 365") != std::string::npos);
  CHECK(calendars.error().message.find("The mailbox is on hold") != std::string::npos);

  // The failure is not cached (the others are): once the provider answers, only Ben is read again.
  w.sources.source->errors.clear();
  REQUIRE(w.Gather(kQuery, kNow + 5).ok());
  REQUIRE(w.sources.source->calls == 3);
  CHECK(w.sources.source->requested.back() == std::vector<std::string>{"ben@acme.test"});
}

TEST_CASE("CalendarGatherer: connection-level failures keep their code and say what to do") {
  World w;
  w.sources.source->outer = Error{"consent_required",
                                  "An administrator of the Microsoft 365 tenant must grant admin consent: "
                                  "https://login.example/adminconsent?client_id=x",
                                  ""};
  Result<json> consent = w.Gather(kQuery, kNow);
  REQUIRE_FALSE(consent.ok());
  CHECK(consent.error().code == "consent_required");
  CHECK(consent.error().field == "query.participants[0].members[0].sub");  // the first calendar of that call
  CHECK(consent.error().message.find("https://login.example/adminconsent") != std::string::npos);

  w.sources.source->outer.reset();
  w.sources.source->errors["anna@acme.test"] =
      Error{"subject_refused", "Google refused to let the service account act as anna@acme.test", ""};
  CHECK(w.Gather(kQuery, kNow).error().code == "subject_refused");

  w.sources.refuse = Error{"provider_not_configured", "no Google service account is configured", ""};
  Result<json> unconfigured = w.Gather(kQuery, kNow);
  REQUIRE_FALSE(unconfigured.ok());
  CHECK(unconfigured.error().code == "provider_not_configured");
  CHECK(unconfigured.error().message.find("no Google service account") != std::string::npos);

  w.sources.refuse.reset();
  w.sources.source->errors.clear();
  w.holds.failure = Error{"storage_error", "SQLite: disk I/O error", ""};
  CHECK(w.Gather(kQuery, kNow).error().code == "storage_error");
  CHECK(w.gatherer.Gather("nobody", kQuery, {kNow, 300, ""}).error().code == "unknown_tenant");
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Host accounts' own meetings
// -----------------------------------------------------------------------------------------------------------------

namespace {

// Zoom hosts' meetings from a fixed list (every event whatever the window: the gatherer must select), or a failure.
class FakeHostMeetings final : public HostMeetingSource {
 public:
  bool Reads(std::string_view provider) const override { return provider == "zoom"; }
  Result<std::vector<BusyEvent>> MeetingsBusy(std::string_view, const std::string& connection_id,
                                              Interval window) override {
    ++calls;
    connections.push_back(connection_id);
    windows.push_back(window);
    if (failure) return *failure;
    return events;
  }
  int calls = 0;
  std::vector<std::string> connections;
  std::vector<Interval> windows;
  std::vector<BusyEvent> events;
  std::optional<Error> failure;
};

// The World with Anna's Zoom host linked to her Zoom connection and the fake reading it.
struct HostWorld : World {
  HostWorld() {
    directory.AddHost({"acme", "", "zoom", "anna@acme.test", "con_anna_zoom", R"({"join_before_host":true})"});
    gatherer.SetHostMeetingSource(&meetings);
  }
  FakeHostMeetings meetings;
};

const char* const kHostSub = "zoom:anna@acme.test";

}  // namespace

TEST_CASE("CalendarGatherer: a Zoom host's own meetings are its busy time, next to its holds, and cached") {
  HostWorld w;
  SeedBusyAndHolds(w);
  w.meetings.events = {Busy("2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"),
                       Busy("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z"),
                       Busy("2027-03-01T08:00:00Z", "2027-03-01T08:30:00Z")};  // outside the window: left out
  Result<json> calendars = w.Gather(kQuery, kNow);
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);
  const json expected = json::parse(R"([
    {"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T08:30:00Z", "status": "busy"},
    {"start": "2026-12-01T15:00:00Z", "end": "2026-12-01T16:00:00Z", "status": "busy"},
    {"start": "2026-12-02T13:00:00Z", "end": "2026-12-02T14:00:00Z", "status": "busy", "interview": true}])");
  CHECK(DumpJson(calendars->at(kHostSub).at("busy")) == DumpJson(expected));
  CHECK_FALSE(calendars->at(kHostSub).contains("free_busy"));
  REQUIRE(w.meetings.calls == 1);
  CHECK(w.meetings.connections[0] == "con_anna_zoom");  // the host's own connection
  CHECK(w.meetings.windows[0] == Interval{At("2026-11-23T00:00:00Z"), At("2026-12-11T00:00:00Z")});

  // Fresh enough: from the cache. Max age 0 (booking) reads again.
  REQUIRE(w.Gather(kQuery, kNow + 60).ok());
  CHECK(w.meetings.calls == 1);
  REQUIRE(w.Gather(kQuery, kNow + 61, 0).ok());
  CHECK(w.meetings.calls == 2);

  // The engine sees the meeting: the host is busy then (the value path agrees with the text).
  Result<GatheredCalendars> collected = w.gatherer.Collect("acme", kQuery, {kNow + 62, 300, ""});
  REQUIRE(collected.ok());
  ZoneinfoDirectory zones(SLOTWISE_ZONEINFO_DIR);
  Result<std::vector<Calendar>> values = collected->ToEngineCalendars(zones);
  REQUIRE(values.ok());
  bool host_seen = false;
  for (const Calendar& calendar : *values) {
    if (calendar.sub != kHostSub) continue;
    host_seen = true;
    CHECK(calendar.busy.size() == 3);
  }
  CHECK(host_seen);
}

TEST_CASE("CalendarGatherer: a Zoom host that cannot be read is unknown, or the booking's error; never free") {
  HostWorld w;
  SeedBusyAndHolds(w);
  w.meetings.failure = Error{"rate_limited", "Zoom's daily request limit for this host is used up", "Daily-limit"};
  Result<json> calendars = w.Gather(kQuery, kNow);
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);
  const json& host = calendars->at(kHostSub);
  REQUIRE(host.contains("free_busy"));
  CHECK(host.at("free_busy").at("status") == "unknown");
  const std::string reason = host.at("free_busy").at("reason");
  CHECK(reason.find("Zoom did not give the host's meetings") != std::string::npos);
  CHECK(reason.find("rate_limited") != std::string::npos);
  CHECK(host.at("busy").size() == 1);  // its hold is still there
  CHECK_FALSE(calendars->at("anna@acme.test").contains("free_busy"));

  // At booking (unreadable_host_fails) it is the answer's error, retryable, naming the host and its field.
  GatherRequest booking{kNow, 0, ""};
  booking.unreadable_host_fails = true;
  Result<GatheredCalendars> refused = w.gatherer.Collect("acme", kQuery, booking);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "calendar_unavailable");
  CHECK(refused.error().field == "query.conferencing.host");
  CHECK(refused.error().message.find(kHostSub) != std::string::npos);
  CHECK(refused.error().message.find("daily request limit") != std::string::npos);

  // A connection its owner must fix keeps its code.
  w.meetings.failure = Error{"reauth_needed", "the Zoom grant was revoked", ""};
  Result<GatheredCalendars> reauth = w.gatherer.Collect("acme", kQuery, booking);
  REQUIRE_FALSE(reauth.ok());
  CHECK(reauth.error().code == "reauth_needed");
  CHECK(reauth.error().message.find("connect the Zoom account again") != std::string::npos);

  // Unknown is not cached: once Zoom answers, the host is known.
  const int before = w.meetings.calls;
  w.meetings.failure.reset();
  Result<json> again = w.Gather(kQuery, kNow + 5);
  REQUIRE(again.ok());
  CHECK(w.meetings.calls == before + 1);
  CHECK_FALSE(again->at(kHostSub).contains("free_busy"));
}

TEST_CASE("CalendarGatherer: host accounts without a connection, or on a provider not read, are not asked") {
  World w;  // Anna's Zoom host has no connection
  FakeHostMeetings meetings;
  w.gatherer.SetHostMeetingSource(&meetings);
  REQUIRE(w.Gather(kQuery, kNow).ok());
  CHECK(meetings.calls == 0);
  w.directory.AddHost({"acme", "", "goto", "anna@acme.test", "con_anna_goto", "{}"});
  json query = kQuery;
  query["conferencing"] = {{"provider", "goto"}, {"host", "goto:anna@acme.test"}};
  REQUIRE(w.Gather(query, kNow).ok());
  CHECK(meetings.calls == 0);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Directory snapshots and cost
// -----------------------------------------------------------------------------------------------------------------

TEST_CASE("CalendarGatherer: the directory snapshot is reused until the directory changes") {
  World w;
  Result<std::shared_ptr<const TenantSnapshot>> first = w.gatherer.Snapshot("acme");
  REQUIRE(first.ok());
  CHECK(w.gatherer.Snapshot("acme").value() == first.value());  // same object: no SQLite read
  CHECK(first.value()->acting.at("google") == std::vector<std::string>{"anna@acme.test"});
  CHECK(first.value()->acting.at("microsoft") == std::vector<std::string>{"ben@acme.test"});

  json query = kQuery;
  query["participants"][0]["members"].push_back({{"sub", "carl@acme.test"}});
  CHECK(w.Gather(query, kNow).error().code == "unknown_participant");
  w.directory.AddPerson(MakePerson("acme", "Carl@acme.test", "", ""));
  Result<std::shared_ptr<const TenantSnapshot>> changed = w.gatherer.Snapshot("acme");
  REQUIRE(changed.ok());
  CHECK(changed.value() != first.value());
  Result<json> calendars = w.Gather(query, kNow);
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);
  CHECK(calendars.value()["carl@acme.test"]["time_zone"] == "Europe/Berlin");  // no zone of his own: the tenant's
}

TEST_CASE("CalendarGatherer: 300 cached 20-participant 2-week gathers read the provider once and render the same text") {
  Directory directory;
  directory.AddTenant("perf", "google");
  json members = json::array();
  FakeSourceFactory sources;
  for (int p = 0; p < 20; ++p) {
    const std::string email = "person" + std::to_string(p) + "@perf.test";
    Person person = MakePerson("perf", email, p % 2 ? "America/New_York" : "Europe/Berlin",
                               R"({"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],)"
                               R"("thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]})");
    person.max_interviews_per_day = 3;
    directory.AddPerson(person);
    members.push_back({{"sub", email}});
    std::vector<BusyEvent> events;  // three meetings a day over the 18-day window
    for (int day = 0; day < 18; ++day) {
      for (int k = 0; k < 3; ++k) {
        const Instant start = At("2026-12-06T00:00:00Z") + day * kSecondsPerDay + (8 + 3 * k + p % 3) * 3600;
        events.push_back(Event(start, start + 3600, k == 1 ? BusyStatus::kTentative : BusyStatus::kBusy));
      }
    }
    sources.source->events[email] = std::move(events);
  }
  FakeHolds holds;
  FreeBusyCache cache;
  CalendarGatherer gatherer(*directory.store, holds, sources, cache);
  const json query = {
      {"participants", json::array({{{"members", members}, {"required", 3}}})},
      {"required_duration", {{"minutes", 60}}},
      {"query_periods", json::array({{{"start", "2026-12-07T00:00:00Z"}, {"end", "2026-12-21T00:00:00Z"}}})}};
  Result<json> cold = gatherer.Gather("perf", query, {kNow, 300, ""});
  REQUIRE(cold.ok());
  CHECK(cold.value()["person0@perf.test"]["busy"].size() == 48);  // 16 days of the 18 overlap the window

  // The request path: Collect (snapshot, cache, holds) and the calendars rendered as JSON text. Its speed is measured
  // by scripts/bench (section "gatherer"), not here: this checks the path serves from the cache.
  std::string first;
  for (int i = 0; i < 300; ++i) {
    Result<GatheredCalendars> warm = gatherer.Collect("perf", query, {kNow + 1, 300, ""});
    REQUIRE(warm.ok());
    std::string text;
    warm->AppendJson(text);
    if (i == 0) first = text;
    CHECK(text == first);
  }
  CHECK(first.size() > 10000);
  CHECK(sources.source->calls == 1);
}
