// Lifecycle webhooks end to end: a real server books, reschedules and cancels through its REST API and a candidate
// picks a proposal; a local receiver standing in for the ATS gets every lifecycle event signed the Standard Webhooks
// way, each interview's events in order; the email.send deliveries carry the same headers. The delivery log is the
// tenant's own: another tenant sees none of it and cannot redeliver it.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "auth/api_keys.h"
#include "auth/standard_webhooks.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "support/loopback_server.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct Delivery {
  std::string id, timestamp, signature, body;
  json payload;
};

// The ATS's endpoint: records every POST with the Standard Webhooks headers.
struct AtsReceiver {
  AtsReceiver() {
    server.server().Post("/ats/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex);
      received.push_back({req.get_header_value("webhook-id"), req.get_header_value("webhook-timestamp"),
                          req.get_header_value("webhook-signature"), req.body, json::parse(req.body, nullptr, false)});
      res.status = 204;
    });
    server.Start();
  }
  ~AtsReceiver() { server.Stop(); }
  // Waits (at most ~20 s) until `done` holds for what arrived; answers what arrived.
  template <class Done>
  std::vector<Delivery> WaitUntil(Done done) {
    for (int i = 0; i < 400; ++i) {
      {
        std::lock_guard lock(mutex);
        if (done(received)) return received;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::lock_guard lock(mutex);
    return received;
  }
  LoopbackServer server;
  std::mutex mutex;
  std::vector<Delivery> received;
};

// The lifecycle events among `deliveries` (email.send has no "data").
std::vector<Delivery> LifecycleOnly(const std::vector<Delivery>& deliveries) {
  std::vector<Delivery> events;
  for (const Delivery& d : deliveries) {
    if (d.payload.is_object() && d.payload.contains("data")) events.push_back(d);
  }
  return events;
}

std::vector<std::string> TypesOf(const std::vector<Delivery>& events, const std::string& subject_key,
                                 const std::string& subject) {
  std::vector<std::string> types;
  for (const Delivery& d : events) {
    if (d.payload.at("data").value(subject_key, "") == subject) types.push_back(d.payload.at("type"));
  }
  return types;
}

// Berlin 10:00 on weekday `weekday` (1 = Monday) of the week after next (the sandbox's demo events fill the nearer ones).
std::string FreeSlot(std::int64_t now, int weekday) {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14;
  return FormatRfc3339(berlin->FromLocalSeconds((monday + weekday - 1) * kSecondsPerDay + 10 * 3600));
}

std::string Plus(const std::string& rfc3339, std::int64_t minutes) {
  return FormatRfc3339(*ParseRfc3339(rfc3339) + minutes * 60);
}

json BookingBody(const std::string& start) {
  return {{"title", "Interview: Maria Lopez"},
          {"organizer", "lena.fischer@kumo.example"},
          {"start", start},
          {"end", Plus(start, 60)},
          {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
          {"candidate", {{"name", "Maria Lopez"}, {"email", "maria@candidate.example"}, {"time_zone", "Europe/Berlin"}}},
          {"query", {{"start_interval", {{"minutes", 30}}}}}};
}

void UseReceiver(ProviderWorld& world, AtsReceiver& ats) {
  const HttpAnswer set =
      world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", ats.server.Url("/ats/hooks")}, {"ats_webhook_secret", kSecret}});
  REQUIRE_MESSAGE(set.status == 200, set.body);
}

}  // namespace

TEST_CASE("lifecycle webhooks: an interview's events reach the ATS signed and in order; email.send is signed alike") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  UseReceiver(world, ats);

  const std::string monday = FreeSlot(world.Now(), 1), tuesday = FreeSlot(world.Now(), 2);
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(monday), "lifecycle-book");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  CHECK(world.Settled(id).at("status") == "confirmed");
  const HttpAnswer moved = world.Api("PATCH", "/v1/interviews/" + id, {{"start", tuesday}, {"end", Plus(tuesday, 60)}});
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  CHECK(world.Settled(id).at("status") == "confirmed");
  const HttpAnswer cancelled = world.Api("DELETE", "/v1/interviews/" + id, {{"reason", "position filled"}});
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);

  const std::vector<std::string> expected = {"interview.confirmed", "interview.rescheduled", "interview.confirmed",
                                             "interview.cancelled"};
  const std::vector<Delivery> all = ats.WaitUntil([&](const std::vector<Delivery>& received) {
    return TypesOf(LifecycleOnly(received), "interview_id", id).size() >= expected.size();
  });
  const std::vector<Delivery> events = LifecycleOnly(all);
  CHECK(TypesOf(events, "interview_id", id) == expected);

  std::set<std::string> ids;
  for (const Delivery& d : all) {
    INFO("delivery " << d.id << ": " << d.body);
    CHECK(!d.id.empty());
    CHECK(d.signature == auth::StandardSignature(auth::SigningKey(kSecret), d.id, std::stoll(d.timestamp), d.body));
    CHECK(std::llabs(std::stoll(d.timestamp) - world.Now()) < 300);
  }
  std::int64_t last_sequence = -1;
  for (const Delivery& d : events) {
    CHECK(d.id.rfind("evt_", 0) == 0);
    CHECK(ids.insert(d.id).second);  // nothing arrived twice here (no failure, no restart)
    const json& data = d.payload.at("data");
    CHECK(data.at("interview_id") == id);
    CHECK(data.at("sequence").get<std::int64_t>() >= last_sequence);
    last_sequence = data.at("sequence");
    CHECK(ParseRfc3339(d.payload.at("timestamp").get<std::string>()).has_value());
  }
  CHECK(events.back().payload.at("data").at("reason") == "position filled");
  CHECK(events.back().payload.at("data").at("start") == tuesday);
  bool email_seen = false;
  for (const Delivery& d : all) email_seen |= d.payload.value("type", "") == "email.send";
  CHECK(email_seen);  // the candidate's invitation went to the same endpoint with the same signature scheme
}

