// request_telemetry.cpp — see request_telemetry.h.
#include "app/request_telemetry.h"

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/openapi_route.h"
#include "observability/json_log.h"
#include "observability/metrics_registry.h"
#include "observability/request_context.h"

namespace slotwise {

namespace {

constexpr const char* kRequestsTotal = "slotwise_http_requests_total";
constexpr const char* kRequestDuration = "slotwise_http_request_duration_seconds";

std::string MethodLabel(const std::string& method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return method;
  }
  return "other";
}

void DeclareRequestMetrics() {
  observability::MetricsRegistry& metrics = observability::Metrics();
  metrics.DeclareCounter(kRequestsTotal, "HTTP requests answered, by method, route template and status.");
  metrics.DeclareHistogram(kRequestDuration, "Time from the request's arrival at a worker to its response, seconds.",
                           observability::DurationBuckets());
}

}  // namespace

observability::RouteTemplates DocumentedRouteTemplates() {
  observability::RouteTemplates routes;
  const nlohmann::json document = nlohmann::json::parse(OpenApiDocument(), nullptr, false);
  if (document.is_object() && document.contains("paths") && document["paths"].is_object()) {
    for (const auto& [path, operations] : document["paths"].items()) routes.Add(path);
  }
  return routes;
}

void InstallRequestTelemetry(httplib::Server& server, observability::RouteTemplates routes, bool serves_files,
                             BeforeRouting before_routing, AfterResponse after_response) {
  DeclareRequestMetrics();
  server.set_pre_routing_handler([before_routing](const httplib::Request& req, httplib::Response& res) {
    if (observability::RequestTrace* trace = observability::CurrentRequest()) {
      if (req.has_header("X-Request-Id")) {
        trace->request_id = observability::AcceptRequestId(req.get_header_value("X-Request-Id"));
      }
      res.set_header("X-Request-Id", trace->request_id);
    }
    if (before_routing && !before_routing(req, res)) return httplib::Server::HandlerResponse::Handled;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto shared_routes = std::make_shared<const observability::RouteTemplates>(std::move(routes));
  server.set_logger([shared_routes, serves_files, after_response](const httplib::Request& req,
                                                                  const httplib::Response& res) {
    const observability::RequestTrace* trace = observability::CurrentRequest();
    const std::string matched = shared_routes->Match(req.path);
    std::string route = matched;
    if (route.empty()) {
      const bool file = serves_files && (req.method == "GET" || req.method == "HEAD") && res.status < 400;
      route = file ? "(static)" : "(unmatched)";
    }
    const std::string method = MethodLabel(req.method);
    const double seconds =
        trace ? std::chrono::duration<double>(std::chrono::steady_clock::now() - trace->started).count() : 0;
    observability::Metrics().Increment(kRequestsTotal,
                                       {{"method", method}, {"route", route}, {"status", std::to_string(res.status)}});
    observability::Metrics().Observe(kRequestDuration, {{"method", method}, {"route", route}}, seconds);
    observability::WriteLog(res.status >= 500 ? observability::LogLevel::kError : observability::LogLevel::kInfo,
                            "request",
                            {{"method", method},
                             {"route", route},
                             {"status", res.status},
                             {"duration_ms", trace ? observability::MillisecondsSince(trace->started) : 0.0},
                             {"bytes", res.body.size()},
                             {"tenant", trace ? trace->tenant_id : ""},
                             {"client", trace && !trace->client.empty() ? trace->client : req.remote_addr}});
    if (after_response) after_response(req, res, matched);
  });
}

}  // namespace slotwise
