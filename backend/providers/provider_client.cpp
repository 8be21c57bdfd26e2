// provider_client.cpp — see provider_client.h.
#include "providers/provider_client.h"

#include <optional>
#include <utility>

namespace slotwise::providers {

ProviderClient::ProviderClient(net::HttpTransport& transport, AccessTokenSource& tokens, Provider provider,
                               RetryPolicy policy, RetryHooks hooks, std::shared_ptr<ConcurrencyLimiter> limiter)
    : transport_(transport),
      tokens_(tokens),
      provider_(provider),
      policy_(policy),
      hooks_(WithDefaults(std::move(hooks))),
      limiter_(std::move(limiter)) {}

net::HttpRequest ProviderClient::JsonRequest(std::string method, std::string url, std::string body) {
  net::HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.With("Accept", "application/json");
  if (!body.empty()) request.With("Content-Type", "application/json");
  request.body = std::move(body);
  return request;
}

Result<net::HttpResponse> ProviderClient::SendWithToken(net::HttpRequest request, const std::string& token,
                                                        const ThrottleDetector& throttled) {
  std::erase_if(request.headers, [](const net::HttpHeader& h) { return net::HeaderNameEquals(h.name, "Authorization"); });
  request.With("Authorization", "Bearer " + token);
  Result<net::HttpResponse> sent = SendWithRetry(transport_, std::move(request), policy_, hooks_, throttled);
  if (!sent) {
    Error error = sent.error();
    error.message = RedactSecret(std::move(error.message), token);
    return error;
  }
  // A provider that echoes the token in an error body must not get it into our messages or logs.
  if (!sent->Ok() && !token.empty() && sent->body.find(token) != std::string::npos) {
    net::HttpResponse scrubbed = std::move(sent).value();
    scrubbed.body = RedactSecret(std::move(scrubbed.body), token);
    return scrubbed;
  }
  return sent;
}

Result<net::HttpResponse> ProviderClient::Send(net::HttpRequest request, std::string_view limit_key,
                                               const ThrottleDetector& throttled) {
  std::optional<ConcurrencyLimiter::Permit> permit;
  if (limiter_ && !limit_key.empty()) permit.emplace(limiter_->Acquire(limit_key));

  Result<std::string> token = tokens_.Current();
  if (!token) return token.error();
  Result<net::HttpResponse> sent = SendWithToken(request, *token, throttled);
  if (!sent || sent->status != 401) return sent;

  Result<std::string> renewed = tokens_.AfterRejection(*token);
  if (!renewed) return renewed.error();
  return SendWithToken(std::move(request), *renewed, throttled);
}

std::string JoinUrl(std::string_view api_base, std::string_view path) {
  while (!api_base.empty() && api_base.back() == '/') api_base.remove_suffix(1);
  std::string url(api_base);
  if (!path.empty() && path.front() != '/') url += '/';
  url += path;
  return url;
}

}  // namespace slotwise::providers
