// Scenarios for shared/sequence (interview loops), each through the "solve" engine operation with a small inline
// document. Unless a scenario says otherwise: UTC, a 60-minute grid, one period 2026-12-01 08:00Z–12:00Z, two 60-minute
// stages "intro" (anna) and "tech" (ben), and a gap of 0..60 minutes between them.
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

json Stage(const char* id, int ordinal, const json& members, int minutes = 60, int gap_min = 0, int gap_max = 60) {
  json participants = json::array({{{"members", members}, {"required", 1}}});
  return {{"sequence_id", id},
          {"ordinal", ordinal},
          {"participants", participants},
          {"required_duration", {{"minutes", minutes}}},
          {"buffer", {{"before", {{"minimum", {{"minutes", gap_min}}}, {"maximum", {{"minutes", gap_max}}}}}}}};
}

json Members(std::initializer_list<const char*> subs) {
  json list = json::array();
  for (const char* sub : subs) list.push_back({{"sub", sub}});
  return list;
}

json Document(const json& query_overrides, const json& calendars_overrides = json::object()) {
  json query = {{"start_interval", {{"minutes", 60}}},
                {"query_periods", json::array({{{"start", "2026-12-01T08:00:00Z"}, {"end", "2026-12-01T12:00:00Z"}}})},
                {"sequence", json::array({Stage("intro", 1, Members({"anna"})), Stage("tech", 2, Members({"ben"}))})}};
  if (query_overrides.is_object()) query.merge_patch(query_overrides);
  json calendars = R"({"anna": {}, "ben": {}, "carl": {}, "r1": {"capacity": 4}, "r2": {"capacity": 8}})"_json;
  if (calendars_overrides.is_object()) calendars.merge_patch(calendars_overrides);
  return {{"now", "2026-01-01T00:00:00Z"}, {"query", query}, {"calendars", calendars}};
}

json Answer(const json& document) {
  const EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
  INFO(answer.body);
  REQUIRE(answer.status == EngineStatus::kOk);
  return json::parse(answer.body);
}

json ErrorOf(const json& document) {
  const EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
  INFO(answer.body);
  REQUIRE(answer.status == EngineStatus::kInvalidInput);
  return json::parse(answer.body).at("error");
}

// Each loop as "HH:MM+HH:MM…" (UTC stage starts on 2026-12-01, else full RFC 3339 joined by '+').
std::vector<std::string> Loops(const json& answer) {
  std::vector<std::string> loops;
  for (const json& loop : answer.at("available_sequences")) {
    std::string text;
    for (const json& stage : loop.at("sequence")) {
      const std::string start = stage.at("start");
      text += (text.empty() ? "" : "+") + (start.rfind("2026-12-01T", 0) == 0 ? start.substr(11, 5) : start);
    }
    loops.push_back(text);
  }
  return loops;
}

std::string Subs(const json& list) {
  std::string text;
  for (const json& member : list) text += (text.empty() ? "" : ",") + member.at("sub").get<std::string>();
  return text;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("Sequence: every stage-start tuple whose gap lies within [minimum, maximum], earliest first") {
  const json answer = Answer(Document({}));
  CHECK(Loops(answer) == Strings{"08:00+09:00", "08:00+10:00", "09:00+10:00", "09:00+11:00", "10:00+11:00"});
  const json& first = answer.at("available_sequences").at(0);
  CHECK(first.at("sequence_start") == "2026-12-01T08:00:00Z");
  CHECK(first.at("sequence_end") == "2026-12-01T10:00:00Z");
  CHECK(first.at("sequence").at(0).at("sequence_id") == "intro");
  CHECK(Subs(first.at("sequence").at(0).at("participants")) == "anna");
  CHECK(Subs(first.at("sequence").at(1).at("participants")) == "ben");
  CHECK_FALSE(first.contains("score"));
  CHECK_FALSE(first.at("sequence").at(0).contains("rooms"));

  json exact = Document({});
  exact["query"]["sequence"][1] = Stage("tech", 2, Members({"ben"}), 60, 60, 60);
  CHECK(Loops(Answer(exact)) == Strings{"08:00+10:00", "09:00+11:00"});

  json unbounded = Document({});
  unbounded["query"]["sequence"][1]["buffer"]["before"].erase("maximum");
  CHECK(Loops(Answer(unbounded)).size() == 6);  // + 08:00+11:00
}

TEST_CASE("Sequence: stages are ordered by ordinal, not by array position") {
  json document = Document({});
  document["query"]["sequence"] =
      json::array({Stage("tech", 7, Members({"ben"})), Stage("intro", 3, Members({"anna"}))});
  const json answer = Answer(document);
  CHECK(answer.at("available_sequences").at(0).at("sequence").at(0).at("sequence_id") == "intro");
  CHECK(answer.at("available_sequences").at(0).at("sequence").at(1).at("sequence_id") == "tech");
}

TEST_CASE("Sequence: a pool \"1 of 3\" picks one free member, first in query order") {
  json document = Document({});
  document["query"]["sequence"][1] = Stage("tech", 2, Members({"anna", "ben", "carl"}));
  document["calendars"]["anna"] =
      R"({"busy": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T12:00:00Z"}]})"_json;
  document["query"]["sequence"][0] = Stage("intro", 1, Members({"carl"}));
  const json answer = Answer(document);
  REQUIRE(Loops(answer).size() == 5);
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(1).at("participants")) == "ben");
}

