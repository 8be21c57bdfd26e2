// provider_busy_internal.h — helpers shared by the provider_busy_*.cpp converters. Not part of the public API.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/intervals.h"
#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::provider_detail {


inline Error InvalidData(const std::string& field, const std::string& problem) {
  return Error{codes::kInvalidProviderData, field + " " + problem, field};
}

// The member `key` of `object` when `object` is an object that has it; nullptr otherwise. Never throws.
const nlohmann::json* Member(const nlohmann::json& object, const char* key);

// The string member `key`: nullopt when absent or not a string.
std::optional<std::string> StringMember(const nlohmann::json& object, const char* key);

// A wall time without offset: "YYYY-MM-DDTHH:MM:SS" with an optional all-zero fraction (Graph's ".0000000").
std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text);

// [local midnight of `first`, local midnight of `end_exclusive`) in `zone`. Error (at `field`) unless first < end.
Result<Interval> AllDayInterval(const TimeZone& zone, const CivilDate& first, const CivilDate& end_exclusive,
                                const std::string& field);

// Error (at `end_field`) unless start < end.
Result<Interval> CheckedInterval(Instant start, Instant end, const std::string& end_field);

}  // namespace slotwise::provider_detail
