// rate_limits.cpp — see rate_limits.h.
#include "api/rate_limits.h"

#include <httplib.h>

#include <chrono>
#include <vector>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "observability/metrics_registry.h"
#include "observability/request_context.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

constexpr const char* kRateLimited = "slotwise_rate_limited_total";
constexpr int kWindowSeconds = 60;

std::int64_t SteadyMilliseconds() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t CeilSeconds(std::int64_t milliseconds) { return (std::max<std::int64_t>(0, milliseconds) + 999) / 1000; }

std::string PolicyItem(const std::string& name, std::int64_t per_minute) {
  return "\"" + name + "\";q=" + std::to_string(per_minute) + ";w=" + std::to_string(kWindowSeconds);
}

void WriteState(httplib::Response& res, const auth::RateDecision& decision) {
  if (decision.policy.empty()) return;
  res.set_header("RateLimit", "\"" + decision.policy + "\";r=" + std::to_string(decision.remaining) +
                                  ";t=" + std::to_string(CeilSeconds(decision.reset_ms)));
}

void Refuse(httplib::Response& res, const auth::RateDecision& decision, const std::string& who) {
  observability::Metrics().Increment(kRateLimited, {{"policy", decision.policy}});
  const std::int64_t wait = std::max<std::int64_t>(1, CeilSeconds(decision.retry_after_ms));
  SendError(res, codes::kTooManyRequests,
            who + " is over its limit of " + std::to_string(decision.per_minute) + " requests per minute; retry in " +
                std::to_string(wait) + " s");
  res.set_header("Retry-After", std::to_string(wait));
  res.set_header("RateLimit-Policy", PolicyItem(decision.policy, decision.per_minute));
  WriteState(res, decision);
}

}  // namespace

RateLimits::RateLimits(RateLimitOptions options, Clock clock_ms)
    : options_(options),
      clock_ms_(clock_ms ? std::move(clock_ms) : Clock(SteadyMilliseconds)),
      limiter_(options.max_tracked_keys) {
  observability::Metrics().DeclareCounter(kRateLimited,
                                          "Requests refused with 429 by Slotwise's own rate limits, by policy.");
}

bool RateLimits::AdmitCaller(const RequestContext& caller, httplib::Response& res) {
  const std::string credential = caller.via == "api_key" ? "key:" + caller.key_id
                                                         : "user:" + caller.tenant_id + "/" + caller.actor;
  const std::vector<auth::RateCharge> charges = {
      {credential, "key", options_.per_key_per_minute},
      {"tenant:" + caller.tenant_id, "tenant", options_.per_tenant_per_minute},
  };
  const auth::RateDecision decision = limiter_.Admit(charges, clock_ms_());
  if (observability::RequestTrace* trace = observability::CurrentRequest()) trace->rate_charged = true;
  if (!decision.admitted) {
    Refuse(res, decision, decision.policy == "tenant" ? "the tenant" : "this credential");
    return false;
  }
  std::string policies;
  for (const auth::RateCharge& charge : charges) {
    if (charge.per_minute <= 0) continue;
    policies += (policies.empty() ? "" : ", ") + PolicyItem(charge.policy, charge.per_minute);
  }
  if (!policies.empty()) res.set_header("RateLimit-Policy", policies);
  WriteState(res, decision);
  return true;
}

auth::RateCharge RateLimits::AddressCharge(const std::string& client) const {
  return {"address:" + client, "address", options_.per_address_per_minute};
}

bool RateLimits::AdmitAddress(const std::string& client, httplib::Response& res) {
  const auth::RateCharge charge = AddressCharge(client);
  const auth::RateDecision decision = limiter_.Admit({&charge, 1}, clock_ms_());
  if (decision.admitted) return true;
  Refuse(res, decision, "this address");
  return false;
}

bool RateLimits::CheckAddress(const std::string& client, httplib::Response& res) {
  const auth::RateDecision decision = limiter_.Peek(AddressCharge(client), clock_ms_());
  if (decision.admitted) return true;
  Refuse(res, decision, "this address");
  return false;
}

void RateLimits::ChargeAddress(const std::string& client) {
  const auth::RateCharge charge = AddressCharge(client);
  limiter_.Admit({&charge, 1}, clock_ms_());
}

}  // namespace slotwise
