// provider_json.h — (internal to slotwise_providers) non-throwing helpers for reading provider JSON.
//
// Contract: nothing here throws. Parsing uses nlohmann's no-exception mode; accessors check types before reading and
// answer nullopt / a fallback for a missing member or a member of another type. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/json_input.h"

namespace slotwise::providers::detail {

// The parsed body, or nullopt when it is not JSON.
inline std::optional<nlohmann::json> ParseJson(std::string_view body) {
  nlohmann::json value = slotwise::ParseJson(body);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

// The member `key` of object `value`, or nullptr (also when `value` is not an object).
inline const nlohmann::json* Member(const nlohmann::json& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  auto it = value.find(key);
  return it == value.end() ? nullptr : &*it;
}

inline std::optional<std::string> StringAt(const nlohmann::json& value, std::string_view key) {
  const nlohmann::json* member = Member(value, key);
  if (member == nullptr || !member->is_string()) return std::nullopt;
  return member->get<std::string>();
}

inline std::string StringOr(const nlohmann::json& value, std::string_view key, std::string fallback = {}) {
  std::optional<std::string> text = StringAt(value, key);
  return text ? *text : std::move(fallback);
}

inline std::optional<bool> BoolAt(const nlohmann::json& value, std::string_view key) {
  const nlohmann::json* member = Member(value, key);
  if (member == nullptr || !member->is_boolean()) return std::nullopt;
  return member->get<bool>();
}

inline std::optional<std::int64_t> IntAt(const nlohmann::json& value, std::string_view key) {
  const nlohmann::json* member = Member(value, key);
  if (member == nullptr) return std::nullopt;
  if (member->is_number_integer()) return member->get<std::int64_t>();
  if (member->is_number_unsigned()) {
    const auto unsigned_value = member->get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(unsigned_value);
  }
  return std::nullopt;
}

// A number or a string member as text (provider ids such as Zoom's int64 meeting id arrive as numbers).
inline std::optional<std::string> IdAt(const nlohmann::json& value, std::string_view key) {
  const nlohmann::json* member = Member(value, key);
  if (member == nullptr) return std::nullopt;
  if (member->is_string()) return member->get<std::string>();
  if (member->is_number_integer() || member->is_number_unsigned()) return member->dump();
  return std::nullopt;
}

}  // namespace slotwise::providers::detail