TEST_CASE("Sequence: the whole loop lies inside one query period") {
  const json document = Document(
      {{"query_periods", json::array({{{"start", "2026-12-01T08:00:00Z"}, {"end", "2026-12-01T10:00:00Z"}},
                                      {{"start", "2026-12-01T10:00:00Z"}, {"end", "2026-12-01T12:00:00Z"}}})}});
  CHECK(Loops(Answer(document)) == Strings{"08:00+09:00", "10:00+11:00"});
}

TEST_CASE("Sequence: minimum notice applies to the first stage") {
  json document = Document({{"minimum_notice", {{"minutes", 60}}}});
  document["now"] = "2026-12-01T08:30:00Z";
  CHECK(Loops(Answer(document)) == Strings{"10:00+11:00"});  // 09:30 is off the grid; 10:00 is the first start
}

TEST_CASE("Sequence: per-stage rooms are chosen per stage; a loop room must be usable at every stage") {
  const json calendars =
      R"({"r1": {"capacity": 4, "busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]}})"_json;
  json per_stage = Document({}, calendars);
  for (json& stage : per_stage["query"]["sequence"]) stage["rooms"] = {{"members", Members({"r1", "r2"})}};
  const json first = Answer(per_stage)["available_sequences"][0];
  CHECK(Subs(first.at("sequence").at(0).at("rooms")) == "r1");
  CHECK(Subs(first.at("sequence").at(1).at("rooms")) == "r2");

  json loop_room = Document({{"loop_room", {{"members", Members({"r1", "r2"})}}}}, calendars);
  const json answer = Answer(loop_room);
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(0).at("rooms")) == "r2");
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(1).at("rooms")) == "r2");

  loop_room["calendars"]["r2"]["busy"] = R"([{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T09:00:00Z"}])"_json;
  // 08+09 has no room free at both starts; 08+10 and 10+11 keep r1, 09+10 and 09+11 keep r2.
  const json two_busy = Answer(loop_room);
  CHECK(Loops(two_busy) == Strings{"08:00+10:00", "09:00+10:00", "09:00+11:00", "10:00+11:00"});
  CHECK(Subs(two_busy["available_sequences"][0]["sequence"][1]["rooms"]) == "r1");
  CHECK(Subs(two_busy["available_sequences"][1]["sequence"][1]["rooms"]) == "r2");

  json capacity = Document({{"loop_room", {{"members", Members({"r1", "r2"})}, {"min_capacity", 6}}}});
  CHECK(Subs(Answer(capacity)["available_sequences"][0]["sequence"][0]["rooms"]) == "r2");
}

TEST_CASE("Sequence: the same interviewer in two stages counts twice against the load limits") {
  json document = Document({}, R"({"anna": {"max_interviews_per_day": 1}})"_json);
  document["query"]["sequence"][1] = Stage("tech", 2, Members({"anna"}));
  CHECK(Loops(Answer(document)).empty());

  document["calendars"]["anna"]["max_interviews_per_day"] = 2;
  CHECK(Loops(Answer(document)).size() == 5);

  document["calendars"]["anna"]["busy"] =
      R"([{"start": "2026-11-30T08:00:00Z", "end": "2026-11-30T09:00:00Z", "interview": true}])"_json;
  document["calendars"]["anna"]["max_interviews_per_week"] = 2;
  CHECK(Loops(Answer(document)).empty());  // one this week already + two in the loop > 2

  // A pool lets the second stage go to someone else.
  document["query"]["sequence"][1] = Stage("tech", 2, Members({"anna", "ben"}));
  const json answer = Answer(document);
  REQUIRE(Loops(answer).size() == 5);
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(0).at("participants")) == "anna");
  CHECK(Subs(answer.at("available_sequences").at(0).at("sequence").at(1).at("participants")) == "ben");
}

