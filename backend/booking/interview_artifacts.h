// interview_artifacts.h — reading an interview's artifacts JSON, the record of what the outbox created for it:
//   {"meeting": {"id", "join_url", "passcode", "host_account", "dial_in"},          (Zoom, GoTo: a separate meeting)
//    "event":   {"id", "calendar", "web_link", "join_url", "dial_in", …}}          (the calendar event; Meet and
//                                                                                   Teams links live on it)
// Every reader of the conference details goes through here, so one place knows that shape (the outbox writes it,
// outbox_executor.cpp). Pure; a missing or malformed member reads as empty.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "providers/dial_in.h"

namespace slotwise {

struct ConferenceDetails {
  std::string join_url;
  std::string passcode;                  // the separate meeting's (calendar conferences carry none here)
  std::string meeting_id;                // the separate meeting's
  std::vector<providers::DialIn> dial_in;
};

// Whether a separate meeting was made (an object under "meeting").
bool HasMeetingArtifact(const nlohmann::json& artifacts);

// The separate meeting's details only (empty without one): what the calendar event's own text carries.
ConferenceDetails MeetingDetails(const nlohmann::json& artifacts);

// How the candidate joins: the separate meeting's link, passcode and dial-in, else the calendar event's own
// conference (Meet, Teams) — each member from the first of the two that has it.
ConferenceDetails ConferenceOf(const nlohmann::json& artifacts);

}  // namespace slotwise
