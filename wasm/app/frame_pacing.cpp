// frame_pacing.cpp — see frame_pacing.h.
#include "app/frame_pacing.h"

#include <emscripten.h>

namespace slotwise::widget {

FramePacer& TheFramePacer() {
  static FramePacer pacer;
  return pacer;
}

double FrameClockMs() { return emscripten_get_now(); }

void WakeFrames() { TheFramePacer().Wake(FrameClockMs()); }

}  // namespace slotwise::widget
