// httplib_transport.cpp — HttpTransport over cpp-httplib (see http_transport.h).
#include <httplib.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "net/http_transport.h"
#include "net/proxy_settings.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::net {

HttpRequest& HttpRequest::With(std::string name, std::string value) {
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

bool HeaderNameEquals(std::string_view a, std::string_view b) { return EqualsIgnoreCase(a, b); }

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const HttpHeader& header : headers) {
    if (HeaderNameEquals(header.name, name)) return header.value;
  }
  return {};
}

namespace {

struct SplitUrl {
  std::string origin;  // scheme://host[:port]
  std::string target;  // /path?query
  std::string host;    // as cpp-httplib reads it from the origin: IPv6 without brackets
  std::string scheme;  // http or https
  int port = 0;        // explicit, or the scheme's default
};

Result<SplitUrl> Split(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Error{codes::kInvalidUrl, "URL has no scheme: " + std::string(url), ""};
  const std::string_view scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return Error{codes::kInvalidUrl, "only http and https URLs are supported: " + std::string(url), ""};
  }
  const std::size_t path_start = url.find('/', scheme_end + 3);
  SplitUrl split;
  split.origin = std::string(url.substr(0, path_start));
  split.target = path_start == std::string_view::npos ? "/" : std::string(url.substr(path_start));
  if (split.origin.size() <= scheme_end + 3) return Error{codes::kInvalidUrl, "URL has no host: " + std::string(url), ""};
  std::string_view authority = std::string_view(split.origin).substr(scheme_end + 3);
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    split.host = std::string(authority.substr(1, close - 1));
    if (close != std::string_view::npos && close + 1 < authority.size()) port_text = authority.substr(close + 2);
  } else {
    split.host = std::string(authority.substr(0, authority.find(':')));
    if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }
  }
  split.scheme = std::string(scheme);
  split.port = scheme == "https" ? 443 : 80;
  if (!port_text.empty()) split.port = std::atoi(std::string(port_text).c_str());
  return split;
}

bool Idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

// Clients kept open between requests, per origin (and pinned address and proxy): a provider call reuses a connection
// (and its TLS session) instead of a handshake per request.
class HttplibTransport final : public HttpTransport {
 public:
  explicit HttplibTransport(ProxySettings proxies) : proxies_(std::move(proxies)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.timeout.count() <= 0) {
      return Error{codes::kNoTimeout, "refusing to send " + request.method + " " + request.url + " without a timeout", ""};
    }
    Result<SplitUrl> split = Split(request.url);
    if (!split) return split.error();
    // A pinned address (auth/outbound_policy.h) was checked here: a proxy would resolve the host again, so a pinned
    // request always connects directly.
    const std::optional<ProxyEndpoint> proxy =
        request.connect_address.empty() ? proxies_.ProxyFor(split->scheme, split->host, split->port) : std::nullopt;
    const std::string key = split->origin + "|" + request.connect_address + "|" +
                            (proxy ? proxy->host + ":" + std::to_string(proxy->port) : std::string());

    bool reused = false;
    std::unique_ptr<httplib::Client> client = TakeIdle(key, reused);
    if (!client) client = NewClient(*split, request, proxy);
    Result<HttpResponse> answer = SendOn(*client, request, *split);
    if (!answer && reused && Idempotent(request.method)) {
      // The provider may have closed the kept connection meanwhile: an idempotent request is tried once on a new one.
      client = NewClient(*split, request, proxy);
      answer = SendOn(*client, request, *split);
    }
    if (answer && !EqualsIgnoreCase(answer->Header("Connection"), "close")) PutIdle(key, std::move(client));
    return answer;
  }

 private:
  static constexpr std::size_t kIdlePerOrigin = 8;
  // Kept connections are dropped after this long unused, before servers close theirs (cpp-httplib servers, the
  // sandbox among them, after 5 s; providers after a minute or more).
  static constexpr std::chrono::seconds kIdleLifetime{4};

  struct Idle {
    std::unique_ptr<httplib::Client> client;
    std::chrono::steady_clock::time_point since;
  };

  std::unique_ptr<httplib::Client> NewClient(const SplitUrl& split, const HttpRequest& request,
                                             const std::optional<ProxyEndpoint>& proxy) {
    auto client = std::make_unique<httplib::Client>(split.origin);
    client->set_keep_alive(true);
    client->enable_server_certificate_verification(true);
    if (!request.connect_address.empty()) client->set_hostname_addr_map({{split.host, request.connect_address}});
    if (proxy) {
      client->set_proxy(proxy->host, proxy->port);
      if (!proxy->username.empty()) client->set_proxy_basic_auth(proxy->username, proxy->password);
    }
    return client;
  }

  std::unique_ptr<httplib::Client> TakeIdle(const std::string& key, bool& reused) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = idle_.find(key);
    if (found == idle_.end()) return nullptr;
    std::vector<Idle>& clients = found->second;
    const auto now = std::chrono::steady_clock::now();
    while (!clients.empty()) {
      Idle idle = std::move(clients.back());
      clients.pop_back();
      if (now - idle.since < kIdleLifetime) {
        reused = true;
        return std::move(idle.client);
      }
    }
    return nullptr;
  }

  void PutIdle(const std::string& key, std::unique_ptr<httplib::Client> client) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Idle>& clients = idle_[key];
    if (clients.size() < kIdlePerOrigin) clients.push_back({std::move(client), std::chrono::steady_clock::now()});
  }

  static Result<HttpResponse> SendOn(httplib::Client& client, const HttpRequest& request, const SplitUrl& split) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(request.timeout);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(request.timeout - seconds);
    client.set_connection_timeout(seconds.count(), micros.count());
    client.set_read_timeout(seconds.count(), micros.count());
    client.set_write_timeout(seconds.count(), micros.count());

    httplib::Request req;
    req.method = request.method;
    req.path = split.target;
    std::string content_type;
    for (const HttpHeader& header : request.headers) {
      if (HeaderNameEquals(header.name, "Content-Type")) content_type = header.value;
      req.headers.emplace(header.name, header.value);
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
      req.body = request.body;
      if (content_type.empty()) req.headers.emplace("Content-Type", "application/octet-stream");
    }

    httplib::Result result = client.send(req);
    if (!result) {
      const httplib::Error error = result.error();
      const bool timed_out = error == httplib::Error::Read || error == httplib::Error::Write ||
                             error == httplib::Error::ConnectionTimeout;
      return Error{timed_out ? codes::kTimeout : codes::kNetworkError,
                   request.method + " " + request.url + " failed: " + httplib::to_string(error), ""};
    }
    HttpResponse response;
    response.status = result->status;
    response.body = std::move(result->body);
    for (auto& [name, value] : result->headers) response.headers.push_back({name, value});
    return response;
  }

  const ProxySettings proxies_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Idle>> idle_;
};

}  // namespace

std::unique_ptr<HttpTransport> MakeHttplibTransport() {
  return std::make_unique<HttplibTransport>(ProxySettings::FromProcessEnvironment());
}

std::unique_ptr<HttpTransport> MakeHttplibTransport(ProxySettings proxies) {
  return std::make_unique<HttplibTransport>(std::move(proxies));
}

}  // namespace slotwise::net
