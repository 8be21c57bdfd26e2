// http_server.cpp — routes of the Slotwise server (see http_server.h).
#include "app/http_server.h"
#include "app/operations_routes.h"
#include "app/request_telemetry.h"
#include "api/http_errors.h"
#include "api/request_body.h"
#include "edge/edge_server.h"
#include "slotwise/error_codes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/api_key_routes.h"
#include "api/audit_log_routes.h"
#include "api/audit_recorder.h"
#include "api/connection_access.h"
#include "api/connection_routes.h"
#include "api/display_routes.h"
#include "api/hr_routes.h"
#include "api/interview_routes.h"
#include "api/message_routes.h"
#include "api/onboarding_routes.h"
#include "api/openapi_route.h"
#include "api/personal_data_routes.h"
#include "api/proposal_routes.h"
#include "api/organisation_routes.h"
#include "api/tenant_routes.h"
#include "api/webhook_delivery_routes.h"
#include "api/webhook_routes.h"
#include "auth/security_headers.h"
#include "demo/demo_routes.h"
#include "demo/demo_tenant.h"
#include "observability/json_log.h"
#include "observability/metrics_registry.h"
#include "observability/request_context.h"
#include "runtime/connections_runtime.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/engine_api.h"
#include "slotwise/interval_json.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json";

// Maps an engine answer onto HTTP: 200, 422 (docs/ENGINE.md, Errors), 404 for
// an unknown operation, 500 for an engine bug.
void SendEngineAnswer(httplib::Response& res, const EngineAnswer& answer) {
  res.status = HttpStatusFor(answer.status);
  res.set_content(answer.body, kJson);
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}

constexpr const char* kEdgeRefusals = "slotwise_edge_refusals_total";

// The edge's refusals, in the error shape every route answers with (http_errors.h), closing the connection. They never
// reach routing, so the request log does not see them: each is counted (slotwise_edge_refusals_total{code}) and logged
// here (kind "edge_refusal": code and status — the edge knows no route, tenant or request id).
std::string RenderEdgeRefusal(std::string_view code, const std::string& message, int retry_after_seconds) {
  const int status = HttpStatusFor(code);
  observability::Metrics().Increment(kEdgeRefusals, {{"code", std::string(code)}});
  observability::WriteLog(status >= 500 ? observability::LogLevel::kWarning : observability::LogLevel::kInfo,
                          "edge_refusal", {{"code", std::string(code)}, {"status", status}});
  const std::string body = DumpJson(ErrorObject(Error{std::string(code), message, ""}));
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) + "\r\n";
  response += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  response += "Connection: close\r\n";
  if (retry_after_seconds > 0) response += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  for (const auto& [name, value] : auth::StandardSecurityHeaders()) response += name + ": " + value + "\r\n";
  return response + "\r\n" + body;
}

// Every line of header `name`, joined with "," in order (cpp-httplib's get_header_value returns only the first).
std::string JoinedHeader(const httplib::Request& req, const char* name) {
  std::string joined;
  const auto [first, last] = req.headers.equal_range(name);
  for (auto it = first; it != last; ++it) joined += (joined.empty() ? "" : ",") + it->second;
  return joined;
}

std::vector<auth::Cidr> ParseTrustedProxies(const std::vector<std::string>& blocks) {
  std::vector<auth::Cidr> parsed;
  for (const std::string& block : blocks) {
    if (Result<auth::Cidr> cidr = auth::ParseCidr(block)) parsed.push_back(*cidr);  // the configuration checked them
  }
  return parsed;
}

edge::EdgeOptions EdgeOptionsOf(const ServerOptions& options) {
  edge::EdgeOptions edge;
  edge.host = options.host;
  edge.port = options.port;
  edge.framing.max_body_bytes = options.max_body_bytes;
  edge.framing.max_header_bytes = options.max_header_bytes;
  edge.header_timeout = std::chrono::seconds(options.read_timeout_seconds);
  edge.body_timeout = std::chrono::seconds(options.read_timeout_seconds);
  edge.idle_timeout = std::chrono::seconds(options.keep_alive_seconds);
  edge.write_timeout = std::chrono::seconds(options.write_timeout_seconds);
  edge.max_connections = static_cast<std::size_t>(std::max(1, options.max_connections));
  edge.max_connections_per_address = static_cast<std::size_t>(std::max(1, options.max_connections_per_address));
  edge.max_requests_per_connection = HttpServer::kRequestsPerConnection;
  edge.workers = std::max(1, options.threads);
  edge.listen_backlog = HttpServer::kListenBacklog;
  return edge;
}


}  // namespace

