// availability_parse.cpp — JSON document -> validated Problem (see availability.h, docs/ENGINE.md "Validation").
//
// [SECTION] Field readers   — typed access to one member, each failure an Error with the member's JSON path
// [SECTION] Calendars       — time zone, working hours, limits, busy events
// [SECTION] Query           — groups, durations, periods, rooms, conferencing
// [SECTION] Document        — {"now", "query", "calendars"}
#include <algorithm>
#include <map>
#include <set>

#include "availability_parse_internal.h"
#include "query_keys.h"
#include "slotwise/availability.h"
#include "slotwise/error_codes.h"
#include "slotwise/host_rules.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

using nlohmann::json;

Error Invalid(const std::string& field, const std::string& message) { return {codes::kInvalidQuery, message, field}; }

// =====================================================================================================================
// [SECTION] Field readers
// =====================================================================================================================

// The member `key` of object `object`, or nullptr when absent. `object` must be an object.
const json* Member(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string Join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }
std::string Index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

Result<bool> RequireObject(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object");
  return true;
}

Result<std::int64_t> Integer(const json& value, const std::string& path, std::int64_t min, std::int64_t max) {
  if (!value.is_number_integer()) return Invalid(path, path + " must be an integer");
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    return Invalid(path, path + " must be at most " + std::to_string(max));
  }
  const std::int64_t number = value.get<std::int64_t>();
  if (number < min) return Invalid(path, path + " must be at least " + std::to_string(min));
  if (number > max) return Invalid(path, path + " must be at most " + std::to_string(max));
  return number;
}

// A duration member {"minutes": N} with min <= N <= max, in seconds; `fallback` (seconds) when absent and optional.
Result<Duration> Minutes(const json& object, const char* key, const std::string& parent, std::int64_t min,
                         std::int64_t max, std::optional<Duration> fallback) {
  const std::string path = Join(parent, key);
  const json* value = Member(object, key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    return Invalid(path, path + " is required");
  }
  if (!value->is_object()) return Invalid(path, path + " must be an object {\"minutes\": N}");
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(*value, query_keys::kMinutes, path)) return *unknown;
  const json* minutes = Member(*value, "minutes");
  if (minutes == nullptr) return Invalid(path + ".minutes", path + ".minutes is required");
  Result<std::int64_t> number = Integer(*minutes, path + ".minutes", min, max);
  if (!number) return number.error();
  return *number * kSecondsPerMinute;
}

Result<Instant> InstantValue(const json& value, const std::string& path) {
  if (!value.is_string()) return Invalid(path, path + " must be an RFC 3339 string");
  const CallerInstant instant = ParseCallerInstant(value.get_ref<const std::string&>());
  if (instant.out_of_range) return Invalid(path, OutOfRangeMessage(path));
  if (!instant.instant) return Invalid(path, path + " is not a valid RFC 3339 time");
  return *instant.instant;
}

Result<Instant> InstantMember(const json& object, const char* key, const std::string& parent) {
  const json* value = Member(object, key);
  if (value == nullptr) return Invalid(Join(parent, key), Join(parent, key) + " is required");
  if (value->is_string()) {  // the common case, without building the member's path
    if (std::optional<Instant> instant = ParseCallerInstant(value->get_ref<const std::string&>()).instant) return *instant;
  }
  return InstantValue(*value, Join(parent, key));  // reports the error with its path
}

Result<bool> BoolMember(const json& object, const char* key, const std::string& parent, bool fallback) {
  const json* value = Member(object, key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    const std::string path = Join(parent, key);  // paths are built only on the error branch (hot per event)
    return Invalid(path, path + " must be true or false");
  }
  return value->get<bool>();
}

Result<const TimeZone*> ZoneMember(const json& object, const char* key, const std::string& parent, ZoneSource& zones) {
  const std::string path = Join(parent, key);
  const json* value = Member(object, key);
  if (value == nullptr) return zones.Find("UTC");
  if (!value->is_string()) return Invalid(path, path + " must be an IANA time zone name");
  const std::string& name = value->get_ref<const std::string&>();
  const TimeZone* zone = IsValidZoneName(name) ? zones.Find(name) : nullptr;
  if (zone == nullptr) {
    return Error{codes::kUnknownTimeZone, "unknown time zone \"" + name + "\" at " + path, path};
  }
  return zone;
}

