// Tests for the event readers shared by every caller of the adapters: ParseGoogleEvent, ParseGraphEvent and
// ParseZoomMeeting turn the providers' resources (docs/PROVIDERS.md) into times, cancellation and room responses.
#include <doctest/doctest.h>

#include "providers/google_calendar.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/zoom_meetings.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::providers;

TEST_CASE("EventParsing: a Google event's offsets become UTC instants and resource declines are kept") {
  Result<CreatedEvent> event = ParseGoogleEvent(R"({
    "id": "abc123", "status": "confirmed",
    "start": {"dateTime": "2026-12-01T10:00:00+01:00", "timeZone": "Europe/Berlin"},
    "end": {"dateTime": "2026-12-01T11:30:00+01:00"},
    "attendees": [
      {"email": "jonas.becker@kumo.example", "responseStatus": "accepted"},
      {"email": "c_berlin-spree@resource.calendar.google.com", "resource": true, "responseStatus": "declined"}]})");
  REQUIRE(event.ok());
  CHECK(event->start == ParseRfc3339("2026-12-01T09:00:00Z").value());
  CHECK(event->end == ParseRfc3339("2026-12-01T10:30:00Z").value());
  CHECK_FALSE(event->all_day);
  REQUIRE(event->attendees.size() == 2);
  CHECK_FALSE(event->attendees[0].resource);
  CHECK(event->attendees[1].resource);
  CHECK(event->attendees[1].response == AttendeeResponse::kDeclined);
}

TEST_CASE("EventParsing: a Google date-only event is all-day without instants") {
  Result<CreatedEvent> event =
      ParseGoogleEvent(R"({"id": "x1", "start": {"date": "2026-12-01"}, "end": {"date": "2026-12-02"}})");
  REQUIRE(event.ok());
  CHECK(event->all_day);
  CHECK(event->start == 0);
}

TEST_CASE("EventParsing: Graph times are read only in UTC; another zone leaves them unknown") {
  Result<CreatedEvent> utc = ParseGraphEvent(R"({
    "id": "AAMk1", "isAllDay": false,
    "start": {"dateTime": "2026-12-01T09:00:00.0000000", "timeZone": "UTC"},
    "end": {"dateTime": "2026-12-01T10:00:00.0000000", "timeZone": "UTC"},
    "attendees": [{"type": "resource", "emailAddress": {"address": "room-amstel@kumo-labs.example"},
                   "status": {"response": "declined"}}]})", false);
  REQUIRE(utc.ok());
  CHECK(utc->start == ParseRfc3339("2026-12-01T09:00:00Z").value());
  CHECK(utc->end == ParseRfc3339("2026-12-01T10:00:00Z").value());
  REQUIRE(utc->attendees.size() == 1);
  CHECK(utc->attendees[0].resource);
  CHECK(utc->attendees[0].response == AttendeeResponse::kDeclined);

  Result<CreatedEvent> local = ParseGraphEvent(R"({
    "id": "AAMk2", "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": "W. Europe Standard Time"},
    "end": {"dateTime": "2026-12-01T11:00:00", "timeZone": "W. Europe Standard Time"}})", false);
  REQUIRE(local.ok());
  CHECK(local->start == 0);
  CHECK(local->end == 0);

  Result<CreatedEvent> all_day = ParseGraphEvent(R"({"id": "AAMk3", "isAllDay": true})", false);
  REQUIRE(all_day.ok());
  CHECK(all_day->all_day);
}

TEST_CASE("EventParsing: a Zoom meeting's start_time becomes an instant") {
  Result<ZoomMeeting> meeting = ParseZoomMeeting(
      R"({"id": 85746065432, "join_url": "https://zoom.us/j/85746065432", "start_time": "2026-12-01T09:00:00Z",
          "duration": 45})");
  REQUIRE(meeting.ok());
  CHECK(meeting->id == "85746065432");
  CHECK(meeting->start == ParseRfc3339("2026-12-01T09:00:00Z").value());
  CHECK(meeting->duration_minutes == 45);
  CHECK_FALSE(ParseZoomMeeting(R"({"id": 1})").ok());  // no join_url
}
