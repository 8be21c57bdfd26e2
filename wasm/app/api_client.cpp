// api_client.cpp — fetch() through the page's host object (web/app.js `slotwiseHost.fetch`); answers come back through
// slotwise_widget_on_fetch (see api_client.h).
#include "app/api_client.h"

#include <emscripten.h>

#include "app/frame_pacing.h"

#include <map>

namespace slotwise::widget {

namespace {

std::map<int, FetchCallback>& PendingFetches() {
  static std::map<int, FetchCallback> pending;
  return pending;
}

// Reports (id, status, bytes, length) to _slotwise_widget_on_fetch. Status 0 = network error.
// Module.slotwiseFetching counts the requests not yet answered (a page or test knows when the widget has all it asked
// for; tests/lib/widget_page.mjs waitSettled).
EM_JS(void, JsFetch, (int id, const char* method, const char* url, const char* body, const char* key), {
  Module.slotwiseFetching = (Module.slotwiseFetching | 0) + 1;
  const deliver = (status, bytes) => {
    Module.slotwiseFetching -= 1;
    const pointer = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, pointer);
    HEAPU8[pointer + bytes.length] = 0;
    _slotwise_widget_on_fetch(id, status, pointer, bytes.length);
    _free(pointer);
  };
  const text = UTF8ToString(body);
  const idempotency = UTF8ToString(key);
  Module.slotwiseHost.fetch(UTF8ToString(method), UTF8ToString(url), text.length ? text : null, idempotency.length ? idempotency : null)
    .then((response) => response.arrayBuffer().then((buffer) => deliver(response.status, new Uint8Array(buffer))))
    .catch((error) => deliver(0, new TextEncoder().encode(String(error))));
});

}  // namespace

void Fetch(const HttpRequest& request, FetchCallback callback) {
  static int next_id = 1;
  const int id = next_id++;
  PendingFetches().emplace(id, std::move(callback));
  JsFetch(id, request.method.c_str(), request.url.c_str(), request.body.c_str(), request.idempotency_key.c_str());
}

}  // namespace slotwise::widget

extern "C" EMSCRIPTEN_KEEPALIVE void slotwise_widget_on_fetch(int id, int status, const char* data, int length) {
  auto& pending = slotwise::widget::PendingFetches();
  auto it = pending.find(id);
  if (it == pending.end()) return;
  slotwise::widget::FetchCallback callback = std::move(it->second);
  pending.erase(it);
  slotwise::widget::WakeFrames();  // the answer changes what the next frames show
  callback(status, data && length > 0 ? std::string_view(data, static_cast<std::size_t>(length)) : std::string_view());
}