HttpServer::HttpServer(ServerOptions options, ZoneSource& zones)
    : options_(std::move(options)),
      zones_(zones),
      trusted_proxies_(ParseTrustedProxies(options_.trusted_proxies)),
      rate_limits_(std::make_unique<RateLimits>(options_.rate_limits)),
      server_(std::make_unique<httplib::Server>()) {
  // httplib parses and routes; the edge owns the sockets (and sets TCP_NODELAY, the backlog, no SO_REUSEPORT).
  server_->set_payload_max_length(options_.max_body_bytes);  // the edge refuses first; this is a second fence
  server_->set_keep_alive_timeout(options_.keep_alive_seconds);  // what the Keep-Alive header announces
  server_->set_keep_alive_max_count(kRequestsPerConnection);
  observability::Metrics().DeclareCounter(
      kEdgeRefusals, "Requests the network edge refused before routing (408, 411, 413, 431, 501, 503), by code.");
  httplib::Server& routes = *server_;
  edge_ = std::make_unique<edge::EdgeServer>(
      EdgeOptionsOf(options_),
      [&routes](std::string_view request, const edge::Endpoint& remote, const edge::Endpoint& local, bool close) {
        // The request's id and tenant for the log and provider calls (request_telemetry.h); the caller's
        // X-Request-Id replaces the minted id before routing.
        observability::RequestScope scope(observability::NewRequestId());
        return edge::DispatchBufferedRequest(routes, request, remote, local, close);
      },
      RenderEdgeRefusal);
  RegisterRoutes();
}

HttpServer::~HttpServer() = default;

void HttpServer::RegisterRoutes() {
  httplib::Server& s = *server_;
  httplib::Headers standard;
  for (const auto& [name, value] : auth::StandardSecurityHeaders()) standard.emplace(name, value);
  s.set_default_headers(standard);
  // Before routing: the client's address (behind trusted proxies, the one they vouch for), and the per-address rate
  // limit for requests no credential pays for (api/rate_limits.h). After the response: that charge, and the audit
  // log (audit_ is set by EnableScheduling, before Run(): no request is served while it changes).
  const auto before = [this](const httplib::Request& req, httplib::Response& res) {
    observability::RequestTrace* trace = observability::CurrentRequest();
    if (!trace) return true;
    trace->client = auth::ClientAddress(req.remote_addr, JoinedHeader(req, "X-Forwarded-For"),
                                        JoinedHeader(req, "Forwarded"), trusted_proxies_);
    if (!req.has_header("Authorization")) return rate_limits_->AdmitAddress(trace->client, res);
    return rate_limits_->CheckAddress(trace->client, res);
  };
  const auto after = [this](const httplib::Request& req, const httplib::Response& res, const std::string& route) {
    const observability::RequestTrace* trace = observability::CurrentRequest();
    // A credential was presented but no credential's limit paid (refused, or a proposal link): the address pays, as
    // for no credential. Not for the operator's admin key.
    if (trace && req.has_header("Authorization") && !trace->rate_charged && trace->actor_kind != "admin" &&
        res.status != 429) {
      rate_limits_->ChargeAddress(trace->client);
    }
    if (audit_) audit_->Record({req.method, route, req.path, res.status, &res.body});
  };
  InstallRequestTelemetry(s, DocumentedRouteTemplates(), !options_.web_root.empty(), before, after);

  s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", kJson);
  });

  // With credentials: the tenant's availability (a bare query reads its calendars). Without: inline calendars only —
  // a pure computation on data the caller sent, as before tenants existed.
  s.Post("/v1/availability", [this](const httplib::Request& req, httplib::Response& res) {
    if (scheduling_ && req.has_header("Authorization")) return AnswerTenantAvailability(*scheduling_, *auth_, req, res);
    if (!RequireJsonContent(req, res)) return;
    SendEngineAnswer(res, CallEngine("solve", req.body, zones_));
  });

  s.Post("/v1/validate", [this](const httplib::Request& req, httplib::Response& res) {
    if (!RequireJsonContent(req, res)) return;
    SendEngineAnswer(res, CallEngine("validate", req.body, zones_));
  });

  RegisterOpenApiRoute(s);

  if (options_.connections) RegisterWebhookRoutes(s, options_.connections->notifications());

  if (!options_.web_root.empty()) {
    s.set_mount_point("/", options_.web_root);
    // Pages are widget pages (security_headers.h): scripts only from here, framed only by the tenant's ATS origins —
    // `?tenant=<id>` names the tenant; without it only this origin may frame the page (ApiAuth::EmbeddingOrigins).
    s.set_file_request_handler([this](const httplib::Request& req, httplib::Response& res) {
      const std::string type = res.get_header_value("Content-Type");
      if (type.rfind("text/html", 0) != 0) return;
      std::vector<std::string> ancestors;
      if (auth_) ancestors = auth_->EmbeddingOrigins(req.get_param_value("tenant"));
      res.set_header(std::string(auth::kContentSecurityPolicyHeader), auth::WidgetPagePolicy(ancestors));
    });
  }

  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler already wrote an error object
    if (res.status == 404) return SendError(res, codes::kNotFound, "no route for " + req.method + " " + req.path);
    if (res.status == 413) return SendError(res, codes::kPayloadTooLarge, "the request body is too large");
    const int status = res.status;  // httplib's own refusal (400, 405, 416 …): keep its status, say it in our shape
    SendError(res, codes::kHttpError, "the request could not be served");
    res.status = status;
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, codes::kInternalError, "the server failed to handle this request");
  });
}

