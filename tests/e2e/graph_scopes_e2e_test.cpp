// What each connect purpose may do at Microsoft Graph, now that the sandbox checks Graph permissions per route: a
// Microsoft 365 calendar connected for "calendar" (no Place.Read.All) is refused the room list by Graph, yet books an
// interview with a Teams meeting in the person's own calendar; one connected for "hr_posting" asks the Teams
// channel permissions only and posts the HR update where a calendar-only connection is refused.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "net/url.h"
#include "provider_world.h"
#include "providers/teams_messages.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kSanne = "sanne.devries@kumo-labs.example";
const std::string kDaan = "daan.jansen@kumo-labs.example";
const std::string kAnna = "anna.schmidt@kumo-labs.example";
const std::string kTeam = "b8f2c3a1-0000-4000-8000-00000000d3a0";  // the demo organisation's "Kumo Recruiting"
const std::string kGeneral = "19:general-kumo@thread.tacv2";

// Berlin 11:00 on Wednesday of the week after next (free of the demo organisation's events).
Instant FreeWednesday(std::int64_t now) {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14;
  return berlin->FromLocalSeconds((monday + 2) * kSecondsPerDay + 11 * 3600);
}

}  // namespace

TEST_CASE("Graph scopes: a calendar-only Microsoft connection cannot list rooms but books a Teams interview") {
  ProviderWorld world(true, true);
  const Connection connection = world.Connected("microsoft", kSanne, kSanne, "calendar");
  CHECK(connection.scopes.find("Place.Read.All") == std::string::npos);

  // Graph itself refuses the room list to this connection's token (Outlook's 403), so the function check skips it.
  const HttpAnswer rooms = HttpJson("GET", world.sandbox_root() + "/microsoft/v1.0/places/microsoft.graph.room",
                                    nullptr, {{"Authorization", "Bearer " + connection.access_token}});
  CHECK(rooms.status == 403);
  CHECK(json::parse(rooms.body)["error"]["code"] == "ErrorAccessDenied");
  bool rooms_skipped = false, probe_passed = false;
  const std::vector<FunctionCheck> checks = world.runtime().connections().Checks(connection.id).value();
  for (const FunctionCheck& check : checks) {
    if (check.name == "list_rooms") rooms_skipped = check.outcome == "skipped";
    if (check.name == "create_delete_probe_event") probe_passed = check.outcome == "passed";
  }
  CHECK(rooms_skipped);
  CHECK(probe_passed);

  // Booking with Sanne as organiser goes through her own connection and makes the Teams meeting on her event.
  const Instant start = FreeWednesday(world.Now());
  const json body = {{"title", "Calendar-only Teams interview"},
                     {"organizer", kSanne},
                     {"start", FormatRfc3339(start)},
                     {"end", FormatRfc3339(start + 3600)},
                     {"interviewers", {{{"sub", kDaan}}}},
                     {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"},
                                    {"time_zone", "Europe/Berlin"}}},
                     {"conferencing", {{"provider", "teams"}}},
                     {"query", {{"start_interval", {{"minutes", 30}}}}}};
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, "graph-scopes-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const json interview = world.Settled(json::parse(booked.body).at("id"));
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  CHECK(interview["conferencing"]["join_url"].get<std::string>().rfind("https://teams.microsoft.com/", 0) == 0);
  // The event was created with Sanne's delegated token (not the organisation's app-only one), and no Graph call the
  // product made with it was refused.
  bool created_by_sanne = false;
  const json log = world.SandboxGet("/sandbox/requests?provider=microsoft");
  for (const json& entry : log.at("requests")) {
    const std::string path = entry.value("path", "");
    if (entry.value("user", "") != kSanne || path.find("/places/") != std::string::npos) continue;  // ours, above
    CHECK_MESSAGE(entry.value("status", 0) != 403, entry.dump());
    if (entry.value("method", "") == "POST" && path.find("/users/" + kSanne + "/events") != std::string::npos &&
        entry.value("status", 0) == 201) {
      created_by_sanne = true;
    }
  }
  CHECK(created_by_sanne);
}

