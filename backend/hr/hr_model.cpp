// hr_model.cpp — the wire names of hr_model.h's enums.
#include "hr/hr_model.h"

#include <array>
#include <utility>

namespace slotwise::hr {

namespace {

template <class Enum, std::size_t N>
std::optional<Enum> Find(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [value, text] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, text] : table) {
    if (candidate == value) return text;
  }
  return "";
}

constexpr std::array<std::pair<DayPart, std::string_view>, 3> kDayParts = {
    {{DayPart::kFull, "full"}, {DayPart::kMorning, "morning"}, {DayPart::kAfternoon, "afternoon"}}};
constexpr std::array<std::pair<AbsenceStatus, std::string_view>, 4> kStatuses = {
    {{AbsenceStatus::kRequested, "requested"}, {AbsenceStatus::kApproved, "approved"},
     {AbsenceStatus::kRejected, "rejected"}, {AbsenceStatus::kCancelled, "cancelled"}}};
constexpr std::array<std::pair<OrgUnitKind, std::string_view>, 3> kKinds = {
    {{OrgUnitKind::kOffice, "office"}, {OrgUnitKind::kDepartment, "department"}, {OrgUnitKind::kTeam, "team"}}};
constexpr std::array<std::pair<TargetKind, std::string_view>, 2> kTargets = {
    {{TargetKind::kGraphChannel, "graph_channel"}, {TargetKind::kWorkflowWebhook, "workflow_webhook"}}};
constexpr std::array<std::pair<PostState, std::string_view>, 6> kPostStates = {
    {{PostState::kIntent, "intent"}, {PostState::kPosted, "posted"}, {PostState::kEmpty, "empty"},
     {PostState::kRetry, "retry"}, {PostState::kFailed, "failed"}, {PostState::kUncertain, "uncertain"}}};

}  // namespace

std::string_view DayPartName(DayPart part) { return NameOf(kDayParts, part); }
std::optional<DayPart> ParseDayPart(std::string_view name) { return Find(kDayParts, name); }
std::string_view AbsenceStatusName(AbsenceStatus status) { return NameOf(kStatuses, status); }
std::optional<AbsenceStatus> ParseAbsenceStatus(std::string_view name) { return Find(kStatuses, name); }
std::string_view OrgUnitKindName(OrgUnitKind kind) { return NameOf(kKinds, kind); }
std::optional<OrgUnitKind> ParseOrgUnitKind(std::string_view name) { return Find(kKinds, name); }
std::string_view TargetKindName(TargetKind kind) { return NameOf(kTargets, kind); }
std::optional<TargetKind> ParseTargetKind(std::string_view name) { return Find(kTargets, name); }
std::string_view PostStateName(PostState state) { return NameOf(kPostStates, state); }
std::optional<PostState> ParsePostState(std::string_view name) { return Find(kPostStates, name); }

}  // namespace slotwise::hr
