// Tests for backend/providers/microsoft_graph_calendar against a scripted transport speaking Graph v1.0.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "fake_transport.h"
#include "providers/microsoft_graph_calendar.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "support/instants.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "http://127.0.0.1:7002/microsoft/v1.0";

using slotwise::testing::At;

// Graph wall time in UTC with the 7-digit fraction Graph uses.
std::string GraphTime(Instant instant) {
  std::string text = FormatRfc3339(instant);
  text.pop_back();
  return text + ".0000000";
}

// getSchedule for whatever was asked: each schedule has one busy item [start + 1 h, start + 2 h) in UTC, except
// addresses starting with "nobody" (Graph's per-schedule error). The scheduleId echoes the address upper-cased for
// ids starting with "upper" (Graph does not promise the caller's casing).
Result<net::HttpResponse> ScheduleResponder(const net::HttpRequest& request) {
  const json body = BodyOf(request);
  const Instant start = ParseRfc3339(body["startTime"]["dateTime"].get<std::string>() + "Z").value();
  json value = json::array();
  for (const json& schedule : body["schedules"]) {
    std::string id = schedule.get<std::string>();
    if (id.rfind("nobody", 0) == 0) {
      value.push_back({{"scheduleId", id},
                       {"availabilityView", ""},
                       {"error", {{"message", "The specified object was not found in the store."},
                                  {"responseCode", "ErrorMailboxNotFound"}}}});
      continue;
    }
    if (id.rfind("upper", 0) == 0) {
      for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    value.push_back({{"scheduleId", id},
                     {"availabilityView", "0022"},
                     {"scheduleItems",
                      {{{"isPrivate", false}, {"status", "busy"}, {"subject", "Sync"}, {"location", ""},
                        {"start", {{"dateTime", GraphTime(start + 3600)}, {"timeZone", "UTC"}}},
                        {"end", {{"dateTime", GraphTime(start + 7200)}, {"timeZone", "UTC"}}}}}},
                     {"workingHours", {{"daysOfWeek", {"monday"}}, {"startTime", "08:00:00.0000000"},
                                       {"endTime", "17:00:00.0000000"}, {"timeZone", {{"name", "UTC"}}}}}});
  }
  return Response(200, DumpJson({{"value", value}}));
}

struct Fixture {
  explicit Fixture(MicrosoftGraphOptions options = {})
      : calendar(transport, tokens, kBase, RetryPolicy{}, time.Hooks(), std::move(options)) {}
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  MicrosoftGraphCalendar calendar;
};

std::string CreatedEventJson() {
  return R"({"id":"AAMkAD-1","iCalUId":"040000008200E00074C5B7101A82E008","webLink":"https://outlook.office365.com/owa/?itemid=AAMkAD-1",
    "isOnlineMeeting":true,"onlineMeetingProvider":"teamsForBusiness","isCancelled":false,
    "onlineMeeting":{"joinUrl":"https://teams.microsoft.com/l/meetup-join/19%3ameeting_x","conferenceId":"123","tollNumber":"+1 555 0100"},
    "attendees":[{"type":"required","status":{"response":"none","time":"0001-01-01T00:00:00Z"},"emailAddress":{"name":"Fox","address":"fox@acme.test"}},
                 {"type":"resource","status":{"response":"accepted","time":"2026-03-01T10:00:00Z"},"emailAddress":{"name":"Room 1","address":"room1@acme.test"}},
                 {"type":"optional","status":{"response":"tentativelyAccepted"},"emailAddress":{"address":"walter@acme.test"}}]})";
}

}  // namespace

