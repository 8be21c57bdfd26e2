// Tests for backend/providers/goto_meetings against a scripted transport speaking GoToMeeting REST.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "providers/goto_meetings.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "http://127.0.0.1:7004/goto/G2M/rest";

struct Fixture {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  GoToMeetings go_to{transport, tokens, kBase, RetryPolicy{}, time.Hooks()};
};

GoToMeetingSpec Spec() {
  GoToMeetingSpec spec;
  spec.subject = "Interview";
  spec.start = ParseRfc3339("2026-03-02T09:00:00Z").value();
  spec.end = ParseRfc3339("2026-03-02T10:00:00Z").value();
  spec.password_required = false;
  spec.conference_call_info = "Hybrid";
  return spec;
}

}  // namespace

TEST_CASE("GoToMeetings: create parses the 201 array with its odd casing") {
  Fixture f;
  f.transport.Expect("POST", std::string(kBase) + "/meetings", Response(201, R"([{"joinURL":"https://global.gotomeeting.com/join/123456789",
    "meetingid":123456789,"maxParticipants":250,"uniqueMeetingId":987654321,"conferenceCallInfo":"Hybrid"}])"));
  Result<GoToMeeting> meeting = f.go_to.CreateMeeting(Spec());
  REQUIRE(meeting);
  CHECK(meeting->meeting_id == "123456789");
  CHECK(meeting->join_url == "https://global.gotomeeting.com/join/123456789");
  CHECK(meeting->unique_meeting_id == "987654321");
  CHECK(meeting->max_participants == 250);
  CHECK(meeting->conference_call_info == "Hybrid");
  const json body = BodyOf(f.transport.requests()[0]);
  CHECK(body == json{{"subject", "Interview"}, {"starttime", "2026-03-02T09:00:00Z"}, {"endtime", "2026-03-02T10:00:00Z"},
                     {"passwordrequired", false}, {"conferencecallinfo", "Hybrid"}, {"timezonekey", ""},
                     {"meetingtype", "scheduled"}});
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));
}

