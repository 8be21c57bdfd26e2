// provider_busy_graph.cpp — Microsoft Graph getSchedule scheduleInformation ->
// BusyEvent / working hours (provider_busy.h).
#include "provider_busy_internal.h"
#include "slotwise/error_codes.h"
#include "slotwise/provider_busy.h"

namespace slotwise {

using provider_detail::CheckedInterval;
using provider_detail::InvalidData;
using provider_detail::Member;
using provider_detail::StringMember;

namespace {

// The item's `error` {message, responseCode} as an Error, or nullopt when there is none.
std::optional<Error> ScheduleError(const nlohmann::json& schedule) {
  const nlohmann::json* error = Member(schedule, "error");
  if (error == nullptr || error->is_null()) return std::nullopt;
  const std::string id = StringMember(schedule, "scheduleId").value_or("(unknown schedule)");
  const std::string code = StringMember(*error, "responseCode").value_or("error");
  const std::string message = StringMember(*error, "message").value_or("no message");
  return Error{codes::kProviderCalendarError, "Graph schedule " + id + ": " + code + ": " + message, "error"};
}

// A dateTimeTimeZone {"dateTime": wall time, "timeZone": name} -> instant.
Result<Instant> ParseDateTimeTimeZone(const nlohmann::json& value, const std::string& path, ZoneSource& zones) {
  if (!value.is_object()) return InvalidData(path, "must be an object with dateTime and timeZone");
  std::optional<std::string> text = StringMember(value, "dateTime");
  if (!text) return InvalidData(path + ".dateTime", "must be a string");
  std::optional<LocalDateTime> local = provider_detail::ParseLocalDateTime(*text);
  if (!local) return InvalidData(path + ".dateTime", "is not a wall time like 2026-12-01T09:00:00.0000000");
  std::optional<std::string> zone_name = StringMember(value, "timeZone");
  if (!zone_name) return InvalidData(path + ".timeZone", "must be a string");
  const TimeZone* zone = ResolveProviderZone(*zone_name, zones);
  if (zone == nullptr)
    return Error{codes::kUnknownTimeZone, "unknown time zone \"" + *zone_name + "\"", path + ".timeZone"};
  return zone->FromLocal(*local);
}

std::optional<BusyStatus> GraphStatus(std::string_view status) {
  if (status == "free") return BusyStatus::kFree;
  if (status == "tentative") return BusyStatus::kTentative;
  if (status == "busy") return BusyStatus::kBusy;
  if (status == "oof") return BusyStatus::kOutOfOffice;
  if (status == "workingElsewhere") return BusyStatus::kWorkingElsewhere;
  if (status == "unknown") return BusyStatus::kBusy;  // cannot tell: blocking is the safe answer
  return std::nullopt;
}

// "HH:MM:SS[.fffffff]" -> seconds after midnight (0..86399).
std::optional<std::int32_t> ParseTimeOfDay(const std::string& text) {
  std::optional<LocalDateTime> local = provider_detail::ParseLocalDateTime("1970-01-01T" + text);
  if (!local || local->date != CivilDate{1970, 1, 1}) return std::nullopt;
  return local->second_of_day;
}

std::optional<int> WeekdayIndex(std::string_view name) {
  static constexpr std::string_view kNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (kNames[i] == name) return i;
  return std::nullopt;
}

}  // namespace

Result<std::vector<BusyEvent>> GraphScheduleItemsToBusy(const nlohmann::json& schedule, ZoneSource& zones) {
  if (!schedule.is_object()) return InvalidData("(schedule)", "must be a JSON object");
  if (std::optional<Error> error = ScheduleError(schedule)) return *error;
  std::vector<BusyEvent> events;
  const nlohmann::json* items = Member(schedule, "scheduleItems");
  if (items == nullptr) return events;
  if (!items->is_array()) return InvalidData("scheduleItems", "must be an array");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = "scheduleItems[" + std::to_string(i) + "]";
    const nlohmann::json& item = (*items)[i];
    if (!item.is_object()) return InvalidData(path, "must be an object");
    std::optional<std::string> status_name = StringMember(item, "status");
    if (!status_name) return InvalidData(path + ".status", "must be a string");
    std::optional<BusyStatus> status = GraphStatus(*status_name);
    if (!status) return InvalidData(path + ".status", "has an unknown value \"" + *status_name + "\"");
    const nlohmann::json* start_json = Member(item, "start");
    const nlohmann::json* end_json = Member(item, "end");
    if (start_json == nullptr) return InvalidData(path + ".start", "is required");
    if (end_json == nullptr) return InvalidData(path + ".end", "is required");
    Result<Instant> start = ParseDateTimeTimeZone(*start_json, path + ".start", zones);
    if (!start) return start.error();
    Result<Instant> end = ParseDateTimeTimeZone(*end_json, path + ".end", zones);
    if (!end) return end.error();
    Result<Interval> interval = CheckedInterval(*start, *end, path + ".end");
    if (!interval) return interval.error();
    BusyEvent event;
    event.interval = *interval;
    event.status = *status;
    const nlohmann::json* is_private = Member(item, "isPrivate");
    if (is_private != nullptr && !is_private->is_boolean()) return InvalidData(path + ".isPrivate", "must be a boolean");
    event.is_private = is_private != nullptr && is_private->get<bool>();
    if (!event.is_private) event.summary = StringMember(item, "subject").value_or("");
    events.push_back(std::move(event));
  }
  return events;
}

