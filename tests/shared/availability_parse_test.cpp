// Tests for shared/availability_parse: the document -> Problem, and every malformed input -> an Error with the code
// and the JSON path of the offending value. Never a throw, never a crash.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/json_text.h"
#include "slotwise/sequence.h"

using namespace slotwise;
using nlohmann::json;

namespace {

const json kValid = R"({
  "now": "2026-11-30T12:00:00Z",
  "query": {
    "participants": [
      {"members": [{"sub": "anna"}, {"sub": "ben"}], "required": "all"},
      {"members": [{"sub": "carl"}], "required": 1}],
    "required_duration": {"minutes": 60},
    "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-05T00:00:00Z"}],
    "start_interval": {"minutes": 30},
    "buffer": {"before": {"minutes": 10}, "after": {"minutes": 5}},
    "minimum_notice": {"minutes": 120},
    "response_format": "periods",
    "max_results": 100,
    "tentative_blocks": false,
    "rooms": {"members": [{"sub": "room-a"}], "required": 1, "min_capacity": 4},
    "conferencing": {"provider": "zoom", "host": "zoom:anna"}
  },
  "calendars": {
    "anna": {"working_hours": {"mon": [["09:00", "17:00"]], "tue": [["13:00", "17:00"], ["09:00", "12:00"]]},
             "max_interviews_per_day": 3, "max_interviews_per_week": 10,
             "busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z", "status": "tentative"},
                      {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "interview": true}]},
    "ben": {"busy": []},
    "carl": {},
    "room-a": {"capacity": 6, "busy": []},
    "zoom:anna": {"busy": []}
  }
})"_json;

InMemoryZoneSource& Zones() {
  static InMemoryZoneSource zones;
  return zones;
}

// Applies an RFC 7396 merge patch to the valid document and parses it; the error it must give.
Error ParseError(const json& patch) {
  json document = kValid;
  document.merge_patch(patch);
  Result<Problem> problem = ParseAvailabilityText(DumpJson(document), Zones());
  REQUIRE_FALSE(problem);
  return problem.error();
}

void CheckInvalid(const char* patch, const char* field, const char* code = "invalid_query") {
  CAPTURE(patch);
  const Error error = ParseError(json::parse(patch));
  CHECK(error.code == code);
  CHECK(error.field == field);
  CHECK_FALSE(error.message.empty());
}

// Each {patch, field}: invalid_query at `field` with the message `field` + `suffix`.
template <std::size_t N>
void CheckFieldMessages(const char* const (&cases)[N][2], const std::string& suffix) {
  for (const auto& [patch, field] : cases) {
    const std::string patch_text = patch;
    CAPTURE(patch_text);
    const Error error = ParseError(json::parse(patch));
    CHECK(error.code == "invalid_query");
    CHECK(error.field == field);
    CHECK(error.message == std::string(field) + suffix);
  }
}

}  // namespace

TEST_CASE("AvailabilityParse: a full document parses with every field read") {
  Result<Problem> problem = ParseAvailabilityText(DumpJson(kValid), Zones());
  REQUIRE(problem);
  const AvailabilityQuery& q = problem->query;
  CHECK(q.groups.size() == 2);
  CHECK(q.groups[0].required == 2);
  CHECK(q.duration == 3600);
  CHECK(q.start_interval == 1800);
  CHECK(q.buffer_before == 600);
  CHECK(q.buffer_after == 300);
  CHECK(q.minimum_notice == 7200);
  CHECK(q.response_format == ResponseFormat::kPeriods);
  CHECK(q.max_results == 100);
  CHECK_FALSE(q.tentative_blocks);
  REQUIRE(q.rooms);
  CHECK(q.rooms->min_capacity == 4);
  REQUIRE(q.conferencing);
  CHECK(q.conferencing->hosts.size() == 1);
  const Calendar& anna = problem->calendars[q.groups[0].members[0]];
  CHECK(anna.sub == "anna");
  CHECK_FALSE(anna.working_hours.around_the_clock);
  CHECK(anna.working_hours.windows[2] == std::vector<LocalWindow>{{9 * 3600, 12 * 3600}, {13 * 3600, 17 * 3600}});
  CHECK(anna.busy.front().interval.start == *ParseRfc3339("2026-12-01T09:00:00Z"));  // sorted by start
  CHECK(anna.busy.front().interview);
  CHECK(problem->calendars[q.groups[0].members[1]].working_hours.around_the_clock);
}

