// The daily-update mappings from the administrator's page (web/admin): a widget token with organisation:manage lists
// the tenant's Teams-posting connections, its org units, the teams and channels, and creates, lists and deletes a
// mapping — the tenant always the token's. A token without the scope is refused (403) on each of them; another
// tenant's administrator sees none of this tenant's connections or mappings and cannot list through or delete them;
// the HR routes outside the picker (imports, credentials, PATCH) still need the API key.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "provider_world.h"

using nlohmann::json;
using namespace slotwise;
using namespace slotwise::testing;

namespace {

const std::string kAnna = "anna.schmidt@kumo-labs.example";
const std::string kSanne = "sanne.devries@kumo-labs.example";
const std::string kTeam = "b8f2c3a1-0000-4000-8000-00000000d3a0";  // the demo organisation's "Kumo Recruiting"
const std::string kHiring = "19:hiring-updates@thread.tacv2";

httplib::Headers BearerOf(const std::string& credential) { return {{"Authorization", "Bearer " + credential}}; }

// A widget token of `api_key`'s tenant with `scopes`, minted through the API.
std::string WidgetToken(ProviderWorld& world, const std::string& api_key, const json& scopes) {
  const HttpAnswer minted = HttpJson("POST", world.root() + "/v1/widget_tokens",
                                     {{"user", "admin@example.test"}, {"scopes", scopes}}, BearerOf(api_key));
  REQUIRE_MESSAGE(minted.status == 201, minted.body);
  return json::parse(minted.body).at("token");
}

json Mapping(const std::string& connection_id) {
  return {{"unit", {{"kind", "office"}, {"name", "Berlin"}}},
          {"target", {{"kind", "graph_channel"}, {"team_id", kTeam}, {"channel_id", kHiring},
                      {"connection_id", connection_id}}},
          {"language", "en"}, {"time_of_day", "09:00"}, {"time_zone", "Europe/Berlin"}};
}

}  // namespace

TEST_CASE("HR mappings: a widget token with organisation:manage maps a unit to a Teams channel, one without cannot") {
  ProviderWorld world(true, true);
  const Connection hr = world.Connected("microsoft", kAnna, kAnna, "hr_posting");
  const Connection calendar = world.Connected("microsoft", kSanne, kSanne, "calendar");
  REQUIRE(world.Api("PUT", "/v1/hr/org_units", {{"org_units", {{{"kind", "office"}, {"name", "Berlin"}}}}}).status == 200);
  const std::string admin = WidgetToken(world, world.api_key(), {"organisation:manage"});
  const std::string recruiter = WidgetToken(world, world.api_key(), {"availability:read", "interviews:write"});
  auto as = [&](const std::string& token, const std::string& method, const std::string& path,
                const json& body = nullptr) { return HttpJson(method, world.root() + path, body, BearerOf(token)); };

  // The connections that can post: Anna's hr_posting one, not Sanne's calendar.
  const HttpAnswer connections = as(admin, "GET", "/v1/hr/connections");
  REQUIRE_MESSAGE(connections.status == 200, connections.body);
  const json listed = json::parse(connections.body).at("connections");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].at("id") == hr.id);
  CHECK(listed[0].at("account_email") == kAnna);
  CHECK(listed[0].at("status") == "active");
  CHECK(connections.body.find(calendar.id) == std::string::npos);

  const HttpAnswer units = as(admin, "GET", "/v1/hr/org_units");
  REQUIRE_MESSAGE(units.status == 200, units.body);
  CHECK(json::parse(units.body).at("org_units").at(0).at("name") == "Berlin");
  const HttpAnswer teams = as(admin, "GET", "/v1/hr/teams?connection_id=" + hr.id);
  REQUIRE_MESSAGE(teams.status == 200, teams.body);
  CHECK(json::parse(teams.body).at("teams").at(0).at("id") == kTeam);

  const HttpAnswer created = as(admin, "POST", "/v1/hr/channel_mappings", Mapping(hr.id));
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string id = json::parse(created.body).at("id");
  const HttpAnswer mappings = as(admin, "GET", "/v1/hr/channel_mappings");
  REQUIRE(mappings.status == 200);
  CHECK(json::parse(mappings.body).at("channel_mappings").at(0).at("id") == id);
  // The API key sees what the page made: one tenant, whichever credential.
  CHECK(json::parse(world.Api("GET", "/v1/hr/channel_mappings").body).at("channel_mappings").size() == 1);

  // Without organisation:manage: refused, nothing read from Graph, nothing made or deleted.
  const int joined_before = world.CountRequests("microsoft", "GET", "/me/joinedTeams");
  for (const auto& [method, path] : {std::pair<std::string, std::string>{"GET", "/v1/hr/connections"},
                                     {"GET", "/v1/hr/org_units"},
                                     {"GET", "/v1/hr/teams?connection_id=" + hr.id},
                                     {"GET", "/v1/hr/channel_mappings"},
                                     {"POST", "/v1/hr/channel_mappings"},
                                     {"DELETE", "/v1/hr/channel_mappings/" + id}}) {
    CAPTURE(method + " " + path);
    const HttpAnswer refused = as(recruiter, method, path, method == "POST" ? Mapping(hr.id) : json(nullptr));
    CHECK(refused.status == 403);
    CHECK(refused.body.find("organisation:manage") != std::string::npos);
  }
  CHECK(world.CountRequests("microsoft", "GET", "/me/joinedTeams") == joined_before);
  // The rest of the HR API stays the API key's, even with the scope.
  CHECK(as(admin, "PUT", "/v1/hr/org_units", {{"org_units", json::array()}}).status == 403);
  CHECK(as(admin, "PATCH", "/v1/hr/channel_mappings/" + id, {{"enabled", false}}).status == 403);
  CHECK(as(admin, "GET", "/v1/hr/credentials").status == 403);
  CHECK(as(admin, "GET", "/v1/hr/employees").status == 403);

  const HttpAnswer deleted = as(admin, "DELETE", "/v1/hr/channel_mappings/" + id);
  CHECK_MESSAGE(deleted.status == 204, deleted.body);
  CHECK(json::parse(as(admin, "GET", "/v1/hr/channel_mappings").body).at("channel_mappings").empty());
}

