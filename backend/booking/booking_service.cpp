// booking_service.cpp — see booking_service.h.
//
// [SECTION] replies and errors
// [SECTION] idempotency
// [SECTION] resolving and validating a booking
// [SECTION] operations
#include "booking_service.h"

#include <algorithm>

#include "availability_service.h"
#include "booking_request.h"
#include "crash_points.h"
#include "crypto_primitives.h"
#include "http_errors.h"
#include "interview_views.h"
#include "slotwise/engine_api.h"
#include "slotwise/time.h"

namespace slotwise {

using nlohmann::json;

namespace {

// [SECTION] replies and errors

HttpReply Reply(int status, const json& body) { return HttpReply{status, body.dump(), {}}; }

HttpReply ErrorReply(int status, const Error& error) { return Reply(status, ErrorJson(error)); }

HttpReply ErrorReply(int status, const std::string& code, const std::string& message, const std::string& field = "") {
  return ErrorReply(status, Error{code, message, field});
}

// Storage failures are the server's (500); request errors 4xx; gathering errors as the availability API answers them.
int StatusFor(const Error& error) {
  if (error.code == "storage_error") return 500;
  if (error.code == "not_found") return 404;
  if (error.code == "invalid_request" || error.code == "unknown_time_zone") return 422;
  return HttpStatusFor(error);
}

bool ValidKey(const std::string& key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

HttpReply SlotTaken(const std::vector<Hold>& conflicts) {
  json list = json::array();
  for (const Hold& hold : conflicts) {
    list.push_back({{"resource", hold.resource}, {"interview_id", hold.interview_id},
                    {"start", FormatRfc3339(hold.start)}, {"end", FormatRfc3339(hold.end)}});
  }
  json body = ErrorJson(Error{"slot_taken",
                              "another interview already holds " + conflicts.front().resource.substr(
                                  conflicts.front().resource.find(':') + 1) + " at that time",
                              ""});
  body["error"]["conflicts"] = list;
  return Reply(409, body);
}

bool IsOccupancyViolation(const std::string& code) {
  static const std::vector<std::string> kOccupancy = {"busy", "buffer", "room_busy", "host_busy", "load_limit",
                                                      "group_short", "rooms_short", "hosts_short"};
  return std::find(kOccupancy.begin(), kOccupancy.end(), code) != kOccupancy.end();
}

std::string NewInterviewId() { return "iv_" + crypto::HexEncode(crypto::RandomBytes(10)); }

}  // namespace

BookingService::BookingService(DirectoryStore& directory, InterviewStore& interviews, ZoneSource& zones,
                               ValidationDocuments documents, Clock clock, std::function<void()> outbox_wake)
    : directory_(directory),
      interviews_(interviews),
      zones_(zones),
      documents_(std::move(documents)),
      clock_(std::move(clock)),
      outbox_wake_(std::move(outbox_wake)) {}

// [SECTION] idempotency

HttpReply BookingService::WithIdempotency(const std::string& tenant_id, const std::string& key,
                                          const std::string& operation, const std::string& fingerprint,
                                          const std::function<HttpReply(bool& stored)>& work) {
  if (key.empty()) {
    bool stored = false;
    return work(stored);
  }
  IdempotencyRequest request{tenant_id, key, operation, fingerprint, 0};
  const auto deadline = std::chrono::steady_clock::now() + kInFlightWait;
  while (true) {
    request.now = clock_();
    Result<IdempotencyClaim> claim = interviews_.ClaimIdempotencyKey(request);
    if (!claim) return ErrorReply(500, claim.error());
    if (claim->outcome == ClaimOutcome::kReplay) {
      HttpReply replay{claim->status, claim->body, {{"Idempotency-Replayed", "true"}}};
      return replay;
    }
    if (claim->outcome == ClaimOutcome::kMismatch) {
      return ErrorReply(422, "idempotency_key_reused",
                        "this Idempotency-Key was already used with a different request; use a new key for a new "
                        "request",
                        "Idempotency-Key");
    }
    if (claim->outcome == ClaimOutcome::kClaimed) break;
    // In flight: wait for the first request to finish, then answer its response.
    std::unique_lock lock(finished_mutex_);
    if (finished_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(50))) ==
            std::cv_status::timeout &&
        std::chrono::steady_clock::now() >= deadline) {
      HttpReply busy = ErrorReply(409, "idempotency_in_flight",
                                  "a request with this Idempotency-Key is still being processed; retry shortly",
                                  "Idempotency-Key");
      busy.headers.emplace_back("Retry-After", "1");
      return busy;
    }
  }
  bool stored = false;  // set by `work` when its commit already stored the response
  HttpReply reply = work(stored);
  if (!stored) {
    if (reply.status >= 500) {
      interviews_.ReleaseIdempotencyKey(tenant_id, key);
    } else {
      interviews_.StoreIdempotentResponse(tenant_id, key, StoredResponse{reply.status, reply.body});
    }
  }
  finished_.notify_all();
  return reply;
}

