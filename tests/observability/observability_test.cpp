// Tests for backend/observability: the Prometheus text rendering, route templates, request ids and the JSON log.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "observability/json_log.h"
#include "observability/log_redaction.h"
#include "observability/metrics_registry.h"
#include "observability/request_context.h"
#include "observability/route_templates.h"

using namespace slotwise::observability;

TEST_CASE("counters render with escaped labels, sorted samples, in declaration order") {
  MetricsRegistry metrics;
  metrics.DeclareCounter("b_total", "Second family.");
  metrics.DeclareCounter("a_total", "First line\nsecond line.");
  metrics.Increment("a_total", {{"route", "/v1/x"}, {"note", "say \"hi\"\\ now\n"}}, 2);
  metrics.Increment("a_total", {{"route", "/v1/x"}, {"note", "say \"hi\"\\ now\n"}});
  metrics.Increment("b_total", {});
  metrics.Increment("b_total", {}, -5);        // counters never go down
  metrics.Increment("undeclared_total", {});   // ignored
  CHECK(metrics.CounterValue("a_total", {{"route", "/v1/x"}, {"note", "say \"hi\"\\ now\n"}}) == 3);
  CHECK(metrics.Render() ==
        "# HELP b_total Second family.\n"
        "# TYPE b_total counter\n"
        "b_total 1\n"
        "# HELP a_total First line second line.\n"
        "# TYPE a_total counter\n"
        "a_total{route=\"/v1/x\",note=\"say \\\"hi\\\"\\\\ now\\n\"} 3\n");
}

TEST_CASE("histograms render cumulative buckets, +Inf, sum and count") {
  MetricsRegistry metrics;
  metrics.DeclareHistogram("d_seconds", "Durations.", {1, 0.1});  // bounds are sorted
  metrics.Observe("d_seconds", {{"r", "x"}}, 0.05);
  metrics.Observe("d_seconds", {{"r", "x"}}, 0.5);
  metrics.Observe("d_seconds", {{"r", "x"}}, 7);
  CHECK(metrics.CounterValue("d_seconds", {{"r", "x"}}) == 3);
  CHECK(metrics.Render() ==
        "# HELP d_seconds Durations.\n"
        "# TYPE d_seconds histogram\n"
        "d_seconds_bucket{r=\"x\",le=\"0.1\"} 1\n"
        "d_seconds_bucket{r=\"x\",le=\"1\"} 2\n"
        "d_seconds_bucket{r=\"x\",le=\"+Inf\"} 3\n"
        "d_seconds_sum{r=\"x\"} 7.55\n"
        "d_seconds_count{r=\"x\"} 3\n");
}

TEST_CASE("values read at scrape time render as gauges or counters") {
  CHECK(RenderScraped("q", "Queue.", ScrapedType::kGauge, {{{{"state", "due"}}, 2}, {{}, 0.25}}) ==
        "# HELP q Queue.\n# TYPE q gauge\nq{state=\"due\"} 2\nq 0.25\n");
  CHECK(RenderScraped("c_total", "C.", ScrapedType::kCounter, {}) == "# HELP c_total C.\n# TYPE c_total counter\n");
}

TEST_CASE("a path maps onto the most literal route template, never onto its ids") {
  RouteTemplates routes;
  routes.Add("/v1/interviews/{id}");
  routes.Add("/v1/interviews/search");
  routes.Add("/v1/interviews/{id}/history");
  routes.Add("/v1/organisation/{provider}/check");
  routes.Add("/v1/organisation/google");
  routes.Add("/healthz");
  CHECK(routes.Match("/v1/interviews/int_8f3a") == "/v1/interviews/{id}");
  CHECK(routes.Match("/v1/interviews/search") == "/v1/interviews/search");
  CHECK(routes.Match("/v1/interviews/int_8f3a/history") == "/v1/interviews/{id}/history");
  CHECK(routes.Match("/v1/organisation/google/check") == "/v1/organisation/{provider}/check");
  CHECK(routes.Match("/v1/organisation/google") == "/v1/organisation/google");
  CHECK(routes.Match("/healthz") == "/healthz");
  CHECK(routes.Match("/v1/interviews/") == "");        // an empty segment is no id
  CHECK(routes.Match("/v1/interviews/a/b/c") == "");
  CHECK(routes.Match("/index.html") == "");
}

