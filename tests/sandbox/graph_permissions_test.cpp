// The sandbox enforces Microsoft Graph permissions per route: a delegated token passes a route with any one permission
// Graph accepts for it (the least one, or a higher one that covers it) and is refused with Graph's 403 of that
// resource family without; app-only tokens are checked against the application permissions (`roles`) their tenant's
// administrator consented to. The expectations below are written from Graph's v1.0 permission tables
// (docs/SANDBOX.md, "Graph permissions per route"), independently of the sandbox's own rule table.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "net/url.h"
#include "sandbox_test_util.h"

namespace slotwise::sandbox::testing {

namespace {

const std::string kSanne = "sanne.devries@kumo-labs.example";
const std::string kDaan = "daan.jansen@kumo-labs.example";
const std::string kTeam = "/microsoft/v1.0/teams/b8f2c3a1-0000-4000-8000-00000000d3a0/channels";
const std::string kGeneral = kTeam + "/" + net::PercentEncode("19:general-kumo@thread.tacv2");

struct Answer {
  int status = 0;
  json body;
};

Answer Call(LiveSandbox& sandbox, const std::string& method, const std::string& path, const json& body,
            const std::string& token) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  const std::string text = body.is_null() ? "" : body.dump();
  httplib::Result res = method == "GET"     ? sandbox.client().Get(path.c_str(), headers)
                        : method == "POST"  ? sandbox.client().Post(path.c_str(), headers, text, "application/json")
                        : method == "PATCH" ? sandbox.client().Patch(path.c_str(), headers, text, "application/json")
                                            : sandbox.client().Delete(path.c_str(), headers);
  REQUIRE(res);
  Answer answer;
  answer.status = res->status;
  answer.body = json::parse(res->body, nullptr, false);
  return answer;
}

std::string Delegated(LiveSandbox& sandbox, const std::string& user, const std::string& scopes) {
  std::vector<std::string> list;
  std::string item;
  for (char c : scopes + " ") {
    if (c == ' ') {
      if (!item.empty()) list.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  auto res = sandbox.PostJson("/sandbox/tokens", {{"provider", "microsoft"}, {"user", user}, {"scopes", list}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body).at("access_token");
}

std::string AppOnly(LiveSandbox& sandbox, const std::string& tenant) {
  const std::string form = net::FormEncode({{"grant_type", "client_credentials"},
                                            {"scope", "https://graph.microsoft.com/.default"},
                                            {"client_id", std::string(kMicrosoftClientId)},
                                            {"client_secret", std::string(kMicrosoftClientSecret)}});
  auto res = sandbox.client().Post(("/microsoft/" + tenant + "/oauth2/v2.0/token").c_str(), form,
                                   "application/x-www-form-urlencoded");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  return json::parse(res->body).at("access_token");
}

json Window() {
  return {{"startTime", {{"dateTime", "2030-01-07T08:00:00"}, {"timeZone", "UTC"}}},
          {"endTime", {{"dateTime", "2030-01-07T18:00:00"}, {"timeZone", "UTC"}}}};
}

json NewEvent() {
  return {{"subject", "Permission probe"},
          {"start", {{"dateTime", "2030-01-07T09:00:00"}, {"timeZone", "UTC"}}},
          {"end", {{"dateTime", "2030-01-07T09:30:00"}, {"timeZone", "UTC"}}}};
}

json Card() {
  const json card = {{"type", "AdaptiveCard"}, {"version", "1.4"}, {"body", json::array()}};
  return {{"body", {{"contentType", "html"}, {"content", "<attachment id=\"c1\"></attachment>"}}},
          {"attachments", {{{"id", "c1"}, {"contentType", "application/vnd.microsoft.card.adaptive"},
                            {"content", card.dump()}}}}};
}

struct Route {
  std::string method;
  std::string path;
  json body;
  std::string least;    // the least permission Graph accepts: alone it passes
  std::string higher;   // a higher permission that covers it ("" = none tested)
  std::string lacking;  // a token with these (and none of the accepted) is refused
  std::string code;     // Graph's 403 code for the route's family
};

std::vector<Route> DelegatedRoutes() {
  json schedule = Window();
  schedule["schedules"] = {kSanne, kDaan};
  const std::string calendar_view =
      "/microsoft/v1.0/me/calendarView?startDateTime=2030-01-07T00:00:00&endDateTime=2030-01-08T00:00:00";
  const json subscription = {{"changeType", "created"}};  // incomplete: past the permission check it is a 400
  return {
      {"POST", "/microsoft/v1.0/me/calendar/getSchedule", schedule, "Calendars.ReadBasic", "Calendars.ReadWrite",
       "User.Read Place.Read.All MailboxSettings.Read ChannelMessage.Send", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/me/events", nullptr, "Calendars.ReadBasic", "Calendars.Read", "User.Read",
       "ErrorAccessDenied"},
      {"GET", calendar_view, nullptr, "Calendars.ReadBasic", "Calendars.ReadWrite", "OnlineMeetings.ReadWrite",
       "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/users/" + kSanne + "/calendarView/delta?startDateTime=2030-01-07T00:00:00&endDateTime=2030-01-08T00:00:00",
       nullptr, "Calendars.ReadBasic", "Calendars.ReadWrite", "OnlineMeetings.ReadWrite", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/me/events/AAMk-none", nullptr, "Calendars.ReadBasic", "Calendars.ReadWrite",
       "User.Read", "ErrorAccessDenied"},
      {"POST", "/microsoft/v1.0/me/events", NewEvent(), "Calendars.ReadWrite", "",
       "Calendars.Read Calendars.ReadBasic OnlineMeetings.ReadWrite", "ErrorAccessDenied"},
      {"POST", "/microsoft/v1.0/users/" + kSanne + "/calendar/events", NewEvent(), "Calendars.ReadWrite", "",
       "Calendars.Read", "ErrorAccessDenied"},
      {"PATCH", "/microsoft/v1.0/me/events/AAMk-none", json{{"subject", "x"}}, "Calendars.ReadWrite", "",
       "Calendars.Read", "ErrorAccessDenied"},
      {"DELETE", "/microsoft/v1.0/me/events/AAMk-none", nullptr, "Calendars.ReadWrite", "", "Calendars.Read",
       "ErrorAccessDenied"},
      {"POST", "/microsoft/v1.0/subscriptions", subscription, "Calendars.Read", "Calendars.ReadWrite",
       "Calendars.ReadBasic", "ErrorAccessDenied"},
      {"DELETE", "/microsoft/v1.0/subscriptions/no-such-subscription", nullptr, "Calendars.Read",
       "Calendars.ReadWrite", "Calendars.ReadBasic User.Read", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/me/mailboxSettings", nullptr, "MailboxSettings.Read", "MailboxSettings.ReadWrite",
       "Calendars.ReadWrite User.Read", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/places/microsoft.graph.room", nullptr, "Place.Read.All", "",
       "openid email User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/places/microsoft.graph.roomlist", nullptr, "Place.Read.All", "",
       "Calendars.ReadWrite User.ReadBasic.All", "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/users", nullptr, "User.ReadBasic.All", "User.Read.All", "User.Read Calendars.ReadWrite",
       "Authorization_RequestDenied"},
      {"GET", "/microsoft/v1.0/me", nullptr, "User.Read", "User.ReadBasic.All", "Calendars.ReadWrite",
       "Authorization_RequestDenied"},
      {"GET", "/microsoft/v1.0/users/" + kDaan, nullptr, "User.ReadBasic.All", "User.Read.All", "User.Read",
       "Authorization_RequestDenied"},
      {"GET", "/microsoft/v1.0/organization", nullptr, "User.Read", "Organization.Read.All", "Calendars.ReadWrite",
       "Authorization_RequestDenied"},
      {"GET", kTeam, nullptr, "Channel.ReadBasic.All", "Group.Read.All", "ChannelMessage.Send", "Forbidden"},
      {"GET", kGeneral, nullptr, "Channel.ReadBasic.All", "ChannelSettings.Read.All", "ChannelMessage.Send User.Read",
       "Forbidden"},
      {"GET", kGeneral + "/messages", nullptr, "ChannelMessage.Read.All", "Group.Read.All",
       "ChannelMessage.Send Channel.ReadBasic.All", "Forbidden"},
      {"POST", kGeneral + "/messages", Card(), "ChannelMessage.Send", "Group.ReadWrite.All",
       "openid email User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite Channel.ReadBasic.All", "Forbidden"},
  };
}

}  // namespace

TEST_CASE("Sandbox: every Graph route refuses a delegated token without one of its permissions, with Graph's 403") {
  LiveSandbox sandbox;
  for (const Route& route : DelegatedRoutes()) {
    CAPTURE(route.method);
    CAPTURE(route.path);
    const Answer refused = Call(sandbox, route.method, route.path, route.body, Delegated(sandbox, kSanne, route.lacking));
    CHECK(refused.status == 403);
    CHECK(refused.body["error"]["code"] == route.code);
    CHECK_FALSE(refused.body["error"].value("message", "").empty());
    if (route.code == "Forbidden") {  // Teams says which permissions would do
      CHECK(refused.body["error"]["message"].get<std::string>().find(route.least) != std::string::npos);
    }
    const Answer least = Call(sandbox, route.method, route.path, route.body, Delegated(sandbox, kSanne, route.least));
    CHECK_MESSAGE(least.status != 403, least.body.dump());
    CHECK(least.status != 401);
    if (!route.higher.empty()) {
      const Answer higher = Call(sandbox, route.method, route.path, route.body, Delegated(sandbox, kSanne, route.higher));
      CHECK_MESSAGE(higher.status != 403, higher.body.dump());
    }
  }
}

TEST_CASE("Sandbox: app-only Graph tokens carry the roles their tenant consented to, and each route needs its own") {
  LiveSandbox sandbox;
  const json tenant = {{"id", "0f0f0f0f-0000-4000-8000-000000000001"}, {"domain", "perm.example"}, {"name", "Perm"}};
  json seed = {{"tenants", {tenant}},
               {"users", {{{"provider", "microsoft"}, {"email", "pat@perm.example"}, {"name", "Pat"}}}},
               {"rooms", {{{"provider", "microsoft"}, {"email", "room@perm.example"}, {"name", "Room"}, {"capacity", 4}}}}};
  seed["tenants"][0]["app_roles"] = json::array();
  REQUIRE(sandbox.PostJson("/sandbox/seed", seed)->status == 200);
  const std::string none = AppOnly(sandbox, "perm.example");
  // The same tenant after its administrator consented to exactly what Slotwise's organisation access uses.
  seed["tenants"][0]["app_roles"] = {"Calendars.ReadWrite", "Place.Read.All", "User.Read.All", "MailboxSettings.Read",
                                     "Organization.Read.All"};
  REQUIRE(sandbox.PostJson("/sandbox/seed", json{{"tenants", seed["tenants"]}})->status == 200);
  const std::string consented = AppOnly(sandbox, "perm.example");

  json schedule = Window();
  schedule["schedules"] = {"pat@perm.example", "room@perm.example"};
  struct AppRoute {
    std::string method, path;
    json body;
    std::string code;
  };
  const std::vector<AppRoute> routes = {
      {"POST", "/microsoft/v1.0/users/pat@perm.example/calendar/getSchedule", schedule, "ErrorAccessDenied"},
      {"POST", "/microsoft/v1.0/users/pat@perm.example/events", NewEvent(), "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/users/pat@perm.example/mailboxSettings", nullptr, "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/places/microsoft.graph.room", nullptr, "ErrorAccessDenied"},
      {"GET", "/microsoft/v1.0/users", nullptr, "Authorization_RequestDenied"},
      {"GET", "/microsoft/v1.0/users/pat@perm.example", nullptr, "Authorization_RequestDenied"},
      {"GET", "/microsoft/v1.0/organization", nullptr, "Authorization_RequestDenied"},
  };
  for (const AppRoute& route : routes) {
    CAPTURE(route.path);
    const Answer refused = Call(sandbox, route.method, route.path, route.body, none);
    CHECK(refused.status == 403);
    CHECK(refused.body["error"]["code"] == route.code);
    const Answer allowed = Call(sandbox, route.method, route.path, route.body, consented);
    CHECK_MESSAGE(allowed.status / 100 == 2, allowed.body.dump());
  }
  // A delegated-only permission is no application permission: ChannelMessage.Send cannot be held as a role, and
  // posting app-only stays refused whatever the roles.
  const Answer post = Call(sandbox, "POST", kGeneral + "/messages", Card(), consented);
  CHECK(post.status == 403);
}

TEST_CASE("Sandbox: a token minted without scopes passes every Graph route (the defaults cover them all)") {
  LiveSandbox sandbox;
  const std::string token = sandbox.Token("microsoft", kSanne);
  for (const Route& route : DelegatedRoutes()) {
    CAPTURE(route.path);
    CHECK(Call(sandbox, route.method, route.path, route.body, token).status != 403);
  }
}

}  // namespace slotwise::sandbox::testing
