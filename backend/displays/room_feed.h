// room_feed.h — what a room display shows, composed from the room's busy blocks: busy or free now and until when,
// and the meetings still to come today in the display's zone. Pure; the service (display_service.h) gathers the
// blocks and renders the JSON feed (docs/ROOM_DISPLAYS.md).
//
// Contract:
// - Today is the local day of `now` in `zone`: [LocalDayOf(now).start, .end) — midnight to midnight, 23 or 25 hours on
//   the days the clocks change.
// - Blocks are the room's provider events (kind "busy"; "free" events are not blocks) and Slotwise's own interviews
//   holding the room (kind "interview"). A "busy" block that lies inside an "interview" block is the interview's own
//   event in the room's calendar and is dropped; of identical intervals one is kept, "interview" first.
// - Now: busy when a block contains now (start ≤ now < end); `until` is the end of the run of blocks that touch or
//   overlap from there (back-to-back meetings are one busy stretch), and `current` the block containing now that
//   started last (the first interview instead when one covers now). Free otherwise; `until` is the start
//   of the next block today, nullopt when none is left today.
// - Upcoming: every block starting after now and before the end of today, by start (then end). Blocks that ended, or
//   start tomorrow or later, are left out.
// - No names or titles: a block is only its time and kind, so a display never shows what a meeting is about.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "slotwise/intervals.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::displays {

enum class BlockKind { kBusy, kInterview };

struct RoomBlock {
  Instant start = 0;
  Instant end = 0;
  BlockKind kind = BlockKind::kBusy;
  bool operator==(const RoomBlock&) const = default;
};

struct RoomDay {
  Interval day;               // today in the display's zone
  bool busy = false;          // now
  std::optional<Instant> until;  // busy: when the room is free again; free: when the next block starts (nullopt: none today)
  std::optional<RoomBlock> current;  // busy: the block now
  std::vector<RoomBlock> upcoming;   // today, after now
};

Interval LocalDayOf(Instant now, const TimeZone& zone);
RoomDay ComposeRoomDay(std::vector<RoomBlock> blocks, Instant now, const TimeZone& zone);
std::string_view KindName(BlockKind kind);  // "busy" | "interview"

}  // namespace slotwise::displays
