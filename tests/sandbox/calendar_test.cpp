// Google Calendar v3 and Microsoft Graph calendars: free/busy, schedules, events, Meet and Teams links.
#include <doctest/doctest.h>

#include "sandbox_test_util.h"
#include "slotwise/time.h"

using namespace slotwise::sandbox;
using namespace slotwise::sandbox::testing;

namespace {
json Body(const httplib::Result& res) { return json::parse(res->body); }
const char* kFrom = "2030-03-04T00:00:00Z";  // a Monday
const char* kTo = "2030-03-05T00:00:00Z";
}  // namespace

TEST_CASE("Sandbox: Google freeBusy merges busy events, skips free and cancelled ones, reports per-calendar errors") {
  LiveSandbox sandbox(SandboxOptions{.seed_demo_org = false});
  json seed = {{"users", json::array({{{"provider", "google"}, {"email", "a@kumo.example"}, {"time_zone", "Europe/Berlin"}},
                                      {{"provider", "google"}, {"email", "b@kumo.example"}}})},
               {"events", json::array({
                   {{"provider", "google"}, {"calendar", "a@kumo.example"}, {"start", "2030-03-04T09:00:00Z"}, {"end", "2030-03-04T10:00:00Z"}},
                   {{"provider", "google"}, {"calendar", "a@kumo.example"}, {"start", "2030-03-04T09:30:00Z"}, {"end", "2030-03-04T11:00:00Z"}, {"show_as", "tentative"}},
                   {{"provider", "google"}, {"calendar", "a@kumo.example"}, {"start", "2030-03-04T12:00:00Z"}, {"end", "2030-03-04T13:00:00Z"}, {"show_as", "free"}},
                   {{"provider", "google"}, {"calendar", "a@kumo.example"}, {"start", "2030-03-03T23:00:00Z"}, {"end", "2030-03-04T01:00:00Z"}},
               })}};
  REQUIRE(sandbox.PostJson("/sandbox/seed", seed)->status == 200);
  std::string token = sandbox.Token("google", "b@kumo.example");
  json items = json::array({{{"id", "a@kumo.example"}}, {{"id", "nobody@kumo.example"}}});
  for (int i = 0; i < 50; ++i) items.push_back({{"id", "b@kumo.example"}});  // 52 items in all
  items.push_back({{"id", "late@kumo.example"}});
  auto res = sandbox.PostJson("/google/calendar/v3/freeBusy", {{"timeMin", kFrom}, {"timeMax", kTo}, {"items", items}}, token);
  REQUIRE(res->status == 200);
  json body = Body(res);
  CHECK(body["kind"] == "calendar#freeBusy");
  json expected_busy = json::array({{{"start", "2030-03-04T00:00:00Z"}, {"end", "2030-03-04T01:00:00Z"}},
                                    {{"start", "2030-03-04T09:00:00Z"}, {"end", "2030-03-04T11:00:00Z"}}});
  CHECK(body["calendars"]["a@kumo.example"]["busy"] == expected_busy);
  CHECK(body["calendars"]["nobody@kumo.example"]["errors"][0]["reason"] == "notFound");
  CHECK(body["calendars"]["late@kumo.example"]["errors"][0]["reason"] == "tooManyCalendarsRequested");

  auto empty = sandbox.PostJson("/google/calendar/v3/freeBusy", {{"timeMin", kFrom}, {"timeMax", kFrom}, {"items", json::array()}}, token);
  CHECK(empty->status == 400);
  CHECK(Body(empty)["error"]["errors"][0]["reason"] == "timeRangeEmpty");
  auto too_long = sandbox.PostJson("/google/calendar/v3/freeBusy", {{"timeMin", "2030-01-01T00:00:00Z"}, {"timeMax", "2030-04-02T00:00:00Z"}}, token);
  CHECK(too_long->status == 400);
}

