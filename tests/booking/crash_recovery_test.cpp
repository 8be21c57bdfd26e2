// crash_recovery_test.cpp — the booking path survives `kill -9` at every instrumented step (backend/booking/
// crash_points.h). A real `slotwise serve --demo` process is started with SLOTWISE_CRASH_AT=<point>, sent a booking and
// must die by SIGKILL; it is started again on the same database and the client retries the same POST with the same
// Idempotency-Key. Afterwards the booking exists exactly once (same interview id, one interview with its title),
// it is confirmed, and the provider sandbox — a separate `slotwise sandbox` process that outlives every crash — holds
// exactly one calendar event for it and, for Zoom bookings, exactly one meeting: nothing lost, no duplicate, no orphan.
// Candidate invitations go to an ATS webhook served by this test: one delivery id per interview (a crash between
// sending and journalling re-sends it with the same id, which receivers de-duplicate).
//
// Every third round crashes twice: the restarted server is killed again at a later point while it resumes the job.
// SLOTWISE_CRASH_ROUNDS=<n> runs n rounds per crash point (default 3; the two Zoom-only meeting points run at most
// 44: the sandbox caps Zoom meeting creates per host and day).
//
// [SECTION] HTTP and the world (sandbox process, server lives, ATS receiver, Zoom host)
// [SECTION] one crash round and its checks
// [SECTION] tests
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "net/url.h"
#include "support/process_harness.h"
#include "slotwise/time.h"
#include "support/http_call.h"
#include "support/loopback_server.h"
#include "support/sandbox_pages.h"
#include "support/temp_dir.h"

namespace {

using nlohmann::json;
using slotwise::testing::ChildProcess;
using slotwise::testing::HttpCall;
using slotwise::testing::LoopbackServer;
using slotwise::testing::OriginInLine;
using slotwise::testing::ProcessExit;
using slotwise::testing::RequestIdOf;
using slotwise::testing::TempDir;
using Answer = slotwise::testing::HttpReply;
using namespace std::chrono_literals;

constexpr const char* kCli = SLOTWISE_CLI_PATH;
constexpr const char* kOrganizer = "lena.fischer@kumo.example";
constexpr const char* kInterviewer = "jonas.becker@kumo.example";  // also the Zoom host: a host must attend
constexpr const char* kZoomHost = "zoom:jonas.becker@kumo.example";
constexpr const char* kRoom = "c_berlin-spree@resource.calendar.google.com";
// The sandbox allows 100 Zoom meeting creates per host and (sandbox) day. Its clock cannot move on instead: the
// server's Google service-account assertions are checked against it. So the two meeting points run at most 44 rounds.
constexpr int kZoomBudget = 90;
constexpr int kMaxMeetingRounds = (kZoomBudget - 2) / 2;

// In booking order (crash_points.h); the meeting points are reached only by Zoom/GoTo bookings.
constexpr std::array<std::string_view, 9> kPoints = {"commit",        "meeting_intent", "meeting_created",
                                                     "event_intent",  "event_created",  "event_recorded",
                                                     "invite_intent", "invite_sent",    "before_confirm"};

bool IsMeetingPoint(std::string_view point) { return point.starts_with("meeting"); }

// The next point after `point` that a booking with (or without) a Zoom meeting reaches; `point` itself at the end.
std::string_view LaterPoint(std::string_view point, bool zoom) {
  for (auto next = std::find(kPoints.begin(), kPoints.end(), point) + 1; next < kPoints.end(); ++next) {
    if (zoom || !IsMeetingPoint(*next)) return *next;
  }
  return point;
}

int RoundsPerPoint() {
  const char* value = std::getenv("SLOTWISE_CRASH_ROUNDS");
  const int rounds = value ? std::atoi(value) : 3;
  return std::max(1, rounds);
}

// [SECTION] HTTP and the world (sandbox process, server lives, ATS receiver, Zoom host)

// One request to `origin` ("http://127.0.0.1:1234"); redirects are not followed.
Answer Send(const std::string& origin, const std::string& method, const std::string& target,
            const std::string& body = {}, const httplib::Headers& headers = {},
            const std::string& content_type = "application/json") {
  return HttpCall(method, origin + target, body, headers, content_type);
}

std::string IdText(const json& id) { return id.is_string() ? id.get<std::string>() : id.dump(); }

struct Delivery {
  std::string delivery_id;
  std::string kind;
};

// Receives the ATS webhook (`email.send` of candidate messages) on an ephemeral loopback port.
class AtsReceiver {
 public:
  AtsReceiver() {
    server_.server().Post("/ats", [this](const httplib::Request& req, httplib::Response& res) {
      const json payload = json::parse(req.body, nullptr, false);
      if (payload.is_object()) {
        std::lock_guard lock(mutex_);
        deliveries_[payload.value("interview_id", "")].push_back(
            {payload.value("delivery_id", ""), payload.value("kind", "")});
      }
      res.status = 200;
    });
    server_.Start();
  }
  ~AtsReceiver() { server_.Stop(); }  // before `deliveries_` goes away
  std::string url() const { return server_.Url("/ats"); }
  std::vector<Delivery> For(const std::string& interview_id, const std::string& kind) {
    std::lock_guard lock(mutex_);
    std::vector<Delivery> found;
    for (const Delivery& delivery : deliveries_[interview_id]) {
      if (delivery.kind == kind) found.push_back(delivery);
    }
    return found;
  }