TEST_CASE("Graph scopes: an hr_posting connection asks Teams only and posts to a channel; a calendar-only one cannot") {
  ProviderWorld world(true, true);
  const ProviderWorld::Flow flow = world.Connect("microsoft", kAnna, kAnna, "allow", "hr_posting");
  REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
  CHECK(flow.start.location.find("ChannelMessage.Send") != std::string::npos);
  CHECK(flow.start.location.find("Channel.ReadBasic.All") != std::string::npos);
  CHECK(flow.start.location.find("Team.ReadBasic.All") != std::string::npos);
  CHECK(flow.start.location.find("ChannelMessage.Read.All") != std::string::npos);
  CHECK(flow.start.location.find("Calendars.") == std::string::npos);
  CHECK(flow.start.location.find("Place.Read.All") == std::string::npos);
  Result<std::optional<Connection>> found =
      world.runtime().connections().FindForUser("kumo", kAnna, oauth::Provider::kMicrosoft);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  const Connection hr = **found;
  // The function check does not try the calendar it was never granted.
  const std::vector<FunctionCheck> hr_checks = world.runtime().connections().Checks(hr.id).value();
  for (const FunctionCheck& check : hr_checks) {
    CAPTURE(check.name);
    CHECK(check.outcome == "skipped");
  }
  const Connection calendar = world.Connected("microsoft", kSanne, kSanne, "calendar");

  const json card = {{"type", "AdaptiveCard"}, {"version", "1.4"},
                     {"body", {{{"type", "TextBlock"}, {"text", "Absent today: nobody"}}}}};
  const std::string api = world.ApiBase(oauth::Provider::kMicrosoft);
  auto hr_tokens = world.runtime().tokens().SourceFor(hr.id);
  providers::TeamsMessages as_hr(world.runtime().transport(), *hr_tokens, api);
  const Result<std::string> posted = as_hr.PostChannelMessage(kTeam, kGeneral, card);
  CHECK_MESSAGE(posted.ok(), (posted ? "" : posted.error().message));
  auto calendar_tokens = world.runtime().tokens().SourceFor(calendar.id);
  providers::TeamsMessages as_calendar(world.runtime().transport(), *calendar_tokens, api);
  const Result<std::string> refused = as_calendar.PostChannelMessage(kTeam, kGeneral, card);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "provider_forbidden");

  // What the HR poster reads before posting (the channel's membership type, the newest messages) works too.
  const httplib::Headers bearer = {{"Authorization", "Bearer " + hr.access_token}};
  const std::string channel = world.sandbox_root() + "/microsoft/v1.0/teams/" + kTeam + "/channels/" +
                              net::PercentEncode(kGeneral);
  CHECK(HttpJson("GET", channel, nullptr, bearer).status == 200);
  CHECK(HttpJson("GET", channel + "/messages?$top=50", nullptr, bearer).status == 200);
  // …and the calendar stays out of its reach.
  const HttpAnswer schedule = HttpJson(
      "POST", world.sandbox_root() + "/microsoft/v1.0/me/calendar/getSchedule",
      {{"schedules", {kAnna}},
       {"startTime", {{"dateTime", "2030-01-07T08:00:00"}, {"timeZone", "UTC"}}},
       {"endTime", {{"dateTime", "2030-01-07T18:00:00"}, {"timeZone", "UTC"}}}},
      bearer);
  CHECK(schedule.status == 403);
}

TEST_CASE("Graph scopes: hr_posting cannot be asked of Google, with a message saying what to connect") {
  ProviderWorld world(true, true);
  const HttpAnswer start = world.Api("POST", "/v1/connections/start",
                                     {{"provider", "google"}, {"user", "recruiter-1"}, {"purpose", "hr_posting"}});
  HttpAnswer refusal = start;
  if (start.status == 201) {  // the connect link is refused when the popup opens it (ConnectFlow::Start)
    refusal = HttpGet(json::parse(start.body).at("url").get<std::string>());
  }
  CHECK(refusal.status == 422);
  CHECK(refusal.body.find("invalid_request") != std::string::npos);
  CHECK(refusal.body.find("hr_posting") != std::string::npos);
  CHECK(refusal.body.find("Microsoft 365") != std::string::npos);
  CHECK(world.CountRequests("google", "GET", "/o/oauth2/v2/auth") == 0);  // never sent to Google
}

