// widget_frame_pacer.h — when the widget draws a frame. Rendering is on demand: the browser calls the frame function
// at display rate, but a frame is drawn only while something may change what it shows, so an idle widget does no
// layout and no WebGL work at all (no GPU load on the recruiter's laptop).
//
// Contract: ShouldDraw(now) is true
// - within kActiveMs after the last Wake (input, a fetch answer, a canvas size or font change): ImGui needs a few
//   frames after an event to settle hover, popups and focus; and until kSettleFrames frames were drawn since the
//   last Wake, however long they take (on a slow or loaded machine the half second may hold one or two frames, and a
//   window's scrollbar appears only the frame after its content outgrew it — the widget must not idle half laid out);
// - while `busy` (a request in flight or a poll scheduled: the controller's BeforeFrame drives them), `typing` (a
//   text field has focus: its caret blinks) or `continuous` (the page asked for every frame, e.g. a benchmark);
// - and at least every kIdleRedrawMs (the "now" line and "in 5 minutes" texts move with the clock);
// otherwise false. Drew(now) records a drawn frame. Times are milliseconds of one monotonic clock. Pure; not
// thread-safe (the page's main thread only).
#pragma once

namespace slotwise::widget {

class FramePacer {
 public:
  static constexpr double kActiveMs = 500;
  static constexpr double kIdleRedrawMs = 30'000;
  static constexpr int kSettleFrames = 4;

  void Wake(double now_ms) {
    if (now_ms + kActiveMs > active_until_ms_) active_until_ms_ = now_ms + kActiveMs;
    frames_owed_ = kSettleFrames;
  }
  bool ShouldDraw(double now_ms, bool busy, bool typing, bool continuous) const {
    return continuous || busy || typing || now_ms < active_until_ms_ || frames_owed_ > 0 || !drawn_ ||
           now_ms - last_drawn_ms_ >= kIdleRedrawMs;
  }
  void Drew(double now_ms) {
    drawn_ = true;
    last_drawn_ms_ = now_ms;
    if (frames_owed_ > 0) --frames_owed_;
  }

 private:
  double active_until_ms_ = 0;
  double last_drawn_ms_ = 0;
  int frames_owed_ = 0;  // frames still to draw for the last Wake, whatever the time
  bool drawn_ = false;  // the first frame is always drawn
};

}  // namespace slotwise::widget
