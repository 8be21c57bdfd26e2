// Tests for ParseAvailabilityFast (shared/src/availability_fast_parse.cpp): whenever the fast reader answers, its
// Problem is the one the tree-based parser gives for the same text; it answers for the documents the engine is
// usually given; it declines what it does not read exactly (and the tree-based parser then says what is wrong, with
// the messages of availability_parse_test.cpp unchanged).
#include <doctest/doctest.h>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "support/system_zones.h"

using namespace slotwise;
using nlohmann::json;

namespace {

// The tree-based reading of the same text, without the fast path that ParseAvailabilityText tries first.
Result<Problem> TreeParse(std::string_view text, ZoneSource& zones) {
  const json document = ParseJson(text);
  if (document.is_discarded()) return Error{"invalid_json", "not JSON", ""};
  return ParseAvailabilityDocument(document, zones);
}

void CheckSameProblem(const Problem& fast, const Problem& tree) {
  CHECK(fast.now == tree.now);
  REQUIRE(fast.calendars.size() == tree.calendars.size());
  for (std::size_t i = 0; i < fast.calendars.size(); ++i) {
    const Calendar& a = fast.calendars[i];
    const Calendar& b = tree.calendars[i];
    CAPTURE(b.sub);
    CHECK(a.sub == b.sub);
    CHECK(a.zone == b.zone);
    CHECK(a.working_hours.around_the_clock == b.working_hours.around_the_clock);
    CHECK(a.working_hours.windows == b.working_hours.windows);
    CHECK(a.capacity == b.capacity);
    CHECK(a.max_interviews_per_day == b.max_interviews_per_day);
    CHECK(a.max_interviews_per_week == b.max_interviews_per_week);
    CHECK(a.conferencing_account.has_value() == b.conferencing_account.has_value());
    REQUIRE(a.busy.size() == b.busy.size());
    for (std::size_t e = 0; e < a.busy.size(); ++e) {
      CHECK(a.busy[e].interval == b.busy[e].interval);
      CHECK(a.busy[e].status == b.busy[e].status);
      CHECK(a.busy[e].interview == b.busy[e].interview);
    }
  }
  CHECK(fast.query.groups.size() == tree.query.groups.size());
  CHECK(fast.query.duration == tree.query.duration);
  CHECK(SolveProblem(fast).body == SolveProblem(tree).body);  // the whole query, judged by its answer
}

// A document of the usual shape with `people` calendars of `events` events each; `style` varies what the text looks
// like (whitespace, member order, optional members, members nobody reads).
std::string Document(std::mt19937& random, int people, int events, int style) {
  std::uniform_int_distribution<int> minute(0, 28 * 24 * 60);
  std::uniform_int_distribution<int> length(5, 180);
  const char* statuses[] = {"busy", "tentative", "oof", "working_elsewhere", "free"};
  json calendars = json::object();
  json members = json::array();
  for (int p = 0; p < people; ++p) {
    const std::string sub = "p" + std::to_string(p) + "@fast.test";
    members.push_back({{"sub", sub}});
    json busy = json::array();
    for (int e = 0; e < events; ++e) {
      const Instant start = 1'900'000'000 + static_cast<Instant>(minute(random)) * 60;
      json event = {{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(start + length(random) * 60)}};
      if (style % 2 == 1) event["status"] = statuses[random() % 5];
      if (style % 3 == 1 && e % 7 == 0) event["interview"] = (e % 2 == 0);
      if (style % 5 == 1 && e % 11 == 0) event["summary"] = "Interview \u00e9 \"quoted\"";  // ignored, non-ASCII
      if (style % 5 == 2 && e % 13 == 0) event["provider_id"] = {{"nested", {1, 2.5e3, nullptr, true}}};
      busy.push_back(event);
    }
    json calendar = {{"busy", busy}};
    if (p % 2 == 0) calendar["time_zone"] = "Europe/Berlin";
    if (p % 3 == 0) calendar["working_hours"] = {{"mon", json::array({json::array({"09:00", "17:00"})})},
                                               {"tue", json::array({json::array({"10:00", "12:00"})})}};
    if (p % 4 == 1) calendar["max_interviews_per_day"] = 3;
    calendars[sub] = calendar;
  }
  json document = {
      {"now", "2030-03-04T00:00:00Z"},
      {"query",
       {{"participants", {{{"members", members}, {"required", "all"}}}},
        {"required_duration", {{"minutes", 60}}},
        {"query_periods", {{{"start", "2030-03-04T00:00:00Z"}, {"end", "2030-04-01T00:00:00Z"}}}},
        {"time_zone", "America/New_York"},
        {"max_results", 64}}},
      {"calendars", calendars}};
  if (style % 4 == 3) document["extra"] = {{"ignored", {1, 2, 3}}};
  return style % 2 == 0 ? document.dump() : document.dump(2);
}

}  // namespace