namespace {

httplib::Headers BearerOf(const std::string& credential) { return {{"Authorization", "Bearer " + credential}}; }

// A second tenant with its own API key and an org unit to map.
std::string GlobexKey(ProviderWorld& world) {
  REQUIRE(HttpJson("POST", world.root() + "/v1/tenants", {{"id", "globex"}, {"name", "Globex"}},
                   BearerOf(ProviderWorld::kAdminKey)).status == 201);
  const HttpAnswer key =
      HttpJson("POST", world.root() + "/v1/tenants/globex/api_keys", nullptr, BearerOf(ProviderWorld::kAdminKey));
  REQUIRE(key.status == 201);
  const std::string globex = json::parse(key.body).at("api_key");
  REQUIRE(HttpJson("PUT", world.root() + "/v1/hr/org_units", {{"org_units", {{{"kind", "office"}, {"name", "Berlin"}}}}},
                   BearerOf(globex)).status == 200);
  return globex;
}

json MappingThrough(const std::string& connection_id, const std::string& channel) {
  return {{"unit", {{"kind", "office"}, {"name", "Berlin"}}},
          {"target", {{"kind", "graph_channel"}, {"team_id", kTeam}, {"channel_id", channel}, {"connection_id", connection_id}}},
          {"language", "en"}, {"time_of_day", "09:00"}, {"time_zone", "Europe/Berlin"}};
}

}  // namespace

TEST_CASE("Graph scopes: the daily-update mapping picks its team and channel from lists fetched through Graph") {
  ProviderWorld world(true, true);
  const Connection hr = world.Connected("microsoft", kAnna, kAnna, "hr_posting");
  REQUIRE(world.Api("PUT", "/v1/hr/org_units", {{"org_units", {{{"kind", "office"}, {"name", "Berlin"}}}}}).status == 200);

  const HttpAnswer listed = world.Api("GET", "/v1/hr/teams?connection_id=" + hr.id);
  REQUIRE_MESSAGE(listed.status == 200, listed.body);
  const json teams = json::parse(listed.body).at("teams");
  REQUIRE(teams.size() == 1);
  CHECK(teams[0].at("id") == kTeam);
  CHECK(teams[0].at("name") == "Kumo Recruiting");
  std::string hiring;
  for (const json& channel : teams[0].at("channels")) {
    CHECK(channel.contains("membership_type"));
    if (channel.at("name") == "Hiring Updates") hiring = channel.at("id");
  }
  REQUIRE_FALSE(hiring.empty());
  CHECK(world.CountRequests("microsoft", "GET", "/me/joinedTeams") == 1);

  // What was picked is what the mapping takes.
  const HttpAnswer mapped = world.Api("POST", "/v1/hr/channel_mappings", MappingThrough(hr.id, hiring));
  CHECK_MESSAGE(mapped.status == 201, mapped.body);

  // Refused: no connection, an unknown one, a calendar-only one (no Teams permission).
  CHECK(world.Api("GET", "/v1/hr/teams").status == 422);
  CHECK(world.Api("GET", "/v1/hr/teams?connection_id=con_nothing").status == 422);
  const Connection calendar = world.Connected("microsoft", kSanne, kSanne, "calendar");
  const HttpAnswer calendar_only = world.Api("GET", "/v1/hr/teams?connection_id=" + calendar.id);
  CHECK(calendar_only.status >= 400);
}

TEST_CASE("Graph scopes: another tenant can neither list through nor map onto this tenant's Teams connection") {
  ProviderWorld world(true, true);
  const Connection hr = world.Connected("microsoft", kAnna, kAnna, "hr_posting");
  const std::string globex = GlobexKey(world);
  const int graph_before = world.CountRequests("microsoft", "GET", "/teams/");
  const int joined_before = world.CountRequests("microsoft", "GET", "/me/joinedTeams");

  const HttpAnswer mapped = HttpJson("POST", world.root() + "/v1/hr/channel_mappings", MappingThrough(hr.id, kGeneral),
                                     BearerOf(globex));
  CHECK(mapped.status == 422);
  CHECK(json::parse(mapped.body).at("error").at("field") == "target.connection_id");
  const HttpAnswer listed =
      HttpJson("GET", world.root() + "/v1/hr/teams?connection_id=" + hr.id, nullptr, BearerOf(globex));
  CHECK(listed.status == 422);
  // Kumo's token was never used for Globex.
  CHECK(world.CountRequests("microsoft", "GET", "/teams/") == graph_before);
  CHECK(world.CountRequests("microsoft", "GET", "/me/joinedTeams") == joined_before);
  const HttpAnswer none = HttpJson("GET", world.root() + "/v1/hr/channel_mappings", nullptr, BearerOf(globex));
  CHECK(json::parse(none.body).at("channel_mappings").empty());
}
