// widget_request.h — the parts that every request body the widget builds from its settings shares: the booking
// (widget_booking), each stage of a loop (widget_loop_booking) and the proposal (widget_proposal) all send the
// POST /v1/interviews members below. Pure; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "state/widget_model.h"

namespace slotwise::widget {

// The subs of the included rows of `kind`, in row order.
std::vector<std::string> IncludedSubs(const WidgetModel& model, RowKind kind);

// The page's title, else "Interview: <candidate name>", else "Interview".
std::string InterviewTitle(const WidgetModel& model);

// {"before": {"minutes": …}, "after": {"minutes": …}} of the settings.
nlohmann::json BufferJson(const Settings& settings);

// The booking's "query": the start grid, the minimum notice and the viewer's zone (UTC when unknown), so that the
// server re-validates on the grid the recruiter saw.
nlohmann::json QueryJson(const WidgetModel& model);

}  // namespace slotwise::widget