// "all" or an integer 1..count; `fallback` when absent (nullopt: required member).
Result<std::size_t> RequiredMember(const json& object, const std::string& parent, std::size_t count,
                                   std::optional<std::size_t> fallback) {
  const std::string path = Join(parent, "required");
  const json* value = Member(object, "required");
  if (value == nullptr) {
    if (fallback) return std::min(*fallback, count);
    return Invalid(path, path + " is required (\"all\" or a number)");
  }
  if (value->is_string()) {
    if (value->get_ref<const std::string&>() == "all") return count;
    return Invalid(path, path + " must be \"all\" or a positive integer");
  }
  if (!value->is_number_integer()) return Invalid(path, path + " must be \"all\" or a positive integer");
  Result<std::int64_t> number = Integer(*value, path, 1, static_cast<std::int64_t>(count));
  if (!number) {
    return Invalid(path, path + " must be between 1 and the number of members (" + std::to_string(count) + ")");
  }
  return static_cast<std::size_t>(*number);
}

// =====================================================================================================================
// [SECTION] Calendars
// =====================================================================================================================

std::string CalendarPath(const std::string& sub) { return "calendars[" + DumpJson(json(sub)) + "]"; }

std::optional<int> WeekdayIndex(const std::string& key) {
  static constexpr const char* kNames[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int d = 0; d < 7; ++d) {
    if (key == kNames[d]) return d;
  }
  return std::nullopt;
}

Result<WorkingHours> ParseWorkingHours(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object of weekday -> [[\"HH:MM\", \"HH:MM\"]…]");
  WorkingHours hours;
  hours.around_the_clock = false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string day_path = path + "." + it.key();
    std::optional<int> day = WeekdayIndex(it.key());
    if (!day) return Invalid(day_path, day_path + " is not a weekday (use mon, tue, wed, thu, fri, sat, sun)");
    if (!it->is_array()) return Invalid(day_path, day_path + " must be an array of [\"HH:MM\", \"HH:MM\"] windows");
    if (it->size() > kMaxWindowsPerDay) {
      return Invalid(day_path, day_path + " has more than " + std::to_string(kMaxWindowsPerDay) + " windows");
    }
    std::vector<LocalWindow>& windows = hours.windows[static_cast<std::size_t>(*day)];
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string window_path = Index(day_path, i);
      const json& window = (*it)[i];
      if (!window.is_array() || window.size() != 2 || !window[0].is_string() || !window[1].is_string()) {
        return Invalid(window_path, window_path + " must be a pair [\"HH:MM\", \"HH:MM\"]");
      }
      std::optional<std::int32_t> start = ParseClockTime(window[0].get_ref<const std::string&>());
      if (!start || *start >= kSecondsPerDay) {
        return Invalid(Index(window_path, 0), Index(window_path, 0) + " must be a time 00:00..23:59");
      }
      std::optional<std::int32_t> end = ParseClockTime(window[1].get_ref<const std::string&>());
      if (!end) return Invalid(Index(window_path, 1), Index(window_path, 1) + " must be a time 00:00..24:00");
      if (*end <= *start) return Invalid(Index(window_path, 1), window_path + " must end after it starts");
      windows.push_back({*start, *end});
    }
    // Overlapping or touching windows of one day are merged (their union is what counts).
    std::sort(windows.begin(), windows.end(), [](const LocalWindow& a, const LocalWindow& b) { return a.start < b.start; });
    std::vector<LocalWindow> merged;
    for (const LocalWindow& w : windows) {
      if (!merged.empty() && w.start <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, w.end);
      } else {
        merged.push_back(w);
      }
    }
    windows = std::move(merged);
  }
  return hours;
}

Result<BusyEvent> ParseEvent(const json& value, const std::string& busy_path, std::size_t index) {
  // Called once per event: the event's JSON path is built only on an error branch, never on success.
  const auto path = [&](const char* key) {
    std::string event_path = Index(busy_path, index);
    return key ? event_path + "." + key : event_path;
  };
  if (!value.is_object()) return RequireObject(value, path(nullptr)).error();
  Instant bounds[2] = {0, 0};
  static constexpr const char* kBounds[2] = {"start", "end"};
  for (int k = 0; k < 2; ++k) {
    const json* member = Member(value, kBounds[k]);
    if (member == nullptr) return Invalid(path(kBounds[k]), path(kBounds[k]) + " is required");
    std::optional<Instant> instant =
        member->is_string() ? ParseCallerInstant(member->get_ref<const std::string&>()).instant : std::nullopt;
    if (!instant) return InstantValue(*member, path(kBounds[k])).error();
    bounds[k] = *instant;
  }
  if (bounds[1] <= bounds[0]) return Invalid(path("end"), path("end") + " must be after start");
  BusyEvent event;
  event.interval = {bounds[0], bounds[1]};
  if (const json* status = Member(value, "status")) {
    std::optional<BusyStatus> parsed =
        status->is_string() ? ParseBusyStatus(status->get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      return Invalid(path("status"),
                     path("status") + " must be one of \"busy\", \"tentative\", \"oof\", \"working_elsewhere\", \"free\"");
    }
    event.status = *parsed;
  }
  if (const json* interview = Member(value, "interview")) {
    if (!interview->is_boolean()) return Invalid(path("interview"), path("interview") + " must be true or false");
    event.interview = interview->get<bool>();
  }
  return event;
}

