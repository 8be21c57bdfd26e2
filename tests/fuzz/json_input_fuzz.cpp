// Fuzz target: the bounded JSON reader every untrusted input goes through (slotwise/json_input.h).
// Properties, for any bytes:
//   - nesting within kMaxJsonDepth: ParseJson gives exactly what nlohmann's unbounded parser gives (value or failure),
//     except that a raw NUL byte anywhere makes the text no JSON (nlohmann alone stops reading at it);
//   - nesting beyond it: JsonNestingBeyond names a byte that is '[' or '{', ParseJson refuses, and what the unbounded
//     parser may accept is indeed nested deeper than kMaxJsonDepth;
//   - an accepted value is at most kMaxJsonDepth deep, and its text form is a fixed point (dump → parse → dump).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "slotwise/json_input.h"

namespace {

int Depth(const nlohmann::json& value) {
  if (!value.is_structured()) return 0;
  int deepest = 0;
  for (const nlohmann::json& child : value) {
    const int depth = Depth(child);
    if (depth > deepest) deepest = depth;
  }
  return deepest + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<std::size_t> beyond = slotwise::JsonNestingBeyond(text);
  const nlohmann::json bounded = slotwise::ParseJson(text);
  // The reference: nlohmann's parser without the depth bound. It takes a NUL byte for the end of the input, which
  // ParseJson must not (a raw NUL is not JSON anywhere), so text holding one is no JSON for the reference either.
  const nlohmann::json unbounded = text.find('\0') != std::string_view::npos
                                       ? nlohmann::json(nlohmann::json::value_t::discarded)
                                       : nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (beyond) {
    FUZZ_CHECK(*beyond < text.size() && (text[*beyond] == '[' || text[*beyond] == '{'),
               "JsonNestingBeyond named byte " << *beyond << " of " << text.size());
    FUZZ_CHECK(bounded.is_discarded(), "a document nested too deep was parsed");
    FUZZ_CHECK(unbounded.is_discarded() || Depth(unbounded) > slotwise::kMaxJsonDepth,
               "refused as too deep, but the value is only " << Depth(unbounded) << " levels deep");
    return 0;
  }
  FUZZ_CHECK(bounded.is_discarded() == unbounded.is_discarded(),
             "the bounded and the plain parser disagree on validity");
  if (bounded.is_discarded()) return 0;
  FUZZ_CHECK(bounded == unbounded || bounded.dump() == unbounded.dump(), "the bounded parser read another value");
  FUZZ_CHECK(Depth(bounded) <= slotwise::kMaxJsonDepth, "accepted a value " << Depth(bounded) << " levels deep");
  const std::string once = bounded.dump();
  const nlohmann::json again = slotwise::ParseJson(once);
  FUZZ_CHECK(!again.is_discarded() && again.dump() == once, "the dumped value does not read back: " << once);
  return 0;
}
