// Video edge cases, end to end through POST /v1/interviews against the sandbox: a Meet conference Google refuses,
// a Teams meeting Outlook did not make, and a video kind the organiser's calendar cannot carry. An interview is
// never confirmed without its link, and a refused one leaves no event behind.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "provider_world.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";         // recruiter, Google
const std::string kJonas = "jonas.becker@kumo.example";        // Google, Berlin
const std::string kSanne = "sanne.devries@kumo-labs.example";  // recruiter, Microsoft
const std::string kDaan = "daan.jansen@kumo-labs.example";     // Microsoft, Amsterdam

json VideoBooking(const std::string& organizer, const std::string& interviewer, Instant start,
                  const std::string& provider) {
  return {{"title", "Video edge case"},
          {"organizer", organizer},
          {"start", FormatRfc3339(start)},
          {"end", FormatRfc3339(start + 3600)},
          {"interviewers", {{{"sub", interviewer}}}},
          {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}}},
          {"conferencing", {{"provider", provider}}},
          {"query", {{"start_interval", {{"minutes", 30}}}}}};
}

// The sandbox's record of the interview's calendar events ("google_event" / "graph_event" titled as booked).
std::vector<json> EventsTitled(ProviderWorld& world, const std::string& title) {
  const json objects = world.SandboxGet("/sandbox/objects");
  std::vector<json> events;
  for (const json& object : objects.at("objects")) {
    if ((object.at("type") == "google_event" || object.at("type") == "graph_event") && object.value("title", "") == title) {
      events.push_back(object);
    }
  }
  return events;
}

// POST /v1/interviews that must be accepted (201), then the interview once the outbox is done with it.
json BookSettled(ProviderWorld& world, const json& body, const std::string& key) {
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, key);
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  return world.Settled(json::parse(booked.body).at("id"));
}

}  // namespace

TEST_CASE("Video edge cases: a Meet conference Google refuses fails the interview and leaves no event") {
  ProviderWorld world(true, true);
  world.SandboxPost("/sandbox/faults", {{"kind", "meet_failure"}});
  const Instant ten = FreeWeekDay(world.Now(), 2).midnight + 10 * 3600;
  const json interview = BookSettled(world, VideoBooking(kLena, kJonas, ten, "google_meet"), "meet-failure");
  CHECK(interview.at("status") == "failed");
  CHECK_MESSAGE(interview.value("failure_reason", "").find("Google Meet conference") != std::string::npos, interview.dump());
  CHECK((!interview.contains("conferencing") || !interview.at("conferencing").contains("join_url")));
  const std::vector<json> events = EventsTitled(world, "Video edge case");
  REQUIRE(events.size() == 1);  // made, found again by the compensation, and removed
  CHECK(events[0].at("status") == "deleted");

  // The fault was used up: the same booking again gets its link.
  const json retried = BookSettled(world, VideoBooking(kLena, kJonas, ten, "google_meet"), "meet-after-failure");
  CHECK(retried.at("status") == "confirmed");
  CHECK(retried.at("conferencing").at("join_url").get<std::string>().rfind("https://meet.google.com/", 0) == 0);
}

TEST_CASE("Video edge cases: a Teams meeting Outlook did not make is asked for again on the same event") {
  ProviderWorld world(true, true);
  world.SandboxPost("/sandbox/faults", {{"kind", "teams_meeting_failure"}});
  const Instant eleven = FreeWeekDay(world.Now(), 2).midnight + 11 * 3600;
  const json interview = BookSettled(world, VideoBooking(kSanne, kDaan, eleven, "teams"), "teams-failure");
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  const std::string join_url = interview.at("conferencing").at("join_url");
  CHECK(join_url.rfind("https://teams.microsoft.com/", 0) == 0);
  const std::vector<json> events = EventsTitled(world, "Video edge case");
  REQUIRE(events.size() == 1);  // one event, its meeting added afterwards
  CHECK(events[0].at("status") == "live");
  CHECK(events[0].at("join_url") == join_url);
  CHECK(world.CountRequests("microsoft", "PATCH", "/events/") >= 1);
}

TEST_CASE("Video edge cases: a Teams meeting that never appears fails the interview, and no event is left") {
  ProviderWorld world(true, true);
  world.SandboxPost("/sandbox/faults", {{"kind", "teams_meeting_failure"}, {"times", 1000}});
  const Instant noon = FreeWeekDay(world.Now(), 3).midnight + 12 * 3600;
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", VideoBooking(kSanne, kDaan, noon, "teams"), "teams-never");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  // Each attempt asks Outlook again for the meeting; the outbox waits longer after each (its clock, and the
  // providers', are moved on so that the test does not wait minutes), and gives up after its last attempt.
  json interview = world.Interview(id);
  for (int i = 0; i < 80 && interview.at("status") == "pending"; ++i) {
    world.Advance(300);
    world.SandboxPost("/sandbox/clock", {{"advance_seconds", 300}});
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    interview = world.Interview(id);
  }
  REQUIRE_MESSAGE(interview.at("status") == "failed", interview.dump());
  CHECK_MESSAGE(interview.value("failure_reason", "").find("Teams meeting") != std::string::npos, interview.dump());
  CHECK((!interview.contains("conferencing") || !interview.at("conferencing").contains("join_url")));
  const std::vector<json> events = EventsTitled(world, "Video edge case");
  REQUIRE(events.size() == 1);  // made once, asked again for its meeting on each attempt, removed at the end
  CHECK(events[0].at("status") == "deleted");
  CHECK(world.CountRequests("microsoft", "PATCH", "/events/") >= 2);
}

