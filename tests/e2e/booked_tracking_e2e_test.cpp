// End to end: what the product books is watched, and changes made outside Slotwise are flagged on the interview.
// Interviews are booked through the REST API (nothing is inserted by hand); the outbox records what it made at the
// providers (GET /v1/interviews/{id} "tracking"); the sandbox's Google / Outlook / Zoom then change it as a person
// would, the change notification (or, for a notification the provider lost, the periodic safety net) makes the sync
// re-read it, and the interview shows the flag with a "changed_externally" history entry.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>
#include <tuple>

#include "booking/candidate_messages.h"
#include "provider_world.h"
#include "providers/zoom_meetings.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";         // recruiter, Google, Berlin
const std::string kSanne = "sanne.devries@kumo-labs.example";  // recruiter, Microsoft
const std::string kJonas = "jonas.becker@kumo.example";
const std::string kDaan = "daan.jansen@kumo-labs.example";
const std::string kKen = "ken.sato@kumo.example";  // has a Zoom user on the sandbox
constexpr const char* kZoomSecret = "zoom-webhook-secret-for-tests";

// 10:00 Berlin on a free weekday two weeks ahead, plus `hours`.
Instant FreeSlot(const ProviderWorld& world, int weekday, int hours = 0) {
  return FreeWeekDay(world.Now(), weekday).midnight + (10 + hours) * 3600;
}

json BookingBody(const std::string& organizer, const std::vector<std::string>& interviewers, Instant start,
             const json& conferencing = nullptr) {
  json people = json::array();
  for (const std::string& email : interviewers) people.push_back({{"sub", email}});
  json body = {{"title", "Interview: Jamie Doe"},
               {"organizer", organizer},
               {"start", FormatRfc3339(start)},
               {"end", FormatRfc3339(start + 3600)},
               {"interviewers", people},
               {"candidate", {{"name", "Jamie Doe"}, {"email", "jamie.doe@candidate.example"}}},
               {"query", {{"start_interval", {{"minutes", 30}}}}}};
  if (!conferencing.is_null()) body["conferencing"] = conferencing;
  return body;
}

// Books through the API and waits for the outbox; the interview must end confirmed.
json BookConfirmed(ProviderWorld& world, const json& body) {
  const HttpAnswer answer = world.Api("POST", "/v1/interviews", body, "tracking-" + body.at("start").get<std::string>());
  REQUIRE_MESSAGE(answer.status == 201, answer.body);
  const json settled = world.Settled(json::parse(answer.body).at("id"));
  REQUIRE_MESSAGE(settled.at("status") == "confirmed", settled.dump());
  return settled;
}

json Tracked(const json& interview, const std::string& object) {
  for (const json& entry : interview.at("tracking")) {
    if (entry.at("object") == object) return entry;
  }
  return nullptr;
}

// Polls the interview until `done(interview)` holds (≤ `seconds`); answers the interview last seen.
json WaitForInterview(ProviderWorld& world, const std::string& id, const std::function<bool(const json&)>& done,
                      int seconds = 10) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  json interview;
  while (std::chrono::steady_clock::now() < deadline) {
    interview = world.Interview(id);
    if (done(interview)) return interview;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return interview;
}

// Polls the interview until its `object` is in `state` (≤ 10 s); answers the interview last seen.
json WaitForState(ProviderWorld& world, const std::string& id, const std::string& object, const std::string& state) {
  return WaitForInterview(world, id, [&](const json& interview) {
    const json entry = Tracked(interview, object);
    return !entry.is_null() && entry.at("state") == state;
  });
}

// Polls the interview until its event's attendee change satisfies `done` (≤ 10 s); answers the event's entry.
json WaitForAttendees(ProviderWorld& world, const std::string& id, const std::function<bool(const json&)>& done) {
  return Tracked(WaitForInterview(world, id, [&](const json& interview) {
                   const json attendees = Tracked(interview, "event").at("attendees");
                   return attendees.is_object() && done(attendees);
                 }),
                 "event");
}

int CountHistory(ProviderWorld& world, const std::string& id, const std::string& action) {
  const HttpAnswer answer = world.Api("GET", "/v1/interviews/" + id + "/history");
  REQUIRE(answer.status == 200);
  int count = 0;
  const json history = json::parse(answer.body);
  for (const json& entry : history.at("history")) count += entry.at("action") == action ? 1 : 0;
  return count;
}

void ChangeExternally(ProviderWorld& world, const std::string& provider, const std::string& calendar,
                      const std::string& event_id, std::optional<Interval> moved, bool notify = true) {
  json change = {{"provider", provider}, {"calendar", calendar}, {"event_id", event_id}, {"notify", notify}};
  if (moved) {
    change["start"] = FormatRfc3339(moved->start);
    change["end"] = FormatRfc3339(moved->end);
  } else {
    change["action"] = "delete";
  }
  world.SandboxPost("/sandbox/external_change", change);
}

// Whether the outbox sent the candidate an update at `sequence` (its journal records every message it delivered).
bool CandidateUpdateSent(ProviderWorld& world, const std::string& id, int sequence) {
  Result<std::optional<StepRecord>> step = world.scheduling().interviews().GetStep(
      id, "candidate:" + std::to_string(sequence) + ":" + std::to_string(static_cast<int>(CandidateMessageKind::kUpdate)));
  REQUIRE(step.ok());
  return step->has_value();
}

// The provider API calls the sandbox logged since its request log was last cleared (token requests are not counted):
// Google event listings (the incremental sync), Graph calendarView/delta, and reads of one event (either provider).
struct ApiCalls {
  int google_delta = 0;
  int graph_delta = 0;
  int event_reads = 0;
  int other = 0;
};