Result<std::optional<std::int64_t>> OptionalInteger(const json& object, const char* key, const std::string& parent,
                                                    std::int64_t min, std::int64_t max) {
  const json* value = Member(object, key);
  if (value == nullptr) return std::optional<std::int64_t>();
  Result<std::int64_t> number = Integer(*value, Join(parent, key), min, max);
  if (!number) return number.error();
  return std::optional<std::int64_t>(*number);
}

// calendars[sub].free_busy: {"status": "known" | "unknown", "reason"?: string} -> the reason when unknown ("no reason
// given" when the caller gave none), nullopt when known.
Result<std::optional<std::string>> ParseFreeBusy(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object {\"status\", \"reason\"}");
  const json* status = Member(value, "status");
  const std::string name = status != nullptr && status->is_string() ? status->get<std::string>() : std::string();
  if (name != "known" && name != "unknown") {
    return Invalid(path + ".status", path + ".status must be \"known\" or \"unknown\"");
  }
  std::string reason = "no reason given";
  if (const json* given = Member(value, "reason")) {
    if (!given->is_string()) return Invalid(path + ".reason", path + ".reason must be a string");
    if (!given->get_ref<const std::string&>().empty()) reason = given->get<std::string>();
  }
  if (name == "known") return std::optional<std::string>();
  return std::optional<std::string>(std::move(reason));
}

Result<Calendar> ParseCalendar(const std::string& sub, const json& value, ZoneSource& zones, std::size_t& events_total) {
  const std::string path = CalendarPath(sub);
  if (Result<bool> object = RequireObject(value, path); !object) return object.error();
  Calendar calendar;
  calendar.sub = sub;
  Result<const TimeZone*> zone = ZoneMember(value, "time_zone", path, zones);
  if (!zone) return zone.error();
  if (*zone == nullptr) return Error{codes::kUnknownTimeZone, "the UTC zone is not available", path + ".time_zone"};
  calendar.zone = *zone;
  if (const json* hours = Member(value, "working_hours")) {
    Result<WorkingHours> parsed = ParseWorkingHours(*hours, path + ".working_hours");
    if (!parsed) return parsed.error();
    calendar.working_hours = std::move(parsed).value();
  }
  Result<std::optional<std::int64_t>> capacity = OptionalInteger(value, "capacity", path, 0, kMaxCapacity);
  if (!capacity) return capacity.error();
  calendar.capacity = *capacity;
  Result<std::optional<std::int64_t>> per_day =
      OptionalInteger(value, "max_interviews_per_day", path, 0, kMaxInterviewLimit);
  if (!per_day) return per_day.error();
  calendar.max_interviews_per_day = *per_day;
  Result<std::optional<std::int64_t>> per_week =
      OptionalInteger(value, "max_interviews_per_week", path, 0, kMaxInterviewLimit);
  if (!per_week) return per_week.error();
  calendar.max_interviews_per_week = *per_week;
  if (const json* account = Member(value, "conferencing_account")) {
    Result<ConferencingAccount> parsed = ParseConferencingAccount(*account, path + ".conferencing_account");
    if (!parsed) return parsed.error();
    calendar.conferencing_account = std::move(parsed).value();
  }
  if (const json* free_busy = Member(value, "free_busy")) {
    Result<std::optional<std::string>> unknown = ParseFreeBusy(*free_busy, path + ".free_busy");
    if (!unknown) return unknown.error();
    calendar.free_busy_unknown = std::move(unknown).value();
  }
  if (const json* busy = Member(value, "busy")) {
    const std::string busy_path = path + ".busy";
    if (!busy->is_array()) return Invalid(busy_path, busy_path + " must be an array");
    if (busy->size() > kMaxEventsPerCalendar) {
      return Invalid(busy_path, busy_path + " has more than " + std::to_string(kMaxEventsPerCalendar) + " events");
    }
    events_total += busy->size();
    if (events_total > kMaxEventsTotal) {
      return Invalid(busy_path, "the calendars hold more than " + std::to_string(kMaxEventsTotal) + " events in total");
    }
    calendar.busy.reserve(busy->size());
    for (std::size_t i = 0; i < busy->size(); ++i) {
      Result<BusyEvent> event = ParseEvent((*busy)[i], busy_path, i);
      if (!event) return event.error();
      calendar.busy.push_back(std::move(event).value());
    }
    // Sorted once here so that every solve (and every relaxation's re-solve) merges in one linear pass.
    SortBusyEvents(calendar.busy);
  }
  return calendar;
}

// =====================================================================================================================
// [SECTION] Query
// =====================================================================================================================

using CalendarIndex = std::map<std::string, std::size_t, std::less<>>;