// [SECTION] resolving and validating a booking

// Checks that everyone and everything named exists in the tenant's directory and fills defaults.
Result<bool> BookingService::Resolve(const std::string& tenant_id, InterviewSpec& spec, std::string& default_zone) {
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{"not_found", "unknown tenant " + tenant_id, ""};
  Result<std::optional<Person>> organizer = directory_.GetPerson(tenant_id, spec.organizer);
  if (!organizer) return organizer.error();
  if (!organizer->has_value()) {
    return Error{"invalid_request", spec.organizer + " is not a person of this tenant", "organizer"};
  }
  const std::vector<std::string>& roles = (*organizer)->roles;
  if (std::find(roles.begin(), roles.end(), "recruiter") == roles.end()) {
    return Error{"invalid_request", spec.organizer + " is not a recruiter and cannot organise interviews", "organizer"};
  }
  default_zone = (*organizer)->time_zone.empty() ? (*tenant)->time_zone : (*organizer)->time_zone;
  if (spec.time_zone.empty() || spec.time_zone == "UTC") spec.time_zone = default_zone;
  for (const auto* list : {&spec.interviewers, &spec.observers}) {
    for (const std::string& email : *list) {
      Result<std::optional<Person>> person = directory_.GetPerson(tenant_id, email);
      if (!person) return person.error();
      if (!person->has_value()) {
        return Error{"unknown_participant", email + " is not a person of this tenant",
                     list == &spec.interviewers ? "interviewers" : "observers"};
      }
    }
  }
  if (!spec.room.empty()) {
    Result<std::optional<Room>> room = directory_.GetRoom(tenant_id, spec.room);
    if (!room) return room.error();
    if (!room->has_value()) return Error{"invalid_request", spec.room + " is not a room of this tenant", "room"};
  }
  if (!spec.host_account.empty()) {
    Result<std::optional<HostAccount>> host = directory_.GetHostAccount(tenant_id, spec.host_account);
    if (!host) return host.error();
    if (!host->has_value()) {
      return Error{"invalid_request", spec.host_account + " is not a linked host account of this tenant",
                   "conferencing.host"};
    }
    if ((spec.video == "zoom" || spec.video == "goto") && (*host)->connection_id.empty()) {
      return Error{"invalid_request",
                   spec.host_account + " has no " + spec.video + " connection: its owner must connect the account first",
                   "conferencing.host"};
    }
  }
  if (spec.candidate.time_zone.empty()) spec.candidate.time_zone = (*tenant)->time_zone;
  if (spec.candidate.locale.empty()) spec.candidate.locale = (*tenant)->locale;
  if (!zones_.Find(spec.candidate.time_zone)) {
    return Error{"unknown_time_zone", "unknown time zone " + spec.candidate.time_zone, "candidate.time_zone"};
  }
  return true;
}

