// Tests for backend/providers/google_calendar against a scripted transport speaking Calendar v3 (docs/PROVIDERS.md).
#include <doctest/doctest.h>

#include <condition_variable>
#include <mutex>

#include <set>

#include "fake_transport.h"
#include "providers/google_calendar.h"
#include "providers/idempotency.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "support/instants.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "http://127.0.0.1:7001/google/calendar/v3";

using slotwise::testing::At;

// A freeBusy answer for whatever was asked: every calendar is busy [timeMin + 1 h, timeMin + 2 h), except ids
// starting with "missing" which get Google's per-calendar notFound error.
Result<net::HttpResponse> FreeBusyResponder(const net::HttpRequest& request) {
  const json body = BodyOf(request);
  const Instant time_min = ParseRfc3339(body["timeMin"].get<std::string>()).value();
  json calendars = json::object();
  for (const json& item : body["items"]) {
    const std::string id = item["id"].get<std::string>();
    if (id.rfind("missing", 0) == 0) {
      calendars[id] = {{"busy", json::array()}, {"errors", {{{"domain", "global"}, {"reason", "notFound"}}}}};
    } else {
      calendars[id] = {{"busy", {{{"start", FormatRfc3339(time_min + 3600)}, {"end", FormatRfc3339(time_min + 7200)}}}}};
    }
  }
  return Response(200, DumpJson({{"kind", "calendar#freeBusy"},
                                 {"timeMin", body["timeMin"]},
                                 {"timeMax", body["timeMax"]},
                                 {"calendars", calendars}}));
}

struct Fixture {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  GoogleCalendar calendar{transport, tokens, kBase, RetryPolicy{}, time.Hooks()};
};

EventSpec MeetSpec() {
  EventSpec spec;
  spec.idempotency_key = "booking-1";
  spec.summary = "Interview: Dana Scully";
  spec.description = "Panel interview";
  spec.start = At("2026-03-02T09:00:00Z");
  spec.end = At("2026-03-02T10:00:00Z");
  spec.time_zone = "Europe/Berlin";
  spec.attendees = {{"fox@acme.test", "Fox Mulder", false, false},
                    {"walter@acme.test", "", true, false},
                    {"room-1@resource.calendar.google.com", "Room 1", false, true}};
  spec.location = "Room 1";
  spec.video = VideoKind::kMeet;
  return spec;
}

std::string EventJson(const std::string& id, const std::string& conference_status) {
  json event = {{"kind", "calendar#event"},
                {"id", id},
                {"status", "confirmed"},
                {"iCalUID", id + "@google.com"},
                {"htmlLink", "https://www.google.com/calendar/event?eid=" + id},
                {"attendees",
                 {{{"email", "fox@acme.test"}, {"responseStatus", "needsAction"}},
                  {{"email", "room-1@resource.calendar.google.com"}, {"resource", true}, {"responseStatus", "accepted"}}}}};
  if (!conference_status.empty()) {
    event["conferenceData"] = {
        {"createRequest", {{"requestId", "r"}, {"conferenceSolutionKey", {{"type", "hangoutsMeet"}}},
                           {"status", {{"statusCode", conference_status}}}}}};
    if (conference_status == "success") {
      event["conferenceData"]["entryPoints"] = {
          {{"entryPointType", "video"}, {"uri", "https://meet.google.com/abc-defg-hij"}, {"label", "meet.google.com/abc-defg-hij"}},
          {{"entryPointType", "phone"}, {"uri", "tel:+1-555-0100"}, {"pin", "123"}}};
      event["hangoutLink"] = "https://meet.google.com/abc-defg-hij";
    }
  }
  return DumpJson(event);
}

}  // namespace

