// Scenarios for shared/ranking: each `query.ranking` mode for single slots and for interview loops, with
// deterministic ties (chronological, then query order). Through the "solve" engine operation.
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

json Answer(const json& document) {
  const EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
  INFO(answer.body);
  REQUIRE(answer.status == EngineStatus::kOk);
  return json::parse(answer.body);
}

// n interview events (status "free": they count, they do not block) starting on `date` at 06:00Z, an hour apart.
json Interviews(const char* date, int n) {
  json events = json::array();
  for (int i = 0; i < n; ++i) {
    const std::string hour = std::to_string(6 + i);
    const std::string start = std::string(date) + "T" + (hour.size() == 1 ? "0" : "") + hour + ":00:00Z";
    events.push_back(
        {{"start", start}, {"end", start.substr(0, 14) + "30:00Z"}, {"status", "free"}, {"interview", true}});
  }
  return events;
}

std::vector<std::string> SlotStarts(const json& answer) {
  std::vector<std::string> starts;
  for (const json& slot : answer.at("available_slots"))
    starts.push_back(slot.at("start").get<std::string>().substr(5, 11));
  return starts;
}

std::vector<std::string> LoopStarts(const json& answer) {
  std::vector<std::string> loops;
  for (const json& loop : answer.at("available_sequences")) {
    std::string text;
    for (const json& stage : loop.at("sequence"))
      text += (text.empty() ? "" : "+") + stage.at("start").get<std::string>().substr(11, 5);
    loops.push_back(text);
  }
  return loops;
}

std::string Subs(const json& list) {
  std::string text;
  for (const json& member : list) text += (text.empty() ? "" : ",") + member.at("sub").get<std::string>();
  return text;
}

json SlotDocument(const char* ranking) {
  json document = R"({
    "now": "2026-01-01T00:00:00Z",
    "query": {
      "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": 1}],
      "required_duration": {"minutes": 60}, "start_interval": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T10:00:00Z"},
                        {"start": "2026-12-08T08:00:00Z", "end": "2026-12-08T10:00:00Z"}]
    },
    "calendars": {"anna": {}, "ben": {}}
  })"_json;
  document["query"]["ranking"] = ranking;
  document["calendars"]["anna"]["busy"] =
      Interviews("2026-11-30", 2);  // week 49: anna 2, ben 1; week 50: anna 0, ben 3
  document["calendars"]["ben"]["busy"] = Interviews("2026-11-30", 1);
  for (const json& e : Interviews("2026-12-07", 3)) document["calendars"]["ben"]["busy"].push_back(e);
  return document;
}

json LoopDocument(const char* ranking) {
  json document = R"({
    "now": "2026-01-01T00:00:00Z",
    "query": {
      "start_interval": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z"}],
      "sequence": [
        {"sequence_id": "intro", "ordinal": 1, "required_duration": {"minutes": 60},
         "participants": [{"members": [{"sub": "carl"}], "required": 1}]},
        {"sequence_id": "tech", "ordinal": 2, "required_duration": {"minutes": 60},
         "buffer": {"before": {"minimum": {"minutes": 0}, "maximum": {"minutes": 60}}},
         "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": 1}]}
      ]
    },
    "calendars": {"anna": {}, "ben": {}, "carl": {}, "r1": {}, "r2": {}}
  })"_json;
  document["query"]["ranking"] = ranking;
  return document;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("Ranking: single slots, earliest is chronological and balanced_load prefers lightly loaded weeks") {
  CHECK(SlotStarts(Answer(SlotDocument("earliest"))) ==
        Strings{"12-01T08:00", "12-01T09:00", "12-08T08:00", "12-08T09:00"});
  const json balanced = Answer(SlotDocument("balanced_load"));
  // Week 50: anna has 0 interviews (cost 0); week 49: ben has 1 (cost 1). Ties stay chronological.
  CHECK(SlotStarts(balanced) == Strings{"12-08T08:00", "12-08T09:00", "12-01T08:00", "12-01T09:00"});
  CHECK(Subs(balanced["available_slots"][0]["participants"]) == "anna,ben");  // the answer still lists everyone free
  CHECK(SlotStarts(Answer(SlotDocument("fewest_room_changes"))) == SlotStarts(Answer(SlotDocument("earliest"))));

  json capped = SlotDocument("balanced_load");
  capped["query"]["max_results"] = 1;
  CHECK(SlotStarts(Answer(capped)) == Strings{"12-08T08:00"});  // ranked over all starts, then cut
}

