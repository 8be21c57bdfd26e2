// daily_planner.h — which daily posts are due now: a pure function of the mappings, their post records and "now".
//
// The rules (docs/HR.md "Scheduler"):
// - A mapping's local day D is the calendar date of `now` in the mapping's zone. Only D is ever considered: a post
//   for an earlier day is never made (catch-up happens within the same local day only).
// - The post of D is scheduled at ScheduledAt(mapping, D): the wall time `time_of_day` on D in the mapping's zone,
//   read per RFC 5545 (TimeZone::FromLocal): a time skipped by a DST jump (02:30 on a spring-forward night) is taken
//   the gap's length later on the wall clock (03:30); a time that occurs twice (an autumn night) means its FIRST
//   occurrence. Either way there is exactly one scheduled instant per local day.
// - D is a post day when its weekday is in the mapping's `weekdays` and the mapping is enabled.
// - Due when now >= scheduled and D's record is: absent (kFirst), "retry" with next_attempt_at <= now (kRetry), or
//   "intent" last touched at least kIntentLeaseSeconds ago (kRecover: the process that wrote it died mid-post).
//   "posted", "empty", "failed" and "uncertain" records are final for their day.
// Thread-safe, no throw except std::bad_alloc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hr/hr_model.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::hr {

inline constexpr std::int64_t kIntentLeaseSeconds = 120;

enum class DueKind : std::uint8_t { kFirst, kRetry, kRecover };

struct DuePost {
  const ChannelMapping* mapping = nullptr;  // points into the planner's input
  std::string local_day;                    // YYYY-MM-DD
  std::int64_t day_number = 0;
  Instant scheduled_at = 0;
  DueKind kind = DueKind::kFirst;
};

struct PlannerMapping {
  const ChannelMapping* mapping = nullptr;
  const TimeZone* zone = nullptr;  // the mapping's zone; a null zone (unknown name) is never due
};

using PostRecords = std::map<std::pair<std::string, std::string>, PostRecord>;  // (mapping id, local day) → record

// The local day number of `now` in `zone`.
std::int64_t LocalDayNumber(Instant now, const TimeZone& zone);
// The scheduled instant of `mapping`'s post on local day `day_number` (RFC 5545 reading, see above).
Instant ScheduledAt(const ChannelMapping& mapping, std::int64_t day_number, const TimeZone& zone);

// The posts due at `now`, in input order.
std::vector<DuePost> PlanDuePosts(const std::vector<PlannerMapping>& mappings, const PostRecords& records, Instant now);

}  // namespace slotwise::hr
