// proposal_holds.cpp — see proposal_holds.h.
#include "booking/proposal_holds.h"

#include <nlohmann/json.hpp>

#include "observability/json_log.h"
#include "slotwise/json_input.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr const char* kHoldSummary = "Held: proposed interview time";
constexpr const char* kHoldDescription =
    "Slotwise holds this time while a candidate chooses among the times proposed to them. It is removed when they "
    "choose or when the proposal ends.";

std::string HoldStep(std::size_t n) { return "hold:" + std::to_string(n); }
std::string ReleasedStep(std::size_t n) { return "released:" + std::to_string(n); }

providers::EventSpec HoldSpec(const std::string& proposal_id, std::size_t n, const TentativeHold& hold,
                              const std::string& time_zone) {
  providers::EventSpec spec;
  spec.idempotency_key = "sw-" + proposal_id + "-hold-" + std::to_string(n);
  spec.summary = kHoldSummary;
  spec.description = kHoldDescription;
  spec.start = hold.start;
  spec.end = hold.end;
  spec.time_zone = time_zone.empty() ? "UTC" : time_zone;
  if (!hold.room.empty()) spec.attendees.push_back(providers::Attendee{hold.room, "", false, true});
  spec.send_updates = providers::SendUpdates::kNone;
  spec.tentative = true;
  return spec;
}

std::optional<TentativeHold> HoldFromJson(const json& value) {
  if (!value.is_object()) return std::nullopt;
  TentativeHold hold;
  hold.calendar = value.value("calendar", "");
  hold.room = value.value("room", "");
  hold.start = value.value("start", Instant{0});
  hold.end = value.value("end", Instant{0});
  if (hold.calendar.empty() || hold.end <= hold.start) return std::nullopt;
  return hold;
}

json HoldJson(const TentativeHold& hold) {
  return {{"calendar", hold.calendar}, {"room", hold.room}, {"start", hold.start}, {"end", hold.end}};
}

// A provider answer that no retry will change: the calendar cannot be reached (not connected, consent withdrawn, …).
bool Permanent(const Error& error) { return !IsRetryable(error); }

}  // namespace

std::string HoldJobPayload(const std::vector<TentativeHold>& holds, const std::string& time_zone) {
  json list = json::array();
  for (const TentativeHold& hold : holds) list.push_back(HoldJson(hold));
  return json{{"holds", std::move(list)}, {"time_zone", time_zone}}.dump();
}

JobOutcome ProposalHoldKeeper::Run(const OutboxJob& job, bool last_attempt) {
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(job.tenant_id);
  if (!tenant) return {JobResult::kRetry, tenant.error().message};
  if (!tenant->has_value()) return {JobResult::kFailed, "the tenant " + job.tenant_id + " no longer exists"};
  if (job.kind == OutboxKind::kHold) return Hold(**tenant, job, last_attempt);
  if (job.kind == OutboxKind::kRelease) return Release(**tenant, job);
  return {JobResult::kFailed, "not a hold job"};
}

