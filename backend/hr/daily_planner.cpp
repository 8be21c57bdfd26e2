// daily_planner.cpp — see daily_planner.h.
#include "hr/daily_planner.h"

#include <algorithm>

#include "hr/absence_days.h"

namespace slotwise::hr {

std::int64_t LocalDayNumber(Instant now, const TimeZone& zone) { return DaysFromCivil(zone.ToLocal(now).date); }

Instant ScheduledAt(const ChannelMapping& mapping, std::int64_t day_number, const TimeZone& zone) {
  return zone.FromLocal(LocalDateTime{CivilFromDays(day_number), mapping.time_of_day});
}

std::vector<DuePost> PlanDuePosts(const std::vector<PlannerMapping>& mappings, const PostRecords& records,
                                  Instant now) {
  std::vector<DuePost> due;
  for (const PlannerMapping& entry : mappings) {
    if (!entry.mapping || !entry.zone || !entry.mapping->enabled) continue;
    const ChannelMapping& mapping = *entry.mapping;
    const std::int64_t day = LocalDayNumber(now, *entry.zone);
    const int weekday = static_cast<int>(WeekdayFromDays(day));
    if (std::find(mapping.weekdays.begin(), mapping.weekdays.end(), weekday) == mapping.weekdays.end()) continue;
    const Instant scheduled = ScheduledAt(mapping, day, *entry.zone);
    if (now < scheduled) continue;
    const std::string local_day = FormatIsoDay(day);
    DuePost post{&mapping, local_day, day, scheduled, DueKind::kFirst};
    auto found = records.find({mapping.id, local_day});
    if (found != records.end()) {
      const PostRecord& record = found->second;
      if (record.state == PostState::kRetry && record.next_attempt_at <= now) {
        post.kind = DueKind::kRetry;
      } else if (record.state == PostState::kIntent && now - record.updated_at >= kIntentLeaseSeconds) {
        post.kind = DueKind::kRecover;
      } else {
        continue;
      }
    }
    due.push_back(std::move(post));
  }
  return due;
}

}  // namespace slotwise::hr