 private:
  LoopbackServer server_;
  std::mutex mutex_;
  std::map<std::string, std::vector<Delivery>> deliveries_;
};

struct Slot {
  slotwise::Instant start = 0;
  slotwise::Instant end = 0;
};

// The sandbox process, a data folder for the server, the demo tenant's API key, the ATS receiver and a Zoom host.
class CrashWorld {
 public:
  CrashWorld() {
    REQUIRE_MESSAGE(sandbox_.Start({kCli, "sandbox", "--port", "0"}, {}, {"SLOTWISE_CRASH_AT"}), sandbox_.error());
    const std::optional<std::string> line = sandbox_.WaitForLine("provider sandbox is running at", 20s);
    REQUIRE_MESSAGE(line.has_value(), "the sandbox did not start: " << sandbox_.Output());
    sandbox_root_ = OriginInLine(*line);

    // First life: creates the demo tenant, points its ATS webhook here and links jonas's Zoom account as a host.
    std::unique_ptr<ChildProcess> setup = Spawn("");
    const std::string origin = AwaitOrigin(*setup);
    REQUIRE(!origin.empty());
    std::ifstream key_file(dir_.path() / "demo-api-key");
    std::getline(key_file, api_key_);
    REQUIRE_MESSAGE(api_key_.starts_with("swk_"), "no demo API key in " << (dir_.path() / "demo-api-key").string());
    const Answer patched = Api(origin, "PATCH", "/v1/tenant",
                               json{{"ats_webhook_url", ats_.url()}, {"ats_webhook_secret", "crash-test-secret"}}.dump());
    REQUIRE_MESSAGE(patched.status == 200, patched.body);
    LinkZoomHost(origin, kInterviewer, json::object());
    REQUIRE(setup->Terminate().finished);
  }

  // Seeds the sandbox (POST /sandbox/seed) and links `user`'s Zoom account as a host with the settings Slotwise is told
  // (`settings`, possibly stale), in a life of its own.
  void AddZoomHost(const json& seed, const std::string& user, const json& settings) {
    const Answer seeded = Send(sandbox_root_, "POST", "/sandbox/seed", seed.dump());
    REQUIRE_MESSAGE(seeded.status == 200, seeded.body);
    std::unique_ptr<ChildProcess> life = Spawn("");
    const std::string origin = AwaitOrigin(*life);
    REQUIRE(!origin.empty());
    LinkZoomHost(origin, user, settings);
    ++zoom_creates_;  // the connection check's probe meeting
    REQUIRE(life->Terminate().finished);
  }

  ~CrashWorld() { sandbox_.Terminate(); }