ApiCalls CountApiCalls(ProviderWorld& world) {
  ApiCalls calls;
  for (const std::string provider : {"google", "microsoft"}) {
    const json log = world.SandboxGet("/sandbox/requests?provider=" + provider);
    for (const json& entry : log.at("requests")) {
      const std::string path = entry.at("path");
      const bool get = entry.at("method") == "GET";
      const bool api = path.find("/calendar/v3/") != std::string::npos || path.find("/v1.0/") != std::string::npos;
      if (!api) continue;
      if (get && path.find("/calendar/v3/calendars/") != std::string::npos && path.size() > 7 &&
          path.compare(path.size() - 7, 7, "/events") == 0) {
        ++calls.google_delta;
      } else if (get && path.find("/calendarView/delta") != std::string::npos) {
        ++calls.graph_delta;
      } else if (get && path.find("/events/") != std::string::npos) {
        ++calls.event_reads;
      } else {
        ++calls.other;
      }
    }
  }
  return calls;
}

void ClearRequestLog(ProviderWorld& world) {
  REQUIRE(HttpJson("DELETE", world.sandbox_root() + "/sandbox/requests").status / 100 == 2);
}

// Moves both clocks (the sandbox checks the service account's assertions against its own) one periodic tick and
// waits until the change-notification worker's tick has synchronised `calendars` more calendars, then a little for the
// rest of the tick (the per-object last resort runs right after the delta round).
void Tick(ProviderWorld& world, int calendars) {
  const int before = world.scheduling().delta_sync().Totals().calendars;
  world.SandboxPost("/sandbox/clock", {{"advance_seconds", ChangeNotifications::kPeriodicSeconds}});
  world.Advance(ChangeNotifications::kPeriodicSeconds);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (world.scheduling().delta_sync().Totals().calendars < before + calendars &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE_MESSAGE(world.scheduling().delta_sync().Totals().calendars >= before + calendars,
                  "delta errors: " << world.scheduling().delta_sync().Totals().errors);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

}  // namespace

TEST_CASE("Booked tracking: a Google interview is watched; moved, then deleted in Google, it is flagged") {
  ProviderWorld world(true, true);
  world.Connected("google", kLena, kLena);  // her own connection: a push channel on her calendar
  const Instant start = FreeSlot(world, 2);
  const json booked = BookConfirmed(world, BookingBody(kLena, {kJonas}, start));
  const std::string id = booked.at("id");
  const json event = Tracked(booked, "event");
  REQUIRE_MESSAGE(!event.is_null(), booked.dump());
  CHECK(event.at("provider") == "google");
  CHECK(event.at("calendar") == kLena);
  CHECK(event.at("provider_id") == booked.at("event").at("id"));
  CHECK(event.at("state") == "as_booked");
  CHECK(event.at("expected_start") == FormatRfc3339(start));
  CHECK(booked.at("changed_externally") == false);

  const Interval moved{start + 2 * 3600, start + 3 * 3600};
  ChangeExternally(world, "google", kLena, event.at("provider_id"), moved);
  json seen = WaitForState(world, id, "event", "moved_externally");
  REQUIRE_MESSAGE(Tracked(seen, "event").at("state") == "moved_externally", seen.dump());
  CHECK(seen.at("changed_externally") == true);
  CHECK(Tracked(seen, "event").at("detail").get<std::string>().find(FormatRfc3339(moved.start)) != std::string::npos);
  CHECK(!Tracked(seen, "event").at("flagged_at").is_null());
  CHECK(CountHistory(world, id, "changed_externally") == 1);
  // The ATS is told through the lifecycle webhooks: the flag's event is in the tenant's delivery log.
  const HttpAnswer log = world.Api("GET", "/v1/webhook_deliveries?subject_id=" + id);
  REQUIRE_MESSAGE(log.status == 200, log.body);
  const json deliveries = json::parse(log.body);
  int told = 0;
  for (const json& delivery : deliveries.at("deliveries")) {
    if (delivery.at("type") != "interview.changed_externally") continue;
    ++told;
    CHECK(delivery.at("payload").at("data").at("flag") == "moved_externally");
  }
  CHECK_MESSAGE(told == 1, log.body.substr(0, 1500));

  ChangeExternally(world, "google", kLena, event.at("provider_id"), std::nullopt);
  seen = WaitForState(world, id, "event", "deleted_externally");
  CHECK_MESSAGE(Tracked(seen, "event").at("state") == "deleted_externally", seen.dump());
  CHECK(CountHistory(world, id, "changed_externally") == 2);
}

TEST_CASE("Booked tracking: an interview moved in Outlook is flagged; rescheduling through Slotwise re-watches it") {
  ProviderWorld world(true, true);
  world.Connected("microsoft", kSanne, kSanne);  // a Graph subscription on her mailbox
  const Instant start = FreeSlot(world, 3);
  const json booked = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start));
  const std::string id = booked.at("id");
  const json event = Tracked(booked, "event");
  REQUIRE_MESSAGE(!event.is_null(), booked.dump());
  CHECK(event.at("provider") == "microsoft");

  ChangeExternally(world, "microsoft", kSanne, event.at("provider_id"), Interval{start + 3600, start + 7200});
  json seen = WaitForState(world, id, "event", "moved_externally");
  REQUIRE_MESSAGE(Tracked(seen, "event").at("state") == "moved_externally", seen.dump());

  // A reschedule through Slotwise puts the event where Slotwise says and watches the new time, flag cleared.
  const Instant later = start + 4 * 3600;
  const HttpAnswer moved = world.Api("PATCH", "/v1/interviews/" + id,
                                     {{"start", FormatRfc3339(later)}, {"end", FormatRfc3339(later + 3600)}});
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  seen = world.Settled(id);
  REQUIRE(seen.at("status") == "confirmed");
  CHECK(Tracked(seen, "event").at("state") == "as_booked");
  CHECK(Tracked(seen, "event").at("expected_start") == FormatRfc3339(later));
  CHECK(seen.at("changed_externally") == false);

  // Cancelling removes the event and stops watching it.
  REQUIRE(world.Api("DELETE", "/v1/interviews/" + id).status / 100 == 2);
  for (int i = 0; i < 200 && !world.Interview(id).at("tracking").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(world.Interview(id).at("tracking").empty());
}