Result<int> HttpServer::Bind() {
  Result<int> port = edge_->Bind();
  if (port && public_url_.empty()) public_url_ = "http://" + options_.host + ":" + std::to_string(*port);
  return port;
}

Result<bool> HttpServer::EnableScheduling(SchedulingRuntime& scheduling, ApiAuthOptions auth_options) {
  Result<std::unique_ptr<ApiAuth>> auth = ApiAuth::Create(scheduling.directory(), std::move(auth_options), scheduling.clock());
  if (!auth) return auth.error();
  auth_ = std::move(auth).value();
  auth_->LimitRates(rate_limits_.get());
  scheduling_ = &scheduling;
  audit_ = std::make_unique<AuditRecorder>(scheduling.audit_log(), scheduling.clock());
  ApiAuth& caller_auth = *auth_;
  RegisterTenantRoutes(*server_, scheduling, caller_auth, zones_);
  RegisterApiKeyRoutes(*server_, scheduling.directory(), caller_auth);
  RegisterPersonalDataRoutes(*server_, scheduling, caller_auth);
  RegisterOrganisationRoutes(*server_, scheduling.org_access(), caller_auth);
  RegisterInterviewRoutes(*server_, scheduling, caller_auth, zones_);
  RegisterDemoRoutes(*server_, caller_auth, options_.demo, kDemoTenantId, kDemoRecruiter);
  RegisterProposalRoutes(*server_, scheduling.proposals(), caller_auth, public_url_);
  RegisterDisplayRoutes(*server_, scheduling.displays(), caller_auth);
  RegisterMessageRoutes(*server_, scheduling.messages(), caller_auth, public_url_,
                        options_.connections ? &options_.connections->tickets() : nullptr, scheduling.directory());
  RegisterHrRoutes(*server_, scheduling.hr(), caller_auth, &scheduling.connections().connections());
  RegisterWebhookDeliveryRoutes(*server_, scheduling.lifecycle(), caller_auth);
  RegisterAuditLogRoutes(*server_, scheduling.audit_log(), caller_auth);
  RegisterMetricsRoute(*server_, scheduling, caller_auth);
  server_->Options(R"(/v1/.*)", [&caller_auth](const httplib::Request& req, httplib::Response& res) {
    caller_auth.Preflight(req, res);
  });
  return true;
}

void HttpServer::Run() {
  // The connection routes are added here, once it is known whether tenants are on (EnableScheduling): with them,
  // callers are authenticated (connection_routes.h).
  if (options_.connections && !connection_routes_registered_) {
    if (auth_) connection_access_ = std::make_unique<TenantConnectionAccess>(*auth_);
    RegisterConnectionRoutes(*server_, *options_.connections, connection_access_.get(), public_url_);
    if (auth_ && scheduling_) {
      RegisterOnboardingRoutes(*server_, *options_.connections, scheduling_->directory(), *auth_, public_url_);
    }
    connection_routes_registered_ = true;
  }
  // Here too: whether the server has tenants and connections is known once EnableScheduling had its chance.
  if (!readiness_route_registered_) {
    RegisterReadinessRoute(*server_, scheduling_, options_.connections);
    readiness_route_registered_ = true;
  }
  edge_->Run();
}

void HttpServer::Stop() { edge_->Stop(); }

}  // namespace slotwise