TEST_CASE("GoogleCalendar: freeBusy chunks are fetched several at once and merged exactly as one at a time") {
  std::vector<std::string> ids;
  for (int i = 0; i < 120; ++i) ids.push_back("cal-" + std::to_string(i) + "@acme.test");
  ids[77] = "missing-77@acme.test";
  const Interval range{At("2026-03-01T00:00:00Z"), At("2026-03-01T00:00:00Z") + 100 * kSecondsPerDay};

  Fixture one;
  one.transport.Respond("POST", std::string(kBase) + "/freeBusy", FreeBusyResponder);
  Result<std::vector<CalendarBusy>> sequential = one.calendar.FreeBusy(ids, range, "UTC");
  REQUIRE(sequential);

  // Each call waits (up to 5 s) for a second one to be in flight: the peak shows how many ran at once.
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  std::mutex mutex;
  std::condition_variable changed;
  int in_flight = 0, peak = 0;
  transport.Respond("POST", std::string(kBase) + "/freeBusy", [&](const net::HttpRequest& request) {
    std::unique_lock lock(mutex);
    peak = std::max(peak, ++in_flight);
    changed.notify_all();
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return in_flight >= 2; });
    lock.unlock();
    Result<net::HttpResponse> answer = FreeBusyResponder(request);
    lock.lock();
    --in_flight;
    return answer;
  });
  GoogleCalendarOptions options;
  options.parallel_calls = 4;
  GoogleCalendar calendar(transport, tokens, kBase, RetryPolicy{}, time.Hooks(), options);
  Result<std::vector<CalendarBusy>> parallel = calendar.FreeBusy(ids, range, "UTC");
  REQUIRE(parallel);
  CHECK(transport.requests().size() == 6);
  CHECK(peak >= 2);
  CHECK(peak <= 4);
  REQUIRE(parallel->size() == sequential->size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CAPTURE(i);
    CHECK((*parallel)[i].calendar_id == (*sequential)[i].calendar_id);
    REQUIRE((*parallel)[i].busy.ok() == (*sequential)[i].busy.ok());
    if ((*parallel)[i].busy) CHECK((*parallel)[i].busy->size() == (*sequential)[i].busy->size());
    for (std::size_t e = 0; (*parallel)[i].busy && e < (*parallel)[i].busy->size(); ++e) {
      CHECK((*(*parallel)[i].busy)[e].interval.start == (*(*sequential)[i].busy)[e].interval.start);
    }
  }
}

TEST_CASE("GoogleCalendar: a broken connection stops the remaining freeBusy chunks") {
  Fixture f;
  f.transport.Respond("POST", std::string(kBase) + "/freeBusy", [](const net::HttpRequest&) {
    return Result<net::HttpResponse>(Response(401, R"({"error":{"code":401,"message":"Invalid Credentials"}})"));
  });
  std::vector<std::string> ids;
  for (int i = 0; i < 120; ++i) ids.push_back("cal-" + std::to_string(i) + "@acme.test");
  Result<std::vector<CalendarBusy>> busy =
      f.calendar.FreeBusy(ids, {At("2026-03-01T00:00:00Z"), At("2026-03-02T00:00:00Z")}, "UTC");
  REQUIRE_FALSE(busy);
  CHECK(f.transport.requests().size() <= 2);  // the 401 (and a retry after a token refresh), not every chunk
}

TEST_CASE("GoogleCalendar: freeBusy is chunked to 50 calendars and 60 days per call and merged in request order") {
  Fixture f;
  f.transport.Respond("POST", std::string(kBase) + "/freeBusy", FreeBusyResponder);
  std::vector<std::string> ids;
  for (int i = 0; i < 120; ++i) ids.push_back("cal-" + std::to_string(i) + "@acme.test");
  ids[77] = "missing-77@acme.test";
  const Interval range{At("2026-03-01T00:00:00Z"), At("2026-03-01T00:00:00Z") + 100 * kSecondsPerDay};

  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy(ids, range, "Europe/Berlin");
  REQUIRE(busy);
  // ceil(120 / 50) × ceil(100 / 60) = 3 × 2.
  const std::vector<net::HttpRequest> requests = f.transport.requests();
  REQUIRE(requests.size() == 6);
  CHECK(f.transport.unexpected() == 0);
  CHECK(AllAuthorizedWithTimeout(requests));
  const std::vector<std::size_t> expected_sizes = {50, 50, 50, 50, 20, 20};
  const Instant split = range.start + 60 * kSecondsPerDay;
  for (std::size_t call = 0; call < requests.size(); ++call) {
    CAPTURE(call);
    const json body = BodyOf(requests[call]);
    CHECK(body["items"].size() == expected_sizes[call]);
    CHECK(body["items"][0]["id"] == ids[(call / 2) * 50]);
    CHECK(body["timeZone"] == "Europe/Berlin");
    const bool first_piece = call % 2 == 0;
    CHECK(body["timeMin"] == FormatRfc3339(first_piece ? range.start : split));
    CHECK(body["timeMax"] == FormatRfc3339(first_piece ? split : range.end));
  }
  REQUIRE(busy->size() == 120);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CAPTURE(i);
    const CalendarBusy& calendar = (*busy)[i];
    CHECK(calendar.calendar_id == ids[i]);
    if (i == 77) {
      REQUIRE_FALSE(calendar.busy);
      CHECK(calendar.busy.error().code == "provider_calendar_error");  // never "free"
      continue;
    }
    REQUIRE(calendar.busy);
    REQUIRE(calendar.busy->size() == 2);  // one busy hour in each 60-day piece
    CHECK((*calendar.busy)[0].interval == Interval{range.start + 3600, range.start + 7200});
    CHECK((*calendar.busy)[1].interval == Interval{split + 3600, split + 7200});
    CHECK((*calendar.busy)[0].status == BusyStatus::kBusy);
  }
}