Result<std::size_t> ResolveSub(const std::string& sub, const std::string& path, const CalendarIndex& calendars) {
  auto it = calendars.find(sub);
  if (it == calendars.end()) {
    return Error{codes::kUnknownParticipant, "\"" + sub + "\" has no calendar in \"calendars\"", path};
  }
  return it->second;
}

// A members array [{"sub": "..."}…] -> calendar indices; duplicates and unknown subs are errors.
Result<std::vector<std::size_t>> ParseMembers(const json& object, const std::string& parent,
                                              const CalendarIndex& calendars, std::size_t& members_total) {
  const std::string path = Join(parent, "members");
  const json* members = Member(object, "members");
  if (members == nullptr) return Invalid(path, path + " is required");
  if (!members->is_array() || members->empty()) return Invalid(path, path + " must be a non-empty array");
  members_total += members->size();
  if (members_total > kMaxMembersTotal) {
    return Invalid(path, "the query names more than " + std::to_string(kMaxMembersTotal) + " members in total");
  }
  std::vector<std::size_t> indices;
  std::set<std::size_t> seen;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const std::string member_path = Index(path, i);
    const json& member = (*members)[i];
    if (!member.is_object()) return Invalid(member_path, member_path + " must be an object {\"sub\": \"...\"}");
    if (std::optional<Error> unknown = query_keys::RefuseUnknown(member, query_keys::kMember, member_path)) {
      return *unknown;
    }
    const json* sub = Member(member, "sub");
    if (sub == nullptr || !sub->is_string()) {
      return Invalid(member_path + ".sub", member_path + ".sub must be a string");
    }
    const std::string& name = sub->get_ref<const std::string&>();
    Result<std::size_t> index = ResolveSub(name, member_path + ".sub", calendars);
    if (!index) return index.error();
    if (!seen.insert(*index).second) return Invalid(member_path + ".sub", "\"" + name + "\" appears twice in " + path);
    indices.push_back(*index);
  }
  return indices;
}

Result<ParticipantGroup> ParseGroup(const json& value, const std::string& path, const CalendarIndex& calendars,
                                    std::size_t& members_total) {
  if (Result<bool> object = RequireObject(value, path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kGroup, path)) return *unknown;
  ParticipantGroup group;
  Result<std::vector<std::size_t>> members = ParseMembers(value, path, calendars, members_total);
  if (!members) return members.error();
  group.members = std::move(members).value();
  Result<std::size_t> required = RequiredMember(value, path, group.members.size(), std::nullopt);
  if (!required) return required.error();
  group.required = *required;
  return group;
}

Result<RoomRequest> ParseRooms(const json& value, const std::string& path, const CalendarIndex& calendars,
                               std::size_t& members_total) {
  if (Result<bool> object = RequireObject(value, path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kRooms, path)) return *unknown;
  RoomRequest rooms;
  Result<std::vector<std::size_t>> members = ParseMembers(value, path, calendars, members_total);
  if (!members) return members.error();
  rooms.members = std::move(members).value();
  Result<std::size_t> required = RequiredMember(value, path, rooms.members.size(), 1);
  if (!required) return required.error();
  rooms.required = *required;
  Result<std::optional<std::int64_t>> min_capacity = OptionalInteger(value, "min_capacity", path, 0, kMaxCapacity);
  if (!min_capacity) return min_capacity.error();
  rooms.min_capacity = *min_capacity;
  return rooms;
}