Result<std::vector<BusyEvent>> GraphAvailabilityViewToBusy(const nlohmann::json& schedule, Instant view_start,
                                                           std::int32_t interval_minutes) {
  if (!schedule.is_object()) return InvalidData("(schedule)", "must be a JSON object");
  if (std::optional<Error> error = ScheduleError(schedule)) return *error;
  if (interval_minutes < 5 || interval_minutes > 1440)
    return InvalidData("availabilityViewInterval", "must be between 5 and 1440 minutes");
  std::optional<std::string> view = StringMember(schedule, "availabilityView");
  if (!view) return InvalidData("availabilityView", "must be a string");
  static constexpr BusyStatus kDigitStatus[] = {BusyStatus::kFree, BusyStatus::kTentative, BusyStatus::kBusy,
                                                BusyStatus::kOutOfOffice, BusyStatus::kWorkingElsewhere};
  const Duration step = interval_minutes * kSecondsPerMinute;
  std::vector<BusyEvent> events;
  std::size_t run_begin = 0;
  for (std::size_t i = 0; i < view->size(); ++i) {
    const char digit = (*view)[i];
    if (digit < '0' || digit > '4')
      return InvalidData("availabilityView", "has an unknown character '" + std::string(1, digit) + "' at index " +
                                                 std::to_string(i));
    const bool run_ends = i + 1 == view->size() || (*view)[i + 1] != digit;
    if (!run_ends) continue;
    if (digit != '0') {
      const Instant start = view_start + static_cast<Instant>(run_begin) * step;
      const Instant end = view_start + static_cast<Instant>(i + 1) * step;
      events.push_back(BusyEvent{{start, end}, kDigitStatus[digit - '0'], false, false, ""});
    }
    run_begin = i + 1;
  }
  return events;
}

Result<ProviderWorkingHours> GraphWorkingHours(const nlohmann::json& schedule, ZoneSource& zones) {
  if (!schedule.is_object()) return InvalidData("(schedule)", "must be a JSON object");
  if (std::optional<Error> error = ScheduleError(schedule)) return *error;
  ProviderWorkingHours result;
  const nlohmann::json* hours = Member(schedule, "workingHours");
  if (hours == nullptr || hours->is_null()) return result;  // around the clock
  if (!hours->is_object()) return InvalidData("workingHours", "must be an object");

  const nlohmann::json* zone_json = Member(*hours, "timeZone");
  std::optional<std::string> zone_name = zone_json ? StringMember(*zone_json, "name") : std::nullopt;
  if (!zone_name) return InvalidData("workingHours.timeZone.name", "must be a string");
  const TimeZone* zone = ResolveProviderZone(*zone_name, zones);
  if (zone == nullptr)
    return Error{codes::kUnknownTimeZone, "unknown or custom time zone \"" + *zone_name + "\"",
                 "workingHours.timeZone.name"};

  std::optional<std::string> start_text = StringMember(*hours, "startTime");
  std::optional<std::int32_t> start = start_text ? ParseTimeOfDay(*start_text) : std::nullopt;
  if (!start) return InvalidData("workingHours.startTime", "must be a time like \"08:00:00.0000000\"");
  std::optional<std::string> end_text = StringMember(*hours, "endTime");
  std::optional<std::int32_t> end = end_text ? ParseTimeOfDay(*end_text) : std::nullopt;
  if (!end) return InvalidData("workingHours.endTime", "must be a time like \"17:00:00.0000000\"");
  if (*end == 0) *end = static_cast<std::int32_t>(kSecondsPerDay);  // "00:00:00" ends at midnight
  if (*end <= *start) return InvalidData("workingHours.endTime", "must be after startTime (overnight hours are not supported)");

  const nlohmann::json* days = Member(*hours, "daysOfWeek");
  if (days == nullptr || !days->is_array()) return InvalidData("workingHours.daysOfWeek", "must be an array");
  result.hours.around_the_clock = false;
  for (std::size_t i = 0; i < days->size(); ++i) {
    const std::string path = "workingHours.daysOfWeek[" + std::to_string(i) + "]";
    const nlohmann::json& day = (*days)[i];
    std::optional<int> index = day.is_string() ? WeekdayIndex(day.get_ref<const std::string&>()) : std::nullopt;
    if (!index) return InvalidData(path, "must be a weekday name such as \"monday\"");
    std::vector<LocalWindow>& windows = result.hours.windows[static_cast<std::size_t>(*index)];
    if (windows.empty()) windows.push_back(LocalWindow{*start, *end});  // a repeated day adds nothing
  }
  // The IANA name of the resolved zone: UTC stays "UTC", Windows names become their table entry.
  result.zone_name = zone->name();
  if (std::optional<std::string_view> iana = WindowsZoneToIana(*zone_name)) result.zone_name = std::string(*iana);
  return result;
}

}  // namespace slotwise
