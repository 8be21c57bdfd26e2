// Scenarios for shared/solver, one per docs/ENGINE.md rule, each through the "solve" engine operation with a small
// inline document. Times in comments are local wall times of the zone named in the scenario.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "slotwise/engine_api.h"

#include "support/system_zones.h"

using namespace slotwise;
using nlohmann::json;

namespace {

ZoneSource& Zones() { return testing::SystemZones(); }

// A document with one participant "anna" (around the clock unless `anna` says otherwise) and the query `query`
// merged over sensible defaults (60-minute slots, 60-minute grid, one period 2026-12-01 08:00Z–12:00Z).
json Document(const json& query_overrides, const json& calendars_overrides = json::object()) {
  json query = R"({
    "participants": [{"members": [{"sub": "anna"}], "required": "all"}],
    "required_duration": {"minutes": 60},
    "start_interval": {"minutes": 60},
    "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z"}]
  })"_json;
  if (query_overrides.is_object()) query.merge_patch(query_overrides);
  json calendars = R"({"anna": {"busy": []}})"_json;
  if (calendars_overrides.is_object()) calendars.merge_patch(calendars_overrides);
  return {{"now", "2026-01-01T00:00:00Z"}, {"query", query}, {"calendars", calendars}};
}

json Solve(const json& document) {
  const EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
  INFO(answer.body);
  REQUIRE(answer.status == EngineStatus::kOk);
  return json::parse(answer.body);
}

// The start times of the answer's slots, as "HH:MM" UTC when all on 2026-12-01, else full RFC 3339.
std::vector<std::string> Starts(const json& answer) {
  std::vector<std::string> starts;
  for (const json& slot : answer.at("available_slots")) {
    const std::string start = slot.at("start");
    starts.push_back(start.rfind("2026-12-01T", 0) == 0 ? start.substr(11, 5) : start);
  }
  return starts;
}

std::vector<std::string> Subs(const json& list) {
  std::vector<std::string> subs;
  for (const json& member : list) subs.push_back(member.at("sub"));
  return subs;
}

using Strings = std::vector<std::string>;

}  // namespace

namespace doctest {
template <>
struct StringMaker<Strings> {
  static String convert(const Strings& strings) {
    std::string text = "{";
    for (const std::string& s : strings) text += (text.size() > 1 ? ", " : "") + s;
    return (text + "}").c_str();
  }
};
}  // namespace doctest

TEST_CASE("Solver: events are half-open — an event ending at 10:00 does not block a slot starting at 10:00") {
  const json doc = Document({}, R"({"anna": {"busy": [
      {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "status": "busy"}]}})"_json);
  CHECK(Starts(Solve(doc)) == Strings{"08:00", "10:00", "11:00"});
}

TEST_CASE("Solver: buffers extend the window checked against events on both sides") {
  const json doc = Document(R"({"start_interval": {"minutes": 10}, "buffer": {"before": {"minutes": 10}, "after": {"minutes": 20}},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:30:00Z"}]})"_json,
                            R"({"anna": {"busy": [
      {"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z", "status": "busy"}]}})"_json);
  const Strings starts = Starts(Solve(doc));
  // Latest start before: 08:40 (ends 09:40, +20 min after-buffer = 10:00). Earliest after: 11:10 (11:10 - 10 = 11:00).
  CHECK(starts == Strings{"08:00", "08:10", "08:20", "08:30", "08:40", "11:10", "11:20", "11:30"});
}

TEST_CASE("Solver: working hours follow the member's own zone across a DST change") {
  // Anna works 09:00–10:00 in New York. Fri 2026-03-06 is EST (-5), Mon 2026-03-09 is EDT (-4).
  const json doc = Document(R"({"query_periods": [{"start": "2026-03-06T00:00:00Z", "end": "2026-03-10T00:00:00Z"}]})"_json,
                            R"({"anna": {"time_zone": "America/New_York",
                                "working_hours": {"mon": [["09:00", "10:00"]], "fri": [["09:00", "10:00"]]}}})"_json);
  CHECK(Starts(Solve(doc)) == Strings{"2026-03-06T14:00:00Z", "2026-03-09T13:00:00Z"});
}

