// End to end: change notifications. Connecting Google / Microsoft subscribes to calendar changes (events.watch,
// Graph subscription with its validation handshake); the sandbox's notifications reach /webhooks/*, are verified and
// queue a sync (what it finds is tested with real bookings in booked_tracking_e2e_test.cpp); Zoom webhooks are
// signature-checked; forged, stale, replayed and duplicate deliveries are refused or ignored.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "provider_world.h"
#include "providers/google_calendar.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/zoom_meetings.h"
#include "store/sqlite_query.h"
#include "support/openssl_cli.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr const char* kZoomSecret = "zoom-webhook-secret-for-tests";

HttpReply PostTo(const std::string& url, const httplib::Headers& headers, const std::string& body,
                 const std::string& content_type = "application/json") {
  return HttpCall("POST", url, body, headers, content_type);
}

HttpReply PostZoom(ProviderWorld& world, const std::string& body, std::int64_t timestamp, const std::string& secret) {
  const std::string ts = std::to_string(timestamp);
  const std::string signature = "v0=" + OpensslHmacSha256Hex(secret, "v0:" + ts + ":" + body);
  return PostTo(world.root() + "/webhooks/zoom", {{"x-zm-request-timestamp", ts}, {"x-zm-signature", signature}}, body);
}

std::string CheckOutcome(ProviderWorld& world, const std::string& provider, const std::string& name) {
  const json listed = world.ListedConnection("recruiter-1", provider);
  REQUIRE(!listed.is_null());
  for (const json& check : listed.at("checks")) {
    if (check.at("name") == name) return check.at("outcome");
  }
  return "";
}

json Deliveries(ProviderWorld& world) {
  return world.SandboxGet("/sandbox/deliveries?wait=1").at("deliveries");
}

int CountDeliveries(const json& deliveries, const std::string& kind, const std::string& url, int status) {
  int count = 0;
  for (const json& delivery : deliveries) {
    if (delivery.at("kind") == kind && delivery.at("url") == url && delivery.at("status") == status) ++count;
  }
  return count;
}

std::uint64_t Pushed(ProviderWorld& world) {
  return world.runtime().notifications().Stats().queue.pushed;
}

ChangeWatch OnlyWatch(ProviderWorld& world, const std::string& connection_id) {
  Result<std::vector<ChangeWatch>> watches = world.runtime().notifications().Watches(connection_id);
  REQUIRE(watches.ok());
  REQUIRE(watches->size() == 1);
  return watches->front();
}

}  // namespace

TEST_CASE("Webhooks: connecting Google starts a push channel whose sync ping is acknowledged") {
  ProviderWorld world;
  const Connection connection = world.Connected("google", "lena.fischer@kumo.example");
  CHECK(world.CountRequests("google", "POST", "/events/watch") == 1);
  CHECK(CheckOutcome(world, "google", "subscribe_changes") == "passed");
  const ChangeWatch watch = OnlyWatch(world, connection.id);
  CHECK(watch.provider == "google");
  CHECK(watch.calendar_id == "lena.fischer@kumo.example");
  CHECK(!watch.resource_id.empty());
  CHECK(watch.expires_at > world.Now());
  CHECK(CountDeliveries(Deliveries(world), "google_sync", world.root() + "/webhooks/google", 200) == 1);

  // Persisted for restarts, with the channel token sealed (never plaintext in the database).
  Result<std::unique_ptr<SqliteStore>> db = SqliteStore::Open(world.db_path());
  REQUIRE(db.ok());
  Result<std::optional<std::string>> sealed =
      First(Query<std::string>(db.value()->handle(), "SELECT secret_sealed FROM change_subscriptions WHERE id = ?1",
                               {watch.id}, [](SqlRow& row) { return row.Text(); }));
  REQUIRE(sealed.ok());
  REQUIRE(sealed->has_value());
  CHECK(!sealed->value().empty());
  CHECK(sealed->value().find(watch.secret) == std::string::npos);
}

TEST_CASE("Webhooks: connecting Microsoft creates a subscription, validated by the handshake") {
  ProviderWorld world;
  const Connection connection = world.Connected("microsoft", "daan.jansen@kumo-labs.example");
  // The sandbox answers 201 only after our route echoed its validationToken (else 400 ValidationError).
  const json log = world.SandboxGet("/sandbox/requests?provider=microsoft");
  int created_subscriptions = 0;
  for (const json& entry : log.at("requests")) {
    if (entry.at("method") == "POST" && entry.at("path") == "/microsoft/v1.0/subscriptions") {
      CHECK(entry.at("status") == 201);
      ++created_subscriptions;
    }
  }
  CHECK(created_subscriptions == 1);
  CHECK(CheckOutcome(world, "microsoft", "subscribe_changes") == "passed");
  const ChangeWatch watch = OnlyWatch(world, connection.id);
  CHECK(watch.provider == "microsoft");

}