TEST_CASE("Sandbox: Google events insert with a Meet link, client ids, duplicates, scopes and sync tokens") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("google", "lena.fischer@kumo.example");
  json event = {{"id", "interv0001"}, {"summary", "Interview"},
                {"start", {{"dateTime", "2030-03-04T10:00:00+01:00"}}}, {"end", {{"dateTime", "2030-03-04T11:00:00+01:00"}}},
                {"attendees", json::array({{{"email", "c_berlin-spree@resource.calendar.google.com"}, {"resource", true}},
                                           {{"email", "candidate@example.org"}}})},
                {"conferenceData", {{"createRequest", {{"requestId", "r1"}, {"conferenceSolutionKey", {{"type", "hangoutsMeet"}}}}}}}};
  auto list = sandbox.Get("/google/calendar/v3/calendars/primary/events", token);
  std::string sync = Body(list)["nextSyncToken"];
  auto created = sandbox.PostJson("/google/calendar/v3/calendars/primary/events?conferenceDataVersion=1&sendUpdates=all", event, token);
  REQUIRE(created->status == 200);
  json body = Body(created);
  CHECK(body["id"] == "interv0001");
  CHECK(body["conferenceData"]["createRequest"]["status"]["statusCode"] == "success");
  std::string uri = body["conferenceData"]["entryPoints"][0]["uri"];
  CHECK(uri.rfind("https://meet.google.com/", 0) == 0);
  CHECK(uri.size() == std::string("https://meet.google.com/xxx-xxxx-xxx").size());
  CHECK(body["hangoutLink"] == uri);
  CHECK(body["attendees"][0]["responseStatus"] == "accepted");  // the room was free
  CHECK(body["attendees"][1]["responseStatus"] == "needsAction");

  auto duplicate = sandbox.PostJson("/google/calendar/v3/calendars/primary/events", event, token);
  CHECK(duplicate->status == 409);
  CHECK(Body(duplicate)["error"]["errors"][0]["reason"] == "duplicate");
  json bad_id = event;
  bad_id["id"] = "UPPER-case";
  CHECK(sandbox.PostJson("/google/calendar/v3/calendars/primary/events", bad_id, token)->status == 400);

  // The room is now busy in freeBusy.
  auto fb = sandbox.PostJson("/google/calendar/v3/freeBusy", {{"timeMin", "2030-03-04T00:00:00Z"}, {"timeMax", "2030-03-05T00:00:00Z"},
                                                              {"items", json::array({{{"id", "c_berlin-spree@resource.calendar.google.com"}}})}}, token);
  CHECK(Body(fb)["calendars"]["c_berlin-spree@resource.calendar.google.com"]["busy"] ==
        json::array({{{"start", "2030-03-04T09:00:00Z"}, {"end", "2030-03-04T10:00:00Z"}}}));

  // Without conferenceDataVersion=1 no conference is created.
  json plain = event;
  plain["id"] = "interv0002";
  CHECK_FALSE(Body(sandbox.PostJson("/google/calendar/v3/calendars/primary/events", plain, token)).contains("hangoutLink"));

  // Incremental sync sees both inserts; a made-up token needs a full sync.
  auto changes = sandbox.Get("/google/calendar/v3/calendars/primary/events?syncToken=" + Encode(sync), token);
  REQUIRE(changes->status == 200);
  CHECK(Body(changes)["items"].size() == 2);
  CHECK(sandbox.Get("/google/calendar/v3/calendars/primary/events?syncToken=bogus", token)->status == 410);

  auto deleted = sandbox.client().Delete("/google/calendar/v3/calendars/primary/events/interv0001?sendUpdates=none",
                                         httplib::Headers{{"Authorization", "Bearer " + token}});
  CHECK(deleted->status == 204);

  // Read-only scopes cannot write.
  auto readonly = sandbox.PostJson("/sandbox/tokens", {{"provider", "google"}, {"user", "lena.fischer@kumo.example"},
                                                       {"scopes", {"https://www.googleapis.com/auth/calendar.readonly"}}});
  plain["id"] = "interv0003";
  auto forbidden = sandbox.PostJson("/google/calendar/v3/calendars/primary/events", plain, Body(readonly)["access_token"]);
  CHECK(forbidden->status == 403);
  CHECK(Body(forbidden)["error"]["errors"][0]["reason"] == "insufficientPermissions");
}