TEST_CASE("Solver: the grid follows the wall clock — a skipped local time yields no start") {
  // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT. A 45-minute grid: 00:00, 00:45, 01:30, (02:15 skipped), 03:00.
  const json doc = Document(R"({"time_zone": "America/New_York", "start_interval": {"minutes": 45},
      "required_duration": {"minutes": 15},
      "query_periods": [{"start": "2026-03-08T05:00:00Z", "end": "2026-03-08T08:00:00Z"}]})"_json);
  CHECK(Starts(Solve(doc)) ==
        Strings{"2026-03-08T05:00:00Z", "2026-03-08T05:45:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z",
                "2026-03-08T07:45:00Z"});
}

TEST_CASE("Solver: the grid follows the wall clock — a repeated local time yields two starts") {
  // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST. 45-minute grid: 00:00, 00:45, 01:30 EDT, 01:30 EST, 02:15.
  const json doc = Document(R"({"time_zone": "America/New_York", "start_interval": {"minutes": 45},
      "required_duration": {"minutes": 15},
      "query_periods": [{"start": "2026-11-01T04:00:00Z", "end": "2026-11-01T07:30:00Z"}]})"_json);
  CHECK(Starts(Solve(doc)) ==
        Strings{"2026-11-01T04:00:00Z", "2026-11-01T04:45:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z",
                "2026-11-01T07:15:00Z"});
}

TEST_CASE("Solver: the grid is local to the query's time_zone (Kolkata +05:30 puts whole hours at :30 UTC)") {
  const json doc = Document(R"({"time_zone": "Asia/Kolkata"})"_json);
  CHECK(Starts(Solve(doc)) == Strings{"08:30", "09:30", "10:30"});
}

TEST_CASE("Solver: a group needs `required` free members; \"all\" needs every one") {
  const json calendars = R"({"anna": {"busy": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"}]},
                             "ben": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]}})"_json;
  json all = Document(R"({"participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": "all"}]})"_json,
                      calendars);
  CHECK(Starts(Solve(all)) == Strings{"10:00", "11:00"});
  json one = Document(R"({"participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": 1}]})"_json,
                      calendars);
  const json answer = Solve(one);
  CHECK(Starts(answer) == Strings{"08:00", "09:00", "10:00", "11:00"});
  // participants lists every free member, in query order.
  CHECK(Subs(answer["available_slots"][0]["participants"]) == Strings{"ben"});
  CHECK(Subs(answer["available_slots"][1]["participants"]) == Strings{"anna"});
  CHECK(Subs(answer["available_slots"][2]["participants"]) == Strings{"anna", "ben"});
}

TEST_CASE("Solver: participants lists every free member of every group in query order, each once") {
  const json doc = Document(R"({"participants": [
      {"members": [{"sub": "carl"}, {"sub": "anna"}], "required": "all"},
      {"members": [{"sub": "ben"}, {"sub": "anna"}, {"sub": "dora"}], "required": 1}]})"_json,
                            R"({"ben": {}, "carl": {}, "dora": {"busy": [
      {"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"}]}})"_json);
  const json answer = Solve(doc);
  CHECK(Subs(answer["available_slots"][0]["participants"]) == Strings{"carl", "anna", "ben"});
  CHECK(Subs(answer["available_slots"][1]["participants"]) == Strings{"carl", "anna", "ben", "dora"});
}