TEST_CASE("GoogleCalendar: freeBusy of a literal answer, duplicate ids and an empty range") {
  Fixture f;
  f.transport.Expect("POST", std::string(kBase) + "/freeBusy", Response(200, R"({
    "kind": "calendar#freeBusy", "timeMin": "2026-03-02T00:00:00Z", "timeMax": "2026-03-03T00:00:00Z",
    "calendars": {
      "b@acme.test": {"errors": [{"domain": "global", "reason": "internalError"}], "busy": []},
      "a@acme.test": {"busy": [{"start": "2026-03-02T10:00:00+01:00", "end": "2026-03-02T11:30:00+01:00"}]}
    }})"));
  const Interval day{At("2026-03-02T00:00:00Z"), At("2026-03-03T00:00:00Z")};
  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy({"a@acme.test", "b@acme.test", "a@acme.test"}, day, "");
  REQUIRE(busy);
  REQUIRE(f.transport.count() == 1);
  const json body = BodyOf(f.transport.requests()[0]);
  CHECK(body["items"] == json::array({{{"id", "a@acme.test"}}, {{"id", "b@acme.test"}}}));  // asked once
  CHECK(body["timeZone"] == "UTC");
  REQUIRE(busy->size() == 3);
  CHECK((*busy)[0].calendar_id == "a@acme.test");
  REQUIRE((*busy)[0].busy);
  REQUIRE((*busy)[0].busy->size() == 1);
  CHECK((*(*busy)[0].busy)[0].interval == Interval{At("2026-03-02T09:00:00Z"), At("2026-03-02T10:30:00Z")});
  CHECK_FALSE((*busy)[1].busy);
  CHECK((*busy)[2].calendar_id == "a@acme.test");
  CHECK((*busy)[2].busy);

  CHECK(f.calendar.FreeBusy({"a@acme.test"}, Interval{day.start, day.start}, "UTC").error().code == "invalid_request");
  CHECK(f.calendar.FreeBusy({}, day, "UTC")->empty());
  CHECK(f.transport.count() == 1);
}

TEST_CASE("GoogleCalendar: a failed freeBusy call fails only its calendars; a broken connection fails the query") {
  Fixture f;
  int call = 0;
  f.transport.Respond("POST", std::string(kBase) + "/freeBusy", [&](const net::HttpRequest& request) {
    ++call;
    if (BodyOf(request)["items"][0]["id"] == "x50") return Result<net::HttpResponse>(Response(500, "{}"));
    if (BodyOf(request)["items"][0]["id"] == "x100") return Result<net::HttpResponse>(Response(200, "not json"));
    return FreeBusyResponder(request);
  });
  std::vector<std::string> ids;
  for (int i = 0; i < 120; ++i) ids.push_back("x" + std::to_string(i));
  const Interval day{At("2026-03-02T00:00:00Z"), At("2026-03-03T00:00:00Z")};
  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy(ids, day, "UTC");
  REQUIRE(busy);
  CHECK(call == 1 + 4 + 1);  // the 500 chunk was retried up to max_attempts
  CHECK((*busy)[0].busy);
  CHECK((*busy)[50].busy.error().code == "provider_unavailable");
  CHECK((*busy)[99].busy.error().code == "provider_unavailable");
  CHECK((*busy)[100].busy.error().code == "provider_error");

  Fixture g;
  g.transport.Respond("POST", std::string(kBase) + "/freeBusy", [](const net::HttpRequest&) {
    return Response(401, R"({"error":{"errors":[{"reason":"authError"}],"code":401,"message":"Invalid Credentials"}})");
  });
  Result<std::vector<CalendarBusy>> refused = g.calendar.FreeBusy(ids, day, "UTC");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "provider_unauthorized");
  CHECK(g.tokens.rejections == 1);
  CHECK(g.transport.count() == 2);  // the first chunk only: original + one retry with the new token
}