TEST_CASE("Webhooks: duplicate Google message numbers and replayed Graph items queue no second sync") {
  ProviderWorld world;
  const Connection google = world.Connected("google", "lena.fischer@kumo.example");
  const Connection microsoft = world.Connected("microsoft", "daan.jansen@kumo-labs.example");
  Deliveries(world);  // let the sandbox's own pings land first
  const ChangeWatch channel = OnlyWatch(world, google.id);
  const std::string google_url = world.root() + "/webhooks/google";
  auto google_notice = [&](const std::string& number) {
    return PostTo(google_url,
                  {{"X-Goog-Channel-ID", channel.id},
                   {"X-Goog-Channel-Token", channel.secret},
                   {"X-Goog-Resource-ID", channel.resource_id},
                   {"X-Goog-Resource-State", "exists"},
                   {"X-Goog-Message-Number", number}},
                  "", "text/plain");
  };
  std::uint64_t pushed = Pushed(world);
  CHECK(google_notice("1000").status == 200);
  CHECK(Pushed(world) == pushed + 1);  // a fresh number queues a sync (so the next checks can fail)
  pushed = Pushed(world);
  CHECK(google_notice("1000").status == 200);
  CHECK(google_notice("999").status == 200);  // older than the newest accepted: also ignored
  CHECK(Pushed(world) == pushed);

  const ChangeWatch subscription = OnlyWatch(world, microsoft.id);
  const json item = {
      {"subscriptionId", subscription.id},          {"changeType", "updated"},
      {"resource", "Users/x/Events/replayed-item"}, {"resourceData", {{"id", "replayed-item"}}},
      {"clientState", subscription.secret},         {"tenantId", "7d3e1f00-0000-4000-8000-00000000c0de"}};
  const std::string body = json{{"value", json::array({item})}}.dump();
  pushed = Pushed(world);
  CHECK(PostTo(world.root() + "/webhooks/microsoft", {}, body).status == 202);
  CHECK(Pushed(world) == pushed + 1);
  CHECK(PostTo(world.root() + "/webhooks/microsoft", {}, body).status == 202);
  CHECK(Pushed(world) == pushed + 1);
}