TEST_CASE("Video edge cases: Meet on an Outlook organiser and Teams on a Google one are refused with a sentence") {
  ProviderWorld world(true, true);
  const Instant start = FreeWeekDay(world.Now(), 3).midnight + 10 * 3600;
  const auto refused = [&](const json& body, const std::string& key) {
    const HttpAnswer answer = world.Api("POST", "/v1/interviews", body, key);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    const json error = json::parse(answer.body).at("error");
    CHECK(error.at("code") == "invalid_request");
    CHECK(error.at("field") == "conferencing.provider");
    return error.at("message").get<std::string>();
  };
  const std::string meet = refused(VideoBooking(kSanne, kDaan, start, "google_meet"), "meet-on-outlook");
  CHECK(meet.find(kSanne + "'s calendar is Microsoft 365") != std::string::npos);
  const std::string teams = refused(VideoBooking(kLena, kJonas, start, "teams"), "teams-on-google");
  CHECK(teams.find(kLena + "'s calendar is Google") != std::string::npos);
  CHECK(EventsTitled(world, "Video edge case").empty());  // nothing was made
  CHECK(world.Api("GET", "/v1/interviews").body.find("Video edge case") == std::string::npos);
}

namespace {

// The sandbox's Zoom meeting of a settled interview.
json ZoomMeetingOf(ProviderWorld& world, const json& interview) {
  const std::string id = interview.at("conferencing").at("meeting_id");
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.at("type") == "zoom_meeting" && object.at("id").dump() == id) return object;
  }
  return nullptr;
}

json ZoomBooking(const std::vector<std::string>& interviewers, Instant start, const std::string& host) {
  json body = VideoBooking(kLena, interviewers.front(), start, "zoom");
  body["interviewers"] = json::array();
  for (const std::string& interviewer : interviewers) body["interviewers"].push_back({{"sub", interviewer}});
  body["conferencing"] = {{"provider", "zoom"}, {"host", host}};
  return body;
}

}  // namespace

TEST_CASE("Video edge cases: a Zoom host who does not attend gets a meeting participants can enter first") {
  ProviderWorld world(true, true);
  // Lena's Zoom account schedules with join before host off (unlocked); her host account is linked with the setting
  // on, so the availability answer lets the interview run without her.
  const Connection zoom = world.Connected("zoom", kLena, kLena);
  REQUIRE(world.Api("PUT", "/v1/host_accounts/zoom:" + kLena,
                    {{"connection_id", zoom.id}, {"settings", {{"join_before_host", true}, {"waiting_room", false}}}})
              .status == 200);
  const Day tuesday = FreeWeekDay(world.Now(), 2);

  // Lena does not attend: the meeting itself must let Jonas and the candidate in.
  const json without_host =
      BookSettled(world, ZoomBooking({kJonas}, tuesday.midnight + 10 * 3600, "zoom:" + kLena), "jbh-host-absent");
  REQUIRE_MESSAGE(without_host.at("status") == "confirmed", without_host.dump());
  const json open_meeting = ZoomMeetingOf(world, without_host);
  REQUIRE(open_meeting.is_object());
  CHECK(open_meeting.at("settings").at("join_before_host") == true);

  // Lena attends: the account's own setting stays (off), she lets people in.
  const json with_host =
      BookSettled(world, ZoomBooking({kJonas, kLena}, tuesday.midnight + 13 * 3600, "zoom:" + kLena), "jbh-host-present");
  REQUIRE_MESSAGE(with_host.at("status") == "confirmed", with_host.dump());
  CHECK(ZoomMeetingOf(world, with_host).at("settings").at("join_before_host") == false);
}

TEST_CASE("Video edge cases: join before host locked off by the Zoom admin fails the interview, no meeting left") {
  ProviderWorld world(true, true);
  // Daan gets a Zoom user on an account whose administrator locked join before host off.
  world.SandboxPost("/sandbox/seed",
                    {{"zoom_accounts", {{{"id", "kumo-zoom-locked"}, {"personal", false},
                                         {"settings", {{"join_before_host", false}, {"waiting_room", false}}},
                                         {"locks", {{"join_before_host", true}}}}}},
                     {"users", {{{"provider", "zoom"}, {"email", kDaan}, {"name", "Daan Jansen"},
                                 {"time_zone", "Europe/Amsterdam"}, {"zoom_account", "kumo-zoom-locked"}}}}});
  const Connection zoom = world.Connected("zoom", kDaan, kDaan);
  // Linked with a stale setting (on): the availability answer trusts it.
  REQUIRE(world.Api("PUT", "/v1/host_accounts/zoom:" + kDaan,
                    {{"connection_id", zoom.id}, {"settings", {{"join_before_host", true}, {"waiting_room", false}}}})
              .status == 200);
  const Instant wednesday_ten = FreeWeekDay(world.Now(), 3).midnight + 10 * 3600;
  const json interview = BookSettled(world, ZoomBooking({kJonas}, wednesday_ten, "zoom:" + kDaan), "jbh-locked");
  CHECK(interview.at("status") == "failed");
  CHECK_MESSAGE(interview.value("failure_reason", "").find("join before the host") != std::string::npos, interview.dump());
  // The meeting Zoom made is removed by the compensation; no calendar event was made.
  const json objects = world.SandboxGet("/sandbox/objects");
  int meetings = 0;
  for (const json& object : objects.at("objects")) {
    if (object.at("type") != "zoom_meeting" || object.value("topic", "") != "Video edge case") continue;  // not the probe
    ++meetings;
    CHECK(object.at("status") == "deleted");
  }
  CHECK(meetings == 1);
  CHECK(EventsTitled(world, "Video edge case").empty());
}