TEST_CASE("Booked tracking: a change whose notification never came is caught by the periodic safety net") {
  ProviderWorld world(true, true);
  // No personal connection: the event is made through the organisation's access and no watch exists at all.
  const Instant start = FreeSlot(world, 4);
  const json booked = BookConfirmed(world, BookingBody(kLena, {kJonas}, start));
  const std::string id = booked.at("id");
  const json event = Tracked(booked, "event");
  REQUIRE(!event.is_null());
  ChangeExternally(world, "google", kLena, event.at("provider_id"), Interval{start + 1800, start + 5400}, false);
  // Either safety net catches it: the calendar's first incremental sync checks its booked events once, and the last
  // resort re-reads objects last checked more than kBookedObjectCheckInterval ago. Both clocks move (the sandbox
  // checks the service account's assertions against its own).
  const std::int64_t later = kBookedObjectCheckInterval + ChangeNotifications::kPeriodicSeconds + 1;
  world.SandboxPost("/sandbox/clock", {{"advance_seconds", later}});
  world.Advance(later);
  const json seen = WaitForState(world, id, "event", "moved_externally");
  CHECK_MESSAGE(Tracked(seen, "event").at("state") == "moved_externally", seen.dump());
  CHECK_MESSAGE(world.scheduling().booked_sync().Totals().flagged >= 1,
                "errors: " << world.scheduling().booked_sync().Totals().errors);
}

TEST_CASE("Booked tracking: the periodic safety net asks each calendar once what changed, not every booked event") {
  ProviderWorld world(true, true);
  // No personal connections: the events are made through the organisation's access and no watch exists at all, so
  // only the periodic tick can notice a change.
  std::vector<std::string> google_ids, graph_ids, interview_ids;
  for (const auto& [organizer, interviewer, weekday] :
       std::vector<std::tuple<std::string, std::string, int>>{{kLena, kJonas, 1}, {kSanne, kDaan, 2}}) {
    for (const int hours : {0, 3}) {
      const json booked = BookConfirmed(world, BookingBody(organizer, {interviewer}, FreeSlot(world, weekday, hours)));
      const json event = Tracked(booked, "event");
      REQUIRE_MESSAGE(!event.is_null(), booked.dump());
      (organizer == kLena ? google_ids : graph_ids).push_back(event.at("provider_id"));
      interview_ids.push_back(booked.at("id"));
    }
  }
  // First contact: one full listing per calendar establishes its cursor and checks its booked events once. (The
  // worker's first tick may already have come while the interviews were being booked: it counts the same.)
  Tick(world, 2);
  DeltaCounts totals = world.scheduling().delta_sync().Totals();
  CHECK(totals.full_syncs == 2);
  CHECK(totals.flagged == 0);

  // One event on each calendar moves without a notification.
  const Instant google_start = FreeSlot(world, 1);
  const Instant graph_start = FreeSlot(world, 2);
  ChangeExternally(world, "google", kLena, google_ids[0], Interval{google_start + 1800, google_start + 5400}, false);
  ChangeExternally(world, "microsoft", kSanne, graph_ids[0], Interval{graph_start + 1800, graph_start + 5400}, false);
  ClearRequestLog(world);
  Tick(world, 2);
  const ApiCalls after = CountApiCalls(world);
  MESSAGE("one periodic tick with 4 booked events on 2 calendars, 2 moved: " << after.google_delta << " Google delta + "
          << after.graph_delta << " Graph delta + " << after.event_reads << " event reads + " << after.other
          << " other calls");
  CHECK(after.google_delta == 1);
  CHECK(after.graph_delta == 1);
  CHECK(after.event_reads == 2);  // only the two moved events are re-read
  CHECK(after.other == 0);
  CHECK(Tracked(world.Interview(interview_ids[0]), "event").at("state") == "moved_externally");
  CHECK(Tracked(world.Interview(interview_ids[1]), "event").at("state") == "as_booked");
  CHECK(Tracked(world.Interview(interview_ids[2]), "event").at("state") == "moved_externally");
  CHECK(Tracked(world.Interview(interview_ids[3]), "event").at("state") == "as_booked");
  totals = world.scheduling().delta_sync().Totals();
  CHECK(totals.full_syncs == 2);
  CHECK(totals.flagged == 2);
  CHECK(totals.errors == 0);

  // What the per-object safety net costs for the same calendars: one read per booked event on every due pass.
  ClearRequestLog(world);
  world.scheduling().booked_sync().CheckDue(-1, kBookedObjectCheckBatch);  // every object, due or not
  const ApiCalls before = CountApiCalls(world);
  MESSAGE("the per-object pass over the same 4 booked events: " << before.event_reads << " event reads");
  CHECK(before.event_reads == 4);
  CHECK(before.google_delta + before.graph_delta == 0);

  SUBCASE("a cursor the provider no longer accepts is replaced by a full listing, and the calendar re-checked once") {
    REQUIRE(world.SandboxPost("/sandbox/faults", {{"kind", "invalidate_sync_tokens"}}).is_object());
    ChangeExternally(world, "google", kLena, google_ids[1], std::nullopt, false);  // deleted, no notification
    ClearRequestLog(world);
    Tick(world, 2);
    const ApiCalls calls = CountApiCalls(world);
    CHECK(calls.google_delta == 2);  // 410 fullSyncRequired, then the full listing
    CHECK(calls.graph_delta == 2);   // 410 SyncStateNotFound, then the full listing
    CHECK(calls.event_reads == 4);   // each calendar's booked events once
    totals = world.scheduling().delta_sync().Totals();
    CHECK(totals.expired == 2);
    CHECK(totals.full_syncs == 4);
    CHECK(Tracked(world.Interview(interview_ids[1]), "event").at("state") == "deleted_externally");
    // The new cursors work: a quiet tick costs one call per calendar and no reads.
    ClearRequestLog(world);
    Tick(world, 2);
    const ApiCalls quiet = CountApiCalls(world);
    CHECK(quiet.google_delta == 1);
    CHECK(quiet.graph_delta == 1);
    CHECK(quiet.event_reads == 0);
  }

  SUBCASE("a re-check that fails keeps the old cursor: the next tick reports the change again") {
    const Instant start = FreeSlot(world, 1, 3);
    const json refusal = {{"error", {{"code", 400}, {"message", "Bad Request"},
                                     {"errors", {{{"domain", "global"}, {"reason", "badRequest"}, {"message", "Bad Request"}}}}}}};
    REQUIRE(world.SandboxPost("/sandbox/faults", {{"provider", "google"}, {"method", "GET"},
                                                  {"path_prefix", "/calendar/v3/calendars/primary/events/" + google_ids[1]},
                                                  {"status", 400}, {"body", refusal}, {"times", 1}})
                .is_object());
    ChangeExternally(world, "google", kLena, google_ids[1], Interval{start + 1800, start + 5400}, false);
    const int errors_before = world.scheduling().delta_sync().Totals().errors;
    Tick(world, 1);  // Google's calendar fails its re-check (the round reads it before Microsoft's)
    CHECK(world.scheduling().delta_sync().Totals().errors == errors_before + 1);
    CHECK(Tracked(world.Interview(interview_ids[1]), "event").at("state") == "as_booked");
    Tick(world, 2);
    CHECK(Tracked(world.Interview(interview_ids[1]), "event").at("state") == "moved_externally");
  }
}

