// personal_data_routes.cpp — see personal_data_routes.h.
#include "api/personal_data_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "runtime/scheduling_runtime.h"
#include "store/candidate_erasure.h"
#include "store/personal_data_export.h"

namespace slotwise {

using nlohmann::json;

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

void SendExport(Res res, const Result<json>& document) {
  if (!document) return SendError(res, document.error());
  res.set_header("Cache-Control", "no-store");
  SendJson(res, 200, *document);
}

}  // namespace

void RegisterPersonalDataRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth) {
  server.Delete(R"(/v1/candidates/([^/]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<ErasureReport> report = EraseCandidate(runtime.database(), caller->tenant_id, req.matches[1], auth.now());
    if (!report) return SendError(res, report.error());
    // Rewrites of provider objects and dropped e-mails are outbox work: let the worker look now.
    if (report->provider_updates > 0) runtime.outbox().Wake();
    SendJson(res, 200, {{"erased", true},
                        {"candidate_record", report->candidate_record},
                        {"interviews", report->interviews},
                        {"provider_updates", report->provider_updates},
                        {"messages", report->messages},
                        {"proposals", report->proposals},
                        {"wal_truncated", report->wal_truncated}});
  });

  server.Get(R"(/v1/candidates/([^/]+)/export)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    SendExport(res, ExportCandidate(runtime.database(), caller->tenant_id, req.matches[1], auth.now()));
  });

  server.Get(R"(/v1/people/([^/]+)/export)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    SendExport(res, ExportPerson(runtime.database(), caller->tenant_id, req.matches[1], auth.now()));
  });
}

}  // namespace slotwise
