// availability_parse_internal.h — the availability parser's field readers, for other parsers of the same document
// (sequence_parse.cpp). Internal to shared/src; every reader reports errors as availability_parse.cpp does
// (invalid_query / unknown_participant with the JSON path of the offending value).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"

namespace slotwise::parse_internal {

using SubIndex = std::map<std::string, std::size_t, std::less<>>;  // sub -> index into Problem::calendars

const nlohmann::json* MemberOf(const nlohmann::json& object, const char* key);  // nullptr when absent
// A boolean member; `fallback` when absent; invalid_query at "parent.key" when not true/false.
Result<bool> BoolAt(const nlohmann::json& object, const char* key, const std::string& parent, bool fallback);
// {"minutes": N} member with min <= N <= max, in seconds; `fallback` when absent (nullopt: required).
Result<Duration> MinutesAt(const nlohmann::json& object, const char* key, const std::string& parent, std::int64_t min,
                           std::int64_t max, std::optional<Duration> fallback);
Result<std::int64_t> IntegerAt(const nlohmann::json& value, const std::string& path, std::int64_t min,
                               std::int64_t max);
// A participant group {"members", "required"} / a room request {"members", "required"?, "min_capacity"?};
// `members_total` accumulates the members named (limit kMaxMembersTotal).
Result<ParticipantGroup> ParseGroupAt(const nlohmann::json& value, const std::string& path, const SubIndex& calendars,
                                      std::size_t& members_total);
Result<RoomRequest> ParseRoomsAt(const nlohmann::json& value, const std::string& path, const SubIndex& calendars,
                                 std::size_t& members_total);

}  // namespace slotwise::parse_internal
