// End to end: access-token refresh through the token manager against the sandbox — expiry, single flight under
// concurrency, refresh-token rotation (Zoom), revoked grants (reauth_needed) and revoked consent (consent_required).
#include <doctest/doctest.h>

#include <thread>

#include "provider_world.h"
#include "providers/google_calendar.h"
#include "providers/goto_meetings.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/zoom_meetings.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

Interval NextWeek(const ProviderWorld& world) { return {world.Now(), world.Now() + 7 * 86400}; }

}  // namespace

TEST_CASE("Refresh: an access token the provider expired is refreshed once and the call succeeds") {
  ProviderWorld world;
  const Connection connection = world.Connected("google", "lena.fischer@kumo.example");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle));
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "google"}});
  const int refreshes_before = world.CountRequests("google", "POST", "/google/token", "refresh_token");
  Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC");
  REQUIRE_MESSAGE(busy.ok(), (busy ? "" : busy.error().message));
  CHECK(busy->front().busy.ok());
  CHECK(world.CountRequests("google", "POST", "/google/token", "refresh_token") == refreshes_before + 1);
  // The new token is stored (sealed): a fresh read of the connection carries it, and it works without refreshing.
  Result<std::optional<Connection>> reloaded = world.runtime().connections().Find(connection.id);
  REQUIRE(reloaded.ok());
  CHECK(reloaded->value().access_token != connection.access_token);
  CHECK(calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC").ok());
  CHECK(world.CountRequests("google", "POST", "/google/token", "refresh_token") == refreshes_before + 1);
}

TEST_CASE("Refresh: 50 concurrent calls on an expired token cause exactly one refresh") {
  ProviderWorld world;
  const Connection connection = world.Connected("microsoft", "daan.jansen@kumo-labs.example");
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "microsoft"}});
  const int before = world.CountRequests("microsoft", "POST", "/oauth2/v2.0/token", "refresh_token");
  const std::int64_t started_before = world.runtime().tokens().refreshes_started();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&] {
      auto source = world.runtime().tokens().SourceFor(connection.id);
      providers::MicrosoftGraphCalendar calendar(world.runtime().transport(), *source,
                                                 world.ApiBase(oauth::Provider::kMicrosoft));
      Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC");
      if (busy.ok() && busy->front().busy.ok()) ++ok;
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(ok.load() == 50);
  CHECK(world.CountRequests("microsoft", "POST", "/oauth2/v2.0/token", "refresh_token") == before + 1);
  CHECK(world.runtime().tokens().refreshes_started() == started_before + 1);
}

TEST_CASE("Refresh: Zoom rotates the refresh token on every refresh and the new one is saved before use") {
  ProviderWorld world;
  const Connection connection = world.Connected("zoom", "ken.sato@kumo.example");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::ZoomMeetings zoom(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kZoom));
  std::string previous_refresh = connection.refresh_token;
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "zoom"}});
    Result<providers::ZoomUser> me = zoom.GetMe();
    REQUIRE_MESSAGE(me.ok(), (me ? "" : me.error().message));
    CHECK(me->email == "ken.sato@kumo.example");
    Result<std::optional<Connection>> reloaded = world.runtime().connections().Find(connection.id);
    REQUIRE(reloaded.ok());
    const std::string stored_refresh = reloaded->value().refresh_token;
    CHECK(stored_refresh != previous_refresh);  // rotated, and the rotation was saved
    previous_refresh = stored_refresh;
  }
  // The old refresh token is dead at Zoom: using it directly fails with invalid_grant.
  const oauth::OAuthClient* client = world.runtime().providers().Client(oauth::Provider::kZoom);
  Result<oauth::TokenSet> stale = client->Refresh(connection.refresh_token, world.Now());
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == "reauth_needed");
}

TEST_CASE("Refresh: a revoked grant marks the connection reauth_needed, visibly, and later calls fail fast") {
  ProviderWorld world;
  const Connection connection = world.Connected("google", "jonas.becker@kumo.example");
  world.SandboxPost("/sandbox/faults", {{"kind", "revoke_refresh_tokens"}, {"provider", "google"}});
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "google"}});
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle));
  Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC");
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.error().code == "reauth_needed");
  const json listed = world.ListedConnection("recruiter-1", "google");
  CHECK(listed.at("status") == "reauth_needed");
  CHECK_FALSE(listed.value("status_message", "").empty());
  const int refreshes = world.CountRequests("google", "POST", "/google/token", "refresh_token");
  CHECK(calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC").error().code == "reauth_needed");
  CHECK(world.CountRequests("google", "POST", "/google/token", "refresh_token") == refreshes);  // no new attempt
  // Connecting again heals it.
  world.Connected("google", "jonas.becker@kumo.example");
  CHECK(world.ListedConnection("recruiter-1", "google").at("status") == "active");
}

