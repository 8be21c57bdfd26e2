// Tests for shared/explain: why grid starts are unavailable (each reason with its culprit) and which single
// relaxation opens the most slots.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "slotwise/explain.h"

using namespace slotwise;
using nlohmann::json;

namespace {

InMemoryZoneSource& Zones() {
  static InMemoryZoneSource zones;
  return zones;
}

// Anna (08:00–12:00 working hours, UTC) and Ben in one group ("all"), a small and a big room, 60-minute slots on a
// 60-minute grid over 2026-12-01 08:00–13:00Z, a 15-minute buffer before, now 07:30Z with 60 minutes' notice.
// Grid starts: 08:00 notice; 09:00 both busy; 10:00 Ben's event 09:50–09:55 is in the buffer; 11:00 available;
// 12:00 outside Anna's hours and no usable room (small too small, big busy).
Problem Scenario() {
  const json document = R"({
    "now": "2026-12-01T07:30:00Z",
    "query": {
      "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": "all"}],
      "required_duration": {"minutes": 60}, "start_interval": {"minutes": 60},
      "buffer": {"before": {"minutes": 15}, "after": {"minutes": 0}},
      "minimum_notice": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T13:00:00Z"}],
      "rooms": {"members": [{"sub": "small"}, {"sub": "big"}], "required": 1, "min_capacity": 5},
      "explain": true
    },
    "calendars": {
      "anna": {"working_hours": {"tue": [["08:00", "12:00"]]}, "busy": [
        {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T09:40:00Z", "status": "tentative"}]},
      "ben": {"busy": [{"start": "2026-12-01T09:50:00Z", "end": "2026-12-01T09:55:00Z", "status": "busy"}]},
      "small": {"capacity": 2, "busy": []},
      "big": {"capacity": 8, "busy": [{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z"}]}
    }})"_json;
  Result<Problem> problem = ParseAvailabilityDocument(document, Zones());
  REQUIRE(problem);
  return std::move(problem).value();
}

std::vector<std::string> Codes(const UnavailableStart& start) {
  std::vector<std::string> codes;
  const json explained = ExplanationToJson(Scenario(), Explanation{0, {start}, false, {}});
  for (const json& r : explained["unavailable"][0]["reasons"]) codes.push_back(r["code"]);
  return codes;
}

}  // namespace

TEST_CASE("Explain: every unavailable grid start carries its reasons and culprits") {
  const Problem problem = Scenario();
  const Explanation explanation = Explain(problem);
  CHECK(explanation.available_starts == 1);
  REQUIRE(explanation.unavailable.size() == 4);
  CHECK_FALSE(explanation.truncated);
  const json as_json = ExplanationToJson(problem, explanation);
  const json& unavailable = as_json["unavailable"];
  CHECK(unavailable[0]["start"] == "2026-12-01T08:00:00Z");
  CHECK(unavailable[0]["reasons"] == json::parse(R"([{"code": "minimum_notice", "earliest": "2026-12-01T08:30:00Z",
      "message": "It starts before the earliest allowed time, 2026-12-01 08:30 UTC."}])"));
  CHECK(Codes(explanation.unavailable[1]) == std::vector<std::string>{"group_short", "busy", "busy"});
  CHECK(unavailable[1]["reasons"][0] == json::parse(R"({"code": "group_short", "group": 0, "free": 0,
      "required": 2, "message": "Group 1 has 0 of the 2 required members free."})"));
  CHECK(unavailable[1]["reasons"][1] == json::parse(R"({"code": "busy", "sub": "anna", "status": "tentative",
      "interval": {"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T09:40:00Z"},
      "message": "anna is tentatively booked 2026-12-01 09:00–09:40 UTC."})"));
  CHECK(unavailable[1]["reasons"][2]["sub"] == "ben");
  CHECK(Codes(explanation.unavailable[2]) == std::vector<std::string>{"group_short", "buffer"});
  CHECK(unavailable[2]["reasons"][1]["sub"] == "ben");
  CHECK(unavailable[3]["start"] == "2026-12-01T12:00:00Z");
  CHECK(Codes(explanation.unavailable[3]) ==
        std::vector<std::string>{"group_short", "outside_working_hours", "rooms_short", "room_capacity", "room_busy"});
  CHECK(unavailable[3]["reasons"][3] == json::parse(R"({"code": "room_capacity", "sub": "small", "capacity": 2,
      "min_capacity": 5, "message": "Room small holds 2; the interview needs 5."})"));
  CHECK(unavailable[3]["reasons"][4]["sub"] == "big");
  CHECK(unavailable[2]["reasons"][1]["message"].get<std::string>().find("inside the buffer") != std::string::npos);
}

TEST_CASE("Explain: relaxations are the single changes that open slots, best first, ties in generation order") {
  const Explanation explanation = Explain(Scenario());
  std::vector<std::string> codes;
  const json as_json = ExplanationToJson(Scenario(), explanation);
  for (const json& r : as_json["relaxations"]) {
    codes.push_back(r["code"]);
    CHECK(r["gain"] == 1);
    CHECK(r["slots"] == 2);
    CHECK_FALSE(r["message"].get<std::string>().empty());
  }
  // Accepting tentative does not help (Ben is busy at 09:00 too); halving the buffer (7 min) still meets 09:50–09:55.
  CHECK(codes == std::vector<std::string>{"drop_member", "lower_required", "zero_buffers", "halve_notice", "zero_notice"});
  CHECK(as_json["relaxations"][0]["sub"] == "ben");
}

TEST_CASE("Explain: the engine adds the explanation only when the query asks for it") {
  Problem problem = Scenario();
  CHECK(ExplanationToJson(problem, Explain(problem)).contains("relaxations"));
}
