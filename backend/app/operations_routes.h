// operations_routes.h — what operators and their tooling ask the server (docs/OPERATIONS.md):
// - GET /readyz (no credentials): whether this server can do its work now. 200 {"status": "ready", "checks": {…}} or
//   503 {"status": "not_ready", "checks": {…}}; each check is {"status": "ok" | "failed" | "off", "detail"?}:
//   - database: the outbox's queue could be read;
//   - keyring: a probe sealed and opened again with the token keyring ("off" when the server runs without provider
//     connections, which is a valid configuration and not a failure);
//   - outbox: the oldest job due and not yet claimed has waited at most kOutboxLagLimitSeconds ("oldest_due_seconds"
//     reports it) — jobs waiting for a later retry after a provider failure do not count: a provider outage is not
//     this server's unreadiness, but workers that stopped claiming due work are.
//   GET /healthz stays "the process answers" (liveness).
// - GET /metrics (an admin key, Authorization: Bearer): the process-wide registry (observability/metrics_registry.h)
//   followed by gauges read at scrape time — the outbox queue by state, its oldest due job's wait, the ATS webhook
//   events not yet delivered and the age of the oldest. Content-Type text/plain; version=0.0.4.
// `scheduling` may be null (a server without tenants): the checks and gauges that need it are left out.
#pragma once

#include <cstdint>

namespace httplib {
class Server;
}  // namespace httplib

namespace slotwise {

class ApiAuth;
class ConnectionsRuntime;
class SchedulingRuntime;

inline constexpr std::int64_t kOutboxLagLimitSeconds = 300;

void RegisterReadinessRoute(httplib::Server& server, SchedulingRuntime* scheduling, ConnectionsRuntime* connections);
void RegisterMetricsRoute(httplib::Server& server, SchedulingRuntime& scheduling, ApiAuth& auth);

}  // namespace slotwise
