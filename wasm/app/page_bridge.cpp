// page_bridge.cpp — see page_bridge.h. The page side is web/app.js (Module.slotwiseHost).
#include "app/page_bridge.h"

#include <emscripten.h>

#include <cstdlib>

namespace slotwise::widget {

namespace {

EM_JS(char*, JsPageOptions, (), {
  const text = JSON.stringify(Module.slotwiseHost ? Module.slotwiseHost.options : {});
  const length = lengthBytesUTF8(text) + 1;
  const pointer = _malloc(length);
  stringToUTF8(text, pointer, length);
  return pointer;
});
EM_JS(char*, JsZoneList, (), {
  let ids = [];
  try { ids = Intl.supportedValuesOf('timeZone'); } catch (error) { ids = []; }
  if (!ids.length) ids = ['America/Los_Angeles', 'America/New_York', 'America/Sao_Paulo', 'Europe/London', 'Europe/Amsterdam',
                          'Europe/Berlin', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney'];
  const now = new Date(Math.floor(Date.now() / 60000) * 60000);  // whole minutes: offsets come out exact
  // ICU still lists some zones by their old names; the tz database's current ones read better (both are zone files).
  const current = { 'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Katmandu': 'Asia/Kathmandu', 'Europe/Kiev': 'Europe/Kyiv',
                    'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Rangoon': 'Asia/Yangon', 'Atlantic/Faeroe': 'Atlantic/Faroe',
                    'America/Godthab': 'America/Nuuk', 'Pacific/Truk': 'Pacific/Chuuk', 'Pacific/Ponape': 'Pacific/Pohnpei' };
  ids = ids.map((id) => current[id] || id);
  const minutes = (zone) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(now).reduce((o, p) => (o[p.type] = p.value, o), {});
    const local = Date.UTC(+parts.year, parts.month - 1, +parts.day, +parts.hour, +parts.minute);
    return Math.round((local - now.getTime()) / 60000);
  };
  const zones = [];
  for (const id of ids) {
    let offset = 0;
    try { offset = minutes(id); } catch (error) { continue; }
    const sign = offset < 0 ? '\u2212' : '+', a = Math.abs(offset);
    const text = 'UTC' + sign + String(Math.floor(a / 60)).padStart(2, '0') + ':' + String(a % 60).padStart(2, '0');
    zones.push({ id, offset: text, minutes: offset });
  }
  zones.sort((x, y) => x.minutes - y.minutes || x.id.localeCompare(y.id));
  const json = JSON.stringify({ zones: zones.map(({ id, offset }) => ({ id, offset })) });
  const length = lengthBytesUTF8(json) + 1;
  const pointer = _malloc(length);
  stringToUTF8(json, pointer, length);
  return pointer;
});
EM_JS(void, JsSetLive, (const char* text), {
  const live = document.getElementById('slotwise-live');
  if (live) live.textContent = UTF8ToString(text);
});
EM_JS(void, JsSemantics, (const char* json), {
  if (Module.slotwiseHost && Module.slotwiseHost.semantics) Module.slotwiseHost.semantics(UTF8ToString(json));
});
EM_JS(void, JsEmit, (const char* type, const char* detail), {
  if (Module.slotwiseHost) Module.slotwiseHost.emit(UTF8ToString(type), JSON.parse(UTF8ToString(detail)));
});
EM_JS(void, JsOpenPopup, (const char* url), {
  window.open(UTF8ToString(url), 'slotwise-connect', 'popup,width=520,height=680');
});
EM_JS(void, JsOpenConnections, (), {
  if (Module.slotwiseHost && Module.slotwiseHost.openConnections) Module.slotwiseHost.openConnections();
});
EM_JS(void, JsCopy, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(() => {});
});
EM_JS(char*, JsUuid, (), {
  const text = crypto.randomUUID();
  const pointer = _malloc(64);
  stringToUTF8(text, pointer, 64);
  return pointer;
});
EM_JS(double, JsDpr, (), { return window.devicePixelRatio || 1; });
EM_JS(double, JsNow, (), { return Date.now(); });
EM_JS(int, JsCanvasWidth, (), { return Module.canvas.clientWidth | 0; });
EM_JS(int, JsCanvasHeight, (), { return Module.canvas.clientHeight | 0; });
EM_JS(void, JsAfterFrame, (int frames), {
  Module.slotwiseFrames = frames;
  if (frames === 1 && Module.onFirstFrame) Module.onFirstFrame();
});
EM_JS(int, JsFrameStats, (int frames, double last_ms, double average_ms, double p95_ms, double max_ms, int window), {
  Module.slotwiseFrameStats = {frames, last_ms, average_ms, p95_ms, max_ms, window};
  if (!Module.slotwiseResetFrameStats) return 0;
  Module.slotwiseResetFrameStats = false;
  return 1;
});
EM_JS(int, JsTakeFrameStatsReset, (), {
  if (!Module.slotwiseResetFrameStats) return 0;
  Module.slotwiseResetFrameStats = false;
  return 1;
});
EM_JS(void, JsSetLanguage, (const char* code), { document.documentElement.lang = UTF8ToString(code); });
EM_JS(int, JsContinuousFrames, (), { return Module.slotwiseContinuousFrames ? 1 : 0; });
// A capturing listener on the window runs before the canvas's own (GLFW's) wheel listener.
EM_JS(void, JsWatchWheel, (), {
  window.addEventListener('wheel', (event) => { Module.slotwiseWheelMode = event.deltaMode | 0; },
                          { capture: true, passive: true });
});
EM_JS(int, JsWheelMode, (), { return Module.slotwiseWheelMode | 0; });

std::string Take(char* pointer) {
  std::string text = pointer ? pointer : "";
  std::free(pointer);
  return text;
}

}  // namespace

std::string PageOptionsJson() { return Take(JsPageOptions()); }
void SetLiveText(const std::string& text) { JsSetLive(text.c_str()); }
std::string PageZoneList() { return Take(JsZoneList()); }
void PublishSemantics(const std::string& json) { JsSemantics(json.c_str()); }
void EmitPageEvent(const char* type, const std::string& detail_json) { JsEmit(type, detail_json.c_str()); }
void OpenPopup(const std::string& url) { JsOpenPopup(url.c_str()); }
void OpenConnections() { JsOpenConnections(); }
void CopyToClipboard(const std::string& text) { JsCopy(text.c_str()); }
std::string NewIdempotencyKey() { return Take(JsUuid()); }
double DevicePixelRatio() { return JsDpr(); }
double NowMilliseconds() { return JsNow(); }
int CanvasCssWidth() { return JsCanvasWidth(); }
int CanvasCssHeight() { return JsCanvasHeight(); }
void AfterFrame(int frames) { JsAfterFrame(frames); }
void SetDocumentLanguage(const char* code) { JsSetLanguage(code); }
bool PublishFrameStats(int frames, double last_ms, double average_ms, double p95_ms, double max_ms, int window) {
  return JsFrameStats(frames, last_ms, average_ms, p95_ms, max_ms, window) != 0;
}

bool TakeFrameStatsResetRequest() { return JsTakeFrameStatsReset() != 0; }

bool ContinuousFrames() { return JsContinuousFrames() != 0; }
void WatchWheelDeltaMode() { JsWatchWheel(); }
int LastWheelDeltaMode() { return JsWheelMode(); }

}  // namespace slotwise::widget