std::optional<HttpReply> BookingService::Validate(const std::string& tenant_id, const InterviewSpec& spec,
                                                  const json& rules, const std::string& default_zone,
                                                  const std::string& except_interview_id) {
  const std::int64_t now = clock_();
  Result<json> document =
      documents_(tenant_id, ValidationQuery(spec, rules, default_zone), EngineBooking(spec), now, except_interview_id);
  if (!document) return ErrorReply(StatusFor(document.error()), document.error());
  const EngineAnswer answer = CallEngine("validate", document->dump(), zones_);
  if (answer.status == EngineStatus::kInvalidInput) return HttpReply{422, answer.body, {}};
  if (answer.status != EngineStatus::kOk) return HttpReply{500, answer.body, {}};
  const json check = json::parse(answer.body, nullptr, false);
  if (check.is_discarded()) return ErrorReply(500, "internal_error", "the engine answered unreadable JSON");
  if (check.value("valid", false)) return std::nullopt;
  // A Slotwise interview in the way is the usual reason under concurrency: say so precisely.
  Result<std::vector<Hold>> holds = interviews_.ActiveHolds(
      tenant_id, HeldResources(spec), Interval{spec.start - spec.buffer_before, spec.end + spec.buffer_after},
      except_interview_id);
  if (holds && !holds->empty()) return SlotTaken(*holds);
  const json& violations = check.at("violations");
  const bool occupancy = std::all_of(violations.begin(), violations.end(), [](const json& violation) {
    return IsOccupancyViolation(violation.value("code", ""));
  });
  json body = ErrorJson(Error{occupancy ? "slot_unavailable" : "booking_invalid",
                              violations.empty() ? "the booking is not valid"
                                                 : violations.front().value("message", "the booking is not valid"),
                              ""});
  body["error"]["violations"] = violations;
  if (check.contains("warnings")) body["error"]["warnings"] = check.at("warnings");
  return Reply(occupancy ? 409 : 422, body);
}

// [SECTION] operations

HttpReply BookingService::Check(const std::string& tenant_id, const nlohmann::json& body) {
  Result<BookingRequest> request = ParseBookingRequest(body);
  if (!request) return ErrorReply(422, request.error());
  InterviewSpec spec = request->spec;
  std::string default_zone;
  if (Result<bool> resolved = Resolve(tenant_id, spec, default_zone); !resolved) {
    return ErrorReply(StatusFor(resolved.error()), resolved.error());
  }
  const Interval window{spec.start - spec.buffer_before, spec.end + spec.buffer_after};
  Result<std::vector<Hold>> held = interviews_.ActiveHolds(tenant_id, HeldResources(spec), window, "");
  if (!held) return ErrorReply(500, held.error());
  if (!held->empty()) return SlotTaken(*held);
  if (std::optional<HttpReply> refused = Validate(tenant_id, spec, request->query_rules, default_zone, "")) {
    return *refused;
  }
  return Reply(200, json{{"bookable", true}});
}

