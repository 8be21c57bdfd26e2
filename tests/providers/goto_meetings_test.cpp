// Tests for backend/providers/goto_meetings against a scripted transport speaking GoToMeeting REST.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "goto_meetings.h"
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
