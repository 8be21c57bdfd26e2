// page_bridge.h — everything the widget asks of the page it runs in (web/app.js), other than fetch (api_client.h).
// Emscripten only; each function is a thin EM_JS wrapper.
#pragma once

#include <string>

namespace slotwise::widget {

std::string PageOptionsJson();
// {"zones": [{"id", "offset"}, …]}: every IANA zone the browser knows (Intl) with its UTC offset now, by offset.
std::string PageZoneList();                       // the page's options: {"locale","timeZone","interview","theme"}
void SetLiveText(const std::string& text);           // the visually hidden aria-live region (#slotwise-live)
// The accessibility tree's JSON (state/widget_semantics.h) to the page's DOM mirror (Module.slotwiseHost.semantics,
// web/semantics.js); sent only when it changed.
void PublishSemantics(const std::string& json);
void EmitPageEvent(const char* type, const std::string& detail_json);  // ready, slot_selected, booked, error
void OpenPopup(const std::string& url);              // connection fixes (OAuth) open in a popup window
void OpenConnections();                              // the page's connections panel (Module.slotwiseHost.openConnections)
void CopyToClipboard(const std::string& text);       // navigator.clipboard.writeText (the candidate link)
std::string NewIdempotencyKey();                     // crypto.randomUUID()
double DevicePixelRatio();
double NowMilliseconds();                            // the page's clock (the "now" line)
int CanvasCssWidth();
int CanvasCssHeight();
void AfterFrame(int frames);                         // the first frame hides the loading overlay
// Module.slotwiseFrameStats = {frames, last_ms, average_ms, p95_ms, max_ms, window}: the CPU time of the render loop's
// frames over the last `window` frames (widget_frame_stats.h); read by bench/widget and available to integrators.
// Returns true once after the page set Module.slotwiseResetFrameStats = true (the caller then clears its window).
bool PublishFrameStats(int frames, double last_ms, double average_ms, double p95_ms, double max_ms, int window);
// Whether the page asked for a reset since the last call (clears the request): the cheap check of a frame not drawn.
bool TakeFrameStatsResetRequest();
void SetDocumentLanguage(const char* code);          // <html lang>
bool ContinuousFrames();                             // Module.slotwiseContinuousFrames: draw every frame (benchmarks)
void WatchWheelDeltaMode();                          // records each wheel event's deltaMode (before GLFW sees it)
int LastWheelDeltaMode();                            // 0 pixels, 1 lines, 2 pages

}  // namespace slotwise::widget
