// Zoom meetings (passcode policy, limits, errors, the host's meeting list) and GoTo meetings (incl. upcoming).
#include <doctest/doctest.h>

#include <vector>

#include "sandbox_test_util.h"
#include "slotwise/time.h"

using namespace slotwise::sandbox;
using namespace slotwise::sandbox::testing;

namespace {
json Body(const httplib::Result& res) { return json::parse(res->body); }
json Meeting() { return {{"topic", "Interview"}, {"type", 2}, {"start_time", "2030-03-04T10:00:00Z"}, {"duration", 60}}; }

// A scheduled Zoom meeting starting at `start` carrying `agenda`; answers the created resource.
json CreateZoom(LiveSandbox& sandbox, const std::string& token, std::int64_t start, const std::string& agenda,
                std::int64_t minutes = 60) {
  json meeting = {{"topic", "Interview"}, {"type", 2}, {"start_time", slotwise::FormatRfc3339(start)},
                  {"duration", minutes}, {"agenda", agenda}};
  auto created = sandbox.PostJson("/zoom/v2/users/me/meetings", meeting, token);
  REQUIRE(created->status == 201);
  return Body(created);
}

std::string IdOf(const json& meeting) { return std::to_string(meeting.at("id").get<std::int64_t>()); }

// The `agenda` of every listed meeting, in list order.
std::vector<std::string> Agendas(const json& list) {
  std::vector<std::string> agendas;
  for (const json& meeting : list.at("meetings")) agendas.push_back(meeting.value("agenda", ""));
  return agendas;
}

// A scheduled GoTo meeting [start, end) with `subject`; answers its meetingid as text.
std::string CreateGoTo(LiveSandbox& sandbox, const std::string& token, std::int64_t start, std::int64_t end,
                       const std::string& subject) {
  json meeting = {{"subject", subject}, {"starttime", slotwise::FormatRfc3339(start)},
                  {"endtime", slotwise::FormatRfc3339(end)}, {"passwordrequired", false},
                  {"conferencecallinfo", "VoIP"}, {"timezonekey", ""}, {"meetingtype", "scheduled"}};
  auto created = sandbox.PostJson("/goto/G2M/rest/meetings", meeting, token);
  REQUIRE(created->status == 201);
  return std::to_string(Body(created)[0]["meetingid"].get<std::int64_t>());
}
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

TEST_CASE("Sandbox: Zoom lists a host's upcoming meetings without deleted, past or other hosts' meetings") {
  LiveSandbox sandbox;
  const std::string lena = sandbox.Token("zoom", "lena.fischer@kumo.example");
  const std::string jonas = sandbox.Token("zoom", "jonas.becker@kumo.example");  // same Zoom account as Lena
  const std::string ken = sandbox.Token("zoom", "ken.sato@kumo.example");        // another account
  const std::int64_t now = sandbox.sandbox().Now();
  const std::int64_t tomorrow = (now / 3600 + 24) * 3600;
  std::vector<json> created;
  for (int i = 1; i <= 3; ++i) created.push_back(CreateZoom(sandbox, lena, tomorrow + i * 3600, "Ref: sw-7-" + std::to_string(i)));
  httplib::Headers auth{{"Authorization", "Bearer " + lena}};
  REQUIRE(sandbox.client().Delete(("/zoom/v2/meetings/" + IdOf(created[1])).c_str(), auth)->status == 204);
  CreateZoom(sandbox, lena, now - 2 * 86400, "Ref: sw-6-1");    // ended two days ago
  CreateZoom(sandbox, jonas, tomorrow, "Ref: sw-7-jonas");
  CreateZoom(sandbox, ken, tomorrow, "Ref: sw-7-ken");

  auto listed = sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming&page_size=300", lena);
  REQUIRE(listed->status == 200);
  json list = Body(listed);
  CHECK(Agendas(list) == std::vector<std::string>{"Ref: sw-7-1", "Ref: sw-7-3"});
  CHECK(list["total_records"] == 2);
  CHECK(list["page_size"] == 300);
  CHECK(list["next_page_token"] == "");
  const json& first = list["meetings"][0];
  CHECK(first["id"] == created[0]["id"]);
  for (const char* key : {"uuid", "host_id", "topic", "type", "start_time", "duration", "timezone", "created_at", "join_url"})
    CHECK_MESSAGE(first.contains(key), key);
  CHECK_FALSE(first.contains("start_url"));  // the list never carries the host's start URL
  CHECK(first["start_time"] == slotwise::FormatRfc3339(tomorrow + 3600));

  // A meeting in progress is still upcoming (it has not ended); without `type` Zoom lists only live meetings.
  CreateZoom(sandbox, lena, now - 600, "Ref: sw-7-live");
  CHECK(Agendas(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming", lena))) ==
        std::vector<std::string>{"Ref: sw-7-live", "Ref: sw-7-1", "Ref: sw-7-3"});
  CHECK(Agendas(Body(sandbox.Get("/zoom/v2/users/me/meetings", lena))) == std::vector<std::string>{"Ref: sw-7-live"});
  CHECK(Agendas(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=previous_meetings", lena))) ==
        std::vector<std::string>{"Ref: sw-6-1"});
  CHECK(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=scheduled", lena))["total_records"] == 4);
  CHECK(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=everything", lena))["errors"][0]["field"] == "type");

  // Each host sees only their own meetings; a user of the same account by email lists that user's meetings; a user
  // of another account does not exist for the caller.
  CHECK(Agendas(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming", jonas))) ==
        std::vector<std::string>{"Ref: sw-7-jonas"});
  CHECK(Agendas(Body(sandbox.Get("/zoom/v2/users/jonas.becker%40kumo.example/meetings?type=upcoming", lena))) ==
        std::vector<std::string>{"Ref: sw-7-jonas"});
  auto foreign = sandbox.Get("/zoom/v2/users/lena.fischer%40kumo.example/meetings?type=upcoming", ken);
  CHECK(foreign->status == 404);
  CHECK(Body(foreign)["code"] == 1001);

  // 401 exactly as on the other Zoom routes.
  for (const std::string& bad : {std::string(), std::string("nope")}) {
    auto refused = sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming", bad);
    CHECK(refused->status == 401);
    CHECK(Body(refused)["code"] == 124);
  }
  auto query_token = sandbox.client().Get(("/zoom/v2/users/me/meetings?type=upcoming&access_token=" + lena).c_str());
  CHECK(query_token->status == 401);
  CHECK(Body(query_token)["code"] == 124);
}

TEST_CASE("Sandbox: Zoom meeting lists page with next_page_token; page_size and tokens are validated") {
  LiveSandbox sandbox;
  const std::string marcus = sandbox.Token("zoom", "marcus.hill@kumo-labs.example");
  const std::int64_t tomorrow = (sandbox.sandbox().Now() / 3600 + 24) * 3600;
  for (int i : {3, 0, 4, 1, 2}) CreateZoom(sandbox, marcus, tomorrow + i * 3600, "Ref: sw-9-" + std::to_string(i));

  std::vector<std::string> agendas;
  std::vector<std::size_t> page_sizes;
  std::string token;
  std::string first_token;
  for (int page = 0; page < 5; ++page) {
    std::string path = "/zoom/v2/users/me/meetings?type=upcoming&page_size=2";
    if (!token.empty()) path += "&next_page_token=" + Encode(token);
    auto answer = sandbox.Get(path, marcus);
    REQUIRE(answer->status == 200);
    json list = Body(answer);
    CHECK(list["total_records"] == 5);
    CHECK(list["page_size"] == 2);
    for (const std::string& agenda : Agendas(list)) agendas.push_back(agenda);
    page_sizes.push_back(list["meetings"].size());
    token = list["next_page_token"].get<std::string>();
    if (first_token.empty()) first_token = token;
    if (token.empty()) break;
  }
  CHECK(page_sizes == std::vector<std::size_t>{2, 2, 1});
  CHECK(agendas == std::vector<std::string>{"Ref: sw-9-0", "Ref: sw-9-1", "Ref: sw-9-2", "Ref: sw-9-3", "Ref: sw-9-4"});

  for (const char* bad : {"0", "301", "abc", "-1", ""}) {
    CAPTURE(bad);
    auto refused = sandbox.Get(std::string("/zoom/v2/users/me/meetings?type=upcoming&page_size=") + bad, marcus);
    CHECK(refused->status == 400);
    CHECK(Body(refused)["code"] == 300);
    CHECK(Body(refused)["errors"][0]["field"] == "page_size");
  }
  CHECK(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming&page_size=300", marcus)->status == 200);
  CHECK(Body(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming", marcus))["page_size"] == 30);  // Zoom's default

  auto garbage = sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming&next_page_token=garbage", marcus);
  CHECK(garbage->status == 400);
  CHECK(Body(garbage)["errors"][0]["field"] == "next_page_token");
  // Zoom's tokens expire after 15 minutes.
  CHECK(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming&page_size=2&next_page_token=" + Encode(first_token),
                    marcus)->status == 200);
  sandbox.sandbox().AdvanceClock(16 * 60);
  CHECK(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming&page_size=2&next_page_token=" + Encode(first_token),
                    marcus)->status == 400);
}

TEST_CASE("Sandbox: GoTo lists the organizer's own upcoming meetings") {
  LiveSandbox sandbox;
  const std::string priya = sandbox.Token("goto", "priya.patel@kumo-labs.example");
  const std::string sanne = sandbox.Token("goto", "sanne.devries@kumo-labs.example");
  const std::int64_t now = sandbox.sandbox().Now();
  const std::int64_t tomorrow = (now / 3600 + 24) * 3600;
  std::vector<std::string> ids;
  for (int i = 1; i <= 3; ++i) {
    ids.push_back(CreateGoTo(sandbox, priya, tomorrow + i * 3600, tomorrow + i * 3600 + 1800,
                             "Interview Ref: sw-8-" + std::to_string(i)));
  }
  httplib::Headers auth{{"Authorization", "Bearer " + priya}};
  REQUIRE(sandbox.client().Delete(("/goto/G2M/rest/meetings/" + ids[1]).c_str(), auth)->status == 204);
  CreateGoTo(sandbox, priya, now - 2 * 86400, now - 2 * 86400 + 3600, "Interview Ref: sw-5-1");  // ended
  CreateGoTo(sandbox, sanne, tomorrow, tomorrow + 3600, "Interview Ref: sw-8-sanne");

  auto upcoming = sandbox.Get("/goto/G2M/rest/upcomingMeetings", priya);
  REQUIRE(upcoming->status == 200);
  json list = Body(upcoming);
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 2);
  CHECK(list[0]["subject"] == "Interview Ref: sw-8-1");
  CHECK(list[1]["subject"] == "Interview Ref: sw-8-3");
  CHECK(list[0]["meetingId"] == ids[0]);  // a string in the swagger's UpcomingMeeting
  CHECK(list[0]["startTime"] == slotwise::FormatRfc3339(tomorrow + 3600));
  CHECK(list[0]["endTime"] == slotwise::FormatRfc3339(tomorrow + 3600 + 1800));
  CHECK(list[0]["email"] == "priya.patel@kumo-labs.example");
  for (const char* key : {"conferenceCallInfo", "meetingType", "passwordRequired", "status", "organizerKey",
                          "firstName", "lastName", "accountKey", "locale"})
    CHECK_MESSAGE(list[0].contains(key), key);
  CHECK_FALSE(list[0].contains("joinURL"));

  // A running meeting has not ended: still upcoming, first by start time.
  CreateGoTo(sandbox, priya, now - 600, now + 1800, "Interview Ref: sw-8-live");
  CHECK(Body(sandbox.Get("/goto/G2M/rest/upcomingMeetings", priya))[0]["subject"] == "Interview Ref: sw-8-live");
  json theirs = Body(sandbox.Get("/goto/G2M/rest/upcomingMeetings", sanne));
  REQUIRE(theirs.size() == 1);
  CHECK(theirs[0]["subject"] == "Interview Ref: sw-8-sanne");

  auto refused = sandbox.Get("/goto/G2M/rest/upcomingMeetings", "nope");
  CHECK(refused->status == 401);
  CHECK(Body(refused)["int_err_code"] == "InvalidToken");
}

TEST_CASE("Sandbox: a seeded Zoom meeting is listed like one made through the API; the demo gives Ken one") {
  LiveSandbox sandbox;
  // The demo organisation: Ken's client meeting on Thursday 11:00 Tokyo, in this week and the next.
  const json ken = Body(sandbox.Get("/zoom/v2/users/me/meetings?type=scheduled", sandbox.Token("zoom", "ken.sato@kumo.example")));
  REQUIRE(ken.at("meetings").size() == 2);
  for (const json& meeting : ken.at("meetings")) {
    CHECK(meeting.at("topic") == "取引先との打ち合わせ");
    CHECK(meeting.at("type") == 2);
    CHECK(meeting.at("duration") == 60);
    CHECK(meeting.at("start_time").get<std::string>().substr(11) == "02:00:00Z");  // 11:00 in Tokyo
  }

  const json seed = {{"zoom_meetings", {{{"host", "marcus.hill@kumo-labs.example"}, {"start_time", "2030-03-04T10:00:00Z"},
                                         {"duration", 45}, {"topic", "Budget"}, {"agenda", "made in Zoom"}}}}};
  REQUIRE(sandbox.PostJson("/sandbox/seed", seed)->status == 200);
  const std::string marcus = sandbox.Token("zoom", "marcus.hill@kumo-labs.example");
  const json listed = Body(sandbox.Get("/zoom/v2/users/me/meetings?type=upcoming", marcus));
  REQUIRE(listed.at("meetings").size() == 1);
  const json& meeting = listed["meetings"][0];
  CHECK(meeting.at("start_time") == "2030-03-04T10:00:00Z");
  CHECK(meeting.at("duration") == 45);
  CHECK(meeting.at("agenda") == "made in Zoom");
  CHECK(meeting.at("type") == 2);
  // Read through GET /meetings/{id} like any other; not one of the objects a test made.
  CHECK(sandbox.Get("/zoom/v2/meetings/" + IdOf(meeting), marcus)->status == 200);
  CHECK(Body(sandbox.Get("/sandbox/objects")).dump().find("Budget") == std::string::npos);

  for (const json& bad : {json{{"host", "nobody@kumo.example"}, {"start_time", "2030-03-04T10:00:00Z"}},
                          json{{"host", "marcus.hill@kumo-labs.example"}, {"start_time", "soon"}},
                          json{{"host", "marcus.hill@kumo-labs.example"}, {"start_time", "2030-03-04T10:00:00Z"}, {"duration", 0}}}) {
    CAPTURE(bad.dump());
    CHECK(sandbox.PostJson("/sandbox/seed", {{"zoom_meetings", {bad}}})->status == 400);
  }
}