TEST_CASE("a caller's request id is kept when it is safe to log, otherwise one is minted") {
  CHECK(AcceptRequestId("req-42.a_b:c") == "req-42.a_b:c");
  for (const std::string& offered : {std::string(""), std::string(65, 'a'), std::string("has space"),
                                    std::string("quote\""), std::string("line\nbreak"), std::string("ü")}) {
    const std::string id = AcceptRequestId(offered);
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  CHECK(NewRequestId() != NewRequestId());
}

TEST_CASE("log lines are whole JSON objects tagged with the current request") {
  std::vector<std::string> lines;
  const LogSink previous = SetLogSink([&lines](std::string_view line) { lines.emplace_back(line); });
  CHECK(CurrentRequest() == nullptr);
  WriteLog(LogLevel::kInfo, "background", {{"n", 1}});
  {
    RequestScope scope("req-1");
    NoteTenant("ten_a");
    CHECK(CurrentRequest()->tenant_id == "ten_a");
    WriteLog(LogLevel::kWarning, "provider_call", {{"provider", "google"}, {"note", std::string("bad \xff byte")}});
  }
  CHECK(CurrentRequest() == nullptr);
  NoteTenant("ignored");  // outside a request: nothing to note
  LogProblem(LogLevel::kError, "the outbox could not be read");
  SetLogSink(previous);

  REQUIRE(lines.size() == 3);
  for (const std::string& line : lines) CHECK(line.find('\n') == std::string::npos);
  const nlohmann::json first = nlohmann::json::parse(lines[0]);
  CHECK(first["kind"] == "background");
  CHECK(first["level"] == "info");
  CHECK_FALSE(first.contains("request_id"));
  CHECK(first["time"].get<std::string>().size() == 24);  // 2026-12-06T09:41:07.123Z
  const nlohmann::json second = nlohmann::json::parse(lines[1]);
  CHECK(second["request_id"] == "req-1");
  CHECK(second["provider"] == "google");
  CHECK(second["level"] == "warning");
  const nlohmann::json third = nlohmann::json::parse(lines[2]);
  CHECK(third["kind"] == "problem");
  CHECK(third["message"] == "the outbox could not be read");
}

TEST_CASE("free text loses e-mail addresses and credentials before it is logged") {
  CHECK(RedactForLog("calendar alice.o'neil+x@example.co.uk not found.") == "calendar <e-mail> not found.");
  CHECK(RedactForLog("Kandidat: jürgen@beispiel.de.") == "Kandidat: <e-mail>.");  // a non-ASCII local part
  CHECK(RedactForLog("mail bob@example.com and carol@test.org") == "mail <e-mail> and <e-mail>");
  CHECK(RedactForLog("key swk_abc_DEF-123 refused") == "key swk_<redacted> refused");
  CHECK(RedactForLog("token swt1.eyJhbGciOi.sig=") == "token swt1<redacted>");
  CHECK(RedactForLog("link #p=swp_AbC-12_x9 opened") == "link #p=swp_<redacted> opened");
  CHECK(RedactForLog("display swd_Zx-9_k refused") == "display swd_<redacted> refused");
  CHECK(RedactForLog("Authorization: Bearer ya29.a0Af-x") == "Authorization: Bearer <redacted>");
  CHECK(RedactForLog("no @ here, user@localhost, 2 @ 3") == "no @ here, user@localhost, 2 @ 3");
  CHECK(RedactForLog("Bearer ") == "Bearer ");
  CHECK(RedactForLog("") == "");

  std::vector<std::string> lines;
  const LogSink previous = SetLogSink([&lines](std::string_view line) { lines.emplace_back(line); });
  WriteLog(LogLevel::kError, "outbox_job", {{"error", "invite to cand@example.com failed"}, {"nested", {"x@y.io"}}});
  SetLogSink(previous);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find('@') == std::string::npos);
}