HttpReply BookingService::Book(const std::string& tenant_id, const std::string& idempotency_key,
                               const std::string& body_text) {
  if (!ValidKey(idempotency_key)) {
    return ErrorReply(400, "idempotency_key_required",
                      "send an Idempotency-Key header (1-255 visible ASCII characters) so a retried booking is not "
                      "booked twice",
                      "Idempotency-Key");
  }
  const json body = json::parse(body_text, nullptr, false);
  if (body.is_discarded()) return ErrorReply(400, "invalid_json", "the request body is not valid JSON");
  Result<BookingRequest> request = ParseBookingRequest(body);
  if (!request) return ErrorReply(422, request.error());
  return WithIdempotency(tenant_id, idempotency_key, "POST /v1/interviews", RequestFingerprint(body),
                         [&](bool& stored) -> HttpReply {
    InterviewSpec spec = request->spec;
    std::string default_zone;
    if (Result<bool> resolved = Resolve(tenant_id, spec, default_zone); !resolved) {
      return ErrorReply(StatusFor(resolved.error()), resolved.error());
    }
    const Interval window{spec.start - spec.buffer_before, spec.end + spec.buffer_after};
    Result<std::vector<Hold>> early = interviews_.ActiveHolds(tenant_id, HeldResources(spec), window, "");
    if (!early) return ErrorReply(500, early.error());
    if (!early->empty()) return SlotTaken(*early);
    if (std::optional<HttpReply> refused = Validate(tenant_id, spec, request->query_rules, default_zone, "")) {
      return *refused;
    }
    const std::int64_t now = clock_();
    Interview interview;
    interview.id = NewInterviewId();
    interview.tenant_id = tenant_id;
    interview.spec = spec;
    interview.created_at = now;
    interview.updated_at = now;
    HttpReply created = Reply(201, InterviewView(interview));
    created.headers.emplace_back("Location", "/v1/interviews/" + interview.id);
    IdempotencyRequest key{tenant_id, idempotency_key, "POST /v1/interviews", "", now};
    Result<CommitOutcome> committed =
        interviews_.CommitBooking(interview, HeldResources(spec), now, key, StoredResponse{201, created.body});
    if (!committed) return ErrorReply(500, committed.error());
    if (!committed->committed) return SlotTaken(committed->conflicts);
    stored = true;
    CrashPoint("commit");
    if (outbox_wake_) outbox_wake_();
    return created;
  });
}

HttpReply BookingService::Reschedule(const std::string& tenant_id, const std::string& interview_id,
                                     const std::string& idempotency_key, const std::string& body_text) {
  if (!idempotency_key.empty() && !ValidKey(idempotency_key)) {
    return ErrorReply(400, "invalid_request", "Idempotency-Key must be 1-255 visible ASCII characters", "Idempotency-Key");
  }
  const json body = json::parse(body_text, nullptr, false);
  if (body.is_discarded()) return ErrorReply(400, "invalid_json", "the request body is not valid JSON");
  return WithIdempotency(tenant_id, idempotency_key, "PATCH /v1/interviews/" + interview_id, RequestFingerprint(body),
                         [&](bool&) -> HttpReply {
    Result<std::optional<Interview>> current = interviews_.GetInterview(tenant_id, interview_id);
    if (!current) return ErrorReply(500, current.error());
    if (!current->has_value()) return ErrorReply(404, "not_found", "no interview " + interview_id, "id");
    Interview interview = std::move(**current);
    if (interview.status == InterviewStatus::kCancelled || interview.status == InterviewStatus::kFailed) {
      return ErrorReply(409, "interview_not_active",
                        "the interview is " + std::string(InterviewStatusName(interview.status)) + " and cannot change");
    }
    if (body.contains("conferencing")) {
      return ErrorReply(422, "invalid_request", "the video meeting cannot be changed; cancel and book again",
                        "conferencing");
    }
    Result<BookingRequest> request = ApplyBookingPatch(interview.spec, body);
    if (!request) return ErrorReply(422, request.error());
    InterviewSpec spec = request->spec;
    std::string default_zone;
    if (Result<bool> resolved = Resolve(tenant_id, spec, default_zone); !resolved) {
      return ErrorReply(StatusFor(resolved.error()), resolved.error());
    }
    if (std::optional<HttpReply> refused = Validate(tenant_id, spec, request->query_rules, default_zone, interview.id)) {
      return *refused;
    }
    const json before = {{"start", FormatRfc3339(interview.spec.start)}, {"end", FormatRfc3339(interview.spec.end)}};
    interview.spec = spec;
    const std::int64_t now = clock_();
    const json detail = {{"from", before},
                         {"to", {{"start", FormatRfc3339(spec.start)}, {"end", FormatRfc3339(spec.end)}}},
                         {"changed", body}};
    Result<CommitOutcome> committed = interviews_.CommitReschedule(interview, HeldResources(spec), now, detail.dump());
    if (!committed) {
      return ErrorReply(committed.error().code == "not_found" ? 409 : 500, committed.error());
    }
    if (!committed->committed) return SlotTaken(committed->conflicts);
    if (outbox_wake_) outbox_wake_();
    Result<std::optional<Interview>> updated = interviews_.GetInterview(tenant_id, interview_id);
    if (!updated || !updated->has_value()) return ErrorReply(500, "storage_error", "the interview could not be read back");
    return Reply(200, InterviewView(**updated));
  });
}

