// Tests for a calendar whose free/busy is unknown (calendars[sub].free_busy {"status": "unknown", "reason"}) and the
// query's policy for it (query.unknown_free_busy, docs/ENGINE.md): by default no time is offered with that calendar,
// the answer names it with the reason, explanations and validation say why; "free" opts in to treating it as free.
// Driven through CallEngine's text, as every caller reaches the engine (the fast reader and the tree reader alike).
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/engine_api.h"

using namespace slotwise;
using nlohmann::json;

namespace {

InMemoryZoneSource zones;  // UTC only: every calendar here is in UTC

// Anna (known, free) and Ben (unknown: the provider refused his free/busy), both required; 60-minute slots on a
// 60-minute grid over 2026-12-01 09:00–12:00Z.
json Document(const json& extra_query = json::object(), bool ben_unknown = true) {
  json document = json::parse(R"({
    "now": "2026-11-30T12:00:00Z",
    "query": {
      "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": "all"}],
      "required_duration": {"minutes": 60}, "start_interval": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T12:00:00Z"}]
    },
    "calendars": {
      "anna": {"busy": []},
      "ben": {"busy": [{"start": "2026-12-01T11:00:00Z", "end": "2026-12-01T12:00:00Z", "interview": true}]}
    }
  })");
  if (ben_unknown) {
    document["calendars"]["ben"]["free_busy"] = {{"status", "unknown"},
                                                 {"reason", "Microsoft 365 did not share ben's free/busy"}};
  }
  for (auto it = extra_query.begin(); it != extra_query.end(); ++it) document["query"][it.key()] = it.value();
  return document;
}

json Solve(const json& document) {
  const EngineAnswer answer = CallEngine("solve", document.dump(), zones);
  REQUIRE_MESSAGE(answer.status == EngineStatus::kOk, answer.body);
  return json::parse(answer.body);
}

}  // namespace

TEST_CASE("unknown free/busy: blocks by default, and the answer names the calendar with the reason") {
  const json answer = Solve(Document());
  CHECK(answer.at("available_slots") == json::array());
  REQUIRE(answer.contains("unknown_free_busy"));
  const json& unknown = answer.at("unknown_free_busy");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].at("sub") == "ben");
  CHECK(unknown[0].at("reason") == "Microsoft 365 did not share ben's free/busy");
  CHECK(unknown[0].at("treated_as") == "busy");
  CHECK(unknown[0].at("message").get<std::string>().find("ben") != std::string::npos);

  // "blocks" is the default, spelled out.
  CHECK(Solve(Document({{"unknown_free_busy", "blocks"}})) == answer);
  // The same calendar known and empty: every start but Ben's interview is offered, and the member is absent.
  const json known = Solve(Document(json::object(), false));
  CHECK(known.at("available_slots").size() == 2);
  CHECK_FALSE(known.contains("unknown_free_busy"));
}

TEST_CASE("unknown free/busy: the query may treat it as free; the answer still names it") {
  const json answer = Solve(Document({{"unknown_free_busy", "free"}}));
  REQUIRE(answer.at("available_slots").size() == 2);  // 09:00 and 10:00; Ben's known interview still blocks 11:00
  CHECK(answer.at("available_slots")[0].at("start") == "2026-12-01T09:00:00Z");
  CHECK(answer.at("unknown_free_busy")[0].at("treated_as") == "free");
  CHECK(answer.at("unknown_free_busy")[0].at("reason") == "Microsoft 365 did not share ben's free/busy");
}

TEST_CASE("unknown free/busy: explanations blame the calendar with its reason, not a time") {
  const json answer = Solve(Document({{"explain", true}}));
  const json& unavailable = answer.at("explanation").at("unavailable");
  REQUIRE(unavailable.size() == 3);
  bool named = false;
  for (const json& reason : unavailable[0].at("reasons")) {
    if (reason.at("code") != "free_busy_unknown") continue;
    named = true;
    CHECK(reason.at("sub") == "ben");
    CHECK(reason.at("reason") == "Microsoft 365 did not share ben's free/busy");
    CHECK_FALSE(reason.contains("interval"));
    CHECK(reason.at("message").get<std::string>().find("unknown") != std::string::npos);
  }
  CHECK(named);
  CHECK(answer.at("unknown_free_busy").size() == 1);
}

TEST_CASE("unknown free/busy: a booking over that calendar does not validate") {
  json document = Document();
  document["booking"] = {{"start", "2026-12-01T09:00:00Z"},
                         {"end", "2026-12-01T10:00:00Z"},
                         {"participants", json::array({{{"sub", "anna"}}, {{"sub", "ben"}}})}};
  const EngineAnswer answer = CallEngine("validate", document.dump(), zones);
  REQUIRE_MESSAGE(answer.status == EngineStatus::kOk, answer.body);
  const json check = json::parse(answer.body);
  CHECK(check.at("valid") == false);
  CHECK(check.at("violations").dump().find("free_busy_unknown") != std::string::npos);
}

TEST_CASE("unknown free/busy: the wire is strictly checked") {
  auto refused = [](const json& document) {
    const EngineAnswer answer = CallEngine("solve", document.dump(), zones);
    CHECK(answer.status == EngineStatus::kInvalidInput);
    return json::parse(answer.body).at("error");
  };
  json bad_status = Document();
  bad_status["calendars"]["ben"]["free_busy"]["status"] = "maybe";
  CHECK(refused(bad_status).at("field") == "calendars[\"ben\"].free_busy.status");
  json bad_reason = Document();
  bad_reason["calendars"]["ben"]["free_busy"]["reason"] = 7;
  CHECK(refused(bad_reason).at("field") == "calendars[\"ben\"].free_busy.reason");
  CHECK(refused(Document({{"unknown_free_busy", "ignore"}})).at("field") == "query.unknown_free_busy");

  // "known" is the same as no member at all.
  json known = Document(json::object(), false);
  known["calendars"]["ben"]["free_busy"] = {{"status", "known"}};
  CHECK(Solve(known) == Solve(Document(json::object(), false)));
}
