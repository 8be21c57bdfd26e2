// Tests for shared/provider_busy (Google, Microsoft Graph, Cronofy): each wire format -> BusyEvent, one test per
// provider quirk. Fixtures follow the documented responses (docs/PROVIDERS.md); zones are real TZif data.
// iCalendar has its own file, provider_busy_icalendar_test.cpp.
#include <doctest/doctest.h>

#include "provider_busy_test_util.h"

using namespace slotwise;
using nlohmann::json;
using namespace slotwise::test;

// [SECTION] Google freeBusy

TEST_CASE("ProviderBusy: Google freeBusy busy ranges become busy events, offsets converted to UTC") {
  const json response = Parse(R"({
    "kind": "calendar#freeBusy",
    "timeMin": "2026-12-01T00:00:00.000Z",
    "timeMax": "2026-12-02T00:00:00.000Z",
    "calendars": {
      "anna@acme.test": {"busy": [
        {"start": "2026-12-01T10:00:00+01:00", "end": "2026-12-01T11:30:00+01:00"},
        {"start": "2026-12-01T14:00:00Z", "end": "2026-12-01T15:00:00Z"}]},
      "ben@acme.test": {"busy": []}
    }})");
  Result<std::vector<CalendarBusy>> result = GoogleFreeBusyToBusy(response);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 2);
  const CalendarBusy& anna = (*result)[0];
  CHECK(anna.calendar_id == "anna@acme.test");
  REQUIRE(anna.busy.ok());
  REQUIRE(anna.busy->size() == 2);
  CHECK(anna.busy.value()[0].interval == Span("2026-12-01T09:00:00Z", "2026-12-01T10:30:00Z"));
  CHECK(anna.busy.value()[1].interval == Span("2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"));
  for (const BusyEvent& event : anna.busy.value()) CHECK(event.status == BusyStatus::kBusy);
  CHECK((*result)[1].busy.ok());
  CHECK((*result)[1].busy->empty());
}

TEST_CASE("ProviderBusy: Google freeBusy per-calendar errors are errors for that calendar, not free") {
  const json response = Parse(R"({
    "kind": "calendar#freeBusy", "timeMin": "2026-12-01T00:00:00Z", "timeMax": "2026-12-02T00:00:00Z",
    "calendars": {
      "ghost@acme.test": {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []},
      "team@acme.test": {"errors": [{"domain": "calendar", "reason": "groupTooBig"}]},
      "ok@acme.test": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"}]}
    }})");
  Result<std::vector<CalendarBusy>> result = GoogleFreeBusyToBusy(response);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 3);
  const CalendarBusy& ghost = (*result)[0];
  REQUIRE_FALSE(ghost.busy.ok());
  CHECK(ghost.busy.error().code == "provider_calendar_error");
  CHECK(ghost.busy.error().message.find("ghost@acme.test") != std::string::npos);
  CHECK(ghost.busy.error().message.find("notFound") != std::string::npos);
  CHECK(ghost.busy.error().field == "calendars.ghost@acme.test.errors");
  REQUIRE(result->at(1).calendar_id == "ok@acme.test");
  CHECK(result->at(1).busy.ok());
  REQUIRE_FALSE(result->at(2).busy.ok());
  CHECK(Err(result->at(2).busy).message.find("groupTooBig") != std::string::npos);
}

