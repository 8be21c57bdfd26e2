// engine_api.cpp — parses the request, dispatches to the engine, formats the answer (see engine_api.h).
#include "slotwise/engine_api.h"

#include <exception>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/booking_validation.h"
#include "slotwise/error_codes.h"
#include "slotwise/explain.h"
#include "slotwise/interval_json.h"
#include "slotwise/intervals.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/ranking.h"
#include "slotwise/sequence.h"
#include "slotwise/solver.h"

namespace slotwise {

namespace {

using nlohmann::json;

EngineAnswer ErrorAnswer(EngineStatus status, const Error& error) {
  return {status, DumpJson(ErrorObject(error))};
}

EngineAnswer MergeIntervalsOperation(const json& request) {
  if (!request.is_object() || !request.contains("intervals")) {
    return ErrorAnswer(EngineStatus::kInvalidInput,
                       {codes::kInvalidRequest, "the request must be an object with an \"intervals\" array", "intervals"});
  }
  Result<IntervalList> intervals = IntervalsFromJson(request["intervals"], "intervals");
  if (!intervals) return ErrorAnswer(EngineStatus::kInvalidInput, intervals.error());
  return {EngineStatus::kOk, DumpJson(json{{"intervals", IntervalsToJson(MergeIntervals(std::move(intervals).value()))}})};
}

EngineAnswer SolveParsed(const Problem& problem) {
  const std::vector<SlotMatch> items = SolveRanked(problem);  // Solve() unless query.ranking says otherwise
  if (!problem.query.explain) return {EngineStatus::kOk, AnswerToText(problem, items)};
  json answer = AnswerToJson(problem, items);
  answer["explanation"] = ExplanationToJson(problem, Explain(problem));
  return {EngineStatus::kOk, DumpJson(answer)};
}

EngineAnswer SolveOperation(const json& request, ZoneSource& zones) {
  if (HasSequence(request)) {  // interview loops (sequence.h)
    Result<LoopProblem> loops = ParseLoopDocument(request, zones);
    if (!loops) return ErrorAnswer(EngineStatus::kInvalidInput, loops.error());
    return {EngineStatus::kOk, DumpJson(LoopAnswerToJson(*loops, SolveLoops(*loops)))};
  }
  Result<Problem> problem = ParseAvailabilityDocument(request, zones);
  if (!problem) return ErrorAnswer(EngineStatus::kInvalidInput, problem.error());
  return SolveParsed(*problem);
}

// The solve document plus "booking" -> the engine's findings (booking_validation.h); may throw on a bug.
Result<BookingCheck> ValidateParsed(const json& request, ZoneSource& zones) {
  Result<Problem> problem = ParseAvailabilityDocument(request, zones);
  if (!problem) return problem.error();
  auto booking_json = request.find("booking");
  if (booking_json == request.end()) return Error{codes::kInvalidQuery, "booking is required", "booking"};
  Result<Booking> booking = ParseBooking(*booking_json, "booking");
  if (!booking) return booking.error();
  return ValidateBooking(*problem, *booking);
}

// -> {"valid", "violations", "warnings", "passcode"?}.
EngineAnswer ValidateOperation(const json& request, ZoneSource& zones) {
  Result<BookingCheck> check = ValidateParsed(request, zones);
  if (!check) return ErrorAnswer(EngineStatus::kInvalidInput, check.error());
  return {EngineStatus::kOk, DumpJson(BookingCheckToJson(*check))};
}

EngineAnswer Dispatch(std::string_view operation, std::string_view request_json, ZoneSource& zones) {
  if (operation == "solve") {  // the common case, read without a JSON tree when the document allows (availability.h)
    if (std::optional<Problem> fast = ParseAvailabilityFast(request_json, zones)) return SolveParsed(*fast);
  }
  if (const std::optional<std::size_t> deep = JsonNestingBeyond(request_json)) {
    return ErrorAnswer(EngineStatus::kInvalidInput, {codes::kInvalidJson, NestingTooDeepMessage(*deep), ""});
  }
  const json request = slotwise::ParseJson(request_json);
  if (request.is_discarded()) {
    return ErrorAnswer(EngineStatus::kInvalidInput, {codes::kInvalidJson, "the request body is not valid JSON", ""});
  }
  if (operation == "merge_intervals") return MergeIntervalsOperation(request);
  if (operation == "solve") return SolveOperation(request, zones);
  if (operation == "validate") return ValidateOperation(request, zones);
  return ErrorAnswer(EngineStatus::kUnknownOperation,
                     {codes::kUnknownOperation, "unknown engine operation \"" + std::string(operation) + "\"", ""});
}

}  // namespace

EngineAnswer SolveProblem(const Problem& problem) {
  try {
    return SolveParsed(problem);
  } catch (const std::exception& e) {
    return ErrorAnswer(EngineStatus::kInternalError, {codes::kInternalError, std::string("engine error: ") + e.what(), ""});
  }
}

Result<BookingCheck> ValidateDocument(const nlohmann::json& document, ZoneSource& zones) {
  try {
    return ValidateParsed(document, zones);
  } catch (const std::exception& e) {
    return Error{codes::kInternalError, std::string("engine error: ") + e.what(), ""};
  }
}

EngineAnswer CallEngine(std::string_view operation, std::string_view request_json, ZoneSource& zones) {
  try {
    return Dispatch(operation, request_json, zones);
  } catch (const std::exception& e) {  // a bug below this line; it must not cross the API
    return ErrorAnswer(EngineStatus::kInternalError, {codes::kInternalError, std::string("engine error: ") + e.what(), ""});
  }
}

}  // namespace slotwise
