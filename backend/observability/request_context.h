// request_context.h — the request the current thread is serving: its request id and, once a credential named them, its
// tenant and its actor (who is calling: the audit trail's "who"), and the client's address. The HTTP server opens a RequestScope around each request; code below it (authentication, the provider
// transport, the log) reads CurrentRequest() without the request being passed down.
//
// Contract:
// - One RequestScope per thread at a time (scopes do not nest: a nested scope replaces and then restores the outer one).
// - CurrentRequest() is nullptr outside a scope (background work: the outbox, the tracker, schedulers).
// - NoteTenant and NoteActor outside a scope do nothing.
// - Request ids: AcceptRequestId keeps a caller's X-Request-Id when it is 1–64 characters of [A-Za-z0-9._:-] (so it
//   can go into a log line and a header unchanged) and otherwise mints one; NewRequestId is 32 random hex digits.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace slotwise::observability {

struct RequestTrace {
  std::string request_id;
  std::string tenant_id;  // "" until authentication names the tenant
  std::string actor_kind;  // "" until authentication names the caller: "api_key" | "widget_token" | "admin" | …
  std::string actor_id;    // the API key's id, the widget token's user, the admin key's fingerprint, …
  std::string client;      // the client's address (behind trusted_proxies: the one they vouch for); "" until known
  bool rate_charged = false;  // a credential's rate limit paid for this request (api/rate_limits.h)
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

  RequestTrace& trace() { return trace_; }

 private:
  RequestTrace trace_;
  RequestTrace* outer_;
};

RequestTrace* CurrentRequest();
void NoteTenant(std::string_view tenant_id);
void NoteActor(std::string_view kind, std::string_view id);

std::string NewRequestId();
std::string AcceptRequestId(std::string_view offered);

}  // namespace slotwise::observability