HttpReply BookingService::Cancel(const std::string& tenant_id, const std::string& interview_id,
                                 const std::string& idempotency_key, const std::string& body_text) {
  json body = json::object();
  if (!body_text.empty()) {
    body = json::parse(body_text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return ErrorReply(400, "invalid_json", "the request body is not a JSON object");
  }
  const json reason_value = body.value("reason", json(""));
  if (!reason_value.is_string() || reason_value.get<std::string>().size() > 2000) {
    return ErrorReply(422, "invalid_request", "reason must be a string of at most 2000 bytes", "reason");
  }
  return WithIdempotency(tenant_id, idempotency_key, "DELETE /v1/interviews/" + interview_id, RequestFingerprint(body),
                         [&](bool&) -> HttpReply {
    Result<Interview> cancelled = interviews_.CommitCancel(tenant_id, interview_id, clock_(), reason_value.get<std::string>());
    if (!cancelled) {
      if (cancelled.error().code != "not_found") return ErrorReply(500, cancelled.error());
      Result<std::optional<Interview>> existing = interviews_.GetInterview(tenant_id, interview_id);
      if (existing && existing->has_value()) {
        return ErrorReply(409, "interview_not_active",
                          "the interview is already " + std::string(InterviewStatusName((*existing)->status)));
      }
      return ErrorReply(404, "not_found", "no interview " + interview_id, "id");
    }
    if (outbox_wake_) outbox_wake_();
    return Reply(200, InterviewView(*cancelled));
  });
}

HttpReply BookingService::Get(const std::string& tenant_id, const std::string& interview_id) {
  Result<std::optional<Interview>> interview = interviews_.GetInterview(tenant_id, interview_id);
  if (!interview) return ErrorReply(500, interview.error());
  if (!interview->has_value()) return ErrorReply(404, "not_found", "no interview " + interview_id, "id");
  return Reply(200, InterviewView(**interview));
}

HttpReply BookingService::List(const std::string& tenant_id, const std::string& from, const std::string& to) {
  const std::optional<Instant> from_instant = from.empty() ? std::optional<Instant>(0) : ParseRfc3339(from);
  const std::optional<Instant> to_instant =
      to.empty() ? std::optional<Instant>(std::numeric_limits<std::int64_t>::max()) : ParseRfc3339(to);
  if (!from_instant) return ErrorReply(400, "invalid_request", "from must be an RFC 3339 UTC instant", "from");
  if (!to_instant) return ErrorReply(400, "invalid_request", "to must be an RFC 3339 UTC instant", "to");
  Result<std::vector<Interview>> interviews = interviews_.ListInterviews(tenant_id, *from_instant, *to_instant, 500);
  if (!interviews) return ErrorReply(500, interviews.error());
  json list = json::array();
  for (const Interview& interview : *interviews) list.push_back(InterviewView(interview));
  return Reply(200, {{"interviews", list}});
}

HttpReply BookingService::History(const std::string& tenant_id, const std::string& interview_id) {
  Result<std::optional<Interview>> interview = interviews_.GetInterview(tenant_id, interview_id);
  if (!interview) return ErrorReply(500, interview.error());
  if (!interview->has_value()) return ErrorReply(404, "not_found", "no interview " + interview_id, "id");
  Result<std::vector<HistoryEntry>> entries = interviews_.History(interview_id);
  if (!entries) return ErrorReply(500, entries.error());
  return Reply(200, HistoryView(*entries));
}

}  // namespace slotwise
