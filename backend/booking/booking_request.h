// booking_request.h — reads the body of POST /v1/interviews and PATCH /v1/interviews/{id} into an InterviewSpec, and
// builds what the engine validates (the query and the booking of `CallEngine("validate")`).
//
// The booking body (docs/API_BACKEND.md has the full description):
//   {"title", "organizer": "<e-mail>", "start", "end" (RFC 3339 UTC),
//    "interviewers": [{"sub"}…], "observers"?: [{"sub"}…], "room"?: {"sub"} | null,
//    "conferencing"?: {"provider": "none"|"google_meet"|"teams"|"zoom"|"goto", "host"?: "<host account id>"},
//    "buffer"?: {"before": {"minutes"}, "after": {"minutes"}},
//    "candidate": {"id"?, "name", "email", "time_zone"?, "locale"?},
//    "notes"?: "<internal>", "candidate_message"?: "<shown to the candidate>",
//    "query"?: {"start_interval", "minimum_notice", "time_zone", "tentative_blocks", "host_rules"}}
// PATCH takes any subset of start, end, interviewers, observers, room, conferencing, buffer, title, notes,
// candidate_message; the rest stays.
//
// Contract: errors are "invalid_request" with the JSON path in `field` and one human sentence — or, for a
// candidate_message that is not a usable template, CheckCandidateText's errors (candidate_text.h); nothing is looked up
// here (whether people, rooms and host accounts exist is the service's check). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "store/interview_model.h"

namespace slotwise {

// The rule fields a booking may carry from the query its slot came from (others are derived from the booking).
inline constexpr const char* kQueryRuleFields[] = {"start_interval", "minimum_notice", "time_zone", "tentative_blocks",
                                                   "host_rules"};

struct BookingRequest {
  InterviewSpec spec;
  nlohmann::json query_rules = nlohmann::json::object();  // the subset of kQueryRuleFields given
};

Result<BookingRequest> ParseBookingRequest(const nlohmann::json& body);
// Applies a PATCH body to `current`; the result is validated like a new booking.
Result<BookingRequest> ApplyBookingPatch(const InterviewSpec& current, const nlohmann::json& patch);

// Everyone who attends (interviewers then observers, duplicates removed).
std::vector<std::string> Attendees(const InterviewSpec& spec);
// Resources the interview holds: every attendee as "person:…", the room, the host account. The organiser is not held
// unless attending: a recruiter organises many interviews at once without being in them.
std::vector<std::string> HeldResources(const InterviewSpec& spec);

// The engine's query for validating `spec` (participants = attendees, all required; the booked room; the host
// account; duration and period = the booking) with `rules` on top, and the engine's booking object.
nlohmann::json ValidationQuery(const InterviewSpec& spec, const nlohmann::json& rules, const std::string& default_zone);
nlohmann::json EngineBooking(const InterviewSpec& spec);

// Hex SHA-256 of the body's canonical JSON (keys sorted, no whitespace): the idempotency fingerprint.
std::string RequestFingerprint(const nlohmann::json& body);

}  // namespace slotwise