TEST_CASE("Fast availability reader: answers the usual documents, with the tree-based parser's Problem") {
  testing::SystemZoneSource zones;
  std::mt19937 random(20261204);
  for (int style = 0; style < 30; ++style) {
    CAPTURE(style);
    const std::string text = Document(random, 1 + style % 7, style * 3, style);
    const std::optional<Problem> fast = ParseAvailabilityFast(text, zones);
    const Result<Problem> tree = TreeParse(text, zones);
    REQUIRE(tree.ok());
    REQUIRE_MESSAGE(fast.has_value(), "the fast reader declined a usual document");
    CheckSameProblem(*fast, *tree);
  }
}

TEST_CASE("Fast availability reader: under random damage it declines or agrees with the tree — never differs") {
  testing::SystemZoneSource zones;
  std::mt19937 random(7);
  const std::string base = Document(random, 3, 6, 1);
  const std::string alphabet = "{}[]\":,\\ 0123456789-TZe.tfnu\x01\xc3";
  int answered = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1); break;
      }
    }
    const std::optional<Problem> fast = ParseAvailabilityFast(text, zones);
    if (!fast) continue;
    ++answered;
    CAPTURE(text);
    const Result<Problem> tree = TreeParse(text, zones);
    REQUIRE_MESSAGE(tree.ok(), "the fast reader accepted what the tree-based parser refuses: " << tree.error().message);
    CheckSameProblem(*fast, *tree);
  }
  MESSAGE("damaged documents the fast reader still answered (each equal to the tree's): " << answered << " of 4000");
}

TEST_CASE("Fast availability reader: declines what it does not read exactly; the errors stay the tree-based ones") {
  testing::SystemZoneSource zones;
  std::mt19937 random(3);
  const std::string good = Document(random, 2, 3, 0);
  REQUIRE(ParseAvailabilityFast(good, zones).has_value());
  const std::vector<std::string> declined = {
      good + " x",                                                          // trailing bytes
      good + std::string(1, '\0'),                                          // a NUL after the document
      "{\"now\":\"2030-03-04T00:00:00Z\"," + good.substr(1),                 // "now" twice
      R"({"now":"2030-03-04T00:00:00Z","query":{},"calendars":{"a\u0040b":{}}})",  // an escaped sub
      R"({"now":"9999-01-01T00:00:00Z","query":{},"calendars":{}})",        // out of the supported range
      R"({"now":"2030-03-04T00:00:00Z","calendars":{}})",                   // no query
  };
  for (const std::string& text : declined) {
    CAPTURE(text);
    CHECK_FALSE(ParseAvailabilityFast(text, zones).has_value());
  }
  // Through the public entry point the same errors as always.
  const Result<Problem> range = ParseAvailabilityText(declined[4], zones);
  REQUIRE_FALSE(range.ok());
  CHECK(range.error().field == "now");
  CHECK(range.error().message == "now is outside the supported range 1970-01-01 .. 2200-12-31 (UTC)");
  const Result<Problem> no_query = ParseAvailabilityText(declined[5], zones);
  REQUIRE_FALSE(no_query.ok());
  CHECK(no_query.error().message == "query is required");
  const Result<Problem> trailing = ParseAvailabilityText(declined[0], zones);
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.error().code == "invalid_json");
  // An event's error keeps its path.
  const std::string bad_event = R"({"now":"2030-03-04T00:00:00Z","query":{},"calendars":{"anna":{"busy":[
      {"start":"2030-03-05T10:00:00Z","end":"2030-03-05T11:00:00Z"},{"start":"2030-03-05T10:00:00Z","end":"x"}]}}})";
  CHECK_FALSE(ParseAvailabilityFast(bad_event, zones).has_value());
  const Result<Problem> event = ParseAvailabilityText(bad_event, zones);
  REQUIRE_FALSE(event.ok());
  CHECK(event.error().field == "calendars[\"anna\"].busy[1].end");
}

TEST_CASE("Fast availability reader: CallEngine(solve) answers the same text either way") {
  testing::SystemZoneSource zones;
  std::mt19937 random(11);
  const std::string text = Document(random, 4, 40, 1);
  const Result<Problem> tree = TreeParse(text, zones);
  REQUIRE_MESSAGE(tree.ok(), tree.error().field << ": " << tree.error().message);
  CHECK(CallEngine("solve", text, zones).body == SolveProblem(*tree).body);
}