  // Starts `slotwise serve --demo` on the world's database; crashing at `crash_at` unless it is empty.
  std::unique_ptr<ChildProcess> Spawn(std::string_view crash_at) {
    auto process = std::make_unique<ChildProcess>();
    ChildProcess::EnvChanges set;
    // The ATS receiver is plain http on 127.0.0.1: allow-listed, as a deployment allows its internal ATS.
    set.emplace_back("SLOTWISE_OUTBOUND_ALLOWED_HOSTS", "127.0.0.1");
    if (!crash_at.empty()) set.emplace_back("SLOTWISE_CRASH_AT", std::string(crash_at));
    const bool started = process->Start({kCli, "serve", "--demo", "--sandbox-url", sandbox_root_, "--db",
                                         (dir_.path() / "slotwise.db").string(), "--port", "0"},
                                        set, {"SLOTWISE_CRASH_AT"});
    REQUIRE_MESSAGE(started, process->error());
    return process;
  }

  // The server's origin once it says it runs ("" when it ended or took longer than 20 s).
  static std::string AwaitOrigin(ChildProcess& process) {
    const std::optional<std::string> line = process.WaitForLine("Slotwise is running at", 20s);
    if (!line) return "";
    return OriginInLine(*line);
  }

  Answer Api(const std::string& origin, const std::string& method, const std::string& target,
             const std::string& body = {}, const std::string& idempotency_key = {}) const {
    httplib::Headers headers = {{"Authorization", "Bearer " + api_key_}};
    if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
    return Send(origin, method, target, body, headers);
  }

  json SandboxObjects() const {
    const Answer answer = Send(sandbox_root_, "GET", "/sandbox/objects");
    REQUIRE_MESSAGE(answer.status == 200, answer.body);
    return answer.Json().at("objects");
  }

