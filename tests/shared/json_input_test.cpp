// Tests for shared/include/slotwise/json_input.h and the engine's use of it: nesting is bounded before any value is
// built, brackets inside strings do not count, and the engine names the limit instead of crashing; IsValidUtf8 (ascii.h),
// the form JSON text must have.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"
#include "support/system_zones.h"

using namespace slotwise;

namespace {

std::string Nested(int levels, char open = '[', char close = ']') {
  return std::string(static_cast<std::size_t>(levels), open) + std::string(static_cast<std::size_t>(levels), close);
}

}  // namespace

TEST_CASE("JsonNestingBeyond: 64 levels pass, the 65th opening bracket is named by its byte offset") {
  CHECK_FALSE(JsonNestingBeyond(Nested(kMaxJsonDepth)));
  REQUIRE(JsonNestingBeyond(Nested(kMaxJsonDepth + 1)));
  CHECK(*JsonNestingBeyond(Nested(kMaxJsonDepth + 1)) == static_cast<std::size_t>(kMaxJsonDepth));
  CHECK_FALSE(JsonNestingBeyond("{\"a\":[1,{\"b\":2}],\"c\":{}}", 3));
  CHECK(JsonNestingBeyond("{\"a\":[1,{\"b\":2}]}", 2) == std::size_t{8});
  CHECK_FALSE(JsonNestingBeyond(""));
  CHECK_FALSE(JsonNestingBeyond("12"));
}

TEST_CASE("JsonNestingBeyond: brackets inside strings, also after escaped quotes, do not count") {
  const std::string many_in_string = "{\"text\":\"" + Nested(500, '{', '}') + "\"}";
  CHECK_FALSE(JsonNestingBeyond(many_in_string));
  const std::string escaped_quote = "[\"a\\\"[[[[[\",\"\\\\\",[[1]]]";
  CHECK(JsonNestingBeyond(escaped_quote, 3) == std::nullopt);
  CHECK(JsonNestingBeyond(escaped_quote, 2).has_value());
  // Closing brackets without openers never make the depth negative (the parser refuses such text anyway).
  CHECK(JsonNestingBeyond("]]]][[", 1) == std::size_t{5});
}

TEST_CASE("ParseJson: parses what nests within the limit, discards what does not or is not JSON") {
  CHECK(ParseJson("{\"a\":[1,2]}") == nlohmann::json{{"a", {1, 2}}});
  CHECK_FALSE(ParseJson(Nested(kMaxJsonDepth)).is_discarded());
  CHECK(ParseJson(Nested(kMaxJsonDepth + 1)).is_discarded());
  CHECK(ParseJson("{\"a\":").is_discarded());
  CHECK(NestingTooDeepMessage(7) == "the JSON nests deeper than 64 levels (at byte 7)");
}

TEST_CASE("Engine: a document nested 200,000 levels deep is invalid_json naming the limit, for every operation") {
  const std::string deep = "{\"query\":" + Nested(200000, '[', ']') + "}";
  for (const char* operation : {"solve", "validate", "merge_intervals"}) {
    CAPTURE(operation);
    const EngineAnswer answer = CallEngine(operation, deep, testing::SystemZones());
    CHECK(answer.status == EngineStatus::kInvalidInput);
    const nlohmann::json body = nlohmann::json::parse(answer.body);
    CHECK(body["error"]["code"] == "invalid_json");
    CHECK(body["error"]["message"] == "the JSON nests deeper than 64 levels (at byte 72)");
  }
  const Result<Problem> parsed = ParseAvailabilityText(deep, testing::SystemZones());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "invalid_json");
}

TEST_CASE("ParseJson: a NUL byte does not end the text — what follows it is not silently ignored (tests/fuzz)") {
  // nlohmann's parser stops at a NUL byte as if the input ended there, so `{…}\0<anything>` read as the object alone.
  // A raw NUL is valid nowhere in JSON text (RFC 8259: not whitespace, and escaped inside strings).
  using namespace std::string_literals;
  CHECK(ParseJson("{\"a\":1}\0{\"b\":2}"s).is_discarded());
  CHECK(ParseJson("\"summary\"\0\xec\xec"s).is_discarded());
  CHECK(ParseJson("[\"a\0b\"]"s).is_discarded());
  CHECK(ParseJson("[\"a\\u0000b\"]") == nlohmann::json::array({"a\0b"s}));  // an escaped NUL is fine
  const EngineAnswer answer = CallEngine("merge_intervals", "{\"intervals\":[]}\0 not JSON"s, testing::SystemZones());
  CHECK(answer.status == EngineStatus::kInvalidInput);
  CHECK(nlohmann::json::parse(answer.body)["error"]["code"] == "invalid_json");
}

TEST_CASE("IsValidUtf8: shortest forms only, no surrogates, nothing above U+10FFFF") {
  using namespace std::string_literals;
  for (const std::string& good : {""s, "ascii"s, "caf\xc3\xa9"s, "\xe2\x82\xac"s, "\xf0\x9f\x98\x80"s, "\xf4\x8f\xbf\xbf"s,
                                  "\xed\x9f\xbf"s, "a\0b"s}) {
    CAPTURE(good);
    CHECK(IsValidUtf8(good));
  }
  for (const std::string& bad : {"\xff"s, "\x80"s, "\xc0\xaf"s, "\xc1\xbf"s, "\xe0\x9f\xbf"s, "\xed\xa0\x80"s,
                                 "\xf0\x8f\xbf\xbf"s, "\xf4\x90\x80\x80"s, "\xf5\x80\x80\x80"s, "\xc3"s, "\xe2\x82"s,
                                 "caf\xc3("s}) {
    CAPTURE(bad);
    CHECK_FALSE(IsValidUtf8(bad));
  }
}
