// Scenarios for shared/host_rules (docs/PRODUCT.md S8), each taken from the situations of article 002 (HRMOS × Zoom
// help article) and run through the "solve" engine operation. Cast: rita is a recruiter (採用担当者) who linked the Zoom
// account "zoom:rita"; ivan is an interviewer (面接官); the candidate is external unless a scenario says otherwise. The
// day: 2026-12-01, slots of 60 minutes on a 60-minute grid at 09:00, 10:00 and 11:00 UTC.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/engine_api.h"
#include "slotwise/host_rules.h"

using namespace slotwise;
using nlohmann::json;

namespace {

ZoneSource& Zones() {
  static InMemoryZoneSource zones;
  return zones;
}

// ivan interviews; rita's Zoom account hosts; `account` and `query` are merged over the defaults.
json Document(const json& account, const json& query = json::object(), const json& calendars = json::object()) {
  json document = R"({
    "now": "2026-11-30T12:00:00Z",
    "query": {
      "participants": [{"members": [{"sub": "ivan"}], "required": "all"}],
      "required_duration": {"minutes": 60},
      "start_interval": {"minutes": 60},
      "query_periods": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T12:00:00Z"}],
      "conferencing": {"provider": "zoom", "host": "zoom:rita"}
    },
    "calendars": {
      "ivan": {},
      "rita": {"busy": [{"start": "2026-12-01T09:00:00Z", "end": "2026-12-01T10:00:00Z"},
                        {"start": "2026-12-01T11:00:00Z", "end": "2026-12-01T12:00:00Z"}]},
      "zoom:rita": {"conferencing_account": {"provider": "zoom", "owner": "rita"}}
    }
  })"_json;
  document["calendars"]["zoom:rita"]["conferencing_account"].merge_patch(account);
  document["query"].merge_patch(query);
  document["calendars"].merge_patch(calendars);
  return document;
}

json Solve(const json& document) {
  EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
  REQUIRE_MESSAGE(answer.status == EngineStatus::kOk, answer.body);
  return json::parse(answer.body);
}

// "HH:MM" of every available slot's start.
std::vector<std::string> Starts(const json& answer) {
  std::vector<std::string> starts;
  for (const json& slot : answer["available_slots"]) starts.push_back(slot["start"].get<std::string>().substr(11, 5));
  return starts;
}

const json kInterviewerAndOwner = R"({"participants": [{"members": [{"sub": "ivan"}, {"sub": "rita"}], "required": 1}]})"_json;

}  // namespace

// ---------------------------------------------------------------------------------------------------------------------
// ホストより先に参加することを許可しない: the host's owner must be there, or nobody can enter.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("HostRules: a colleague's Zoom with join-before-host off and its owner absent is refused") {
  // The recruiter schedules with rita's account but rita does not attend: 面接参加者が誰も入室できない.
  const json answer = Solve(Document(json::object(), {{"explain", true}}));
  CHECK(answer["available_slots"].empty());
  // .at() throws (a reported failure) where operator[] on a const json would be undefined behaviour.
  const json& reasons = answer.at("explanation").at("unavailable").at(0).at("reasons");
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0]["code"] == "hosts_short");
  CHECK(reasons[1]["code"] == "host_rule");
  CHECK(reasons[1]["rule"] == "host_absent_no_jbh");
  CHECK(reasons[1]["sub"] == "zoom:rita");
  CHECK(reasons[1]["message"].get<std::string>().find("join before host is off") != std::string::npos);
  std::vector<std::string> relaxations;
  for (const json& r : answer["explanation"]["relaxations"]) relaxations.push_back(r["code"].get<std::string>());
  CHECK(relaxations == std::vector<std::string>{"drop_conferencing", "warn_host_rule", "add_host_owner"});
}

TEST_CASE("HostRules: with join-before-host off the account is usable exactly when its owner attends") {
  // rita is an optional interviewer, free only at 10:00: the account hosts only then.
  const json answer = Solve(Document(json::object(), kInterviewerAndOwner));
  CHECK(Starts(answer) == std::vector<std::string>{"10:00"});
  CHECK(answer["available_slots"][0]["hosts"][0]["sub"] == "zoom:rita");
  CHECK_FALSE(answer["available_slots"][0]["hosts"][0].contains("warnings"));
}

TEST_CASE("HostRules: join-before-host on lets the interview start without the account's owner") {
  // ホストより先に参加することを参加者に許可 (always, or per meeting): the slot stands without rita.
  const json answer = Solve(Document({{"join_before_host", true}, {"jbh_time", 10}}));
  CHECK(Starts(answer) == std::vector<std::string>{"09:00", "10:00", "11:00"});
  CHECK(answer["available_slots"][0]["hosts"][0] ==
        json({{"sub", "zoom:rita"}, {"passcode", false}, {"passcode_reason", "not_required"}}));
}

