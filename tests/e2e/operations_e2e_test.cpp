// End-to-end operations: GET /metrics counts what a known sequence of requests and a booking did (requests by route
// template and status, provider calls, the outbox), GET /readyz reports its checks and fails when the outbox stops
// claiming due work, X-Request-Id is taken or minted and returned, and the request's log line names the route
// template and the tenant but no id (docs/OPERATIONS.md).
#include <doctest/doctest.h>

#include <httplib.h>

#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/operations_routes.h"
#include "booking/outbox_worker.h"
#include "observability/json_log.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr int kOutboxLagSecondsForTest = static_cast<int>(kOutboxLagLimitSeconds) + 60;

// Every sample of a Prometheus text page: "name{labels}" → value (comments skipped).
std::map<std::string, double> Samples(const std::string& page) {
  std::map<std::string, double> samples;
  std::size_t start = 0;
  while (start < page.size()) {
    std::size_t end = page.find('\n', start);
    if (end == std::string::npos) end = page.size();
    const std::string line = page.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    REQUIRE_MESSAGE(space != std::string::npos, line);
    samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return samples;
}

double Value(const std::map<std::string, double>& samples, const std::string& series) {
  const auto found = samples.find(series);
  return found == samples.end() ? 0 : found->second;
}

httplib::Result Get(ProviderWorld& world, const std::string& path, const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", std::stoi(world.root().substr(world.root().rfind(':') + 1)));
  client.set_read_timeout(10);
  return client.Get(path.c_str(), headers);
}

std::map<std::string, double> Scrape(ProviderWorld& world) {
  httplib::Result page = Get(world, "/metrics", {{"Authorization", std::string("Bearer ") + ProviderWorld::kAdminKey}});
  REQUIRE(page);
  REQUIRE_MESSAGE(page->status == 200, page->body);
  CHECK(page->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
  return Samples(page->body);
}

// A free Tuesday 13:00 Berlin of the week after next (the sandbox's demo events fill this week and the next).
Instant FreeSlot(ProviderWorld& world) {
  const Day day = FreeWeekDay(world.Now(), 2);
  return day.midnight + 13 * 3600;
}

json BookingBody(const std::string& title, Instant start) {
  return DemoBooking(title, start, {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}});
}

// Collects the log lines written while it lives, and passes them on to the sink that was installed before.
class LogCapture {
 public:
  LogCapture() {
    previous_ = observability::SetLogSink([this](std::string_view line) {
      {
        std::lock_guard lock(mutex_);
        lines_.emplace_back(line);
      }
      if (previous_) previous_(line);
    });
  }
  ~LogCapture() { observability::SetLogSink(previous_); }
  std::vector<json> OfKind(const std::string& kind) {
    std::lock_guard lock(mutex_);
    std::vector<json> found;
    for (const std::string& line : lines_) {
      json parsed = json::parse(line, nullptr, false);
      if (parsed.is_object() && parsed.value("kind", "") == kind) found.push_back(parsed);
    }
    return found;
  }

 private:
  observability::LogSink previous_;
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

}  // namespace

TEST_CASE("Operations: /metrics counts a known sequence of requests, a booking, its provider calls and an edge refusal") {
  ProviderWorld world(true, true);
  const std::map<std::string, double> before = Scrape(world);

  for (int i = 0; i < 3; ++i) CHECK(world.Api("GET", "/v1/interviews/int_missing" + std::to_string(i)).status == 404);
  CHECK(world.Api("GET", "/v1/no/such/route").status == 404);
  HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody("Metrics interview", FreeSlot(world)), "metrics-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const json interview = world.Settled(json::parse(booked.body).at("id"));
  CHECK(interview.at("status") == "confirmed");

  const std::map<std::string, double> after = Scrape(world);
  const auto delta = [&](const std::string& series) { return Value(after, series) - Value(before, series); };
  CHECK(delta(R"m(slotwise_http_requests_total{method="GET",route="/v1/interviews/{id}",status="404"})m") == 3);
  CHECK(delta(R"m(slotwise_http_requests_total{method="GET",route="(unmatched)",status="404"})m") == 1);
  CHECK(delta(R"m(slotwise_http_requests_total{method="POST",route="/v1/interviews",status="201"})m") == 1);
  CHECK(delta(R"m(slotwise_http_request_duration_seconds_count{method="POST",route="/v1/interviews"})m") == 1);
  CHECK(delta(R"m(slotwise_http_request_duration_seconds_bucket{method="POST",route="/v1/interviews",le="+Inf"})m") == 1);
  CHECK(delta(R"m(slotwise_http_requests_total{method="GET",route="/v1/interviews/{id}",status="200"})m") >= 1);
  CHECK(delta(R"m(slotwise_http_requests_total{method="GET",route="/metrics",status="200"})m") == 1);  // the first scrape
  // The booking's event was created at Google (the sandbox at Google's paths): at least that call, answered 200.
  CHECK(delta(R"m(slotwise_provider_requests_total{provider="google",outcome="200"})m") >= 1);
  CHECK(delta(R"m(slotwise_provider_request_duration_seconds_count{provider="google"})m") >= 1);
  // No id or e-mail address is ever a label value.
  for (const auto& [series, value] : after) {
    CHECK_MESSAGE(series.find("int_") == std::string::npos, series);
    CHECK_MESSAGE(series.find('@') == std::string::npos, series);
  }
  // The outbox is drained; the gauges read at scrape time are there.
  CHECK(Value(after, R"m(slotwise_outbox_jobs{state="due"})m") == 0);
  CHECK(after.count(R"m(slotwise_outbox_jobs{state="dead"})m") == 1);
  CHECK(after.count("slotwise_webhook_delivery_lag_seconds") == 1);
  CHECK(after.count(R"m(slotwise_free_busy_cache_lookups_total{result="hit"})m") == 1);

  // A request the edge refuses before routing (headers over limits.max_header_bytes) is counted and logged by code.
  {
    LogCapture log;
    const std::map<std::string, double> edge_before = Scrape(world);
    httplib::Result refused = Get(world, "/healthz", {{"X-Padding", std::string(20 * 1024, 'p')}});
    REQUIRE(refused);
    CHECK(refused->status == 431);
    const std::map<std::string, double> edge_after = Scrape(world);
    const std::string series = R"m(slotwise_edge_refusals_total{code="headers_too_large"})m";
    CHECK(Value(edge_after, series) - Value(edge_before, series) == 1);
    const std::vector<json> lines = log.OfKind("edge_refusal");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("code") == "headers_too_large");
    CHECK(lines[0].at("status") == 431);
  }

  // Only an admin key may read the metrics.
  httplib::Result anonymous = Get(world, "/metrics", {});
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  httplib::Result tenant = Get(world, "/metrics", {{"Authorization", "Bearer " + world.api_key()}});
  REQUIRE(tenant);
  CHECK(tenant->status == 401);
}

