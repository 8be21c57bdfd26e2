// Fuzz target: the TZif reader (TimeZone::FromTzif, slotwise/time_zone.h) that every zone the server, the CLI and the
// widget use goes through, with its footer's POSIX TZ rule. Input: the bytes of a TZif file.
// Properties of a zone that parses, over a fixed set of instants from -2^40 s to past the year 2200 and the
// boundaries of every span of constant offset in [1900, 2300):
//   - OffsetSpans covers the window without holes, adjacent spans differ, and OffsetAt agrees at both ends of each;
//   - wall time round trip: the wall time at t is found again by InstantsAtLocal (t is one of its instants, or a
//     third or later repetition past the two it reports), and FromLocalSeconds gives its first instant.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "slotwise/time_zone.h"

namespace {

using slotwise::Instant;
using slotwise::TimeZone;

void CheckRoundTrip(const TimeZone& zone, Instant t) {
  const std::int64_t local = zone.ToLocalSeconds(t);
  Instant found[2] = {0, 0};
  const int count = zone.InstantsAtLocal(local, found);
  FUZZ_CHECK(count >= 1 && count <= 2, "the wall time at " << t << " has " << count << " instants");
  for (int i = 0; i < count; ++i) {
    FUZZ_CHECK(zone.ToLocalSeconds(found[i]) == local, "instant " << found[i] << " does not show wall time " << local);
  }
  FUZZ_CHECK(found[0] == t || (count == 2 && (found[1] == t || (found[0] < found[1] && found[1] < t))),
             "the wall time at " << t << " maps back to " << found[0] << (count == 2 ? " and " : "")
                                 << (count == 2 ? std::to_string(found[1]) : ""));
  FUZZ_CHECK(zone.FromLocalSeconds(local) == found[0], "FromLocalSeconds(" << local << ") is not its first instant");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const slotwise::Result<TimeZone> parsed = TimeZone::FromTzif("Fuzz/Zone", bytes);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code == "invalid_tzif", "a TZif error with code " << parsed.error().code);
    return 0;
  }
  const TimeZone& zone = *parsed;

  constexpr Instant kFrom = -2208988800;  // 1900-01-01
  constexpr Instant kTo = 10413792000;    // 2300-01-01
  const std::vector<slotwise::OffsetSpan> spans = zone.OffsetSpans(kFrom, kTo);
  FUZZ_CHECK(!spans.empty() && spans.front().start == kFrom && spans.back().end == kTo, "the spans miss an end");
  std::vector<Instant> instants = {-(Instant{1} << 40), -1, 0, 1, 1796083200, 7258118400, 7258118400 + 86400 * 200,
                                   Instant{1} << 40};
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const slotwise::OffsetSpan& span = spans[i];
    FUZZ_CHECK(span.start < span.end, "an empty span at " << span.start);
    if (i > 0) {
      FUZZ_CHECK(spans[i - 1].end == span.start, "a hole before " << span.start);
      FUZZ_CHECK(spans[i - 1].offset != span.offset, "two adjacent spans with offset " << span.offset);
    }
    FUZZ_CHECK(zone.OffsetAt(span.start) == span.offset && zone.OffsetAt(span.end - 1) == span.offset,
               "OffsetAt disagrees with the span [" << span.start << ", " << span.end << ")");
    if (i < 64) instants.insert(instants.end(), {span.start, span.end - 1});
  }
  for (const Instant t : instants) CheckRoundTrip(zone, t);
  return 0;
}
