// query_keys.h — the members each object of the availability query may have: ONE table per object. Every reader of
// the query (availability_parse.cpp, sequence_parse.cpp, host_rules.cpp, and any later reader of the same document)
// refuses a member its object's table does not list, so a field the engine would not honour is never silently
// dropped (docs/ENGINE.md, "Unknown keys"). Internal to shared/src.
//
// Contract: a key missing from a table is refused as invalid_query "<path>.<key>: unknown field" with `field` =
// "<path>.<key>". Adding a field to the query means adding it to its table here (and reading it).
// Calendars, busy events and the document's top level are not checked (the backend and providers add members there).
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"

namespace slotwise::query_keys {

using Keys = std::span<const std::string_view>;

inline constexpr std::array<std::string_view, 20> kQuery = {
    "participants",   "required_duration", "query_periods", "start_interval",   "buffer",   "time_zone",
    "minimum_notice", "response_format",   "max_results",   "tentative_blocks", "rooms",    "conferencing",
    "candidate",      "host_rules",        "ranking",       "explain",          "sequence", "loop_room",
    "unknown_free_busy", "spread"};
inline constexpr std::array<std::string_view, 2> kGroup = {"members", "required"};                  // participants[i]
inline constexpr std::array<std::string_view, 1> kMember = {"sub"};                                 // …members[i]
inline constexpr std::array<std::string_view, 3> kRooms = {"members", "required", "min_capacity"};  // rooms, loop_room
inline constexpr std::array<std::string_view, 3> kConferencing = {"provider", "host", "hosts"};
inline constexpr std::array<std::string_view, 2> kHosts = {"members", "required"};  // conferencing.hosts
inline constexpr std::array<std::string_view, 2> kPeriod = {"start", "end"};        // query_periods[i]
inline constexpr std::array<std::string_view, 1> kMinutes = {"minutes"};            // {"minutes": N}
inline constexpr std::array<std::string_view, 2> kBuffer = {"before", "after"};     // query.buffer
inline constexpr std::array<std::string_view, 5> kCandidate = {"email", "external", "time_zone", "working_hours", "hours"};
inline constexpr std::array<std::string_view, 3> kHostRules = {"host_absent_no_jbh", "waiting_room_overrides_jbh",
                                                               "lobby_blocks_candidate"};
inline constexpr std::array<std::string_view, 6> kStage = {"sequence_id",       "ordinal", "participants",
                                                           "required_duration", "buffer",  "rooms"};  // sequence[i]
inline constexpr std::array<std::string_view, 1> kStageBuffer = {"before"};      // sequence[i].buffer
inline constexpr std::array<std::string_view, 2> kGap = {"minimum", "maximum"};  // ….buffer.before

// The error for the member `key` of the object at `path`.
inline Error UnknownField(const std::string& path, const std::string& key) {
  const std::string field = path.empty() ? key : path + "." + key;
  return Error{codes::kInvalidQuery, field + ": unknown field", field};
}

// The first member of `object` (in the object's key order) that `known` does not list, as UnknownField; nullopt when
// every member is known or `object` is not an object (its own type check reports that).
inline std::optional<Error> RefuseUnknown(const nlohmann::json& object, Keys known, const std::string& path) {
  if (!object.is_object()) return std::nullopt;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(known.begin(), known.end(), std::string_view(it.key())) == known.end()) {
      return UnknownField(path, it.key());
    }
  }
  return std::nullopt;
}

}  // namespace slotwise::query_keys