TEST_CASE("HR mappings: another tenant's administrator token reaches none of this tenant's connections or mappings") {
  ProviderWorld world(true, true);
  const Connection hr = world.Connected("microsoft", kAnna, kAnna, "hr_posting");
  REQUIRE(world.Api("PUT", "/v1/hr/org_units", {{"org_units", {{{"kind", "office"}, {"name", "Berlin"}}}}}).status == 200);
  const HttpAnswer created = world.Api("POST", "/v1/hr/channel_mappings", Mapping(hr.id));
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string id = json::parse(created.body).at("id");

  REQUIRE(HttpJson("POST", world.root() + "/v1/tenants", {{"id", "globex"}, {"name", "Globex"}},
                   BearerOf(ProviderWorld::kAdminKey)).status == 201);
  const HttpAnswer key =
      HttpJson("POST", world.root() + "/v1/tenants/globex/api_keys", nullptr, BearerOf(ProviderWorld::kAdminKey));
  REQUIRE(key.status == 201);
  const std::string globex = WidgetToken(world, json::parse(key.body).at("api_key"), {"organisation:manage"});
  auto as_globex = [&](const std::string& method, const std::string& path, const json& body = nullptr) {
    return HttpJson(method, world.root() + path, body, BearerOf(globex));
  };
  const int joined_before = world.CountRequests("microsoft", "GET", "/me/joinedTeams");

  CHECK(json::parse(as_globex("GET", "/v1/hr/connections").body).at("connections").empty());
  CHECK(json::parse(as_globex("GET", "/v1/hr/org_units").body).at("org_units").empty());
  CHECK(json::parse(as_globex("GET", "/v1/hr/channel_mappings").body).at("channel_mappings").empty());
  CHECK(as_globex("GET", "/v1/hr/teams?connection_id=" + hr.id).status == 422);
  CHECK(as_globex("DELETE", "/v1/hr/channel_mappings/" + id).status == 404);
  CHECK(world.CountRequests("microsoft", "GET", "/me/joinedTeams") == joined_before);
  // Kumo's mapping is still there.
  CHECK(world.Api("GET", "/v1/hr/channel_mappings/" + id).status == 200);
}