TEST_CASE("HostRules: a tenant that warns instead of refusing keeps the slot and says why") {
  const json answer = Solve(Document(json::object(), {{"host_rules", {{"host_absent_no_jbh", "warn"}}}}));
  CHECK(Starts(answer) == std::vector<std::string>{"09:00", "10:00", "11:00"});
  const json& warnings = answer["available_slots"][0]["hosts"][0]["warnings"];
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]["code"] == "host_absent_no_jbh");
}

TEST_CASE("HostRules: join-before-host with the waiting room on is reported, and refused when the tenant says so") {
  // 「ホストより先に参加することを参加者に許可」する場合、待機室は無効にしてください.
  const json account = {{"join_before_host", true}, {"waiting_room", true}};
  const json warned = Solve(Document(account));  // default policy: warn
  CHECK(Starts(warned) == std::vector<std::string>{"09:00", "10:00", "11:00"});
  CHECK(warned["available_slots"][0]["hosts"][0]["warnings"][0]["code"] == "waiting_room_overrides_jbh");

  const json refused = Solve(Document(account, {{"host_rules", {{"waiting_room_overrides_jbh", "refuse"}}}}));
  CHECK(refused["available_slots"].empty());

  const json with_owner = Solve(Document(account, kInterviewerAndOwner));  // rita admits them at 10:00
  CHECK_FALSE(with_owner["available_slots"][1]["hosts"][0].contains("warnings"));
  CHECK(with_owner["available_slots"][0]["hosts"][0].contains("warnings"));
}