TEST_CASE("MicrosoftGraphCalendar: getSchedule is chunked to 20 schedules and 61 days and merged in order") {
  Fixture f;
  f.transport.Respond("POST", std::string(kBase) + "/me/calendar/getSchedule", ScheduleResponder);
  std::vector<std::string> ids;
  for (int i = 0; i < 45; ++i) ids.push_back("person" + std::to_string(i) + "@acme.test");
  ids[3] = "nobody@acme.test";
  ids[30] = "upper30@acme.test";
  const Interval range{At("2026-03-01T00:00:00Z"), At("2026-03-01T00:00:00Z") + 70 * kSecondsPerDay};

  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy(ids, range, "Europe/Berlin");
  REQUIRE(busy);
  const std::vector<net::HttpRequest> requests = f.transport.requests();
  REQUIRE(requests.size() == 3 * 2);  // ceil(45 / 20) × 2 periods under 62 days
  CHECK(AllAuthorizedWithTimeout(requests));
  const Instant split = range.start + 61 * kSecondsPerDay;
  const std::vector<std::size_t> sizes = {20, 20, 20, 20, 5, 5};
  for (std::size_t call = 0; call < requests.size(); ++call) {
    CAPTURE(call);
    const json body = BodyOf(requests[call]);
    CHECK(body["schedules"].size() == sizes[call]);
    CHECK(body["schedules"][0] == ids[(call / 2) * 20]);
    CHECK(body["availabilityViewInterval"] == 30);
    const bool first_piece = call % 2 == 0;
    CHECK(body["startTime"] == json{{"dateTime", first_piece ? "2026-03-01T00:00:00" : "2026-05-01T00:00:00"},
                                    {"timeZone", "UTC"}});
    CHECK(body["endTime"] == json{{"dateTime", first_piece ? "2026-05-01T00:00:00" : "2026-05-10T00:00:00"},
                                  {"timeZone", "UTC"}});
    CHECK(HeaderOf(requests[call], "Prefer") == "outlook.timezone=\"UTC\"");
  }
  CHECK(split == At("2026-05-01T00:00:00Z"));
  REQUIRE(busy->size() == 45);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CAPTURE(i);
    CHECK((*busy)[i].calendar_id == ids[i]);
    if (i == 3) {
      REQUIRE_FALSE((*busy)[i].busy);
      CHECK((*busy)[i].busy.error().code == "provider_calendar_error");
      CHECK((*busy)[i].busy.error().message.find("ErrorMailboxNotFound") != std::string::npos);
      continue;
    }
    REQUIRE((*busy)[i].busy);
    REQUIRE((*busy)[i].busy->size() == 2);
    CHECK((*(*busy)[i].busy)[0].interval == Interval{range.start + 3600, range.start + 7200});
    CHECK((*(*busy)[i].busy)[1].interval == Interval{split + 3600, split + 7200});
    CHECK((*(*busy)[i].busy)[0].summary == "Sync");
  }
}

TEST_CASE("MicrosoftGraphCalendar: without scheduleItems the availabilityView is decoded from the chunk start") {
  MicrosoftGraphOptions options;
  options.default_mailbox = "recruiter@acme.test";
  options.availability_view_interval = 30;
  Fixture f(options);
  f.transport.Expect("POST", std::string(kBase) + "/users/recruiter%40acme.test/calendar/getSchedule",
                     Response(200, R"({"value":[{"scheduleId":"room1@acme.test","availabilityView":"0221"}]})"));
  const Instant nine = At("2026-03-02T09:00:00Z");
  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy({"room1@acme.test"}, {nine, nine + 7200}, "UTC");
  REQUIRE(busy);
  REQUIRE((*busy)[0].busy);
  const std::vector<BusyEvent>& events = *(*busy)[0].busy;
  REQUIRE(events.size() == 2);
  CHECK(events[0].interval == Interval{nine + 1800, nine + 5400});  // "22" at 09:30–10:30
  CHECK(events[0].status == BusyStatus::kBusy);
  CHECK(events[1].interval == Interval{nine + 5400, nine + 7200});  // "1" tentative
  CHECK(events[1].status == BusyStatus::kTentative);

  f.transport.Expect("POST", std::string(kBase) + "/users/recruiter%40acme.test/calendar/getSchedule",
                     Response(200, R"({"value":"nope"})"));
  Result<std::vector<CalendarBusy>> malformed = f.calendar.FreeBusy({"room1@acme.test"}, {nine, nine + 7200}, "UTC");
  REQUIRE(malformed);
  CHECK((*malformed)[0].busy.error().code == "provider_error");
}