TEST_CASE("Solver: rooms must be free, big enough, and at least `required` of them; all usable ones are listed") {
  const json calendars = R"({
      "small": {"capacity": 2, "busy": []},
      "big": {"capacity": 8, "busy": [{"start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:00:00Z"}]},
      "huge": {"capacity": 20, "busy": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z"}]},
      "unknown": {"busy": []}})"_json;
  const json one = Solve(Document(R"({"rooms": {"members": [{"sub": "small"}, {"sub": "big"}, {"sub": "huge"},
      {"sub": "unknown"}], "required": 1, "min_capacity": 4}})"_json, calendars));
  CHECK(Starts(one) == Strings{"08:00", "09:00", "10:00", "11:00"});
  CHECK(Subs(one["available_slots"][0]["rooms"]) == Strings{"huge"});
  CHECK(Subs(one["available_slots"][1]["rooms"]) == Strings{"big", "huge"});
  CHECK(Subs(one["available_slots"][2]["rooms"]) == Strings{"big"});
  const json two = Solve(Document(R"({"rooms": {"members": [{"sub": "small"}, {"sub": "big"}, {"sub": "huge"}],
      "required": 2, "min_capacity": 4}})"_json, calendars));
  CHECK(Starts(two) == Strings{"09:00", "11:00"});
  // Without min_capacity every free room counts, even one of unknown capacity.
  const json any = Solve(Document(R"({"rooms": {"members": [{"sub": "unknown"}]}})"_json, calendars));
  CHECK(Subs(any["available_slots"][0]["rooms"]) == Strings{"unknown"});
}

TEST_CASE("Solver: minimum_notice counts from now") {
  json doc = Document(R"({"minimum_notice": {"minutes": 150}})"_json);
  doc["now"] = "2026-12-01T07:45:00Z";  // earliest start 10:15 -> the 60-minute grid gives 11:00
  CHECK(Starts(Solve(doc)) == Strings{"11:00"});
}

TEST_CASE("Solver: max_results keeps the earliest slots") {
  const json doc = Document(R"({"max_results": 2, "start_interval": {"minutes": 15}})"_json);
  CHECK(Starts(Solve(doc)) == Strings{"08:00", "08:15"});
}

TEST_CASE("Solver: load limits count interview events per local day in the member's zone, whatever their status") {
  // Berlin: 2026-12-01T23:30Z is already 2026-12-02 00:30 local, so it counts for the 2nd, not the 1st.
  const json calendars = R"({"anna": {"time_zone": "Europe/Berlin", "max_interviews_per_day": 1, "busy": [
      {"start": "2026-12-01T23:30:00Z", "end": "2026-12-01T23:45:00Z", "status": "free", "interview": true}]}})"_json;
  const json doc = Document(R"({"query_periods": [{"start": "2026-12-01T21:00:00Z", "end": "2026-12-02T01:00:00Z"}]})"_json,
                            calendars);
  // 21:00Z and 22:00Z are on the 1st locally (22:00, 23:00 CET); 23:00Z on is the 2nd, already at its limit.
  CHECK(Starts(Solve(doc)) == Strings{"21:00", "22:00"});
}

TEST_CASE("Solver: weekly load limits use ISO weeks in the member's zone") {
  // Two interviews in the ISO week of Mon 2026-11-30 .. Sun 2026-12-06; the limit is 2.
  const json calendars = R"({"anna": {"max_interviews_per_week": 2, "busy": [
      {"start": "2026-11-30T08:00:00Z", "end": "2026-11-30T09:00:00Z", "interview": true},
      {"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T09:00:00Z", "status": "tentative", "interview": true}]}})"_json;
  const json doc = Document(R"({"start_interval": {"minutes": 60}, "required_duration": {"minutes": 60},
      "query_periods": [{"start": "2026-12-06T22:00:00Z", "end": "2026-12-07T01:00:00Z"}]})"_json, calendars);
  CHECK(Starts(Solve(doc)) == Strings{"2026-12-07T00:00:00Z"});  // Monday the 7th starts a new week
}

TEST_CASE("Solver: tentative blocks unless tentative_blocks is false; free and working_elsewhere never block") {
  const json calendars = R"({"anna": {"busy": [
      {"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z", "status": "tentative"},
      {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "status": "free"},
      {"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z", "status": "working_elsewhere"},
      {"start": "2026-12-01T11:00:00Z", "end": "2026-12-01T12:00:00Z", "status": "oof"}]}})"_json;
  CHECK(Starts(Solve(Document({}, calendars))) == Strings{"09:00", "10:00"});
  CHECK(Starts(Solve(Document(R"({"tentative_blocks": false})"_json, calendars))) == Strings{"08:00", "09:00", "10:00"});
}