  // Distinct 30-minute slots, Tuesday to Friday from the week after next on, 09:00-14:00 UTC (inside lena's and
  // jonas's Berlin working hours in summer and winter time); the demo org's events fill only this week and the next.
  Slot NextSlot() {
    const std::int64_t today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
    const std::int64_t weekday = (today + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
    const std::int64_t next_monday = today - weekday + 14;
    const int index = slots_used_++;
    const std::int64_t day = next_monday + (index / 40) * 7 + 1 + (index % 40) / 10;
    const slotwise::Instant start = day * 86400 + 9 * 3600 + (index % 10) * 1800;
    return {start, start + 1800};
  }

  AtsReceiver& ats() { return ats_; }

  // Takes one Zoom meeting create from the day's budget, keeping `reserve` for later; false when that does not fit.
  bool TryZoom(int reserve) {
    if (zoom_creates_ + 1 + reserve > kZoomBudget) return false;
    ++zoom_creates_;
    return true;
  }

 private:
  // The Zoom OAuth popup driven over HTTP (start -> sandbox authorize page -> consent -> callback), then
  // PUT /v1/host_accounts/zoom:<user> with the new connection (and `settings` when not empty).
  void LinkZoomHost(const std::string& origin, const std::string& user, const json& settings) {
    // The ATS's server asks for the popup's start URL for its user (a ticket in it says who connects).
    const Answer link = Api(origin, "POST", "/v1/connections/start",
                            json{{"provider", "zoom"}, {"user", user}, {"return_origin", origin}, {"login_hint", user}}.dump());
    REQUIRE_MESSAGE(link.status == 201, link.body);
    const std::string start_url = link.Json().at("url").get<std::string>();
    REQUIRE(start_url.starts_with(origin));
    const Answer start = Send(origin, "GET", start_url.substr(origin.size()));
    REQUIRE_MESSAGE(start.status == 302, start.body);
    const std::string cookie = start.Header("Set-Cookie").substr(0, start.Header("Set-Cookie").find(';'));
    const std::string authorize_url = start.Header("Location");
    REQUIRE(authorize_url.starts_with(sandbox_root_));
    const Answer page = Send(sandbox_root_, "GET", authorize_url.substr(sandbox_root_.size()));
    const std::string request_id = RequestIdOf(page.body);
    REQUIRE_MESSAGE((page.status == 200 && !request_id.empty()), page.body);
    const Answer consent = Send(
        sandbox_root_, "POST", "/sandbox/consent",
        slotwise::net::FormEncode({{"request_id", request_id}, {"login", user}, {"decision", "allow"}}), {},
        "application/x-www-form-urlencoded");
    REQUIRE_MESSAGE(consent.status == 302, consent.body);
    const std::string callback = consent.Header("Location");
    REQUIRE(callback.starts_with(origin));
    const Answer done = Send(origin, "GET", callback.substr(origin.size()), {}, {{"Cookie", cookie}});
    REQUIRE_MESSAGE(done.status == 200, done.body);
    const Answer listed =
        Api(origin, "GET", "/v1/connections?user=" + slotwise::net::PercentEncode(user));
    REQUIRE(listed.status == 200);
    std::string connection_id;
    const json connections = listed.Json().at("connections");
    for (const json& connection : connections) {
      if (connection.value("provider", "") == "zoom") connection_id = connection.value("id", "");
    }
    REQUIRE_MESSAGE(!connection_id.empty(), listed.body);
    json host_body = {{"connection_id", connection_id}};
    if (!settings.empty()) host_body["settings"] = settings;
    const Answer host = Api(origin, "PUT", "/v1/host_accounts/zoom:" + user, host_body.dump());
    REQUIRE_MESSAGE(host.status == 200, host.body);
  }

  TempDir dir_{"slotwise-crash"};
  ChildProcess sandbox_;
  std::string sandbox_root_;
  std::string api_key_;
  AtsReceiver ats_;
  int slots_used_ = 0;
  int zoom_creates_ = 1;  // the connection check's probe meeting
};

// [SECTION] one crash round and its checks

struct Booking {
  std::string title;
  std::string key;   // Idempotency-Key
  std::string body;  // sent byte-identical on every retry
  Slot slot;
  bool zoom = false;
};

Booking NewBooking(CrashWorld& world, const std::string& title, bool zoom) {
  Booking booking;
  booking.title = title;
  booking.key = "crash-" + std::to_string(std::hash<std::string>{}(title)) + "-" + std::to_string(std::time(nullptr));
  booking.slot = world.NextSlot();
  booking.zoom = zoom;
  json conferencing = {{"provider", "google_meet"}};
  if (zoom) conferencing = {{"provider", "zoom"}, {"host", kZoomHost}};
  booking.body = json{{"title", title},
                      {"organizer", kOrganizer},
                      {"start", slotwise::FormatRfc3339(booking.slot.start)},
                      {"end", slotwise::FormatRfc3339(booking.slot.end)},
                      {"interviewers", json::array({{{"sub", kInterviewer}}})},
                      {"room", {{"sub", kRoom}}},
                      {"conferencing", conferencing},
                      {"candidate", {{"name", "Jane Doe"}, {"email", "jane@cand.example"}, {"time_zone", "Europe/Berlin"}}},
                      {"query", {{"start_interval", {{"minutes", 30}}}}}}
                     .dump();
  return booking;
}

// Polls GET /v1/interviews/{id} until its status is `status` (or 20 s pass); answers the last view.
json AwaitStatus(CrashWorld& world, const std::string& origin, const std::string& id, const std::string& status) {
  json view;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    const Answer answer = world.Api(origin, "GET", "/v1/interviews/" + id);
    if (answer.status == 200) {
      view = answer.Json();
      if (view.value("status", "") == status) return view;
    }
    std::this_thread::sleep_for(50ms);
  }
  return view;
}

struct ObjectCounts {
  int live_events = 0, all_events = 0, live_meetings = 0, all_meetings = 0;
  json event, meeting;  // the (last) live one
};

ObjectCounts CountObjects(const json& objects, const std::string& title) {
  ObjectCounts counts;
  for (const json& object : objects) {
    const std::string type = object.value("type", "");
    const bool live = object.value("status", "") == "live";
    if (type == "google_event" && object.value("title", "") == title) {
      ++counts.all_events;
      if (live) ++counts.live_events, counts.event = object;
    } else if (type == "zoom_meeting" && object.value("topic", "") == title) {
      ++counts.all_meetings;
      if (live) ++counts.live_meetings, counts.meeting = object;
    }
  }
  return counts;
}

// The booking is confirmed once, with exactly one event (and Zoom meeting) at the providers and one invitation.
void CheckBookedOnce(CrashWorld& world, const std::string& origin, const Booking& booking, const std::string& id,
                     bool invitation_may_repeat) {
  const json view = AwaitStatus(world, origin, id, "confirmed");
  REQUIRE_MESSAGE(view.value("status", "") == "confirmed", "not confirmed within 20 s: " << view.dump());
  const std::string event_id = view.at("event").is_object() ? view.at("event").value("id", "") : "";
  CHECK(!event_id.empty());

  const ObjectCounts counts = CountObjects(world.SandboxObjects(), booking.title);
  CHECK_MESSAGE(counts.live_events == 1, "live events titled '" << booking.title << "': " << counts.live_events);
  CHECK_MESSAGE(counts.all_events == 1, "events ever created titled '" << booking.title << "': " << counts.all_events);
  if (counts.live_events == 1) {
    CHECK(counts.event.value("id", "") == event_id);
    CHECK(counts.event.value("owner", "") == kOrganizer);
  }
  const int expected_meetings = booking.zoom ? 1 : 0;
  CHECK_MESSAGE(counts.live_meetings == expected_meetings, "live Zoom meetings: " << counts.live_meetings);
  CHECK_MESSAGE(counts.all_meetings == expected_meetings, "Zoom meetings ever created: " << counts.all_meetings);
  const json& conferencing = view.at("conferencing");
  if (booking.zoom && counts.live_meetings == 1) {
    CHECK(conferencing.value("meeting_id", "") == IdText(counts.meeting.at("id")));
    CHECK(conferencing.value("join_url", "") == counts.meeting.value("join_url", ""));
  } else if (!booking.zoom && counts.live_events == 1) {
    CHECK(!counts.event.value("meet_link", "").empty());
    CHECK(conferencing.value("join_url", "") == counts.event.value("meet_link", ""));
  }

  const Answer listed =
      world.Api(origin, "GET", "/v1/interviews?from=" + slotwise::FormatRfc3339(booking.slot.start - 3600) +
                                   "&to=" + slotwise::FormatRfc3339(booking.slot.end + 3600));
  REQUIRE(listed.status == 200);
  int same_title = 0;
  const json interviews = listed.Json().at("interviews");
  for (const json& interview : interviews) {
    if (interview.value("title", "") == booking.title) {
      ++same_title;
      CHECK(interview.value("id", "") == id);
    }
  }
  CHECK_MESSAGE(same_title == 1, "interviews titled '" << booking.title << "': " << same_title);

  const std::vector<Delivery> invitations = world.ats().For(id, "candidate_invitation");
  std::set<std::string> delivery_ids;
  for (const Delivery& delivery : invitations) delivery_ids.insert(delivery.delivery_id);
  CHECK_MESSAGE(delivery_ids.size() == 1, "distinct invitation delivery ids: " << delivery_ids.size());
  if (!invitation_may_repeat) CHECK_MESSAGE(invitations.size() == 1, "invitations posted: " << invitations.size());
}

struct RoundStats {
  int rounds = 0, zoom = 0, double_crash = 0;
};

// Crashes a booking at `point` (and, when `chained`, its recovery again at a later point), restarts, retries, checks.
void CrashRound(CrashWorld& world, std::string_view point, int round, bool chained, bool zoom, RoundStats& stats) {
  const Booking booking = NewBooking(world, "Crash test " + std::string(point) + " #" + std::to_string(round + 1), zoom);
  const std::string_view second = chained ? LaterPoint(point, zoom) : std::string_view();
  const std::string context = "crash at " + std::string(point) +
                              (chained ? " then at " + std::string(second) : std::string()) + ", round " +
                              std::to_string(round + 1) + ", " + (zoom ? "Zoom" : "Google Meet") + ", " + booking.title;
  INFO(context);

  // Life 1: book, die at the point.
  std::unique_ptr<ChildProcess> first = world.Spawn(point);
  const std::string first_origin = CrashWorld::AwaitOrigin(*first);
  REQUIRE_MESSAGE(!first_origin.empty(), "the server did not start: " << first->Output());
  const Answer booked = world.Api(first_origin, "POST", "/v1/interviews", booking.body, booking.key);
  std::string first_id;
  if (point == "commit") {
    CHECK_MESSAGE(!booked.connected, "the server answered although it was to die before answering: " << booked.body);
  } else if (booked.connected) {  // the worker may die before or after the answer is written
    REQUIRE_MESSAGE(booked.status == 201, booked.body);
    first_id = booked.Json().value("id", "");
  }
  const ProcessExit died = first->Wait(15s);
  if (!died.finished) first->Kill();
  REQUIRE_MESSAGE(died.KilledBy(SIGKILL), "expected death by SIGKILL at " << point << ", but the server "
                                                                          << died.Describe() << "\n" << first->Output());

  // Life 2 (every third round): the recovery itself is killed at a later point.
  if (chained) {
    std::unique_ptr<ChildProcess> again = world.Spawn(second);
    const ProcessExit died_again = again->Wait(20s);
    if (!died_again.finished) again->Kill();
    REQUIRE_MESSAGE(died_again.KilledBy(SIGKILL), "expected death by SIGKILL at " << second << " while resuming, but "
                                                  << died_again.Describe() << "\n" << again->Output());
    ++stats.double_crash;
  }

  // Last life: no crash; the retried POST answers the booking made before the crash.
  std::unique_ptr<ChildProcess> last = world.Spawn("");
  const std::string origin = CrashWorld::AwaitOrigin(*last);
  REQUIRE_MESSAGE(!origin.empty(), "the server did not restart: " << last->Output());
  const Answer retried = world.Api(origin, "POST", "/v1/interviews", booking.body, booking.key);
  REQUIRE_MESSAGE(retried.status == 201, "retry answered " << retried.status << ": " << retried.body);
  const std::string id = retried.Json().value("id", "");
  REQUIRE(!id.empty());
  if (!first_id.empty()) CHECK(id == first_id);
  const bool may_repeat = point == "invite_sent" || second == "invite_sent";
  CheckBookedOnce(world, origin, booking, id, may_repeat);
  // Not checked for a clean exit: `serve` dies of SIGTERM's default action today (its worker threads start before
  // RunUntilSignal blocks the signal), which is harmless here — recovery does not depend on a clean stop.
  CHECK(last->Terminate().finished);
  ++stats.rounds;
  if (zoom) ++stats.zoom;
}

// One life that sends the booking and dies at `point` (by SIGKILL, as the test requires).
void BookAndDie(CrashWorld& world, const Booking& booking, std::string_view point) {
  std::unique_ptr<ChildProcess> first = world.Spawn(point);
  const std::string first_origin = CrashWorld::AwaitOrigin(*first);
  REQUIRE(!first_origin.empty());
  world.Api(first_origin, "POST", "/v1/interviews", booking.body, booking.key);
  const ProcessExit died = first->Wait(15s);
  if (!died.finished) first->Kill();
  REQUIRE_MESSAGE(died.KilledBy(SIGKILL), died.Describe() << "\n" << first->Output());
}

// The last life: `serve` started without a crash point and the booking's POST retried with its key (201: the
// interview the crash interrupted). Stop `process` at the end.
struct Resumed {
  std::unique_ptr<ChildProcess> process;
  std::string origin;
  std::string id;
};
Resumed RestartAndRetry(CrashWorld& world, const Booking& booking) {
  Resumed resumed;
  resumed.process = world.Spawn("");
  resumed.origin = CrashWorld::AwaitOrigin(*resumed.process);
  REQUIRE(!resumed.origin.empty());
  const Answer retried = world.Api(resumed.origin, "POST", "/v1/interviews", booking.body, booking.key);
  REQUIRE_MESSAGE(retried.status == 201, retried.body);
  resumed.id = retried.Json().value("id", "");
  REQUIRE(!resumed.id.empty());
  return resumed;
}

}  // namespace

