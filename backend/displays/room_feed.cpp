// room_feed.cpp — see room_feed.h.
#include "displays/room_feed.h"

#include <algorithm>

namespace slotwise::displays {

namespace {

constexpr std::int64_t kDay = 86'400;

// Without the busy events an interview's own hold already covers; identical intervals once, the interview kept.
std::vector<RoomBlock> Distinct(std::vector<RoomBlock> blocks) {
  std::vector<RoomBlock> kept;
  for (const RoomBlock& block : blocks) {
    if (block.end <= block.start) continue;
    const bool covered = block.kind == BlockKind::kBusy &&
                         std::any_of(blocks.begin(), blocks.end(), [&](const RoomBlock& other) {
                           return other.kind == BlockKind::kInterview && other.start <= block.start &&
                                  block.end <= other.end;
                         });
    if (covered) continue;
    if (std::find(kept.begin(), kept.end(), block) == kept.end()) kept.push_back(block);
  }
  std::sort(kept.begin(), kept.end(), [](const RoomBlock& a, const RoomBlock& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.kind == BlockKind::kInterview && b.kind != BlockKind::kInterview;
  });
  return kept;
}

}  // namespace

Interval LocalDayOf(Instant now, const TimeZone& zone) {
  const std::int64_t local = now + zone.OffsetAt(now);
  const std::int64_t midnight = FloorDiv(local, kDay) * kDay;
  return Interval{zone.FromLocalSeconds(midnight), zone.FromLocalSeconds(midnight + kDay)};
}

RoomDay ComposeRoomDay(std::vector<RoomBlock> blocks, Instant now, const TimeZone& zone) {
  RoomDay day;
  day.day = LocalDayOf(now, zone);
  blocks = Distinct(std::move(blocks));
  for (const RoomBlock& block : blocks) {
    if (block.start <= now && now < block.end) {
      const bool better = !day.current || (day.current->kind != BlockKind::kInterview &&
                                           (block.kind == BlockKind::kInterview || block.start >= day.current->start));
      if (better) day.current = block;
      day.busy = true;
    }
  }
  if (day.busy) {
    Instant until = now;
    for (const RoomBlock& block : blocks) {  // sorted by start: one pass extends the stretch
      if (block.start <= until && block.end > until) until = block.end;
    }
    day.until = until;
  }
  for (const RoomBlock& block : blocks) {
    if (block.start > now && block.start < day.day.end) {
      day.upcoming.push_back(block);
      if (!day.busy && !day.until) day.until = block.start;
    }
  }
  return day;
}

std::string_view KindName(BlockKind kind) { return kind == BlockKind::kInterview ? "interview" : "busy"; }

}  // namespace slotwise::displays
