// Tests for backend/booking/interview_artifacts: the one reader of what the outbox recorded as created.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "booking/interview_artifacts.h"

using namespace slotwise;
using nlohmann::json;

TEST_CASE("Interview artifacts: the separate meeting's details first, else the calendar event's conference") {
  const json zoom = R"({"meeting": {"id": "m1", "join_url": "https://zoom.example/j/1", "passcode": "482913",
                        "dial_in": [{"number": "+1 646 558 8656", "region": "US", "access_code": "1"}]},
                        "event": {"id": "e1", "join_url": ""}})"_json;
  const ConferenceDetails details = ConferenceOf(zoom);
  CHECK(details.join_url == "https://zoom.example/j/1");
  CHECK(details.passcode == "482913");
  CHECK(details.meeting_id == "m1");
  REQUIRE(details.dial_in.size() == 1);
  CHECK(details.dial_in[0].number == "+1 646 558 8656");
  CHECK(HasMeetingArtifact(zoom));

  const json meet = R"({"event": {"id": "e2", "join_url": "https://meet.google.com/abc-defg-hij",
                        "dial_in": [{"number": "+49 30 1234", "region": "DE", "access_code": "123 456 789#"}]}})"_json;
  CHECK_FALSE(HasMeetingArtifact(meet));
  CHECK(ConferenceOf(meet).join_url == "https://meet.google.com/abc-defg-hij");
  CHECK(ConferenceOf(meet).dial_in.size() == 1);
  CHECK(MeetingDetails(meet).join_url.empty());  // the event's text carries only a separate meeting
  CHECK(ConferenceOf(meet).passcode.empty());

  // Nothing made yet, or malformed members: empty, never a throw.
  for (const char* text : {"{}", "null", "[]", R"({"meeting": "x", "event": 3})", R"({"meeting": {"join_url": 7}})"}) {
    CAPTURE(text);
    const ConferenceDetails empty = ConferenceOf(json::parse(text));
    CHECK(empty.join_url.empty());
    CHECK(empty.dial_in.empty());
  }
}