TEST_CASE("Booked tracking: a Zoom meeting moved in Zoom is flagged through Zoom's webhook") {
  ProviderWorld world(true, true);
  world.runtime().notifications().SetZoomWebhookSecret(kZoomSecret);
  world.SandboxPost("/sandbox/zoom_webhook", {{"url", world.root() + "/webhooks/zoom"}, {"secret", kZoomSecret}});
  const Connection ken = world.Connected("zoom", kKen, kKen);
  REQUIRE(world.Api("POST", "/v1/host_accounts/import", {{"connection_id", ken.id}}).status == 201);
  const Instant start = FreeSlot(world, 2, -1);  // 09:00 Berlin: 17:00 for Ken in Tokyo
  const json booked = BookConfirmed(
      world, BookingBody(kLena, {kKen}, start, {{"provider", "zoom"}, {"host", "zoom:ken.sato@kumo.example"}}));
  const std::string id = booked.at("id");
  const json meeting = Tracked(booked, "meeting");
  REQUIRE_MESSAGE(!meeting.is_null(), booked.dump());
  CHECK(meeting.at("provider") == "zoom");
  CHECK(meeting.at("calendar") == "zoom:ken.sato@kumo.example");
  CHECK(!Tracked(booked, "event").is_null());

  // Ken moves the meeting in Zoom himself; the sandbox sends the signed meeting.updated webhook.
  auto source = world.runtime().tokens().SourceFor(ken.id);
  providers::ZoomMeetings zoom(world.runtime().transport(), *source, world.ApiBase(oauth::Provider::kZoom));
  providers::ZoomMeetingSpec spec;
  spec.topic = "Interview: Jamie Doe";
  spec.start = start + 7200;
  spec.duration_minutes = 60;
  REQUIRE(zoom.UpdateMeeting(meeting.at("provider_id").get<std::string>(), spec).ok());
  const json seen = WaitForState(world, id, "meeting", "moved_externally");
  CHECK_MESSAGE(Tracked(seen, "meeting").at("state") == "moved_externally", seen.dump());
  CHECK(Tracked(seen, "event").at("state") == "as_booked");
}

