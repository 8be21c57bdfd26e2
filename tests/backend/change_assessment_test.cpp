// Tests for booking/change_assessment: what an observation of a booked object means (Assess, ObservedFrom).
#include <doctest/doctest.h>

#include "booking/change_assessment.h"
#include "slotwise/time.h"

using namespace slotwise;

namespace {

BookedObject Booked() {
  BookedObject event;
  event.interview_id = "int_1";
  event.object = "event";
  event.provider = "google";
  event.calendar_id = "lena.fischer@kumo.example";
  event.provider_object_id = "evt1";
  event.expected_start = ParseRfc3339("2026-12-01T09:00:00Z").value();
  event.expected_end = ParseRfc3339("2026-12-01T10:00:00Z").value();
  return event;
}

providers::CreatedEvent AsBooked() {
  providers::CreatedEvent event;
  event.id = "evt1";
  event.start = Booked().expected_start;
  event.end = Booked().expected_end;
  event.attendees.push_back({"room-amstel@kumo-labs.example", providers::AttendeeResponse::kAccepted, true});
  return event;
}

}  // namespace

TEST_CASE("Change assessment: an event as booked raises no flag") {
  Result<ObservedEvent> observed = ObservedFrom(AsBooked());
  REQUIRE(observed.ok());
  CHECK(Assess(Booked(), *observed).flag.empty());
}

TEST_CASE("Change assessment: moved, all-day, cancelled and room-declined events are flagged, most severe first") {
  providers::CreatedEvent moved = AsBooked();
  moved.start += 1800;
  moved.end += 1800;
  const Observation seen = Assess(Booked(), ObservedFrom(moved).value());
  CHECK(seen.flag == kFlagMovedExternally);
  CHECK(seen.observed_start == moved.start);
  CHECK(seen.observed_end == moved.end);

  providers::CreatedEvent all_day = AsBooked();
  all_day.all_day = true;
  all_day.start = all_day.end = 0;
  CHECK(Assess(Booked(), ObservedFrom(all_day).value()).flag == kFlagMovedExternally);

  providers::CreatedEvent declined = AsBooked();
  declined.attendees[0].response = providers::AttendeeResponse::kDeclined;
  const Observation room = Assess(Booked(), ObservedFrom(declined).value());
  CHECK(room.flag == kFlagRoomDeclined);
  CHECK(room.detail.find("room-amstel@kumo-labs.example") != std::string::npos);

  declined.start += 3600;  // moved AND declined: moved wins
  declined.end += 3600;
  CHECK(Assess(Booked(), ObservedFrom(declined).value()).flag == kFlagMovedExternally);

  providers::CreatedEvent cancelled = declined;
  cancelled.cancelled = true;
  CHECK(Assess(Booked(), ObservedFrom(cancelled).value()).flag == kFlagDeletedExternally);
}

TEST_CASE("Change assessment: a person declining is not a room declining; unknown times are an error, not a move") {
  providers::CreatedEvent person = AsBooked();
  person.attendees.push_back({"jonas.becker@kumo.example", providers::AttendeeResponse::kDeclined, false});
  CHECK(Assess(Booked(), ObservedFrom(person).value()).flag.empty());

  providers::CreatedEvent unknown = AsBooked();
  unknown.start = unknown.end = 0;  // e.g. Graph answered in a zone other than UTC
  CHECK_FALSE(ObservedFrom(unknown).ok());
}

TEST_CASE("Change assessment: a Zoom meeting observed by start and end") {
  MeetingState meeting;
  meeting.start = Booked().expected_start;
  meeting.end = meeting.start + 3600;
  CHECK(Assess(Booked(), ObservedFrom(meeting).value()).flag.empty());
  meeting.end = meeting.start + 45 * 60;
  CHECK(Assess(Booked(), ObservedFrom(meeting).value()).flag == kFlagMovedExternally);
  meeting.start = 0;
  CHECK_FALSE(ObservedFrom(meeting).ok());
}
