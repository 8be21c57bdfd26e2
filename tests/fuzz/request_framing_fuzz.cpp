// Fuzz target: where the server's edge decides a request ends (FrameRequest, backend/edge/request_framing.h).
// The first byte picks small or default budgets; the rest is what a client sent. Properties, for any bytes:
//   - a complete request lies inside the bytes (head_bytes <= total_bytes <= size) and is framed the same when only
//     its own bytes have arrived (what follows it belongs to the next request);
//   - no shorter prefix of it is complete, and every refusal names an error code of the vocabulary;
//   - a refusal of the prefix that ends right before the request's end never happens when the whole request is
//     complete (bytes arriving one by one meet the same verdicts as bytes arriving at once).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "edge/request_framing.h"
#include "fuzz_support.h"
#include "slotwise/error_codes.h"

namespace {

using slotwise::edge::FrameRequest;
using slotwise::edge::FrameState;
using slotwise::edge::FramingLimits;

bool KnownCode(std::string_view code) {
  for (const slotwise::ErrorCodeInfo& info : slotwise::AllErrorCodes()) {
    if (info.code == code) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  const std::uint8_t choice = input.Byte();
  const FramingLimits limits = (choice & 1) ? FramingLimits{64, 128} : FramingLimits{};
  const std::string_view bytes = input.Rest();
  const auto frame = FrameRequest(bytes, limits);
  if (frame.state == FrameState::kRefused) {
    FUZZ_CHECK(KnownCode(frame.refusal.code), "unknown error code " << frame.refusal.code);
    FUZZ_CHECK(!frame.refusal.message.empty(), "a refusal without a message");
    return 0;
  }
  if (frame.state != FrameState::kComplete) return 0;
  FUZZ_CHECK(frame.head_bytes > 0 && frame.head_bytes <= frame.total_bytes && frame.total_bytes <= bytes.size(),
             "a complete request outside the bytes: head " << frame.head_bytes << ", total " << frame.total_bytes);
  const auto alone = FrameRequest(bytes.substr(0, frame.total_bytes), limits);
  FUZZ_CHECK(alone.state == FrameState::kComplete && alone.total_bytes == frame.total_bytes,
             "the request framed differently without what follows it");
  for (std::size_t cut : {frame.total_bytes - 1, frame.head_bytes - 1, frame.total_bytes / 2}) {
    if (cut >= frame.total_bytes) continue;
    const auto prefix = FrameRequest(bytes.substr(0, cut), limits);
    FUZZ_CHECK(prefix.state == FrameState::kNeedMore,
               "a prefix of " << cut << " bytes of a complete " << frame.total_bytes << "-byte request is "
                              << (prefix.state == FrameState::kComplete ? "complete" : "refused"));
  }
  return 0;
}
