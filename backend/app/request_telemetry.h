// request_telemetry.h — one JSON log line and the HTTP metrics for every request the server answers, and the request
// id (docs/OPERATIONS.md, Logs and Metrics).
//
// Contract:
// - The server opens an observability::RequestScope around each request it dispatches (http_server.cpp);
//   InstallRequestTelemetry then, on `server`:
//   - before routing: takes the caller's X-Request-Id when acceptable (observability::AcceptRequestId) or keeps the
//     minted one, and returns it in the response's X-Request-Id header; then runs `before_routing`, which may answer
//     the request itself (a rate-limit refusal) by returning false — the route does not run, the log line is written;
//   - after the response is written: one log line of kind "request" — method, route (the template the path matched in
//     `routes`; "(static)" for a file of the web root, "(unmatched)" otherwise), status, duration_ms, bytes (body),
//     tenant ("" before authentication names one), client (RequestTrace::client when before_routing set it — the
//     address trusted proxies vouch for —, else the peer's address); never the path itself, the query
//     string, a header or a body, so no id, token or e-mail reaches the log — and the counters
//     slotwise_http_requests_total{method,route,status} and slotwise_http_request_duration_seconds{method,route}.
// - Methods outside GET HEAD POST PUT PATCH DELETE OPTIONS are labelled "other" (bounded label values).
#pragma once

#include <functional>
#include <string>

#include "observability/route_templates.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace slotwise {

// The templates of every route the OpenAPI document describes (docs/openapi.json, compiled in).
observability::RouteTemplates DocumentedRouteTemplates();

// Called after each response's log line with the request, its response and the route template it matched ("" when
// none): the audit log's recorder (api/audit_recorder.h). May be empty.
using AfterResponse = std::function<void(const httplib::Request&, const httplib::Response&, const std::string& route)>;
// Called before routing; false = it wrote the response and the request goes no further. May be empty.
using BeforeRouting = std::function<bool(const httplib::Request&, httplib::Response&)>;

void InstallRequestTelemetry(httplib::Server& server, observability::RouteTemplates routes, bool serves_files,
                             BeforeRouting before_routing = {}, AfterResponse after_response = {});

}  // namespace slotwise
