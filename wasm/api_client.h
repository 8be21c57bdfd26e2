// api_client.h — the widget's HTTP client: the browser's fetch(), wrapped for C++.
//
// Contract: `FetchText(url, callback)` starts a GET and returns at once; the callback runs later on the main thread
// (the browser's event loop) exactly once, with the HTTP status (0 when the network failed) and the body text.
// Same-origin credentials policy: no cookies or tokens are sent unless the backend's CORS allows it (later issues).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace slotwise::widget {

using FetchCallback = std::function<void(int http_status, std::string_view body)>;

void FetchText(const std::string& url, FetchCallback callback);

}  // namespace slotwise::widget
