// Fuzz-style test of the engine's text entry point: random bytes, random JSON and mutations of valid documents go
// into CallEngine for every operation. Each answer must be a JSON object that is either an answer or an error object
// whose status matches — never a crash, a hang, an escaped exception or invalid JSON. Run under ASan + UBSan by
// scripts/test (build/native-asan), where memory errors and undefined behaviour fail the run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"

#include "support/system_zones.h"

using namespace slotwise;

namespace {

constexpr const char* kSolveSeed = R"({
  "now": "2026-11-30T12:00:00Z",
  "query": {
    "participants": [
      {"members": [{"sub": "anna@acme.test"}, {"sub": "ben@acme.test"}], "required": "all"},
      {"members": [{"sub": "carl@acme.test"}], "required": 1}
    ],
    "required_duration": {"minutes": 60},
    "query_periods": [{"start": "2026-12-01T00:00:00Z", "end": "2026-12-03T00:00:00Z"}],
    "start_interval": {"minutes": 15},
    "buffer": {"before": {"minutes": 10}, "after": {"minutes": 10}},
    "time_zone": "Europe/Berlin",
    "minimum_notice": {"minutes": 120},
    "response_format": "slots",
    "max_results": 20,
    "rooms": {"members": [{"sub": "room-a@acme.test"}], "required": 1, "min_capacity": 4},
    "explain": true
  },
  "calendars": {
    "anna@acme.test": {"time_zone": "Europe/Berlin", "working_hours": {"tue": [["09:00", "17:00"]], "wed": [["09:00", "12:00"], ["13:00", "24:00"]]},
                       "max_interviews_per_day": 2,
                       "busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z", "status": "busy", "interview": true}]},
    "ben@acme.test": {"time_zone": "America/New_York", "busy": [{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z", "status": "tentative"}]},
    "carl@acme.test": {"time_zone": "Asia/Tokyo", "busy": []},
    "room-a@acme.test": {"capacity": 6, "busy": [{"start": "2026-12-01T14:00:00Z", "end": "2026-12-01T15:00:00Z", "status": "busy"}]}
  }
})";

constexpr const char* kMergeSeed =
    R"({"intervals": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}, {"start": "2026-12-01T09:30:00+01:00", "end": "2026-12-01T11:00:00Z"}]})";

// Values a mutation may put anywhere: wrong types, edge numbers, odd strings.
nlohmann::json RandomValue(std::mt19937& rng) {
  static const std::vector<nlohmann::json> kValues = {
      nullptr, true, false, 0, -1, 1, 5, 7, 15, 60, 1440, 2147483647, -2147483648LL, 9223372036854775807LL,
      1.5, -0.0, 1e308, "", "all", "2026-12-01T00:00:00Z", "2026-12-01T24:00:00Z", "1969-12-31T23:59:59Z",
      "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "24:00", "25:00", "Europe/Berlin", "../../etc/passwd",
      "Mars/Olympus", "busy", "oof", "periods", "overlapping_slots", "slots", "\xff\xfe", nlohmann::json::array(),
      nlohmann::json::object(), nlohmann::json::array({1, 2, 3}), nlohmann::json{{"minutes", 0}},
      nlohmann::json{{"minutes", -15}}, nlohmann::json{{"minutes", 100000000}}};
  return kValues[std::uniform_int_distribution<std::size_t>(0, kValues.size() - 1)(rng)];
}

// Replaces, deletes or duplicates one random node of `doc`.
void Mutate(nlohmann::json& doc, std::mt19937& rng) {
  nlohmann::json* node = &doc;
  for (int depth = 0; depth < 6; ++depth) {
    if (node->is_object() && !node->empty()) {
      auto it = node->begin();
      std::advance(it, std::uniform_int_distribution<long>(0, static_cast<long>(node->size()) - 1)(rng));
      if (rng() % 3 == 0) {
        const int action = static_cast<int>(rng() % 3);
        if (action == 0) { node->erase(it.key()); return; }
        if (action == 1) { *it = RandomValue(rng); return; }
        (*node)[it.key() + "_x"] = *it;
        return;
      }
      node = &*it;
    } else if (node->is_array() && !node->empty()) {
      const std::size_t index = std::uniform_int_distribution<std::size_t>(0, node->size() - 1)(rng);
      if (rng() % 3 == 0) {
        if (rng() % 2) node->erase(index); else node->push_back((*node)[index]);
        return;
      }
      node = &(*node)[index];
    } else {
      break;
    }
  }
  *node = RandomValue(rng);
}

void CheckAnswer(const EngineAnswer& answer) {
  const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
  REQUIRE_FALSE(body.is_discarded());
  REQUIRE(body.is_object());
  const bool is_error = body.contains("error");
  CHECK(is_error == (answer.status != EngineStatus::kOk));
  if (is_error) {
    CHECK(body["error"]["code"].is_string());
    CHECK(body["error"]["message"].is_string());
    CHECK(answer.status != EngineStatus::kInternalError);  // an internal error is a bug, not an answer
  }
}

}  // namespace

TEST_CASE("EngineFuzz: random bytes and truncated documents are answered with error objects") {
  ZoneSource& zones = testing::SystemZones();
  std::mt19937 rng(424242);
  const std::string seeds[] = {kSolveSeed, kMergeSeed};
  for (int round = 0; round < 600; ++round) {
    const std::string& seed = seeds[round % 2];
    std::string text;
    if (round % 3 == 0) {
      text = seed.substr(0, std::uniform_int_distribution<std::size_t>(0, seed.size())(rng));
    } else {
      text = seed;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < flips; ++i) {
        text[std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng)] = static_cast<char>(rng() % 256);
      }
    }
    for (const char* op : {"solve", "merge_intervals"}) CheckAnswer(CallEngine(op, text, zones));
  }
}

TEST_CASE("EngineFuzz: structurally mutated documents never crash the solver") {
  ZoneSource& zones = testing::SystemZones();
  std::mt19937 rng(777);
  const nlohmann::json seed = nlohmann::json::parse(kSolveSeed);
  int answered_ok = 0;
  for (int round = 0; round < 1500; ++round) {
    nlohmann::json doc = seed;
    const int mutations = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < mutations; ++i) Mutate(doc, rng);
    const EngineAnswer answer = CallEngine("solve", DumpJson(doc), zones);
    CheckAnswer(answer);
    if (answer.status == EngineStatus::kOk) ++answered_ok;
  }
  CHECK(answered_ok > 50);  // the corpus also exercises the solver, not only validation
}

TEST_CASE("EngineFuzz: the valid seed solves") {
  ZoneSource& zones = testing::SystemZones();
  const EngineAnswer answer = CallEngine("solve", kSolveSeed, zones);
  INFO(answer.body);
  CHECK(answer.status == EngineStatus::kOk);
}
