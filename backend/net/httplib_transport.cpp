// httplib_transport.cpp — HttpTransport over cpp-httplib (see http_transport.h).
#include <httplib.h>

#include <cctype>

#include "net/http_transport.h"
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
  if (!authority.empty() && authority.front() == '[') {
    split.host = std::string(authority.substr(1, authority.find(']') - 1));
  } else {
    split.host = std::string(authority.substr(0, authority.find(':')));
  }
  return split;
}

class HttplibTransport final : public HttpTransport {
 public:
  Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.timeout.count() <= 0) {
      return Error{codes::kNoTimeout, "refusing to send " + request.method + " " + request.url + " without a timeout", ""};
    }
    Result<SplitUrl> split = Split(request.url);
    if (!split) return split.error();

    httplib::Client client(split->origin);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(request.timeout);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(request.timeout - seconds);
    client.set_connection_timeout(seconds.count(), micros.count());
    client.set_read_timeout(seconds.count(), micros.count());
    client.set_write_timeout(seconds.count(), micros.count());
    client.enable_server_certificate_verification(true);
    if (!request.connect_address.empty()) client.set_hostname_addr_map({{split->host, request.connect_address}});

    httplib::Request req;
    req.method = request.method;
    req.path = split->target;
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
};

}  // namespace

std::unique_ptr<HttpTransport> MakeHttplibTransport() { return std::make_unique<HttplibTransport>(); }

}  // namespace slotwise::net
