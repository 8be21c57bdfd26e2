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

// Who the interview booked: the organiser's own calendar holds the event.
BookedPeople People() {
  return BookedPeople{"lena.fischer@kumo.example", {"jonas.becker@kumo.example", "Mara.Weiss@kumo.example"},
                      {"tom.observer@kumo.example"}};
}

providers::CreatedEvent AsBooked() {
  providers::CreatedEvent event;
  event.id = "evt1";
  event.start = Booked().expected_start;
  event.end = Booked().expected_end;
  event.attendees.push_back({"room-amstel@kumo-labs.example", providers::AttendeeResponse::kAccepted, true});
  event.attendees.push_back({"lena.fischer@kumo.example", providers::AttendeeResponse::kOrganizer, false});
  event.attendees.push_back({"jonas.becker@kumo.example", providers::AttendeeResponse::kAccepted, false});
  event.attendees.push_back({"mara.weiss@kumo.example", providers::AttendeeResponse::kNeedsAction, false});
  event.attendees.push_back({"tom.observer@kumo.example", providers::AttendeeResponse::kTentative, false});
  return event;
}

}  // namespace

TEST_CASE("Change assessment: an event as booked raises no flag") {
  Result<ObservedEvent> observed = ObservedFrom(AsBooked());
  REQUIRE(observed.ok());
  CHECK(Assess(Booked(), *observed, People()).flag.empty());
}

TEST_CASE("Change assessment: moved, all-day, cancelled and room-declined events are flagged, most severe first") {
  providers::CreatedEvent moved = AsBooked();
  moved.start += 1800;
  moved.end += 1800;
  const Observation seen = Assess(Booked(), ObservedFrom(moved).value(), People());
  CHECK(seen.flag == kFlagMovedExternally);
  CHECK(seen.observed_start == moved.start);
  CHECK(seen.observed_end == moved.end);

  providers::CreatedEvent all_day = AsBooked();
  all_day.all_day = true;
  all_day.start = all_day.end = 0;
  CHECK(Assess(Booked(), ObservedFrom(all_day).value(), People()).flag == kFlagMovedExternally);

  providers::CreatedEvent declined = AsBooked();
  declined.attendees[0].response = providers::AttendeeResponse::kDeclined;
  const Observation room = Assess(Booked(), ObservedFrom(declined).value(), People());
  CHECK(room.flag == kFlagRoomDeclined);
  CHECK(room.detail.find("room-amstel@kumo-labs.example") != std::string::npos);

  declined.start += 3600;  // moved AND declined: moved wins
  declined.end += 3600;
  CHECK(Assess(Booked(), ObservedFrom(declined).value(), People()).flag == kFlagMovedExternally);

  providers::CreatedEvent cancelled = declined;
  cancelled.cancelled = true;
  CHECK(Assess(Booked(), ObservedFrom(cancelled).value(), People()).flag == kFlagDeletedExternally);
}

TEST_CASE("Change assessment: a person declining is not a room declining; unknown times are an error, not a move") {
  providers::CreatedEvent person = AsBooked();
  person.attendees[2].response = providers::AttendeeResponse::kDeclined;
  CHECK(Assess(Booked(), ObservedFrom(person).value(), People()).flag == kFlagAttendeesChanged);

  providers::CreatedEvent unknown = AsBooked();
  unknown.start = unknown.end = 0;  // e.g. Graph answered in a zone other than UTC
  CHECK_FALSE(ObservedFrom(unknown).ok());
}

TEST_CASE("Change assessment: a Zoom meeting observed by start and end") {
  MeetingState meeting;
  meeting.start = Booked().expected_start;
  meeting.end = meeting.start + 3600;
  CHECK(Assess(Booked(), ObservedFrom(meeting).value(), People()).flag.empty());
  meeting.end = meeting.start + 45 * 60;
  CHECK(Assess(Booked(), ObservedFrom(meeting).value(), People()).flag == kFlagMovedExternally);
  meeting.start = 0;
  CHECK_FALSE(ObservedFrom(meeting).ok());
}