TEST_CASE("Sandbox: Google sync tokens refuse the filters they cannot honour, report deletions, pages end in a token") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("google", "lena.fischer@kumo.example");
  const std::string events = "/google/calendar/v3/calendars/primary/events";
  // A full listing of a window pages through nextPageToken; only the last page has nextSyncToken.
  std::string sync;
  std::string page;
  int pages = 0;
  do {
    auto res = sandbox.Get(events + "?maxResults=2&timeMin=2000-01-01T00:00:00Z" + (page.empty() ? "" : "&pageToken=" + page), token);
    REQUIRE(res->status == 200);
    json body = Body(res);
    ++pages;
    page = body.value("nextPageToken", "");
    CHECK(body.contains("nextSyncToken") == page.empty());
    if (page.empty()) sync = body["nextSyncToken"].get<std::string>();
  } while (!page.empty() && pages < 100);
  CHECK(pages > 1);  // the demo organisation gives Lena more than two events
  REQUIRE_FALSE(sync.empty());
  for (const char* restricted : {"timeMin=2030-01-01T00:00:00Z", "timeMax=2030-01-01T00:00:00Z", "q=x", "orderBy=updated",
                                 "updatedMin=2030-01-01T00:00:00Z"}) {
    auto refused = sandbox.Get(events + "?syncToken=" + Encode(sync) + "&" + restricted, token);
    CHECK(refused->status == 400);
  }
  // Nothing changed: an empty page with a token.
  auto none = sandbox.Get(events + "?syncToken=" + Encode(sync), token);
  REQUIRE(none->status == 200);
  CHECK(Body(none)["items"].empty());
  json event = {{"id", "deltaprobe1"}, {"summary", "Probe"},
                {"start", {{"dateTime", "2030-03-04T10:00:00Z"}}}, {"end", {{"dateTime", "2030-03-04T11:00:00Z"}}}};
  REQUIRE(sandbox.PostJson(events, event, token)->status == 200);
  auto deleted = sandbox.client().Delete((events + "/deltaprobe1").c_str(), httplib::Headers{{"Authorization", "Bearer " + token}});
  REQUIRE(deleted->status == 204);
  auto changes = sandbox.Get(events + "?syncToken=" + Encode(sync), token);
  REQUIRE(changes->status == 200);
  json body = Body(changes);
  REQUIRE(body["items"].size() == 1);
  CHECK(body["items"][0]["id"] == "deltaprobe1");
  CHECK(body["items"][0]["status"] == "cancelled");
  // The fault invalidates every token: Google's 410 fullSyncRequired.
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "invalidate_sync_tokens"}})->status == 200);
  auto gone = sandbox.Get(events + "?syncToken=" + Encode(body["nextSyncToken"].get<std::string>()), token);
  CHECK(gone->status == 410);
  CHECK(Body(gone)["error"]["errors"][0]["reason"] == "fullSyncRequired");
}

