// instrumented_transport.cpp — see instrumented_transport.h.
#include "observability/instrumented_transport.h"

#include <chrono>

#include "observability/json_log.h"
#include "observability/metrics_registry.h"

namespace slotwise::observability {

namespace {

constexpr const char* kProviderRequests = "slotwise_provider_requests_total";
constexpr const char* kProviderDuration = "slotwise_provider_request_duration_seconds";

}  // namespace

InstrumentedTransport::InstrumentedTransport(std::unique_ptr<net::HttpTransport> inner)
    : inner_(std::move(inner)), prefixes_(std::make_shared<const std::vector<ProviderUrlPrefix>>()) {
  MetricsRegistry& metrics = Metrics();
  metrics.DeclareCounter(kProviderRequests, "Calls to providers, by provider and outcome (HTTP status or error code).");
  metrics.DeclareHistogram(kProviderDuration, "Duration of one provider call, seconds.",
                           DurationBuckets());
}

void InstrumentedTransport::SetProviderPrefixes(std::vector<ProviderUrlPrefix> prefixes) {
  auto shared = std::make_shared<const std::vector<ProviderUrlPrefix>>(std::move(prefixes));
  std::lock_guard lock(mutex_);
  prefixes_ = std::move(shared);
}

std::string InstrumentedTransport::ProviderOf(const std::string& url) const {
  std::shared_ptr<const std::vector<ProviderUrlPrefix>> prefixes;
  {
    std::lock_guard lock(mutex_);
    prefixes = prefixes_;
  }
  const ProviderUrlPrefix* best = nullptr;
  for (const ProviderUrlPrefix& candidate : *prefixes) {
    if (url.compare(0, candidate.prefix.size(), candidate.prefix) != 0) continue;
    // The prefix must end at a boundary: "https://api.zoom.us" is not a prefix of "https://api.zoom.usurper.com".
    const char next = url.size() > candidate.prefix.size() ? url[candidate.prefix.size()] : '/';
    if (next != '/' && next != '?' && candidate.prefix.back() != '/') continue;
    if (!best || candidate.prefix.size() > best->prefix.size()) best = &candidate;
  }
  return best ? best->provider : "other";
}

Result<net::HttpResponse> InstrumentedTransport::Send(const net::HttpRequest& request) {
  const std::string provider = ProviderOf(request.url);
  const auto started = std::chrono::steady_clock::now();
  Result<net::HttpResponse> response = inner_->Send(request);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string outcome = response ? std::to_string(response->status) : response.error().code;
  Metrics().Increment(kProviderRequests, {{"provider", provider}, {"outcome", outcome}});
  Metrics().Observe(kProviderDuration, {{"provider", provider}}, seconds);
  const bool failed = !response || response->status >= 500 || response->status == 429;
  WriteLog(failed ? LogLevel::kWarning : LogLevel::kInfo,
                          "provider_call",
                          {{"provider", provider},
                           {"method", request.method},
                           {"outcome", outcome},
                           {"duration_ms", MillisecondsSince(started)}});
  return response;
}

}  // namespace slotwise::observability
