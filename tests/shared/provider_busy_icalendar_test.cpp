// Tests for shared/provider_busy, iCalendar (RFC 5545): VFREEBUSY periods and VEVENT times in UTC, TZID, floating and
// DATE forms, DURATION, status/transparency/class mapping, and the errors. Zones are real TZif data.
#include <doctest/doctest.h>

#include "provider_busy_test_util.h"

using namespace slotwise;
using namespace slotwise::test;

namespace {

std::string Crlf(std::string_view text) {  // iCalendar on the wire uses CRLF line ends
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Wraps VEVENT properties in a calendar and converts it with Europe/Berlin as the owner's zone.
Result<std::vector<BusyEvent>> OneEvent(const std::string& properties, const char* owner = "Europe/Berlin") {
  const std::string text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Acme//Test//EN\nBEGIN:VEVENT\nUID:e1@acme.test\n"
                           "DTSTAMP:20261101T000000Z\n" + properties + "END:VEVENT\nEND:VCALENDAR\n";
  return ICalendarToBusy(Crlf(text), Zone(owner), Zones());
}

}  // namespace

TEST_CASE("ProviderBusy: iCalendar VFREEBUSY periods, FBTYPE mapping and folded lines") {
  const char* kReply = R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp.//CalDAV Server//EN
METHOD:REPLY
BEGIN:VFREEBUSY
UID:19970901T095957Z-76A912@example.com
ORGANIZER:mailto:jane_doe@example.com
ATTENDEE:mailto:john_public@example.com
DTSTAMP:19970901T100000Z
DTSTART:19971015T050000Z
DTEND:19971016T050000Z
FREEBUSY;FBTYPE=BUSY:19971015T050000Z/PT8H30M,
 19971015T160000Z/PT5H30M
FREEBUSY;FBTYPE=BUSY-TENTATIVE:19971015T223000Z/19971016T000000Z
FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:19971016T010000Z/P1D
FREEBUSY;FBTYPE=FREE:19971016T030000Z/PT1H
FREEBUSY:19971016T040000Z/PT30M
FREEBUSY;FBTYPE=X-ACME-MEETING:19971016T043000Z/PT15M
END:VFREEBUSY
END:VCALENDAR
)";
  for (const std::string& text : {std::string(kReply), Crlf(kReply)}) {
    const std::vector<BusyEvent> events = Ok(ICalendarToBusy(text, Zone("Europe/Berlin"), Zones()));
    REQUIRE(events.size() == 6);
    CHECK(events[0].interval == Span("1997-10-15T05:00:00Z", "1997-10-15T13:30:00Z"));
    CHECK(events[0].status == BusyStatus::kBusy);
    CHECK(events[1].interval == Span("1997-10-15T16:00:00Z", "1997-10-15T21:30:00Z"));
    CHECK(events[2].interval == Span("1997-10-15T22:30:00Z", "1997-10-16T00:00:00Z"));
    CHECK(events[2].status == BusyStatus::kTentative);
    CHECK(events[3].interval == Span("1997-10-16T01:00:00Z", "1997-10-17T01:00:00Z"));
    CHECK(events[3].status == BusyStatus::kOutOfOffice);
    CHECK(events[4].status == BusyStatus::kBusy);  // FBTYPE defaults to BUSY; FREE was dropped
    CHECK(events[4].interval == Span("1997-10-16T04:00:00Z", "1997-10-16T04:30:00Z"));
    CHECK(events[5].status == BusyStatus::kBusy);  // unknown FBTYPE is treated as BUSY
  }
}

TEST_CASE("ProviderBusy: iCalendar VEVENT in UTC, with TZID (IANA and Windows names) and floating") {
  CHECK(Ok(OneEvent("DTSTART:20261201T090000Z\nDTEND:20261201T100000Z\nSUMMARY:Sync\\, weekly\n")).at(0).interval ==
        Span("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART:20261201T090000Z\nDTEND:20261201T100000Z\nSUMMARY:Sync\\, weekly\n")).at(0).summary ==
        "Sync, weekly");
  CHECK(Ok(OneEvent("DTSTART;TZID=Europe/Berlin:20261201T090000\nDTEND;TZID=Europe/Berlin:20261201T100000\n"))
            .at(0).interval == Span("2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART;TZID=\"W. Europe Standard Time\":20260701T090000\n"
                    "DTEND;TZID=\"W. Europe Standard Time\":20260701T100000\n"))
            .at(0).interval == Span("2026-07-01T07:00:00Z", "2026-07-01T08:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART;TZID=America/New_York:20261201T090000\nDTEND:20261201T150000Z\n")).at(0).interval ==
        Span("2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"));
  // Floating time: the owner's wall clock.
  CHECK(Ok(OneEvent("DTSTART:20261201T090000\nDTEND:20261201T093000\n", "Asia/Tokyo")).at(0).interval ==
        Span("2026-12-01T00:00:00Z", "2026-12-01T00:30:00Z"));
}