TEST_CASE("GoToMeetings: malformed create bodies are clean errors") {
  for (const char* body : {"", "not json", "{}", R"({"joinURL":"x","meetingid":1})", "[]", "[42]",
                           R"([{"joinUrl":"https://x","meetingId":1}])", R"([{"joinURL":"https://x"}])"}) {
    CAPTURE(body);
    Fixture f;
    f.transport.Expect("POST", std::string(kBase) + "/meetings", Response(201, body));
    Result<GoToMeeting> meeting = f.go_to.CreateMeeting(Spec());
    REQUIRE_FALSE(meeting);
    CHECK(meeting.error().code == "provider_error");
  }
}

TEST_CASE("GoToMeetings: update, idempotent delete, host URL and validation") {
  Fixture f;
  f.transport.Expect("PUT", std::string(kBase) + "/meetings/123456789", Response(204));
  CHECK(f.go_to.UpdateMeeting("123456789", Spec()).value());
  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/123456789", Response(204));
  f.transport.Expect("DELETE", std::string(kBase) + "/meetings/123456789", Response(404, R"({"error":"not found"})"));
  CHECK(f.go_to.DeleteMeeting("123456789").value());
  CHECK(f.go_to.DeleteMeeting("123456789").value());
  f.transport.Expect("GET", std::string(kBase) + "/meetings/123456789/start",
                     Response(200, R"({"hostURL":"https://global.gotomeeting.com/start/abc"})"));
  CHECK(f.go_to.HostUrl("123456789").value() == "https://global.gotomeeting.com/start/abc");
  f.transport.Expect("GET", std::string(kBase) + "/meetings/123456789/start", Response(200, R"({"other":1})"));
  CHECK(f.go_to.HostUrl("123456789").error().code == "provider_error");
  f.transport.Expect("PUT", std::string(kBase) + "/meetings/1", Response(409, R"({"error":"conflict","error_description":"in session"})"));
  CHECK(f.go_to.UpdateMeeting("1", Spec()).error().code == "conflict");
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));

  const std::size_t before = f.transport.count();
  GoToMeetingSpec bad = Spec();
  bad.conference_call_info = "Carrier pigeon";
  CHECK(f.go_to.CreateMeeting(bad).error().code == "invalid_request");
  bad = Spec();
  bad.subject = std::string(101, 's');
  CHECK(f.go_to.CreateMeeting(bad).error().field == "subject");
  bad = Spec();
  bad.end = bad.start;
  CHECK(f.go_to.CreateMeeting(bad).error().code == "invalid_request");
  CHECK(f.transport.count() == before);
}

TEST_CASE("GoToMeetings: upcoming meetings parse the swagger's UpcomingMeeting array and find the marker") {
  Fixture f;
  const std::string url = std::string(kBase) + "/upcomingMeetings";
  f.transport.Expect("GET", url, Response(200, R"([
    {"meetingId":"123456789","subject":"Interview Ref: sw-12-10","startTime":"2026-03-02T09:00:00.000+00:00",
     "endTime":"2026-03-02T10:00:00.000+00:00","conferenceCallInfo":"Hybrid","meetingType":"scheduled",
     "passwordRequired":false,"status":"INACTIVE","organizerKey":"300000000000456789","email":"priya@acme.test",
     "firstName":"Priya","lastName":"Patel","accountKey":"200000000000123456","locale":"en_US"},
    {"meetingId":987654321,"subject":"Interview Ref: sw-12-1","startTime":"2026-03-03T14:00:00.+0000",
     "endTime":"2026-03-03T15:00:00Z","status":"ACTIVE"}])"));
  Result<std::vector<GoToMeeting>> upcoming = f.go_to.UpcomingMeetings();
  REQUIRE(upcoming);
  REQUIRE(upcoming->size() == 2);
  const GoToMeeting& first = (*upcoming)[0];
  CHECK(first.meeting_id == "123456789");
  CHECK(first.subject == "Interview Ref: sw-12-10");
  CHECK(first.start == ParseRfc3339("2026-03-02T09:00:00Z").value());
  CHECK(first.end == ParseRfc3339("2026-03-02T10:00:00Z").value());
  CHECK(first.conference_call_info == "Hybrid");
  CHECK(first.join_url.empty());  // the list carries no joinURL
  const GoToMeeting& second = (*upcoming)[1];
  CHECK(second.meeting_id == "987654321");  // a number is accepted too
  CHECK(second.start == ParseRfc3339("2026-03-03T14:00:00Z").value());
  CHECK(second.end == ParseRfc3339("2026-03-03T15:00:00Z").value());
  CHECK(AllAuthorizedWithTimeout(f.transport.requests()));
  CHECK(f.transport.requests()[0].body.empty());

  const std::vector<GoToMeeting> found = FindGoToMeetingsByMarker(*upcoming, "Ref: sw-12-1");
  REQUIRE(found.size() == 1);
  CHECK(found[0].meeting_id == "987654321");
  CHECK(FindGoToMeetingsByMarker(*upcoming, "Ref: sw-12-10").size() == 1);
  CHECK(FindGoToMeetingsByMarker(*upcoming, "Ref: sw-13").empty());
  CHECK(FindGoToMeetingsByMarker(*upcoming, "").empty());

  // No upcoming meetings: an empty array (or an empty body) is an empty list, not an error.
  f.transport.Expect("GET", url, Response(200, "[]"));
  CHECK(f.go_to.UpcomingMeetings().value().empty());
  f.transport.Expect("GET", url, Response(204));
  CHECK(f.go_to.UpcomingMeetings().value().empty());
  CHECK(f.transport.unexpected() == 0);
}

TEST_CASE("GoToMeetings: malformed upcoming lists are clean errors and a 401 refreshes the token once") {
  for (const char* body : {"not json", "{}", R"({"meetingId":"1"})", "[42]", R"([{"subject":"no id"}])",
                           R"([{"meetingid":1,"subject":"create casing is not the list's"}])"}) {
    CAPTURE(body);
    Fixture f;
    f.transport.Expect("GET", std::string(kBase) + "/upcomingMeetings", Response(200, body));
    Result<std::vector<GoToMeeting>> upcoming = f.go_to.UpcomingMeetings();
    REQUIRE_FALSE(upcoming);
    CHECK(upcoming.error().code == "provider_error");
  }
  Fixture f;
  const std::string url = std::string(kBase) + "/upcomingMeetings";
  f.transport.Expect("GET", url, Response(401, R"({"int_err_code":"InvalidToken","msg":"Invalid token passed"})"));
  f.transport.Expect("GET", url, Response(200, R"([{"meetingId":"5","subject":"Ref: sw-1-1"}])"));
  Result<std::vector<GoToMeeting>> refreshed = f.go_to.UpcomingMeetings();
  REQUIRE(refreshed);
  CHECK(refreshed->size() == 1);
  CHECK(refreshed->front().start == 0);  // no startTime: 0, not an error
  CHECK(f.tokens.rejections == 1);
  f.transport.Expect("GET", url, Response(401, R"({"int_err_code":"InvalidToken","msg":"Invalid token passed"})"));
  f.transport.Expect("GET", url, Response(401, R"({"int_err_code":"InvalidToken","msg":"Invalid token passed"})"));
  CHECK(f.go_to.UpcomingMeetings().error().code == "provider_unauthorized");
  CHECK(f.tokens.rejections == 2);
  f.transport.Expect("GET", url, Response(403, R"({"int_err_code":"Forbidden","msg":"Not a G2M organizer"})"));
  CHECK(f.go_to.UpcomingMeetings().error().code == "provider_forbidden");
  CHECK(f.transport.unexpected() == 0);
}