TEST_CASE("Booked tracking: over 30 days every watch is renewed before it expires and a dropped one is recreated") {
  ProviderWorld world(true, true);
  ChangeNotifications& hub = world.runtime().notifications();
  world.Connected("google", kLena, kLena);
  world.Connected("microsoft", kSanne, kSanne);
  const auto live_watches = [&world](const std::string& kind, const std::string& owner_key, const std::string& owner) {
    int live = 0;
    const json watches = world.SandboxGet("/sandbox/watches");
    for (const json& watch : watches.at(kind)) {
      live += watch.at(owner_key) == owner && watch.at("live") == true ? 1 : 0;
    }
    return live;
  };
  REQUIRE(live_watches("channels", "calendar", kLena) == 1);
  REQUIRE(live_watches("subscriptions", "user", kSanne) == 1);

  constexpr std::int64_t kStep = 12 * 3600;
  for (int step = 1; step <= 60; ++step) {  // 30 days in half-day steps; both clocks move together
    world.SandboxPost("/sandbox/clock", {{"advance_seconds", kStep}});
    world.Advance(kStep);
    hub.RenewDue();  // what the worker's periodic tick does (it may run too: RenewDue is serialised)
    INFO("day " << step / 2.0);
    REQUIRE(live_watches("channels", "calendar", kLena) == 1);
    REQUIRE(live_watches("subscriptions", "user", kSanne) == 1);
    if (step == 21) {  // Graph drops the subscription on its own and says so on the lifecycle URL
      std::string id;
      const json watches = world.SandboxGet("/sandbox/watches");
      for (const json& watch : watches.at("subscriptions")) {
        if (watch.at("live") == true) id = watch.at("id");
      }
      world.SandboxPost("/sandbox/drop_subscription", {{"id", id}});
      for (int i = 0; i < 100 && (live_watches("subscriptions", "user", kSanne) == 0 || hub.Stats().recreations == 0);
           ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      REQUIRE_MESSAGE(live_watches("subscriptions", "user", kSanne) == 1, "the dropped subscription was not recreated");
      CHECK(hub.Stats().recreations == 1);
    }
  }
  const ChangeNotificationStats stats = hub.Stats();
  MESSAGE("renewals: " << stats.renewals << ", recreations: " << stats.recreations
                       << ", Graph PATCHes: " << world.CountRequests("microsoft", "PATCH", "/subscriptions/")
                       << ", Google watches: " << world.CountRequests("google", "POST", "/events/watch"));
  CHECK(stats.renewal_errors == 0);
  CHECK(world.CountRequests("microsoft", "PATCH", "/subscriptions/") >= 5);  // ~every 5 days for 30 days
  CHECK(world.CountRequests("google", "POST", "/events/watch") >= 6);        // the first + ~every 5 days

  // After a month of renewals, a change in Google still arrives by notification and is flagged.
  const Instant start = FreeSlot(world, 2);
  const json booked = BookConfirmed(world, BookingBody(kLena, {kJonas}, start));
  const json event = Tracked(booked, "event");
  REQUIRE(!event.is_null());
  ChangeExternally(world, "google", kLena, event.at("provider_id"), Interval{start + 3600, start + 7200});
  const json seen = WaitForState(world, booked.at("id"), "event", "moved_externally");
  CHECK_MESSAGE(Tracked(seen, "event").at("state") == "moved_externally", seen.dump());
}

TEST_CASE("Booked tracking: a move made in Outlook is accepted (the candidate is updated) or undone") {
  ProviderWorld world(true, true);
  world.Connected("microsoft", kSanne, kSanne);
  const Instant start = FreeSlot(world, 4);
  json booked = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start));
  const std::string id = booked.at("id");
  const std::string event_id = Tracked(booked, "event").at("provider_id");
  const std::string path = "/v1/interviews/" + id + "/external_change";

  // Nothing changed yet; the action must be one of the two.
  HttpAnswer nothing = world.Api("POST", path, {{"action", "accept"}});
  CHECK(nothing.status == 409);
  CHECK(json::parse(nothing.body).at("error").at("code") == "no_external_change");
  HttpAnswer wrong = world.Api("POST", path, {{"action", "ignore"}});
  CHECK(wrong.status == 422);
  CHECK(json::parse(wrong.body).at("error").at("field") == "action");

  SUBCASE("accept: the interview takes the new time and the candidate gets SEQUENCE + 1") {
    const Interval moved{start + 3600, start + 7200};
    ChangeExternally(world, "microsoft", kSanne, event_id, moved);
    REQUIRE(Tracked(WaitForState(world, id, "event", "moved_externally"), "event").at("state") == "moved_externally");
    const HttpAnswer accepted = world.Api("POST", path, {{"action", "accept"}}, "accept-" + id);
    REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    const json settled = world.Settled(id);
    REQUIRE(settled.at("status") == "confirmed");
    CHECK(settled.at("start") == FormatRfc3339(moved.start));
    CHECK(settled.at("sequence") == booked.at("sequence").get<int>() + 1);
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    CHECK(Tracked(settled, "event").at("expected_start") == FormatRfc3339(moved.start));
    const HttpAnswer ics = world.Api("GET", "/v1/interviews/" + id + "/candidate.ics");
    REQUIRE(ics.status == 200);
    CHECK(ics.body.find("SEQUENCE:" + std::to_string(booked.at("sequence").get<int>() + 1)) != std::string::npos);
  }
  SUBCASE("restore: the event goes back to the booked time") {
    ChangeExternally(world, "microsoft", kSanne, event_id, Interval{start + 7200, start + 10800});
    REQUIRE(Tracked(WaitForState(world, id, "event", "moved_externally"), "event").at("state") == "moved_externally");
    const HttpAnswer restored = world.Api("POST", path, {{"action", "restore"}});
    REQUIRE_MESSAGE(restored.status == 200, restored.body);
    const json settled = world.Settled(id);
    CHECK(settled.at("start") == FormatRfc3339(start));
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    // The candidate's invitation already says the booked time: no update goes out, the sequence stays.
    CHECK(settled.at("sequence") == booked.at("sequence"));
    CHECK_FALSE(CandidateUpdateSent(world, id, settled.at("sequence")));
    CHECK(CountHistory(world, id, "restored") == 1);
    const HttpAnswer ics = world.Api("GET", "/v1/interviews/" + id + "/candidate.ics");
    REQUIRE(ics.status == 200);
    CHECK(ics.body.find("SEQUENCE:" + std::to_string(booked.at("sequence").get<int>()) + "\r\n") != std::string::npos);
    const json objects = world.SandboxGet("/sandbox/objects");
    bool back = false;
    for (const json& entry : objects.at("objects")) {
      if (entry.value("id", "") == event_id) back = entry.value("start", "") == FormatRfc3339(start);
    }
    CHECK_MESSAGE(back, objects.dump().substr(0, 2000));
  }
  SUBCASE("accept a deletion: the interview is cancelled") {
    ChangeExternally(world, "microsoft", kSanne, event_id, std::nullopt);
    REQUIRE(Tracked(WaitForState(world, id, "event", "deleted_externally"), "event").at("state") == "deleted_externally");
    CHECK(world.Api("POST", path, {{"action", "restore"}}).status == 409);
    const HttpAnswer accepted = world.Api("POST", path, {{"action", "accept"}});
    REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    CHECK(json::parse(accepted.body).at("status") == "cancelled");
  }
}

