// operations_routes.cpp — see operations_routes.h.
#include "app/operations_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "availability/free_busy_cache.h"
#include "lifecycle/event_log.h"
#include "observability/metrics_registry.h"
#include "runtime/connections_runtime.h"
#include "runtime/scheduling_runtime.h"

namespace slotwise {

namespace {

using json = nlohmann::json;

json Check(const char* status, const std::string& detail = "") {
  json check{{"status", status}};
  if (!detail.empty()) check["detail"] = detail;
  return check;
}

json KeyringCheck(const ConnectionsRuntime* connections) {
  if (!connections) return Check("off", "the server runs without provider connections");
  constexpr std::string_view kProbe = "readiness probe";
  const std::string sealed = connections->vault().Seal(kProbe, "readyz");
  Result<std::string> opened = connections->vault().Open(sealed, "readyz");
  if (!opened || *opened != kProbe) return Check("failed", "the token keyring could not seal and open a probe");
  return Check("ok");
}

// The database and outbox checks, from one read of the outbox's queue.
void AddSchedulingChecks(SchedulingRuntime& scheduling, json& checks) {
  const std::int64_t now = scheduling.clock()();
  Result<OutboxBacklog> backlog = scheduling.interviews().Backlog(now);
  if (!backlog) {
    checks["database"] = Check("failed", backlog.error().message);
    checks["outbox"] = Check("failed", "the outbox could not be read");
    return;
  }
  checks["database"] = Check("ok");
  const std::int64_t waited = backlog->oldest_due_at == 0 ? 0 : std::max<std::int64_t>(0, now - backlog->oldest_due_at);
  json outbox = waited > kOutboxLagLimitSeconds
                            ? Check("failed", "due outbox jobs have not been claimed for " + std::to_string(waited) + " s")
                            : Check("ok");
  outbox["oldest_due_seconds"] = waited;
  outbox["limit_seconds"] = kOutboxLagLimitSeconds;
  checks["outbox"] = std::move(outbox);
}

std::string SchedulingGauges(SchedulingRuntime& scheduling) {
  using observability::GaugeSample;
  using observability::ScrapedType;
  const auto RenderGauge = [](std::string_view name, std::string_view help, const std::vector<GaugeSample>& samples) {
    return observability::RenderScraped(name, help, ScrapedType::kGauge, samples);
  };
  const std::int64_t now = scheduling.clock()();
  std::string text;
  if (Result<OutboxBacklog> backlog = scheduling.interviews().Backlog(now)) {
    text += RenderGauge("slotwise_outbox_jobs", "Outbox jobs by state (due = waiting for a worker now).",
                        {GaugeSample{{{"state", "due"}}, static_cast<double>(backlog->due)},
                         GaugeSample{{{"state", "waiting"}}, static_cast<double>(backlog->waiting)},
                         GaugeSample{{{"state", "running"}}, static_cast<double>(backlog->running)},
                         GaugeSample{{{"state", "dead"}}, static_cast<double>(backlog->dead)}});
    const double waited = backlog->oldest_due_at == 0 ? 0 : static_cast<double>(std::max<std::int64_t>(0, now - backlog->oldest_due_at));
    text += RenderGauge("slotwise_outbox_oldest_due_seconds", "How long the oldest due outbox job has waited.",
                        {GaugeSample{{}, waited}});
  }
  if (Result<lifecycle::DeliveryBacklog> events = scheduling.lifecycle().log().Backlog()) {
    text += RenderGauge("slotwise_webhook_events_pending", "ATS webhook events recorded and not yet delivered.",
                        {GaugeSample{{}, static_cast<double>(events->pending)}});
    const double lag =
        events->oldest_created_at == 0 ? 0 : static_cast<double>(std::max<std::int64_t>(0, now - events->oldest_created_at));
    text += RenderGauge("slotwise_webhook_delivery_lag_seconds",
                        "Age of the oldest ATS webhook event not yet delivered (0 = none pending).",
                        {GaugeSample{{}, lag}});
  }
  const FreeBusyCacheStats cache = scheduling.cache().Stats();
  text += observability::RenderScraped(
      "slotwise_free_busy_cache_lookups_total", "Free/busy cache lookups, by result (hit: no provider call).",
      ScrapedType::kCounter,
      {GaugeSample{{{"result", "hit"}}, static_cast<double>(cache.hits)},
       GaugeSample{{{"result", "miss"}}, static_cast<double>(cache.misses)}});
  text += RenderGauge("slotwise_free_busy_cache_entries", "Calendars held in the free/busy cache.",
                      {GaugeSample{{}, static_cast<double>(cache.entries)}});
  return text;
}

}  // namespace

void RegisterReadinessRoute(httplib::Server& server, SchedulingRuntime* scheduling, ConnectionsRuntime* connections) {
  server.Get("/readyz", [scheduling, connections](const httplib::Request&, httplib::Response& res) {
    json checks = json::object();
    if (scheduling) AddSchedulingChecks(*scheduling, checks);
    checks["keyring"] = KeyringCheck(connections);
    bool ready = true;
    for (const auto& [name, check] : checks.items()) ready = ready && check["status"] != "failed";
    res.set_header("Cache-Control", "no-store");
    SendJson(res, ready ? 200 : 503, {{"status", ready ? "ready" : "not_ready"}, {"checks", checks}});
  });
}

void RegisterMetricsRoute(httplib::Server& server, SchedulingRuntime& scheduling, ApiAuth& auth) {
  server.Get("/metrics", [&scheduling, &auth](const httplib::Request& req, httplib::Response& res) {
    if (!auth.Admin(req, res)) return;
    res.set_header("Cache-Control", "no-store");
    res.set_content(observability::Metrics().Render() + SchedulingGauges(scheduling),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace slotwise
