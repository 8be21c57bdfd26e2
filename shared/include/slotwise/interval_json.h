// interval_json.h — JSON form of intervals: {"start": RFC 3339, "end": RFC 3339}.
//
// `IntervalsFromJson` validates every element (object, both fields RFC 3339 strings, end > start) and reports the
// first problem with its JSON path (`path` is the array's own path, e.g. "intervals"). Never throws.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/intervals.h"
#include "slotwise/result.h"

namespace slotwise {

Result<IntervalList> IntervalsFromJson(const nlohmann::json& array, const std::string& path);
nlohmann::json IntervalToJson(const Interval& interval);
nlohmann::json IntervalsToJson(const IntervalList& intervals);

}  // namespace slotwise