TEST_CASE("Booked tracking: check now re-reads what the providers hold, without any notification") {
  ProviderWorld world(true, true);
  const Instant start = FreeSlot(world, 5);
  const json booked = BookConfirmed(world, BookingBody(kLena, {kJonas}, start));
  const std::string id = booked.at("id");
  ChangeExternally(world, "google", kLena, Tracked(booked, "event").at("provider_id"),
                   Interval{start + 3600, start + 7200}, false);
  CHECK(Tracked(world.Interview(id), "event").at("state") == "as_booked");  // nobody told Slotwise
  const HttpAnswer checked = world.Api("POST", "/v1/interviews/" + id + "/check");
  REQUIRE_MESSAGE(checked.status == 200, checked.body);
  CHECK(Tracked(json::parse(checked.body), "event").at("state") == "moved_externally");
  CHECK(world.Api("POST", "/v1/interviews/iv_nope/check").status == 404);
}

namespace {

// Merges `external_changes` into the demo tenant's policies (PATCH /v1/tenant replaces the whole object).
void SetExternalChangePolicy(ProviderWorld& world, const json& external_changes) {
  const HttpAnswer tenant = world.Api("GET", "/v1/tenant");
  REQUIRE(tenant.status == 200);
  json policies = json::parse(tenant.body).at("policies");
  policies["external_changes"] = external_changes;
  const HttpAnswer patched = world.Api("PATCH", "/v1/tenant", {{"policies", policies}});
  REQUIRE_MESSAGE(patched.status == 200, patched.body);
}

// The sandbox's current start of event `event_id` ("" when it holds none).
std::string SandboxStart(ProviderWorld& world, const std::string& event_id) {
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& entry : objects.at("objects")) {
    if (entry.value("id", "") == event_id) return entry.value("start", "");
  }
  return "";
}

// The last history entry with `action` (null when none).
json LastHistory(ProviderWorld& world, const std::string& id, const std::string& action) {
  const HttpAnswer answer = world.Api("GET", "/v1/interviews/" + id + "/history");
  REQUIRE(answer.status == 200);
  json found;
  const json history = json::parse(answer.body);
  for (const json& entry : history.at("history")) {
    if (entry.at("action") == action) found = entry;
  }
  return found;
}

}  // namespace

TEST_CASE("Booked tracking: the tenant's policy resolves external changes by itself") {
  ProviderWorld world(true, true);
  world.Connected("microsoft", kSanne, kSanne);

  SUBCASE("an invalid policy is refused with the field named, and nothing changes") {
    const HttpAnswer before = world.Api("GET", "/v1/tenant");
    for (const json& bad : {json{{"moved", "ignore"}}, json{{"deleted", "restore"}}, json{{"renamed", "ask"}},
                            json("accept")}) {
      const HttpAnswer tenant = world.Api("GET", "/v1/tenant");
      json policies = json::parse(tenant.body).at("policies");
      policies["external_changes"] = bad;
      const HttpAnswer refused = world.Api("PATCH", "/v1/tenant", {{"policies", policies}});
      CHECK_MESSAGE(refused.status == 422, refused.body);
      const std::string field = json::parse(refused.body).at("error").at("field");
      CHECK_MESSAGE(field.rfind("policies.external_changes", 0) == 0, field);
    }
    CHECK(world.Api("GET", "/v1/tenant").body == before.body);
  }
  SUBCASE("moved + accept: the interview takes the new time, the candidate is updated, the history says why") {
    SetExternalChangePolicy(world, {{"moved", "accept"}});
    const Instant start = FreeSlot(world, 2);
    const json booked = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start));
    const std::string id = booked.at("id");
    const Interval moved{start + 3600, start + 7200};
    ChangeExternally(world, "microsoft", kSanne, Tracked(booked, "event").at("provider_id"), moved);
    json settled;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      settled = world.Settled(id);
      if (settled.at("start") == FormatRfc3339(moved.start)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(settled.at("start") == FormatRfc3339(moved.start));
    CHECK(settled.at("status") == "confirmed");
    CHECK(settled.at("sequence") == booked.at("sequence").get<int>() + 1);
    CHECK(CandidateUpdateSent(world, id, settled.at("sequence")));
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    const json entry = LastHistory(world, id, "rescheduled");
    REQUIRE_FALSE(entry.is_null());
    CHECK(entry.at("detail").at("external_change").at("decided_by") == "policy");
    CHECK(entry.at("detail").at("external_change").at("action") == "accept");
  }
  SUBCASE("moved + restore: the event goes back to the booked time and the candidate hears nothing") {
    SetExternalChangePolicy(world, {{"moved", "restore"}});
    const Instant start = FreeSlot(world, 3);
    const json booked = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start));
    const std::string id = booked.at("id");
    const std::string event_id = Tracked(booked, "event").at("provider_id");
    ChangeExternally(world, "microsoft", kSanne, event_id, Interval{start + 7200, start + 10800});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline && CountHistory(world, id, "restored") == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const json settled = world.Settled(id);
    CHECK(CountHistory(world, id, "changed_externally") == 1);
    CHECK(CountHistory(world, id, "restored") == 1);
    CHECK(LastHistory(world, id, "restored").at("detail").at("external_change").at("decided_by") == "policy");
    CHECK(settled.at("start") == FormatRfc3339(start));
    CHECK(settled.at("sequence") == booked.at("sequence"));
    CHECK_FALSE(CandidateUpdateSent(world, id, settled.at("sequence")));
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    CHECK(SandboxStart(world, event_id) == FormatRfc3339(start));
    // The ATS hears of the flag, the restore and the confirmation, in that order.
    const HttpAnswer log = world.Api("GET", "/v1/webhook_deliveries?subject_id=" + id);
    REQUIRE_MESSAGE(log.status == 200, log.body);
    std::vector<std::string> types;
    const json deliveries = json::parse(log.body);
    for (const json& delivery : deliveries.at("deliveries")) types.push_back(delivery.at("type"));
    std::reverse(types.begin(), types.end());  // the log lists the newest first
    const std::vector<std::string> tail = {"interview.changed_externally", "interview.restored", "interview.confirmed"};
    REQUIRE(types.size() >= tail.size());
    CHECK(std::vector<std::string>(types.end() - 3, types.end()) == tail);
  }
  SUBCASE("deleted + accept: the interview is cancelled; ask (the default) leaves a move flagged") {
    SetExternalChangePolicy(world, {{"deleted", "accept"}});
    const Instant start = FreeSlot(world, 1);
    const json deleted = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start));
    const std::string id = deleted.at("id");
    ChangeExternally(world, "microsoft", kSanne, Tracked(deleted, "event").at("provider_id"), std::nullopt);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline && world.Interview(id).at("status") != "cancelled") {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(world.Interview(id).at("status") == "cancelled");

    const json asked = BookConfirmed(world, BookingBody(kSanne, {kDaan}, start + 4 * 3600));
    const std::string asked_id = asked.at("id");
    ChangeExternally(world, "microsoft", kSanne, Tracked(asked, "event").at("provider_id"),
                     Interval{start + 5 * 3600, start + 6 * 3600});
    const json flagged = WaitForState(world, asked_id, "event", "moved_externally");
    CHECK(Tracked(flagged, "event").at("state") == "moved_externally");
    CHECK(flagged.at("start") == FormatRfc3339(start + 4 * 3600));
    CHECK(flagged.at("changed_externally") == true);
  }
}

