// End to end: the adapters against the sandbox with connection tokens — events and meetings with video links
// (create, update, delete), the chunking limits counted at the sandbox, and resilience (429 + Retry-After, 5xx,
// slow responses) without a single request lacking a timeout.
#include <doctest/doctest.h>

#include <chrono>

#include "provider_world.h"
#include "providers/google_calendar.h"
#include "providers/goto_meetings.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/teams_messages.h"
#include "providers/zoom_meetings.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// The sandbox's record of an object created through its APIs (null when absent).
json SandboxObject(ProviderWorld& world, const std::string& type, const std::string& id) {
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    const json& object_id = object.at("id");  // Zoom and GoTo ids are numbers on the wire
    if (object.at("type") == type && (object_id.is_string() ? object_id.get<std::string>() : object_id.dump()) == id) {
      return object;
    }
  }
  return nullptr;
}

providers::EventSpec Interview(const ProviderWorld& world, const std::string& key, providers::VideoKind video,
                               const std::string& room) {
  providers::EventSpec spec;
  spec.idempotency_key = key;
  spec.summary = "Interview: Backend engineer (Mika Virtanen)";
  spec.start = (world.Now() / 3600 + 48) * 3600;
  spec.end = spec.start + 3600;
  spec.time_zone = "Europe/Berlin";
  spec.video = video;
  spec.attendees.push_back({"jonas.becker@kumo.example", "Jonas Becker", false, false});
  if (!room.empty()) spec.attendees.push_back({room, "Room", false, true});
  spec.send_updates = providers::SendUpdates::kNone;
  return spec;
}

}  // namespace

TEST_CASE("Calls: a Google event with a Meet link and a room is created once, moved and deleted") {
  ProviderWorld world;
  const Connection connection = world.Connected("google", "lena.fischer@kumo.example");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle));
  providers::EventSpec spec =
      Interview(world, "booking-42", providers::VideoKind::kMeet, "c_berlin-spree@resource.calendar.google.com");
  Result<providers::CreatedEvent> created = calendar.CreateEvent(spec);
  REQUIRE_MESSAGE(created.ok(), (created ? "" : created.error().message));
  CHECK(created->join_url.rfind("https://meet.google.com/", 0) == 0);
  CHECK(created->conference == providers::ConferenceStatus::kSuccess);
  // A retry with the same idempotency key (e.g. after a lost response) returns the same event, not a second one.
  Result<providers::CreatedEvent> retried = calendar.CreateEvent(spec);
  REQUIRE(retried.ok());
  CHECK(retried->id == created->id);
  CHECK(SandboxObject(world, "google_event", created->id).at("status") == "live");

  spec.start += 1800;
  spec.end += 1800;
  Result<providers::CreatedEvent> moved = calendar.UpdateEvent(created->id, spec);
  REQUIRE_MESSAGE(moved.ok(), (moved ? "" : moved.error().message));
  Result<providers::CreatedEvent> read = calendar.GetEvent(created->id);
  REQUIRE(read.ok());
  CHECK(read->join_url == created->join_url);  // moving keeps the same Meet link

  REQUIRE(calendar.DeleteEvent(created->id).ok());
  CHECK(calendar.DeleteEvent(created->id).ok());  // idempotent
  CHECK(SandboxObject(world, "google_event", created->id).at("status") == "deleted");
}

TEST_CASE("Calls: a Graph event with a Teams meeting uses transactionId, moves and is deleted") {
  ProviderWorld world;
  const Connection connection = world.Connected("microsoft", "sanne.devries@kumo-labs.example");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::MicrosoftGraphCalendar calendar(world.runtime().transport(), *source,
                                             world.ApiBase(oauth::Provider::kMicrosoft));
  providers::EventSpec spec = Interview(world, "booking-77", providers::VideoKind::kTeams, "room-amstel@kumo-labs.example");
  spec.attendees[0].email = "daan.jansen@kumo-labs.example";
  Result<providers::CreatedEvent> created = calendar.CreateEvent(spec);
  REQUIRE_MESSAGE(created.ok(), (created ? "" : created.error().message));
  CHECK(created->join_url.rfind("https://teams.microsoft.com/l/meetup-join/", 0) == 0);
  CHECK_FALSE(created->ical_uid.empty());
  const int posts = world.CountRequests("microsoft", "POST", "/events");
  Result<providers::CreatedEvent> retried = calendar.CreateEvent(spec);
  REQUIRE(retried.ok());
  CHECK(retried->id == created->id);
  CHECK(world.CountRequests("microsoft", "POST", "/events") == posts + 1);  // sent again; the provider deduplicated

  spec.start += 3600;
  spec.end += 3600;
  REQUIRE(calendar.UpdateEvent(created->id, spec).ok());
  REQUIRE(calendar.DeleteEvent(created->id).ok());
  CHECK(SandboxObject(world, "graph_event", created->id).at("status") == "deleted");
}

