// provider_busy_cronofy.cpp — Cronofy `GET /v1/free_busy` entries -> BusyEvent (provider_busy.h).
#include "provider_busy_internal.h"
#include "slotwise/provider_busy.h"

namespace slotwise {

using provider_detail::InvalidData;
using provider_detail::Member;
using provider_detail::StringMember;

namespace {

// A start or end: an RFC 3339 time, or a "YYYY-MM-DD" date (all-day).
struct CronofyTime {
  bool all_day = false;
  Instant instant = 0;
  CivilDate date;
};

Result<CronofyTime> ParseCronofyTime(const nlohmann::json& entry, const char* key, const std::string& path) {
  const std::string field = path + "." + key;
  std::optional<std::string> text = StringMember(entry, key);
  if (!text) return InvalidData(field, "must be a string");
  if (std::optional<CivilDate> date = ParseIsoDate(*text)) return CronofyTime{true, 0, *date};
  if (std::optional<Instant> instant = ParseRfc3339(*text)) return CronofyTime{false, *instant, {}};
  return InvalidData(field, "is neither an RFC 3339 time nor a YYYY-MM-DD date: \"" + *text + "\"");
}

}  // namespace

Result<std::vector<BusyEvent>> CronofyFreeBusyToBusy(const nlohmann::json& response, const TimeZone& owner_zone) {
  const nlohmann::json* entries = &response;
  std::string path;
  if (response.is_object()) {
    entries = Member(response, "free_busy");
    path = "free_busy";
    if (entries == nullptr) return InvalidData(path, "is required");
  }
  if (!entries->is_array()) return InvalidData(path.empty() ? "(free_busy)" : path, "must be an array");
  std::vector<BusyEvent> events;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const nlohmann::json& entry = (*entries)[i];
    if (!entry.is_object()) return InvalidData(item_path, "must be an object");
    std::optional<std::string> calendar_id = StringMember(entry, "calendar_id");
    if (!calendar_id || calendar_id->empty())
      return InvalidData(item_path + ".calendar_id", "must be a non-empty string");
    std::optional<std::string> status_name = StringMember(entry, "free_busy_status");
    if (!status_name) return InvalidData(item_path + ".free_busy_status", "must be a string");
    BusyStatus status = BusyStatus::kBusy;
    if (*status_name == "tentative") {
      status = BusyStatus::kTentative;
    } else if (*status_name != "busy" && *status_name != "free") {
      return InvalidData(item_path + ".free_busy_status", "has an unknown value \"" + *status_name + "\"");
    }
    Result<CronofyTime> start = ParseCronofyTime(entry, "start", item_path);
    if (!start) return start.error();
    Result<CronofyTime> end = ParseCronofyTime(entry, "end", item_path);
    if (!end) return end.error();
    if (start->all_day != end->all_day)
      return InvalidData(item_path + ".end", "must be a date when start is a date, and a time when start is one");
    Result<Interval> interval =
        start->all_day ? provider_detail::AllDayInterval(owner_zone, start->date, end->date, item_path + ".end")
                       : provider_detail::CheckedInterval(start->instant, end->instant, item_path + ".end");
    if (!interval) return interval.error();
    if (*status_name == "free") continue;  // validated, but free is the absence of busy
    events.push_back(BusyEvent{*interval, status, false, false, ""});
  }
  return events;
}

}  // namespace slotwise
