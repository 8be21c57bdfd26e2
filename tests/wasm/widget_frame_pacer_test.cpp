// Tests for wasm/state/widget_frame_pacer.h: an idle widget draws nothing; input, work in flight, typing and the clock
// bring frames back.
#include <doctest/doctest.h>

#include "state/widget_frame_pacer.h"

using slotwise::widget::FramePacer;

TEST_CASE("WidgetFramePacer: the first frame is drawn, then an idle widget draws only every 30 seconds") {
  FramePacer pacer;
  CHECK(pacer.ShouldDraw(1000, false, false, false));
  pacer.Drew(1000);
  int drawn = 0;
  for (double now = 1016; now < 1000 + 60'000; now += 16) {  // a minute of display refreshes
    if (pacer.ShouldDraw(now, false, false, false)) {
      pacer.Drew(now);
      ++drawn;
    }
  }
  CHECK(drawn == 1);  // the "now" line's redraw at +30 s
}

TEST_CASE("WidgetFramePacer: input wakes it for half a second; busy, typing and continuous keep it drawing") {
  FramePacer pacer;
  pacer.Drew(0);
  CHECK_FALSE(pacer.ShouldDraw(100, false, false, false));
  pacer.Wake(100);
  CHECK(pacer.ShouldDraw(100, false, false, false));
  for (double now = 100; now < 600; now += 16) pacer.Drew(now);  // the frames of a display at 60 Hz
  CHECK(pacer.ShouldDraw(599, false, false, false));
  CHECK_FALSE(pacer.ShouldDraw(600, false, false, false));
  pacer.Wake(550);  // a later event extends the window, an earlier one never shortens it
  pacer.Wake(200);
  for (double now = 600; now < 1050; now += 16) pacer.Drew(now);
  CHECK(pacer.ShouldDraw(1049, false, false, false));
  CHECK_FALSE(pacer.ShouldDraw(1050, false, false, false));
  CHECK(pacer.ShouldDraw(5000, true, false, false));   // a request in flight
  CHECK(pacer.ShouldDraw(5000, false, true, false));   // a text field's caret
  CHECK(pacer.ShouldDraw(5000, false, false, true));   // the page asked for every frame
}

TEST_CASE("WidgetFramePacer: on a machine too slow for the half second, an event still gets the frames ImGui needs") {
  // ImGui settles a change over a few frames (a window's scrollbar appears the frame after its content outgrew it).
  // With a frame every 400 ms the half second holds two frames: the pacer draws FramePacer::kSettleFrames anyway.
  FramePacer pacer;
  pacer.Drew(0);
  pacer.Wake(1000);
  int drawn = 0;
  for (double now = 1000; now < 10'000; now += 400) {
    if (pacer.ShouldDraw(now, false, false, false)) {
      pacer.Drew(now);
      ++drawn;
    }
  }
  CHECK(drawn == FramePacer::kSettleFrames);
  CHECK(FramePacer::kSettleFrames >= 3);
}
