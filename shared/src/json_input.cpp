// json_input.cpp — bounded JSON input (slotwise/json_input.h).
#include "slotwise/json_input.h"

namespace slotwise {

std::optional<std::size_t> JsonNestingBeyond(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

nlohmann::json ParseJson(std::string_view text) {
  // nlohmann's lexer takes a NUL byte for the end of the input and would ignore whatever follows it; a raw NUL is
  // valid nowhere in JSON text, so such text is refused whole.
  if (JsonNestingBeyond(text) || text.find('\0') != std::string_view::npos) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

std::string NestingTooDeepMessage(std::size_t offset) {
  return "the JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels (at byte " + std::to_string(offset) +
         ")";
}

}  // namespace slotwise
