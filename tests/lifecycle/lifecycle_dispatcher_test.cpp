// lifecycle_dispatcher_test.cpp — the dispatcher (lifecycle/lifecycle_dispatcher.h) against a scripted transport, a
// fake clock and a fixed random source: the Standard Webhooks headers, ordering per subject while an earlier event
// is retried, backoff and Retry-After, giving up, skipping a tenant without a URL, redelivery, and a restart on the
// same database re-sending what was not recorded as delivered, with the same webhook-id and body.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <deque>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>

#include "auth/standard_webhooks.h"
#include "lifecycle/event_log.h"
#include "lifecycle/lifecycle_dispatcher.h"
#include "slotwise/error_codes.h"
#include "store/lifecycle_events.h"
#include "support/temp_directory_store.h"

using namespace slotwise;
using namespace slotwise::lifecycle;
using slotwise::testing::TempDirectoryStore;
using nlohmann::json;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::int64_t kStart = 1'800'000'000;

// Answers each request with the next scripted status (200 once the script is empty) and records what was sent.
class ScriptedAts final : public net::HttpTransport {
 public:
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    if (unanswered && unanswered(request)) {
      std::lock_guard lock(mutex);
      sent.push_back(request);
      return Error{codes::kTimeout, "no answer within the timeout", ""};
    }
    std::lock_guard lock(mutex);
    sent.push_back(request);
    net::HttpResponse response;
    response.status = 200;
    if (!script.empty()) {
      response = script.front();
      script.pop_front();
    }
    return response;
  }
  void Answer(int status, std::string retry_after = "") {
    net::HttpResponse response;
    response.status = status;
    if (!retry_after.empty()) response.headers.push_back({"Retry-After", retry_after});
    script.push_back(response);
  }
  std::string Header(std::size_t index, std::string_view name) const {
    for (const net::HttpHeader& header : sent.at(index).headers) {
      if (header.name == name) return header.value;
    }
    return "";
  }
  std::string TypeOf(std::size_t index) const { return json::parse(sent.at(index).body).at("type"); }
  std::string IdOf(std::size_t index) const { return Header(index, "webhook-id"); }

  std::size_t Count() {
    std::lock_guard lock(mutex);
    return sent.size();
  }

  // When set and true for a request: the ATS gives no answer (after whatever the function waits).
  std::function<bool(const net::HttpRequest&)> unanswered;
  std::mutex mutex;  // the Start/Stop case sends from the dispatcher's thread
  std::deque<net::HttpResponse> script;
  std::vector<net::HttpRequest> sent;
};

struct World {
  World() {
    Tenant tenant;
    tenant.id = "acme";
    tenant.name = "Acme";
    tenant.ats_webhook_url = "https://ats.acme.test/hooks";
    tenant.ats_webhook_secret = kSecret;
    REQUIRE(directory.store->CreateTenant(tenant).ok());
    Tenant quiet;
    quiet.id = "quiet";
    quiet.name = "No webhook";
    REQUIRE(directory.store->CreateTenant(quiet).ok());
    Reopen();
  }
  // A new log and dispatcher on the same database file: what a restarted process has.
  void Reopen() {
    dispatcher.reset();
    Result<std::unique_ptr<EventLog>> opened = EventLog::Open(directory.db_path);
    REQUIRE(opened.ok());
    log = std::move(opened).value();
    DispatchOptions options;
    options.retry.base_delay_seconds = 10;
    options.retry.max_delay_seconds = 1000;
    options.retry.max_attempts = 4;
    auth::OutboundPolicy outbound(auth::OutboundRules{{"ats.acme.test", "ats.slow.test"}, {}},
                                  [](const std::string&) -> Result<std::vector<std::string>> {
                                    return std::vector<std::string>{"192.0.2.10"};
                                  });
    dispatcher = std::make_unique<LifecycleDispatcher>(
        *log, *directory.store, ats, outbound, [this] { return now; }, options, [] { return 0.0; });
  }
  std::int64_t Append(const std::string& tenant, std::string_view type, const std::string& subject) {
    Result<std::int64_t> id = lifecycle_events::AppendLifecycleEvent(directory.database->handle(), tenant, type,
                                                                     subject, json{{"subject", subject}}, now);
    REQUIRE(id.ok());
    return *id;
  }
  LifecycleEvent Event(std::int64_t id, const std::string& tenant = "acme") {
    Result<std::optional<LifecycleEvent>> event = log->Get(tenant, id);
    REQUIRE(event.ok());
    REQUIRE(event->has_value());
    return **event;
  }

