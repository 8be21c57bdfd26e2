// audit_recorder.h — what of a served request goes into the tenant's audit log (store/audit_log_store.h), decided
// in one place for every route (docs/API_BACKEND.md "Audit log").
//
// Contract:
// - Recorded: every request that changed something — POST, PUT, PATCH or DELETE answered 2xx — and every read that
//   hands out personal data in bulk (GET of a route ending in "/export"), once authentication named the tenant
//   (observability::NoteTenant) and the caller (NoteActor). Reads, failures and calls with no tenant (the engine's
//   inline routes, provider webhooks) are not: the request log (docs/OPERATIONS.md) has every request.
// - POST /v1/availability, /v1/availability/document and /v1/validate change nothing and are never recorded.
// - The entry names the action by method and route template ("DELETE /v1/candidates/{id}") and the object by the
//   route's parameters ("/"-joined, as decoded from the path), or — for a creation without parameters — by the id the
//   answer carries (its top-level "id", "key_id", "interview_id" or "credential_id"). Bodies are never copied.
// - Record runs after the response was produced, on the worker thread that served it; a failure to append is logged
//   (kind "audit_log_failed") and does not change the answer already given. A crash between the change and the
//   append can lose that one entry: the log line of the request may be lost with it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "observability/request_context.h"
#include "store/audit_log_store.h"

namespace slotwise {

struct ServedRequest {
  std::string method;
  std::string route;  // the template the path matched ("" when none)
  std::string path;   // as decoded by the HTTP layer
  int status = 0;
  const std::string* body = nullptr;  // the response body (read for created ids only)
};

// The audit entry `request` makes (without its id), or nullopt when it is not recorded.
std::optional<AuditEntry> AuditEntryFor(const ServedRequest& request, const observability::RequestTrace& trace,
                                        std::int64_t now);

// The values of the template's "{…}" segments in `path`, in order ("/v1/people/{email}", "/v1/people/a@b" → {"a@b"}).
std::vector<std::string> RouteParameters(const std::string& route_template, const std::string& path);

class AuditRecorder {
 public:
  using Clock = std::function<std::int64_t()>;
  AuditRecorder(AuditLogStore& store, Clock clock) : store_(store), clock_(std::move(clock)) {}
  // Appends the entry of `request` (if any) for the current request's trace.
  void Record(const ServedRequest& request);

 private:
  AuditLogStore& store_;
  Clock clock_;
};

}  // namespace slotwise