TEST_CASE("Operations: /readyz is ready, and not ready while due outbox jobs wait beyond the limit") {
  ProviderWorld world(true, true);
  httplib::Result ready = Get(world, "/readyz", {});
  REQUIRE(ready);
  REQUIRE_MESSAGE(ready->status == 200, ready->body);
  json answer = json::parse(ready->body);
  CHECK(answer["status"] == "ready");
  CHECK(answer["checks"]["database"]["status"] == "ok");
  CHECK(answer["checks"]["keyring"]["status"] == "ok");
  CHECK(answer["checks"]["outbox"]["status"] == "ok");
  CHECK(answer["checks"]["outbox"]["oldest_due_seconds"] == 0);

  // The workers stop claiming work (as a stuck worker would): a booking's job waits; past the limit, not ready.
  world.scheduling().outbox().Stop();
  HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody("Readiness interview", FreeSlot(world)), "ready-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  world.Advance(kOutboxLagSecondsForTest);
  httplib::Result stuck = Get(world, "/readyz", {});
  REQUIRE(stuck);
  CHECK_MESSAGE(stuck->status == 503, stuck->body);
  answer = json::parse(stuck->body);
  CHECK(answer["status"] == "not_ready");
  CHECK(answer["checks"]["outbox"]["status"] == "failed");
  CHECK(answer["checks"]["outbox"]["oldest_due_seconds"].get<int>() >= kOutboxLagSecondsForTest);
  CHECK(answer["checks"]["database"]["status"] == "ok");
  const std::map<std::string, double> samples = Scrape(world);
  CHECK(Value(samples, R"m(slotwise_outbox_jobs{state="due"})m") == 1);
  CHECK(Value(samples, "slotwise_outbox_oldest_due_seconds") >= kOutboxLagSecondsForTest);

  // The workers resume: the job is claimed and done, the server is ready again.
  world.scheduling().outbox().Start();
  CHECK(world.Settled(json::parse(booked.body).at("id")).at("status") == "confirmed");
  httplib::Result again = Get(world, "/readyz", {});
  REQUIRE(again);
  CHECK_MESSAGE(again->status == 200, again->body);
}