TEST_CASE("AvailabilityParse: defaults — 15-minute grid, no buffer, UTC, slots, 256 results, tentative blocks") {
  json document = kValid;
  for (const char* key : {"start_interval", "buffer", "minimum_notice", "response_format", "max_results",
                          "tentative_blocks", "rooms", "conferencing"}) {
    document["query"].erase(key);
  }
  Result<Problem> problem = ParseAvailabilityDocument(document, Zones());
  REQUIRE(problem);
  CHECK(problem->query.start_interval == 15 * 60);
  CHECK(problem->query.buffer_before == 0);
  CHECK(problem->query.zone->name() == "UTC");
  CHECK(problem->query.response_format == ResponseFormat::kSlots);
  CHECK(problem->query.max_results == 256);
  CHECK(problem->query.tentative_blocks);
  CHECK_FALSE(problem->query.rooms);
}

TEST_CASE("AvailabilityParse: missing and mistyped fields name their JSON path") {
  CheckInvalid(R"({"now": null})", "now");
  CheckInvalid(R"({"now": 5})", "now");
  CheckInvalid(R"({"query": {"required_duration": null}})", "query.required_duration");
  CheckInvalid(R"({"query": {"required_duration": {"minutes": "60"}}})", "query.required_duration.minutes");
  CheckInvalid(R"({"query": {"required_duration": {"minutes": 0}}})", "query.required_duration.minutes");
  CheckInvalid(R"({"query": {"required_duration": {"minutes": 1.5}}})", "query.required_duration.minutes");
  CheckInvalid(R"({"query": {"required_duration": {"minutes": 1441}}})", "query.required_duration.minutes");
  CheckInvalid(R"({"query": {"participants": []}})", "query.participants");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": "anna"}], "required": 2}]}})",
               "query.participants[0].required");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": "anna"}], "required": 0}]}})",
               "query.participants[0].required");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": "anna"}], "required": "some"}]}})",
               "query.participants[0].required");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": "anna"}, {"sub": "anna"}], "required": 1}]}})",
               "query.participants[0].members[1].sub");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": 7}], "required": 1}]}})",
               "query.participants[0].members[0].sub");
  CheckInvalid(R"({"query": {"participants": [{"members": [{"sub": "nobody"}], "required": 1}]}})",
               "query.participants[0].members[0].sub", "unknown_participant");
  CheckInvalid(R"({"query": {"query_periods": [{"start": "2026-12-02T00:00:00Z", "end": "2026-12-02T00:00:00Z"}]}})",
               "query.query_periods[0].end");
  CheckInvalid(R"({"query": {"query_periods": [{"start": "yesterday", "end": "2026-12-02T00:00:00Z"}]}})",
               "query.query_periods[0].start");
  CheckInvalid(R"({"query": {"start_interval": {"minutes": 7}}})", "query.start_interval.minutes");
  CheckInvalid(R"({"query": {"buffer": {"before": {"minutes": -5}}}})", "query.buffer.before.minutes");
  CheckInvalid(R"({"query": {"time_zone": "Mars/Olympus"}})", "query.time_zone", "unknown_time_zone");
  CheckInvalid(R"({"query": {"time_zone": "../../etc/passwd"}})", "query.time_zone", "unknown_time_zone");
  CheckInvalid(R"({"query": {"response_format": "grid"}})", "query.response_format");
  CheckInvalid(R"({"query": {"max_results": 513}})", "query.max_results");
  CheckInvalid(R"({"query": {"max_results": 0}})", "query.max_results");
  CheckInvalid(R"({"query": {"tentative_blocks": "no"}})", "query.tentative_blocks");
  CheckInvalid(R"({"query": {"explain": 1}})", "query.explain");
  CheckInvalid(R"({"query": {"rooms": {"members": [{"sub": "room-a"}], "required": 2}}})", "query.rooms.required");
  CheckInvalid(R"({"query": {"rooms": {"members": [{"sub": "room-a"}], "min_capacity": -1}}})", "query.rooms.min_capacity");
  CheckInvalid(R"({"query": {"conferencing": {"provider": "skype", "host": "zoom:anna"}}})", "query.conferencing.provider");
  CheckInvalid(R"({"query": {"conferencing": {"provider": "zoom", "host": "zoom:nobody"}}})", "query.conferencing.host",
               "unknown_participant");
}

