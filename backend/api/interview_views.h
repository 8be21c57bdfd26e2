// interview_views.h — the public JSON of an interview (GET/POST/PATCH/DELETE /v1/interviews…), its history, and how
// booking outcomes and refusals are answered over HTTP. Never contains a host's start URL or any provider token.
// Pure apart from writing the httplib response; thread-safe.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "booking/booking_outcome.h"
#include "store/interview_model.h"

namespace httplib {
struct Response;
}

namespace slotwise {

// The interview as the API shows it. With `tracking` (GET /v1/interviews…): also "tracking" (what the providers hold
// for it, each with its state) and "changed_externally" (true when any of them was changed outside Slotwise). The
// answers of booking and rescheduling (stored for idempotent replays) leave both out: they describe the commit.
nlohmann::json InterviewView(const Interview& interview, const std::vector<BookedObject>* tracking = nullptr);
nlohmann::json HistoryView(const std::vector<HistoryEntry>& entries);

// A refusal's members inside the error object: "conflicts" [{resource, interview_id, start, end}] for slot_taken,
// "violations" and "warnings" [{code, message, sub?}] otherwise.
nlohmann::json RefusalDetails(const BookingRefusal& refusal);
// Writes a refusal as docs/ENGINE.md's error object with RefusalDetails; `outer` members go beside "error".
void SendRefusal(httplib::Response& res, const BookingRefusal& refusal, const nlohmann::json& outer = nullptr);

// Writes a booking outcome: the interview (201 with Location when created, else 200), the refusal, or the error
// (with Retry-After: 1 for idempotency_in_flight); a replayed outcome carries Idempotency-Replayed: true.
void SendOutcome(httplib::Response& res, const BookingOutcome& outcome);

}  // namespace slotwise
