// interview_json.h — JSON forms of the interview values (interview_model.h): the stored form of a spec and of a whole
// interview, and the names of statuses and outbox kinds. The public API form of an
// interview is built in api/interview_views.h.
//
// Contract: SpecFromJson(SpecToJson(s)) == s and InterviewFromJson(InterviewToJson(i)) == i. The readers read only
// what the writers write and fail with "storage_error" on a document that is not such a
// value (a corrupted row). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "store/interview_model.h"

namespace slotwise {

nlohmann::json SpecToJson(const InterviewSpec& spec);
nlohmann::json CandidateToJson(const InterviewCandidate& candidate);  // {"id","name","email","time_zone","locale"}
Result<InterviewSpec> SpecFromJson(const nlohmann::json& value);
nlohmann::json InterviewToJson(const Interview& interview);
// {"removed": [...], "added": [...], "declined": [...]}: the stored form, also the public API's `attendees` of a
// tracked object. AttendeeChangeFromJson reads "", null, {} and a discarded (unparsable) value as no change.
nlohmann::json AttendeeChangeToJson(const AttendeeChange& change);
Result<AttendeeChange> AttendeeChangeFromJson(const nlohmann::json& value);
Result<Interview> InterviewFromJson(const nlohmann::json& value);

}  // namespace slotwise
