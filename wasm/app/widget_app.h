// widget_app.h — the widget's controller in the browser: owns the model and the zones, sends the requests, applies
// their answers with the pure widget_* functions, re-solves locally on every change, applies the view's intents and
// keyboard commands, and tells the page what happened (live region, embed events). Emscripten only.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "slotwise/time_zone.h"
#include "state/widget_keyboard.h"
#include "state/widget_layout.h"
#include "state/widget_loop_booking.h"
#include "state/widget_model.h"
#include "view/widget_view.h"

namespace slotwise::widget {

class App {
 public:
  void Start();                       // reads the page's options, fetches directory, zones, connections
  void BeforeFrame();                 // solves / explains when needed, polls the booking
  ViewContext Context();              // what the view needs beside the model, for one frame (a new selection or
                                      // keyboard row is revealed once)
  void Apply(const Intents& intents); // the view's requests
  void OnKey(Key key);                // a grid key (see widget_keyboard.h)
  void AfterFrame();                  // live region, events

  const WidgetModel& model() const { return model_; }
  bool grid_has_keyboard() const { return grid_has_keyboard_; }
  void set_grid_has_keyboard(bool value) { grid_has_keyboard_ = value; }
  // What the script fonts must draw: every row's name, and on a Chinese or Korean page its own strings and formats.
  std::vector<std::string> DisplayedTexts() const;
  std::uint64_t texts_version() const { return texts_version_; }  // changes when DisplayedTexts may have
  // Work a frame must drive (BeforeFrame): zones, directory or the solve document in flight, a poll scheduled, the
  // script fonts loading, a cancel's undo countdown. Answers themselves wake the frame pacer (api_client.h).
  bool Busy() const {
    return zones_pending_ > 0 || directory_pending_ > 0 || document_in_flight_ || poll_scheduled_ ||
           loop_poll_scheduled_ || fonts_loading_ || model_.booking.phase == BookingPhase::kCancelScheduled;
  }
  void OnPageHidden();                // the page is going away: a scheduled cancel is sent now
  void set_fonts_loading(bool value) { fonts_loading_ = value; }
  void set_scale(float scale) { scale_ = scale; }

 private:
  const TimeZone& Viewer();
  const TimeZone* Candidate();
  void FetchZones();
  void FetchDirectory();
  void FetchDocument();
  void AfterDocument();
  void Book(bool changes_confirmed = false);  // changes_confirmed: the move's other changes were shown and agreed
  void Cancel();
  void ResolveExternalChange(const std::string& action);  // "accept" | "restore"
  void Poll();
  void SubmitProposal();
  void BookLoop();
  void DriveLoop();
  void SendLoop(const LoopRequest& request);
  void SelectionChanged();
  void EnsureDocumentCovers();
  Interval Visible();
  Interval SolveRange();
  Instant FirstDay();      // the day the grid opens on: the interview being moved, the candidate's first own time, now
  void WatchPanel();       // opens the drawer when the panel has something new (DrawerShouldOpen)
  void FetchProposal();    // GET /v1/proposals/{interview.proposal_id} (the candidate's own times)
  // Watches the proposal sent last for the candidate's answer (state/widget_proposal.h): a timer, not the frame loop,
  // so an idle widget stays idle while it waits.
  void ScheduleProposalWatch();
  void WatchProposal();

  WidgetModel model_;
  std::vector<ZoneChoice> zone_list_;  // the browser's zones (PageZoneList), read once the widget is ready
  std::uint64_t texts_version_ = 0;    // the directory's and the language's changes (DisplayedTexts)
  InMemoryZoneSource zones_;
  std::set<std::string> zones_requested_;
  std::set<std::string> zones_failed_;
  int zones_pending_ = 0;
  int directory_pending_ = 0;
  int people_status_ = 0, rooms_status_ = 0, hosts_status_ = 0;
  std::string people_body_, rooms_body_, hosts_body_;
  bool document_in_flight_ = false;
  bool directory_done_ = false;
  std::uint64_t solved_generation_ = ~std::uint64_t{0};
  Interval solved_range_;
  std::string solved_zone_;
  bool grid_has_keyboard_ = true;
  bool fonts_loading_ = false;
  float scale_ = 1.0f;
  bool ready_sent_ = false;
  bool poll_scheduled_ = false;
  bool proposal_watch_scheduled_ = false;
  double poll_at_ms_ = 0;
  std::string last_live_;
  long emitted_height_ = 0;  // the last "resize" event's height
  std::optional<Instant> last_announced_selection_;
  std::optional<Instant> revealed_selection_;  // the selection the grid was last scrolled to (Context())
  int revealed_row_ = 0;                       // the keyboard row the grid was last scrolled to
  std::string last_booking_status_;
  ProposalPhase last_proposal_phase_ = ProposalPhase::kIdle;
  LoopBookingPhase last_loop_phase_ = LoopBookingPhase::kIdle;
  bool loop_poll_scheduled_ = false;
  double loop_poll_at_ms_ = 0;
  LoopRequest loop_poll_;
  std::string last_error_;
  PanelAttention last_attention_;  // what the panel showed when last watched (WatchPanel)
};

}  // namespace slotwise::widget
