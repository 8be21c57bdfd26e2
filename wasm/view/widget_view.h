// widget_view.h — the Dear ImGui drawing of the scheduling assistant. It only draws: it reads the model and reports
// what the user asked for in `Intents`; the controller (widget_app) applies them with the pure state functions.
//
// Layout: a toolbar (title, day/week, previous/today/next, both time zones), a settings bar (type, host or room,
// duration, buffers, order, loop), connection problems, then the grid (one row per interviewer, observer, room and
// host account; busy / tentative / out-of-office / working-elsewhere drawn distinctly; working hours shaded; the
// "now" line; suggestions and the selection) beside a panel with the suggestions, "why this time?" and the booking —
// or, when the page is too narrow for both, the panel in a drawer under the grid (a bar that opens and closes it;
// it opens by itself when the panel has something new: widget_layout.h). Toolbar and settings wrap onto further lines
// rather than run past the edge.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "slotwise/time_zone.h"
#include "state/widget_find.h"
#include "state/widget_model.h"

namespace slotwise::widget {

struct ViewContext {
  const TimeZone* viewer = nullptr;                    // the recruiter's zone (never null while drawing)
  const TimeZone* candidate = nullptr;                 // the candidate's zone, when chosen
  std::map<std::string, IntervalList> working_spans;   // by sub, for the visible range (absent = around the clock)
  Instant clock_now = 0;                               // the page's clock, for the "now" line
  int cancel_seconds_left = 0;                         // the countdown of a scheduled cancel
  std::optional<Instant> reveal;                       // a newly selected start: scroll the grid to show it
  std::optional<int> reveal_row;                       // the keyboard's new row (model.row_cursor): scroll to show it
  bool grid_has_keyboard = true;                       // arrows drive the grid (else ImGui's Tab navigation)
  bool fonts_loading = false;
  float scale = 1.0f;                                  // device pixels per CSS pixel
  const std::vector<ZoneChoice>* zone_list = nullptr;  // every zone the browser knows, for the candidate-zone picker
};

struct Intents {
  std::optional<Instant> clicked_time;
  std::optional<int> selected_suggestion;
  std::optional<Settings> settings;                    // edited copy, when a control changed
  std::vector<std::pair<int, RowKind>> row_kinds;      // person rows switched interviewer <-> observer
  std::vector<std::pair<int, bool>> row_included;
  std::optional<ViewMode> view_mode;
  int shift_view = 0;
  bool today = false;
  bool refresh = false;
  bool swap_zones = false;
  bool toggle_settings = false;                        // "Settings" folded / unfolded (narrow pages)
  bool toggle_drawer = false;                          // the side panel's drawer bar: opened / closed (narrow pages)
  bool close_drawer = false;                           // Escape in the drawer
  std::optional<std::string> candidate_zone;           // "" = none
  std::optional<Relaxation> relaxation;
  bool book = false, cancel = false, reschedule = false, dismiss = false, retry = false;
  bool cancel_confirm = false, cancel_keep = false;    // the cancel dialog's "Cancel the interview" / "Keep it", "Undo"
  bool stop_rescheduling = false;                      // "Keep the booked time"
  bool changes_confirmed = false, changes_back = false;  // a move's other changes: "Move and apply" / "Back"
  std::optional<std::string> cancel_message;            // the message to the candidate, as edited
  std::optional<std::string> open_url;
  bool open_connections = false;                       // the page's connections panel (web/connections/)
  bool loop_dismiss = false;                           // a finished loop booking's result is put away
  bool proposal_start = false, proposal_submit = false, proposal_back = false, proposal_close = false;
  std::optional<Instant> proposal_toggle;              // a suggestion ticked / unticked for the proposal
  std::optional<std::string> copy_text;                // to the clipboard (the candidate link)
  bool grid_clicked = false;                           // gives the keyboard to the grid
  std::optional<std::string> external_change;          // "accept" | "restore" the existing interview's flagged change
  std::optional<float> preferred_height;               // CSS px at which nothing scrolls (PreferredHeight), once loaded
  std::optional<std::string> find_query;               // "Find people and rooms" / the zone picker's search, as typed
  std::optional<std::string> zone_filter;
  std::optional<int> find_pick;                        // a row chosen from the find results: added (a room: chosen)
  std::optional<Locale> locale;                        // the language switch
  std::optional<bool> offer_only;                      // "Suggest only within these times" (the candidate's own)
};

void DrawWidget(const WidgetModel& model, const ViewContext& context, Intents& intents);

// Parts (view_grid.cpp, view_panels.cpp).
void DrawGrid(const WidgetModel& model, const ViewContext& context, Intents& intents);
// The height DrawGrid needs `width` wide, with its frame; with at most `max_rows` resource rows.
float GridContentHeight(const WidgetModel& model, const ViewContext& context, float width, int max_rows = 1 << 20);
void DrawToolbar(const WidgetModel& model, const ViewContext& context, Intents& intents);
void DrawSettingsBar(const WidgetModel& model, const ViewContext& context, Intents& intents);
void DrawConnectionIssues(const WidgetModel& model, Intents& intents);
// `in_drawer`: the panel is the drawer under the grid (a narrow page): a new selection, or the drawer opening on one
// or on a booking, scrolls "why this time?" and the booking into its view.
void DrawSidePanel(const WidgetModel& model, const ViewContext& context, Intents& intents, bool in_drawer = false);
// One line naming what the side panel shows (its drawer's bar): the booking's or the proposal's state when there is
// one, else the selected time's, else the suggestions.
std::string PanelHeadline(const WidgetModel& model, const ViewContext& context);
void DrawProposal(const WidgetModel& model, const ViewContext& context, Intents& intents);  // view_proposal.cpp

}  // namespace slotwise::widget
