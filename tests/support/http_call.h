// http_call.h — test helper: one HTTP request to an absolute URL, the way the end-to-end and HR suites talk to a
// server under test, a sandbox or a child process; and the query parameters of a URL.
//
// Contract: HttpCall sends `method` (GET, OPTIONS, DELETE, PUT, PATCH, POST; anything else is sent as POST) to
// "http://host:port/path?query" with a 5 s connection and 30 s read timeout; GET and OPTIONS carry no body, the others
// `body` as `content_type`. Redirects are not followed. No answer at all (refused, reset, timed out) is a reply with
// connected == false and status 0. Thread-safe (one client per call).
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "net/url.h"

namespace slotwise::testing {

struct HttpReply {
  bool connected = false;  // false: no HTTP answer at all
  int status = 0;
  std::string body;
  httplib::Headers headers;  // names compare case-insensitively

  // The first value of header `name`, "" when absent.
  std::string Header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
  // The body as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// "http://127.0.0.1:1234/path?query" -> {"http://127.0.0.1:1234", "/path?query"} ("/" when there is no path).
inline std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

inline HttpReply HttpCall(const std::string& method, const std::string& url, const std::string& body = {},
                          const httplib::Headers& headers = {}, const std::string& content_type = "application/json") {
  const auto [origin, target] = SplitUrl(url);
  httplib::Client client(origin);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  client.set_write_timeout(10);
  const char* type = content_type.c_str();
  httplib::Result result = method == "GET"       ? client.Get(target.c_str(), headers)
                           : method == "OPTIONS" ? client.Options(target.c_str(), headers)
                           : method == "DELETE"  ? client.Delete(target.c_str(), headers, body, type)
                           : method == "PUT"     ? client.Put(target.c_str(), headers, body, type)
                           : method == "PATCH"   ? client.Patch(target.c_str(), headers, body, type)
                                                 : client.Post(target.c_str(), headers, body, type);
  HttpReply reply;
  if (!result) return reply;
  reply.connected = true;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  return reply;
}

// The query parameters of a URL (decoded; the last of a repeated name wins); empty when it has no query.
inline std::map<std::string, std::string> QueryOf(const std::string& url) {
  std::map<std::string, std::string> out;
  const std::size_t question = url.find('?');
  if (question == std::string::npos) return out;
  if (std::optional<net::Params> params = net::ParseForm(url.substr(question + 1))) {
    for (const auto& [key, value] : *params) out[key] = value;
  }
  return out;
}

// The query parameter `name` of a URL (the first, when repeated), "" when absent.
inline std::string UrlParam(const std::string& url, const std::string& name) {
  const std::size_t question = url.find('?');
  if (question == std::string::npos) return "";
  std::optional<net::Params> params = net::ParseForm(url.substr(question + 1));
  if (!params) return "";
  return net::ParamValue(*params, name).value_or("");
}

}  // namespace slotwise::testing
