// Fuzz target: the availability document's fast reader (ParseAvailabilityFast, shared/src/availability_fast_parse.cpp)
// against the tree-based parser it stands in for. Properties, for any bytes:
//   - when the fast reader answers, the tree-based parser (ParseJson + ParseAvailabilityDocument) accepts the same text
//     and its Problem is the same: the same calendars (sub, zone, hours, limits, busy events in order) and the same
//     answer when solved;
//   - ParseAvailabilityText (which tries the fast reader first) agrees with the tree-based parser: both succeed with
//     the same answer, or both fail with the same error (code, field and message).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"

namespace {

using slotwise::Problem;
using slotwise::Result;

Result<Problem> TreeParse(std::string_view text) {
  if (slotwise::JsonNestingBeyond(text)) return slotwise::Error{"invalid_json", "too deep", ""};
  const nlohmann::json document = slotwise::ParseJson(text);
  if (document.is_discarded()) return slotwise::Error{"invalid_json", "the request body is not valid JSON", ""};
  return slotwise::ParseAvailabilityDocument(document, slotwise::fuzz::SystemZones());
}

void CheckSame(const Problem& fast, const Problem& tree) {
  FUZZ_CHECK(fast.now == tree.now, "now differs");
  FUZZ_CHECK(fast.calendars.size() == tree.calendars.size(), "calendar counts differ");
  for (std::size_t i = 0; i < fast.calendars.size(); ++i) {
    const slotwise::Calendar& a = fast.calendars[i];
    const slotwise::Calendar& b = tree.calendars[i];
    FUZZ_CHECK(a.sub == b.sub && a.zone == b.zone, "calendar " << i << " differs");
    FUZZ_CHECK(a.working_hours.around_the_clock == b.working_hours.around_the_clock &&
                   a.working_hours.windows == b.working_hours.windows,
               "working hours of " << b.sub << " differ");
    FUZZ_CHECK(a.capacity == b.capacity && a.max_interviews_per_day == b.max_interviews_per_day &&
                   a.max_interviews_per_week == b.max_interviews_per_week &&
                   a.conferencing_account.has_value() == b.conferencing_account.has_value(),
               "limits of " << b.sub << " differ");
    FUZZ_CHECK(a.busy.size() == b.busy.size(), "busy counts of " << b.sub << " differ");
    for (std::size_t e = 0; e < a.busy.size(); ++e) {
      FUZZ_CHECK(a.busy[e].interval == b.busy[e].interval && a.busy[e].status == b.busy[e].status &&
                     a.busy[e].interview == b.busy[e].interview,
                 "busy event " << e << " of " << b.sub << " differs");
    }
  }
  FUZZ_CHECK(slotwise::SolveProblem(fast).body == slotwise::SolveProblem(tree).body, "the answers differ");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<Problem> fast = slotwise::ParseAvailabilityFast(text, slotwise::fuzz::SystemZones());
  const Result<Problem> tree = TreeParse(text);
  if (fast) {
    FUZZ_CHECK(tree.ok(), "the fast reader accepted what the tree refuses: " << tree.error().message);
    CheckSame(*fast, *tree);
  }
  const Result<Problem> public_entry = slotwise::ParseAvailabilityText(text, slotwise::fuzz::SystemZones());
  FUZZ_CHECK(public_entry.ok() == tree.ok(), "ParseAvailabilityText and the tree disagree on success");
  if (!tree.ok()) {
    FUZZ_CHECK(public_entry.error().code == tree.error().code && public_entry.error().field == tree.error().field,
               "the errors differ: " << public_entry.error().message << " / " << tree.error().message);
  }
  return 0;
}