  TempDirectoryStore directory;
  ScriptedAts ats;
  std::int64_t now = kStart;
  std::unique_ptr<EventLog> log;
  std::unique_ptr<LifecycleDispatcher> dispatcher;
};

}  // namespace

TEST_CASE("dispatcher: a delivery carries the Standard Webhooks headers over the exact recorded body") {
  World world;
  const std::int64_t id = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_1");
  world.now += 3;
  CHECK(world.dispatcher->DeliverDue() == 1);
  REQUIRE(world.ats.sent.size() == 1);
  const net::HttpRequest& sent = world.ats.sent[0];
  CHECK(sent.method == "POST");
  CHECK(sent.url == "https://ats.acme.test/hooks");
  CHECK(sent.connect_address == "192.0.2.10");  // pinned to the address the policy checked
  CHECK(sent.body == world.Event(id).payload);
  const json body = json::parse(sent.body);
  CHECK(body.at("type") == "interview.confirmed");
  CHECK(body.at("timestamp") == "2027-01-15T08:00:00Z");  // when it was recorded, not when it was sent
  CHECK(body.at("data") == json{{"subject", "int_1"}});
  CHECK(world.ats.Header(0, "webhook-id") == "evt_" + std::to_string(id));
  CHECK(world.ats.Header(0, "webhook-timestamp") == std::to_string(kStart + 3));
  CHECK(world.ats.Header(0, "webhook-signature") ==
        auth::StandardSignature(auth::SigningKey(kSecret), "evt_" + std::to_string(id), kStart + 3, sent.body));
  CHECK(world.ats.Header(0, "Content-Type") == "application/json");
  const LifecycleEvent event = world.Event(id);
  CHECK(event.state == "delivered");
  CHECK(event.attempts == 1);
  CHECK(event.last_status == 200);
  CHECK(event.delivered_at == kStart + 3);
  CHECK(world.dispatcher->DeliverDue() == 0);  // nothing is sent twice once delivered
}

TEST_CASE("dispatcher: a failing event holds back later events of its subject, not other subjects") {
  World world;
  const std::int64_t a1 = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_a");
  const std::int64_t a2 = world.Append("acme", lifecycle_events::kInterviewRescheduled, "int_a");
  const std::int64_t b1 = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_b");
  world.ats.Answer(503);
  CHECK(world.dispatcher->DeliverDue() == 2);  // a1 failed, b1 delivered; a2 waits behind a1
  REQUIRE(world.ats.sent.size() == 2);
  CHECK(world.ats.IdOf(0) == "evt_" + std::to_string(a1));
  CHECK(world.ats.IdOf(1) == "evt_" + std::to_string(b1));
  CHECK(world.Event(a1).state == "pending");
  CHECK(world.Event(a1).attempts == 1);
  CHECK(world.Event(a1).last_status == 503);
  CHECK(world.Event(a1).next_attempt_at == kStart + 5);  // 10 s nominal, jitter 0 → half
  CHECK(world.Event(a2).state == "pending");
  CHECK(world.Event(a2).attempts == 0);

  world.now += 4;
  CHECK(world.dispatcher->DeliverDue() == 0);  // a1 not due yet, and a2 is behind it
  world.now += 1;
  CHECK(world.dispatcher->DeliverDue() == 2);  // a1, then a2 in the same pass
  REQUIRE(world.ats.sent.size() == 4);
  CHECK(world.ats.IdOf(2) == "evt_" + std::to_string(a1));
  CHECK(world.ats.IdOf(3) == "evt_" + std::to_string(a2));
  CHECK(world.Event(a1).state == "delivered");
  CHECK(world.Event(a2).state == "delivered");
  CHECK(world.ats.sent[0].body == world.ats.sent[2].body);  // the retry sends the same bytes
  CHECK(world.ats.Header(2, "webhook-timestamp") == std::to_string(kStart + 5));  // signed anew
}