// [SECTION] tests

TEST_CASE("Crash recovery: a booking killed at any step is resumed once, with nothing lost, duplicated or orphaned") {
  CrashWorld world;
  const int rounds = RoundsPerPoint();
  const int meeting_rounds = std::min(rounds, kMaxMeetingRounds);
  int total = 0;
  int total_zoom = 0;
  for (std::string_view point : kPoints) {
    const auto started = std::chrono::steady_clock::now();
    RoundStats stats;
    const int point_rounds = IsMeetingPoint(point) ? meeting_rounds : rounds;
    for (int round = 0; round < point_rounds; ++round) {
      // Meeting points need Zoom; the others alternate Google Meet and Zoom while the budget lasts.
      const bool zoom = IsMeetingPoint(point) ? world.TryZoom(0)
                                              : round % 2 == 1 && world.TryZoom(point == "commit" ? 2 * meeting_rounds : 0);
      REQUIRE((zoom || !IsMeetingPoint(point)));
      CrashRound(world, point, round, round % 3 == 2, zoom, stats);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ostringstream summary;
    summary.precision(1);
    summary << std::fixed << point << ": " << stats.rounds << " rounds (" << stats.zoom << " Zoom, "
            << stats.rounds - stats.zoom << " Meet, " << stats.double_crash << " killed again while resuming) in "
            << seconds << " s";
    MESSAGE(summary.str());
    total += stats.rounds;
    total_zoom += stats.zoom;
  }
  // Nothing else anywhere: every event and meeting the sandbox ever saw belongs to one of the bookings above.
  int events = 0;
  int meetings = 0;
  for (const json& object : world.SandboxObjects()) {
    const std::string type = object.value("type", "");
    if (type == "google_event" || type == "graph_event") ++events;
    if ((type == "zoom_meeting" || type == "goto_meeting") && object.value("topic", "").starts_with("Crash test")) {
      ++meetings;
    }
    if (type == "zoom_meeting" && !object.value("topic", "").starts_with("Crash test")) {
      CHECK_MESSAGE(object.value("status", "") == "deleted", "a stray Zoom meeting: " << object.dump());
    }
  }
  CHECK(events == total);
  CHECK(meetings == total_zoom);
}

TEST_CASE("Crash recovery: a booking recovered from a crash at event_created cancels without leaving anything") {
  CrashWorld world;
  // Cancelled once confirmed, and right after the restart (while the resumed job may still be running).
  for (const bool wait_for_confirmation : {true, false}) {
    REQUIRE(world.TryZoom(0));
    const Booking booking = NewBooking(
        world, std::string("Crash then cancel") + (wait_for_confirmation ? " (confirmed)" : " (resuming)"), true);
    INFO(booking.title);
    BookAndDie(world, booking, "event_created");
    const ObjectCounts before = CountObjects(world.SandboxObjects(), booking.title);
    CHECK(before.live_events == 1);  // made just before the crash
    CHECK(before.live_meetings == 1);

    const Resumed last = RestartAndRetry(world, booking);
    const std::string& origin = last.origin;
    const std::string& id = last.id;
    if (wait_for_confirmation) {
      REQUIRE(AwaitStatus(world, origin, id, "confirmed").value("status", "") == "confirmed");
    }
    const Answer cancelled = world.Api(origin, "DELETE", "/v1/interviews/" + id);
    REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);

    ObjectCounts after;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    do {
      std::this_thread::sleep_for(50ms);
      after = CountObjects(world.SandboxObjects(), booking.title);
    } while ((after.live_events > 0 || after.live_meetings > 0) && std::chrono::steady_clock::now() < deadline);
    CHECK_MESSAGE(after.live_events == 0, "live events left: " << after.live_events);
    CHECK_MESSAGE(after.live_meetings == 0, "live Zoom meetings left: " << after.live_meetings);
    CHECK(after.all_events == 1);
    CHECK(after.all_meetings == 1);
    CHECK(AwaitStatus(world, origin, id, "cancelled").value("status", "") == "cancelled");
    // A candidate who was invited hears of the cancellation; one who was not hears nothing.
    const bool invited = !world.ats().For(id, "candidate_invitation").empty();
    const auto mail_deadline = std::chrono::steady_clock::now() + 10s;
    while (invited && world.ats().For(id, "candidate_cancellation").empty() &&
           std::chrono::steady_clock::now() < mail_deadline) {
      std::this_thread::sleep_for(50ms);
    }
    CHECK(world.ats().For(id, "candidate_cancellation").size() == (invited ? 1u : 0u));
    last.process->Terminate();
  }
}