TEST_CASE("ProviderBusy: iCalendar TZID wall times in a DST gap and overlap follow RFC 5545") {
  // 02:30 does not exist on 2026-03-29 in Berlin: it means 03:30 CEST (the offset before the gap).
  CHECK(Ok(OneEvent("DTSTART;TZID=Europe/Berlin:20260329T023000\nDTEND;TZID=Europe/Berlin:20260329T040000\n"))
            .at(0).interval == Span("2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z"));
  // 02:30 happens twice on 2026-10-25: the first occurrence (CEST).
  CHECK(Ok(OneEvent("DTSTART;TZID=Europe/Berlin:20261025T023000\nDTEND;TZID=Europe/Berlin:20261025T033000\n"))
            .at(0).interval == Span("2026-10-25T00:30:00Z", "2026-10-25T02:30:00Z"));
}

TEST_CASE("ProviderBusy: iCalendar all-day events and DURATION use calendar days in the owner's zone") {
  const std::vector<BusyEvent> spring = Ok(OneEvent("DTSTART;VALUE=DATE:20260329\nDTEND;VALUE=DATE:20260330\n"));
  REQUIRE(spring.size() == 1);
  CHECK(spring[0].interval == Span("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
  CHECK(spring[0].interval.length() == 23 * kSecondsPerHour);
  CHECK(Ok(OneEvent("DTSTART;VALUE=DATE:20261025\n")).at(0).interval.length() == 25 * kSecondsPerHour);
  CHECK(Ok(OneEvent("DTSTART;VALUE=DATE:20261025\nDURATION:P2D\n")).at(0).interval ==
        Span("2026-10-24T22:00:00Z", "2026-10-26T23:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART;VALUE=DATE:20261004\nDTEND;VALUE=DATE:20261005\n", "Australia/Sydney")).at(0).interval ==
        Span("2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"));
  // P1D across the spring change is 23 h; PT24H is exactly 24 h.
  CHECK(Ok(OneEvent("DTSTART;TZID=Europe/Berlin:20260328T120000\nDURATION:P1D\n")).at(0).interval ==
        Span("2026-03-28T11:00:00Z", "2026-03-29T10:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART;TZID=Europe/Berlin:20260328T120000\nDURATION:PT24H\n")).at(0).interval ==
        Span("2026-03-28T11:00:00Z", "2026-03-29T11:00:00Z"));
  CHECK(Ok(OneEvent("DTSTART:20261201T090000Z\nDURATION:PT1H30M\n")).at(0).interval ==
        Span("2026-12-01T09:00:00Z", "2026-12-01T10:30:00Z"));
}

TEST_CASE("ProviderBusy: iCalendar STATUS, TRANSP, CLASS and Outlook's busy status") {
  const std::string times = "DTSTART:20261201T090000Z\nDTEND:20261201T100000Z\n";
  CHECK(Ok(OneEvent(times + "STATUS:CANCELLED\n")).empty());
  CHECK(Ok(OneEvent(times + "STATUS:TENTATIVE\n")).at(0).status == BusyStatus::kTentative);
  CHECK(Ok(OneEvent(times + "STATUS:CONFIRMED\n")).at(0).status == BusyStatus::kBusy);
  CHECK(Ok(OneEvent(times + "TRANSP:TRANSPARENT\n")).at(0).status == BusyStatus::kFree);
  CHECK(Ok(OneEvent(times + "X-MICROSOFT-CDO-BUSYSTATUS:OOF\n")).at(0).status == BusyStatus::kOutOfOffice);
  CHECK(Ok(OneEvent(times + "X-MICROSOFT-CDO-BUSYSTATUS:WORKINGELSEWHERE\n")).at(0).status ==
        BusyStatus::kWorkingElsewhere);
  for (const char* klass : {"PRIVATE", "CONFIDENTIAL"}) {
    const std::vector<BusyEvent> events = Ok(OneEvent(times + "CLASS:" + klass + "\nSUMMARY:Therapy\n"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].is_private);
    CHECK(events[0].summary.empty());
    CHECK(events[0].status == BusyStatus::kBusy);
  }
  // A VALARM inside the event does not leak its properties (its DURATION, SUMMARY) into the event.
  const std::vector<BusyEvent> with_alarm = Ok(OneEvent(
      times + "SUMMARY:Main\nBEGIN:VALARM\nACTION:DISPLAY\nSUMMARY:Alarm\nTRIGGER:-PT15M\nDURATION:PT5M\n"
              "REPEAT:2\nEND:VALARM\n"));
  CHECK(with_alarm.at(0).summary == "Main");
}

TEST_CASE("ProviderBusy: iCalendar recurring events are an error, not silently wrong") {
  const Error error = Err(OneEvent("DTSTART:20261201T090000Z\nDTEND:20261201T100000Z\nRRULE:FREQ=WEEKLY;COUNT=4\n"));
  CHECK(error.code == "unsupported_recurrence");
  CHECK(error.field == "VEVENT[0].RRULE");
  CHECK(error.message.find("recurrence not supported") != std::string::npos);
}