Result<ConferencingRequest> ParseConferencing(const json& value, const std::string& path,
                                              const CalendarIndex& calendars, std::size_t& members_total) {
  if (Result<bool> object = RequireObject(value, path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kConferencing, path)) return *unknown;
  ConferencingRequest conferencing;
  const json* provider = Member(value, "provider");
  const std::string provider_path = path + ".provider";
  if (provider == nullptr) return Invalid(provider_path, provider_path + " is required");
  const std::string name = provider->is_string() ? provider->get<std::string>() : std::string();
  if (name == "zoom") conferencing.provider = ConferencingProvider::kZoom;
  else if (name == "teams") conferencing.provider = ConferencingProvider::kTeams;
  else if (name == "google_meet") conferencing.provider = ConferencingProvider::kGoogleMeet;
  else if (name == "goto") conferencing.provider = ConferencingProvider::kGoTo;
  else return Invalid(provider_path, provider_path + " must be one of \"zoom\", \"teams\", \"google_meet\", \"goto\"");

  const json* host = Member(value, "host");
  const json* hosts = Member(value, "hosts");
  if ((host == nullptr) == (hosts == nullptr)) {
    return Invalid(path + ".host", path + " needs exactly one of \"host\" (a sub) or \"hosts\" ({members, required})");
  }
  if (host != nullptr) {  // {"host": "sub"}: one host account, required 1
    if (!host->is_string()) return Invalid(path + ".host", path + ".host must be a string (the host account's sub)");
    if (++members_total > kMaxMembersTotal) {
      return Invalid(path + ".host", "the query names more than " + std::to_string(kMaxMembersTotal) + " members");
    }
    Result<std::size_t> index = ResolveSub(host->get_ref<const std::string&>(), path + ".host", calendars);
    if (!index) return index.error();
    conferencing.hosts = {*index};
    conferencing.required = 1;
    return conferencing;
  }
  const std::string hosts_path = path + ".hosts";
  if (Result<bool> object = RequireObject(*hosts, hosts_path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(*hosts, query_keys::kHosts, hosts_path)) return *unknown;
  Result<std::vector<std::size_t>> members = ParseMembers(*hosts, hosts_path, calendars, members_total);
  if (!members) return members.error();
  conferencing.hosts = std::move(members).value();
  Result<std::size_t> required = RequiredMember(*hosts, hosts_path, conferencing.hosts.size(), 1);
  if (!required) return required.error();
  conferencing.required = *required;
  return conferencing;
}

Result<IntervalList> ParsePeriods(const json& query, const std::string& parent) {
  const std::string path = Join(parent, "query_periods");
  const json* periods = Member(query, "query_periods");
  if (periods == nullptr) return Invalid(path, path + " is required");
  if (!periods->is_array() || periods->empty()) return Invalid(path, path + " must be a non-empty array");
  if (periods->size() > kMaxQueryPeriods) {
    return Invalid(path, path + " has more than " + std::to_string(kMaxQueryPeriods) + " periods");
  }
  IntervalList list;
  for (std::size_t i = 0; i < periods->size(); ++i) {
    const std::string item = Index(path, i);
    if (Result<bool> object = RequireObject((*periods)[i], item); !object) return object.error();
    if (std::optional<Error> unknown = query_keys::RefuseUnknown((*periods)[i], query_keys::kPeriod, item)) {
      return *unknown;
    }
    Result<Instant> start = InstantMember((*periods)[i], "start", item);
    if (!start) return start.error();
    Result<Instant> end = InstantMember((*periods)[i], "end", item);
    if (!end) return end.error();
    if (*end <= *start) return Invalid(item + ".end", item + ".end must be after start");
    list.push_back({*start, *end});
  }
  Instant first = list.front().start, last = list.front().end;
  for (const Interval& p : list) {
    first = std::min(first, p.start);
    last = std::max(last, p.end);
  }
  if (last - first > kMaxQuerySpan) {
    return Invalid(path, path + " span more than " + std::to_string(kMaxQuerySpan / kSecondsPerDay) + " days");
  }
  return list;
}

// query.candidate: {"email"?, "external"? (default true), "time_zone"? (default UTC), "working_hours"?,
// "hours"? ("prefer" default | "require")}.
Result<CandidateInfo> ParseCandidate(const json& value, const std::string& path, ZoneSource& zones) {
  if (Result<bool> object = RequireObject(value, path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kCandidate, path)) return *unknown;
  CandidateInfo candidate;
  if (const json* email = Member(value, "email")) {
    if (!email->is_string()) return Invalid(Join(path, "email"), Join(path, "email") + " must be a string");
    candidate.email = email->get<std::string>();
  }
  Result<bool> external = BoolMember(value, "external", path, true);
  if (!external) return external.error();
  candidate.external = *external;
  Result<const TimeZone*> zone = ZoneMember(value, "time_zone", path, zones);
  if (!zone) return zone.error();
  if (*zone == nullptr) return Error{codes::kUnknownTimeZone, "the UTC zone is not available", Join(path, "time_zone")};
  candidate.zone = *zone;
  if (const json* hours = Member(value, "working_hours")) {
    Result<WorkingHours> parsed = ParseWorkingHours(*hours, Join(path, "working_hours"));
    if (!parsed) return parsed.error();
    candidate.working_hours = std::move(parsed).value();
  }
  if (const json* hours = Member(value, "hours")) {
    const std::string rule = hours->is_string() ? hours->get<std::string>() : std::string();
    if (rule != "prefer" && rule != "require") {
      return Invalid(Join(path, "hours"), Join(path, "hours") + " must be \"prefer\" or \"require\"");
    }
    candidate.hours_required = rule == "require";
  }
  return candidate;
}

Result<AvailabilityQuery> ParseQuery(const json& query, ZoneSource& zones, const CalendarIndex& calendars) {
  const std::string path = "query";
  if (Result<bool> object = RequireObject(query, path); !object) return object.error();
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(query, query_keys::kQuery, path)) return *unknown;
  AvailabilityQuery q;
  std::size_t members_total = 0;

  const json* participants = Member(query, "participants");
  const std::string participants_path = "query.participants";
  const bool has_sequence = Member(query, "sequence") != nullptr;  // stages are parsed by sequence_parse.cpp
  if (participants == nullptr && !has_sequence) return Invalid(participants_path, participants_path + " is required");
  if (participants != nullptr && (!participants->is_array() || participants->empty())) {
    return Invalid(participants_path, participants_path + " must be a non-empty array of groups");
  }
  if (participants != nullptr && participants->size() > kMaxGroups) {
    return Invalid(participants_path, participants_path + " has more than " + std::to_string(kMaxGroups) + " groups");
  }
  for (std::size_t i = 0; participants != nullptr && i < participants->size(); ++i) {
    Result<ParticipantGroup> group = ParseGroup((*participants)[i], Index(participants_path, i), calendars, members_total);
    if (!group) return group.error();
    q.groups.push_back(std::move(group).value());
  }

  Result<Duration> duration = Minutes(query, "required_duration", path, 1, kMaxDurationMinutes,
                                      has_sequence ? std::optional<Duration>(0) : std::nullopt);
  if (!duration) return duration.error();
  q.duration = *duration;

  Result<IntervalList> periods = ParsePeriods(query, path);
  if (!periods) return periods.error();
  q.query_periods = std::move(periods).value();

  Result<Duration> interval =
      Minutes(query, "start_interval", path, 1, 60, kDefaultStartIntervalMinutes * kSecondsPerMinute);
  if (!interval) return interval.error();
  static constexpr std::int64_t kIntervals[] = {5, 10, 15, 20, 30, 45, 60};
  if (std::find(std::begin(kIntervals), std::end(kIntervals), *interval / kSecondsPerMinute) == std::end(kIntervals)) {
    return Invalid("query.start_interval.minutes", "query.start_interval.minutes must be one of 5, 10, 15, 20, 30, 45, 60");
  }
  q.start_interval = *interval;

  if (const json* buffer = Member(query, "buffer")) {
    if (Result<bool> object = RequireObject(*buffer, "query.buffer"); !object) return object.error();
    if (std::optional<Error> unknown = query_keys::RefuseUnknown(*buffer, query_keys::kBuffer, "query.buffer")) {
      return *unknown;
    }
    Result<Duration> before = Minutes(*buffer, "before", "query.buffer", 0, kMaxBufferMinutes, 0);
    if (!before) return before.error();
    Result<Duration> after = Minutes(*buffer, "after", "query.buffer", 0, kMaxBufferMinutes, 0);
    if (!after) return after.error();
    q.buffer_before = *before;
    q.buffer_after = *after;
  }

  Result<const TimeZone*> zone = ZoneMember(query, "time_zone", path, zones);
  if (!zone) return zone.error();
  if (*zone == nullptr) return Error{codes::kUnknownTimeZone, "the UTC zone is not available", "query.time_zone"};
  q.zone = *zone;

  Result<Duration> notice = Minutes(query, "minimum_notice", path, 0, kMaxNoticeMinutes, 0);
  if (!notice) return notice.error();
  q.minimum_notice = *notice;

  if (const json* format = Member(query, "response_format")) {
    const std::string name = format->is_string() ? format->get<std::string>() : std::string();
    if (name == "slots" || name == "overlapping_slots") q.response_format = ResponseFormat::kSlots;
    else if (name == "periods") q.response_format = ResponseFormat::kPeriods;
    else return Invalid("query.response_format",
                        "query.response_format must be \"slots\", \"overlapping_slots\" or \"periods\"");
  }

  if (const json* max_results = Member(query, "max_results")) {
    Result<std::int64_t> number = Integer(*max_results, "query.max_results", 1, kMaxMaxResults);
    if (!number) return number.error();
    q.max_results = static_cast<std::size_t>(*number);
  }

  Result<bool> tentative = BoolMember(query, "tentative_blocks", path, true);
  if (!tentative) return tentative.error();
  q.tentative_blocks = *tentative;

  if (const json* rooms = Member(query, "rooms")) {
    Result<RoomRequest> parsed = ParseRooms(*rooms, "query.rooms", calendars, members_total);
    if (!parsed) return parsed.error();
    q.rooms = std::move(parsed).value();
  }
  if (const json* conferencing = Member(query, "conferencing")) {
    Result<ConferencingRequest> parsed = ParseConferencing(*conferencing, "query.conferencing", calendars, members_total);
    if (!parsed) return parsed.error();
    q.conferencing = std::move(parsed).value();
  }
  if (const json* candidate = Member(query, "candidate")) {
    Result<CandidateInfo> parsed = ParseCandidate(*candidate, "query.candidate", zones);
    if (!parsed) return parsed.error();
    q.candidate = std::move(parsed).value();
  }
  if (const json* rules = Member(query, "host_rules")) {
    Result<HostRulePolicies> parsed = ParseHostRulePolicies(*rules, "query.host_rules");
    if (!parsed) return parsed.error();
    q.host_rules = *parsed;
  }

  if (const json* ranking = Member(query, "ranking")) {
    const std::string name = ranking->is_string() ? ranking->get<std::string>() : std::string();
    if (name == "earliest") q.ranking = Ranking::kEarliest;
    else if (name == "balanced_load") q.ranking = Ranking::kBalancedLoad;
    else if (name == "candidate_friendly") q.ranking = Ranking::kCandidateFriendly;
    else if (name == "fewest_room_changes") q.ranking = Ranking::kFewestRoomChanges;
    else return Invalid("query.ranking", "query.ranking must be \"earliest\", \"balanced_load\", "
                                         "\"candidate_friendly\" or \"fewest_room_changes\"");
  }

  if (const json* unknown = Member(query, "unknown_free_busy")) {
    const std::string name = unknown->is_string() ? unknown->get<std::string>() : std::string();
    if (name != "blocks" && name != "free") {
      return Invalid("query.unknown_free_busy", "query.unknown_free_busy must be \"blocks\" or \"free\"");
    }
    q.unknown_free_busy_blocks = name == "blocks";
  }

  if (const json* spread = Member(query, "spread")) {
    const std::string name = spread->is_string() ? spread->get<std::string>() : std::string();
    if (name != "none" && name != "days") return Invalid("query.spread", "query.spread must be \"none\" or \"days\"");
    q.spread_days = name == "days";
  }

  Result<bool> explain = BoolMember(query, "explain", path, false);
  if (!explain) return explain.error();
  q.explain = *explain;
  return q;
}

}  // namespace