TEST_CASE("AvailabilityParse: calendar errors name the calendar by its quoted sub") {
  CheckInvalid(R"({"calendars": {"anna": {"time_zone": "Nowhere/Land"}}})", R"(calendars["anna"].time_zone)",
               "unknown_time_zone");
  CheckInvalid(R"({"calendars": {"anna": {"working_hours": {"mon": [["25:00", "26:00"]]}}}})",
               R"(calendars["anna"].working_hours.mon[0][0])");
  CheckInvalid(R"({"calendars": {"anna": {"working_hours": {"mon": [["17:00", "09:00"]]}}}})",
               R"(calendars["anna"].working_hours.mon[0][1])");
  CheckInvalid(R"({"calendars": {"anna": {"working_hours": {"monday": [["09:00", "17:00"]]}}}})",
               R"(calendars["anna"].working_hours.monday)");
  CheckInvalid(R"({"calendars": {"anna": {"working_hours": {"mon": ["09:00", "17:00"]}}}})",
               R"(calendars["anna"].working_hours.mon[0])");
  CheckInvalid(R"({"calendars": {"anna": {"busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T09:00:00Z"}]}}})",
               R"(calendars["anna"].busy[0].end)");
  CheckInvalid(R"({"calendars": {"anna": {"busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z",
               "status": "maybe"}]}}})", R"(calendars["anna"].busy[0].status)");
  CheckInvalid(R"({"calendars": {"room-a": {"capacity": -1}}})", R"(calendars["room-a"].capacity)");
  CheckInvalid(R"({"calendars": {"anna": {"max_interviews_per_day": "3"}}})", R"(calendars["anna"].max_interviews_per_day)");
  CheckInvalid(R"({"calendars": {"weird\"sub": 5}})", R"(calendars["weird\"sub"])");
}

TEST_CASE("AvailabilityParse: limits are errors, never hangs") {
  json periods = json::array();
  for (int i = 0; i < 51; ++i) periods.push_back({{"start", "2026-12-01T00:00:00Z"}, {"end", "2026-12-02T00:00:00Z"}});
  CheckInvalid(DumpJson(json{{"query", {{"query_periods", periods}}}}).c_str(), "query.query_periods");
  CheckInvalid(R"({"query": {"query_periods": [{"start": "2026-01-01T00:00:00Z", "end": "2027-06-01T00:00:00Z"}]}})",
               "query.query_periods");
  CheckInvalid(R"({"query": {"minimum_notice": {"minutes": 99999999999999}}})", "query.minimum_notice.minutes");
  CheckInvalid(R"({"query": {"required_duration": {"minutes": 18446744073709551615}}})", "query.required_duration.minutes");
}

TEST_CASE("AvailabilityParse: text that is not JSON, or not an object, is an error") {
  CHECK(ParseAvailabilityText(std::string_view("{"), Zones()).error().code == "invalid_json");
  CHECK(ParseAvailabilityText(std::string_view("[]"), Zones()).error().code == "invalid_query");
  CHECK(ParseAvailabilityText(std::string_view(R"({"now": "2026-01-01T00:00:00Z", "calendars": {}, "query": 3})"),
                                  Zones()).error().field == "query");
}