TEST_CASE("GoogleCalendar: create with Meet sends the client id and createRequest, then polls while pending") {
  Fixture f;
  const std::string id = Sha256Hex("booking-1");
  f.transport.Expect("POST", std::string(kBase) + "/calendars/primary/events", Response(200, EventJson(id, "pending")));
  f.transport.Expect("GET", std::string(kBase) + "/calendars/primary/events/" + id, Response(200, EventJson(id, "pending")));
  f.transport.Expect("GET", std::string(kBase) + "/calendars/primary/events/" + id, Response(200, EventJson(id, "success")));
  Result<CreatedEvent> created = f.calendar.CreateEvent(MeetSpec());
  REQUIRE(created);
  CHECK(f.transport.unexpected() == 0);
  CHECK(f.transport.pending() == 0);
  CHECK(created->id == id);
  CHECK(created->ical_uid == id + "@google.com");
  CHECK(created->join_url == "https://meet.google.com/abc-defg-hij");
  // The phone entry point, copied as stated (no label: the tel: URI's number).
  REQUIRE(created->dial_in.size() == 1);
  CHECK(created->dial_in[0].number == "+1-555-0100");
  CHECK(created->dial_in[0].access_code == "123");
  CHECK(created->conference == ConferenceStatus::kSuccess);
  REQUIRE(created->attendees.size() == 2);
  CHECK(created->attendees[0].response == AttendeeResponse::kNeedsAction);
  CHECK(created->attendees[1].response == AttendeeResponse::kAccepted);
  CHECK(f.time.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds{1000}, std::chrono::milliseconds{1000}});

  const std::vector<net::HttpRequest> requests = f.transport.requests();
  CHECK(AllAuthorizedWithTimeout(requests));
  CHECK(requests[0].url == std::string(kBase) + "/calendars/primary/events?conferenceDataVersion=1&sendUpdates=all");
  CHECK(HeaderOf(requests[0], "Content-Type") == "application/json");
  const json body = BodyOf(requests[0]);
  CHECK(body["id"] == id);
  CHECK(body["summary"] == "Interview: Dana Scully");
  CHECK(body["start"] == json{{"dateTime", "2026-03-02T09:00:00Z"}, {"timeZone", "Europe/Berlin"}});
  CHECK(body["end"] == json{{"dateTime", "2026-03-02T10:00:00Z"}, {"timeZone", "Europe/Berlin"}});
  CHECK(body["conferenceData"]["createRequest"]["conferenceSolutionKey"]["type"] == "hangoutsMeet");
  CHECK(body["conferenceData"]["createRequest"]["requestId"].is_string());
  CHECK(body["attendees"][0] == json{{"email", "fox@acme.test"}, {"displayName", "Fox Mulder"}});
  CHECK(body["attendees"][1] == json{{"email", "walter@acme.test"}, {"optional", true}});
  CHECK(body["attendees"][2]["resource"] == true);
  CHECK(body["location"] == "Room 1");
}