TEST_CASE("Refresh: revoked Microsoft consent (AADSTS65001) asks for an administrator with the consent link") {
  ProviderWorld world;
  const Connection connection = world.Connected("microsoft", "priya.patel@kumo-labs.example");
  world.SandboxPost("/sandbox/faults", {{"kind", "consent_revoked"}, {"user", "priya.patel@kumo-labs.example"}});
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "microsoft"}});
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::MicrosoftGraphCalendar calendar(world.runtime().transport(), *source,
                                             world.ApiBase(oauth::Provider::kMicrosoft));
  Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC");
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.error().code == "consent_required");
  const json listed = world.ListedConnection("recruiter-1", "microsoft");
  CHECK(listed.at("status") == "consent_required");
  const std::string message = listed.value("status_message", "");
  CHECK(message.find("/v2.0/adminconsent?client_id=") != std::string::npos);
  CHECK(message.find("administrator") != std::string::npos);
}

TEST_CASE("Refresh: a Microsoft calendar connected without rooms asks for no admin-only scope, before or after a refresh") {
  ProviderWorld world(true, true);  // tenants on: the purpose travels in the connect ticket
  const HttpAnswer bogus = world.Api("POST", "/v1/connections/start",
                                     {{"provider", "microsoft"}, {"user", "recruiter-1"}, {"purpose", "everything"}});
  CHECK(bogus.status == 422);
  CHECK(bogus.body.find("\"purpose\"") != std::string::npos);

  const ProviderWorld::Flow flow =
      world.Connect("microsoft", "recruiter-1", "priya.patel@kumo-labs.example", "allow", "calendar");
  REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
  CHECK(flow.start.location.find("Calendars.ReadWrite") != std::string::npos);
  CHECK(flow.start.location.find("Place.Read.All") == std::string::npos);
  Result<std::optional<Connection>> found =
      world.runtime().connections().FindForUser("kumo", "recruiter-1", oauth::Provider::kMicrosoft);
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  const Connection connection = **found;
  CHECK(connection.scopes.find("Place.Read.All") == std::string::npos);
  bool rooms_skipped = false;
  const std::vector<FunctionCheck> checks = world.runtime().connections().Checks(connection.id).value();
  for (const FunctionCheck& check : checks) {
    if (check.name == "list_rooms") rooms_skipped = check.outcome == "skipped";
  }
  CHECK(rooms_skipped);

  // A refresh asks for what was granted, not for the registration's every scope (Microsoft answers AADSTS65001 to
  // a scope the user never consented to, as the sandbox does).
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "microsoft"}});
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::MicrosoftGraphCalendar calendar(world.runtime().transport(), *source,
                                             world.ApiBase(oauth::Provider::kMicrosoft));
  Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, NextWeek(world), "UTC");
  REQUIRE_MESSAGE(busy.ok(), (busy ? "" : busy.error().message));
  CHECK(world.CountRequests("microsoft", "POST", "/token", "refresh_token") >= 1);
  const Result<std::optional<Connection>> reloaded = world.runtime().connections().Find(connection.id);
  REQUIRE(reloaded.ok());
  REQUIRE(reloaded->has_value());
  const Connection& refreshed = **reloaded;
  CHECK(refreshed.status == ConnectionStatus::kActive);
  CHECK(refreshed.scopes.find("Place.Read.All") == std::string::npos);
}

TEST_CASE("Refresh: GoTo keeps its refresh token; an expired access token is refreshed and the meeting is made") {
  ProviderWorld world;
  const Connection connection = world.Connected("goto", "sanne.devries@kumo-labs.example");
  world.SandboxPost("/sandbox/faults", {{"kind", "expire_access_tokens"}, {"provider", "goto"}});
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::GoToMeetings go_to(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoTo));
  providers::GoToMeetingSpec spec;
  spec.subject = "Interview";
  spec.start = (world.Now() / 3600 + 30) * 3600;
  spec.end = spec.start + 3600;
  const int before = world.CountRequests("goto", "POST", "/goto/oauth/token", "refresh_token");
  Result<providers::GoToMeeting> meeting = go_to.CreateMeeting(spec);
  REQUIRE_MESSAGE(meeting.ok(), (meeting ? "" : meeting.error().message));
  CHECK(world.CountRequests("goto", "POST", "/goto/oauth/token", "refresh_token") == before + 1);
  Result<std::optional<Connection>> reloaded = world.runtime().connections().Find(connection.id);
  REQUIRE(reloaded.ok());
  CHECK(reloaded->value().access_token != connection.access_token);
  CHECK(reloaded->value().refresh_token == connection.refresh_token);  // GoTo does not rotate
  CHECK(go_to.DeleteMeeting(meeting->meeting_id).ok());
}
