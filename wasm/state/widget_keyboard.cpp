// widget_keyboard.cpp — see widget_keyboard.h.
#include "state/widget_keyboard.h"

#include <algorithm>

#include "state/widget_proposal.h"
#include "state/widget_selection.h"

namespace slotwise::widget {

KeyCommand HandleKey(WidgetModel& model, Key key, const TimeZone& viewer) {
  const std::int64_t before_day = model.viewport.first_day;
  auto moved = [&]() { return model.viewport.first_day != before_day ? KeyCommand::kViewChanged : KeyCommand::kSelectionChanged; };
  const int rows = static_cast<int>(model.rows.size());
  switch (key) {
    case Key::kLeft: MoveSelection(model, -1, 0, viewer); return moved();
    case Key::kRight: MoveSelection(model, +1, 0, viewer); return moved();
    case Key::kPageUp: MoveSelection(model, 0, -1, viewer); return moved();
    case Key::kPageDown: MoveSelection(model, 0, +1, viewer); return moved();
    case Key::kHome:
    case Key::kEnd: {
      if (!model.selected) MoveSelection(model, 0, 0, viewer);
      const std::int64_t day = FloorDiv(viewer.ToLocalSeconds(*model.selected), kSecondsPerDay);
      const std::int32_t hour = key == Key::kHome ? model.viewport.day_start_hour
                                                  : model.viewport.day_end_hour - 1;
      SelectTime(model, viewer.FromLocalSeconds(day * kSecondsPerDay + hour * kSecondsPerHour), viewer);
      return KeyCommand::kSelectionChanged;
    }
    case Key::kUp:
    case Key::kDown:
      if (rows == 0) return KeyCommand::kNone;
      model.row_cursor = std::clamp(model.row_cursor + (key == Key::kUp ? -1 : 1), 0, rows - 1);
      return KeyCommand::kSelectionChanged;
    case Key::kSpace: {
      if (model.row_cursor < 0 || model.row_cursor >= rows) return KeyCommand::kNone;
      Row& row = model.rows[static_cast<std::size_t>(model.row_cursor)];
      row.included = !row.included;
      ++model.solve_generation;
      return KeyCommand::kSettingsChanged;
    }
    case Key::kNextSuggestion:
    case Key::kPreviousSuggestion: {
      if (model.suggestions.empty()) return KeyCommand::kNone;
      const int step = key == Key::kNextSuggestion ? 1 : -1;
      const int index = model.suggestion_cursor < 0 ? 0 : model.suggestion_cursor + step;
      SelectSuggestion(model, index, viewer);
      return moved();
    }
    case Key::kDayView:
    case Key::kWeekView:
    case Key::kTwoWeekView:
      SetViewMode(model, key == Key::kDayView ? ViewMode::kDay : key == Key::kWeekView ? ViewMode::kWeek : ViewMode::kTwoWeeks, viewer);
      return KeyCommand::kViewChanged;
    case Key::kPropose:
      if (model.proposal.phase == ProposalPhase::kChoosing) {
        return model.selected && ToggleProposalOption(model, *model.selected) ? KeyCommand::kProposalChanged : KeyCommand::kNone;
      }
      if (model.proposal.phase == ProposalPhase::kSubmitting) return KeyCommand::kNone;
      return StartProposal(model) ? KeyCommand::kProposalChanged : KeyCommand::kNone;
    case Key::kEnter:
      if (model.proposal.phase == ProposalPhase::kChoosing) {
        return CanSubmitProposal(model) ? KeyCommand::kSubmitProposal : KeyCommand::kNone;
      }
      if (model.proposal.phase == ProposalPhase::kSubmitting) return KeyCommand::kNone;
      if (!model.selected || !model.explanation.available || model.explanation.start != *model.selected) return KeyCommand::kNone;
      if (BookingInFlight(model.booking.phase)) return KeyCommand::kNone;
      return KeyCommand::kBook;
  }
  return KeyCommand::kNone;
}

}  // namespace slotwise::widget