// =====================================================================================================================
// [SECTION] Document
// =====================================================================================================================

namespace {

// Everything after the calendars: the query against `index`, host owners, the conferencing provider of each host.
Result<Problem> FinishProblem(Problem problem, const CalendarIndex& index, const json* query, ZoneSource& zones) {
  if (query == nullptr) return Invalid("query", "query is required");
  Result<AvailabilityQuery> parsed = ParseQuery(*query, zones, index);
  if (!parsed) return parsed.error();
  problem.query = std::move(parsed).value();
  // Calendars whose free/busy is unknown block at every instant unless the query treats them as free.
  if (problem.query.unknown_free_busy_blocks) {
    for (Calendar& calendar : problem.calendars) {
      if (!calendar.free_busy_unknown) continue;
      BusyEvent unknown;
      unknown.interval = kUnknownFreeBusySpan;
      unknown.unknown = true;
      calendar.busy.insert(calendar.busy.begin(), std::move(unknown));  // the earliest start: stays sorted
    }
  }
  // Host accounts: resolve each owner's calendar; a host of the query must belong to the query's provider.
  for (Calendar& calendar : problem.calendars) {
    if (!calendar.conferencing_account) continue;
    auto owner = index.find(calendar.conferencing_account->owner);
    if (owner != index.end()) calendar.conferencing_account->owner_calendar = owner->second;
  }
  if (problem.query.conferencing) {
    for (std::size_t h : problem.query.conferencing->hosts) {
      const Calendar& host = problem.calendars[h];
      if (!host.conferencing_account || host.conferencing_account->provider == problem.query.conferencing->provider) {
        continue;
      }
      return Invalid(CalendarPath(host.sub) + ".conferencing_account.provider",
                     "host account " + host.sub + " is a " +
                         std::string(ConferencingProviderName(host.conferencing_account->provider)) +
                         " account but query.conferencing.provider is " +
                         std::string(ConferencingProviderName(problem.query.conferencing->provider)));
    }
  }
  return problem;
}

Error TooManyCalendars() {
  return Invalid("calendars", "calendars has more than " + std::to_string(kMaxCalendars) + " entries");
}

}  // namespace