TEST_CASE("Calls: Zoom and GoTo meetings are created, updated and deleted with their join links") {
  ProviderWorld world;
  SUBCASE("Zoom, an account whose admin locked the passcode on") {
    const Connection connection = world.Connected("zoom", "lena.fischer@kumo.example");
    auto source = world.runtime().tokens().SourceFor(connection.id);
    providers::ZoomMeetings zoom(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kZoom));
    providers::ZoomMeetingSpec spec;
    spec.topic = "Interview: Backend engineer";
    spec.start = (world.Now() / 3600 + 48) * 3600;
    spec.duration_minutes = 60;
    spec.timezone = "Europe/Berlin";
    Result<providers::ZoomMeeting> meeting = zoom.CreateMeeting(spec);
    REQUIRE_MESSAGE(meeting.ok(), (meeting ? "" : meeting.error().message));
    CHECK(meeting->join_url.find("zoom.us/j/" + meeting->id) != std::string::npos);
    CHECK_FALSE(meeting->password.empty());  // locked passcode policy applies to API meetings
    spec.duration_minutes = 45;
    CHECK(zoom.UpdateMeeting(meeting->id, spec).ok());
    CHECK(zoom.DeleteMeeting(meeting->id).ok());
    CHECK(zoom.DeleteMeeting(meeting->id).ok());  // gone = done
    CHECK(SandboxObject(world, "zoom_meeting", meeting->id).at("status") == "deleted");
  }
  SUBCASE("GoTo") {
    const Connection connection = world.Connected("goto", "priya.patel@kumo-labs.example");
    auto source = world.runtime().tokens().SourceFor(connection.id);
    providers::GoToMeetings go_to(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoTo));
    providers::GoToMeetingSpec spec;
    spec.subject = "Interview: Backend engineer";
    spec.start = (world.Now() / 3600 + 48) * 3600;
    spec.end = spec.start + 3600;
    Result<providers::GoToMeeting> meeting = go_to.CreateMeeting(spec);
    REQUIRE_MESSAGE(meeting.ok(), (meeting ? "" : meeting.error().message));
    CHECK_FALSE(meeting->join_url.empty());
    CHECK(go_to.HostUrl(meeting->meeting_id).ok());
    spec.end += 1800;
    CHECK(go_to.UpdateMeeting(meeting->meeting_id, spec).ok());
    CHECK(go_to.DeleteMeeting(meeting->meeting_id).ok());
    CHECK(SandboxObject(world, "goto_meeting", meeting->meeting_id).at("status") == "deleted");
  }
}

TEST_CASE("Calls: free/busy is chunked within the providers' limits, counted at the sandbox") {
  ProviderWorld world;
  SUBCASE("Google: 120 calendars over 100 days -> 3 x 2 calls of at most 50 calendars and 60 days") {
    const Connection connection = world.Connected("google", "lena.fischer@kumo.example");
    auto source = world.runtime().tokens().SourceFor(connection.id);
    providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle));
    std::vector<std::string> ids = {"lena.fischer@kumo.example", "ken.sato@kumo.example"};
    while (ids.size() < 120) ids.push_back("nobody-" + std::to_string(ids.size()) + "@kumo.example");
    REQUIRE(HttpJson("DELETE", world.sandbox_root() + "/sandbox/requests").status / 100 == 2);
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy(ids, {world.Now(), world.Now() + 100 * 86400}, "UTC");
    REQUIRE(busy.ok());
    REQUIRE(busy->size() == 120);
    CHECK(world.CountRequests("google", "POST", "/calendar/v3/freeBusy") == 6);
    CHECK(busy->at(0).busy.ok());
    CHECK(busy->at(1).busy.ok());
    for (std::size_t i = 2; i < ids.size(); ++i) {
      CAPTURE(i);
      REQUIRE_FALSE(busy->at(i).busy.ok());
      // notFound from the provider, never the sandbox's "too many calendars" or "range too long" refusal.
      CHECK(busy->at(i).busy.error().message.find("notFound") != std::string::npos);
    }
  }
  SUBCASE("Graph: 45 schedules over 70 days -> 3 x 2 calls of at most 20 schedules and under 62 days") {
    const Connection connection = world.Connected("microsoft", "sanne.devries@kumo-labs.example");
    auto source = world.runtime().tokens().SourceFor(connection.id);
    providers::MicrosoftGraphCalendar calendar(world.runtime().transport(), *source,
                                               world.ApiBase(oauth::Provider::kMicrosoft));
    std::vector<std::string> ids = {"sanne.devries@kumo-labs.example", "daan.jansen@kumo-labs.example"};
    while (ids.size() < 45) ids.push_back("nobody-" + std::to_string(ids.size()) + "@kumo-labs.example");
    REQUIRE(HttpJson("DELETE", world.sandbox_root() + "/sandbox/requests").status / 100 == 2);
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy(ids, {world.Now(), world.Now() + 70 * 86400}, "UTC");
    REQUIRE(busy.ok());
    REQUIRE(busy->size() == 45);
    CHECK(world.CountRequests("microsoft", "POST", "/calendar/getSchedule") == 6);
    CHECK(busy->at(0).busy.ok());
    CHECK(busy->at(1).busy.ok());
    CHECK_FALSE(busy->at(44).busy.ok());
  }
}