TEST_CASE("AvailabilityParse: the optional candidate — external by default, own zone and hours") {
  json document = kValid;
  Result<Problem> without = ParseAvailabilityDocument(document, Zones());
  REQUIRE(without);
  CHECK_FALSE(without->query.candidate.has_value());

  document["query"]["candidate"] = R"({"email": "kim@example.test", "time_zone": "UTC",
                                       "working_hours": {"mon": [["18:00", "22:00"]]}})"_json;
  Result<Problem> with = ParseAvailabilityDocument(document, Zones());
  REQUIRE(with);
  REQUIRE(with->query.candidate.has_value());
  const CandidateInfo& candidate = *with->query.candidate;
  CHECK(candidate.email == "kim@example.test");
  CHECK(candidate.external);
  CHECK(candidate.zone->name() == "UTC");
  CHECK_FALSE(candidate.working_hours.around_the_clock);
  CHECK(candidate.working_hours.windows[1] == std::vector<LocalWindow>{{18 * 3600, 22 * 3600}});

  CheckInvalid(R"({"query": {"candidate": {"external": "yes"}}})", "query.candidate.external");
  CheckInvalid(R"({"query": {"candidate": {"time_zone": "Atlantis/Capital"}}})", "query.candidate.time_zone",
               "unknown_time_zone");
  CheckInvalid(R"({"query": {"candidate": {"working_hours": {"mon": [["22:00", "18:00"]]}}}})",
               "query.candidate.working_hours.mon[0][1]");
  CheckInvalid(R"({"query": {"candidate": []}})", "query.candidate");
}

TEST_CASE("AvailabilityParse: a key the query does not know is refused with its path, never silently dropped") {
  // A Cronofy client's per-member available_periods used to be dropped: slots came back outside that member's window.
  const char* const cases[][2] = {
      {R"({"query": {"participants": [{"members": [{"sub": "anna"}, {"sub": "ben", "available_periods":
          [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]}], "required": "all"}]}})",
       "query.participants[0].members[1].available_periods"},
      {R"({"query": {"participants": [{"members": [{"sub": "anna", "managed_availability": true}], "required": 1}]}})",
       "query.participants[0].members[0].managed_availability"},
      {R"({"query": {"participants": [{"members": [{"sub": "anna"}], "required": 1, "foo": 1}]}})",
       "query.participants[0].foo"},
      {R"({"query": {"some_future_field": {"ignored": true}}})", "query.some_future_field"},
      {R"({"query": {"required_duration": {"minutes": 60, "seconds": 1}}})", "query.required_duration.seconds"},
      {R"({"query": {"query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-02T00:00:00Z", "tzid": "x"}]}})",
       "query.query_periods[0].tzid"},
      {R"({"query": {"start_interval": {"minutes": 30, "x": 0}}})", "query.start_interval.x"},
      {R"({"query": {"buffer": {"during": {"minutes": 5}}}})", "query.buffer.during"},
      {R"({"query": {"buffer": {"before": {"minutes": 5, "hours": 1}}}})", "query.buffer.before.hours"},
      {R"({"query": {"minimum_notice": {"minutes": 5, "x": 0}}})", "query.minimum_notice.x"},
      {R"({"query": {"rooms": {"members": [{"sub": "room-a"}], "capacity": 3}}})", "query.rooms.capacity"},
      {R"({"query": {"rooms": {"members": [{"sub": "room-a", "x": 1}]}}})", "query.rooms.members[0].x"},
      {R"({"query": {"conferencing": {"provider": "zoom", "host": "zoom:anna", "passcode": true}}})",
       "query.conferencing.passcode"},
      {R"({"query": {"conferencing": {"provider": "zoom", "host": null, "hosts": {"members": [{"sub": "zoom:anna"}],
          "x": 1}}}})", "query.conferencing.hosts.x"},
      {R"({"query": {"candidate": {"email": "kim@example.test", "name": "Kim"}}})", "query.candidate.name"},
      {R"({"query": {"host_rules": {"host_absent_no_jbh": "warn", "x": "refuse"}}})", "query.host_rules.x"},
  };
  CheckFieldMessages(cases, ": unknown field");
}

