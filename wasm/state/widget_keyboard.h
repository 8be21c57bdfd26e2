// widget_keyboard.h — keys -> the same state changes as mouse clicks, so the grid and the suggestions work without a
// mouse (pure). The view forwards keys only while the grid has focus (not while a text field or combo is active).
//
//   Left / Right        the selected time one grid step (start_interval) earlier / later
//   PageUp / PageDown   the same wall time a (working) day earlier / later
//   Home / End          the first / last visible hour of the selected day
//   Up / Down           the focused row (announced; Space includes or leaves out that person, room or host)
//   J / K               next / previous suggestion      D / W   day / week view
//   Enter               book (or move, when rescheduling) the selected time when it is possible; while proposing
//                       times, send the proposal (2–5 ticked)
//   P                   propose times: the first press opens the choice with the first three suggestions ticked
//                       (widget_proposal.h); while choosing, ticks or unticks the selected suggestion
#pragma once

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

enum class Key { kLeft, kRight, kUp, kDown, kPageUp, kPageDown, kHome, kEnd, kNextSuggestion, kPreviousSuggestion,
                 kSpace, kEnter, kDayView, kWeekView, kTwoWeekView, kPropose };

enum class KeyCommand {
  kNone,
  kSelectionChanged,  // explain the new selection
  kSettingsChanged,   // re-solve (a row was included / left out)
  kViewChanged,       // the visible range changed (may need another document)
  kBook,              // the controller starts the booking (or reschedule)
  kProposalChanged,   // the proposal was opened or its ticks changed (announce it)
  kSubmitProposal,    // the controller sends the proposal (CanSubmitProposal holds)
};

KeyCommand HandleKey(WidgetModel& model, Key key, const TimeZone& viewer);

}  // namespace slotwise::widget
