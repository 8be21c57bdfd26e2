// frame_pacing.h — the widget program's one frame pacer (state/widget_frame_pacer.h) on the page's monotonic clock.
// Every input callback, fetch answer and canvas or font change calls WakeFrames(); the frame function asks
// ShouldDrawFrame() before doing any work. Emscripten only; the page's main thread only.
#pragma once

#include "state/widget_frame_pacer.h"

namespace slotwise::widget {

FramePacer& TheFramePacer();
double FrameClockMs();  // performance.now()
void WakeFrames();      // TheFramePacer().Wake(FrameClockMs())

}  // namespace slotwise::widget