void SortBusyEvents(std::vector<BusyEvent>& busy) {
  std::stable_sort(busy.begin(), busy.end(), [](const BusyEvent& a, const BusyEvent& b) {
    return a.interval.start != b.interval.start ? a.interval.start < b.interval.start : a.interval.end < b.interval.end;
  });
}

nlohmann::json UnknownFreeBusyJson(const Problem& problem) {
  json list = json::array();
  for (const Calendar& calendar : problem.calendars) {
    if (!calendar.free_busy_unknown) continue;
    const bool blocks = problem.query.unknown_free_busy_blocks;
    list.push_back({{"sub", calendar.sub},
                    {"reason", *calendar.free_busy_unknown},
                    {"treated_as", blocks ? "busy" : "free"},
                    {"message", "The free/busy time of " + calendar.sub + " is unknown (" +
                                    *calendar.free_busy_unknown + "), so " +
                                    (blocks ? "no time is offered with " + calendar.sub
                                            : "times are offered as if " + calendar.sub + " were free") +
                                    "."}});
  }
  return list;
}

Result<Calendar> ParseCalendarValue(const std::string& sub, const json& value, ZoneSource& zones) {
  std::size_t events_total = 0;
  return ParseCalendar(sub, value, zones, events_total);
}

Result<Problem> ParseAvailabilityDocument(const json& document, ZoneSource& zones) {
  if (!document.is_object()) return Invalid("", "the document must be an object {\"now\", \"query\", \"calendars\"}");
  Problem problem;
  Result<Instant> now = InstantMember(document, "now", "");
  if (!now) return now.error();
  problem.now = *now;

  const json* calendars = Member(document, "calendars");
  if (calendars == nullptr) return Invalid("calendars", "calendars is required");
  if (!calendars->is_object()) return Invalid("calendars", "calendars must be an object of sub -> calendar");
  if (calendars->size() > kMaxCalendars) return TooManyCalendars();
  CalendarIndex index;
  std::size_t events_total = 0;
  problem.calendars.reserve(calendars->size());
  for (auto it = calendars->begin(); it != calendars->end(); ++it) {
    Result<Calendar> calendar = ParseCalendar(it.key(), *it, zones, events_total);
    if (!calendar) return calendar.error();
    index.emplace(it.key(), problem.calendars.size());
    problem.calendars.push_back(std::move(calendar).value());
  }
  return FinishProblem(std::move(problem), index, Member(document, "query"), zones);
}