TEST_CASE("Solver: a sub without a calendar is unknown_participant, not free") {
  const json doc = Document(R"({"participants": [{"members": [{"sub": "anna"}, {"sub": "ghost"}], "required": 1}]})"_json);
  const EngineAnswer answer = CallEngine("solve", doc.dump(), Zones());
  CHECK(answer.status == EngineStatus::kInvalidInput);
  const json body = json::parse(answer.body);
  CHECK(body["error"]["code"] == "unknown_participant");
  CHECK(body["error"]["field"] == "query.participants[0].members[1].sub");
}

TEST_CASE("Solver: working hours — none given is around the clock, a missing weekday has no hours, 24:00 is midnight") {
  // 2026-12-01 is a Tuesday; 2026-12-02 a Wednesday.
  const json period = R"({"query_periods": [{"start": "2026-12-01T21:00:00Z", "end": "2026-12-02T03:00:00Z"}]})"_json;
  CHECK(Starts(Solve(Document(period))).size() == 6);  // around the clock
  const json late = R"({"anna": {"working_hours": {"tue": [["22:00", "24:00"]], "wed": [["00:00", "01:00"]]}}})"_json;
  // Tuesday 22:00–24:00 and Wednesday 00:00–01:00 join: 22:00, 23:00 and 00:00 start there.
  CHECK(Starts(Solve(Document(period, late))) ==
        Strings{"22:00", "23:00", "2026-12-02T00:00:00Z"});
  const json tuesday_only = R"({"anna": {"working_hours": {"tue": [["22:00", "24:00"]]}}})"_json;
  CHECK(Starts(Solve(Document(period, tuesday_only))) == Strings{"22:00", "23:00"});
}

TEST_CASE("Solver: periods are maximal runs with the same free members, [first start, last start + duration)") {
  const json calendars = R"({"anna": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T09:30:00Z"}]},
                             "ben": {"busy": [{"start": "2026-12-01T10:30:00Z", "end": "2026-12-01T12:00:00Z"}]}})"_json;
  const json doc = Document(R"({"response_format": "periods", "required_duration": {"minutes": 30},
      "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": 1}]})"_json, calendars);
  const json periods = Solve(doc)["available_periods"];
  // Whole-minute starts (no grid): both 08:00..08:30, ben 08:31..09:29, both 09:30..10:00, anna 10:01..11:30.
  REQUIRE(periods.size() == 4);
  CHECK(periods[0]["start"] == "2026-12-01T08:00:00Z");
  CHECK(periods[0]["end"] == "2026-12-01T09:00:00Z");
  CHECK(Subs(periods[0]["participants"]) == Strings{"anna", "ben"});
  CHECK(periods[1]["start"] == "2026-12-01T08:31:00Z");
  CHECK(periods[1]["end"] == "2026-12-01T09:59:00Z");
  CHECK(Subs(periods[1]["participants"]) == Strings{"ben"});
  CHECK(periods[2]["start"] == "2026-12-01T09:30:00Z");
  CHECK(periods[2]["end"] == "2026-12-01T10:30:00Z");
  CHECK(periods[3]["start"] == "2026-12-01T10:01:00Z");
  CHECK(periods[3]["end"] == "2026-12-01T12:00:00Z");
  CHECK(Subs(periods[3]["participants"]) == Strings{"anna"});
}

TEST_CASE("Solver: a busy conferencing host account removes the slot; free hosts are listed") {
  const json calendars = R"({"zoom:anna": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]}})"_json;
  const json answer = Solve(Document(R"({"conferencing": {"provider": "zoom", "host": "zoom:anna"}})"_json, calendars));
  CHECK(Starts(answer) == Strings{"08:00", "10:00", "11:00"});
  CHECK(Subs(answer["available_slots"][0]["hosts"]) == Strings{"zoom:anna"});
  CHECK_FALSE(answer["available_slots"][0].contains("rooms"));
}