TEST_CASE("MicrosoftGraphCalendar: create sends transactionId, Teams and the room; a retry reuses the key") {
  Fixture f;
  EventSpec spec;
  spec.organiser_calendar_id = "recruiter@acme.test";
  spec.idempotency_key = "booking-7";
  spec.summary = "Interview";
  spec.description = "Internal notes";
  spec.start = At("2026-03-02T09:00:00Z");
  spec.end = At("2026-03-02T10:00:00Z");
  spec.attendees = {{"fox@acme.test", "Fox", false, false},
                    {"walter@acme.test", "", true, false},
                    {"room1@acme.test", "Room 1", false, true}};
  spec.video = VideoKind::kTeams;
  const std::string events = std::string(kBase) + "/users/recruiter%40acme.test/events";
  f.transport.Expect("POST", events, Response(503, R"({"error":{"code":"ServiceUnavailable","message":"busy"}})"));
  f.transport.Expect("POST", events, Response(201, CreatedEventJson()));
  Result<CreatedEvent> created = f.calendar.CreateEvent(spec);
  REQUIRE(created);
  CHECK(created->id == "AAMkAD-1");
  CHECK(created->ical_uid == "040000008200E00074C5B7101A82E008");
  CHECK(created->web_link == "https://outlook.office365.com/owa/?itemid=AAMkAD-1");
  CHECK(created->join_url == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x");
  REQUIRE(created->dial_in.size() == 1);  // the toll number with the conference ID
  CHECK(created->dial_in[0].number == "+1 555 0100");
  CHECK(created->dial_in[0].access_code == "123");
  CHECK(created->conference == ConferenceStatus::kSuccess);
  REQUIRE(created->attendees.size() == 3);
  CHECK(created->attendees[0].response == AttendeeResponse::kUnknown);
  CHECK(created->attendees[1].response == AttendeeResponse::kAccepted);
  CHECK(created->attendees[2].response == AttendeeResponse::kTentative);

  const std::vector<net::HttpRequest> requests = f.transport.requests();
  REQUIRE(requests.size() == 2);
  CHECK(AllAuthorizedWithTimeout(requests));
  const json body = BodyOf(requests[0]);
  CHECK(body["transactionId"] == "booking-7");
  CHECK(BodyOf(requests[1])["transactionId"] == "booking-7");
  CHECK(body["isOnlineMeeting"] == true);
  CHECK(body["onlineMeetingProvider"] == "teamsForBusiness");
  CHECK(body["subject"] == "Interview");
  CHECK(body["start"] == json{{"dateTime", "2026-03-02T09:00:00"}, {"timeZone", "UTC"}});
  CHECK(body["attendees"][0] == json{{"emailAddress", {{"address", "fox@acme.test"}, {"name", "Fox"}}}, {"type", "required"}});
  CHECK(body["attendees"][1]["type"] == "optional");
  CHECK(body["attendees"][2]["type"] == "resource");
  CHECK(body["location"] == json{{"displayName", "Room 1"}, {"locationEmailAddress", "room1@acme.test"}});

  EventSpec meet = spec;
  meet.video = VideoKind::kMeet;
  CHECK(f.calendar.CreateEvent(meet).error().code == "invalid_request");
  CHECK(f.transport.count() == 2);
}

TEST_CASE("MicrosoftGraphCalendar: update, idempotent delete and get") {
  Fixture f;
  EventSpec spec;
  spec.idempotency_key = "booking-7";
  spec.start = At("2026-03-02T11:00:00Z");
  spec.end = At("2026-03-02T12:00:00Z");
  f.transport.Expect("PATCH", std::string(kBase) + "/me/events/AAMkAD-1", Response(200, CreatedEventJson()));
  CHECK(f.calendar.UpdateEvent("AAMkAD-1", spec));
  CHECK_FALSE(BodyOf(f.transport.requests()[0]).contains("transactionId"));
  CHECK(BodyOf(f.transport.requests()[0])["start"]["dateTime"] == "2026-03-02T11:00:00");
  f.transport.Expect("DELETE", std::string(kBase) + "/me/events/AAMkAD-1", Response(204));
  f.transport.Expect("DELETE", std::string(kBase) + "/me/events/AAMkAD-1",
                     Response(404, R"({"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}})"));
  CHECK(f.calendar.DeleteEvent("AAMkAD-1").value());
  CHECK(f.calendar.DeleteEvent("AAMkAD-1").value());
  f.transport.Expect("GET", std::string(kBase) + "/me/events/AAMkAD-1",
                     Response(403, R"({"error":{"code":"ErrorAccessDenied","message":"Access is denied."}})"));
  Result<CreatedEvent> denied = f.calendar.GetEvent("AAMkAD-1");
  CHECK(denied.error().code == "provider_forbidden");
  CHECK(denied.error().field == "ErrorAccessDenied");
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("MicrosoftGraphCalendar: rooms and users follow @odata.nextLink, but only onto the API base") {
  Fixture f;
  f.transport.Expect("GET", std::string(kBase) + "/places/microsoft.graph.room?$top=100", Response(200, R"({
    "value":[{"id":"r1","emailAddress":"room1@acme.test","displayName":"Room 1","capacity":6,"building":"HQ","floorNumber":3},
             {"id":"r-no-mail","displayName":"Broom cupboard"}],
    "@odata.nextLink":"https://graph.microsoft.com/v1.0/places/microsoft.graph.room?$top=100&$skip=100"})"));
  f.transport.Expect("GET", std::string(kBase) + "/places/microsoft.graph.room?$top=100&$skip=100", Response(200, R"({
    "value":[{"id":"r2","emailAddress":"room2@acme.test","displayName":"Room 2","building":"Annex","floorLabel":"Mezzanine"}],
    "@odata.nextLink":"http://127.0.0.1:7002/microsoft/v1.0/places/microsoft.graph.room?$top=100&$skip=200"})"));
  f.transport.Expect("GET", std::string(kBase) + "/places/microsoft.graph.room?$top=100&$skip=200",
                     Response(200, R"({"value":[]})"));
  Result<std::vector<RoomInfo>> rooms = f.calendar.ListRooms();
  REQUIRE(rooms);
  REQUIRE(rooms->size() == 2);
  CHECK((*rooms)[0].email == "room1@acme.test");
  CHECK((*rooms)[0].capacity == 6);
  CHECK((*rooms)[0].building == "HQ");
  CHECK((*rooms)[0].floor == "3");
  CHECK((*rooms)[1].floor == "Mezzanine");
  CHECK_FALSE((*rooms)[1].capacity.has_value());
  CHECK(f.transport.count() == 3);

  f.transport.Expect("GET", std::string(kBase) + "/places/microsoft.graph.room",
                     Response(200, R"({"value":[],"@odata.nextLink":"https://evil.example/steal?$skip=1"})"));
  CHECK(f.calendar.ListRooms().error().code == "provider_error");
  CHECK(f.transport.count() == 4);  // the foreign link was not requested
  CHECK(f.transport.unexpected() == 0);

  f.transport.Expect("GET", std::string(kBase) + "/users?", Response(200, R"({
    "value":[{"id":"u1","displayName":"Fox","mail":"fox@acme.test","userPrincipalName":"fox@acme.onmicrosoft.com"},
             {"id":"u2","displayName":"Svc","mail":null,"userPrincipalName":"svc@acme.onmicrosoft.com"}],
    "@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=abc"})"));
  f.transport.Expect("GET", std::string(kBase) + "/users?$skiptoken=abc",
                     Response(200, R"({"value":[{"id":"u3","displayName":"Dana","mail":"dana@acme.test"}]})"));
  Result<std::vector<DirectoryUser>> users = f.calendar.ListUsers();
  REQUIRE(users);
  REQUIRE(users->size() == 3);
  CHECK((*users)[1].email == "svc@acme.onmicrosoft.com");
  CHECK((*users)[2].display_name == "Dana");
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));
}

TEST_CASE("MicrosoftGraphCalendar: at most 4 concurrent requests per mailbox") {
  Fixture f;
  std::atomic<int> active{0};
  std::atomic<int> max_active{0};
  f.transport.Respond("GET", std::string(kBase) + "/me/events/", [&](const net::HttpRequest&) {
    const int now = ++active;
    int seen = max_active.load();
    while (now > seen && !max_active.compare_exchange_weak(seen, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    --active;
    return Result<net::HttpResponse>(Response(200, CreatedEventJson()));
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) ok += f.calendar.GetEvent("AAMkAD-1") ? 1 : 0;
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(ok == 36);
  CHECK(max_active.load() <= kGraphConcurrentRequestsPerMailbox);
  CHECK(max_active.load() >= 2);
}

TEST_CASE("MicrosoftGraphCalendar: Changes follows a calendarView delta round; the deltaLink is the cursor; 410 = expired") {
  MicrosoftGraphOptions options;
  options.default_mailbox = "sanne@labs.example";
  options.change_page_size = 50;
  Fixture f(options);
  const Interval window{At("2026-03-01T00:00:00Z"), At("2026-04-01T00:00:00Z")};
  const std::string delta = std::string(kBase) + "/users/sanne%40labs.example/calendarView/delta";
  f.transport.Expect("GET", delta + "?startDateTime=",
                     Response(200, json{{"value", {{{"id", "AAMk1"}, {"subject", "x"}},
                                                   {{"id", "AAMk2"}, {"@removed", {{"reason", "deleted"}}}}}},
                                        {"@odata.nextLink", delta + "?$skiptoken=s1"}}.dump()));
  f.transport.Expect("GET", delta + "?$skiptoken=s1",
                     Response(200, json{{"value", json::array()},
                                        {"@odata.deltaLink",
                                         "https://graph.microsoft.com/v1.0/users/sanne%40labs.example/calendarView/"
                                         "delta?$deltatoken=d1"}}.dump()));
  Result<CalendarChanges> full = f.calendar.Changes("", window);
  REQUIRE_MESSAGE(full, full.error().message);
  CHECK(full->full);
  REQUIRE(full->changes.size() == 2);
  CHECK_FALSE(full->changes[0].deleted);
  CHECK(full->changes[1].deleted);
  CHECK(full->cursor.find("$deltatoken=d1") != std::string::npos);
  std::vector<net::HttpRequest> sent = f.transport.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].url.find("endDateTime=2026-04-01T00%3A00%3A00Z") != std::string::npos);
  CHECK(HeaderOf(sent[0], "Prefer") == "odata.maxpagesize=50");

  // The public Graph link is followed on the API base (the token never leaves it); 410 says start over.
  f.transport.Expect("GET", delta + "?$deltatoken=d1",
                     Response(410, R"({"error":{"code":"SyncStateNotFound","message":"resync required"}})"));
  Result<CalendarChanges> expired = f.calendar.Changes(full->cursor, window);
  REQUIRE(expired);
  CHECK(expired->expired);
  CHECK(f.transport.requests().size() == 3);

  // A stored link to another host is never called: start over.
  Result<CalendarChanges> foreign = f.calendar.Changes("https://evil.example/v1.0/me/calendarView/delta?$deltatoken=x", window);
  REQUIRE(foreign);
  CHECK(foreign->expired);
  CHECK(f.transport.requests().size() == 3);

  // A nextLink to another host fails the call.
  f.transport.Expect("GET", delta + "?startDateTime=",
                     Response(200, json{{"value", json::array()}, {"@odata.nextLink", "https://evil.example/next"}}.dump()));
  CHECK_FALSE(f.calendar.Changes("", window));
  CHECK(f.transport.unexpected() == 0);
}
