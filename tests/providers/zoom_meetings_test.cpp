// Tests for backend/providers/zoom_meetings against a scripted transport speaking Zoom API v2.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "providers/zoom_meetings.h"
#include "slotwise/host_rules.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "http://127.0.0.1:7003/zoom/v2";

struct Fixture {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  ZoomMeetings zoom{transport, tokens, kBase, RetryPolicy{}, time.Hooks()};
};

constexpr const char* kMe = R"({"id":"KDcuGIm1QgePTO8WbOqwIQ","first_name":"Fox","last_name":"Mulder","email":"fox@acme.test",
  "type":2,"pmi":3542471135,"timezone":"Europe/Berlin","account_id":"q6gBJVO5TzexKYTb_I2rpg","status":"active"})";

constexpr const char* kUserSettings = R"({
  "schedule_meeting":{"host_video":false,"participants_video":false,"join_before_host":true,"jbh_time":5,
                      "require_password_for_scheduling_new_meetings":true,"use_pmi_for_scheduled_meetings":false},
  "in_meeting":{"waiting_room":false,"chat":true},
  "meeting_security":{"waiting_room":false,"embed_password_in_join_link":true}})";

ZoomMeetingSpec Spec() {
  ZoomMeetingSpec spec;
  spec.topic = "Interview: Dana Scully";
  spec.start = ParseRfc3339("2026-03-02T09:00:00Z").value();
  spec.duration_minutes = 45;
  spec.timezone = "Europe/Berlin";
  spec.password = "a@-_*9Z";
  spec.join_before_host = true;
  spec.jbh_time = 5;
  spec.waiting_room = false;
  spec.alternative_hosts = {"walter@acme.test", "dana@acme.test"};
  return spec;
}

}  // namespace

TEST_CASE("ZoomMeetings: GetMe exposes the account identity used to refuse double linking") {
  Fixture f;
  f.transport.Expect("GET", std::string(kBase) + "/users/me", Response(200, kMe));
  Result<ZoomUser> me = f.zoom.GetMe();
  REQUIRE(me);
  CHECK(me->id == "KDcuGIm1QgePTO8WbOqwIQ");
  CHECK(me->email == "fox@acme.test");
  CHECK(me->type == 2);
  CHECK(me->timezone == "Europe/Berlin");
  CHECK(me->account_id == "q6gBJVO5TzexKYTb_I2rpg");
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));

  f.transport.Expect("GET", std::string(kBase) + "/users/me", Response(200, R"({"email":"x@y"})"));
  CHECK(f.zoom.GetMe().error().code == "provider_error");
}

TEST_CASE("ZoomMeetings: settings map into the host rules, including an admin-locked passcode") {
  Fixture f;
  f.transport.Expect("GET", std::string(kBase) + "/users/KDcuGIm1QgePTO8WbOqwIQ/settings", Response(200, kUserSettings));
  f.transport.Expect("GET", std::string(kBase) + "/accounts/q6gBJVO5TzexKYTb_I2rpg/lock_settings",
                     Response(200, R"({"schedule_meeting":{"require_password_for_scheduling_new_meetings":true,
                                       "join_before_host":false},"in_meeting":{"waiting_room":false}})"));
  ZoomUser user{"KDcuGIm1QgePTO8WbOqwIQ", "fox@acme.test", 2, "Europe/Berlin", "q6gBJVO5TzexKYTb_I2rpg"};
  Result<ZoomHostSettings> settings = f.zoom.GetSettings(user);
  REQUIRE(settings);
  CHECK(settings->join_before_host);
  CHECK(settings->jbh_time_minutes == 5);
  CHECK_FALSE(settings->waiting_room);
  CHECK(settings->passcode_enabled);
  CHECK(settings->passcode_locked);
  CHECK(settings->lock_settings_known);
  CHECK_FALSE(settings->personal);

  const ConferencingAccount account = ToConferencingAccount(*settings, "fox");
  CHECK(account.provider == ConferencingProvider::kZoom);
  CHECK(account.owner == "fox");
  const PasscodeOutcome passcode = ComputePasscode(account);
  CHECK(passcode.passcode);
  CHECK(passcode.reason == PasscodeReason::kAdminLocked);
  CHECK(FiringRules(account, /*owner_attends=*/false, /*candidate_external=*/true).empty());  // jbh on, no waiting room
}