TEST_CASE("Sandbox: Graph calendarView/delta pages a window, then reports changes and removals; a bad token is 410") {
  LiveSandbox sandbox;
  const std::string sanne = "sanne.devries@kumo-labs.example";
  std::string token = sandbox.Token("microsoft", sanne);
  const std::string start = "/microsoft/v1.0/users/" + sanne + "/calendarView/delta";
  auto headers = [&](int page_size) {
    return httplib::Headers{{"Authorization", "Bearer " + token}, {"Prefer", "odata.maxpagesize=" + std::to_string(page_size)}};
  };
  const std::string prefix = "http://127.0.0.1:" + std::to_string(sandbox.port());
  // Follows a round from `path` to its deltaLink; answers the items seen and the deltaLink's path.
  auto round = [&](std::string path, json* items) {
    std::string delta;
    for (int page = 0; page < 100 && delta.empty(); ++page) {
      auto res = sandbox.client().Get(path.c_str(), headers(2));
      REQUIRE(res);
      REQUIRE_MESSAGE(res->status == 200, res->body);
      json body = Body(res);
      REQUIRE(body["value"].size() <= 2);
      for (const json& item : body["value"]) items->push_back(item);
      const std::string next = body.value("@odata.nextLink", "");
      delta = body.value("@odata.deltaLink", "");
      CHECK(next.empty() != delta.empty());
      const std::string link = next.empty() ? delta : next;
      REQUIRE(link.rfind(prefix + "/microsoft/v1.0/", 0) == 0);  // absolute, on the sandbox's base
      path = link.substr(prefix.size());
    }
    return path;
  };
  CHECK(sandbox.client().Get(start.c_str(), headers(2))->status == 400);  // the first request needs the window
  json initial = json::array();
  std::string delta = round(start + "?startDateTime=2000-01-01T00:00:00Z&endDateTime=2100-01-01T00:00:00Z", &initial);
  CHECK(initial.size() > 2);  // Sanne's demo week spans pages
  for (const json& item : initial) CHECK_FALSE(item.contains("@removed"));

  json event = {{"subject", "Probe"}, {"start", {{"dateTime", "2030-03-04T10:00:00"}, {"timeZone", "UTC"}}},
                {"end", {{"dateTime", "2030-03-04T11:00:00"}, {"timeZone", "UTC"}}}};
  auto created = sandbox.PostJson("/microsoft/v1.0/me/events", event, token);
  REQUIRE(created->status == 201);
  const std::string id = Body(created)["id"];
  json changes = json::array();
  std::string next_delta = round(delta, &changes);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["id"] == id);
  CHECK(changes[0]["subject"] == "Probe");

  auto removed = sandbox.client().Delete(("/microsoft/v1.0/me/events/" + Encode(id)).c_str(),
                                         httplib::Headers{{"Authorization", "Bearer " + token}});
  REQUIRE(removed->status == 204);
  json after_delete = json::array();
  round(next_delta, &after_delete);
  REQUIRE(after_delete.size() == 1);
  CHECK(after_delete[0]["id"] == id);
  CHECK(after_delete[0]["@removed"]["reason"] == "deleted");

  // An unknown token is 410 (the client starts over), and so is every token after the fault invalidated them.
  auto other = sandbox.client().Get((start + "?$deltatoken=not-a-token").c_str(), headers(2));
  CHECK(other->status == 410);
  CHECK(Body(other)["error"]["code"] == "SyncStateNotFound");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "invalidate_sync_tokens"}})->status == 200);
  CHECK(sandbox.client().Get(next_delta.c_str(), headers(2))->status == 410);
}

TEST_CASE("Sandbox: Meet creation can be pending and resolves on the next GET") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("google", "jonas.becker@kumo.example");
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "meet_pending"}})->status == 200);
  json event = {{"summary", "x"}, {"start", {{"dateTime", "2030-03-04T10:00:00Z"}}}, {"end", {{"dateTime", "2030-03-04T11:00:00Z"}}},
                {"conferenceData", {{"createRequest", {{"requestId", "r2"}, {"conferenceSolutionKey", {{"type", "hangoutsMeet"}}}}}}}};
  auto created = sandbox.PostJson("/google/calendar/v3/calendars/primary/events?conferenceDataVersion=1", event, token);
  json body = Body(created);
  CHECK(body["conferenceData"]["createRequest"]["status"]["statusCode"] == "pending");
  CHECK_FALSE(body.contains("hangoutLink"));
  auto again = sandbox.Get("/google/calendar/v3/calendars/primary/events/" + body["id"].get<std::string>(), token);
  CHECK(Body(again)["conferenceData"]["createRequest"]["status"]["statusCode"] == "success");
  CHECK(Body(again).contains("hangoutLink"));
}

