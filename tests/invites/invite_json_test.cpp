// Tests for backend/invites/invite_json: the JSON form of the candidate's invitation.
#include <doctest/doctest.h>

#include "invites/invite_json.h"
#include "zones.h"

using namespace slotwise;
using namespace slotwise::invites;
using slotwise::invites::testing::At;

namespace {

constexpr const char* kFull = R"({
  "uid": "iv-7@slotwise.test", "sequence": 3, "method": "CANCEL",
  "summary": "Interview", "description": "See you", "location": "Room 1", "join_url": "https://meet.example/x",
  "start": "2026-12-01T09:15:00Z", "end": "2026-12-01T10:15:00Z", "dtstamp": "2026-11-20T08:00:00Z",
  "organizer": {"name": "Lena Fischer", "email": "lena@kumo.example"},
  "candidate": {"name": "Ken Sato", "email": "ken@mail.example", "time_zone": "Asia/Tokyo"}
})";

}  // namespace

TEST_CASE("InviteJson: every member is read") {
  const Result<InviteRequest> request = ParseInviteRequest(kFull);
  REQUIRE(request.ok());
  const CandidateInvite& invite = request->invite;
  CHECK(invite.uid == "iv-7@slotwise.test");
  CHECK(invite.sequence == 3);
  CHECK(invite.method == InviteMethod::kCancel);
  CHECK(invite.summary == "Interview");
  CHECK(invite.description == "See you");
  CHECK(invite.location == "Room 1");
  CHECK(invite.join_url == "https://meet.example/x");
  CHECK(invite.start == At("2026-12-01T09:15:00Z"));
  CHECK(invite.end == At("2026-12-01T10:15:00Z"));
  CHECK(invite.dtstamp == At("2026-11-20T08:00:00Z"));
  CHECK(request->dtstamp == At("2026-11-20T08:00:00Z"));
  CHECK(invite.organizer.name == "Lena Fischer");
  CHECK(invite.organizer.email == "lena@kumo.example");
  CHECK(invite.candidate.name == "Ken Sato");
  CHECK(invite.candidate.email == "ken@mail.example");
  CHECK(request->time_zone == "Asia/Tokyo");
}

TEST_CASE("InviteJson: optional members have defaults") {
  const Result<InviteRequest> request = ParseInviteRequest(R"({"uid": "u", "start": "2026-12-01T09:15:00Z",
    "end": "2026-12-01T10:15:00+01:00", "organizer": {"email": "o@x.example"},
    "candidate": {"email": "c@x.example"}})");
  REQUIRE(request.ok());
  CHECK(request->invite.sequence == 0);
  CHECK(request->invite.method == InviteMethod::kRequest);
  CHECK(request->invite.end == At("2026-12-01T09:15:00Z"));  // an offset is allowed: it is still one instant
  CHECK_FALSE(request->dtstamp.has_value());
  CHECK(request->time_zone == "UTC");
}

TEST_CASE("InviteJson: bad input is an error naming the member") {
  struct Case {
    const char* json;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"{not json", "invalid_json", ""},
      {"[1]", "invalid_invite", ""},
      {R"({"start": "2026-12-01T09:15:00Z"})", "invalid_invite", "uid"},
      {R"({"uid": 5})", "invalid_invite", "uid"},
      {R"({"uid": "u", "join_ur": "x"})", "invalid_invite", "join_ur"},
      {R"({"uid": "u", "sequence": -1})", "invalid_invite", "sequence"},
      {R"({"uid": "u", "sequence": 1.5})", "invalid_invite", "sequence"},
      {R"({"uid": "u", "method": "PUBLISH"})", "invalid_invite", "method"},
      {R"({"uid": "u", "start": "tomorrow"})", "invalid_invite", "start"},
      {R"({"uid": "u", "start": "2026-12-01T09:15:00Z"})", "invalid_invite", "end"},
      {R"({"uid": "u", "start": "2026-12-01T09:15:00Z", "end": "2026-12-01T10:15:00Z"})", "invalid_invite",
       "organizer"},
      {R"({"uid": "u", "start": "2026-12-01T09:15:00Z", "end": "2026-12-01T10:15:00Z", "organizer": {"name": "x"}})",
       "invalid_invite", "organizer.email"},
      {R"({"uid": "u", "start": "2026-12-01T09:15:00Z", "end": "2026-12-01T10:15:00Z",
           "organizer": {"email": "o@x"}, "candidate": {"email": "c@x", "tz": "UTC"}})",
       "invalid_invite", "candidate.tz"},
      {R"({"uid": "u", "start": "2026-12-01T09:15:00Z", "end": "2026-12-01T10:15:00Z",
           "organizer": {"email": "o@x"}, "candidate": {"email": "c@x", "time_zone": 1}})",
       "invalid_invite", "candidate.time_zone"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    const Result<InviteRequest> request = ParseInviteRequest(c.json);
    REQUIRE_FALSE(request.ok());
    CHECK(request.error().code == c.code);
    CHECK(request.error().field == c.field);
  }
}
