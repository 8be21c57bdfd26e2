// interview_json.cpp — see interview_json.h.
#include "store/interview_json.h"

#include "slotwise/error_codes.h"

#include <array>

namespace slotwise {

using nlohmann::json;

namespace {
constexpr std::array<std::string_view, 4> kStatusNames = {"pending", "confirmed", "failed", "cancelled"};
constexpr std::array<std::string_view, 6> kKindNames = {"book", "reschedule", "cancel", "message", "hold", "release"};
}  // namespace

std::string_view InterviewStatusName(InterviewStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<InterviewStatus> ParseInterviewStatus(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<InterviewStatus>(i);
  }
  return std::nullopt;
}

std::string_view OutboxKindName(OutboxKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<OutboxKind> ParseOutboxKind(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<OutboxKind>(i);
  }
  return std::nullopt;
}

json CandidateToJson(const InterviewCandidate& candidate) {
  return {{"id", candidate.id},
          {"name", candidate.name},
          {"email", candidate.email},
          {"time_zone", candidate.time_zone},
          {"locale", candidate.locale}};
}

json SpecToJson(const InterviewSpec& spec) {
  return {{"title", spec.title},
          {"organizer", spec.organizer},
          {"start", spec.start},
          {"end", spec.end},
          {"buffer_before", spec.buffer_before},
          {"buffer_after", spec.buffer_after},
          {"interviewers", spec.interviewers},
          {"observers", spec.observers},
          {"room", spec.room},
          {"video", spec.video},
          {"host_account", spec.host_account},
          {"candidate", CandidateToJson(spec.candidate)},
          {"notes", spec.notes},
          {"candidate_message", spec.candidate_message},
          {"time_zone", spec.time_zone}};
}

Result<InterviewSpec> SpecFromJson(const json& value) {
  try {
    InterviewSpec spec;
    spec.title = value.at("title").get<std::string>();
    spec.organizer = value.at("organizer").get<std::string>();
    spec.start = value.at("start").get<std::int64_t>();
    spec.end = value.at("end").get<std::int64_t>();
    spec.buffer_before = value.at("buffer_before").get<std::int64_t>();
    spec.buffer_after = value.at("buffer_after").get<std::int64_t>();
    spec.interviewers = value.at("interviewers").get<std::vector<std::string>>();
    spec.observers = value.at("observers").get<std::vector<std::string>>();
    spec.room = value.at("room").get<std::string>();
    spec.video = value.at("video").get<std::string>();
    spec.host_account = value.at("host_account").get<std::string>();
    const json& candidate = value.at("candidate");
    spec.candidate.id = candidate.at("id").get<std::string>();
    spec.candidate.name = candidate.at("name").get<std::string>();
    spec.candidate.email = candidate.at("email").get<std::string>();
    spec.candidate.time_zone = candidate.at("time_zone").get<std::string>();
    spec.candidate.locale = candidate.at("locale").get<std::string>();
    spec.notes = value.at("notes").get<std::string>();
    spec.candidate_message = value.at("candidate_message").get<std::string>();
    spec.time_zone = value.at("time_zone").get<std::string>();
    return spec;
  } catch (const json::exception& error) {
    return Error{codes::kStorageError, std::string("a stored interview is unreadable: ") + error.what(), ""};
  }
}

json AttendeeChangeToJson(const AttendeeChange& change) {
  return {{"removed", change.removed}, {"added", change.added}, {"declined", change.declined}};
}

Result<AttendeeChange> AttendeeChangeFromJson(const json& value) {
  AttendeeChange change;
  if (value.is_null() || value.is_discarded() || (value.is_string() && value.get<std::string>().empty())) return change;
  try {
    change.removed = value.value("removed", std::vector<std::string>());
    change.added = value.value("added", std::vector<std::string>());
    change.declined = value.value("declined", std::vector<std::string>());
    return change;
  } catch (const json::exception& error) {
    return Error{codes::kStorageError, std::string("a stored attendee change is unreadable: ") + error.what(), ""};
  }
}

json InterviewToJson(const Interview& interview) {
  return {{"id", interview.id},
          {"tenant_id", interview.tenant_id},
          {"status", InterviewStatusName(interview.status)},
          {"failure_reason", interview.failure_reason},
          {"spec", SpecToJson(interview.spec)},
          {"sequence", interview.sequence},
          {"artifacts", interview.artifacts_json},
          {"created_at", interview.created_at},
          {"updated_at", interview.updated_at}};
}

Result<Interview> InterviewFromJson(const json& value) {
  try {
    Interview interview;
    interview.id = value.at("id").get<std::string>();
    interview.tenant_id = value.at("tenant_id").get<std::string>();
    const std::optional<InterviewStatus> status = ParseInterviewStatus(value.at("status").get<std::string>());
    if (!status) return Error{codes::kStorageError, "a stored interview has an unknown status", ""};
    interview.status = *status;
    interview.failure_reason = value.at("failure_reason").get<std::string>();
    Result<InterviewSpec> spec = SpecFromJson(value.at("spec"));
    if (!spec) return spec.error();
    interview.spec = std::move(spec).value();
    interview.sequence = value.at("sequence").get<std::int64_t>();
    interview.artifacts_json = value.at("artifacts").get<std::string>();
    interview.created_at = value.at("created_at").get<std::int64_t>();
    interview.updated_at = value.at("updated_at").get<std::int64_t>();
    return interview;
  } catch (const json::exception& error) {
    return Error{codes::kStorageError, std::string("a stored interview is unreadable: ") + error.what(), ""};
  }
}

}  // namespace slotwise