TEST_CASE("Sandbox: Graph getSchedule computes availabilityView and enforces 20 schedules and 62 days") {
  LiveSandbox sandbox(SandboxOptions{.seed_demo_org = false});
  json seed = {{"tenants", json::array({{{"id", "t1"}, {"domain", "labs.example"}}})},
               {"users", json::array({{{"provider", "microsoft"}, {"email", "m@labs.example"}, {"time_zone", "Europe/Amsterdam"},
                                       {"working_hours", {{"days", {1, 2, 3, 4, 5}}, {"start", "08:30"}, {"end", "17:00"}}}}})},
               {"events", json::array({
                   {{"provider", "microsoft"}, {"calendar", "m@labs.example"}, {"start", "2030-03-04T09:00:00Z"}, {"end", "2030-03-04T10:00:00Z"}},
                   {{"provider", "microsoft"}, {"calendar", "m@labs.example"}, {"start", "2030-03-04T10:00:00Z"}, {"end", "2030-03-04T10:30:00Z"}, {"show_as", "tentative"}},
                   {{"provider", "microsoft"}, {"calendar", "m@labs.example"}, {"start", "2030-03-04T11:30:00Z"}, {"end", "2030-03-04T12:00:00Z"}, {"show_as", "oof"}, {"private", true}, {"summary", "secret"}},
               })}};
  REQUIRE(sandbox.PostJson("/sandbox/seed", seed)->status == 200);
  std::string token = sandbox.Token("microsoft", "m@labs.example");
  json request = {{"schedules", {"m@labs.example", "ghost@labs.example"}},
                  {"startTime", {{"dateTime", "2030-03-04T09:00:00"}, {"timeZone", "UTC"}}},
                  {"endTime", {{"dateTime", "2030-03-04T12:00:00"}, {"timeZone", "UTC"}}},
                  {"availabilityViewInterval", 30}};
  auto res = sandbox.PostJson("/microsoft/v1.0/me/calendar/getSchedule", request, token);
  REQUIRE(res->status == 200);
  json value = Body(res)["value"];
  CHECK(value[0]["availabilityView"] == "221003");
  CHECK(value[0]["scheduleItems"].size() == 3);
  CHECK(value[0]["scheduleItems"][2]["isPrivate"] == true);
  CHECK_FALSE(value[0]["scheduleItems"][2].contains("subject"));
  CHECK(value[0]["scheduleItems"][0]["start"]["dateTime"] == "2030-03-04T09:00:00.0000000");
  CHECK(value[0]["workingHours"]["startTime"] == "08:30:00.0000000");
  CHECK(value[0]["workingHours"]["timeZone"]["name"] == "W. Europe Standard Time");
  CHECK(value[1]["scheduleId"] == "ghost@labs.example");
  CHECK(value[1].contains("error"));

  json many = request;
  many["schedules"] = json::array();
  for (int i = 0; i < 21; ++i) many["schedules"].push_back("m@labs.example");
  CHECK(sandbox.PostJson("/microsoft/v1.0/me/calendar/getSchedule", many, token)->status == 400);
  json long_period = request;
  long_period["endTime"]["dateTime"] = "2030-05-05T09:00:00";  // 62 days
  CHECK(sandbox.PostJson("/microsoft/v1.0/me/calendar/getSchedule", long_period, token)->status == 400);
  long_period["endTime"]["dateTime"] = "2030-05-05T08:00:00";  // just under 62 days
  CHECK(sandbox.PostJson("/microsoft/v1.0/me/calendar/getSchedule", long_period, token)->status == 200);
}

