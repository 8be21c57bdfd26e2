// org_connections.h — each Slotwise tenant's organisation connections: the customer company's Google Workspace or
// Microsoft 365 organisation that authorised Slotwise to read calendars tenant-wide (domain-wide delegation of the
// deployment's service account; admin consent to the deployment's multi-tenant Microsoft app).
//
// Contract:
// - At most one connection per (tenant, provider), provider "google" or "microsoft". SQLite table org_connections
//   (migration 10). `domains` are the domains verified for the tenant through this connection (lower-case): Google —
//   the Workspace domain whose administrator authorised the service account (proven by a grant as its admin address);
//   Microsoft — the verified domains Graph reports for the consenting organisation.
// - The record holds no secret (the deployment's credentials are in its configuration; tokens are never stored).
// - Thread-safe: one mutex serialises this store's statements on the shared handle.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oauth/provider.h"
#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

struct OrgConnection {
  std::string tenant_id;
  oauth::Provider provider = oauth::Provider::kGoogle;
  std::string directory_id;          // Microsoft: the customer's tenant id; Google: the Workspace domain
  std::string admin_email;           // Google: the administrator address the check acts as; Microsoft: ""
  std::vector<std::string> domains;  // verified for the tenant through this connection, lower-case
  std::string status = "active";     // "active" (the last check passed) | "failed" (it did not: see check_*)
  std::string check_code;            // "" when the last check passed, else its error code
  std::string check_message;         // what the last check found, in words an administrator can act on
  std::int64_t checked_at = 0;
  std::int64_t created_at = 0;
};

class OrgConnectionStore {
 public:
  explicit OrgConnectionStore(SqliteStore& database) : database_(database) {}

  // Inserts or replaces the tenant's connection for `connection.provider` (created_at is kept on replace).
  Result<OrgConnection> Put(const OrgConnection& connection);
  Result<std::optional<OrgConnection>> Get(const std::string& tenant_id, oauth::Provider provider);
  Result<std::vector<OrgConnection>> List(const std::string& tenant_id);  // google first
  Result<std::vector<OrgConnection>> ListAll();                           // every tenant's (a small table)
  Result<bool> Remove(const std::string& tenant_id, oauth::Provider provider);  // false = there was none

 private:
  SqliteStore& database_;
  std::recursive_mutex& mutex_ = database_.lock();  // shared by every store on the handle (SqliteStore::lock)
};

}  // namespace slotwise