namespace {

// The organiser edits the event's guest list (or a guest answers) in Google / Outlook: one edit per call.
void EditGuests(ProviderWorld& world, const std::string& provider, const std::string& calendar,
                const std::string& event_id, const std::string& edit, const std::string& email) {
  world.SandboxPost("/sandbox/external_change",
                    {{"provider", provider}, {"calendar", calendar}, {"event_id", event_id}, {edit, email}});
}

// The sandbox's current (not declined) attendees of event `event_id`.
std::vector<std::string> SandboxAttendees(ProviderWorld& world, const std::string& event_id) {
  const json objects = world.SandboxGet("/sandbox/objects");  // kept: the loop walks a member of it
  for (const json& entry : objects.at("objects")) {
    if (entry.value("id", "") == event_id) return entry.at("attendees").get<std::vector<std::string>>();
  }
  return {};
}

std::vector<std::string> InterviewerEmails(const json& interview) {
  std::vector<std::string> emails;
  for (const json& person : interview.at("interviewers")) emails.push_back(person.at("sub"));
  return emails;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("Booked tracking: interviewers removed, added or declining outside Slotwise are flagged, accepted or undone") {
  ProviderWorld world(true, true);
  world.Connected("google", kLena, kLena);  // her own connection: a push channel on her calendar
  const Instant start = FreeSlot(world, 5, -1);  // 09:00 Berlin is 17:00 in Tokyo (Ken)
  const json booked = BookConfirmed(world, BookingBody(kLena, {kJonas, kKen}, start));
  const std::string id = booked.at("id");
  const std::string event_id = Tracked(booked, "event").at("provider_id");
  const std::string path = "/v1/interviews/" + id + "/external_change";
  const int sequence = booked.at("sequence");

  SUBCASE("removed in Google: flagged with who; accept takes them off the interview and tells the candidate") {
    EditGuests(world, "google", kLena, event_id, "remove_attendee", kKen);
    const json flagged = WaitForState(world, id, "event", "attendees_changed");
    const json entry = Tracked(flagged, "event");
    REQUIRE(entry.at("state") == "attendees_changed");
    CHECK(entry.at("attendees").at("removed") == json::array({kKen}));
    CHECK(entry.at("attendees").at("added") == json::array());
    CHECK(entry.at("detail").get<std::string>().find(kKen) != std::string::npos);
    CHECK(flagged.at("changed_externally") == true);
    const json noted = LastHistory(world, id, "changed_externally");
    REQUIRE_FALSE(noted.is_null());
    CHECK(noted.at("detail").at("attendees").at("removed") == json::array({kKen}));

    const HttpAnswer accepted = world.Api("POST", path, {{"action", "accept"}}, "accept-" + id);
    REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    const json settled = world.Settled(id);
    REQUIRE(settled.at("status") == "confirmed");
    CHECK(InterviewerEmails(settled) == std::vector<std::string>{kJonas});
    CHECK(settled.at("start") == FormatRfc3339(start));
    CHECK(settled.at("sequence") == sequence + 1);  // the invitation names the interviewers
    CHECK(CandidateUpdateSent(world, id, sequence + 1));
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    CHECK(Tracked(settled, "event").at("attendees").is_null());
    const json rescheduled = LastHistory(world, id, "rescheduled");
    REQUIRE_FALSE(rescheduled.is_null());
    CHECK(rescheduled.at("detail").at("interviewers").at("to") == json::array({kJonas}));
    CHECK(rescheduled.at("detail").at("external_change").at("flag") == "attendees_changed");
    CHECK_FALSE(Contains(SandboxAttendees(world, event_id), kKen));
  }
  SUBCASE("removed and someone added: restore invites the booked people again and the candidate hears nothing") {
    EditGuests(world, "google", kLena, event_id, "remove_attendee", kKen);
    EditGuests(world, "google", kLena, event_id, "add_attendee", "emily.carter@kumo.example");
    // The second edit's notification may come a little after the first one's flag.
    const json entry = WaitForAttendees(world, id, [](const json& change) { return !change.at("added").empty(); });
    REQUIRE(entry.at("state") == "attendees_changed");
    CHECK(entry.at("attendees").at("added") == json::array({"emily.carter@kumo.example"}));
    CHECK(entry.at("attendees").at("removed") == json::array({kKen}));

    const HttpAnswer restored = world.Api("POST", path, {{"action", "restore"}});
    REQUIRE_MESSAGE(restored.status == 200, restored.body);
    const json settled = world.Settled(id);
    CHECK(InterviewerEmails(settled) == std::vector<std::string>{kJonas, kKen});
    CHECK(settled.at("sequence") == sequence);
    CHECK_FALSE(CandidateUpdateSent(world, id, sequence));
    CHECK(Tracked(settled, "event").at("state") == "as_booked");
    const std::vector<std::string> attendees = SandboxAttendees(world, event_id);
    CHECK(Contains(attendees, kKen));
    CHECK(Contains(attendees, kJonas));
    CHECK_FALSE(Contains(attendees, "emily.carter@kumo.example"));
  }
  SUBCASE("declined: restore is refused with a reason (nothing changes); accept takes the decliner off") {
    EditGuests(world, "google", kLena, event_id, "decline", kJonas);
    const json entry = Tracked(WaitForState(world, id, "event", "attendees_changed"), "event");
    REQUIRE(entry.at("state") == "attendees_changed");
    CHECK(entry.at("attendees").at("declined") == json::array({kJonas}));
    const HttpAnswer refused = world.Api("POST", path, {{"action", "restore"}});
    CHECK(refused.status == 409);
    CHECK(json::parse(refused.body).at("error").at("code") == "no_external_change");
    CHECK(json::parse(refused.body).at("error").at("message").get<std::string>().find(kJonas) != std::string::npos);
    CHECK(Tracked(world.Interview(id), "event").at("state") == "attendees_changed");

    const HttpAnswer accepted = world.Api("POST", path, {{"action", "accept"}});
    REQUIRE_MESSAGE(accepted.status == 200, accepted.body);
    CHECK(InterviewerEmails(world.Settled(id)) == std::vector<std::string>{kKen});
  }
  SUBCASE("the last interviewer removed: accept is refused, the interview keeps its people") {
    EditGuests(world, "google", kLena, event_id, "remove_attendee", kKen);
    EditGuests(world, "google", kLena, event_id, "remove_attendee", kJonas);
    const json entry = WaitForAttendees(world, id, [](const json& change) { return change.at("removed").size() == 2; });
    REQUIRE(entry.at("attendees").at("removed").size() == 2);
    const HttpAnswer refused = world.Api("POST", path, {{"action", "accept"}});
    CHECK(refused.status == 409);
    CHECK(InterviewerEmails(world.Interview(id)) == std::vector<std::string>{kJonas, kKen});
  }
  SUBCASE("a guest-list edit the sandbox cannot apply is refused and changes nothing") {
    const HttpAnswer bad = HttpJson("POST", world.sandbox_root() + "/sandbox/external_change",
                                    {{"provider", "google"}, {"calendar", kLena}, {"event_id", event_id},
                                     {"remove_attendee", kKen}, {"decline", "nobody@kumo.example"}});
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body).at("error").at("field") == "decline");
    CHECK(Contains(SandboxAttendees(world, event_id), kKen));
  }
}

