// Tests for backend/availability/availability_service: inline documents unchanged, bare queries gathered and solved
// (holds count towards load limits), tenant policies, error statuses, and the validation document.
#include <doctest/doctest.h>

#include "availability/availability_service.h"
#include "availability_test_util.h"
#include "slotwise/json_text.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// Tenant "acme": Anna (UTC, 09:00–12:00 on Tuesday and Wednesday, at most 1 interview a day).
struct World {
  explicit World(const std::string& policies = "{}") {
    directory.AddTenant("acme", "google", policies);
    Person anna = MakePerson("acme", "anna@acme.test", "UTC",
                             R"({"tue":[["09:00","12:00"]],"wed":[["09:00","12:00"]]})", {"recruiter"});
    anna.max_interviews_per_day = 1;
    directory.AddPerson(anna);
    directory.AddHost({"acme", "", "zoom", "anna@acme.test", "", R"({"join_before_host":false})"});
    // Wednesday 10:00–11:00 is busy at the provider; Tuesday 14:00–15:00 Anna has an interview booked in Slotwise.
    sources.source->events["anna@acme.test"] = {Busy("2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z")};
    holds.Add("acme", "person:anna@acme.test", "iv-1", "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z");
  }
  AvailabilityAnswer Answer(const std::string& body) { return Answered(service.Answer("acme", body, kNow)); }

  static constexpr Instant kNow = 1'796'040'000;  // 2026-11-30T12:00:00Z
  Directory directory;
  FakeSourceFactory sources;
  FakeHolds holds;
  FreeBusyCache cache;
  CalendarGatherer gatherer{*directory.store, holds, sources, cache};
  ZoneinfoDirectory zones{SLOTWISE_ZONEINFO_DIR};
  AvailabilityService service{gatherer, zones};
};

constexpr const char* kBareQuery = R"({
  "participants": [{"members": [{"sub": "anna@acme.test"}], "required": "all"}],
  "required_duration": {"minutes": 60},
  "start_interval": {"minutes": 60},
  "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-03T00:00:00Z"}]
})";

json Slots(std::initializer_list<const char*> starts) {
  json slots = json::array();
  for (const char* start : starts) {
    const Instant s = At(start);
    slots.push_back({{"start", FormatRfc3339(s)},
                     {"end", FormatRfc3339(s + 3600)},
                     {"participants", json::array({{{"sub", "anna@acme.test"}}})}});
  }
  return {{"available_slots", slots}};
}

}  // namespace

TEST_CASE("AvailabilityService: the clock constant is 2026-11-30T12:00:00Z") {
  CHECK(FormatRfc3339(World::kNow) == "2026-11-30T12:00:00Z");
}

TEST_CASE("AvailabilityService: a bare query is gathered and solved; a booked interview makes the day limit bite") {
  World w;
  const AvailabilityAnswer answer = w.Answer(kBareQuery);
  REQUIRE_MESSAGE(answer.http_status == 200, answer.body);
  // Tuesday: Anna already has her one interview (the hold, outside her hours, still counts): no slot.
  // Wednesday: 09:00 and 11:00 (10:00–11:00 is busy at the provider).
  CHECK(json::parse(answer.body) == Slots({"2026-12-02T09:00:00Z", "2026-12-02T11:00:00Z"}));

  // The same query wrapped, rescheduling iv-1: its hold is left out, Tuesday opens.
  const std::string wrapped = R"({"except_interview_id": "iv-1", "query": )" + std::string(kBareQuery) + "}";
  const AvailabilityAnswer rescheduling = w.Answer(wrapped);
  REQUIRE_MESSAGE(rescheduling.http_status == 200, rescheduling.body);
  CHECK(json::parse(rescheduling.body) == Slots({"2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z",
                                                 "2026-12-02T09:00:00Z", "2026-12-02T11:00:00Z"}));
  CHECK(w.sources.source->calls == 1);  // the second request used the cache

  // {"query": …} without except_interview_id answers like the bare query.
  const AvailabilityAnswer plain_wrap = w.Answer(R"({"query": )" + std::string(kBareQuery) + "}");
  CHECK(plain_wrap.body == answer.body);
}

TEST_CASE("AvailabilityService: inline calendars go to the engine unchanged") {
  World w;
  const std::string inline_document = R"({
    "now": "2026-11-30T12:00:00Z",
    "query": )" + std::string(kBareQuery) +
                                      R"(,
    "calendars": {"anna@acme.test": {"busy": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-02T23:00:00Z"}]}}
  })";
  const AvailabilityAnswer answer = w.Answer(inline_document);
  const EngineAnswer engine = CallEngine("solve", inline_document, w.zones);
  CHECK(answer.http_status == 200);
  CHECK(answer.body == engine.body);
  CHECK(json::parse(answer.body) == Slots({"2026-12-02T23:00:00Z"}));  // no working hours inline: around the clock
  CHECK(w.sources.source->calls == 0);
  CHECK(w.holds.calls == 0);

  for (const char* broken : {"{", "[1, 2]", R"({"calendars": {}, "now": "yesterday"})"}) {
    CAPTURE(broken);
    const AvailabilityAnswer refused = w.Answer(broken);
    CHECK(refused.http_status == 422);
    CHECK(refused.body == CallEngine("solve", broken, w.zones).body);
  }
}

