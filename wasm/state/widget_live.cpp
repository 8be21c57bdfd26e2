// widget_live.cpp — see widget_live.h.
#include "state/widget_live.h"

#include "state/widget_booking.h"
#include "state/widget_i18n.h"
#include "state/widget_proposal.h"
#include "state/widget_solve.h"
#include "state/widget_time_format.h"

namespace slotwise::widget {

std::vector<std::string> DescribeMoveChanges(const WidgetModel& model) {
  const Locale locale = model.locale;
  const RescheduleChanges changes = ChangesOfMove(model);
  const auto role = [&](RowKind kind) { return Tr(locale, kind == RowKind::kObserver ? StringId::kObserverRole : StringId::kIncluded); };
  std::vector<std::string> lines;
  for (const auto& [sub, kind] : changes.added) lines.push_back(Format(locale, StringId::kChangeAdded, {DisplayName(model, sub), role(kind)}));
  for (const auto& [sub, kind] : changes.removed) lines.push_back(Format(locale, StringId::kChangeRemoved, {DisplayName(model, sub), role(kind)}));
  if (changes.booked_minutes != changes.new_minutes) {
    lines.push_back(Format(locale, StringId::kChangeDuration, {std::to_string(changes.booked_minutes), std::to_string(changes.new_minutes)}));
  }
  return lines;
}

std::string DescribeMove(const WidgetModel& model, const TimeZone& viewer, const TimeZone* candidate) {
  const Booking& booking = model.booking;
  if (!booking.moved_from) return "";
  return Format(model.locale, StringId::kMovedFromTo, {DescribeSelectedTime(model, *booking.moved_from, viewer, candidate),
                                                       DescribeSelectedTime(model, booking.when, viewer, candidate)});
}

std::string DescribeSelectedTime(const WidgetModel& model, Interval when, const TimeZone& viewer, const TimeZone* candidate) {
  std::string text = FormatRange(model.locale, when, viewer) + " (" + ZoneCity(viewer.name()) + ")";
  if (candidate && candidate->name() != viewer.name()) {
    text += " · " + FormatRange(model.locale, when, *candidate) + " (" + ZoneCity(candidate->name()) + ")";
  }
  return text;
}

std::string DescribeLoopBooking(const WidgetModel& model) {
  const Locale locale = model.locale;
  const LoopBooking& loop = model.loop_booking;
  const std::string total = std::to_string(loop.stages.size());
  std::string failure;
  if (loop.failed_stage < loop.stages.size()) {
    const StageBooking& failed = loop.stages[loop.failed_stage];
    failure = failed.message.empty() ? failed.error_code : failed.message;
  }
  const std::string stage_number = std::to_string(loop.failed_stage + 1);
  switch (loop.phase) {
    case LoopBookingPhase::kIdle: return "";
    case LoopBookingPhase::kBooking: {
      std::size_t confirmed = 0;
      for (const StageBooking& stage : loop.stages) confirmed += stage.state == StageState::kConfirmed ? 1 : 0;
      return Format(locale, StringId::kLoopBooking, {std::to_string(confirmed), total});
    }
    case LoopBookingPhase::kConfirmed: return Format(locale, StringId::kLoopBooked, {total});
    case LoopBookingPhase::kRollingBack: return Format(locale, StringId::kLoopRollingBack, {stage_number, failure});
    case LoopBookingPhase::kRolledBack: return Format(locale, StringId::kLoopRolledBack, {stage_number, failure});
    case LoopBookingPhase::kRollbackIncomplete: return Format(locale, StringId::kLoopRollbackIncomplete, {stage_number, failure});
  }
  return "";
}

std::string DescribeStageBooking(const WidgetModel& model, std::size_t index, const TimeZone& viewer) {
  const Locale locale = model.locale;
  const StageBooking& stage = model.loop_booking.stages.at(index);
  const std::string why = stage.message.empty() ? stage.error_code : stage.message;
  std::string state;
  switch (stage.state) {
    case StageState::kWaiting: state = Tr(locale, StringId::kStageWaiting); break;
    case StageState::kSubmitting: state = Tr(locale, StringId::kStageSubmitting); break;
    case StageState::kPending: state = Tr(locale, StringId::kStagePending); break;
    case StageState::kConfirmed: state = Tr(locale, StringId::kStageConfirmed); break;
    case StageState::kRefused: state = Format(locale, StringId::kStageRefused, {why}); break;
    case StageState::kFailed: state = Format(locale, StringId::kStageFailed, {why}); break;
    case StageState::kSkipped: state = Tr(locale, StringId::kStageSkipped); break;
    case StageState::kCancelling: state = Tr(locale, StringId::kStageCancelling); break;
    case StageState::kCancelled: state = Tr(locale, StringId::kStageCancelled); break;
    case StageState::kCancelFailed: state = Format(locale, StringId::kStageCancelFailed, {stage.interview_id}); break;
  }
  return std::to_string(index + 1) + ". " + stage.stage_id + " " + FormatRange(locale, stage.when, viewer) + ": " + state;
}

std::string LiveSummary(const WidgetModel& model, const TimeZone& viewer, const TimeZone* candidate) {
  const Locale locale = model.locale;
  switch (model.load) {
    case LoadState::kIdle:
    case LoadState::kLoading: return Tr(locale, StringId::kLiveLoading);
    case LoadState::kFailed: return Format(locale, StringId::kLoadFailed, {model.error});
    case LoadState::kLoaded: break;
  }
  std::string text;
  const Booking& booking = model.booking;
  if (booking.rescheduling && booking.moving_from.length() > 0 &&
      (booking.phase == BookingPhase::kIdle || booking.phase == BookingPhase::kConfirmingChanges)) {
    text += Format(locale, StringId::kMovingBanner, {DescribeSelectedTime(model, booking.moving_from, viewer, candidate)}) + " ";
  }
  switch (model.booking.phase) {
    case BookingPhase::kConfirmed:
      text += (booking.moved_from ? DescribeMove(model, viewer, candidate)
                                  : Format(locale, StringId::kLiveBooked, {DescribeSelectedTime(model, booking.when, viewer, candidate)})) + " ";
      break;
    case BookingPhase::kConfirmingChanges:
      text += std::string(Tr(locale, StringId::kMoveAlsoChanges)) + " ";
      for (const std::string& change : DescribeMoveChanges(model)) text += change + ". ";
      break;
    case BookingPhase::kFailed:
      text += Format(locale, StringId::kLiveBookingFailed, {model.booking.message.empty() ? model.booking.error_code : model.booking.message}) + " ";
      break;
    case BookingPhase::kSubmitting: text += std::string(Tr(locale, StringId::kSubmitting)) + " "; break;
    case BookingPhase::kPending: text += Format(locale, StringId::kPending, {std::to_string(model.booking.polls)}) + " "; break;
    case BookingPhase::kConfirmingCancel:
      text += Format(locale, StringId::kCancelQuestion, {DescribeSelectedTime(model, model.booking.when, viewer, candidate)}) + " ";
      break;
    case BookingPhase::kCancelScheduled:  // once, not every second of the countdown
      text += Format(locale, StringId::kCancelScheduled, {std::to_string(static_cast<int>(kCancelUndoMs / 1000))}) + " ";
      break;
    case BookingPhase::kCancelled: text += std::string(Tr(locale, StringId::kCancelled)) + " "; break;
    default: break;
  }
  if (model.loop_booking.phase != LoopBookingPhase::kIdle) {
    text += DescribeLoopBooking(model) + " ";
    if (model.loop_booking.phase == LoopBookingPhase::kRollbackIncomplete) {
      for (std::size_t i = 0; i < model.loop_booking.stages.size(); ++i) {
        if (model.loop_booking.stages[i].state == StageState::kCancelFailed) text += DescribeStageBooking(model, i, viewer) + ". ";
      }
    }
  }
  switch (model.proposal.phase) {
    case ProposalPhase::kChoosing:
      text += Format(locale, StringId::kLiveProposalChoosing, {std::to_string(model.proposal.chosen.size())}) + " ";
      if (model.selected && model.suggestion_cursor >= 0) {
        text += std::string(Tr(locale, IsProposalChosen(model, *model.selected) ? StringId::kLiveProposalTicked
                                                                               : StringId::kLiveProposalUnticked)) + " ";
      }
      break;
    case ProposalPhase::kSubmitting: text += std::string(Tr(locale, StringId::kProposalSending)) + " "; break;
    case ProposalPhase::kCreated:
      text += Format(locale, StringId::kLiveProposalCreated, {std::to_string(model.proposal.options.size()), model.proposal.candidate_url}) + " ";
      break;
    case ProposalPhase::kFailed: text += Format(locale, StringId::kProposalFailed, {model.proposal.message}) + " "; break;
    case ProposalPhase::kIdle: break;
  }
  if (const std::string answer = DescribeProposalAnswer(model, viewer); !answer.empty()) text += answer + " ";
  if (model.selected && model.explanation.start == *model.selected && !SelectionIsTheBooking(model)) {
    const Interval when{*model.selected, *model.selected + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
    const std::string time = DescribeSelectedTime(model, when, viewer, candidate);
    if (model.explanation.available && model.explanation.slot) {
      std::string who;
      for (const std::string& sub : model.explanation.slot->participants) who += (who.empty() ? "" : ", ") + DisplayName(model, sub);
      for (const std::string& sub : model.explanation.slot->rooms) who += (who.empty() ? "" : ", ") + DisplayName(model, sub);
      text += Format(locale, StringId::kLiveSelected, {time, who});
      for (const HostOutcome& host : model.explanation.slot->hosts) {
        for (const auto& warning : host.warnings) text += " " + DescribeHostWarning(model, host, warning, viewer);
      }
    } else {
      std::string why;
      for (const Reason& reason : model.explanation.reasons) why += (why.empty() ? "" : " ") + DescribeReason(model, reason, viewer);
      if (why.empty()) why = model.explanation.error;
      if (why.empty() && model.settings.loop) why = Tr(locale, StringId::kNoLoopAtTime);
      text += Format(locale, StringId::kLiveSelectedUnavailable, {time, why});
    }
    text += " ";
  }
  if (!model.solve_error.empty()) {
    text += Format(locale, StringId::kSolveError, {model.solve_error});
  } else if (model.suggestions.empty()) {
    text += Tr(locale, StringId::kNoSuggestions);
  } else {
    text += Format(locale, StringId::kLiveSuggestions,
                   {std::to_string(model.suggestions.size()), DescribeSelectedTime(model, model.suggestions.front().when, viewer, candidate)});
  }
  if (model.solve_error.empty() && !model.relaxations.empty()) {
    // The "What would help" list of the side panel, in the same order (each: the change and how many more times).
    const std::string separator = locale == Locale::kJa ? "、" : "; ";
    std::string help;
    for (std::size_t i = 0; i < model.relaxations.size() && i < kShownRelaxations; ++i) {
      help += (help.empty() ? "" : separator) + DescribeRelaxation(model, model.relaxations[i]);
    }
    text += " " + Format(locale, StringId::kLiveWhatWouldHelp, {help});
  }
  return text;
}

}  // namespace slotwise::widget