TEST_CASE("Booked tracking: the tenant's policy accepts an interviewer removed in Outlook by itself") {
  ProviderWorld world(true, true);
  world.Connected("microsoft", kSanne, kSanne);
  SetExternalChangePolicy(world, {{"attendees", "accept"}});
  const Instant start = FreeSlot(world, 1);
  const std::string kAnna = "anna.schmidt@kumo-labs.example";
  const json booked = BookConfirmed(world, BookingBody(kSanne, {kDaan, kAnna}, start));
  const std::string id = booked.at("id");
  EditGuests(world, "microsoft", kSanne, Tracked(booked, "event").at("provider_id"), "remove_attendee", kAnna);
  WaitForInterview(world, id, [](const json& interview) { return InterviewerEmails(interview).size() == 1; }, 15);
  const json settled = world.Settled(id);
  CHECK(InterviewerEmails(settled) == std::vector<std::string>{kDaan});
  CHECK(settled.at("status") == "confirmed");
  const json entry = LastHistory(world, id, "rescheduled");
  REQUIRE_FALSE(entry.is_null());
  CHECK(entry.at("detail").at("external_change").at("decided_by") == "policy");
  CHECK(entry.at("detail").at("external_change").at("attendees").at("removed") == json::array({kAnna}));
}

TEST_CASE("Booked tracking: a recruiter who interviews too is not an attendee change of their own event") {
  ProviderWorld world(true, true);
  world.Connected("microsoft", kSanne, kSanne);
  for (const auto& [organizer, interviewer, hours] : {std::tuple{kLena, kJonas, 0}, std::tuple{kSanne, kDaan, 3}}) {
    const json booked = BookConfirmed(world, BookingBody(organizer, {organizer, interviewer}, FreeSlot(world, 3, hours)));
    const HttpAnswer checked = world.Api("POST", "/v1/interviews/" + booked.at("id").get<std::string>() + "/check");
    REQUIRE_MESSAGE(checked.status == 200, checked.body);
    CHECK_MESSAGE(Tracked(json::parse(checked.body), "event").at("state") == "as_booked", checked.body);
  }
}