TEST_CASE("Ranking: single slots, candidate_friendly puts the candidate's own working hours first") {
  json document = SlotDocument("candidate_friendly");
  document["query"]["query_periods"] = R"([{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T16:00:00Z"}])"_json;
  CHECK(SlotStarts(Answer(document)) ==
        Strings{"12-01T12:00", "12-01T13:00", "12-01T14:00", "12-01T15:00"});  // no candidate
  // 09:00-17:00 in New York is 14:00Z-22:00Z in December.
  document["query"]["candidate"] =
      R"({"time_zone": "America/New_York", "working_hours": {"tue": [["09:00", "17:00"]]}})"_json;
  CHECK(SlotStarts(Answer(document)) == Strings{"12-01T14:00", "12-01T15:00", "12-01T12:00", "12-01T13:00"});
}

TEST_CASE("Ranking: spread \"days\" offers every day's best start before any day's second, for any ranking") {
  json document = SlotDocument("earliest");
  document["query"]["query_periods"] = R"([{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T11:00:00Z"},
                                           {"start": "2026-12-02T08:00:00Z", "end": "2026-12-02T10:00:00Z"},
                                           {"start": "2026-12-03T08:00:00Z", "end": "2026-12-03T09:00:00Z"}])"_json;
  CHECK(SlotStarts(Answer(document)) ==
        Strings{"12-01T08:00", "12-01T09:00", "12-01T10:00", "12-02T08:00", "12-02T09:00", "12-03T08:00"});
  document["query"]["spread"] = "days";
  CHECK(SlotStarts(Answer(document)) ==
        Strings{"12-01T08:00", "12-02T08:00", "12-03T08:00", "12-01T09:00", "12-02T09:00", "12-01T10:00"});
  document["query"]["max_results"] = 3;  // spread over all starts, then cut: three days, not one
  CHECK(SlotStarts(Answer(document)) == Strings{"12-01T08:00", "12-02T08:00", "12-03T08:00"});
  // Days are local days of query.time_zone: in Honolulu (UTC-10) Dec 1 08:00Z and 09:00Z are Nov 30, Dec 1 10:00Z
  // and Dec 2 08:00Z, 09:00Z are Dec 1, Dec 3 08:00Z is Dec 2.
  document["query"]["max_results"] = 100;
  document["query"]["time_zone"] = "Pacific/Honolulu";
  CHECK(SlotStarts(Answer(document)) ==
        Strings{"12-01T08:00", "12-01T10:00", "12-03T08:00", "12-01T09:00", "12-02T08:00", "12-02T09:00"});
  // With a ranking: each day's order is the ranking's, days in the order of their best slot.
  json balanced = SlotDocument("balanced_load");
  balanced["query"]["spread"] = "days";
  CHECK(SlotStarts(Answer(balanced)) == Strings{"12-08T08:00", "12-01T08:00", "12-08T09:00", "12-01T09:00"});
  document["query"]["spread"] = "weeks";
  const EngineAnswer bad = CallEngine("solve", document.dump(), Zones());
  CHECK(bad.status == EngineStatus::kInvalidInput);
  CHECK(json::parse(bad.body)["error"]["field"] == "query.spread");
}

TEST_CASE("Ranking: candidate hours \"require\" offers only times inside them and explains the others") {
  json document = SlotDocument("earliest");
  // 12:00Z-16:00Z on Tuesday Dec 1; 08:00-19:00 in New York is 13:00Z-24:00Z in December.
  document["query"]["query_periods"] = R"([{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T16:00:00Z"}])"_json;
  document["query"]["candidate"] =
      R"({"time_zone": "America/New_York", "working_hours": {"tue": [["08:00", "19:00"]]}})"_json;
  CHECK(SlotStarts(Answer(document)) == Strings{"12-01T12:00", "12-01T13:00", "12-01T14:00", "12-01T15:00"});
  document["query"]["candidate"]["hours"] = "prefer";  // the default: hours only rank
  CHECK(SlotStarts(Answer(document)).size() == 4);
  document["query"]["candidate"]["hours"] = "require";
  document["query"]["explain"] = true;
  const json answer = Answer(document);
  CHECK(SlotStarts(answer) == Strings{"12-01T13:00", "12-01T14:00", "12-01T15:00"});
  // 12:00Z (07:00 New York) is explained, and lifting the requirement is offered as a relaxation.
  const json& unavailable = answer["explanation"]["unavailable"];
  REQUIRE(unavailable.size() == 1);
  CHECK(unavailable[0]["start"] == "2026-12-01T12:00:00Z");
  CHECK(unavailable[0]["reasons"][0]["code"] == "outside_candidate_hours");
  CHECK(unavailable[0]["reasons"][0]["time_zone"] == "America/New_York");
  CHECK(unavailable[0]["reasons"][0]["message"].get<std::string>().find("candidate's working hours") != std::string::npos);
  bool relaxation = false;
  for (const json& item : answer["explanation"]["relaxations"]) {
    if (item["code"] == "ignore_candidate_hours") relaxation = item["gain"] == 1;
  }
  CHECK(relaxation);
  document["query"]["candidate"]["hours"] = "always";
  const EngineAnswer bad = CallEngine("solve", document.dump(), Zones());
  CHECK(bad.status == EngineStatus::kInvalidInput);
  CHECK(json::parse(bad.body)["error"]["field"] == "query.candidate.hours");
}

