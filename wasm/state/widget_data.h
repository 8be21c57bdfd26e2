// widget_data.h — turns the backend's answers into the widget's model (pure; no fetch, no ImGui).
//
// Every Apply* function takes the HTTP status (0 = the network failed) and the body text exactly as received. A good
// answer updates the model; a bad one leaves the data as it was and sets a specific, human `error` sentence (in
// English: the view words it in the viewer's language through the error code prefix where one exists). None throws.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "state/widget_model.h"
#include "state/widget_palette.h"

namespace slotwise::widget {

// The page's options (the embed API's `interview`, `locale`, `timeZone`) -> model. Unknown locales fall back to en.
// `interview.loop` (docs/EMBEDDING.md) turns the loop on with its stages when every stage is valid, else it is ignored.
void ApplyPageOptions(WidgetModel& model, std::string_view options_json);

// GET /v1/proposals/{interview.proposal_id}: when the candidate declined it with times of their own
// (candidate_availability), they become `candidate_offer` (suggestions only within them at first); any other answer
// leaves the model without one. True when an offer was taken.
bool ApplyProposalAnswer(WidgetModel& model, int http_status, std::string_view body);

// The page's look: `theme` {"scheme": "light" | "dark" | "high-contrast-light" | "high-contrast-dark" (web/app.js
// resolves the embed option and the browser's preferences into one), "accent": "#rrggbb" (the brand colour of the
// main action)} → the theme and accent to draw with (PaletteFor, state/widget_palette.h), missing or unknown: light,
// no accent; `reducedMotion` (prefers-reduced-motion) → nothing blinks.
struct PageAppearance {
  Theme theme = Theme::kLight;
  std::optional<Rgb> accent;
  bool reduced_motion = false;
};
PageAppearance AppearanceOfPageOptions(std::string_view options_json);

// GET /v1/people, /v1/rooms, /v1/host_accounts (each as received). Builds the rows: preselected interviewers (the
// page's `interview.interviewers`, else the first two interviewers that are not the organiser) are included, other
// people are listed but not included; observers named by the page become observer rows; every room and host account
// gets a row. Sets load to kFailed with a sentence when one of the answers is not usable.
void ApplyDirectory(WidgetModel& model, int people_status, std::string_view people_body, int rooms_status,
                    std::string_view rooms_body, int hosts_status, std::string_view hosts_body);

// The body of POST /v1/availability/document: a bare docs/ENGINE.md query naming every row's calendar for the visible
// range (`view` in UTC) and, for video types with host accounts, that provider's host accounts. With an interview being
// rescheduled, {"query": …, "except_interview_id": id} so that its own holds do not block it.
std::string BuildDocumentRequest(const WidgetModel& model, Interval view);

// The answer of POST /v1/availability/document ({"now", "query", "calendars"}). Calendars are merged into the model
// (a later document replaces a calendar of the same sub); busy events and working hours are parsed for drawing; the
// first document also seeds the settings from the tenant's policies in its query (buffer, start_interval,
// minimum_notice). Sets load to kLoaded, or kFailed with a sentence.
void ApplySolveDocument(WidgetModel& model, int http_status, std::string_view body);

// The URL of the organiser's connection list, GET /v1/connections?user=<organiser, percent-encoded>; empty when the
// page named no organiser (the route needs the user; the widget then shows no connection problems).
std::string ConnectionsUrl(const WidgetModel& model);

// GET /v1/connections: every connection whose status is not "connected"/"active" becomes a ConnectionIssue.
void ApplyConnections(WidgetModel& model, int http_status, std::string_view body);

// GET /v1/interviews/{id} for an interview to reschedule: preselects its people, room, type and host, and puts the
// booking into "rescheduling" with the interview's id. False (model unchanged) when the answer is not usable.
bool ApplyExistingInterview(WidgetModel& model, int http_status, std::string_view body);

// An interview's answer (GET or a resolution's): its interviewers and observers become the selected people rows, the
// rest of the people unselected (rooms and hosts untouched). Nothing changes when `body` is not an interview.
void SelectInterviewPeople(WidgetModel& model, std::string_view body);

// Every IANA zone the model needs to draw and solve (calendars, viewer, candidate, the query's zone).
std::set<std::string> NeededZones(const WidgetModel& model);

// The error sentence of an API error body ({"error": {"message"}}) prefixed with the status, or a default.
std::string ErrorSentence(int http_status, std::string_view body);

// Parses an engine/API busy status ("busy", "tentative", "oof", "working_elsewhere", "free"); unknown -> busy.
BusyStatus ParseBusyStatus(std::string_view text);

}  // namespace slotwise::widget