TEST_CASE("Calls: 429 with Retry-After is honoured, 5xx retried, slow answers time out") {
  ProviderWorld world;
  const Connection connection = world.Connected("google", "lena.fischer@kumo.example");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  const Interval week = {world.Now(), world.Now() + 7 * 86400};
  SUBCASE("429 Retry-After: 1 -> waits about a second, then succeeds") {
    providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle));
    world.SandboxPost("/sandbox/faults", {{"provider", "google"}, {"method", "POST"},
                                          {"path_prefix", "/google/calendar/v3/freeBusy"}, {"status", 429},
                                          {"retry_after", "1"}, {"times", 1}});
    const auto started = std::chrono::steady_clock::now();
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, week, "UTC");
    const auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE(busy.ok());
    CHECK(busy->front().busy.ok());
    CHECK(waited >= std::chrono::milliseconds(950));
    CHECK(world.CountRequests("google", "POST", "/calendar/v3/freeBusy") == 3);  // check + 429 + retry
  }
  SUBCASE("503 twice -> the third attempt succeeds") {
    providers::RetryPolicy fast;
    fast.base_delay = std::chrono::milliseconds(10);
    providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle),
                                       fast);
    world.SandboxPost("/sandbox/faults", {{"provider", "google"}, {"path_prefix", "/google/calendar/v3/freeBusy"},
                                          {"status", 503}, {"times", 2}});
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, week, "UTC");
    REQUIRE(busy.ok());
    CHECK_MESSAGE(busy->front().busy.ok(), (busy->front().busy.ok() ? std::string() : busy->front().busy.error().message));
  }
  SUBCASE("a 3 s answer against a 300 ms timeout fails as unavailable, bounded in time") {
    providers::RetryPolicy impatient;
    impatient.timeout = std::chrono::milliseconds(300);
    impatient.max_attempts = 2;
    impatient.base_delay = std::chrono::milliseconds(10);
    providers::GoogleCalendar calendar(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kGoogle),
                                       impatient);
    world.SandboxPost("/sandbox/faults", {{"provider", "google"}, {"path_prefix", "/google/calendar/v3/freeBusy"},
                                          {"delay_ms", 3000}, {"times", 2}});
    const auto started = std::chrono::steady_clock::now();
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy({connection.account_email}, week, "UTC");
    const auto took = std::chrono::steady_clock::now() - started;
    const bool failed = !busy.ok() || !busy->front().busy.ok();
    CHECK(failed);
    CHECK(took < std::chrono::milliseconds(2500));
  }
}

TEST_CASE("Calls: the transport refuses any request without a timeout") {
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
  net::HttpRequest request;
  request.url = "http://127.0.0.1:9/never";
  Result<net::HttpResponse> response = transport->Send(request);
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().code == "no_timeout");
}

TEST_CASE("Calls: Teams channel messages and Workflows webhooks carry an Adaptive Card") {
  ProviderWorld world;
  // Connected for hr_posting: the purpose that asks ChannelMessage.Send (Graph refuses a post without it).
  const Connection connection =
      world.Connected("microsoft", "daan.jansen@kumo-labs.example", "recruiter-1", "hr_posting");
  auto source = world.runtime().tokens().SourceFor(connection.id);
  providers::TeamsMessages teams(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kMicrosoft));
  const json card = {{"type", "AdaptiveCard"}, {"version", "1.2"},
                     {"body", json::array({{{"type", "TextBlock"}, {"text", "Heute abwesend: Anna Schmidt"}}})}};
  const std::string team = "b8f2c3a1-0000-4000-8000-00000000d3a0";
  Result<std::string> posted = teams.PostChannelMessage(team, "19:hiring-updates@thread.tacv2", card);
  REQUIRE_MESSAGE(posted.ok(), (posted ? "" : posted.error().message));
  CHECK_FALSE(posted->empty());
  CHECK(SandboxObject(world, "teams_message", *posted).is_object());
  // A private channel the user is not a member of is refused by the provider, and the error says so.
  Result<std::string> refused = teams.PostChannelMessage(team, "19:hr-confidential@thread.tacv2", card);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "provider_forbidden");

  providers::TeamsWebhook webhook(world.runtime().transport());
  Result<bool> delivered = webhook.PostWorkflowWebhook(world.sandbox_root() + "/microsoft/workflows/hr-daily", card);
  REQUIRE_MESSAGE(delivered.ok(), (delivered ? "" : delivered.error().message));
  bool seen = false;
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.at("type") == "workflow_post") seen = object.dump().find("Heute abwesend") != std::string::npos;
  }
  CHECK(seen);
}
