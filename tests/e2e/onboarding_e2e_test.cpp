// Onboarding against the sandbox through the real server (api/onboarding_routes.h): the administrator makes a connect
// link for a person, the person opens it, clicks Connect, consents at the provider and lands on the callback page with
// the function check; the link is reusable until it expires; the people overview shows who is connected and how;
// the colleague e-mail carries each recipient's own working link; who may do what.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "net/url.h"
#include "provider_world.h"

using nlohmann::json;
using namespace slotwise;
using namespace slotwise::testing;

namespace {

// The href of the landing page's Connect button (HTML-escaped in the page).
std::string ConnectButtonHref(const std::string& page) {
  const std::string marker = "id=\"connect\" href=\"";
  const std::size_t at = page.find(marker);
  if (at == std::string::npos) return "";
  std::string href = page.substr(at + marker.size(), page.find('"', at + marker.size()) - at - marker.size());
  for (std::size_t amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;", amp + 1)) {
    href.replace(amp, 5, "&");
  }
  return href;
}

std::string WidgetToken(ProviderWorld& world, const std::string& user, const json& scopes) {
  const HttpAnswer minted = world.Api("POST", "/v1/widget_tokens", {{"user", user}, {"scopes", scopes}});
  REQUIRE_MESSAGE(minted.status == 201, minted.body);
  return json::parse(minted.body).at("token");
}

json PersonIn(const json& overview, const std::string& email) {
  for (const json& person : overview.at("people")) {
    if (person.at("email") == email) return person;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("onboarding: a connect link lands on a page that connects, with the function check, and can be used again") {
  ProviderWorld world(true, true);
  const std::string person = "jonas.becker@kumo.example";
  const HttpAnswer made = world.Api("POST", "/v1/organisation/connect_links",
                                    {{"user", person}, {"provider", "zoom"}, {"purpose", "meetings"}});
  REQUIRE_MESSAGE(made.status == 201, made.body);
  const std::string url = json::parse(made.body).at("url");
  CHECK(url.rfind(world.root() + "/connect?link=swc1_", 0) == 0);

  const HttpAnswer landing = HttpGet(url);
  REQUIRE(landing.status == 200);
  CHECK(landing.body.find("data-status=\"ready\"") != std::string::npos);
  CHECK(landing.body.find("Connect your Zoom to Slotwise") != std::string::npos);
  CHECK(landing.body.find(person) != std::string::npos);
  const std::string start = ConnectButtonHref(landing.body);
  REQUIRE(start.rfind(world.root() + "/oauth/zoom/start?ticket=swc1_", 0) == 0);

  ProviderWorld::Flow flow = world.FollowStart(start, person);
  REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
  CHECK(flow.callback.body.find("data-status=\"connected\"") != std::string::npos);
  CHECK(flow.callback.body.find("What Slotwise checked just now") != std::string::npos);
  CHECK(flow.callback.body.find("postMessage") == std::string::npos);  // no opener to report to: a page of its own
  CHECK(flow.callback.body.find("swc1_") == std::string::npos);
  const json listed = world.ListedConnection(person, "zoom");
  CHECK(listed.at("status") == "active");

  // The person abandons nothing by clicking again: the link still starts a flow (for the same person and provider).
  ProviderWorld::Flow again = world.FollowStart(start, person);
  CHECK_MESSAGE(again.callback.status == 200, again.callback.body);

  // Seven days later the page says so, and the button's URL is refused too.
  world.Advance(7 * 24 * 3600 + 1);
  const HttpAnswer expired = HttpGet(url);
  CHECK(expired.status == 400);
  CHECK(expired.body.find("expired") != std::string::npos);
  CHECK(expired.body.find("id=\"connect\"") == std::string::npos);
  CHECK(HttpGet(start).status == 401);
}

TEST_CASE("onboarding: the people overview shows each person's connections and checks, never a token") {
  ProviderWorld world(true, true);
  world.Connected("zoom", "lena.fischer@kumo.example", "lena.fischer@kumo.example", "meetings");
  const HttpAnswer answer = world.Api("GET", "/v1/organisation/people");
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  const json overview = json::parse(answer.body);
  const json lena = PersonIn(overview, "lena.fischer@kumo.example");
  REQUIRE(lena.is_object());
  bool zoom = false;
  for (const json& connection : lena.at("connections")) {
    if (connection.at("provider") != "zoom") continue;
    zoom = true;
    CHECK(connection.at("status") == "active");
    CHECK_FALSE(connection.at("checks").empty());
  }
  CHECK(zoom);
  const json jonas = PersonIn(overview, "jonas.becker@kumo.example");
  REQUIRE(jonas.is_object());
  CHECK(answer.body.find("access_token") == std::string::npos);
  CHECK(answer.body.find("refresh_token") == std::string::npos);
}

TEST_CASE("onboarding: only the tenant's administrator makes links or reads the overview; bad requests change nothing") {
  ProviderWorld world(true, true);
  const std::string recruiter = WidgetToken(world, "lena.fischer@kumo.example",
                                            {"availability:read", "interviews:write", "connections:manage"});
  const std::string admin = WidgetToken(world, "lena.fischer@kumo.example", {"organisation:manage"});
  const auto as = [&](const std::string& token, const std::string& method, const std::string& path, const json& body) {
    return HttpJson(method, world.root() + path, body, {{"Authorization", "Bearer " + token}});
  };
  const json link = {{"user", "jonas.becker@kumo.example"}, {"provider", "zoom"}};
  CHECK(as(recruiter, "POST", "/v1/organisation/connect_links", link).status == 403);
  CHECK(as(recruiter, "GET", "/v1/organisation/people", nullptr).status == 403);
  CHECK(as(recruiter, "GET", "/v1/organisation", nullptr).status == 403);
  CHECK(HttpJson("GET", world.root() + "/v1/organisation/people").status == 401);
  CHECK(as(admin, "POST", "/v1/organisation/connect_links", link).status == 201);
  CHECK(as(admin, "GET", "/v1/organisation/people", nullptr).status == 200);
  CHECK(as(admin, "GET", "/v1/organisation", nullptr).status == 200);

  const auto refused = [&](const json& body) {
    const HttpAnswer answer = world.Api("POST", "/v1/organisation/connect_links", body);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    return json::parse(answer.body).at("error");
  };
  CHECK(refused({{"user", "someone@elsewhere.example"}, {"provider", "zoom"}}).at("code") == "unknown_participant");
  CHECK(refused({{"user", "jonas.becker@kumo.example"}, {"provider", "skype"}}).at("field") == "provider");
  CHECK(refused({{"user", "jonas.becker@kumo.example"}, {"provider", "zoom"}, {"purpose", "everything"}}).at("field") ==
        "purpose");
  CHECK(refused({{"user", "jonas.becker@kumo.example"}, {"provider", "zoom"}, {"extra", 1}}).at("field") == "extra");

  // A page for a link that is not one: a clear page, no button.
  const HttpAnswer forged = HttpGet(world.root() + "/connect?link=swc1_" + std::string(43, 'A'));
  CHECK(forged.status == 400);
  CHECK(forged.body.find("cannot be used") != std::string::npos);
  CHECK(forged.body.find("id=\"connect\"") == std::string::npos);
  CHECK(HttpGet(world.root() + "/connect").status == 400);
}
