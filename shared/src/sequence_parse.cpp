// sequence_parse.cpp — the "sequence" query (interview loops) -> LoopProblem (see sequence.h, docs/ENGINE.md
// "Interview loops"). The document's calendars and query-level settings are parsed by ParseAvailabilityDocument; this
// file adds the stages with the same field readers (availability_parse_internal.h).
#include <algorithm>
#include <set>

#include "slotwise/error_codes.h"
#include "slotwise/sequence.h"

#include "availability_parse_internal.h"
#include "query_keys.h"

namespace slotwise {

namespace {

using nlohmann::json;
using parse_internal::MemberOf;

Error Invalid(const std::string& field, const std::string& message) {
  return {codes::kInvalidQuery, message, field};
}

// buffer.before {"minimum"?, "maximum"?} of one stage -> (gap_min, gap_max).
Result<bool> ParseGap(const json& stage, const std::string& path, SequenceStage& out) {
  const json* buffer = MemberOf(stage, "buffer");
  if (buffer == nullptr) return true;
  const std::string buffer_path = path + ".buffer";
  if (!buffer->is_object()) return Invalid(buffer_path, buffer_path + " must be an object");
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(*buffer, query_keys::kStageBuffer, buffer_path)) {
    return *unknown;
  }
  const json* before = MemberOf(*buffer, "before");
  if (before == nullptr) return true;
  const std::string before_path = buffer_path + ".before";
  if (!before->is_object()) return Invalid(before_path, before_path + " must be an object {\"minimum\", \"maximum\"}");
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(*before, query_keys::kGap, before_path)) return *unknown;
  Result<Duration> minimum = parse_internal::MinutesAt(*before, "minimum", before_path, 0, kMaxGapMinutes, 0);
  if (!minimum) return minimum.error();
  out.gap_min = *minimum;
  if (MemberOf(*before, "maximum") != nullptr) {
    Result<Duration> maximum = parse_internal::MinutesAt(*before, "maximum", before_path, 0, kMaxGapMinutes, 0);
    if (!maximum) return maximum.error();
    if (*maximum < *minimum) {
      return Invalid(before_path + ".maximum", before_path + ".maximum must not be less than the minimum");
    }
    out.gap_max = *maximum;
  }
  return true;
}

Result<SequenceStage> ParseStage(const json& value, const std::string& path, std::size_t position,
                                 const parse_internal::SubIndex& index, std::size_t& members_total) {
  if (!value.is_object()) return Invalid(path, path + " must be an object");
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kStage, path)) return *unknown;
  SequenceStage stage;
  const json* id = MemberOf(value, "sequence_id");
  if (id == nullptr || !id->is_string() || id->get_ref<const std::string&>().empty()) {
    return Invalid(path + ".sequence_id", path + ".sequence_id must be a non-empty string");
  }
  stage.sequence_id = id->get<std::string>();
  stage.ordinal = static_cast<std::int64_t>(position) + 1;
  if (const json* ordinal = MemberOf(value, "ordinal")) {
    Result<std::int64_t> number = parse_internal::IntegerAt(*ordinal, path + ".ordinal", 1, 1000);
    if (!number) return number.error();
    stage.ordinal = *number;
  }
  const std::string participants_path = path + ".participants";
  const json* participants = MemberOf(value, "participants");
  if (participants == nullptr) return Invalid(participants_path, participants_path + " is required");
  if (!participants->is_array() || participants->empty() || participants->size() > kMaxGroups) {
    return Invalid(participants_path,
                   participants_path + " must be an array of 1.." + std::to_string(kMaxGroups) + " groups");
  }
  for (std::size_t i = 0; i < participants->size(); ++i) {
    const std::string group_path = participants_path + "[" + std::to_string(i) + "]";
    Result<ParticipantGroup> group = parse_internal::ParseGroupAt((*participants)[i], group_path, index, members_total);
    if (!group) return group.error();
    stage.groups.push_back(std::move(group).value());
  }
  Result<Duration> duration =
      parse_internal::MinutesAt(value, "required_duration", path, 1, kMaxDurationMinutes, std::nullopt);
  if (!duration) return duration.error();
  stage.duration = *duration;
  if (Result<bool> gap = ParseGap(value, path, stage); !gap) return gap.error();
  if (const json* rooms = MemberOf(value, "rooms")) {
    Result<RoomRequest> parsed = parse_internal::ParseRoomsAt(*rooms, path + ".rooms", index, members_total);
    if (!parsed) return parsed.error();
    stage.rooms = std::move(parsed).value();
  }
  return stage;
}

