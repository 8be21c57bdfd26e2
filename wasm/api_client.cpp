// api_client.cpp — fetch() through EM_JS; answers come back through slotwise_widget_on_fetch (see api_client.h).
#include "api_client.h"

#include <emscripten.h>

#include <map>

namespace slotwise::widget {

namespace {

std::map<int, FetchCallback>& PendingFetches() {
  static std::map<int, FetchCallback> pending;
  return pending;
}

// Starts fetch(url) and reports (id, status, body) to _slotwise_widget_on_fetch. Status 0 = network error.
EM_JS(void, JsFetchText, (int id, const char* url), {
  const deliver = (status, text) => {
    const length = lengthBytesUTF8(text) + 1;
    const buffer = _malloc(length);
    stringToUTF8(text, buffer, length);
    _slotwise_widget_on_fetch(id, status, buffer);
    _free(buffer);
  };
  fetch(UTF8ToString(url), {credentials: 'same-origin'})
    .then((response) => response.text().then((text) => deliver(response.status, text)))
    .catch((error) => deliver(0, String(error)));
});

}  // namespace

void FetchText(const std::string& url, FetchCallback callback) {
  static int next_id = 1;
  const int id = next_id++;
  PendingFetches().emplace(id, std::move(callback));
  JsFetchText(id, url.c_str());
}

}  // namespace slotwise::widget

extern "C" EMSCRIPTEN_KEEPALIVE void slotwise_widget_on_fetch(int id, int status, const char* body) {
  auto& pending = slotwise::widget::PendingFetches();
  auto it = pending.find(id);
  if (it == pending.end()) return;
  slotwise::widget::FetchCallback callback = std::move(it->second);
  pending.erase(it);
  callback(status, body ? std::string_view(body) : std::string_view());
}
