// interview_views.cpp — see interview_views.h.
#include "api/interview_views.h"

#include <algorithm>

#include "api/http_errors.h"
#include "booking/interview_artifacts.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"
#include "store/interview_json.h"

namespace slotwise {

using nlohmann::json;

namespace {
json Subs(const std::vector<std::string>& emails) {
  json list = json::array();
  for (const std::string& email : emails) list.push_back({{"sub", email}});
  return list;
}


json TrackingView(const std::vector<BookedObject>& tracking) {
  json list = json::array();
  for (const BookedObject& object : tracking) {
    list.push_back({{"object", object.object},
                    {"provider", object.provider},
                    {"calendar", object.calendar_id},
                    {"provider_id", object.provider_object_id},
                    {"expected_start", FormatRfc3339(object.expected_start)},
                    {"expected_end", FormatRfc3339(object.expected_end)},
                    {"state", object.flag.empty() ? std::string("as_booked") : object.flag},
                    {"detail", object.detail},
                    {"flagged_at", object.flagged_at == 0 ? json(nullptr) : json(FormatRfc3339(object.flagged_at))},
                    {"checked_at", object.checked_at == 0 ? json(nullptr) : json(FormatRfc3339(object.checked_at))},
                    {"observed_start",
                     object.observed_end > object.observed_start ? json(FormatRfc3339(object.observed_start)) : json(nullptr)},
                    {"observed_end",
                     object.observed_end > object.observed_start ? json(FormatRfc3339(object.observed_end)) : json(nullptr)},
                    {"attendees", object.attendees.empty() ? json(nullptr) : AttendeeChangeToJson(object.attendees)}});
  }
  return list;
}

}  // namespace

json InterviewView(const Interview& interview, const std::vector<BookedObject>* tracking) {
  const InterviewSpec& spec = interview.spec;
  const json artifacts = slotwise::ParseJson(interview.artifacts_json);
  json conferencing = {{"provider", spec.video}};
  if (!spec.host_account.empty()) conferencing["host"] = spec.host_account;
  json event = nullptr;
  const ConferenceDetails conference = ConferenceOf(artifacts);
  if (HasMeetingArtifact(artifacts)) {
    conferencing["join_url"] = conference.join_url;
    conferencing["passcode"] = conference.passcode;
    conferencing["meeting_id"] = conference.meeting_id;
  } else if (!conference.join_url.empty()) {
    conferencing["join_url"] = conference.join_url;  // the calendar event's own conference (Meet, Teams)
  }
  if (artifacts.is_object() && artifacts.contains("event") && artifacts.at("event").is_object()) {
    const json& stored = artifacts.at("event");
    event = {{"id", stored.value("id", "")}, {"web_link", stored.value("web_link", "")},
             {"calendar", stored.value("calendar", "")}};
  }
  json view = {{"id", interview.id},
               {"status", InterviewStatusName(interview.status)},
               {"title", spec.title},
               {"organizer", spec.organizer},
               {"start", FormatRfc3339(spec.start)},
               {"end", FormatRfc3339(spec.end)},
               {"time_zone", spec.time_zone},
               {"interviewers", Subs(spec.interviewers)},
               {"observers", Subs(spec.observers)},
               {"room", spec.room.empty() ? json(nullptr) : json{{"sub", spec.room}}},
               {"conferencing", conferencing},
               {"buffer", {{"before", {{"minutes", spec.buffer_before / 60}}}, {"after", {{"minutes", spec.buffer_after / 60}}}}},
               {"candidate", CandidateToJson(spec.candidate)},
               {"notes", spec.notes},
               {"candidate_message", spec.candidate_message},
               {"sequence", interview.sequence},
               {"event", event},
               {"created_at", FormatRfc3339(interview.created_at)},
               {"updated_at", FormatRfc3339(interview.updated_at)},
               {"links",
                {{"self", "/v1/interviews/" + interview.id},
                 {"history", "/v1/interviews/" + interview.id + "/history"},
                 {"candidate_ics", "/v1/interviews/" + interview.id + "/candidate.ics"}}}};
  if (!interview.failure_reason.empty()) view["failure_reason"] = interview.failure_reason;
  if (tracking != nullptr) {
    view["tracking"] = TrackingView(*tracking);
    view["changed_externally"] = std::any_of(tracking->begin(), tracking->end(),
                                             [](const BookedObject& object) { return !object.flag.empty(); });
  }
  return view;
}

json HistoryView(const std::vector<HistoryEntry>& entries) {
  json list = json::array();
  for (const HistoryEntry& entry : entries) {
    json detail = slotwise::ParseJson(entry.detail_json);
    if (detail.is_discarded()) detail = json::object();
    list.push_back({{"at", FormatRfc3339(entry.at)}, {"action", entry.action}, {"detail", detail}});
  }
  return {{"history", list}};
}

json RefusalDetails(const BookingRefusal& refusal) {
  if (refusal.code == codes::kSlotTaken) {
    json conflicts = json::array();
    for (const Hold& hold : refusal.conflicts) {
      conflicts.push_back({{"resource", hold.resource}, {"interview_id", hold.interview_id},
                           {"start", FormatRfc3339(hold.start)}, {"end", FormatRfc3339(hold.end)}});
    }
    return {{"conflicts", conflicts}};
  }
  return {{"violations", ViolationsToJson(refusal.violations)}, {"warnings", ViolationsToJson(refusal.warnings)}};
}

void SendRefusal(httplib::Response& res, const BookingRefusal& refusal, const json& outer) {
  SendError(res, Error{refusal.code, refusal.message, ""}, RefusalDetails(refusal), outer);
}

void SendOutcome(httplib::Response& res, const BookingOutcome& outcome) {
  if (const Interview* interview = outcome.interview()) {
    SendJson(res, outcome.created ? 201 : 200, InterviewView(*interview));
    if (outcome.created) res.set_header("Location", "/v1/interviews/" + interview->id);
  } else if (const BookingRefusal* refusal = outcome.refusal()) {
    SendRefusal(res, *refusal);
  } else {
    SendError(res, *outcome.error());
    if (outcome.error()->code == codes::kIdempotencyInFlight) res.set_header("Retry-After", "1");
  }
  if (outcome.replayed) res.set_header("Idempotency-Replayed", "true");
}

}  // namespace slotwise
