// widget_solve.h — the local solving adapter: model -> the engine's solve document, the engine's answer -> model.
//
// The widget solves in the page with the same engine the server uses (`CallEngine("solve", …)`), on the calendars of
// the documents fetched from the backend, whenever a setting changes. Pure: zones come in through a ZoneSource the
// caller fills (the page fetches TZif bytes; native tests read them from files).
#pragma once

#include <string>
#include <utility>
#include <string_view>

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

// The query for the current settings over `period` (UTC): included interviewers as one group ("all"), observers are
// not required, rooms for on-site interviews (the chosen one, or any of the rooms), the chosen host account (or any
// linked account of the provider) for video types with host accounts, the tenant's host rules and the candidate
// (external, their zone and 09:00–18:00 working hours Mon–Fri for the candidate-friendly ranking). With
// `settings.loop` a "sequence" of the loop stages instead of participants/duration. The query periods are
// QueryPeriods(period). Empty string + `error` set when the settings cannot make a query (no interviewer chosen, none
// of the candidate's own times in `period`).
std::string BuildSolveDocument(const WidgetModel& model, Interval period, bool explain, int max_results,
                               std::string* error);

// The candidate's name for sentences: their name, else their e-mail (the page's `interview.candidate`).
std::string CandidateName(const WidgetModel& model);

// The query periods for `period`: `period` itself; while the candidate's own times are used
// (candidate_offer->only_these), only its parts inside them (possibly none).
std::vector<Interval> QueryPeriods(const WidgetModel& model, Interval period);

// Solves the current settings over the visible range and stores ranked suggestions, available_starts and
// relaxations (or solve_error). Returns the engine's status (0 ok).
int SolveSuggestions(WidgetModel& model, Interval visible, ZoneSource& zones);

// Explains the selected start (`model.selected`): available (with who, rooms, hosts, passcode and warnings) or the
// reasons it is not — "outside_candidate_offer" alone when it does not lie inside the candidate's own times in use. For loops: the loop starting there, if any.
void ExplainSelected(WidgetModel& model, ZoneSource& zones);

// Applies an engine answer body for the suggestions (exposed for tests).
void ApplySolveAnswer(WidgetModel& model, int engine_status, std::string_view body);

// Applies an engine answer of the one-start explain query for `start` (exposed for tests).
void ApplyExplainAnswer(WidgetModel& model, Instant start, int engine_status, std::string_view body);

// The reason in the viewer's language, times in `zone`.
std::string DescribeReason(const WidgetModel& model, const Reason& reason, const TimeZone& zone);

// A host-rule warning of a possible slot's host account (HostOutcome::warnings: rule code, engine sentence) as the
// panel and the live region show it: "Warning: <the rule, in the viewer's language>".
std::string DescribeHostWarning(const WidgetModel& model, const HostOutcome& host,
                                const std::pair<std::string, std::string>& warning, const TimeZone& zone);

// The relaxation in the viewer's language.
std::string DescribeRelaxation(const WidgetModel& model, const Relaxation& relaxation);

// Applies a relaxation the user clicked (drop a member, zero/halve buffers, warn on a host rule, invite the host's
// owner, drop the minimum notice, accept tentative…). False when the widget has no control for it.
bool ApplyRelaxation(WidgetModel& model, const Relaxation& relaxation);

}  // namespace slotwise::widget