TEST_CASE("Sequence: on a DST day the grid follows the wall clock in every stage") {
  // New York springs forward on 2026-03-08: 02:00 EST -> 03:00 EDT. 01:00 EST = 06:00Z, 03:00 EDT = 07:00Z.
  json document = Document(
      {{"time_zone", "America/New_York"},
       {"query_periods", json::array({{{"start", "2026-03-08T06:00:00Z"}, {"end", "2026-03-08T08:00:00Z"}}})}});
  document["query"]["sequence"][1] = Stage("tech", 2, Members({"ben"}), 60, 0, 0);
  CHECK(Loops(Answer(document)) == Strings{"2026-03-08T06:00:00Z+2026-03-08T07:00:00Z"});

  document["query"]["sequence"][0]["required_duration"]["minutes"] = 30;  // ends 01:30 EST; next grid 03:00 EDT
  document["query"]["sequence"][1] = Stage("tech", 2, Members({"ben"}), 30, 0, 30);
  CHECK(Loops(Answer(document)) == Strings{"2026-03-08T06:00:00Z+2026-03-08T07:00:00Z"});
}

TEST_CASE("Sequence: validation errors name the field") {
  json both = Document({{"loop_room", {{"members", Members({"r1"})}}}});
  both["query"]["sequence"][0]["rooms"] = {{"members", Members({"r2"})}};
  CHECK(ErrorOf(both)["field"] == "query.loop_room");

  json twice = Document({});
  twice["query"]["sequence"][1]["ordinal"] = 1;
  CHECK(ErrorOf(twice)["field"] == "query.sequence[1].ordinal");

  json no_id = Document({});
  no_id["query"]["sequence"][0].erase("sequence_id");
  CHECK(ErrorOf(no_id)["field"] == "query.sequence[0].sequence_id");

  json inverted = Document({});
  inverted["query"]["sequence"][1]["buffer"]["before"]["maximum"]["minutes"] = -1;
  CHECK(ErrorOf(inverted)["field"] == "query.sequence[1].buffer.before.maximum.minutes");
  inverted["query"]["sequence"][1]["buffer"]["before"] = {{"minimum", {{"minutes", 30}}},
                                                          {"maximum", {{"minutes", 10}}}};
  CHECK(ErrorOf(inverted)["field"] == "query.sequence[1].buffer.before.maximum");

  CHECK(ErrorOf(Document({{"rooms", {{"members", Members({"r1"})}}}}))["field"] == "query.rooms");
  CHECK(ErrorOf(Document({{"sequence", json::array()}}))["field"] == "query.sequence");

  json unknown = Document({});
  unknown["query"]["sequence"][0]["participants"][0]["members"][0]["sub"] = "zoe";
  const json error = ErrorOf(unknown);
  CHECK(error["code"] == "unknown_participant");
  CHECK(error["field"] == "query.sequence[0].participants[0].members[0].sub");

  json no_duration = Document({});
  no_duration["query"]["sequence"][0].erase("required_duration");
  CHECK(ErrorOf(no_duration)["field"] == "query.sequence[0].required_duration");
}

TEST_CASE("Sequence: a one-stage sequence lists the same starts as the single-slot query") {
  json loop = Document({});
  loop["query"]["sequence"] = json::array({Stage("only", 1, Members({"anna", "ben"}))});
  loop["calendars"]["anna"]["busy"] = R"([{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}])"_json;
  loop["calendars"]["ben"]["busy"] = R"([{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T11:00:00Z"}])"_json;
  json single = loop;
  single["query"].erase("sequence");
  single["query"]["participants"] = loop.at("query").at("sequence").at(0).at("participants");
  single["query"]["required_duration"] = {{"minutes", 60}};
  Strings slot_starts;
  const json slots = Answer(single);
  for (const json& slot : slots["available_slots"])
    slot_starts.push_back(slot["start"].get<std::string>().substr(11, 5));
  CHECK(Loops(Answer(loop)) == slot_starts);
  CHECK(slot_starts == Strings{"08:00", "10:00", "11:00"});
}