TEST_CASE("AvailabilityService: errors of bare queries and their HTTP statuses") {
  World w;
  json unknown = json::parse(kBareQuery);
  unknown["participants"][0]["members"].push_back({{"sub", "zed@acme.test"}});
  const AvailabilityAnswer unknown_answer = w.Answer(unknown.dump());
  CHECK(unknown_answer.http_status == 422);
  CHECK(json::parse(unknown_answer.body) ==
        json::parse(R"js({"error": {"code": "unknown_participant", "field": "query.participants[0].members[1].sub",
          "message": "\"zed@acme.test\" is not a person of tenant acme (add it to the tenant's directory, or send the calendars inline)"}})js"));

  const AvailabilityAnswer with_now =
      w.Answer(R"({"now": "2026-11-30T00:00:00Z", "query": )" + std::string(kBareQuery) + "}");
  CHECK(with_now.http_status == 422);
  CHECK(json::parse(with_now.body)["error"]["field"] == "now");

  const AvailabilityAnswer bad_except =
      w.Answer(R"({"except_interview_id": 7, "query": )" + std::string(kBareQuery) + "}");
  CHECK(bad_except.http_status == 422);
  CHECK(json::parse(bad_except.body)["error"]["field"] == "except_interview_id");

  // What the engine validates comes back in the engine's words.
  json no_duration = json::parse(kBareQuery);
  no_duration.erase("required_duration");
  const AvailabilityAnswer engine_error = w.Answer(no_duration.dump());
  CHECK(engine_error.http_status == 422);
  CHECK(json::parse(engine_error.body)["error"]["field"] == "query.required_duration");
  const AvailabilityAnswer not_object = w.Answer(R"({"query": [1]})");
  CHECK(not_object.http_status == 422);
  CHECK(json::parse(not_object.body)["error"]["code"] == "invalid_query");

  w.cache.Clear();  // the engine-error requests above gathered (and cached) Anna's calendar
  w.sources.source->errors["anna@acme.test"] = Error{"provider_unavailable", "Google answered 503 four times", ""};
  const AvailabilityAnswer unavailable = w.Answer(kBareQuery);
  CHECK(unavailable.http_status == 502);
  CHECK(json::parse(unavailable.body)["error"]["code"] == "calendar_unavailable");
  CHECK(json::parse(unavailable.body)["error"]["message"].get<std::string>().find("503 four times") !=
        std::string::npos);

  w.sources.source->errors["anna@acme.test"] = Error{"reauth_needed", "connect Google again", ""};
  CHECK(w.Answer(kBareQuery).http_status == 424);

  CHECK(Answered(w.service.Answer("nobody", kBareQuery, World::kNow)).http_status == 404);
  CHECK(HttpStatusFor("storage_error") == 500);
  CHECK(HttpStatusFor(EngineStatus::kInternalError) == 500);
}

TEST_CASE("AvailabilityService: tenant policies fill buffer, start_interval and host_rules the query leaves out") {
  World w(R"({"buffer": {"after": {"minutes": 60}}, "start_interval": {"minutes": 30},
              "host_rules": {"host_absent_no_jbh": "warn"}})");
  json query = json::parse(kBareQuery);
  query.erase("start_interval");
  // Wednesday 09:00–10:00 would end right where the busy hour starts: the policy's 60-minute buffer removes it;
  // the 30-minute grid adds 11:00 only (11:30 would end after 12:00).
  const AvailabilityAnswer answer = w.Answer(query.dump());
  REQUIRE_MESSAGE(answer.http_status == 200, answer.body);
  CHECK(json::parse(answer.body) == Slots({"2026-12-02T11:00:00Z"}));

  query["buffer"] = json::object();  // the query's own (empty) buffer wins
  const AvailabilityAnswer own = w.Answer(query.dump());
  CHECK(json::parse(own.body) == Slots({"2026-12-02T09:00:00Z", "2026-12-02T11:00:00Z"}));

  Result<json> document = w.service.BuildSolveDocument("acme", json::parse(kBareQuery), World::kNow, "", 300);
  REQUIRE(document.ok());
  Result<std::string> text = w.service.BuildSolveText("acme", json::parse(kBareQuery), World::kNow, "", 300);
  REQUIRE(text.ok());
  CHECK(text.value() == DumpJson(document.value()));  // what Answer sends the engine
  CHECK(document.value()["now"] == "2026-11-30T12:00:00Z");
  CHECK(document.value()["query"]["host_rules"] == json::parse(R"({"host_absent_no_jbh": "warn"})"));
  CHECK(document.value()["query"]["start_interval"] == json::parse(R"({"minutes": 60})"));  // the query's own
  CHECK(document.value()["query"]["buffer"] == json::parse(R"({"after": {"minutes": 60}})"));
}

