// booking_service.h — booking, rescheduling and cancelling interviews (POST/PATCH/DELETE /v1/interviews…), the part
// that decides; provider work happens afterwards in the outbox (outbox_worker.h).
//
// Contract:
// - Every decision is the engine's: a booking is validated with CallEngine("validate") against fresh free/busy
//   (the validation document comes from `ValidationDocuments`) and Slotwise's own holds.
// - Conflicts with other Slotwise interviews (people, rooms, host accounts) are refused with 409 "slot_taken" by the
//   store's atomic commit, so concurrent requests for the same resource and time book exactly once.
//   Engine violations that are about occupied time (busy, buffer, room_busy, host_busy, load_limit) answer 409
//   "slot_unavailable"; other violations 422 "booking_invalid"; both list the violations.
// - Idempotency-Key (required for POST, optional for PATCH/DELETE; 1–255 visible ASCII characters): the same key
//   with the same body answers the stored response (header Idempotency-Replayed: true); with another body 422
//   "idempotency_key_reused"; while the first request still runs, a repeat waits for it (up to kInFlightWait) and then
//   answers its response — or 409 "idempotency_in_flight" with Retry-After. Responses are kept ≥ 24 h. A request
//   that ends in a server error (5xx) stores nothing, so a retry runs again.
// - Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "directory_store.h"
#include "interview_store.h"
#include "slotwise/time_zone.h"

namespace slotwise {

struct HttpReply {
  int status = 200;
  std::string body;                                          // JSON text
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
};

class BookingService {
 public:
  static constexpr std::chrono::seconds kInFlightWait{10};

  using Clock = std::function<std::int64_t()>;
  // Builds the engine's "validate" document for `tenant_id` from a query and a booking (fresh provider data plus
  // Slotwise's holds except those of `except_interview_id`). Errors carry an HTTP-meaningful code.
  using ValidationDocuments = std::function<Result<nlohmann::json>(
      const std::string& tenant_id, const nlohmann::json& query, const nlohmann::json& booking, std::int64_t now,
      const std::string& except_interview_id)>;

  BookingService(DirectoryStore& directory, InterviewStore& interviews, ZoneSource& zones,
                 ValidationDocuments documents, Clock clock, std::function<void()> outbox_wake);

  HttpReply Book(const std::string& tenant_id, const std::string& idempotency_key, const std::string& body);
  // Book's checks without booking (nothing is written): 200 {"bookable": true}, or the 409/422 Book would answer now.
  HttpReply Check(const std::string& tenant_id, const nlohmann::json& body);
  HttpReply Reschedule(const std::string& tenant_id, const std::string& interview_id,
                       const std::string& idempotency_key, const std::string& body);
  HttpReply Cancel(const std::string& tenant_id, const std::string& interview_id, const std::string& idempotency_key,
                   const std::string& body);
  HttpReply Get(const std::string& tenant_id, const std::string& interview_id);
  HttpReply List(const std::string& tenant_id, const std::string& from, const std::string& to);
  HttpReply History(const std::string& tenant_id, const std::string& interview_id);

 private:
  // Runs `work` under the idempotency rules above for `operation` (a null key runs it plainly).
  HttpReply WithIdempotency(const std::string& tenant_id, const std::string& key, const std::string& operation,
                            const std::string& fingerprint, const std::function<HttpReply(bool& stored)>& work);
  Result<bool> Resolve(const std::string& tenant_id, InterviewSpec& spec, std::string& default_zone);
  std::optional<HttpReply> Validate(const std::string& tenant_id, const InterviewSpec& spec,
                                    const nlohmann::json& rules, const std::string& default_zone,
                                    const std::string& except_interview_id);

  DirectoryStore& directory_;
  InterviewStore& interviews_;
  ZoneSource& zones_;
  ValidationDocuments documents_;
  Clock clock_;
  std::function<void()> outbox_wake_;
  std::mutex finished_mutex_;
  std::condition_variable finished_;  // notified whenever a claimed key completes
};

}  // namespace slotwise