TEST_CASE("Crash recovery: a Zoom meeting found again after a crash is read in full: its dial-in, and the host rule") {
  CrashWorld world;
  // Jonas hosts and attends: the meeting made just before the crash is found again, with the phone dial-in that the
  // candidate's invitation carries.
  REQUIRE(world.TryZoom(0));
  {
    const Booking booking = NewBooking(world, "Crash then dial-in", true);
    BookAndDie(world, booking, "meeting_created");
    const Resumed last = RestartAndRetry(world, booking);
    CheckBookedOnce(world, last.origin, booking, last.id, false);
    const Answer ics = world.Api(last.origin, "GET", "/v1/interviews/" + last.id + "/candidate.ics");
    REQUIRE(ics.status == 200);
    CHECK_MESSAGE(ics.body.find("access code") != std::string::npos, "no dial-in in the invitation: " << ics.body);
    last.process->Terminate();
  }

  // Daan's Zoom account has join before host locked off by its administrator, and Slotwise was told (stale) that it
  // is on. Daan hosts but does not attend: the meeting found again after the crash cannot be entered before him, so the
  // interview fails and the meeting is removed, exactly as when no crash happens.
  const std::string daan = "daan.jansen@kumo-labs.example";
  world.AddZoomHost({{"zoom_accounts", {{{"id", "kumo-zoom-locked"}, {"personal", false},
                                          {"settings", {{"join_before_host", false}, {"waiting_room", false}}},
                                          {"locks", {{"join_before_host", true}}}}}},
                     {"users", {{{"provider", "zoom"}, {"email", daan}, {"name", "Daan Jansen"},
                                 {"time_zone", "Europe/Amsterdam"}, {"zoom_account", "kumo-zoom-locked"}}}}},
                    daan, {{"join_before_host", true}, {"waiting_room", false}});
  REQUIRE(world.TryZoom(0));
  Booking booking = NewBooking(world, "Crash then locked join before host", true);
  json body = json::parse(booking.body);
  body["conferencing"]["host"] = "zoom:" + daan;
  booking.body = body.dump();
  BookAndDie(world, booking, "meeting_created");
  CHECK(CountObjects(world.SandboxObjects(), booking.title).live_meetings == 1);  // made just before the crash

  const Resumed last = RestartAndRetry(world, booking);
  const json view = AwaitStatus(world, last.origin, last.id, "failed");
  CHECK_MESSAGE(view.value("status", "") == "failed", view.dump());
  CHECK_MESSAGE(view.value("failure_reason", "").find("join before the host") != std::string::npos, view.dump());
  ObjectCounts after;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  do {
    std::this_thread::sleep_for(50ms);
    after = CountObjects(world.SandboxObjects(), booking.title);
  } while (after.live_meetings > 0 && std::chrono::steady_clock::now() < deadline);
  CHECK_MESSAGE(after.live_meetings == 0, "the meeting nobody could enter is left: " << after.meeting.dump());
  CHECK(after.all_meetings == 1);
  CHECK(after.all_events == 0);
  last.process->Terminate();
}