TEST_CASE("ZoomMeetings: unlocked passcode, unknown locks, waiting room and personal accounts") {
  Fixture f;
  const std::string settings_url = std::string(kBase) + "/users/u1/settings";
  const std::string locks_url = std::string(kBase) + "/accounts/acc1/lock_settings";
  f.transport.Expect("GET", settings_url, Response(200, kUserSettings));
  f.transport.Expect("GET", locks_url, Response(200, R"({"schedule_meeting":{"require_password_for_scheduling_new_meetings":false}})"));
  Result<ZoomHostSettings> unlocked = f.zoom.GetSettings(ZoomUser{"u1", "", 2, "", "acc1"});
  REQUIRE(unlocked);
  CHECK(ComputePasscode(ToConferencingAccount(*unlocked, "fox")).reason == PasscodeReason::kUnlockedSettingNotApplied);

  // Without the admin scope the lock settings are refused: the lock state is unknown, not an error.
  f.transport.Expect("GET", settings_url, Response(200, kUserSettings));
  f.transport.Expect("GET", locks_url, Response(403, R"({"code":200,"message":"No permission."})"));
  Result<ZoomHostSettings> unknown = f.zoom.GetSettings(ZoomUser{"u1", "", 2, "", "acc1"});
  REQUIRE(unknown);
  CHECK_FALSE(unknown->lock_settings_known);
  CHECK_FALSE(unknown->passcode_locked);

  f.transport.Expect("GET", settings_url, Response(200, R"({"schedule_meeting":{"join_before_host":true,"jbh_time":7},
                                                           "in_meeting":{"waiting_room":true}})"));
  f.transport.Expect("GET", locks_url, Response(200, "{}"));
  Result<ZoomHostSettings> personal = f.zoom.GetSettings(ZoomUser{"u1", "", 1, "", "acc1"});
  REQUIRE(personal);
  CHECK(personal->personal);
  CHECK(personal->waiting_room);
  CHECK(personal->jbh_time_minutes == 0);  // 7 is not a Zoom value
  const ConferencingAccount account = ToConferencingAccount(*personal, "fox");
  CHECK(ComputePasscode(account).reason == PasscodeReason::kPersonalAccount);
  CHECK(FiringRules(account, false, true) == std::vector<HostRule>{HostRule::kWaitingRoomOverridesJbh});

  f.transport.Expect("GET", settings_url, Response(500, "{}"));
  f.transport.Respond("GET", settings_url, [](const net::HttpRequest&) { return Response(500, "{}"); }, 3);
  CHECK(f.zoom.GetSettings(ZoomUser{"u1", "", 2, "", "acc1"}).error().code == "provider_unavailable");
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("ZoomMeetings: passcodes are validated before any call") {
  Fixture f;
  for (const char* bad : {"", "12345678901", "abc def", "pässwort", "a/b", "x+y"}) {
    CAPTURE(bad);
    ZoomMeetingSpec spec = Spec();
    spec.password = bad;
    Result<ZoomMeeting> created = f.zoom.CreateMeeting(spec);
    REQUIRE_FALSE(created);
    CHECK(created.error().code == "invalid_request");
    CHECK(created.error().field == "password");
  }
  CHECK(ValidateZoomPasscode("1234567890"));
  CHECK(ValidateZoomPasscode("a@-_*9Z"));
  ZoomMeetingSpec bad_jbh = Spec();
  bad_jbh.jbh_time = 3;
  CHECK(f.zoom.CreateMeeting(bad_jbh).error().code == "invalid_request");
  CHECK(f.transport.count() == 0);
}

TEST_CASE("ZoomMeetings: create sends a type-2 meeting in UTC and parses the numeric id") {
  Fixture f;
  f.transport.Expect("POST", std::string(kBase) + "/users/me/meetings", Response(201, R"({
    "uuid":"4444AAAiAAAAAiAiAiiAii==","id":85746065432,"host_id":"KDcuGIm1QgePTO8WbOqwIQ","host_email":"fox@acme.test",
    "topic":"Interview: Dana Scully","type":2,"start_time":"2026-03-02T09:00:00Z","duration":45,"timezone":"Europe/Berlin",
    "start_url":"https://zoom.us/s/85746065432?zak=secret","join_url":"https://zoom.us/j/85746065432?pwd=abc",
    "password":"a@-_*9Z","settings":{"join_before_host":true,"jbh_time":5,"waiting_room":false,
    "global_dial_in_numbers":[{"country":"DE","country_name":"Germany","city":"Frankfurt","number":"+49 69 5050 0951",
    "type":"toll"},{"country":"US","country_name":"US","number":"+1 646 558 8656","type":"toll"}]}})"));
  Result<ZoomMeeting> meeting = f.zoom.CreateMeeting(Spec());
  REQUIRE(meeting);
  CHECK(meeting->id == "85746065432");
  REQUIRE(meeting->dial_in.size() == 2);  // each number with the meeting ID to key in
  CHECK(meeting->dial_in[0].number == "+49 69 5050 0951");
  CHECK(meeting->dial_in[0].region == "Germany, Frankfurt");
  CHECK(meeting->dial_in[0].access_code == "85746065432");
  CHECK(meeting->dial_in[1].region == "US");
  CHECK(meeting->join_url == "https://zoom.us/j/85746065432?pwd=abc");
  CHECK(meeting->host_email == "fox@acme.test");
  CHECK(meeting->password == "a@-_*9Z");
  CHECK(meeting->duration_minutes == 45);
  const json body = BodyOf(f.transport.requests()[0]);
  CHECK(body["type"] == 2);
  CHECK(body["start_time"] == "2026-03-02T09:00:00Z");
  CHECK(body["duration"] == 45);
  CHECK(body["timezone"] == "Europe/Berlin");
  CHECK(body["password"] == "a@-_*9Z");
  CHECK(body["settings"] == json{{"join_before_host", true}, {"jbh_time", 5}, {"waiting_room", false},
                                 {"alternative_hosts", "walter@acme.test;dana@acme.test"}});
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));

  ZoomMeetingSpec no_password = Spec();
  no_password.password.reset();
  f.transport.Expect("POST", std::string(kBase) + "/users/me/meetings", Response(201, R"({"id":"x"})"));
  CHECK(f.zoom.CreateMeeting(no_password).error().code == "provider_error");  // no join_url: not as documented
  CHECK_FALSE(BodyOf(f.transport.requests()[1]).contains("password"));
}