TEST_CASE("Change assessment: interviewers removed, added or declining outside Slotwise are flagged with who") {
  providers::CreatedEvent event = AsBooked();
  event.attendees.erase(event.attendees.begin() + 3);  // Mara removed (booked with capitals: compared in lower case)
  event.attendees.push_back({"Zoe.New@Kumo.example", providers::AttendeeResponse::kNeedsAction, false});
  event.attendees[2].response = providers::AttendeeResponse::kDeclined;  // Jonas declines
  const Observation seen = Assess(Booked(), ObservedFrom(event).value(), People());
  CHECK(seen.flag == kFlagAttendeesChanged);
  CHECK(seen.attendees.removed == std::vector<std::string>{"mara.weiss@kumo.example"});
  CHECK(seen.attendees.added == std::vector<std::string>{"zoe.new@kumo.example"});
  CHECK(seen.attendees.declined == std::vector<std::string>{"jonas.becker@kumo.example"});
  CHECK(seen.detail ==
        "the attendees were changed outside Slotwise: removed mara.weiss@kumo.example; added zoe.new@kumo.example; "
        "declined by jonas.becker@kumo.example");
  CHECK(seen.observed_start == event.start);
}

TEST_CASE("Change assessment: the organiser, an observer's decline and letter case are not changes") {
  providers::CreatedEvent event = AsBooked();
  event.attendees.erase(event.attendees.begin() + 1);  // the organiser listed or not: the same
  event.attendees[1].email = "JONAS.BECKER@kumo.example";
  event.attendees.back().response = providers::AttendeeResponse::kDeclined;  // the observer declines: optional
  CHECK(Assess(Booked(), ObservedFrom(event).value(), People()).flag.empty());

  // A recruiter who interviews too is booked as an interviewer; the event lists them (or not) as its organiser.
  BookedPeople recruiter_interviews = People();
  recruiter_interviews.interviewers.push_back("Lena.Fischer@kumo.example");
  CHECK(Assess(Booked(), ObservedFrom(event).value(), recruiter_interviews).flag.empty());
  CHECK(Assess(Booked(), ObservedFrom(AsBooked()).value(), recruiter_interviews).flag.empty());

  event.attendees.pop_back();  // the observer removed: a change
  const Observation seen = Assess(Booked(), ObservedFrom(event).value(), People());
  CHECK(seen.flag == kFlagAttendeesChanged);
  CHECK(seen.attendees.removed == std::vector<std::string>{"tom.observer@kumo.example"});
}

TEST_CASE("Change assessment: a room declining outranks an attendee change; a meeting has no attendees to compare") {
  providers::CreatedEvent event = AsBooked();
  event.attendees[0].response = providers::AttendeeResponse::kDeclined;
  event.attendees.pop_back();
  CHECK(Assess(Booked(), ObservedFrom(event).value(), People()).flag == kFlagRoomDeclined);
  CHECK(FlagSeverity(kFlagDeletedExternally) > FlagSeverity(kFlagMovedExternally));
  CHECK(FlagSeverity(kFlagMovedExternally) > FlagSeverity(kFlagRoomDeclined));
  CHECK(FlagSeverity(kFlagRoomDeclined) > FlagSeverity(kFlagAttendeesChanged));
  CHECK(FlagSeverity(kFlagAttendeesChanged) > FlagSeverity(""));

  MeetingState meeting;
  meeting.start = Booked().expected_start;
  meeting.end = Booked().expected_end;
  CHECK(Assess(Booked(), ObservedFrom(meeting).value(), People()).flag.empty());
}

TEST_CASE("Change assessment: accepting an attendee change takes off the removed and declining, adds the added") {
  InterviewSpec spec;
  spec.organizer = "lena.fischer@kumo.example";
  spec.interviewers = {"jonas.becker@kumo.example", "Mara.Weiss@kumo.example", "ole@kumo.example"};
  spec.observers = {"tom.observer@kumo.example"};
  AttendeeChange change;
  change.removed = {"mara.weiss@kumo.example", "tom.observer@kumo.example"};
  change.declined = {"jonas.becker@kumo.example"};
  change.added = {"zoe.new@kumo.example"};
  const InterviewSpec accepted = WithAttendeeChange(spec, change);
  CHECK(accepted.interviewers == std::vector<std::string>{"ole@kumo.example", "zoe.new@kumo.example"});
  CHECK(accepted.observers.empty());
  CHECK(accepted.organizer == spec.organizer);
}