TEST_CASE("GoogleCalendar: a retried create that meets 409 duplicate answers with the existing event") {
  Fixture f;
  EventSpec spec = MeetSpec();
  spec.video = VideoKind::kNone;
  spec.organiser_calendar_id = "recruiter@acme.test";
  const std::string id = Sha256Hex("booking-1");
  const std::string events = std::string(kBase) + "/calendars/recruiter%40acme.test/events";
  f.transport.ExpectFailure("POST", events, "timeout");  // the first attempt got through but its answer was lost
  f.transport.Expect("POST", events, Response(409, R"({"error":{"errors":[{"domain":"global","reason":"duplicate",
      "message":"The requested identifier already exists."}],"code":409,"message":"The requested identifier already exists."}})"));
  f.transport.Expect("GET", events + "/" + id, Response(200, EventJson(id, "")));
  Result<CreatedEvent> created = f.calendar.CreateEvent(spec);
  REQUIRE(created);
  CHECK(created->id == id);
  CHECK(created->conference == ConferenceStatus::kNone);
  CHECK(f.transport.count() == 3);
  const std::vector<net::HttpRequest> requests = f.transport.requests();
  CHECK(BodyOf(requests[0])["id"] == BodyOf(requests[1])["id"]);  // same client id on the retry
  CHECK(requests[0].url.find("sendUpdates=all") != std::string::npos);

  // The same key after the event was cancelled: a conflict, not a resurrected booking.
  Fixture g;
  json cancelled = json::parse(EventJson(id, ""));
  cancelled["status"] = "cancelled";
  g.transport.Expect("POST", events, Response(409, R"({"error":{"errors":[{"reason":"duplicate"}],"code":409,"message":"dup"}})"));
  g.transport.Expect("GET", events + "/" + id, Response(200, DumpJson(cancelled)));
  CHECK(g.calendar.CreateEvent(spec).error().code == "conflict");
}

TEST_CASE("GoogleCalendar: Meet creation that stays pending is polled a bounded number of times") {
  Fixture f;
  const std::string id = Sha256Hex("booking-1");
  f.transport.Expect("POST", std::string(kBase) + "/calendars/primary/events", Response(200, EventJson(id, "pending")));
  f.transport.Respond("GET", std::string(kBase) + "/calendars/primary/events/" + id,
                      [&](const net::HttpRequest&) { return Response(200, EventJson(id, "pending")); });
  Result<CreatedEvent> created = f.calendar.CreateEvent(MeetSpec());
  REQUIRE(created);
  CHECK(created->conference == ConferenceStatus::kPending);
  CHECK(f.transport.count() == 1 + 5);
  CHECK(f.time.sleeps.size() == 5);
}

TEST_CASE("GoogleCalendar: update, delete, get, rooms and local validation") {
  Fixture f;
  EventSpec spec = MeetSpec();
  spec.video = VideoKind::kNone;
  spec.send_updates = SendUpdates::kExternalOnly;
  f.transport.Expect("PATCH", std::string(kBase) + "/calendars/primary/events/ev1", Response(200, EventJson("ev1", "")));
  Result<CreatedEvent> updated = f.calendar.UpdateEvent("ev1", spec);
  REQUIRE(updated);
  CHECK(updated->id == "ev1");
  CHECK(f.transport.requests()[0].url ==
        std::string(kBase) + "/calendars/primary/events/ev1?conferenceDataVersion=1&sendUpdates=externalOnly");
  CHECK_FALSE(BodyOf(f.transport.requests()[0]).contains("id"));

  for (int status : {204, 404, 410}) {
    f.transport.Expect("DELETE", std::string(kBase) + "/calendars/primary/events/ev1", Response(status));
    CHECK(f.calendar.DeleteEvent("ev1").value());
  }
  f.transport.Expect("DELETE", std::string(kBase) + "/calendars/primary/events/ev1",
                     Response(403, R"({"error":{"errors":[{"reason":"forbiddenForNonOrganizer"}],"code":403,"message":"no"}})"));
  CHECK(f.calendar.DeleteEvent("ev1").error().code == "provider_forbidden");

  f.transport.Expect("GET", std::string(kBase) + "/calendars/primary/events/ev1", Response(200, "[]"));
  CHECK(f.calendar.GetEvent("ev1").error().code == "provider_error");  // malformed, no crash
  CHECK(f.calendar.ListRooms().error().code == "not_supported");
  CHECK(f.transport.unexpected() == 0);
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));

  const std::size_t before = f.transport.count();
  EventSpec teams = spec;
  teams.video = VideoKind::kTeams;
  CHECK(f.calendar.CreateEvent(teams).error().code == "invalid_request");
  EventSpec no_key = spec;
  no_key.idempotency_key.clear();
  CHECK(f.calendar.CreateEvent(no_key).error().field == "idempotency_key");
  EventSpec backwards = spec;
  backwards.end = backwards.start;
  CHECK(f.calendar.CreateEvent(backwards).error().code == "invalid_request");
  CHECK(f.transport.count() == before);  // nothing was sent
}