TEST_CASE("ZoomMeetings: update 204, delete idempotent on 3001, 401 code 124 refreshes the token") {
  Fixture f;
  f.transport.Expect("PATCH", std::string(kBase) + "/meetings/85746065432", Response(204));
  CHECK(f.zoom.UpdateMeeting("85746065432", Spec()).value());
  CHECK_FALSE(BodyOf(f.transport.requests()[0]).contains("type"));

  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/85746065432", Response(204));
  CHECK(f.zoom.DeleteMeeting("85746065432").value());
  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/85746065432",
                     Response(404, R"({"code":3001,"message":"Meeting does not exist: 85746065432."})"));
  CHECK(f.zoom.DeleteMeeting("85746065432").value());
  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/85746065432",
                     Response(404, R"({"code":1001,"message":"User does not exist: x."})"));
  CHECK(f.zoom.DeleteMeeting("85746065432").error().code == "provider_not_found");

  f.transport.Expect("GET", std::string(kBase) + "/users/me",
                     Response(401, R"({"code":124,"message":"Invalid access token, does not contain scopes:[user:read]."})"));
  f.transport.Expect("GET", std::string(kBase) + "/users/me", Response(200, kMe));
  CHECK(f.zoom.GetMe());
  CHECK(f.tokens.rejections == 1);
  CHECK(f.transport.unexpected() == 0);
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));
}

