// interval_json.cpp — see interval_json.h.
#include "slotwise/interval_json.h"

#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

Result<Instant> InstantField(const nlohmann::json& object, const char* key, const std::string& path) {
  const std::string field = path + "." + key;
  auto it = object.find(key);
  if (it == object.end()) return Error{codes::kInvalidQuery, field + " is required", field};
  if (!it->is_string()) return Error{codes::kInvalidQuery, field + " must be an RFC 3339 string", field};
  const CallerInstant instant = ParseCallerInstant(it->get_ref<const std::string&>());
  if (instant.out_of_range) return Error{codes::kInvalidQuery, OutOfRangeMessage(field), field};
  if (!instant.instant) return Error{codes::kInvalidQuery, field + " is not a valid RFC 3339 time", field};
  return *instant.instant;
}

}  // namespace

Result<IntervalList> IntervalsFromJson(const nlohmann::json& array, const std::string& path) {
  if (!array.is_array()) return Error{codes::kInvalidQuery, path + " must be an array", path};
  IntervalList intervals;
  intervals.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const nlohmann::json& item = array[i];
    if (!item.is_object()) return Error{codes::kInvalidQuery, item_path + " must be an object", item_path};
    Result<Instant> start = InstantField(item, "start", item_path);
    if (!start) return start.error();
    Result<Instant> end = InstantField(item, "end", item_path);
    if (!end) return end.error();
    if (*end <= *start) return Error{codes::kInvalidQuery, item_path + ".end must be after start", item_path + ".end"};
    intervals.push_back({*start, *end});
  }
  return intervals;
}

nlohmann::json IntervalToJson(const Interval& interval) {
  return {{"start", FormatRfc3339(interval.start)}, {"end", FormatRfc3339(interval.end)}};
}

nlohmann::json IntervalsToJson(const IntervalList& intervals) {
  nlohmann::json array = nlohmann::json::array();
  for (const Interval& i : intervals) array.push_back(IntervalToJson(i));
  return array;
}

}  // namespace slotwise