TEST_CASE("Sandbox: Graph events get Teams links, transactionId makes creation idempotent, rooms answer") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("microsoft", "sanne.devries@kumo-labs.example");
  json event = {{"subject", "Interview"}, {"transactionId", "tx-123"}, {"isOnlineMeeting", true},
                {"onlineMeetingProvider", "teamsForBusiness"},
                {"start", {{"dateTime", "2030-03-04T10:00:00"}, {"timeZone", "W. Europe Standard Time"}}},
                {"end", {{"dateTime", "2030-03-04T11:00:00"}, {"timeZone", "W. Europe Standard Time"}}},
                {"attendees", json::array({{{"emailAddress", {{"address", "room-amstel@kumo-labs.example"}}}, {"type", "resource"}}})}};
  auto first = sandbox.PostJson("/microsoft/v1.0/me/events", event, token);
  REQUIRE(first->status == 201);
  json body = Body(first);
  std::string join = body["onlineMeeting"]["joinUrl"];
  CHECK(join.rfind("https://teams.microsoft.com/l/meetup-join/", 0) == 0);
  CHECK_FALSE(body["iCalUId"].get<std::string>().empty());
  CHECK(body["attendees"][0]["status"]["response"] == "accepted");
  auto second = sandbox.PostJson("/microsoft/v1.0/users/sanne.devries@kumo-labs.example/events", event, token);
  REQUIRE(second->status == 201);
  CHECK(Body(second)["id"] == body["id"]);
  auto objects = Body(sandbox.Get("/sandbox/objects"))["objects"];
  int graph_events = 0;
  for (const auto& object : objects) graph_events += object["type"] == "graph_event" ? 1 : 0;
  CHECK(graph_events == 1);

  // Someone else's mailbox with a delegated token: 403.
  CHECK(sandbox.PostJson("/microsoft/v1.0/users/daan.jansen@kumo-labs.example/events", event, token)->status == 403);
  std::string id = body["id"];
  auto patched = sandbox.client().Patch(("/microsoft/v1.0/me/events/" + Encode(id)).c_str(),
                                        httplib::Headers{{"Authorization", "Bearer " + token}},
                                        json{{"subject", "Moved"}}.dump(), "application/json");
  REQUIRE(patched->status == 200);
  CHECK(Body(patched)["subject"] == "Moved");
  auto removed = sandbox.client().Delete(("/microsoft/v1.0/me/events/" + Encode(id)).c_str(),
                                         httplib::Headers{{"Authorization", "Bearer " + token}});
  CHECK(removed->status == 204);
  CHECK(sandbox.Get("/microsoft/v1.0/me/events/" + Encode(id), token)->status == 404);
}

TEST_CASE("Sandbox: Graph rooms are paged with @odata.nextLink") {
  LiveSandbox sandbox;
  std::string token = sandbox.Token("microsoft", "sanne.devries@kumo-labs.example");
  REQUIRE(sandbox.PostJson("/sandbox/seed", {{"rooms", json::array({
      {{"provider", "microsoft"}, {"email", "room-b@kumo-labs.example"}, {"capacity", 3}},
      {{"provider", "microsoft"}, {"email", "room-c@kumo-labs.example"}, {"capacity", 12}}})}})->status == 200);
  auto page = sandbox.Get("/microsoft/v1.0/places/microsoft.graph.room?$top=2", token);
  REQUIRE(page->status == 200);
  CHECK(Body(page)["value"].size() == 2);
  CHECK(Body(page)["value"][0]["capacity"] == 8);
  std::string next = Body(page)["@odata.nextLink"];
  std::string prefix = "http://127.0.0.1:" + std::to_string(sandbox.port());
  REQUIRE(next.rfind(prefix, 0) == 0);
  auto rest = sandbox.Get(next.substr(prefix.size()), token);
  CHECK(Body(rest)["value"].size() == 1);
  CHECK_FALSE(Body(rest).contains("@odata.nextLink"));
  auto lists = sandbox.Get("/microsoft/v1.0/places/microsoft.graph.roomlist", token);
  CHECK(Body(lists)["value"].size() == 1);
}