Result<Problem> AssembleProblem(Instant now, std::vector<Calendar> calendars, const json& query, ZoneSource& zones) {
  if (calendars.size() > kMaxCalendars) return TooManyCalendars();
  Problem problem;
  problem.now = now;
  CalendarIndex index;
  std::size_t events_total = 0;
  for (std::size_t i = 0; i < calendars.size(); ++i) {
    const Calendar& calendar = calendars[i];
    const std::string busy_path = CalendarPath(calendar.sub) + ".busy";
    if (calendar.busy.size() > kMaxEventsPerCalendar) {
      return Invalid(busy_path, busy_path + " has more than " + std::to_string(kMaxEventsPerCalendar) + " events");
    }
    events_total += calendar.busy.size();
    if (events_total > kMaxEventsTotal) {
      return Invalid(busy_path, "the calendars hold more than " + std::to_string(kMaxEventsTotal) + " events in total");
    }
    index.emplace(calendar.sub, i);
  }
  problem.calendars = std::move(calendars);
  return FinishProblem(std::move(problem), index, &query, zones);
}

Result<Problem> ParseAvailabilityText(std::string_view json_text, ZoneSource& zones) {
  if (std::optional<Problem> fast = ParseAvailabilityFast(json_text, zones)) return std::move(*fast);
  if (const std::optional<std::size_t> deep = JsonNestingBeyond(json_text)) {
    return Error{codes::kInvalidJson, NestingTooDeepMessage(*deep), ""};
  }
  const json document = slotwise::ParseJson(json_text);
  if (document.is_discarded()) return Error{codes::kInvalidJson, "the request body is not valid JSON", ""};
  return ParseAvailabilityDocument(document, zones);
}

// Field readers shared with sequence_parse.cpp (availability_parse_internal.h).
namespace parse_internal {
const json* MemberOf(const json& object, const char* key) { return Member(object, key); }
Result<bool> BoolAt(const json& object, const char* key, const std::string& parent, bool fallback) {
  return BoolMember(object, key, parent, fallback);
}
Result<Duration> MinutesAt(const json& object, const char* key, const std::string& parent, std::int64_t min,
                           std::int64_t max, std::optional<Duration> fallback) {
  return Minutes(object, key, parent, min, max, fallback);
}
Result<std::int64_t> IntegerAt(const json& value, const std::string& path, std::int64_t min, std::int64_t max) {
  return Integer(value, path, min, max);
}
Result<ParticipantGroup> ParseGroupAt(const json& value, const std::string& path, const SubIndex& calendars,
                                      std::size_t& members_total) {
  return ParseGroup(value, path, calendars, members_total);
}
Result<RoomRequest> ParseRoomsAt(const json& value, const std::string& path, const SubIndex& calendars,
                                 std::size_t& members_total) {
  return ParseRooms(value, path, calendars, members_total);
}
}  // namespace parse_internal

std::string_view ConferencingProviderName(ConferencingProvider provider) {
  switch (provider) {
    case ConferencingProvider::kZoom: return "zoom";
    case ConferencingProvider::kTeams: return "teams";
    case ConferencingProvider::kGoogleMeet: return "google_meet";
    case ConferencingProvider::kGoTo: return "goto";
  }
  return "zoom";
}

}  // namespace slotwise