TEST_CASE("GoogleCalendar: an answer keyed by the lower-cased address still reaches the calendar asked for") {
  Fixture f;
  f.transport.Expect("POST", std::string(kBase) + "/freeBusy", Response(200, R"({"kind":"calendar#freeBusy",
    "timeMin":"2026-03-02T00:00:00Z","timeMax":"2026-03-03T00:00:00Z",
    "calendars":{"fox@acme.test":{"busy":[{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T09:00:00Z"}]}}})"));
  const Interval day{At("2026-03-02T00:00:00Z"), At("2026-03-03T00:00:00Z")};
  Result<std::vector<CalendarBusy>> busy = f.calendar.FreeBusy({"Fox@Acme.test"}, day, "UTC");
  REQUIRE(busy);
  CHECK((*busy)[0].calendar_id == "Fox@Acme.test");
  REQUIRE((*busy)[0].busy);
  CHECK((*busy)[0].busy->size() == 1);
}

TEST_CASE("GoogleCalendar: Changes lists a window in full for the first token, then only what changed; 410 = expired") {
  Fixture f;
  const Interval window{At("2026-03-01T00:00:00Z"), At("2026-04-01T00:00:00Z")};
  const std::string events = std::string(kBase) + "/calendars/primary/events";
  f.transport.Expect("GET", events + "?timeMin=",
                     Response(200, R"({"items":[{"id":"ev1","status":"confirmed"},{"id":"ev2","status":"cancelled"}],
                                       "nextPageToken":"page-2"})"));
  f.transport.Expect("GET", events + "?timeMin=", Response(200, R"({"items":[{"id":"ev3"}],"nextSyncToken":"sync-1"})"));
  Result<CalendarChanges> full = f.calendar.Changes("", window);
  REQUIRE_MESSAGE(full, full.error().message);
  CHECK(full->full);
  CHECK_FALSE(full->expired);
  CHECK(full->cursor == "sync-1");
  REQUIRE(full->changes.size() == 3);
  CHECK(full->changes[0].id == "ev1");
  CHECK_FALSE(full->changes[0].deleted);
  CHECK(full->changes[1].deleted);
  std::vector<net::HttpRequest> sent = f.transport.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].url.find("timeMax=2026-04-01T00%3A00%3A00Z") != std::string::npos);
  CHECK(sent[0].url.find("pageToken") == std::string::npos);
  CHECK(sent[1].url.find("pageToken=page-2") != std::string::npos);

  // With the token only syncToken (Google refuses timeMin/timeMax beside it).
  f.transport.Expect("GET", events + "?syncToken=sync-1",
                     Response(200, R"({"items":[{"id":"ev1","status":"cancelled"}],"nextSyncToken":"sync-2"})"));
  Result<CalendarChanges> changed = f.calendar.Changes("sync-1", window);
  REQUIRE_MESSAGE(changed, changed.error().message);
  CHECK_FALSE(changed->full);
  CHECK(changed->cursor == "sync-2");
  REQUIRE(changed->changes.size() == 1);
  CHECK(changed->changes[0].deleted);
  CHECK(f.transport.requests().back().url.find("timeMin") == std::string::npos);

  f.transport.Expect("GET", events + "?syncToken=sync-2",
                     Response(410, R"({"error":{"code":410,"message":"Sync token is no longer valid, a full sync is required.",
                                       "errors":[{"domain":"global","reason":"fullSyncRequired"}]}})"));
  Result<CalendarChanges> expired = f.calendar.Changes("sync-2", window);
  REQUIRE(expired);
  CHECK(expired->expired);
  CHECK(expired->cursor.empty());
  CHECK(expired->changes.empty());

  // A last page without a token is not as documented; other failures keep their meaning.
  f.transport.Expect("GET", events + "?syncToken=sync-3", Response(200, R"({"items":[]})"));
  CHECK_FALSE(f.calendar.Changes("sync-3", window));
  f.transport.Expect("GET", events + "?syncToken=sync-4", Response(404, R"({"error":{"code":404,"message":"Not Found"}})"));
  Result<CalendarChanges> missing = f.calendar.Changes("sync-4", window);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "provider_not_found");
  CHECK(f.transport.unexpected() == 0);
}
