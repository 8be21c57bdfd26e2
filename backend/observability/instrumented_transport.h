// instrumented_transport.h — a transport that measures every provider call it passes on (docs/OPERATIONS.md).
//
// Contract:
// - Send forwards to the wrapped transport unchanged and answers what it answers; around it, it adds
//   - slotwise_provider_requests_total{provider, outcome}: outcome is the HTTP status ("200", "429", …) or the
//     transport error code ("timeout", "network_error", …);
//   - slotwise_provider_request_duration_seconds{provider};
//   - one log line of kind "provider_call": provider, method, outcome, duration_ms (the request id of the HTTP request
//     being served, when there is one, is added by the log). Never the URL's path or query (they carry calendar
//     addresses and event ids), a header or a body.
// - `provider` is the label of the longest configured URL prefix the request's URL starts with, "other" when none
//   does (e.g. an ATS webhook). SetProviderPrefixes replaces the prefixes; thread-safe against concurrent Sends.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/http_transport.h"

namespace slotwise::observability {

struct ProviderUrlPrefix {
  std::string prefix;    // e.g. "https://graph.microsoft.com" or "http://127.0.0.1:4100/microsoft"
  std::string provider;  // the metric label, e.g. "microsoft"
};

class InstrumentedTransport final : public net::HttpTransport {
 public:
  explicit InstrumentedTransport(std::unique_ptr<net::HttpTransport> inner);

  Result<net::HttpResponse> Send(const net::HttpRequest& request) override;
  void SetProviderPrefixes(std::vector<ProviderUrlPrefix> prefixes);

 private:
  std::string ProviderOf(const std::string& url) const;

  std::unique_ptr<net::HttpTransport> inner_;
  mutable std::mutex mutex_;
  std::shared_ptr<const std::vector<ProviderUrlPrefix>> prefixes_;
};

}  // namespace slotwise::observability
