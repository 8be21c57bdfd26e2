// api_client.h — the widget's HTTP client: the page's fetch(), wrapped for C++ (Emscripten only).
//
// Contract: `Fetch(request, callback)` starts the request and returns at once; the callback runs later on the main
// thread (the browser's event loop) exactly once, with the HTTP status (0 when the network failed) and the body
// bytes. The page adds the widget token (Authorization: Bearer …) to requests for the Slotwise API; the token never
// passes through the WebAssembly module. URLs are relative to the page (the Slotwise origin).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace slotwise::widget {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::string body;             // JSON; sent with Content-Type: application/json when not empty
  std::string idempotency_key;  // sent as Idempotency-Key when not empty
};

// A request with every field named (the widget's call sites read as one expression).
inline HttpRequest MakeRequest(std::string method, std::string url, std::string body = {},
                               std::string idempotency_key = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.body = std::move(body);
  request.idempotency_key = std::move(idempotency_key);
  return request;
}

using FetchCallback = std::function<void(int http_status, std::string_view body)>;

void Fetch(const HttpRequest& request, FetchCallback callback);

}  // namespace slotwise::widget
