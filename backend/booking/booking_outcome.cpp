// booking_outcome.cpp — the stored form of booking outcomes (see booking_outcome.h).
#include "booking/booking_outcome.h"

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "store/interview_json.h"

namespace slotwise {

namespace {

using nlohmann::json;

enum StoredKind : int { kStoredInterview = 1, kStoredRefusal = 2, kStoredError = 3 };

json ViolationsJson(const std::vector<Violation>& list) {
  json out = json::array();
  for (const Violation& v : list) out.push_back({{"code", v.code}, {"message", v.message}, {"sub", v.sub}});
  return out;
}

std::vector<Violation> ViolationsFrom(const json& list) {
  std::vector<Violation> out;
  for (const json& v : list) out.push_back({v.at("code").get<std::string>(), v.at("message").get<std::string>(),
                                            v.at("sub").get<std::string>()});
  return out;
}

}  // namespace

StoredResponse ToStored(const BookingOutcome& outcome) {
  if (const Interview* interview = outcome.interview()) {
    return {kStoredInterview, DumpJson({{"interview", InterviewToJson(*interview)}, {"created", outcome.created}})};
  }
  if (const BookingRefusal* refusal = outcome.refusal()) {
    json conflicts = json::array();
    for (const Hold& hold : refusal->conflicts) {
      conflicts.push_back({{"resource", hold.resource}, {"interview_id", hold.interview_id}, {"start", hold.start},
                           {"end", hold.end}});
    }
    return {kStoredRefusal, DumpJson({{"code", refusal->code},
                                      {"message", refusal->message},
                                      {"conflicts", conflicts},
                                      {"violations", ViolationsJson(refusal->violations)},
                                      {"warnings", ViolationsJson(refusal->warnings)}})};
  }
  const Error& error = *outcome.error();
  return {kStoredError, DumpJson({{"code", error.code}, {"message", error.message}, {"field", error.field}})};
}

Result<BookingOutcome> FromStored(const StoredResponse& stored) {
  const Error unreadable{codes::kStorageError, "a stored idempotent answer is unreadable", ""};
  const json body = slotwise::ParseJson(stored.body);
  if (!body.is_object()) return unreadable;
  BookingOutcome outcome;
  outcome.replayed = true;
  try {
    switch (stored.kind) {
      case kStoredInterview: {
        Result<Interview> interview = InterviewFromJson(body.at("interview"));
        if (!interview) return interview.error();
        outcome.result = std::move(interview).value();
        outcome.created = body.at("created").get<bool>();
        return outcome;
      }
      case kStoredRefusal: {
        BookingRefusal refusal;
        refusal.code = body.at("code").get<std::string>();
        refusal.message = body.at("message").get<std::string>();
        for (const json& c : body.at("conflicts")) {
          refusal.conflicts.push_back({c.at("resource").get<std::string>(), c.at("interview_id").get<std::string>(),
                                       c.at("start").get<Instant>(), c.at("end").get<Instant>()});
        }
        refusal.violations = ViolationsFrom(body.at("violations"));
        refusal.warnings = ViolationsFrom(body.at("warnings"));
        outcome.result = std::move(refusal);
        return outcome;
      }
      case kStoredError:
        outcome.result = Error{body.at("code").get<std::string>(), body.at("message").get<std::string>(),
                               body.at("field").get<std::string>()};
        return outcome;
      default:
        return unreadable;
    }
  } catch (const json::exception&) {
    return unreadable;
  }
}

}  // namespace slotwise
