// json_input.h — the one way Slotwise reads JSON it did not write itself: request bodies, engine documents, provider
// answers, webhook deliveries, stored documents. Nesting is bounded before any value is built, so no input — however
// deep — can exhaust the stack of the code that walks the value afterwards (docs/ENGINE.md "Errors").
//
// Contract: kMaxJsonDepth levels of arrays and objects at most (the engine's deepest document needs 6). Thread safety:
// pure functions. Nothing throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace slotwise {

inline constexpr int kMaxJsonDepth = 64;

// The byte offset of the first '[' or '{' (outside strings) that opens level max_depth + 1, or nullopt when `text`
// nests no deeper than max_depth. Reads the text once and allocates nothing; it does not check the text otherwise.
std::optional<std::size_t> JsonNestingBeyond(std::string_view text, int max_depth = kMaxJsonDepth);

// `text` parsed, or a discarded value (is_discarded()) when it is not JSON or nests deeper than kMaxJsonDepth. The
// whole text is read: a NUL byte anywhere in it makes it not JSON (nlohmann alone would stop reading there).
nlohmann::json ParseJson(std::string_view text);

// The message for input refused by JsonNestingBeyond: "the JSON nests deeper than 64 levels (at byte N)".
std::string NestingTooDeepMessage(std::size_t offset);

}  // namespace slotwise