TEST_CASE("Operations: X-Request-Id is kept or minted, returned, and on the request's log line with no id or e-mail") {
  ProviderWorld world(true, true);
  LogCapture log;
  const httplib::Headers auth{{"Authorization", "Bearer " + world.api_key()}};

  httplib::Headers traced = auth;
  traced.emplace("X-Request-Id", "ats-trace-0001");
  httplib::Result answer = Get(world, "/v1/interviews/int_unknown42?candidate=jane.doe@candidate.example", traced);
  REQUIRE(answer);
  CHECK(answer->status == 404);
  CHECK(answer->get_header_value("X-Request-Id") == "ats-trace-0001");

  httplib::Headers unsafe = auth;
  unsafe.emplace("X-Request-Id", "two words");
  httplib::Result minted = Get(world, "/v1/interviews/int_unknown43", unsafe);
  REQUIRE(minted);
  const std::string minted_id = minted->get_header_value("X-Request-Id");
  CHECK(std::regex_match(minted_id, std::regex("[0-9a-f]{32}")));

  httplib::Result anonymous = Get(world, "/healthz", {});
  REQUIRE(anonymous);
  CHECK(std::regex_match(anonymous->get_header_value("X-Request-Id"), std::regex("[0-9a-f]{32}")));

  const std::vector<json> requests = log.OfKind("request");
  const auto line_of = [&](const std::string& id) {
    for (const json& line : requests) {
      if (line.value("request_id", "") == id) return line;
    }
    return json();
  };
  const json traced_line = line_of("ats-trace-0001");
  REQUIRE_MESSAGE(traced_line.is_object(), json(requests).dump());
  CHECK(traced_line["route"] == "/v1/interviews/{id}");
  CHECK(traced_line["method"] == "GET");
  CHECK(traced_line["status"] == 404);
  CHECK(traced_line["tenant"] == "kumo");
  CHECK(traced_line["client"] == "127.0.0.1");
  CHECK(traced_line["duration_ms"].is_number());
  CHECK(traced_line["bytes"].get<int>() > 0);
  CHECK(traced_line.dump().find("int_unknown42") == std::string::npos);
  CHECK(traced_line.dump().find('@') == std::string::npos);
  CHECK(traced_line.dump().find(world.api_key()) == std::string::npos);
  CHECK(line_of(minted_id).value("route", "") == "/v1/interviews/{id}");
  const json health = line_of(anonymous->get_header_value("X-Request-Id"));
  CHECK(health.value("route", "") == "/healthz");
  CHECK(health.value("tenant", "?") == "");
}