TEST_CASE("ProviderBusy: iCalendar errors name the component, property and line") {
  const Error backwards = Err(OneEvent("DTSTART:20261201T100000Z\nDTEND:20261201T090000Z\n"));
  CHECK(backwards.code == "invalid_provider_data");
  CHECK(backwards.field == "VEVENT[0].DTEND");
  CHECK(backwards.message.find("line 8") != std::string::npos);
  CHECK(Err(OneEvent("DTSTART:20261201T100000Z\n")).field == "VEVENT[0].DTEND");  // zero length
  CHECK(Err(OneEvent("DTSTART:20261201T100000Z\nDURATION:-PT1H\n")).field == "VEVENT[0].DURATION");
  CHECK(Err(OneEvent("DTSTART:2026-12-01T10:00:00Z\nDTEND:20261201T110000Z\n")).field == "VEVENT[0].DTSTART");
  CHECK(Err(OneEvent("DTSTART;VALUE=DATE:20261201\nDTEND:20261201T110000Z\n")).field == "VEVENT[0].DTEND");
  CHECK(Err(OneEvent("DTSTART;TZID=Mars/Olympus:20261201T100000\nDTEND:20261201T110000Z\n")).code ==
        "unknown_time_zone");
  CHECK(Err(OneEvent("DTEND:20261201T110000Z\n")).field == "VEVENT[0].DTSTART");
  const TimeZone& berlin = Zone("Europe/Berlin");
  CHECK(Err(ICalendarToBusy("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261201T100000/PT1H\nEND:VFREEBUSY\n"
                            "END:VCALENDAR\n", berlin, Zones())).field == "VFREEBUSY[0].FREEBUSY");
  CHECK(Err(ICalendarToBusy("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261201T100000Z/20261201T100000Z\n"
                            "END:VFREEBUSY\nEND:VCALENDAR\n", berlin, Zones())).field == "VFREEBUSY[0].FREEBUSY");
  CHECK(Err(ICalendarToBusy("BEGIN:VCALENDAR\nBEGIN:VEVENT\n", berlin, Zones())).message.find("missing END") !=
        std::string::npos);
  CHECK(Err(ICalendarToBusy("BEGIN:VCALENDAR\nnot a content line\nEND:VCALENDAR\n", berlin, Zones())).message.find(
            "line 2") != std::string::npos);
  CHECK(Err(ICalendarToBusy("", berlin, Zones())).code == "invalid_provider_data");
}

TEST_CASE("ProviderBusy: byte-mutated iCalendar and JSON inputs give values or errors, never a crash or throw") {
  const std::string ics = Crlf(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"Europe/Berlin\":20260329T023000\nDURATION:P1DT2H\n"
      "SUMMARY:a\\,b\nCLASS:PRIVATE\nEND:VEVENT\nBEGIN:VFREEBUSY\nFREEBUSY;FBTYPE=BUSY:20261201T100000Z/PT1H,\n"
      " 20261201T120000Z/20261201T130000Z\nEND:VFREEBUSY\nEND:VCALENDAR\n");
  const std::string google = R"({"kind":"calendar#events","items":[{"status":"confirmed","visibility":"private",
      "start":{"date":"2026-03-29"},"end":{"date":"2026-03-30"},"attendees":[{"self":true,"responseStatus":"x"}]}]})";
  const std::string graph = R"({"scheduleId":"a","availabilityView":"0123","scheduleItems":[{"isPrivate":false,
      "status":"busy","start":{"dateTime":"2026-12-01T09:00:00.0000000","timeZone":"UTC"},"end":{"dateTime":
      "2026-12-01T10:00:00.0000000","timeZone":"UTC"}}],"workingHours":{"daysOfWeek":["monday"],
      "startTime":"08:00:00.0000000","endTime":"17:00:00.0000000","timeZone":{"name":"UTC"}}})";
  std::uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  const TimeZone& berlin = Zone("Europe/Berlin");
  int converted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string a = ics, b = google, c = graph;
    for (std::string* text : {&a, &b, &c})
      for (int flips = 0; flips < 3; ++flips)
        (*text)[next() % text->size()] = static_cast<char>("0123456789:;/,\"{}[]TZPDHMS-+ \n\xff"[next() % 32]);
    CHECK_NOTHROW(converted += ICalendarToBusy(a, berlin, Zones()).ok());
    const nlohmann::json google_json = nlohmann::json::parse(b, nullptr, false);
    const nlohmann::json graph_json = nlohmann::json::parse(c, nullptr, false);
    CHECK_NOTHROW(converted += GoogleEventsToBusy(google_json, berlin, Zones()).ok());
    CHECK_NOTHROW(converted += CronofyFreeBusyToBusy(google_json, berlin).ok());
    CHECK_NOTHROW(converted += GraphScheduleItemsToBusy(graph_json, Zones()).ok());
    CHECK_NOTHROW(converted += GraphAvailabilityViewToBusy(graph_json, 0, 30).ok());
    CHECK_NOTHROW(converted += GraphWorkingHours(graph_json, Zones()).ok());
    CHECK_NOTHROW(converted += GoogleFreeBusyToBusy(graph_json).ok());
  }
  MESSAGE(converted, " of ", 3000 * 7, " mutated inputs still converted");
}
