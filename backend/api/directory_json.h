// directory_json.h — a tenant's directory values (tenant settings, people, rooms, host accounts, candidates) read from
// the JSON bodies of the directory routes and written back as their JSON answers (docs/API_BACKEND.md).
//
// Contract:
// - Each reader checks the body completely before anything is stored: an object of known members only (an unknown
//   member is invalid_request with the member as `field`), each member of its type, stored keys without control
//   characters (stored_fields.h), zones the server knows, working hours as the engine reads them, names that may
//   reach an e-mail header without CR/LF (mail::CheckHeaderInput). Errors name the field.
// - ApplyTenant changes only the members the body gives (PATCH semantics); the ATS webhook's reachability is checked
//   by the route (auth/outbound_policy.h), not here. The other readers build a whole value for the given key.
// - The writers give what the routes answer; a value read back from its own answer (less the members that are not
//   input: "email"/"id" keys, "ats_webhook_secret_set") is the same value (the fuzz target directory_writes checks).
// - Pure functions of their arguments (the ZoneSource must be thread-safe); no I/O.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <type_traits>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "store/tenant_model.h"

namespace slotwise {

// The member readers every directory body uses (also the routes' own small bodies).
namespace body_fields {

// Reads optional `key` of `body` into `out` when present; type errors name the field. An integer field takes only a
// JSON integer within T's range (nlohmann would convert 2.3e120 or 1e10 into an int undefined or wrapped).
template <typename T>
Result<bool> Read(const nlohmann::json& body, const char* key, T& out) {
  if (!body.contains(key) || body.at(key).is_null()) return false;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    const nlohmann::json& value = body.at(key);
    const bool fits = value.is_number_unsigned()
                          ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                          : value.is_number_integer() &&
                                value.get<std::int64_t>() >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
                                value.get<std::int64_t>() <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
    if (!fits) return Error{codes::kInvalidRequest, std::string(key) + " must be a whole number in range", key};
  }
  try {
    out = body.at(key).get<T>();
    return true;
  } catch (const nlohmann::json::exception&) {
    return Error{codes::kInvalidRequest, std::string(key) + " has the wrong type", key};
  }
}

inline Result<bool> CheckKeys(const nlohmann::json& body, std::initializer_list<const char*> known) {
  if (!body.is_object()) return Error{codes::kInvalidRequest, "the body must be a JSON object", ""};
  for (const auto& item : body.items()) {
    const std::string& key = item.key();  // a named reference: clang 14 cannot capture a structured binding
    if (std::none_of(known.begin(), known.end(), [&](const char* name) { return key == name; })) {
      return Error{codes::kInvalidRequest, "unknown field " + key, key};
    }
  }
  return true;
}

}  // namespace body_fields

nlohmann::json TenantJson(const Tenant& tenant);
Result<bool> ApplyTenant(Tenant& tenant, const nlohmann::json& body, ZoneSource& zones);

nlohmann::json PersonJson(const Person& person);
Result<Person> PersonFrom(const std::string& tenant_id, const std::string& email, const nlohmann::json& body,
                          ZoneSource& zones);

// A room's answer also carries what the organisation's directory says of it (source, features, room_list, retired,
// retired_at — output only: RoomFrom refuses them as unknown members).
nlohmann::json RoomJson(const Room& room);
Result<Room> RoomFrom(const std::string& tenant_id, const std::string& email, const nlohmann::json& body);

// GET /v1/rooms's filter (query parameters): building and room_list (ASCII case-insensitive, exact), feature (one
// of the room's features, case-insensitive), min_capacity (1 … 100000; rooms of unknown capacity do not match),
// include_retired ("true" | "false", default false: retired rooms are history, not offered). Anything else in those
// parameters is invalid_request naming it.
struct RoomFilter {
  std::string building, room_list, feature;
  std::int64_t min_capacity = 0;
  bool include_retired = false;
  bool Matches(const Room& room) const;
};
Result<RoomFilter> ReadRoomFilter(const httplib::Request& req);

// GET /v1/directory/rooms/refresh: {"schedule_hours", "last_attempt_at", "last_refreshed_at", "next_attempt_at",
// "outcome", "sources", "rooms", "notes", "error"?} — times RFC 3339 or null; `interval_seconds` 0 = no schedule.
nlohmann::json RoomRefreshJson(const RoomRefresh& refresh, std::int64_t interval_seconds);

nlohmann::json HostJson(const HostAccount& host);
Result<HostAccount> HostFrom(const std::string& tenant_id, const std::string& id, const nlohmann::json& body);

nlohmann::json CandidateJson(const Candidate& candidate);
Result<Candidate> CandidateFrom(const std::string& tenant_id, const std::string& id, const nlohmann::json& body,
                                ZoneSource& zones);

}  // namespace slotwise