TEST_CASE("ProviderBusy: Google freeBusy rejects malformed documents and empty ranges") {
  CHECK(Err(GoogleFreeBusyToBusy(Parse(R"({"kind": "calendar#freeBusy"})"))).field == "calendars");
  CHECK(Err(GoogleFreeBusyToBusy(Parse(R"({"kind": "calendar#events", "calendars": {}})"))).field == "kind");
  CHECK(Err(GoogleFreeBusyToBusy(Parse(R"([1, 2])"))).code == "invalid_provider_data");
  Result<std::vector<CalendarBusy>> result = GoogleFreeBusyToBusy(Parse(R"({"calendars": {"a": {"busy": [
      {"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T10:00:00Z"}]}, "b": {"busy": [{"start": 5, "end": 6}]}}})"));
  REQUIRE(result.ok());
  CHECK(Err(result->at(0).busy).field == "calendars.a.busy[0].end");
  CHECK(Err(result->at(1).busy).field == "calendars.b.busy[0].start");
}

// [SECTION] Google events.list

namespace {
// Converts one events.list item (as in `{"kind":"calendar#events","items":[item]}`) in Europe/Berlin.
Result<std::vector<BusyEvent>> OneGoogleEvent(const char* item_json) {
  const json response = {{"kind", "calendar#events"}, {"timeZone", "Europe/Berlin"}, {"items", {Parse(item_json)}}};
  return GoogleEventsToBusy(response, Zone("Europe/Berlin"), Zones());
}
}  // namespace

TEST_CASE("ProviderBusy: Google all-day events use owner-zone calendar days (23 h and 25 h DST days in Berlin)") {
  const json response = Parse(R"({"kind": "calendar#events", "items": [
    {"id": "a1", "status": "confirmed", "summary": "Spring forward",
     "start": {"date": "2026-03-29"}, "end": {"date": "2026-03-30"}},
    {"id": "a2", "status": "confirmed", "summary": "Fall back",
     "start": {"date": "2026-10-25"}, "end": {"date": "2026-10-26"}},
    {"id": "a3", "status": "confirmed", "summary": "Offsite",
     "start": {"date": "2026-12-01"}, "end": {"date": "2026-12-03"}}]})");
  Result<std::vector<BusyEvent>> events = GoogleEventsToBusy(response, Zone("Europe/Berlin"), Zones());
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  CHECK(events.value()[0].interval == Span("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
  CHECK(events.value()[0].interval.length() == 23 * kSecondsPerHour);
  CHECK(events.value()[1].interval == Span("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
  CHECK(events.value()[1].interval.length() == 25 * kSecondsPerHour);
  CHECK(events.value()[2].interval == Span("2026-11-30T23:00:00Z", "2026-12-02T23:00:00Z"));
  CHECK(events.value()[2].summary == "Offsite");
}

TEST_CASE("ProviderBusy: Google timed events with offsets, and dateTime without offset plus timeZone") {
  const std::vector<BusyEvent> events = Ok(OneGoogleEvent(R"({"status": "confirmed", "summary": "Sync",
      "start": {"dateTime": "2026-12-01T10:00:00+01:00", "timeZone": "Europe/Berlin"},
      "end": {"dateTime": "2026-12-01T11:00:00+01:00", "timeZone": "Europe/Berlin"}})"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].interval == Span("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
  CHECK(events[0].status == BusyStatus::kBusy);
  CHECK(events[0].summary == "Sync");
  const std::vector<BusyEvent> local = Ok(OneGoogleEvent(R"({
      "start": {"dateTime": "2026-12-01T09:00:00", "timeZone": "America/New_York"},
      "end": {"dateTime": "2026-12-01T09:30:00", "timeZone": "America/New_York"}})"));
  REQUIRE(local.size() == 1);
  CHECK(local[0].interval == Span("2026-12-01T14:00:00Z", "2026-12-01T14:30:00Z"));
  const Error unknown = Err(OneGoogleEvent(R"({
      "start": {"dateTime": "2026-12-01T09:00:00", "timeZone": "Mars/Olympus"},
      "end": {"dateTime": "2026-12-01T09:30:00", "timeZone": "Mars/Olympus"}})"));
  CHECK(unknown.code == "unknown_time_zone");
  CHECK(unknown.field == "items[0].start.timeZone");
}

TEST_CASE("ProviderBusy: Google cancelled events are dropped") {
  CHECK(Ok(OneGoogleEvent(R"({"id": "c1", "status": "cancelled",
      "start": {"dateTime": "2026-12-01T10:00:00Z"}, "end": {"dateTime": "2026-12-01T11:00:00Z"}})")).empty());
}

TEST_CASE("ProviderBusy: Google unanswered invitations are tentative, declined ones are dropped") {
  const std::string invite = R"({"status": "confirmed", "summary": "Interview loop",
      "start": {"dateTime": "2026-12-01T10:00:00Z"}, "end": {"dateTime": "2026-12-01T11:00:00Z"},
      "attendees": [{"email": "org@acme.test", "organizer": true, "responseStatus": "accepted"},
                    {"email": "anna@acme.test", "self": true, "responseStatus": "%s"}]})";
  auto with_response = [&](const char* response) {
    std::string text = invite;
    text.replace(text.find("%s"), 2, response);
    return OneGoogleEvent(text.c_str());
  };
  const std::vector<BusyEvent> unanswered = Ok(with_response("needsAction"));
  REQUIRE(unanswered.size() == 1);
  CHECK(unanswered[0].status == BusyStatus::kTentative);
  CHECK(Ok(with_response("tentative")).at(0).status == BusyStatus::kTentative);
  CHECK(Ok(with_response("accepted")).at(0).status == BusyStatus::kBusy);
  CHECK(Ok(with_response("declined")).empty());
  // Someone else's decline does not matter: only the `self` attendee counts.
  CHECK(Ok(OneGoogleEvent(R"({"start": {"dateTime": "2026-12-01T10:00:00Z"},
      "end": {"dateTime": "2026-12-01T11:00:00Z"},
      "attendees": [{"email": "x@acme.test", "responseStatus": "declined"}]})")).at(0).status == BusyStatus::kBusy);
}

TEST_CASE("ProviderBusy: Google status tentative and transparency transparent") {
  CHECK(Ok(OneGoogleEvent(R"({"status": "tentative", "start": {"dateTime": "2026-12-01T10:00:00Z"},
      "end": {"dateTime": "2026-12-01T11:00:00Z"}})")).at(0).status == BusyStatus::kTentative);
  CHECK(Ok(OneGoogleEvent(R"({"transparency": "transparent", "start": {"dateTime": "2026-12-01T10:00:00Z"},
      "end": {"dateTime": "2026-12-01T11:00:00Z"}})")).at(0).status == BusyStatus::kFree);
}

TEST_CASE("ProviderBusy: Google private events block but carry no details") {
  const std::vector<BusyEvent> events = Ok(OneGoogleEvent(R"({"status": "confirmed", "visibility": "private",
      "summary": "Doctor", "start": {"dateTime": "2026-12-01T10:00:00Z"}, "end": {"dateTime": "2026-12-01T11:00:00Z"}})"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].is_private);
  CHECK(events[0].summary.empty());
  CHECK(events[0].status == BusyStatus::kBusy);
  // An event seen without details (only times) is still busy.
  CHECK(Ok(OneGoogleEvent(R"({"start": {"dateTime": "2026-12-01T10:00:00Z"},
      "end": {"dateTime": "2026-12-01T11:00:00Z"}})")).at(0).status == BusyStatus::kBusy);
}

TEST_CASE("ProviderBusy: Google eventType outOfOffice, workingLocation and focusTime") {
  CHECK(Ok(OneGoogleEvent(R"({"eventType": "outOfOffice", "transparency": "opaque", "start": {"dateTime":
      "2026-12-01T00:00:00Z"}, "end": {"dateTime": "2026-12-02T00:00:00Z"}})")).at(0).status ==
        BusyStatus::kOutOfOffice);
  CHECK(Ok(OneGoogleEvent(R"({"eventType": "workingLocation", "transparency": "transparent", "visibility": "public",
      "workingLocationProperties": {"type": "homeOffice"}, "start": {"date": "2026-12-01"},
      "end": {"date": "2026-12-02"}})")).at(0).status == BusyStatus::kWorkingElsewhere);
  CHECK(Ok(OneGoogleEvent(R"({"eventType": "focusTime", "start": {"dateTime": "2026-12-01T13:00:00Z"},
      "end": {"dateTime": "2026-12-01T15:00:00Z"}})")).at(0).status == BusyStatus::kBusy);
}

TEST_CASE("ProviderBusy: Google errors: recurring masters, empty events, mixed date kinds") {
  CHECK(Err(OneGoogleEvent(R"({"recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"],
      "start": {"dateTime": "2026-12-01T10:00:00Z"}, "end": {"dateTime": "2026-12-01T11:00:00Z"}})")).code ==
        "unsupported_recurrence");
  CHECK(Err(OneGoogleEvent(R"({"start": {"dateTime": "2026-12-01T11:00:00Z"},
      "end": {"dateTime": "2026-12-01T10:00:00Z"}})")).field == "items[0].end.dateTime");
  CHECK(Err(OneGoogleEvent(R"({"start": {"date": "2026-12-02"}, "end": {"date": "2026-12-02"}})")).field ==
        "items[0].end.date");
  CHECK(Err(OneGoogleEvent(R"({"start": {"date": "2026-12-01"}, "end": {"dateTime": "2026-12-02T00:00:00Z"}})"))
            .code == "invalid_provider_data");
  CHECK(Err(OneGoogleEvent(R"({"start": {"dateTime": 17}, "end": {"dateTime": "2026-12-02T00:00:00Z"}})")).field ==
        "items[0].start");
  CHECK(Err(GoogleEventsToBusy(Parse(R"({"items": {}})"), Zone("Europe/Berlin"), Zones())).field == "items");
}

// [SECTION] Microsoft Graph getSchedule

namespace {
// The documented getSchedule response shape: value[0] for a Pacific-time mailbox, value[1] for an unknown address.
constexpr const char* kGraphSchedule = R"json({
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
  "value": [
    {
      "scheduleId": "adelev@acme.test",
      "availabilityView": "000220000",
      "scheduleItems": [
        {"isPrivate": false, "status": "busy", "subject": "Let's go for lunch", "location": "Harry's Bar",
         "start": {"dateTime": "2026-12-01T12:00:00.0000000", "timeZone": "Pacific Standard Time"},
         "end": {"dateTime": "2026-12-01T13:00:00.0000000", "timeZone": "Pacific Standard Time"}},
        {"isPrivate": true, "status": "oof", "subject": "Vacation",
         "start": {"dateTime": "2026-12-02T08:00:00.0000000", "timeZone": "UTC"},
         "end": {"dateTime": "2026-12-03T08:00:00.0000000", "timeZone": "UTC"}},
        {"isPrivate": false, "status": "tentative", "subject": "Maybe",
         "start": {"dateTime": "2026-12-01T09:00:00.0000000", "timeZone": "W. Europe Standard Time"},
         "end": {"dateTime": "2026-12-01T09:30:00.0000000", "timeZone": "W. Europe Standard Time"}},
        {"isPrivate": false, "status": "workingElsewhere", "subject": "Home",
         "start": {"dateTime": "2026-12-04T00:00:00.0000000", "timeZone": "Asia/Tokyo"},
         "end": {"dateTime": "2026-12-05T00:00:00.0000000", "timeZone": "Asia/Tokyo"}},
        {"isPrivate": false, "status": "unknown",
         "start": {"dateTime": "2026-12-01T15:00:00.0000000", "timeZone": "UTC"},
         "end": {"dateTime": "2026-12-01T16:00:00.0000000", "timeZone": "UTC"}},
        {"isPrivate": false, "status": "free", "subject": "Lunch option",
         "start": {"dateTime": "2026-12-01T11:00:00.0000000", "timeZone": "Romance Standard Time"},
         "end": {"dateTime": "2026-12-01T12:00:00.0000000", "timeZone": "Romance Standard Time"}}
      ],
      "workingHours": {"daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                       "startTime": "08:00:00.0000000", "endTime": "17:00:00.0000000",
                       "timeZone": {"name": "Pacific Standard Time"}}
    },
    {
      "scheduleId": "nobody@acme.test",
      "availabilityView": "",
      "error": {"message": "The user or resource could not be found.", "responseCode": "ErrorMailRecipientNotFound"}
    }
  ]})json";

json GraphItem(std::size_t index) { return Parse(kGraphSchedule)["value"][index]; }
}  // namespace

TEST_CASE("ProviderBusy: Graph scheduleItems statuses, Windows zone names and private items") {
  const std::vector<BusyEvent> events = Ok(GraphScheduleItemsToBusy(GraphItem(0), Zones()));
  REQUIRE(events.size() == 6);
  // "Pacific Standard Time" -> America/Los_Angeles (UTC-8 in December).
  CHECK(events[0].interval == Span("2026-12-01T20:00:00Z", "2026-12-01T21:00:00Z"));
  CHECK(events[0].status == BusyStatus::kBusy);
  CHECK(events[0].summary == "Let's go for lunch");
  CHECK(events[1].interval == Span("2026-12-02T08:00:00Z", "2026-12-03T08:00:00Z"));
  CHECK(events[1].status == BusyStatus::kOutOfOffice);
  CHECK(events[1].is_private);
  CHECK(events[1].summary.empty());
  // "W. Europe Standard Time" -> Europe/Berlin (UTC+1 in December).
  CHECK(events[2].interval == Span("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z"));
  CHECK(events[2].status == BusyStatus::kTentative);
  CHECK(events[3].interval == Span("2026-12-03T15:00:00Z", "2026-12-04T15:00:00Z"));
  CHECK(events[3].status == BusyStatus::kWorkingElsewhere);
  CHECK(events[4].status == BusyStatus::kBusy);  // "unknown" blocks
  // "Romance Standard Time" -> Europe/Paris.
  CHECK(events[5].interval == Span("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
  CHECK(events[5].status == BusyStatus::kFree);
}

TEST_CASE("ProviderBusy: Graph Windows zone table maps the common names to IANA") {
  CHECK(WindowsZoneToIana("W. Europe Standard Time") == "Europe/Berlin");
  CHECK(WindowsZoneToIana("GMT Standard Time") == "Europe/London");
  CHECK(WindowsZoneToIana("Eastern Standard Time") == "America/New_York");
  CHECK(WindowsZoneToIana("AUS Eastern Standard Time") == "Australia/Sydney");
  CHECK(WindowsZoneToIana("India Standard Time") == "Asia/Kolkata");
  CHECK(WindowsZoneToIana("Tokyo Standard Time") == "Asia/Tokyo");
  CHECK(WindowsZoneToIana("Central Europe Standard Time") == "Europe/Budapest");
  CHECK_FALSE(WindowsZoneToIana("Europe/Berlin").has_value());
  CHECK_FALSE(WindowsZoneToIana("").has_value());
  CHECK(ResolveProviderZone("Eastern Standard Time", Zones()) == Zones().Find("America/New_York"));
  CHECK(ResolveProviderZone("tzone://Microsoft/Utc", Zones()) == Zones().Find("UTC"));
  CHECK(ResolveProviderZone("Customized Time Zone", Zones()) == nullptr);
}

TEST_CASE("ProviderBusy: Graph errors per schedule and malformed items") {
  const Error error = Err(GraphScheduleItemsToBusy(GraphItem(1), Zones()));
  CHECK(error.code == "provider_calendar_error");
  CHECK(error.message.find("nobody@acme.test") != std::string::npos);
  CHECK(error.message.find("ErrorMailRecipientNotFound") != std::string::npos);
  CHECK(Err(GraphAvailabilityViewToBusy(GraphItem(1), At("2026-12-01T08:00:00Z"), 30)).code ==
        "provider_calendar_error");
  CHECK(Err(GraphWorkingHours(GraphItem(1), Zones())).code == "provider_calendar_error");

  json item = GraphItem(0);
  item["scheduleItems"][2]["end"]["dateTime"] = "2026-12-01T08:59:00.0000000";
  CHECK(Err(GraphScheduleItemsToBusy(item, Zones())).field == "scheduleItems[2].end");
  item = GraphItem(0);
  item["scheduleItems"][0]["status"] = "away";
  CHECK(Err(GraphScheduleItemsToBusy(item, Zones())).field == "scheduleItems[0].status");
  item = GraphItem(0);
  item["scheduleItems"][0]["start"]["timeZone"] = "Atlantis Standard Time";
  CHECK(Err(GraphScheduleItemsToBusy(item, Zones())).code == "unknown_time_zone");
  item = GraphItem(0);
  item["scheduleItems"][0]["start"]["dateTime"] = "2026-12-01T12:00:00Z";  // Graph never sends an offset here
  CHECK(Err(GraphScheduleItemsToBusy(item, Zones())).field == "scheduleItems[0].start.dateTime");
}

TEST_CASE("ProviderBusy: Graph availabilityView digits decode into merged runs") {
  const Instant start = At("2026-12-01T08:00:00Z");
  const std::vector<BusyEvent> doc = Ok(GraphAvailabilityViewToBusy(GraphItem(0), start, 30));  // "000220000"
  REQUIRE(doc.size() == 1);
  CHECK(doc[0].interval == Span("2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z"));
  CHECK(doc[0].status == BusyStatus::kBusy);

  const json view = {{"scheduleId", "a@acme.test"}, {"availabilityView", "1122033440"}};
  const std::vector<BusyEvent> events = Ok(GraphAvailabilityViewToBusy(view, start, 15));
  REQUIRE(events.size() == 4);
  CHECK(events[0].interval == Span("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z"));
  CHECK(events[0].status == BusyStatus::kTentative);
  CHECK(events[1].interval == Span("2026-12-01T08:30:00Z", "2026-12-01T09:00:00Z"));
  CHECK(events[1].status == BusyStatus::kBusy);
  CHECK(events[2].interval == Span("2026-12-01T09:15:00Z", "2026-12-01T09:45:00Z"));
  CHECK(events[2].status == BusyStatus::kOutOfOffice);
  CHECK(events[3].interval == Span("2026-12-01T09:45:00Z", "2026-12-01T10:15:00Z"));
  CHECK(events[3].status == BusyStatus::kWorkingElsewhere);

  CHECK(Ok(GraphAvailabilityViewToBusy(json{{"availabilityView", ""}}, start, 30)).empty());
  CHECK(Err(GraphAvailabilityViewToBusy(json{{"availabilityView", "02x"}}, start, 30)).field == "availabilityView");
  CHECK(Err(GraphAvailabilityViewToBusy(json{{"availabilityView", "0"}}, start, 4)).field ==
        "availabilityViewInterval");
  CHECK(Err(GraphAvailabilityViewToBusy(json{{"availabilityView", 22}}, start, 30)).code == "invalid_provider_data");
}

TEST_CASE("ProviderBusy: Graph workingHours become per-weekday local windows with an IANA zone") {
  const ProviderWorkingHours hours = Ok(GraphWorkingHours(GraphItem(0), Zones()));
  CHECK(hours.zone_name == "America/Los_Angeles");
  CHECK_FALSE(hours.hours.around_the_clock);
  CHECK(hours.hours.windows[0].empty());  // Sunday
  CHECK(hours.hours.windows[6].empty());  // Saturday
  for (std::size_t day = 1; day <= 5; ++day)
    CHECK(hours.hours.windows[day] == std::vector<LocalWindow>{{8 * 3600, 17 * 3600}});

  json item = GraphItem(0);
  item["workingHours"]["endTime"] = "00:00:00.0000000";
  item["workingHours"]["timeZone"]["name"] = "Europe/Berlin";
  const ProviderWorkingHours until_midnight = Ok(GraphWorkingHours(item, Zones()));
  CHECK(until_midnight.zone_name == "Europe/Berlin");
  CHECK(until_midnight.hours.windows[1] == std::vector<LocalWindow>{{8 * 3600, 86400}});

  item["workingHours"]["endTime"] = "07:00:00.0000000";
  CHECK(Err(GraphWorkingHours(item, Zones())).field == "workingHours.endTime");
  item = GraphItem(0);
  item["workingHours"]["timeZone"] = {{"@odata.type", "#microsoft.graph.customTimeZone"}, {"bias", -60},
                                      {"name", "Customized Time Zone"}};
  CHECK(Err(GraphWorkingHours(item, Zones())).code == "unknown_time_zone");
  item = GraphItem(0);
  item["workingHours"]["daysOfWeek"][0] = "Moonday";
  CHECK(Err(GraphWorkingHours(item, Zones())).field == "workingHours.daysOfWeek[0]");
  item.erase("workingHours");
  CHECK(Ok(GraphWorkingHours(item, Zones())).hours.around_the_clock);
}

// [SECTION] Cronofy free_busy

TEST_CASE("ProviderBusy: Cronofy free_busy statuses; free entries are dropped") {
  const json response = Parse(R"({
    "pages": {"current": 1, "total": 1},
    "free_busy": [
      {"calendar_id": "cal_n23kjnwrw2_jsdfjksn234", "start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z",
       "free_busy_status": "busy"},
      {"calendar_id": "cal_n23kjnwrw2_sakdnawerd3", "start": "2026-12-01T11:00:00+01:00",
       "end": "2026-12-01T11:30:00+01:00", "free_busy_status": "tentative"},
      {"calendar_id": "cal_n23kjnwrw2_sakdnawerd3", "start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z",
       "free_busy_status": "free"}]})");
  const std::vector<BusyEvent> events = Ok(CronofyFreeBusyToBusy(response, Zone("Europe/Berlin")));
  REQUIRE(events.size() == 2);
  CHECK(events[0].interval == Span("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
  CHECK(events[0].status == BusyStatus::kBusy);
  CHECK(events[1].interval == Span("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z"));
  CHECK(events[1].status == BusyStatus::kTentative);
  CHECK(Ok(CronofyFreeBusyToBusy(response["free_busy"], Zone("Europe/Berlin"))).size() == 2);  // bare array
}

TEST_CASE("ProviderBusy: Cronofy all-day entries on DST days in Sydney and Sao Paulo") {
  // Sydney: clocks go 02:00 -> 03:00 on 2026-10-04, a 23-hour day.
  const std::vector<BusyEvent> sydney = Ok(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [
      {"calendar_id": "cal_1", "start": "2026-10-04", "end": "2026-10-05", "free_busy_status": "busy"}]})"),
      Zone("Australia/Sydney")));
  REQUIRE(sydney.size() == 1);
  CHECK(sydney[0].interval == Span("2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"));
  CHECK(sydney[0].interval.length() == 23 * kSecondsPerHour);
  // Sao Paulo 2018-11-04: midnight itself was skipped (00:00 -> 01:00), so the day starts at 01:00 -02.
  const std::vector<BusyEvent> sao_paulo = Ok(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [
      {"calendar_id": "cal_1", "start": "2018-11-04", "end": "2018-11-05", "free_busy_status": "busy"}]})"),
      Zone("America/Sao_Paulo")));
  REQUIRE(sao_paulo.size() == 1);
  CHECK(sao_paulo[0].interval == Span("2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"));
  CHECK(sao_paulo[0].interval.length() == 23 * kSecondsPerHour);
}

TEST_CASE("ProviderBusy: Cronofy rejects unknown statuses, empty and mixed entries") {
  const TimeZone& berlin = Zone("Europe/Berlin");
  CHECK(Err(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [{"calendar_id": "c", "start": "2026-12-01T09:00:00Z",
      "end": "2026-12-01T10:00:00Z", "free_busy_status": "away"}]})"), berlin)).field ==
        "free_busy[0].free_busy_status");
  CHECK(Err(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [{"calendar_id": "c", "start": "2026-12-01T09:00:00Z",
      "end": "2026-12-01T09:00:00Z", "free_busy_status": "busy"}]})"), berlin)).field == "free_busy[0].end");
  CHECK(Err(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [{"calendar_id": "c", "start": "2026-12-01",
      "end": "2026-12-01T09:00:00Z", "free_busy_status": "busy"}]})"), berlin)).field == "free_busy[0].end");
  CHECK(Err(CronofyFreeBusyToBusy(Parse(R"({"free_busy": [{"start": "2026-12-01T09:00:00Z",
      "end": "2026-12-01T10:00:00Z", "free_busy_status": "busy"}]})"), berlin)).field == "free_busy[0].calendar_id");
  CHECK(Err(CronofyFreeBusyToBusy(Parse(R"({"pages": {}})"), berlin)).field == "free_busy");
}
