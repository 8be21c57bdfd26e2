// HR absences feed scheduling, end to end: an approved absence imported through the HR API makes the interviewer out
// of office for the engine (POST /v1/availability offers no time in it, the solve document shows it as "oof"),
// a half day blocks only its half, and a requested (not yet approved) absence blocks nothing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// Jonas (Berlin, 08:30–16:30 in the sandbox's demo organisation) alone, 60 minutes on the hour, over one Berlin day.
json JonasQuery(const Day& day) {
  return {{"participants", {{{"members", {{{"sub", "jonas.becker@kumo.example"}}}}, {"required", "all"}}}},
          {"required_duration", {{"minutes", 60}}},
          {"start_interval", {{"minutes", 60}}},
          {"time_zone", "Europe/Berlin"},
          {"query_periods", {{{"start", FormatRfc3339(day.midnight)}, {"end", FormatRfc3339(day.midnight + 86400)}}}}};
}

std::size_t SlotCount(ProviderWorld& world, const Day& day) {
  const HttpAnswer answer = world.Api("POST", "/v1/availability", JonasQuery(day));
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body).at("available_slots").size();
}

}  // namespace

TEST_CASE("HR absences: an approved absence makes the interviewer out of office for the engine") {
  ProviderWorld world(true, true);
  const Day tuesday = FreeWeekDay(world.Now(), 2), thursday = FreeWeekDay(world.Now(), 4);
  // Next week is free in the sandbox: 08:30–16:30 on the hour gives starts 09:00 … 15:00 = 7 slots a day.
  REQUIRE(SlotCount(world, tuesday) == 7);
  REQUIRE(SlotCount(world, thursday) == 7);

  REQUIRE(world.Api("PUT", "/v1/hr/employees",
                    {{"employees", {{{"id", "e-jonas"}, {"first_name", "Jonas"}, {"last_name", "Becker"},
                                     {"email", "Jonas.Becker@kumo.example"}, {"time_zone", "Europe/Berlin"}}}}})
              .status == 200);
  const HttpAnswer absences = world.Api(
      "PUT", "/v1/hr/absences",
      {{"absences",
        {{{"id", "a-tue"}, {"employee_id", "e-jonas"}, {"type", "vacation"}, {"first_day", tuesday.date},
          {"last_day", tuesday.date}, {"status", "approved"}},
         // Thursday afternoon only: the half-day split is the middle of his working hours, 12:30.
         {{"id", "a-thu"}, {"employee_id", "e-jonas"}, {"type", "vacation"}, {"first_day", thursday.date},
          {"first_day_part", "afternoon"}, {"last_day", thursday.date}, {"status", "approved"}}}}});
  REQUIRE_MESSAGE(absences.status == 200, absences.body);

  CHECK(SlotCount(world, tuesday) == 0);
  // Thursday: 09:00, 10:00, 11:00 end by 12:00 — before the afternoon begins at 12:30; 12:00 would run into it.
  CHECK(SlotCount(world, thursday) == 3);

  const json document = json::parse(world.Api("POST", "/v1/availability/document", JonasQuery(tuesday)).body);
  bool oof = false;
  for (const json& event : document.at("calendars").at("jonas.becker@kumo.example").at("busy")) {
    oof = oof || event.at("status") == "oof";
  }
  CHECK(oof);
}

TEST_CASE("HR absences: a requested absence blocks nothing until it is approved") {
  ProviderWorld world(true, true);
  const Day wednesday = FreeWeekDay(world.Now(), 3);
  REQUIRE(world.Api("PUT", "/v1/hr/employees",
                    {{"employees", {{{"id", "e-jonas"}, {"first_name", "Jonas"}, {"last_name", "Becker"},
                                     {"email", "jonas.becker@kumo.example"}}}}})
              .status == 200);
  json absence = {{"id", "a-wed"}, {"employee_id", "e-jonas"}, {"type", "vacation"}, {"first_day", wednesday.date},
                  {"last_day", wednesday.date}, {"status", "requested"}};
  REQUIRE(world.Api("PUT", "/v1/hr/absences", {{"absences", {absence}}}).status == 200);
  CHECK(SlotCount(world, wednesday) == 7);
  absence["status"] = "approved";
  REQUIRE(world.Api("PUT", "/v1/hr/absences", {{"absences", {absence}}}).status == 200);
  CHECK(SlotCount(world, wednesday) == 0);  // the cached absences were reloaded after the write
}