JobOutcome ProposalHoldKeeper::Hold(const Tenant& tenant, const OutboxJob& job, bool last_attempt) {
  const json payload = slotwise::ParseJson(job.payload_json);
  const json* list = payload.is_object() && payload.contains("holds") ? &payload.at("holds") : nullptr;
  if (list == nullptr || !list->is_array()) return {JobResult::kFailed, "the hold job has no holds"};
  const std::string time_zone = payload.value("time_zone", "UTC");
  const std::string& proposal_id = job.interview_id;
  if (Result<bool> counted = journal_.PutStep(proposal_id, StepRecord{"holds", "done", json{{"count", list->size()}}.dump(), 0}, {});
      !counted) {
    return {JobResult::kRetry, counted.error().message};
  }
  for (std::size_t n = 0; n < list->size(); ++n) {
    std::optional<TentativeHold> hold = HoldFromJson(list->at(n));
    if (!hold) continue;
    Result<std::optional<StepRecord>> record = journal_.GetStep(proposal_id, HoldStep(n));
    if (!record) return {JobResult::kRetry, record.error().message};
    if (record->has_value() && (*record)->state == "done") continue;
    if (Result<bool> noted = journal_.PutStep(proposal_id, StepRecord{HoldStep(n), "started", HoldJson(*hold).dump(), 0}, {});
        !noted) {
      return {JobResult::kRetry, noted.error().message};
    }
    Result<providers::CreatedEvent> created =
        gateway_.CreateEvent(tenant, hold->calendar, HoldSpec(proposal_id, n, *hold, time_zone));
    json done = HoldJson(*hold);
    if (!created && !Permanent(created.error()) && !last_attempt) {
      return {JobResult::kRetry, created.error().code + ": " + created.error().message};
    }
    if (!created) {
      done["error"] = created.error().code + ": " + created.error().message;  // this calendar gets no hold
      observability::LogProblem(observability::LogLevel::kWarning,
                                "proposal " + proposal_id + ": hold " + std::to_string(n) + " not made: " + created.error().code);
    } else {
      done["event_id"] = created->id;
    }
    if (Result<bool> noted = journal_.PutStep(proposal_id, StepRecord{HoldStep(n), "done", done.dump(), 0}, {}); !noted) {
      return {JobResult::kRetry, noted.error().message};
    }
  }
  return {JobResult::kDone, ""};
}

JobOutcome ProposalHoldKeeper::Release(const Tenant& tenant, const OutboxJob& job) {
  const std::string& proposal_id = job.interview_id;
  Result<std::optional<StepRecord>> counted = journal_.GetStep(proposal_id, "holds");
  if (!counted) return {JobResult::kRetry, counted.error().message, true};
  if (!counted->has_value()) return {JobResult::kDone, ""};  // the hold job never began: nothing was made
  const std::size_t count = slotwise::ParseJson((*counted)->data_json).value("count", std::size_t{0});
  for (std::size_t n = 0; n < count; ++n) {
    Result<std::optional<StepRecord>> record = journal_.GetStep(proposal_id, HoldStep(n));
    if (!record) return {JobResult::kRetry, record.error().message, true};
    if (!record->has_value()) continue;
    Result<std::optional<StepRecord>> released = journal_.GetStep(proposal_id, ReleasedStep(n));
    if (!released) return {JobResult::kRetry, released.error().message, true};
    if (released->has_value()) continue;
    const json data = slotwise::ParseJson((*record)->data_json);
    std::optional<TentativeHold> hold = HoldFromJson(data);
    json outcome = json::object();
    if (hold && (*record)->state == "done" && data.contains("event_id")) {
      Result<bool> deleted = gateway_.DeleteEvent(tenant, hold->calendar, data.value("event_id", ""));
      if (!deleted && !Permanent(deleted.error())) {
        return {JobResult::kRetry, deleted.error().code + ": " + deleted.error().message, true};
      }
      if (!deleted) outcome["error"] = deleted.error().code + ": " + deleted.error().message;
    } else if (hold && (*record)->state == "started") {
      // A crash between the provider's answer and the journal: the idempotency key finds the event, if it was made.
      Result<providers::CreatedEvent> found =
          gateway_.CreateEvent(tenant, hold->calendar, HoldSpec(proposal_id, n, *hold, "UTC"));
      Result<bool> deleted = found ? gateway_.DeleteEvent(tenant, hold->calendar, found->id) : Result<bool>(found.error());
      if (!deleted && !Permanent(deleted.error())) {
        return {JobResult::kRetry, deleted.error().code + ": " + deleted.error().message, true};
      }
      if (!deleted) outcome["error"] = deleted.error().code + ": " + deleted.error().message;
    }
    if (Result<bool> noted = journal_.PutStep(proposal_id, StepRecord{ReleasedStep(n), "done", outcome.dump(), 0}, {});
        !noted) {
      return {JobResult::kRetry, noted.error().message, true};
    }
  }
  return {JobResult::kDone, ""};
}

}  // namespace slotwise