TEST_CASE("dispatcher: an ATS that never answers costs its own tenant one attempt per backoff, never the others") {
  World world;
  Tenant slow;
  slow.id = "slow";
  slow.name = "Slow ATS";
  slow.ats_webhook_url = "https://ats.slow.test/hooks";
  slow.ats_webhook_secret = kSecret;
  REQUIRE(world.directory.store->CreateTenant(slow).ok());
  // 30 events of the slow tenant recorded first (a backlog), then 5 of acme.
  std::vector<std::int64_t> slow_ids, acme_ids;
  for (int i = 0; i < 30; ++i) slow_ids.push_back(world.Append("slow", lifecycle_events::kInterviewConfirmed, "slow_" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) acme_ids.push_back(world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_" + std::to_string(i)));

  // The slow ATS hangs until acme's five were delivered (or 5 s pass): only a dispatcher that serves acme while the
  // slow request is in flight lets it go in time.
  std::mutex mutex;
  std::condition_variable acme_done;
  bool released_in_time = false;
  int slow_requests = 0;
  const auto delivered_to_acme = [&] {
    int count = 0;
    for (std::int64_t id : acme_ids) count += world.Event(id).state == "delivered" ? 1 : 0;
    return count;
  };
  world.ats.unanswered = [&](const net::HttpRequest& request) {
    if (request.body.find("slow_") == std::string::npos) return false;
    std::unique_lock lock(mutex);
    const bool in_time = acme_done.wait_for(lock, std::chrono::seconds(5), [&] { return delivered_to_acme() == 5; });
    if (++slow_requests == 1) released_in_time = in_time;  // the first slow request is the one that matters
    return true;
  };
  std::thread watcher([&] {
    for (int i = 0; i < 500 && delivered_to_acme() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard lock(mutex);
    acme_done.notify_all();
  });
  const int attempts = world.dispatcher->DeliverDue();
  watcher.join();
  CHECK(released_in_time);
  CHECK(delivered_to_acme() == 5);
  // The slow tenant got one attempt; its other 29 events rest until that one's retry, untried.
  CHECK(attempts == 6);
  CHECK(world.Event(slow_ids[0], "slow").attempts == 1);
  CHECK(world.Event(slow_ids[0], "slow").state == "pending");
  CHECK(world.Event(slow_ids[1], "slow").attempts == 0);
  CHECK(world.dispatcher->DeliverDue() == 0);  // still resting

  // At the retry time the ATS answers again: the backlog drains, fairly batched, in order per subject.
  world.ats.unanswered = nullptr;
  world.now = world.Event(slow_ids[0], "slow").next_attempt_at;
  CHECK(world.dispatcher->DeliverDue() == 30);
  for (std::int64_t id : slow_ids) CHECK(world.Event(id, "slow").state == "delivered");
}

TEST_CASE("dispatcher: a tenant's backlog does not fill every batch (at most per_tenant_batch of one tenant are read)") {
  World world;
  for (int i = 0; i < 25; ++i) world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_" + std::to_string(i));
  const std::int64_t quiet = world.Append("quiet", lifecycle_events::kInterviewConfirmed, "int_q");
  Result<std::vector<LifecycleEvent>> due = world.log->Due(world.now, 11, 10);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 11);
  CHECK(due->back().id == quiet);  // the 11th is the other tenant's, not acme's 11th
}

TEST_CASE("dispatcher: finished events leave the log 30 days after their last attempt; pending ones stay") {
  World world;
  const std::int64_t delivered = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_1");
  const std::int64_t skipped = world.Append("quiet", lifecycle_events::kInterviewConfirmed, "int_2");
  const std::int64_t failing = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_3");
  world.ats.Answer(200);
  world.ats.Answer(500);
  world.dispatcher->DeliverDue();
  REQUIRE(world.Event(delivered).state == "delivered");
  REQUIRE(world.Event(skipped, "quiet").state == "skipped");
  REQUIRE(world.Event(failing).state == "pending");
  world.ats.Answer(500);  // the retries keep failing: the event stays pending, however old
  for (int i = 0; i < 12; ++i) world.ats.Answer(500);
  world.now += 29 * 86400;
  world.dispatcher->DeliverDue();
  CHECK(world.log->Get("acme", delivered).value().has_value());  // 29 days: kept
  world.now += 2 * 86400;
  world.dispatcher->DeliverDue();
  CHECK_FALSE(world.log->Get("acme", delivered).value().has_value());
  CHECK_FALSE(world.log->Get("quiet", skipped).value().has_value());
  CHECK(world.log->Get("acme", failing).value().has_value());
}

TEST_CASE("dispatcher: backoff doubles, Retry-After is respected, and the last attempt makes the event dead") {
  World world;
  const std::int64_t id = world.Append("acme", lifecycle_events::kProposalExpired, "prp_1");
  const std::int64_t later = world.Append("acme", lifecycle_events::kProposalPicked, "prp_1");
  world.ats.Answer(500);
  world.ats.Answer(429, "300");
  world.ats.Answer(302);  // redirects are not followed: a failure like any other
  world.ats.Answer(500);
  world.dispatcher->DeliverDue();
  CHECK(world.Event(id).next_attempt_at == world.now + 5);
  world.now += 5;
  world.dispatcher->DeliverDue();
  CHECK(world.Event(id).next_attempt_at == world.now + 300);  // Retry-After beats the 10 s of attempt 2
  CHECK(world.Event(id).last_error == "the ATS answered 429");
  world.now += 300;
  world.dispatcher->DeliverDue();
  CHECK(world.Event(id).next_attempt_at == world.now + 20);
  CHECK(world.Event(id).last_error == "the ATS answered 302 (redirects are not followed)");
  world.now += 20;
  world.dispatcher->DeliverDue();  // attempt 4 of 4 fails: dead, and the later event of the subject goes
  CHECK(world.Event(id).state == "dead");
  CHECK(world.Event(id).attempts == 4);
  CHECK(world.Event(later).state == "delivered");
  REQUIRE(world.ats.sent.size() == 5);
  for (std::size_t i = 0; i < 4; ++i) CHECK(world.ats.IdOf(i) == "evt_" + std::to_string(id));

  // Redelivery puts it back, due now, same id and body.
  Result<std::optional<LifecycleEvent>> again = world.log->Redeliver("acme", id, world.now);
  REQUIRE(again.ok());
  REQUIRE(again->has_value());
  CHECK((*again)->state == "pending");
  CHECK((*again)->attempts == 0);
  world.dispatcher->DeliverDue();
  CHECK(world.Event(id).state == "delivered");
  CHECK(world.ats.IdOf(5) == "evt_" + std::to_string(id));
  CHECK(world.ats.sent[5].body == world.ats.sent[0].body);
}

TEST_CASE("dispatcher: a tenant without a webhook URL has its events skipped, never sent") {
  World world;
  const std::int64_t id = world.Append("quiet", lifecycle_events::kConnectionNeedsAttention, "con_1");
  CHECK(world.dispatcher->DeliverDue() == 1);
  CHECK(world.ats.sent.empty());
  CHECK(world.Event(id, "quiet").state == "skipped");
  CHECK(world.Event(id, "quiet").attempts == 0);
}

TEST_CASE("dispatcher: the log and redelivery are scoped to one tenant") {
  World world;
  const std::int64_t id = world.Append("acme", lifecycle_events::kInterviewCancelled, "int_1");
  Result<std::optional<LifecycleEvent>> foreign = world.log->Get("quiet", id);
  REQUIRE(foreign.ok());
  CHECK_FALSE(foreign->has_value());
  Result<std::optional<LifecycleEvent>> stolen = world.log->Redeliver("quiet", id, world.now);
  REQUIRE(stolen.ok());
  CHECK_FALSE(stolen->has_value());
  Result<std::vector<LifecycleEvent>> listed = world.log->List("quiet", LogQuery{});
  REQUIRE(listed.ok());
  CHECK(listed->empty());
  listed = world.log->List("acme", LogQuery{});
  REQUIRE(listed.ok());
  CHECK(listed->size() == 1);
}

TEST_CASE("dispatcher: after a restart, what was not recorded as delivered is sent again with the same id") {
  World world;
  const std::int64_t first = world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_1");
  const std::int64_t second = world.Append("acme", lifecycle_events::kInterviewCancelled, "int_1");
  world.ats.Answer(500);
  world.dispatcher->DeliverDue();
  const std::string first_body = world.ats.sent.at(0).body;
  world.Reopen();  // a new process on the same file: nothing lives in memory
  world.now += 5;
  CHECK(world.dispatcher->DeliverDue() == 2);
  REQUIRE(world.ats.sent.size() == 3);
  CHECK(world.ats.IdOf(1) == "evt_" + std::to_string(first));
  CHECK(world.ats.sent[1].body == first_body);
  CHECK(world.ats.IdOf(2) == "evt_" + std::to_string(second));
}

TEST_CASE("dispatcher: Start and Stop run and join the thread; Stop interrupts the idle wait") {
  World world;
  world.Append("acme", lifecycle_events::kInterviewConfirmed, "int_1");
  world.dispatcher->Start();
  for (int i = 0; i < 200 && world.ats.Count() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto before = std::chrono::steady_clock::now();
  world.dispatcher->Stop();
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::milliseconds(500));  // idle_poll is 1 s
  CHECK(world.ats.Count() == 1);
}
