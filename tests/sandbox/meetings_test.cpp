// Zoom meetings (passcode policy, limits, errors) and GoTo meetings.
#include <doctest/doctest.h>

#include "sandbox_test_util.h"

using namespace slotwise::sandbox;
using namespace slotwise::sandbox::testing;

namespace {
json Body(const httplib::Result& res) { return json::parse(res->body); }
json Meeting() { return {{"topic", "Interview"}, {"type", 2}, {"start_time", "2030-03-04T10:00:00Z"}, {"duration", 60}}; }
}  // namespace

TEST_CASE("Sandbox: Zoom applies locked passcodes, ignores unlocked ones, always protects personal accounts") {
  LiveSandbox sandbox;
  // kumo-zoom-secure: passcode required AND locked -> generated even when none is sent; waiting room locked on.
  std::string secure = sandbox.Token("zoom", "lena.fischer@kumo.example");
  json with_jbh = Meeting();
  with_jbh["settings"] = {{"join_before_host", true}, {"waiting_room", false}};
  auto created = sandbox.PostJson("/zoom/v2/users/me/meetings", with_jbh, secure);
  REQUIRE(created->status == 201);
  json body = Body(created);
  CHECK(body["password"].get<std::string>().size() == 6);
  CHECK(body["settings"]["waiting_room"] == true);       // locked by the account
  CHECK(body["settings"]["join_before_host"] == true);   // reported as sent (no effect while waiting_room is on)
  CHECK(body["host_email"] == "lena.fischer@kumo.example");
  // kumo-zoom-open: passcode required but NOT locked -> not applied to API meetings.
  auto open = sandbox.PostJson("/zoom/v2/users/me/meetings", Meeting(), sandbox.Token("zoom", "ken.sato@kumo.example"));
  REQUIRE(open->status == 201);
  CHECK_FALSE(Body(open).contains("password"));
  // Personal account: always a passcode.
  auto personal = sandbox.PostJson("/zoom/v2/users/me/meetings", Meeting(), sandbox.Token("zoom", "emily.carter@kumo.example"));
  CHECK_FALSE(Body(personal)["password"].get<std::string>().empty());
  // A sent passcode is validated: > 10 characters or other characters -> 400 code 300.
  json bad = Meeting();
  bad["password"] = "abcdefghijk";
  auto rejected = sandbox.PostJson("/zoom/v2/users/me/meetings", bad, secure);
  CHECK(rejected->status == 400);
  CHECK(Body(rejected)["code"] == 300);
  CHECK(Body(rejected)["errors"][0]["field"] == "password");
  bad["password"] = "a b";
  CHECK(sandbox.PostJson("/zoom/v2/users/me/meetings", bad, secure)->status == 400);
  bad["password"] = "Ab1@-_*";
  auto accepted = sandbox.PostJson("/zoom/v2/users/me/meetings", bad, secure);
  CHECK(Body(accepted)["password"] == "Ab1@-_*");

  std::string id = std::to_string(body["id"].get<std::int64_t>());
  httplib::Headers auth{{"Authorization", "Bearer " + secure}};
  CHECK(sandbox.client().Patch(("/zoom/v2/meetings/" + id).c_str(), auth, R"({"topic":"Moved"})", "application/json")->status == 204);
  CHECK(Body(sandbox.Get("/zoom/v2/meetings/" + id, secure))["topic"] == "Moved");
  CHECK(sandbox.client().Delete(("/zoom/v2/meetings/" + id).c_str(), auth)->status == 204);
  auto missing = sandbox.Get("/zoom/v2/meetings/" + id, secure);
  CHECK(missing->status == 404);
  CHECK(Body(missing)["code"] == 3001);
}

TEST_CASE("Sandbox: Zoom refuses query-string tokens and caps create/update at 100 per host per day") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("zoom", "ken.sato@kumo.example");
  auto query = sandbox.client().Get(("/zoom/v2/users/me?access_token=" + token).c_str());
  CHECK(query->status == 401);
  CHECK(Body(query)["code"] == 124);
  auto me = sandbox.Get("/zoom/v2/users/me", token);
  REQUIRE(me->status == 200);
  CHECK(Body(me)["email"] == "ken.sato@kumo.example");
  CHECK(Body(me)["type"] == 2);
  auto locks = sandbox.Get("/zoom/v2/accounts/me/lock_settings", sandbox.Token("zoom", "lena.fischer@kumo.example"));
  CHECK(Body(locks)["meeting_security"]["waiting_room"] == true);
  for (int i = 0; i < 100; ++i) REQUIRE(sandbox.PostJson("/zoom/v2/users/me/meetings", Meeting(), token)->status == 201);
  auto limited = sandbox.PostJson("/zoom/v2/users/me/meetings", Meeting(), token);
  CHECK(limited->status == 429);
  CHECK(limited->get_header_value("X-RateLimit-Type") == "Daily-limit");
  // Another host of the same account is not affected.
  CHECK(sandbox.PostJson("/zoom/v2/users/me/meetings", Meeting(), sandbox.Token("zoom", "marcus.hill@kumo-labs.example"))->status == 201);
}

TEST_CASE("Sandbox: GoTo creates meetings as a one-element array and answers start URLs") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("goto", "priya.patel@kumo-labs.example");
  json meeting = {{"subject", "Interview"}, {"starttime", "2030-03-04T10:00:00Z"}, {"endtime", "2030-03-04T11:00:00Z"},
                  {"passwordrequired", false}, {"conferencecallinfo", "Hybrid"}, {"timezonekey", ""}, {"meetingtype", "scheduled"}};
  auto created = sandbox.PostJson("/goto/G2M/rest/meetings", meeting, token);
  REQUIRE(created->status == 201);
  json body = Body(created);
  REQUIRE(body.is_array());
  REQUIRE(body.size() == 1);
  for (const char* key : {"joinURL", "meetingid", "maxParticipants", "uniqueMeetingId", "conferenceCallInfo"})
    CHECK(body[0].contains(key));
  std::string id = std::to_string(body[0]["meetingid"].get<std::int64_t>());
  CHECK(body[0]["joinURL"] == "https://global.gotomeeting.com/join/" + id);
  auto start = sandbox.Get("/goto/G2M/rest/meetings/" + id + "/start", token);
  CHECK(Body(start)["hostURL"].get<std::string>().find(id) != std::string::npos);
  httplib::Headers auth{{"Authorization", "Bearer " + token}};
  CHECK(sandbox.client().Put(("/goto/G2M/rest/meetings/" + id).c_str(), auth, R"({"subject":"Moved"})", "application/json")->status == 204);
  CHECK(sandbox.client().Delete(("/goto/G2M/rest/meetings/" + id).c_str(), auth)->status == 204);
  meeting["subject"] = std::string(101, 'x');
  CHECK(sandbox.PostJson("/goto/G2M/rest/meetings", meeting, token)->status == 400);
  auto unauthorized = sandbox.PostJson("/goto/G2M/rest/meetings", meeting, "nope");
  CHECK(unauthorized->status == 401);
  CHECK(Body(unauthorized)["int_err_code"] == "InvalidToken");
}
