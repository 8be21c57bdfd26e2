// audit_log_store.h — the tenant's audit log: one entry per action someone took through the API (who, what, on
// which object, when, with what outcome). The storage interface; sqlite_audit_log_store.h implements it.
//
// Contract:
// - Append-only: entries are never changed or removed while their tenant exists (the SQLite table refuses both with a
//   trigger, whatever code asks). Deleting a tenant removes its trail with everything else it held.
// - Entries carry ids and route templates, never personal data from bodies: `object` is the path's parameters or the
//   id the server created (a candidate is named by the ATS's id for them, never by name or e-mail).
// - Ids grow strictly (never reused), so `after_id` pages through a tenant's trail without skipping or repeating an
//   entry while new ones are appended.
// - Implementations are thread-safe; every call names its tenant and reads or writes only that tenant's entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "slotwise/result.h"

namespace slotwise {

struct AuditEntry {
  std::int64_t id = 0;     // assigned by Append
  std::string tenant_id;
  std::int64_t at = 0;     // Unix seconds
  std::string actor_kind;  // "api_key" | "widget_token" | "admin" | "candidate_link"
  std::string actor_id;    // the API key's id, the widget user, the admin key's fingerprint, the proposal's id
  std::string action;      // method and route template: "DELETE /v1/candidates/{id}"
  std::string object;      // the route's parameters ("/"-joined) or the id created; "" when neither
  int status = 0;          // the HTTP status answered
  std::string request_id;  // the X-Request-Id of the request (the log line of the same request carries it too)
};

class AuditLogStore {
 public:
  virtual ~AuditLogStore() = default;
  // Appends `entry` (its id is ignored) and answers the stored entry with its id.
  virtual Result<AuditEntry> Append(const AuditEntry& entry) = 0;
  // The tenant's entries with id > after_id, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> List(const std::string& tenant_id, std::int64_t after_id,
                                               std::size_t limit) = 0;
};

}  // namespace slotwise