TEST_CASE("Webhooks: forged Google and Graph notifications are refused; the Graph handshake echoes the token") {
  ProviderWorld world;
  const Connection google = world.Connected("google", "lena.fischer@kumo.example");
  const Connection microsoft = world.Connected("microsoft", "daan.jansen@kumo-labs.example");
  Deliveries(world);
  const ChangeWatch channel = OnlyWatch(world, google.id);
  const std::string google_url = world.root() + "/webhooks/google";
  const std::uint64_t pushed = Pushed(world);

  HttpReply wrong_token = PostTo(google_url,
                              {{"X-Goog-Channel-ID", channel.id},
                               {"X-Goog-Channel-Token", channel.secret + "x"},
                               {"X-Goog-Resource-ID", channel.resource_id},
                               {"X-Goog-Resource-State", "exists"},
                               {"X-Goog-Message-Number", "5000"}},
                              "", "text/plain");
  CHECK(wrong_token.status == 401);
  HttpReply unknown = PostTo(google_url,
                          {{"X-Goog-Channel-ID", "no-such-channel"},
                           {"X-Goog-Channel-Token", channel.secret},
                           {"X-Goog-Resource-State", "exists"},
                           {"X-Goog-Message-Number", "5000"}},
                          "", "text/plain");
  CHECK(unknown.status == 404);
  HttpReply no_token = PostTo(google_url,
                           {{"X-Goog-Channel-ID", channel.id},
                            {"X-Goog-Resource-ID", channel.resource_id},
                            {"X-Goog-Resource-State", "exists"},
                            {"X-Goog-Message-Number", "5000"}},
                           "", "text/plain");
  CHECK(no_token.status == 401);

  const ChangeWatch subscription = OnlyWatch(world, microsoft.id);
  const json forged = {{"value", json::array({{{"subscriptionId", subscription.id},
                                               {"changeType", "updated"},
                                               {"resource", "Users/x/Events/forged"},
                                               {"resourceData", {{"id", "forged"}}},
                                               {"clientState", "not-the-client-state"}}})}};
  CHECK(PostTo(world.root() + "/webhooks/microsoft", {}, forged.dump()).status == 401);
  CHECK(PostTo(world.root() + "/webhooks/microsoft", {}, "not json").status == 400);
  CHECK(Pushed(world) == pushed);

  // Validation: the decoded token comes back byte for byte as text/plain; control characters are refused.
  HttpReply echo =
      PostTo(world.root() + "/webhooks/microsoft?validationToken=Validation%3A%20a%2Bb%25c", {}, "", "text/plain");
  CHECK(echo.status == 200);
  CHECK(echo.body == "Validation: a+b%c");
  CHECK(echo.Header("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(PostTo(world.root() + "/webhooks/microsoft?validationToken=a%0D%0Ab", {}, "", "text/plain").status == 400);
}

TEST_CASE("Webhooks: Zoom deliveries need a valid, fresh, unreplayed signature; url_validation is answered") {
  ProviderWorld world;
  ChangeNotifications& hub = world.runtime().notifications();
  const std::string validation = json{{"event", "endpoint.url_validation"},
                                      {"event_ts", world.Now() * 1000},
                                      {"payload", {{"plainToken", "qgg8vlvZRS6UYooatFL8Aw"}}}}
                                     .dump();
  CHECK(PostZoom(world, validation, world.Now(), kZoomSecret).status == 503);  // no secret configured yet
  hub.SetZoomWebhookSecret(kZoomSecret);

  HttpReply answered = PostZoom(world, validation, world.Now(), kZoomSecret);
  REQUIRE(answered.status == 200);
  const json reply = json::parse(answered.body);
  CHECK(reply.at("plainToken") == "qgg8vlvZRS6UYooatFL8Aw");
  CHECK(reply.at("encryptedToken") == OpensslHmacSha256Hex(kZoomSecret, "qgg8vlvZRS6UYooatFL8Aw"));

  const std::string updated =
      json{
          {"event", "meeting.updated"},
          {"event_ts", world.Now() * 1000},
          {"payload", {{"account_id", "acc"}, {"object", {{"id", 123456789}, {"start_time", "2030-01-01T10:00:00Z"}}}}}}
          .dump();
  CHECK(PostZoom(world, updated, world.Now(), "some-other-secret").status == 401);  // bad signature
  CHECK(PostZoom(world, updated, world.Now() - 600, kZoomSecret).status == 401);    // stale (correctly signed)
  CHECK(PostZoom(world, updated, world.Now() + 600, kZoomSecret).status == 401);    // from the future
  CHECK(PostTo(world.root() + "/webhooks/zoom", {}, updated).status == 401);        // unsigned
  const std::uint64_t replays = hub.Stats().zoom_replays;
  const std::int64_t ts = world.Now();
  CHECK(PostZoom(world, updated, ts, kZoomSecret).status == 200);
  CHECK(hub.Stats().zoom_replays == replays);
  CHECK(PostZoom(world, updated, ts, kZoomSecret).status == 200);  // a replay is acknowledged and dropped
  CHECK(hub.Stats().zoom_replays == replays + 1);
}

TEST_CASE("Webhooks: connecting again replaces the watch instead of adding a second one") {
  ProviderWorld world;
  const Connection first = world.Connected("google", "lena.fischer@kumo.example");
  const ChangeWatch old_watch = OnlyWatch(world, first.id);
  const Connection again = world.Connected("google", "lena.fischer@kumo.example");
  REQUIRE(again.id == first.id);
  const ChangeWatch new_watch = OnlyWatch(world, again.id);
  CHECK(new_watch.id != old_watch.id);
  CHECK(world.CountRequests("google", "POST", "/channels/stop") == 1);
  CHECK(world.CountRequests("google", "POST", "/events/watch") == 2);
  Deliveries(world);
  // The old channel is forgotten: its notifications are refused as unknown.
  HttpReply stale = PostTo(world.root() + "/webhooks/google",
                        {{"X-Goog-Channel-ID", old_watch.id},
                         {"X-Goog-Channel-Token", old_watch.secret},
                         {"X-Goog-Resource-ID", old_watch.resource_id},
                         {"X-Goog-Resource-State", "exists"},
                         {"X-Goog-Message-Number", "7000"}},
                        "", "text/plain");
  CHECK(stale.status == 404);
}