TEST_CASE("Ranking: loops, balanced_load chooses the interviewer with fewer interviews this week") {
  json earliest = LoopDocument("earliest");
  earliest["calendars"]["anna"]["busy"] = Interviews("2026-11-30", 2);
  earliest["calendars"]["ben"]["busy"] = Interviews("2026-11-30", 1);
  const json first = Answer(earliest)["available_sequences"][0];
  CHECK(Subs(first.at("sequence").at(1).at("participants")) == "anna");
  CHECK_FALSE(first.contains("score"));

  json balanced = earliest;
  balanced["query"]["ranking"] = "balanced_load";
  const json answer = Answer(balanced);
  CHECK(LoopStarts(answer) == LoopStarts(Answer(earliest)));  // every loop costs the same: order stays chronological
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(1).at("participants")) == "ben");
  CHECK(answer.at("available_sequences").at(0).at("score") == 1);
}

TEST_CASE("Ranking: loops, fewest_room_changes prefers one room throughout, ties chronological") {
  json document = LoopDocument("fewest_room_changes");
  for (json& stage : document["query"]["sequence"])
    stage["rooms"] = R"({"members": [{"sub": "r1"}, {"sub": "r2"}]})"_json;
  document["calendars"]["r1"]["busy"] = R"([{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}])"_json;
  document["calendars"]["r2"]["busy"] = R"([{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"}])"_json;
  // 08+09 must change rooms (r1 then r2); every other loop can stay in one room.
  const json answer = Answer(document);
  CHECK(LoopStarts(answer) == Strings{"08:00+10:00", "09:00+10:00", "09:00+11:00", "10:00+11:00", "08:00+09:00"});
  const json& second = answer.at("available_sequences").at(1);
  CHECK(Subs(second.at("sequence").at(0).at("rooms")) == "r2");
  CHECK(Subs(second.at("sequence").at(1).at("rooms")) == "r2");  // "earliest" would pick r1 (first usable) for 10:00
  CHECK(second.at("score") == 1);
  CHECK(answer.at("available_sequences").at(4).at("score") == 2);

  document["query"]["ranking"] = "earliest";
  const json earliest = Answer(document);
  CHECK(Subs(earliest["available_sequences"][2]["sequence"][1]["rooms"]) == "r1");  // 09:00+10:00
}

TEST_CASE("Ranking: loops, candidate_friendly counts stages outside the candidate's hours") {
  json document = LoopDocument("candidate_friendly");
  document["query"]["query_periods"] = R"([{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T17:00:00Z"}])"_json;
  document["query"]["candidate"] =
      R"({"time_zone": "America/New_York", "working_hours": {"tue": [["09:00", "17:00"]]}})"_json;
  const json answer = Answer(document);
  CHECK(LoopStarts(answer) == Strings{"14:00+15:00", "14:00+16:00", "15:00+16:00", "12:00+14:00", "13:00+14:00",
                                      "13:00+15:00", "12:00+13:00"});
  std::vector<int> scores;
  for (const json& loop : answer.at("available_sequences")) scores.push_back(loop.at("score").get<int>());
  CHECK(scores == std::vector<int>{0, 0, 0, 1, 1, 1, 2});
}

TEST_CASE("Ranking: answers are deterministic and an unknown mode names the field") {
  const json document = LoopDocument("balanced_load");
  CHECK(CallEngine("solve", document.dump(), Zones()).body == CallEngine("solve", document.dump(), Zones()).body);
  json bad = SlotDocument("random");
  const EngineAnswer answer = CallEngine("solve", bad.dump(), Zones());
  CHECK(answer.status == EngineStatus::kInvalidInput);
  CHECK(json::parse(answer.body)["error"]["field"] == "query.ranking");
}
