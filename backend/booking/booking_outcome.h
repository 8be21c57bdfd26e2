// booking_outcome.h — what booking, rescheduling and cancelling answer, as values; api/ renders them
// (api/interview_views.h) and maps their error codes to HTTP statuses (HttpStatusFor, at the HTTP edge).
//
// A refusal (the slot is taken or the engine's rules say no) is a normal answer, not a failure: it says why, with the
// holds in the way or the engine's violations. An Error is a failure of the request or of the server.
//
// Stored form (idempotent replay): an outcome that is not a server fault (IsServerFault) is kept with its
// Idempotency-Key as StoredResponse{kind, body} — kind 1 interview, 2 refusal, 3 error; body its JSON — and a replay
// reads back the very values the first request answered (ToStored / FromStored round-trip exactly).
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "slotwise/booking_validation.h"
#include "slotwise/result.h"
#include "store/interview_holds.h"
#include "store/interview_model.h"
#include "store/interview_store.h"

namespace slotwise {

struct BookingRefusal {
  std::string code;                   // codes::kSlotTaken, kSlotUnavailable or kBookingInvalid
  std::string message;                // one sentence: the first reason
  std::vector<Hold> conflicts;        // slot_taken: the other interviews' holds in the way
  std::vector<Violation> violations;  // slot_unavailable, booking_invalid: the engine's findings
  std::vector<Violation> warnings;    // the engine's warnings, when it gave any
  bool has_warnings = false;          // the engine's answer had a "warnings" member (kept as answered)
};

// BookingService::Check: bookable now, or the refusal Book would answer now.
struct Bookability {
  std::optional<BookingRefusal> refusal;
  bool bookable() const { return !refusal; }
};

struct BookingOutcome {
  std::variant<Interview, BookingRefusal, Error> result;
  bool created = false;   // a POST that made the interview
  bool replayed = false;  // the stored answer of an earlier request with the same Idempotency-Key

  const Interview* interview() const { return std::get_if<Interview>(&result); }
  const BookingRefusal* refusal() const { return std::get_if<BookingRefusal>(&result); }
  const Error* error() const { return std::get_if<Error>(&result); }
};

StoredResponse ToStored(const BookingOutcome& outcome);
// The outcome stored by ToStored, with replayed = true; a row that is not such a value is "storage_error".
Result<BookingOutcome> FromStored(const StoredResponse& stored);

}  // namespace slotwise