// ---------------------------------------------------------------------------------------------------------------------
// パスコードの要否: the passcode follows the admin lock; personal accounts always have one.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("HostRules: the passcode outcome of each account setting") {
  struct Case {
    const char* what;
    json account;
    bool passcode;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"admin turned the passcode on and locked it", {{"passcode", {{"enabled", true}, {"locked", true}}}}, true,
       "admin_locked"},
      {"on but not locked: not applied by the integration", {{"passcode", {{"enabled", true}, {"locked", false}}}},
       false, "unlocked_setting_not_applied"},
      {"admin turned it off", {{"passcode", {{"enabled", false}, {"locked", true}}}}, false, "not_required"},
      {"personal account, setting off", {{"account_type", "personal"}}, true, "personal_account"},
      {"personal account, on but unlocked", {{"account_type", "personal"}, {"passcode", {{"enabled", true}}}}, true,
       "personal_account"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    json account = c.account;
    account["join_before_host"] = true;
    const json host = Solve(Document(account))["available_slots"][0]["hosts"][0];
    CHECK(host["passcode"] == c.passcode);
    CHECK(host["passcode_reason"] == c.reason);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// 予定あり: a host account already in a meeting is busy; "any of these accounts" is a group.
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("HostRules: a host account already hosting a meeting is busy at that time") {
  const json busy = {{"zoom:rita", {{"busy", {{{"start", "2026-12-01T10:30:00Z"}, {"end", "2026-12-01T11:00:00Z"}}}}}}};
  const json answer = Solve(Document({{"join_before_host", true}}, {{"explain", true}}, busy));
  CHECK(Starts(answer) == std::vector<std::string>{"09:00", "11:00"});
  const json& reasons = answer["explanation"]["unavailable"][0]["reasons"];
  CHECK(reasons[1]["code"] == "host_busy");
  CHECK(reasons[1]["sub"] == "zoom:rita");
}

TEST_CASE("HostRules: any one of several linked accounts may host, and only usable ones are listed") {
  const json query = {{"conferencing", {{"provider", "zoom"}, {"host", nullptr},
                                        {"hosts", {{"members", {{{"sub", "zoom:rita"}}, {{"sub", "zoom:sam"}}}}}}}}};
  const json calendars = {{"zoom:sam", {{"conferencing_account", {{"provider", "zoom"}, {"owner", "sam"},
                                                                  {"join_before_host", true}}}}}};
  const json answer = Solve(Document(json::object(), query, calendars));
  CHECK(Starts(answer) == std::vector<std::string>{"09:00", "10:00", "11:00"});
  CHECK(answer["available_slots"][0]["hosts"].size() == 1);
  CHECK(answer["available_slots"][0]["hosts"][0]["sub"] == "zoom:sam");
}

TEST_CASE("HostRules: an account without settings keeps the busy check only") {
  json document = Document(json::object());
  document["calendars"]["zoom:rita"].erase("conferencing_account");
  const json answer = Solve(document);
  CHECK(Starts(answer) == std::vector<std::string>{"09:00", "10:00", "11:00"});
  CHECK(answer["available_slots"][0]["hosts"][0] == json({{"sub", "zoom:rita"}}));
}

// ---------------------------------------------------------------------------------------------------------------------
// Other providers: the same question — can the people who attend get in?
// ---------------------------------------------------------------------------------------------------------------------

TEST_CASE("HostRules: a Teams lobby that holds the external candidate with nobody to admit them is refused") {
  const json teams_query = {{"conferencing", {{"provider", "teams"}}}};
  auto teams = [&](const char* scope, const json& query) {
    json q = teams_query;
    q.merge_patch(query);
    return Solve(Document({{"provider", "teams"}, {"lobby_bypass_scope", scope}}, q));
  };
  CHECK(Starts(teams("organization", json::object())).empty());
  CHECK(Starts(teams("organizationExcludingGuests", json::object())).empty());
  CHECK(Starts(teams("organizationAndFederated", json::object())).empty());
  CHECK(Starts(teams("everyone", json::object())).size() == 3);
  CHECK(Starts(teams("invited", json::object())).size() == 3);  // the candidate is on the invitation
  CHECK(Starts(teams("organization", {{"candidate", {{"external", false}}}})).size() == 3);
  CHECK(Starts(teams("organization", kInterviewerAndOwner)) == std::vector<std::string>{"10:00"});
  // "organizer": even the interviewers wait in the lobby, so nobody can start it without its owner.
  const json organizer = teams("organizer", {{"candidate", {{"external", false}}}, {"explain", true}});
  CHECK(Starts(organizer).empty());
  CHECK(organizer["explanation"]["unavailable"][0]["reasons"][1]["rule"] == "host_absent_no_jbh");
}

TEST_CASE("HostRules: GoTo needs its organizer unless attendees may start the meeting; Meet never waits") {
  const json goto_query = {{"conferencing", {{"provider", "goto"}}}};
  CHECK(Starts(Solve(Document({{"provider", "goto"}}, goto_query))).empty());
  CHECK(Starts(Solve(Document({{"provider", "goto"}, {"join_before_host", true}}, goto_query))).size() == 3);
  const json meet_query = {{"conferencing", {{"provider", "google_meet"}}}};
  CHECK(Starts(Solve(Document({{"provider", "google_meet"}, {"meet_access_type", "RESTRICTED"}}, meet_query))).size() ==
        3);
}

TEST_CASE("HostRules: malformed settings and a provider mismatch are invalid_query with the field") {
  auto error = [](const json& document) {
    EngineAnswer answer = CallEngine("solve", document.dump(), Zones());
    CHECK(answer.status == EngineStatus::kInvalidInput);
    return json::parse(answer.body)["error"];
  };
  CHECK(error(Document({{"jbh_time", 7}}))["field"] == "calendars[\"zoom:rita\"].conferencing_account.jbh_time");
  CHECK(error(Document({{"lobby_bypass_scope", "anyone"}}))["field"] ==
        "calendars[\"zoom:rita\"].conferencing_account.lobby_bypass_scope");
  CHECK(error(Document({{"owner", ""}}))["field"] == "calendars[\"zoom:rita\"].conferencing_account.owner");
  CHECK(error(Document(json::object(), {{"host_rules", {{"host_absent_no_jbh", "ignore"}}}}))["field"] ==
        "query.host_rules.host_absent_no_jbh");
  const json mismatch = error(Document({{"provider", "teams"}}));
  CHECK(mismatch["code"] == "invalid_query");
  CHECK(mismatch["field"] == "calendars[\"zoom:rita\"].conferencing_account.provider");
}

TEST_CASE("HostRules: the rule table, provider by provider") {
  ConferencingAccount zoom;
  CHECK(FiringRules(zoom, false, true) == std::vector<HostRule>{HostRule::kHostAbsentNoJbh});
  CHECK(FiringRules(zoom, true, true).empty());
  zoom.join_before_host = true;
  CHECK(FiringRules(zoom, false, true).empty());
  zoom.waiting_room = true;
  CHECK(FiringRules(zoom, false, true) == std::vector<HostRule>{HostRule::kWaitingRoomOverridesJbh});
  ConferencingAccount teams;
  teams.provider = ConferencingProvider::kTeams;
  CHECK(FiringRules(teams, false, true) == std::vector<HostRule>{HostRule::kLobbyBlocksCandidate});
  CHECK(FiringRules(teams, false, false).empty());
  ConferencingAccount meet;
  meet.provider = ConferencingProvider::kGoogleMeet;
  CHECK(FiringRules(meet, false, true).empty());
}