TEST_CASE("AvailabilityParse: unknown keys of a loop's stages are refused with their path") {
  json document = kValid;
  document["query"].erase("rooms");
  document["query"].erase("conferencing");
  document["query"]["response_format"] = "slots";
  document["query"]["sequence"] = R"([{"sequence_id": "a", "participants": [{"members": [{"sub": "anna"}],
      "required": "all"}], "required_duration": {"minutes": 30}}])"_json;
  REQUIRE(ParseLoopDocument(document, Zones()));
  const std::pair<json, const char*> cases[] = {
      {R"({"sequence_id": "a", "participants": [{"members": [{"sub": "anna"}], "required": 1}],
          "required_duration": {"minutes": 30}, "start_interval": {"minutes": 15}})"_json,
       "query.sequence[0].start_interval"},
      {R"({"sequence_id": "a", "participants": [{"members": [{"sub": "anna"}], "required": 1}],
          "required_duration": {"minutes": 30}, "buffer": {"after": {"minimum": {"minutes": 5}}}})"_json,
       "query.sequence[0].buffer.after"},
      {R"({"sequence_id": "a", "participants": [{"members": [{"sub": "anna"}], "required": 1}],
          "required_duration": {"minutes": 30}, "buffer": {"before": {"minimum": {"minutes": 5}, "x": 1}}})"_json,
       "query.sequence[0].buffer.before.x"},
  };
  for (const auto& [stage, field] : cases) {
    const std::string field_text = field;
    CAPTURE(field_text);
    document["query"]["sequence"] = json::array({stage});
    Result<LoopProblem> problem = ParseLoopDocument(document, Zones());
    REQUIRE_FALSE(problem);
    CHECK(problem.error().field == field);
    CHECK(problem.error().message == std::string(field) + ": unknown field");
  }
}

TEST_CASE("AvailabilityParse: instants outside 1970-01-01 .. 2200-12-31 (UTC) are refused, naming the range") {
  const char* const cases[][2] = {
      {R"({"now": "9999-12-31T00:00:00Z"})", "now"},
      {R"({"now": "1969-12-31T23:59:59Z"})", "now"},
      {R"({"query": {"query_periods": [{"start": "0000-01-01T00:00:00Z", "end": "2026-12-02T00:00:00Z"}]}})",
       "query.query_periods[0].start"},
      {R"({"query": {"query_periods": [{"start": "2201-01-01T00:00:01Z", "end": "2201-01-02T00:00:00Z"}]}})",
       "query.query_periods[0].start"},
      {R"({"query": {"query_periods": [{"start": "2200-12-31T00:00:00Z", "end": "2201-01-01T00:00:01Z"}]}})",
       "query.query_periods[0].end"},
      {R"({"calendars": {"anna": {"busy": [{"start": "2026-12-01T10:00:00Z", "end": "9999-01-01T00:00:00Z"}]}}})",
       R"(calendars["anna"].busy[0].end)"},
  };
  CheckFieldMessages(cases, " is outside the supported range 1970-01-01 .. 2200-12-31 (UTC)");
  // The last supported second and the epoch itself are accepted (the end of a period may be 2201-01-01T00:00:00Z:
  // intervals are half-open).
  json document = kValid;
  document["now"] = "1970-01-01T00:00:00Z";
  document["query"]["query_periods"] = R"([{"start": "2200-12-30T00:00:00Z", "end": "2201-01-01T00:00:00Z"}])"_json;
  CHECK(ParseAvailabilityDocument(document, Zones()));
  // Text that is not RFC 3339 keeps its message.
  CHECK(ParseError(json::parse(R"({"now": "2026-13-01T00:00:00Z"})")).message == "now is not a valid RFC 3339 time");
}