TEST_CASE("ZoomMeetings: a daily-limit 429 is reported at once, a QPS 429 is retried") {
  Fixture f;
  f.transport.Expect("POST", std::string(kBase) + "/users/me/meetings",
                     Response(429, R"({"code":429,"message":"You have reached the maximum daily rate limit for this API."})",
                              {{"X-RateLimit-Type", "Daily-limit"}, {"Retry-After", "Tue, 03 Mar 2026 00:00:00 GMT"}}));
  Result<ZoomMeeting> limited = f.zoom.CreateMeeting(Spec());
  REQUIRE_FALSE(limited);
  CHECK(limited.error().code == "rate_limited");
  CHECK(limited.error().field == "Daily-limit");
  CHECK(limited.error().message.find("Tue, 03 Mar 2026 00:00:00 GMT") != std::string::npos);
  CHECK(f.transport.count() == 1);
  CHECK(f.time.sleeps.empty());

  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/1",
                     Response(429, R"({"code":429,"message":"Too many requests"})", {{"X-RateLimit-Type", "QPS"}, {"Retry-After", "1"}}));
  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/1", Response(204));
  CHECK(f.zoom.DeleteMeeting("1").value());
  CHECK(f.time.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds{1000}});
}

TEST_CASE("ZoomMeetings: ListMeetings follows next_page_token with the same page_size and parses the agenda") {
  Fixture f;
  const std::string list_url = std::string(kBase) + "/users/me/meetings?type=upcoming&page_size=300";
  f.transport.Expect("GET", list_url, Response(200, R"({"page_size":300,"total_records":3,"next_page_token":"Tva2+x/y=",
    "meetings":[{"uuid":"aDYlohsHRtCd4ii1uC2+hA==","id":97763643886,"host_id":"KDcuGIm1QgePTO8WbOqwIQ",
      "topic":"Interview: Dana Scully","type":2,"start_time":"2026-03-02T09:00:00Z","duration":45,
      "timezone":"Europe/Berlin","agenda":"Ref: sw-12-10\nPanel","created_at":"2026-02-01T10:00:00Z",
      "join_url":"https://zoom.us/j/97763643886"},
     {"id":"97763643887","topic":"Interview: Fox Mulder","type":2,"start_time":"2026-03-02T11:00:00Z","duration":30,
      "agenda":"Ref: sw-12-1","join_url":"https://zoom.us/j/97763643887"}]})"));
  f.transport.Expect("GET", list_url, Response(200, R"({"page_size":300,"total_records":3,"next_page_token":"",
    "meetings":[{"id":97763643888,"topic":"Weekly sync","type":8,"start_time":"2026-03-03T08:00:00Z","duration":60}]})"));
  Result<std::vector<ZoomMeeting>> listed = f.zoom.ListMeetings("me");
  REQUIRE(listed);
  REQUIRE(listed->size() == 3);
  const std::vector<net::HttpRequest> requests = f.transport.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].url == list_url);
  // Same type and page_size on every page; the opaque token travels percent-encoded.
  CHECK(requests[1].url == list_url + "&next_page_token=Tva2%2Bx%2Fy%3D");
  CHECK(AllAuthorizedWithTimeout(requests));

  const ZoomMeeting& first = (*listed)[0];
  CHECK(first.id == "97763643886");
  CHECK(first.uuid == "aDYlohsHRtCd4ii1uC2+hA==");
  CHECK(first.host_id == "KDcuGIm1QgePTO8WbOqwIQ");
  CHECK(first.topic == "Interview: Dana Scully");
  CHECK(first.agenda == "Ref: sw-12-10\nPanel");
  CHECK(first.timezone == "Europe/Berlin");
  CHECK(first.start == ParseRfc3339("2026-03-02T09:00:00Z").value());
  CHECK(first.duration_minutes == 45);
  CHECK((*listed)[1].id == "97763643887");
  CHECK((*listed)[2].join_url.empty());  // list items may lack join_url; only the id is required

  // The marker matches whole: "Ref: sw-12-1" is not a prefix match of "Ref: sw-12-10".
  const std::vector<ZoomMeeting> found = FindMeetingsByMarker(*listed, "Ref: sw-12-1");
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "97763643887");
  CHECK(FindMeetingsByMarker(*listed, "Ref: sw-12-10").size() == 1);
  CHECK(FindMeetingsByMarker(*listed, "Ref: sw-12").empty());
  CHECK(FindMeetingsByMarker(*listed, "").empty());

  // Another host, a smaller page: the user id is encoded and page_size is sent as asked.
  f.transport.Expect("GET", std::string(kBase) + "/users/dana%40acme.test/meetings?type=upcoming&page_size=2",
                     Response(200, R"({"page_size":2,"total_records":0,"meetings":[]})"));
  Result<std::vector<ZoomMeeting>> none = f.zoom.ListMeetings("dana@acme.test", ZoomListOptions{2, 20});
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("ZoomMeetings: ListMeetings never returns a partial list and handles 401 like every call") {
  Fixture f;
  const std::string list_url = std::string(kBase) + "/users/me/meetings?type=upcoming";
  // Zoom keeps answering a next_page_token: after max_pages the listing fails instead of being truncated.
  f.transport.Respond("GET", list_url, [](const net::HttpRequest&) {
    return Result<net::HttpResponse>(Response(200, R"({"next_page_token":"more","meetings":[{"id":1}]})"));
  }, 3);
  Result<std::vector<ZoomMeeting>> endless = f.zoom.ListMeetings("me", ZoomListOptions{300, 3});
  REQUIRE_FALSE(endless);
  CHECK(endless.error().code == "provider_error");
  CHECK(endless.error().field == "too_many_pages");
  CHECK(f.transport.count() == 3);

  // Options out of range are refused before any call.
  for (const ZoomListOptions bad : {ZoomListOptions{0, 20}, ZoomListOptions{301, 20}, ZoomListOptions{30, 0}}) {
    Result<std::vector<ZoomMeeting>> refused = f.zoom.ListMeetings("me", bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "invalid_request");
  }
  CHECK(f.transport.count() == 3);

  // Bodies not as documented are clean errors (a missing id could hide the meeting recovery looks for).
  for (const char* body : {"not json", "[]", R"({"meetings":{}})", R"({"meetings":[{"topic":"no id"}]})",
                           R"({"meetings":[42]})"}) {
    CAPTURE(body);
    f.transport.Expect("GET", list_url, Response(200, body));
    CHECK(f.zoom.ListMeetings().error().code == "provider_error");
  }

  // 401 code 124: one token refresh, then the retried page succeeds.
  f.transport.Expect("GET", list_url, Response(401, R"({"code":124,"message":"Access token is expired."})"));
  f.transport.Expect("GET", list_url, Response(200, R"({"next_page_token":"","meetings":[{"id":5,"agenda":"Ref: sw-9-1"}]})"));
  Result<std::vector<ZoomMeeting>> refreshed = f.zoom.ListMeetings();
  REQUIRE(refreshed);
  CHECK(refreshed->size() == 1);
  CHECK(f.tokens.rejections == 1);
  // A 401 after the refresh is not retried again: "unauthorized". An unknown user: not_found with Zoom's code.
  f.transport.Expect("GET", list_url, Response(401, R"({"code":124,"message":"Invalid access token."})"));
  f.transport.Expect("GET", list_url, Response(401, R"({"code":124,"message":"Invalid access token."})"));
  CHECK(f.zoom.ListMeetings().error().code == "provider_unauthorized");
  CHECK(f.tokens.rejections == 2);
  f.transport.Expect("GET", std::string(kBase) + "/users/ghost/meetings",
                     Response(404, R"({"code":1001,"message":"User does not exist: ghost."})"));
  Result<std::vector<ZoomMeeting>> ghost = f.zoom.ListMeetings("ghost");
  CHECK(ghost.error().code == "provider_not_found");
  CHECK(ghost.error().field == "1001");
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("ZoomMeetings: BusyMeetings reads every page and keeps the meetings with a fixed time inside the window") {
  Fixture f;
  const std::string list_url = std::string(kBase) + "/users/me/meetings?type=upcoming&page_size=300";
  f.transport.Expect("GET", list_url, Response(200, R"({"page_size":300,"total_records":6,"next_page_token":"p2",
    "meetings":[
      {"id":1,"topic":"Board meeting","type":2,"start_time":"2026-03-02T09:00:00Z","duration":60},
      {"id":2,"topic":"Instant call","type":1,"start_time":"2026-03-02T10:00:00Z","duration":30},
      {"id":3,"topic":"Open room","type":3,"duration":60},
      {"id":4,"topic":"Interview: Dana","type":2,"start_time":"2026-03-02T12:00:00Z","duration":30,
       "agenda":"Ref: sw-iv_0a1b\nPanel"}]})"));
  f.transport.Expect("GET", list_url, Response(200, R"({"page_size":300,"total_records":6,"next_page_token":"",
    "meetings":[
      {"id":5,"topic":"Weekly sync","type":8,"start_time":"2026-03-02T07:30:00Z","duration":45},
      {"id":6,"topic":"Next month","type":2,"start_time":"2026-04-02T09:00:00Z","duration":60}]})"));
  const Interval window{ParseRfc3339("2026-03-02T00:00:00Z").value(), ParseRfc3339("2026-03-03T00:00:00Z").value()};
  Result<std::vector<BusyEvent>> busy = f.zoom.BusyMeetings(window, "Ref: sw-");
  REQUIRE(busy);
  const std::vector<net::HttpRequest> requests = f.transport.requests();
  REQUIRE(requests.size() == 2);  // the second page was read
  CHECK(requests[1].url == list_url + "&next_page_token=p2");
  REQUIRE(busy->size() == 2);  // sorted by start: the recurring occurrence first
  CHECK((*busy)[0].interval == Interval{ParseRfc3339("2026-03-02T07:30:00Z").value(),
                                        ParseRfc3339("2026-03-02T08:15:00Z").value()});
  CHECK((*busy)[0].summary == "Weekly sync");
  CHECK((*busy)[1].interval == Interval{ParseRfc3339("2026-03-02T09:00:00Z").value(),
                                        ParseRfc3339("2026-03-02T10:00:00Z").value()});
  CHECK((*busy)[1].status == BusyStatus::kBusy);
  CHECK_FALSE((*busy)[1].interview);

  // A failed page is an error, never an empty (free) answer.
  f.transport.Expect("GET", list_url, Response(200, R"({"next_page_token":"p2","meetings":[]})"));
  f.transport.Expect("GET", list_url, Response(400, R"({"code":300,"message":"Invalid next_page_token."})"));
  Result<std::vector<BusyEvent>> failed = f.zoom.BusyMeetings(window, "Ref: sw-");
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == "provider_rejected");
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("ZoomMeetingsAsBusy: types, unusable times, the window's edges and the skipped agenda") {
  auto meeting = [](std::int64_t type, const char* start, std::int64_t minutes, const char* agenda = "") {
    ZoomMeeting m;
    m.id = "1";
    m.type = type;
    m.start_time = start;
    m.start = ParseRfc3339(start).value_or(0);
    m.duration_minutes = minutes;
    m.agenda = agenda;
    return m;
  };
  const Interval window{ParseRfc3339("2026-03-02T09:00:00Z").value(), ParseRfc3339("2026-03-02T17:00:00Z").value()};
  const std::vector<ZoomMeeting> meetings = {
      meeting(2, "2026-03-02T08:00:00Z", 60),             // ends where the window begins: out
      meeting(2, "2026-03-02T08:30:00Z", 60),             // reaches into the window: in
      meeting(2, "2026-03-02T17:00:00Z", 30),             // begins where the window ends: out
      meeting(2, "2026-03-02T12:00:00Z", 0),              // no duration: out
      meeting(2, "not a time", 30),                       // unreadable start: out
      meeting(2, "", 30),                                 // no start: out
      meeting(1, "2026-03-02T10:00:00Z", 30),             // instant: out
      meeting(3, "2026-03-02T10:00:00Z", 30),             // recurring without a fixed time: out
      meeting(0, "2026-03-02T10:00:00Z", 30),             // no type: out
      meeting(8, "2026-03-02T11:00:00Z", 30),             // recurring with a fixed time: in
      meeting(2, "2026-03-02T13:00:00Z", 30, "Ref: sw-iv_1"),  // Slotwise's own: out when asked to skip
  };
  const std::vector<BusyEvent> busy = ZoomMeetingsAsBusy(meetings, window, "Ref: sw-");
  REQUIRE(busy.size() == 2);
  CHECK(busy[0].interval.start == ParseRfc3339("2026-03-02T08:30:00Z").value());
  CHECK(busy[1].interval.start == ParseRfc3339("2026-03-02T11:00:00Z").value());
  // Without a marker to skip, Slotwise's own meeting counts too.
  CHECK(ZoomMeetingsAsBusy(meetings, window, "").size() == 3);
}