TEST_CASE("lifecycle webhooks: the delivery log is the tenant's own; redelivery sends the same webhook-id again") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  UseReceiver(world, ats);
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(FreeSlot(world.Now(), 3)), "lifecycle-log");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string interview = json::parse(booked.body).at("id");
  CHECK(world.Settled(interview).at("status") == "confirmed");
  ats.WaitUntil([](const std::vector<Delivery>& received) { return !LifecycleOnly(received).empty(); });

  // Another tenant, with its own API key.
  Tenant other;
  other.id = "other";
  other.name = "Other";
  REQUIRE(world.scheduling().directory().CreateTenant(other).ok());
  const auth::GeneratedApiKey key = auth::GenerateApiKey();
  REQUIRE(world.scheduling().directory().AddApiKey({key.key_id, "other", key.secret_hash, "test", world.Now(), 0}).ok());
  const httplib::Headers as_other = {{"Authorization", "Bearer " + key.plaintext}};

  const HttpAnswer mine = world.Api("GET", "/v1/webhook_deliveries?subject_id=" + interview);
  REQUIRE_MESSAGE(mine.status == 200, mine.body);
  const json deliveries = json::parse(mine.body).at("deliveries");
  REQUIRE(deliveries.size() == 1);
  const json& confirmed = deliveries.at(0);
  CHECK(confirmed.at("type") == "interview.confirmed");
  CHECK(confirmed.at("subject_id") == interview);
  CHECK(confirmed.at("state") == "delivered");
  CHECK(confirmed.at("attempts") == 1);
  CHECK(confirmed.at("last_status") == 204);
  CHECK(confirmed.at("payload").at("data").at("interview_id") == interview);
  const std::string event_id = confirmed.at("id");

  const HttpAnswer theirs = HttpJson("GET", world.root() + "/v1/webhook_deliveries", nullptr, as_other);
  REQUIRE_MESSAGE(theirs.status == 200, theirs.body);
  CHECK(json::parse(theirs.body).at("deliveries").empty());
  const HttpAnswer stolen =
      HttpJson("POST", world.root() + "/v1/webhook_deliveries/" + event_id + "/redeliver", json::object(), as_other);
  CHECK(stolen.status == 404);
  CHECK(json::parse(stolen.body).at("error").at("code") == "not_found");
  const HttpAnswer none = world.Api("POST", "/v1/webhook_deliveries/evt_999999/redeliver", json::object());
  CHECK(none.status == 404);  // the same answer as another tenant's id
  CHECK(world.Api("GET", "/v1/webhook_deliveries?state=lost").status == 422);
  CHECK(world.Api("GET", "/v1/webhook_deliveries?limit=0").status == 422);
  CHECK(world.Api("GET", "/v1/webhook_deliveries?before=12").status == 422);

  std::size_t before = 0;
  {
    std::lock_guard lock(ats.mutex);
    before = ats.received.size();
  }
  const HttpAnswer again = world.Api("POST", "/v1/webhook_deliveries/" + event_id + "/redeliver", json::object());
  REQUIRE_MESSAGE(again.status == 202, again.body);
  CHECK(json::parse(again.body).at("state") == "pending");
  const std::vector<Delivery> after = ats.WaitUntil([&](const std::vector<Delivery>& received) {
    return received.size() > before;
  });
  REQUIRE(after.size() > before);
  CHECK(after.back().id == event_id);
  const HttpAnswer log = world.Api("GET", "/v1/webhook_deliveries?state=delivered&limit=1");
  REQUIRE(log.status == 200);
  CHECK(json::parse(log.body).at("deliveries").size() == 1);
}
