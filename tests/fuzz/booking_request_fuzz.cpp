// Fuzz target: the readers of the booking bodies, POST /v1/interviews and PATCH /v1/interviews/{id}
// (backend/booking/booking_request.h), fed what the route's body reader accepts (ParseJson). Input: one byte choosing
// POST or PATCH (the PATCH applies to a fixed booked interview), then the body.
// Properties of an accepted body:
//   - the interview is well formed: start < end, whole minutes, at least one interviewer, a 64-hex fingerprint;
//   - it survives storage: SpecToJson → SpecFromJson → SpecToJson is unchanged (store/interview_json.h);
//   - re-applying the same fields as a PATCH to the result (organizer and candidate, which a PATCH refuses, left
//     out) is accepted and changes nothing;
//   - the engine's validation query and booking can be built from it.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "booking/booking_request.h"
#include "fuzz_support.h"
#include "slotwise/json_input.h"
#include "store/interview_json.h"

namespace {

using nlohmann::json;
using slotwise::BookingRequest;
using slotwise::InterviewSpec;
using slotwise::Result;

const InterviewSpec& Booked() {
  static const InterviewSpec spec = [] {
    const json body = {{"title", "Interview"},
                       {"organizer", "rita@acme.test"},
                       {"start", "2026-12-01T10:00:00Z"},
                       {"end", "2026-12-01T11:00:00Z"},
                       {"interviewers", {{{"sub", "anna@acme.test"}}}},
                       {"room", {{"sub", "room-a@acme.test"}}},
                       {"conferencing", {{"provider", "zoom"}, {"host", "zoom:rita@acme.test"}}},
                       {"candidate",
                        {{"name", "Cara"}, {"email", "cara@example.test"}, {"time_zone", "Europe/Berlin"}}}};
    Result<BookingRequest> parsed = slotwise::ParseBookingRequest(body);
    FUZZ_CHECK(parsed.ok(), "the fixed booking does not parse: " << parsed.error().message);
    return parsed->spec;
  }();
  return spec;
}

void CheckAccepted(const BookingRequest& request, const json& body) {
  const InterviewSpec& spec = request.spec;
  FUZZ_CHECK(spec.start < spec.end && spec.start % 60 == 0 && spec.end % 60 == 0,
             "accepted an interview from " << spec.start << " to " << spec.end);
  FUZZ_CHECK(!spec.interviewers.empty(), "accepted an interview without interviewers");
  const json stored = slotwise::SpecToJson(spec);
  Result<InterviewSpec> read = slotwise::SpecFromJson(stored);
  FUZZ_CHECK(read.ok(), "a stored spec does not read back: " << read.error().message << "\n" << stored.dump());
  FUZZ_CHECK(slotwise::SpecToJson(*read) == stored, "a stored spec reads back changed: " << stored.dump());

  json patch = body;
  patch.erase("organizer");
  patch.erase("candidate");
  Result<BookingRequest> again = slotwise::ApplyBookingPatch(spec, patch);
  FUZZ_CHECK(again.ok(), "re-applying the accepted fields is refused: " << again.error().message);
  FUZZ_CHECK(slotwise::SpecToJson(again->spec) == stored, "re-applying the accepted fields changed the interview: "
                                                              << stored.dump() << " -> "
                                                              << slotwise::SpecToJson(again->spec).dump());

  (void)slotwise::ValidationQuery(spec, request.query_rules, "UTC");
  (void)slotwise::EngineBooking(spec);
  (void)slotwise::HeldResources(spec);
  const std::string fingerprint = slotwise::RequestFingerprint(body);
  FUZZ_CHECK(fingerprint.size() == 64 && fingerprint.find_first_not_of("0123456789abcdef") == std::string::npos,
             "fingerprint " << fingerprint);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  const bool patching = (input.Byte() & 1) != 0;
  const json body = slotwise::ParseJson(input.Rest());
  if (body.is_discarded()) return 0;  // the route answers invalid_json before any reader runs
  const Result<BookingRequest> request =
      patching ? slotwise::ApplyBookingPatch(Booked(), body) : slotwise::ParseBookingRequest(body);
  if (request.ok()) CheckAccepted(*request, body);
  return 0;
}
