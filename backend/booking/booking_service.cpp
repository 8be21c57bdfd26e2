// booking_service.cpp — see booking_service.h.
//
// [SECTION] refusals
// [SECTION] idempotency
// [SECTION] resolving and validating a booking
// [SECTION] operations
#include "booking/booking_service.h"

#include <algorithm>
#include <limits>

#include "booking/booking_request.h"
#include "booking/candidate_text.h"
#include "booking/change_assessment.h"
#include "booking/crash_points.h"
#include "booking/external_change_policy.h"
#include "crypto/crypto_primitives.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/interview_json.h"

namespace slotwise {

using nlohmann::json;

namespace {

// [SECTION] refusals

BookingOutcome Failed(Error error) { return BookingOutcome{std::move(error)}; }

BookingOutcome NoInterview(const std::string& interview_id) {
  return Failed(Error{codes::kNotFound, "no interview " + interview_id, "id"});
}

bool ValidKey(const std::string& key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

BookingRefusal SlotTaken(std::vector<Hold> conflicts) {
  const std::string& resource = conflicts.front().resource;
  BookingRefusal refusal;
  refusal.code = codes::kSlotTaken;
  refusal.message = "another interview already holds " + resource.substr(resource.find(':') + 1) + " at that time";
  refusal.conflicts = std::move(conflicts);
  return refusal;
}

bool IsOccupancyViolation(const std::string& code) {
  static const std::vector<std::string> kOccupancy = {"busy", "buffer", "room_busy", "host_busy", "load_limit",
                                                      "group_short", "rooms_short", "hosts_short"};
  return std::find(kOccupancy.begin(), kOccupancy.end(), code) != kOccupancy.end();
}

BookingRefusal EngineRefusal(BookingCheck check) {
  const bool occupancy = std::all_of(check.violations.begin(), check.violations.end(),
                                     [](const Violation& violation) { return IsOccupancyViolation(violation.code); });
  BookingRefusal refusal;
  refusal.code = occupancy ? codes::kSlotUnavailable : codes::kBookingInvalid;
  refusal.message = check.violations.empty() || check.violations.front().message.empty()
                        ? "the booking is not valid"
                        : check.violations.front().message;
  refusal.violations = std::move(check.violations);
  refusal.warnings = std::move(check.warnings);
  return refusal;
}

std::string NewInterviewId() { return "iv_" + crypto::HexEncode(crypto::RandomBytes(10)); }

Interval HeldWindow(const InterviewSpec& spec) { return {spec.start - spec.buffer_before, spec.end + spec.buffer_after}; }

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

BookingOutcome BookingService::WithIdempotency(const std::string& tenant_id, const std::string& key,
                                               const std::string& operation, const std::string& fingerprint,
                                               const std::function<BookingOutcome(bool& stored)>& work) {
  if (key.empty()) {
    bool stored = false;
    return work(stored);
  }
  IdempotencyRequest request{tenant_id, key, operation, fingerprint, 0};
  const auto deadline = std::chrono::steady_clock::now() + kInFlightWait;
  while (true) {
    request.now = clock_();
    Result<IdempotencyClaim> claim = interviews_.ClaimIdempotencyKey(request);
    if (!claim) return Failed(claim.error());
    if (claim->outcome == ClaimOutcome::kReplay) {
      Result<BookingOutcome> replay = FromStored(claim->stored);
      return replay ? std::move(replay).value() : Failed(replay.error());
    }
    if (claim->outcome == ClaimOutcome::kMismatch) {
      return Failed(Error{codes::kIdempotencyKeyReused,
                          "this Idempotency-Key was already used with a different request; use a new key for a new "
                          "request",
                          "Idempotency-Key"});
    }
    if (claim->outcome == ClaimOutcome::kClaimed) {
      CrashPoint("claimed");
      break;
    }
    // In flight: wait for the first request to finish, then answer its outcome.
    std::unique_lock lock(finished_mutex_);
    const auto wake = std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
    if (finished_.wait_until(lock, wake) == std::cv_status::timeout && std::chrono::steady_clock::now() >= deadline) {
      return Failed(Error{codes::kIdempotencyInFlight,
                          "a request with this Idempotency-Key is still being processed; retry shortly",
                          "Idempotency-Key"});
    }
  }
  bool stored = false;  // set by `work` when its commit already stored the outcome
  BookingOutcome outcome = work(stored);
  if (!stored) {
    const Error* error = outcome.error();
    if (error && IsServerFault(KindOf(error->code))) {
      interviews_.ReleaseIdempotencyKey(tenant_id, key);
    } else {
      interviews_.StoreIdempotentResponse(tenant_id, key, ToStored(outcome));
    }
  }
  finished_.notify_all();
  return outcome;
}

// [SECTION] resolving and validating a booking

Result<std::string> BookingService::Resolve(const std::string& tenant_id, InterviewSpec& spec) {
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kNotFound, "unknown tenant " + tenant_id, ""};
  Result<std::optional<Person>> organizer = directory_.GetPerson(tenant_id, spec.organizer);
  if (!organizer) return organizer.error();
  if (!organizer->has_value()) {
    return Error{codes::kInvalidRequest, spec.organizer + " is not a person of this tenant", "organizer"};
  }
  const std::vector<std::string>& roles = (*organizer)->roles;
  if (std::find(roles.begin(), roles.end(), "recruiter") == roles.end()) {
    return Error{codes::kInvalidRequest, spec.organizer + " is not a recruiter and cannot organise interviews",
                 "organizer"};
  }
  // Meet and Teams links are made on the organiser's own event: only their calendar system can make them.
  const std::string system =
      (*organizer)->calendar_provider.empty() ? (*tenant)->calendar_provider : (*organizer)->calendar_provider;
  if ((spec.video == "google_meet" && system == "microsoft") || (spec.video == "teams" && system == "google")) {
    const bool meet = spec.video == "google_meet";
    return Error{codes::kInvalidRequest,
                 std::string(meet ? "a Google Meet link" : "a Teams meeting") + " is made on the organiser's event, and " +
                     spec.organizer + "'s calendar is " + (meet ? "Microsoft 365" : "Google") + ": choose " +
                     (meet ? "Teams" : "Google Meet") + ", Zoom or GoTo, or an organiser whose calendar is " +
                     (meet ? "Google" : "Microsoft 365"),
                 "conferencing.provider"};
  }
  std::string default_zone = (*organizer)->time_zone.empty() ? (*tenant)->time_zone : (*organizer)->time_zone;
  if (spec.time_zone.empty() || spec.time_zone == "UTC") spec.time_zone = default_zone;
  for (const auto* list : {&spec.interviewers, &spec.observers}) {
    for (const std::string& email : *list) {
      Result<std::optional<Person>> person = directory_.GetPerson(tenant_id, email);
      if (!person) return person.error();
      if (!person->has_value()) {
        return Error{codes::kUnknownParticipant, email + " is not a person of this tenant",
                     list == &spec.interviewers ? "interviewers" : "observers"};
      }
    }
  }
  if (!spec.room.empty()) {
    Result<std::optional<Room>> room = directory_.GetRoom(tenant_id, spec.room);
    if (!room) return room.error();
    if (!room->has_value()) {
      return Error{codes::kInvalidRequest, spec.room + " is not a room of this tenant", "room"};
    }
    if ((*room)->retired_at != 0) {
      return Error{codes::kRoomRetired,
                   spec.room + " is no longer in the organisation's directory (retired " +
                       FormatRfc3339((*room)->retired_at) + "): choose another room",
                   "room"};
    }
  }
  if (!spec.host_account.empty()) {
    Result<std::optional<HostAccount>> host = directory_.GetHostAccount(tenant_id, spec.host_account);
    if (!host) return host.error();
    if (!host->has_value()) {
      return Error{codes::kInvalidRequest, spec.host_account + " is not a linked host account of this tenant",
                   "conferencing.host"};
    }
    if ((spec.video == "zoom" || spec.video == "goto") && (*host)->connection_id.empty()) {
      return Error{codes::kInvalidRequest,
                   spec.host_account + " has no " + spec.video + " connection: its owner must connect the account first",
                   "conferencing.host"};
    }
  }
  if (spec.candidate.time_zone.empty()) spec.candidate.time_zone = (*tenant)->time_zone;
  if (spec.candidate.locale.empty()) spec.candidate.locale = (*tenant)->locale;
  if (!zones_.Find(spec.candidate.time_zone)) {
    return Error{codes::kUnknownTimeZone, "unknown time zone " + spec.candidate.time_zone, "candidate.time_zone"};
  }
  return default_zone;
}

Result<std::optional<BookingRefusal>> BookingService::Refusal(const std::string& tenant_id, const InterviewSpec& spec,
                                                              const json& rules, const std::string& default_zone,
                                                              const std::string& except_interview_id) {
  // Another Slotwise interview in the way is the usual reason under concurrency: cheap to ask first, and precise.
  auto held = [&]() -> Result<std::vector<Hold>> {
    return interviews_.ActiveHolds(tenant_id, HeldResources(spec), HeldWindow(spec), except_interview_id);
  };
  Result<std::vector<Hold>> early = held();
  if (!early) return early.error();
  if (!early->empty()) return std::optional<BookingRefusal>(SlotTaken(std::move(early).value()));
  Result<json> document = documents_(tenant_id, ValidationQuery(spec, rules, default_zone), EngineBooking(spec),
                                     clock_(), except_interview_id);
  if (!document) return document.error();
  Result<BookingCheck> check = ValidateDocument(*document, zones_);
  if (!check) return check.error();
  if (check->valid()) return std::optional<BookingRefusal>();
  Result<std::vector<Hold>> late = held();  // an interview booked while the engine was asked
  if (late && !late->empty()) return std::optional<BookingRefusal>(SlotTaken(std::move(late).value()));
  return std::optional<BookingRefusal>(EngineRefusal(std::move(check).value()));
}

// [SECTION] operations

Result<Bookability> BookingService::Check(const std::string& tenant_id, const json& body,
                                          const std::string& except_interview_id) {
  Result<BookingRequest> request = ParseBookingRequest(body);
  if (!request) return request.error();
  InterviewSpec spec = request->spec;
  Result<std::string> default_zone = Resolve(tenant_id, spec);
  if (!default_zone) return default_zone.error();
  Result<std::optional<BookingRefusal>> refusal =
      Refusal(tenant_id, spec, request->query_rules, *default_zone, except_interview_id);
  if (!refusal) return refusal.error();
  return Bookability{std::move(refusal).value()};
}

BookingOutcome BookingService::Book(const std::string& tenant_id, const std::string& idempotency_key,
                                    const json& body, const std::string& except_held_by) {
  if (!ValidKey(idempotency_key)) {
    return Failed(Error{codes::kIdempotencyKeyRequired,
                        "send an Idempotency-Key header (1-255 visible ASCII characters) so a retried booking is not "
                        "booked twice",
                        "Idempotency-Key"});
  }
  Result<BookingRequest> request = ParseBookingRequest(body);
  if (!request) return Failed(request.error());
  const std::string operation = "POST /v1/interviews";
  return WithIdempotency(tenant_id, idempotency_key, operation, RequestFingerprint(body),
                         [&](bool& stored) -> BookingOutcome {
    InterviewSpec spec = request->spec;
    Result<std::string> default_zone = Resolve(tenant_id, spec);
    if (!default_zone) return Failed(default_zone.error());
    Result<std::optional<BookingRefusal>> refusal =
        Refusal(tenant_id, spec, request->query_rules, *default_zone, except_held_by);
    if (!refusal) return Failed(refusal.error());
    if (refusal->has_value()) return BookingOutcome{std::move(**refusal)};
    const std::int64_t now = clock_();
    Interview interview;
    interview.id = NewInterviewId();
    interview.tenant_id = tenant_id;
    interview.spec = spec;
    interview.created_at = now;
    interview.updated_at = now;
    BookingOutcome created{interview, /*created=*/true};
    IdempotencyRequest key{tenant_id, idempotency_key, operation, "", now};
    Result<CommitOutcome> committed =
        interviews_.CommitBooking(interview, HeldResources(spec), now, key, ToStored(created));
    if (!committed) return Failed(committed.error());
    if (!committed->committed) return BookingOutcome{SlotTaken(std::move(committed->conflicts))};
    stored = true;
    CrashPoint("commit");
    if (outbox_wake_) outbox_wake_();
    return created;
  });
}

BookingOutcome BookingService::Reschedule(const std::string& tenant_id, const std::string& interview_id,
                                          const std::string& idempotency_key, const json& patch) {
  if (!idempotency_key.empty() && !ValidKey(idempotency_key)) {
    return Failed(Error{codes::kInvalidParameter, "Idempotency-Key must be 1-255 visible ASCII characters",
                        "Idempotency-Key"});
  }
  return WithIdempotency(tenant_id, idempotency_key, "PATCH /v1/interviews/" + interview_id, RequestFingerprint(patch),
                         [&](bool&) -> BookingOutcome {
    Result<std::optional<Interview>> current = interviews_.GetInterview(tenant_id, interview_id);
    if (!current) return Failed(current.error());
    if (!current->has_value()) return NoInterview(interview_id);
    Interview interview = std::move(**current);
    if (interview.status == InterviewStatus::kCancelled || interview.status == InterviewStatus::kFailed) {
      return Failed(Error{codes::kInterviewNotActive,
                          "the interview is " + std::string(InterviewStatusName(interview.status)) + " and cannot change",
                          ""});
    }
    if (patch.contains("conferencing")) {
      return Failed(Error{codes::kInvalidRequest, "the video meeting cannot be changed; cancel and book again",
                          "conferencing"});
    }
    Result<BookingRequest> request = ApplyBookingPatch(interview.spec, patch);
    if (!request) return Failed(request.error());
    InterviewSpec spec = request->spec;
    Result<std::string> default_zone = Resolve(tenant_id, spec);
    if (!default_zone) return Failed(default_zone.error());
    Result<std::optional<BookingRefusal>> refusal =
        Refusal(tenant_id, spec, request->query_rules, *default_zone, interview.id);
    if (!refusal) return Failed(refusal.error());
    if (refusal->has_value()) return BookingOutcome{std::move(**refusal)};
    const json before = {{"start", FormatRfc3339(interview.spec.start)}, {"end", FormatRfc3339(interview.spec.end)}};
    interview.spec = spec;
    const json detail = {{"from", before},
                         {"to", {{"start", FormatRfc3339(spec.start)}, {"end", FormatRfc3339(spec.end)}}},
                         {"changed", patch}};
    Result<CommitOutcome> committed =
        interviews_.CommitReschedule(interview, HeldResources(spec), clock_(), detail.dump());
    if (!committed) {
      if (committed.error().code != codes::kNotFound) return Failed(committed.error());
      return Failed(Error{codes::kInterviewNotActive, "the interview changed meanwhile and cannot be moved", ""});
    }
    if (!committed->committed) return BookingOutcome{SlotTaken(std::move(committed->conflicts))};
    if (outbox_wake_) outbox_wake_();
    Result<std::optional<Interview>> updated = interviews_.GetInterview(tenant_id, interview_id);
    if (!updated || !updated->has_value()) {
      return Failed(Error{codes::kStorageError, "the interview could not be read back", ""});
    }
    return BookingOutcome{std::move(**updated)};
  });
}

BookingOutcome BookingService::Cancel(const std::string& tenant_id, const std::string& interview_id,
                                      const std::string& idempotency_key, const json& body) {
  const json reason = body.is_object() ? body.value("reason", json("")) : json();
  if (!reason.is_string() || reason.get_ref<const std::string&>().size() > 2000) {
    return Failed(Error{codes::kInvalidRequest, "reason must be a string of at most 2000 bytes", "reason"});
  }
  std::optional<std::string> candidate_message;
  if (body.is_object() && body.contains("candidate_message")) {
    const json& text = body.at("candidate_message");
    if (!text.is_string() || text.get_ref<const std::string&>().size() > 2000) {
      return Failed(Error{codes::kInvalidRequest, "candidate_message must be a string of at most 2000 bytes", "candidate_message"});
    }
    candidate_message = text.get<std::string>();
  }
  return WithIdempotency(tenant_id, idempotency_key, "DELETE /v1/interviews/" + interview_id, RequestFingerprint(body),
                         [&](bool&) -> BookingOutcome {
    if (candidate_message) {  // the same template rules as at booking: checked before anything changes
      Result<std::optional<Interview>> existing = interviews_.GetInterview(tenant_id, interview_id);
      if (existing && existing->has_value()) {
        const std::string& video = (*existing)->spec.video;
        if (Result<bool> checked = CheckCandidateText(*candidate_message, !video.empty() && video != "none"); !checked) {
          return Failed(checked.error());
        }
      }
    }
    Result<Interview> cancelled =
        interviews_.CommitCancel(tenant_id, interview_id, clock_(), reason.get<std::string>(), candidate_message);
    if (!cancelled) {
      if (cancelled.error().code != codes::kNotFound) return Failed(cancelled.error());
      Result<std::optional<Interview>> existing = interviews_.GetInterview(tenant_id, interview_id);
      if (existing && existing->has_value()) {
        return Failed(Error{codes::kInterviewNotActive,
                            "the interview is already " + std::string(InterviewStatusName((*existing)->status)), ""});
      }
      return NoInterview(interview_id);
    }
    if (outbox_wake_) outbox_wake_();
    return BookingOutcome{std::move(cancelled).value()};
  });
}

namespace {

// The flagged object to resolve, the most severe (FlagSeverity); nullopt when none is flagged.
std::optional<BookedObject> MostSevereFlag(const std::vector<BookedObject>& objects) {
  std::optional<BookedObject> chosen;
  for (const BookedObject& object : objects) {
    if (FlagSeverity(object.flag) > 0 && (!chosen || FlagSeverity(object.flag) > FlagSeverity(chosen->flag))) {
      chosen = object;
    }
  }
  return chosen;
}

}  // namespace

BookingOutcome BookingService::ResolveExternalChange(const std::string& tenant_id, const std::string& interview_id,
                                                     const std::string& idempotency_key, const json& body) {
  const std::string action = body.is_object() && body.value("action", json()).is_string() ? body.value("action", "") : "";
  if (action != "accept" && action != "restore") {
    return Failed(Error{codes::kInvalidRequest, "action must be \"accept\" or \"restore\"", "action"});
  }
  return WithIdempotency(tenant_id, idempotency_key, "POST /v1/interviews/" + interview_id + "/external_change",
                         RequestFingerprint(body), [&](bool&) -> BookingOutcome {
    return ApplyExternalChangeAction(tenant_id, interview_id, action, "request");
  });
}

std::optional<BookingOutcome> BookingService::ApplyExternalChangePolicy(const std::string& tenant_id,
                                                                        const std::string& interview_id) {
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return Failed(tenant.error());
  if (!tenant->has_value()) return std::nullopt;
  // The stored policies were checked when saved; a policy that no longer parses asks (changes nothing).
  Result<ExternalChangePolicy> policy = ParseExternalChangePolicy(slotwise::ParseJson((*tenant)->policies_json));
  if (!policy) return std::nullopt;
  Result<std::vector<BookedObject>> objects = interviews_.BookedObjectsOf(interview_id);
  if (!objects) return Failed(objects.error());
  const std::optional<BookedObject> flagged = MostSevereFlag(*objects);
  if (!flagged) return std::nullopt;
  const std::string& action = policy->ActionFor(flagged->flag);
  if (action == "ask") return std::nullopt;
  return ApplyExternalChangeAction(tenant_id, interview_id, action, "policy");
}

BookingOutcome BookingService::ApplyExternalChangeAction(const std::string& tenant_id, const std::string& interview_id,
                                                         const std::string& action, const std::string& decided_by) {
  Result<std::optional<Interview>> current = interviews_.GetInterview(tenant_id, interview_id);
  if (!current) return Failed(current.error());
  if (!current->has_value()) return NoInterview(interview_id);
  Interview interview = std::move(**current);
  if (interview.status != InterviewStatus::kConfirmed) {
    return Failed(Error{codes::kInterviewNotActive,
                        "the interview is " + std::string(InterviewStatusName(interview.status)) +
                            "; only a confirmed interview's external changes can be resolved",
                        ""});
  }
  Result<std::vector<BookedObject>> objects = interviews_.BookedObjectsOf(interview_id);
  if (!objects) return Failed(objects.error());
  const std::optional<BookedObject> flagged = MostSevereFlag(*objects);
  if (!flagged) return Failed(Error{codes::kNoExternalChange, "nothing of this interview was changed outside Slotwise", ""});
  json external_change = {{"action", action}, {"decided_by", decided_by}, {"object", flagged->object},
                          {"flag", flagged->flag}, {"detail", flagged->detail}};
  if (!flagged->attendees.empty()) external_change["attendees"] = AttendeeChangeToJson(flagged->attendees);
  if (flagged->flag == kFlagDeletedExternally) {
    if (action == "restore") {
      return Failed(Error{codes::kNoExternalChange,
                          "a deleted " + flagged->object + " cannot be restored: accept (cancels) or book again", "action"});
    }
    Result<Interview> cancelled = interviews_.CommitCancel(tenant_id, interview_id, clock_(), "", std::nullopt);
    if (!cancelled) return Failed(cancelled.error());
    if (outbox_wake_) outbox_wake_();
    return BookingOutcome{std::move(cancelled).value()};
  }
  if (action == "restore" && flagged->flag == kFlagAttendeesChanged && flagged->attendees.removed.empty() &&
      flagged->attendees.added.empty()) {
    return Failed(Error{codes::kNoExternalChange,
                        "Slotwise cannot undo a declined invitation (" + JoinedEmails(flagged->attendees.declined) +
                            "): accept takes them off the interview; or ask them to accept again",
                        "action"});
  }
  if (action == "restore") {
    Result<Interview> restored =
        interviews_.CommitRestore(tenant_id, interview_id, clock_(), json{{"external_change", external_change}}.dump());
    if (!restored) return Failed(restored.error());
    if (outbox_wake_) outbox_wake_();
    return BookingOutcome{std::move(restored).value()};
  }
  InterviewSpec spec = interview.spec;
  if (flagged->flag == kFlagMovedExternally) {
    if (flagged->observed_end <= flagged->observed_start) {
      return Failed(Error{codes::kNoExternalChange,
                          "the " + flagged->object + " has no time any more (an all-day event): reschedule it instead",
                          "action"});
    }
    spec.start = flagged->observed_start;
    spec.end = flagged->observed_end;
  } else if (flagged->flag == kFlagAttendeesChanged) {  // the people as the event has them now
    spec = WithAttendeeChange(spec, flagged->attendees);
    if (spec.interviewers.empty()) {
      return Failed(Error{codes::kNoExternalChange,
                          "accepting would leave the interview without an interviewer: restore it, or cancel it",
                          "action"});
    }
  } else {  // room_declined: keep the interview without the room
    spec.room.clear();
  }
  json detail = {{"from", {{"start", FormatRfc3339(interview.spec.start)}, {"end", FormatRfc3339(interview.spec.end)}}},
                 {"to", {{"start", FormatRfc3339(spec.start)}, {"end", FormatRfc3339(spec.end)}}},
                 {"external_change", external_change}};
  if (flagged->flag == kFlagAttendeesChanged) {
    detail["interviewers"] = {{"from", interview.spec.interviewers}, {"to", spec.interviewers}};
    detail["observers"] = {{"from", interview.spec.observers}, {"to", spec.observers}};
  }
  interview.spec = spec;
  Result<CommitOutcome> committed = interviews_.CommitReschedule(interview, HeldResources(spec), clock_(), detail.dump());
  if (!committed) return Failed(committed.error());
  if (!committed->committed) return BookingOutcome{SlotTaken(std::move(committed->conflicts))};
  if (outbox_wake_) outbox_wake_();
  Result<std::optional<Interview>> updated = interviews_.GetInterview(tenant_id, interview_id);
  if (!updated || !updated->has_value()) {
    return Failed(Error{codes::kStorageError,
                        "the interview could not be read back after accepting the " + flagged->object + "'s change", ""});
  }
  return BookingOutcome{std::move(**updated)};
}

Result<Interview> BookingService::Get(const std::string& tenant_id, const std::string& interview_id) {
  Result<std::optional<Interview>> interview = interviews_.GetInterview(tenant_id, interview_id);
  if (!interview) return interview.error();
  if (!interview->has_value()) return Error{codes::kNotFound, "no interview " + interview_id, "id"};
  return std::move(**interview);
}

Result<std::vector<Interview>> BookingService::List(const std::string& tenant_id, std::optional<Instant> from,
                                                    std::optional<Instant> to, int limit,
                                                    const std::optional<InterviewPosition>& after) {
  return interviews_.ListInterviews(tenant_id, from.value_or(0), to.value_or(std::numeric_limits<Instant>::max()),
                                    limit, after);
}

Result<std::vector<HistoryEntry>> BookingService::History(const std::string& tenant_id,
                                                          const std::string& interview_id) {
  Result<Interview> interview = Get(tenant_id, interview_id);
  if (!interview) return interview.error();
  return interviews_.History(interview_id);
}

Result<std::vector<BookedObject>> BookingService::Tracking(const std::string& tenant_id,
                                                           const std::string& interview_id) {
  Result<Interview> interview = Get(tenant_id, interview_id);
  if (!interview) return interview.error();
  return interviews_.BookedObjectsOf(interview_id);
}

}  // namespace slotwise
