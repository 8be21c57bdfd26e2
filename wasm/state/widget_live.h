// widget_live.h — the sentences the page mirrors into its visually hidden live region (aria-live), so that screen
// reader users hear what the canvas shows: the selected time (in the viewer's and the candidate's zone), who can
// make it or why not, the suggestions, what would help (the relaxations the side panel lists), and the booking's
// and the proposal's progress. Pure.
#pragma once

#include <string>
#include <vector>

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

constexpr std::size_t kShownRelaxations = 6;  // "What would help": the panel's buttons and the live region

// `candidate` may be null (no candidate zone chosen).
std::string LiveSummary(const WidgetModel& model, const TimeZone& viewer, const TimeZone* candidate);

// A loop booking's headline (empty when idle) and one stage's line ("<n>. <stage> <time>: <state>").
std::string DescribeLoopBooking(const WidgetModel& model);
std::string DescribeStageBooking(const WidgetModel& model, std::size_t index, const TimeZone& viewer);

// A move's changes besides the time, one sentence each ("Emily Carter is added (Interviewer)", "Length 30 → 45 min"):
// the panel's confirmation lists them, the live region reads them (ChangesOfMove).
std::vector<std::string> DescribeMoveChanges(const WidgetModel& model);

// "Moved from <time> to <time>. …" of a confirmed move (booking.moved_from set).
std::string DescribeMove(const WidgetModel& model, const TimeZone& viewer, const TimeZone* candidate);

// The selected time as "<viewer range> (<city>) · <candidate clock> (<city>)".
std::string DescribeSelectedTime(const WidgetModel& model, Interval when, const TimeZone& viewer, const TimeZone* candidate);

}  // namespace slotwise::widget
