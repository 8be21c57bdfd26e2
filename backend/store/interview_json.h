// interview_json.h — JSON forms of the interview values (interview_model.h): the stored form of a spec, and the names
// of statuses and outbox kinds. The public API form of an interview is built in booking/interview_views.h.
//
// Contract: SpecFromJson(SpecToJson(s)) == s. SpecFromJson reads only what SpecToJson writes and fails with
// "storage_error" on a document that is not such a spec (a corrupted row). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "interview_model.h"
#include "slotwise/result.h"

namespace slotwise {

nlohmann::json SpecToJson(const InterviewSpec& spec);
nlohmann::json CandidateToJson(const InterviewCandidate& candidate);  // {"id","name","email","time_zone","locale"}
Result<InterviewSpec> SpecFromJson(const nlohmann::json& value);

}  // namespace slotwise