TEST_CASE("AvailabilityService: the validation document reads calendars fresh and validates with the engine") {
  World w;
  REQUIRE(w.Answer(kBareQuery).http_status == 200);
  REQUIRE(w.sources.source->calls == 1);

  const json booking = json::parse(R"({"start": "2026-12-02T10:00:00Z", "end": "2026-12-02T11:00:00Z",
                                       "participants": [{"sub": "anna@acme.test"}]})");
  Result<json> document = w.service.BuildValidationDocument("acme", json::parse(kBareQuery), booking, World::kNow, "");
  REQUIRE_MESSAGE(document.ok(), document.error().message);
  CHECK(w.sources.source->calls == 2);  // fresh: read again although the cache had it
  CHECK(document.value()["booking"] == booking);
  const EngineAnswer busy = CallEngine("validate", DumpJson(document.value()), w.zones);
  REQUIRE(busy.status == EngineStatus::kOk);
  const json verdict = json::parse(busy.body);
  CHECK(verdict["valid"] == false);
  REQUIRE(verdict["violations"].size() == 1);
  CHECK(verdict["violations"][0]["code"] == "busy");

  json free_booking = booking;
  free_booking["start"] = "2026-12-02T09:00:00Z";
  free_booking["end"] = "2026-12-02T10:00:00Z";
  Result<json> cached = w.service.BuildValidationDocument("acme", json::parse(kBareQuery), free_booking, World::kNow,
                                                          "", /*fresh=*/false);
  REQUIRE(cached.ok());
  CHECK(w.sources.source->calls == 2);  // not fresh: the cache served
  CHECK(json::parse(CallEngine("validate", DumpJson(cached.value()), w.zones).body)["valid"] == true);

  // Tuesday is full (iv-1) unless the booking being checked is iv-1 itself.
  json tuesday = booking;
  tuesday["start"] = "2026-12-01T09:00:00Z";
  tuesday["end"] = "2026-12-01T10:00:00Z";
  Result<json> limited = w.service.BuildValidationDocument("acme", json::parse(kBareQuery), tuesday, World::kNow, "");
  REQUIRE(limited.ok());
  const json limit_verdict = json::parse(CallEngine("validate", DumpJson(limited.value()), w.zones).body);
  CHECK(limit_verdict["valid"] == false);
  CHECK(limit_verdict["violations"][0]["code"] == "load_limit");
  Result<json> itself =
      w.service.BuildValidationDocument("acme", json::parse(kBareQuery), tuesday, World::kNow, "iv-1");
  REQUIRE(itself.ok());
  CHECK(json::parse(CallEngine("validate", DumpJson(itself.value()), w.zones).body)["valid"] == true);

  CHECK(w.service
            .BuildValidationDocument("acme", json::parse(R"({"participants": [{"members": [{"sub": "x@y"}]}]})"),
                                     booking, World::kNow, "")
            .error()
            .code == "unknown_participant");
}

TEST_CASE("AvailabilityService: a calendar the provider refuses offers no time, says why, unless the query says free") {
  World w;
  w.sources.source->errors["anna@acme.test"] =
      Error{"provider_calendar_error", "anna@acme.test: notFound", "calendars.anna@acme.test.errors"};
  const AvailabilityAnswer blocked = w.Answer(kBareQuery);
  REQUIRE_MESSAGE(blocked.http_status == 200, blocked.body);
  const json answer = json::parse(blocked.body);
  CHECK(answer.at("available_slots") == json::array());
  REQUIRE(answer.contains("unknown_free_busy"));
  CHECK(answer.at("unknown_free_busy")[0].at("sub") == "anna@acme.test");
  CHECK(answer.at("unknown_free_busy")[0].at("treated_as") == "busy");
  CHECK(answer.at("unknown_free_busy")[0].at("reason").get<std::string>().find("notFound") != std::string::npos);

  // Opting in: Anna counts as free where Slotwise knows nothing against her; her own booked interview still counts
  // towards her day limit (Tuesday) — Wednesday's provider event is unknown now, so 09:00–11:00 all open.
  std::string free_query = kBareQuery;
  free_query.insert(free_query.find('{') + 1, R"("unknown_free_busy": "free",)");
  const json opened = json::parse(w.Answer(free_query).body);
  CHECK(opened.at("available_slots") ==
        Slots({"2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z"}).at("available_slots"));
  CHECK(opened.at("unknown_free_busy")[0].at("treated_as") == "free");
}
