// room_feed_test.cpp — the display's day composed from busy blocks (displays/room_feed.h): now busy or free and until
// when, next and later today, the day's boundary in the display's zone, interviews against their own events.
#include <doctest/doctest.h>

#include "displays/room_feed.h"
#include "support/instants.h"
#include "support/system_zones.h"

using namespace slotwise;
using namespace slotwise::displays;
using slotwise::testing::At;

namespace {

RoomBlock Busy(const char* start, const char* end) { return {At(start), At(end), BlockKind::kBusy}; }
RoomBlock Interview(const char* start, const char* end) { return {At(start), At(end), BlockKind::kInterview}; }

}  // namespace

TEST_CASE("free now: until the next meeting, which is next; the rest of today is later") {
  testing::SystemZoneSource zones;
  const TimeZone& amsterdam = *zones.Find("Europe/Amsterdam");
  const RoomDay day = ComposeRoomDay({Busy("2026-12-07T14:00:00Z", "2026-12-07T15:00:00Z"),
                                      Busy("2026-12-07T08:00:00Z", "2026-12-07T09:00:00Z"),  // over
                                      Busy("2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z"),
                                      Busy("2026-12-07T16:00:00Z", "2026-12-07T16:30:00Z")},
                                     At("2026-12-07T10:00:00Z"), amsterdam);
  CHECK_FALSE(day.busy);
  CHECK(day.until == std::optional<Instant>(At("2026-12-07T12:00:00Z")));
  CHECK_FALSE(day.current.has_value());
  REQUIRE(day.upcoming.size() == 3);
  CHECK(day.upcoming[0] == Busy("2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z"));
  CHECK(day.upcoming[1] == Busy("2026-12-07T14:00:00Z", "2026-12-07T15:00:00Z"));
  CHECK(day.upcoming[2] == Busy("2026-12-07T16:00:00Z", "2026-12-07T16:30:00Z"));
}

TEST_CASE("busy now: until the end of the stretch of back-to-back and overlapping meetings") {
  testing::SystemZoneSource zones;
  const TimeZone& utc = *zones.Find("UTC");
  const RoomDay day = ComposeRoomDay({Busy("2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"),
                                      Busy("2026-12-07T11:00:00Z", "2026-12-07T11:30:00Z"),  // back to back
                                      Busy("2026-12-07T11:15:00Z", "2026-12-07T12:00:00Z"),  // overlapping
                                      Busy("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z")},  // after a gap
                                     At("2026-12-07T10:30:00Z"), utc);
  CHECK(day.busy);
  CHECK(day.until == std::optional<Instant>(At("2026-12-07T12:00:00Z")));
  REQUIRE(day.current.has_value());
  CHECK(*day.current == Busy("2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"));
  REQUIRE(day.upcoming.size() == 3);
  CHECK(day.upcoming[0].start == At("2026-12-07T11:00:00Z"));
  // A meeting ending exactly now is over; one starting exactly now is the current one.
  const RoomDay edge = ComposeRoomDay({Busy("2026-12-07T09:00:00Z", "2026-12-07T10:00:00Z"),
                                       Busy("2026-12-07T10:00:00Z", "2026-12-07T10:15:00Z")},
                                      At("2026-12-07T10:00:00Z"), utc);
  CHECK(edge.busy);
  CHECK(edge.until == std::optional<Instant>(At("2026-12-07T10:15:00Z")));
  CHECK(edge.upcoming.empty());
}

TEST_CASE("today ends at midnight in the display's zone, not in UTC") {
  testing::SystemZoneSource zones;
  const std::vector<RoomBlock> blocks = {Busy("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"),   // 22:00 in Tokyo
                                         Busy("2026-12-07T15:30:00Z", "2026-12-07T16:00:00Z")};  // 00:30 the next day
  const Instant now = At("2026-12-07T12:00:00Z");  // 21:00 in Tokyo, 13:00 in Amsterdam
  const RoomDay tokyo = ComposeRoomDay(blocks, now, *zones.Find("Asia/Tokyo"));
  CHECK(tokyo.day.start == At("2026-12-06T15:00:00Z"));
  CHECK(tokyo.day.end == At("2026-12-07T15:00:00Z"));
  REQUIRE(tokyo.upcoming.size() == 1);
  CHECK(tokyo.upcoming[0].start == At("2026-12-07T13:00:00Z"));
  const RoomDay amsterdam = ComposeRoomDay(blocks, now, *zones.Find("Europe/Amsterdam"));
  CHECK(amsterdam.day.end == At("2026-12-07T23:00:00Z"));
  CHECK(amsterdam.upcoming.size() == 2);
  // Free with nothing left today: no "until".
  const RoomDay late = ComposeRoomDay(blocks, At("2026-12-07T14:30:00Z"), *zones.Find("Asia/Tokyo"));
  CHECK_FALSE(late.busy);
  CHECK_FALSE(late.until.has_value());
  CHECK(late.upcoming.empty());
}

TEST_CASE("a day when the clocks change is 23 or 25 hours long") {
  testing::SystemZoneSource zones;
  const TimeZone& amsterdam = *zones.Find("Europe/Amsterdam");
  const Interval spring = LocalDayOf(At("2026-03-29T12:00:00Z"), amsterdam);
  CHECK(spring.start == At("2026-03-28T23:00:00Z"));
  CHECK(spring.end - spring.start == 23 * 3600);
  const Interval autumn = LocalDayOf(At("2026-10-25T12:00:00Z"), amsterdam);
  CHECK(autumn.end - autumn.start == 25 * 3600);
}

TEST_CASE("an interview's own event in the room's calendar is the interview, shown once") {
  testing::SystemZoneSource zones;
  const TimeZone& utc = *zones.Find("UTC");
  const RoomDay day = ComposeRoomDay({Busy("2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"),
                                      Interview("2026-12-07T09:50:00Z", "2026-12-07T11:00:00Z"),  // hold with buffer
                                      Interview("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"),
                                      Busy("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"),
                                      Busy("2026-12-07T15:00:00Z", "2026-12-07T16:00:00Z")},
                                     At("2026-12-07T10:30:00Z"), utc);
  CHECK(day.busy);
  REQUIRE(day.current.has_value());
  CHECK(day.current->kind == BlockKind::kInterview);
  CHECK(day.until == std::optional<Instant>(At("2026-12-07T11:00:00Z")));
  REQUIRE(day.upcoming.size() == 2);
  CHECK(day.upcoming[0] == Interview("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"));
  CHECK(day.upcoming[1] == Busy("2026-12-07T15:00:00Z", "2026-12-07T16:00:00Z"));
  CHECK(KindName(day.upcoming[0].kind) == "interview");
  CHECK(KindName(day.upcoming[1].kind) == "busy");
}
