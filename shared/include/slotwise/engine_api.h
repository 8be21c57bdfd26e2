// engine_api.h — the engine's one text-in/text-out entry point, shared by the CLI, the backend and the WebAssembly
// module so that all three answer byte-identically.
//
// Contract: `CallEngine(operation, request_json, zones)` never throws. It answers with a JSON body and a status:
//   kOk           — the answer document;
//   kInvalidInput — the docs/ENGINE.md error object {"error": {"code", "message", "field"}} (HTTP 422 / CLI exit 2);
//   kUnknownOperation — {"error": {"code": "unknown_operation", …}};
//   kInternalError — {"error": {"code": "internal_error", …}}: a bug in the
// engine, caught at this boundary. Operations:
//   "merge_intervals": {"intervals": [{"start", "end"}…]} -> {"intervals": [...]} (the union, normalized)
//   "solve": the docs/ENGINE.md inline-calendar document {"now", "query", "calendars"} -> {"available_slots": [...]} or
//            {"available_periods": [...]} (+ "explanation" when query.explain is true; docs/ENGINE.md). Validation
//            errors (codes invalid_query, unknown_participant, unknown_time_zone, invalid_json) are kInvalidInput.
//            With "query.sequence" (interview loops, sequence.h) the answer is {"available_sequences": [...]};
//            "query.ranking" orders either answer (ranking.h).
//   "validate": the "solve" document plus "booking" (booking_validation.h) -> {"valid", "violations", "warnings",
//            "passcode"?}; a malformed document or booking is kInvalidInput.
// `zones` resolves IANA names for the operations that need them; it is used from the calling thread only.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/booking_validation.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"

namespace slotwise {

enum class EngineStatus { kOk = 0, kInvalidInput = 2, kUnknownOperation = 3, kInternalError = 4 };

struct EngineAnswer {
  EngineStatus status = EngineStatus::kOk;
  std::string body;  // JSON text, no trailing newline
};

EngineAnswer CallEngine(std::string_view operation, std::string_view request_json, ZoneSource& zones);

struct Problem;
// "solve" for a document already parsed into `problem` (without "query.sequence": loops are solved from the document
// only): the answer CallEngine("solve", document) gives. Never throws.
EngineAnswer SolveProblem(const Problem& problem);

// "validate" for a document already parsed (the solve document plus "booking"): the engine's findings as values, or
// the error CallEngine("validate") would answer for it (invalid input with its
// code; a bug as internal_error). Never throws.
Result<BookingCheck> ValidateDocument(const nlohmann::json& document, ZoneSource& zones);

}  // namespace slotwise