// Query-level members that mean nothing for a loop are refused rather than silently ignored.
Result<bool> RefuseSingleSlotOnly(const json& query, const AvailabilityQuery& q) {
  if (MemberOf(query, "rooms") != nullptr) {
    return Invalid("query.rooms", "with \"sequence\", rooms go in each stage's \"rooms\" or in \"loop_room\"");
  }
  if (q.response_format != ResponseFormat::kSlots) {
    return Invalid("query.response_format", "with \"sequence\", only \"slots\" answers are available");
  }
  if (q.conferencing) return Invalid("query.conferencing", "conferencing is not supported with \"sequence\" yet");
  if (q.explain) return Invalid("query.explain", "explanations are not supported with \"sequence\" yet");
  return true;
}

}  // namespace

bool HasSequence(const json& document) {
  if (!document.is_object()) return false;
  auto query = document.find("query");
  return query != document.end() && query->is_object() && query->contains("sequence");
}

Result<LoopProblem> ParseLoopDocument(const json& document, ZoneSource& zones) {
  Result<Problem> base = ParseAvailabilityDocument(document, zones);
  if (!base) return base.error();
  LoopProblem problem;
  problem.base = std::move(base).value();
  const json& query = document["query"];
  if (Result<bool> refused = RefuseSingleSlotOnly(query, problem.base.query); !refused) return refused.error();

  parse_internal::SubIndex index;
  for (std::size_t c = 0; c < problem.base.calendars.size(); ++c) index.emplace(problem.base.calendars[c].sub, c);
  std::size_t members_total = 0;
  for (const ParticipantGroup& group : problem.base.query.groups) members_total += group.members.size();

  const json* sequence = MemberOf(query, "sequence");
  const std::string path = "query.sequence";
  if (sequence == nullptr || !sequence->is_array() || sequence->empty() || sequence->size() > kMaxStages) {
    return Invalid(path, path + " must be an array of 1.." + std::to_string(kMaxStages) + " stages");
  }
  std::set<std::int64_t> ordinals;
  for (std::size_t i = 0; i < sequence->size(); ++i) {
    const std::string stage_path = path + "[" + std::to_string(i) + "]";
    Result<SequenceStage> stage = ParseStage((*sequence)[i], stage_path, i, index, members_total);
    if (!stage) return stage.error();
    if (!ordinals.insert(stage->ordinal).second) {
      return Invalid(stage_path + ".ordinal", stage_path + ".ordinal repeats another stage's ordinal");
    }
    problem.stages.push_back(std::move(stage).value());
  }
  std::stable_sort(problem.stages.begin(), problem.stages.end(),
                   [](const SequenceStage& a, const SequenceStage& b) { return a.ordinal < b.ordinal; });

  if (const json* loop_room = MemberOf(query, "loop_room")) {
    for (const SequenceStage& stage : problem.stages) {
      if (stage.rooms) return Invalid("query.loop_room", "query.loop_room cannot be combined with per-stage rooms");
    }
    Result<RoomRequest> parsed = parse_internal::ParseRoomsAt(*loop_room, "query.loop_room", index, members_total);
    if (!parsed) return parsed.error();
    problem.loop_room = std::move(parsed).value();
  }
  return problem;
}

}  // namespace slotwise
