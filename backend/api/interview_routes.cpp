// interview_routes.cpp — see interview_routes.h.
#include "interview_routes.h"

#include <httplib.h>

#include "candidate_messages.h"
#include "http_errors.h"
#include "scheduling_runtime.h"
#include "widget_tokens.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

constexpr const char* kJson = "application/json";

void Send(Res res, const HttpReply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_content(reply.body, kJson);
}

bool RequireJson(Req req, Res res) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) return true;
  SendError(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
  return false;
}

}  // namespace

void AnswerTenantAvailability(SchedulingRuntime& runtime, const httplib::Request& req, httplib::Response& res) {
  std::optional<RequestContext> caller = runtime.auth().ForTenant(req, res, auth::kScopeAvailabilityRead);
  if (!caller || !RequireJson(req, res)) return;
  const AvailabilityAnswer answer = runtime.availability().Answer(caller->tenant_id, req.body, runtime.auth().now());
  res.status = answer.http_status;
  res.set_content(answer.body, kJson);
}

void RegisterInterviewRoutes(httplib::Server& server, SchedulingRuntime& runtime, ZoneSource& zones) {
  ApiAuth& auth = runtime.auth();
  BookingService& booking = runtime.booking();

  server.Post("/v1/availability/document", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
    if (!caller || !RequireJson(req, res)) return;
    const AvailabilityAnswer answer = runtime.availability().Document(caller->tenant_id, req.body, auth.now());
    res.status = answer.http_status;
    res.set_content(answer.body, kJson);
  });

  server.Post("/v1/interviews", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller || !RequireJson(req, res)) return;
    Send(res, booking.Book(caller->tenant_id, req.get_header_value("Idempotency-Key"), req.body));
  });

  server.Get("/v1/interviews", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Send(res, booking.List(caller->tenant_id, req.get_param_value("from"), req.get_param_value("to")));
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Send(res, booking.Get(caller->tenant_id, req.matches[1]));
  });

  server.Patch(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller || !RequireJson(req, res)) return;
    Send(res, booking.Reschedule(caller->tenant_id, req.matches[1], req.get_header_value("Idempotency-Key"), req.body));
  });

  server.Delete(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    Send(res, booking.Cancel(caller->tenant_id, req.matches[1], req.get_header_value("Idempotency-Key"), req.body));
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+)/history)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Send(res, booking.History(caller->tenant_id, req.matches[1]));
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+)/candidate\.ics)", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<std::optional<Interview>> interview = runtime.interviews().GetInterview(caller->tenant_id, req.matches[1]);
    Result<std::optional<Tenant>> tenant = runtime.directory().GetTenant(caller->tenant_id);
    if (!interview || !tenant || !tenant->has_value()) return SendError(res, 500, "storage_error", "cannot read the interview");
    if (!interview->has_value()) return SendError(res, 404, "not_found", "no interview " + std::string(req.matches[1]));
    const nlohmann::json artifacts = nlohmann::json::parse((*interview)->artifacts_json, nullptr, false);
    const CandidateMessageContext context =
        CandidateContextFor(runtime.directory(), **tenant, **interview, artifacts, auth.now());
    Result<OutgoingMessage> message = ComposeCandidateMessage(CurrentMessageKind(**interview), context, *zones_ptr);
    if (!message) return SendError(res, 422, message.error());
    res.set_content(message->ics, "text/calendar; charset=UTF-8; method=" + message->ics_method);
  });
}

}  // namespace slotwise
