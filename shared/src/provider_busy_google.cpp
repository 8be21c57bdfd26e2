// provider_busy_google.cpp — Google Calendar freeBusy responses and events.list items -> BusyEvent (provider_busy.h).
#include "provider_busy_internal.h"
#include "slotwise/error_codes.h"
#include "slotwise/provider_busy.h"

namespace slotwise {

using provider_detail::CheckedInterval;
using provider_detail::InvalidData;
using provider_detail::Member;
using provider_detail::StringMember;

namespace {

// One RFC 3339 member of a freeBusy busy range.
Result<Instant> Rfc3339Member(const nlohmann::json& object, const char* key, const std::string& path) {
  const std::string field = path + "." + key;
  std::optional<std::string> text = StringMember(object, key);
  if (!text) return InvalidData(field, "must be an RFC 3339 string");
  std::optional<Instant> instant = ParseRfc3339(*text);
  if (!instant) return InvalidData(field, "is not a valid RFC 3339 time: \"" + *text + "\"");
  return *instant;
}

Result<std::vector<BusyEvent>> OneFreeBusyCalendar(const std::string& id, const nlohmann::json& calendar,
                                                   const std::string& path) {
  if (!calendar.is_object()) return InvalidData(path, "must be an object");
  if (const nlohmann::json* errors = Member(calendar, "errors")) {
    if (!errors->is_array()) return InvalidData(path + ".errors", "must be an array");
    if (!errors->empty()) {
      std::string reasons;
      for (const nlohmann::json& error : *errors) {
        if (!reasons.empty()) reasons += ", ";
        reasons += StringMember(error, "reason").value_or("unknown reason");
        if (std::optional<std::string> domain = StringMember(error, "domain")) reasons += " (" + *domain + ")";
      }
      return Error{codes::kProviderCalendarError, "Google calendar " + id + " could not be read: " + reasons,
                   path + ".errors"};
    }
  }
  std::vector<BusyEvent> events;
  const nlohmann::json* busy = Member(calendar, "busy");
  if (busy == nullptr) return events;  // Google omits an empty list
  if (!busy->is_array()) return InvalidData(path + ".busy", "must be an array");
  for (std::size_t i = 0; i < busy->size(); ++i) {
    const std::string item_path = path + ".busy[" + std::to_string(i) + "]";
    const nlohmann::json& range = (*busy)[i];
    if (!range.is_object()) return InvalidData(item_path, "must be an object");
    Result<Instant> start = Rfc3339Member(range, "start", item_path);
    if (!start) return start.error();
    Result<Instant> end = Rfc3339Member(range, "end", item_path);
    if (!end) return end.error();
    Result<Interval> interval = CheckedInterval(*start, *end, item_path + ".end");
    if (!interval) return interval.error();
    events.push_back(BusyEvent{*interval, BusyStatus::kBusy, false, false, ""});
  }
  return events;
}

// An event's start or end: {"dateTime", "timeZone"?} or {"date"}.
struct EventTime {
  bool all_day = false;
  Instant instant = 0;  // when !all_day
  CivilDate date;       // when all_day
};

Result<EventTime> ParseEventTime(const nlohmann::json& time, const std::string& path, ZoneSource& zones) {
  if (!time.is_object()) return InvalidData(path, "must be an object with \"dateTime\" or \"date\"");
  if (Member(time, "date") != nullptr) {
    std::optional<std::string> text = StringMember(time, "date");
    std::optional<CivilDate> date = text ? ParseIsoDate(*text) : std::nullopt;
    if (!date) return InvalidData(path + ".date", "must be a \"YYYY-MM-DD\" date");
    return EventTime{true, 0, *date};
  }
  std::optional<std::string> text = StringMember(time, "dateTime");
  if (!text) return InvalidData(path, "must have a \"dateTime\" or \"date\" string");
  if (std::optional<Instant> instant = ParseRfc3339(*text)) return EventTime{false, *instant, {}};
  // Without an offset, Google requires a `timeZone` naming the zone of the wall time.
  std::optional<LocalDateTime> local = provider_detail::ParseLocalDateTime(*text);
  if (!local) return InvalidData(path + ".dateTime", "is not a valid RFC 3339 time: \"" + *text + "\"");
  std::optional<std::string> zone_name = StringMember(time, "timeZone");
  if (!zone_name) return InvalidData(path + ".timeZone", "is required when dateTime has no offset");
  const TimeZone* zone = ResolveProviderZone(*zone_name, zones);
  if (zone == nullptr)
    return Error{codes::kUnknownTimeZone, "unknown time zone \"" + *zone_name + "\"", path + ".timeZone"};
  return EventTime{false, zone->FromLocal(*local), {}};
}

// The responseStatus of the owner's own attendee entry (`self: true`), or empty when there is none.
Result<std::string> SelfResponse(const nlohmann::json& item, const std::string& path) {
  const nlohmann::json* attendees = Member(item, "attendees");
  if (attendees == nullptr) return std::string();
  if (!attendees->is_array()) return InvalidData(path + ".attendees", "must be an array");
  for (const nlohmann::json& attendee : *attendees) {
    const nlohmann::json* self = Member(attendee, "self");
    if (self != nullptr && self->is_boolean() && self->get<bool>())
      return StringMember(attendee, "responseStatus").value_or("");
  }
  return std::string();
}

// One events.list item -> an event, or nullopt when it occupies no time (cancelled, declined).
Result<std::optional<BusyEvent>> OneGoogleEvent(const nlohmann::json& item, const std::string& path,
                                                const TimeZone& owner_zone, ZoneSource& zones) {
  if (!item.is_object()) return InvalidData(path, "must be an object");
  const std::string status = StringMember(item, "status").value_or("confirmed");
  if (status == "cancelled") return std::optional<BusyEvent>();
  if (Member(item, "recurrence") != nullptr)
    return Error{codes::kUnsupportedRecurrence,
                 path + " is a recurring event: recurrence not supported (list events with singleEvents=true)",
                 path + ".recurrence"};
  Result<std::string> self_response = SelfResponse(item, path);
  if (!self_response) return self_response.error();
  if (*self_response == "declined") return std::optional<BusyEvent>();

  const nlohmann::json* start_json = Member(item, "start");
  const nlohmann::json* end_json = Member(item, "end");
  if (start_json == nullptr) return InvalidData(path + ".start", "is required");
  if (end_json == nullptr) return InvalidData(path + ".end", "is required");
  Result<EventTime> start = ParseEventTime(*start_json, path + ".start", zones);
  if (!start) return start.error();
  Result<EventTime> end = ParseEventTime(*end_json, path + ".end", zones);
  if (!end) return end.error();
  if (start->all_day != end->all_day)
    return InvalidData(path + ".end", "must be a date when start is a date, and a dateTime when start is one");
  Result<Interval> interval = start->all_day
      ? provider_detail::AllDayInterval(owner_zone, start->date, end->date, path + ".end.date")
      : CheckedInterval(start->instant, end->instant, path + ".end.dateTime");
  if (!interval) return interval.error();

  BusyEvent event;
  event.interval = *interval;
  const std::string event_type = StringMember(item, "eventType").value_or("default");
  if (event_type == "outOfOffice") {
    event.status = BusyStatus::kOutOfOffice;
  } else if (event_type == "workingLocation") {
    event.status = BusyStatus::kWorkingElsewhere;
  } else if (StringMember(item, "transparency").value_or("opaque") == "transparent") {
    event.status = BusyStatus::kFree;
  } else if (status == "tentative" || *self_response == "needsAction" || *self_response == "tentative") {
    event.status = BusyStatus::kTentative;
  } else {
    event.status = BusyStatus::kBusy;  // includes focusTime
  }
  const std::string visibility = StringMember(item, "visibility").value_or("default");
  event.is_private = visibility == "private" || visibility == "confidential";
  if (!event.is_private) event.summary = StringMember(item, "summary").value_or("");
  return std::optional<BusyEvent>(std::move(event));
}

}  // namespace

Result<std::vector<CalendarBusy>> GoogleFreeBusyToBusy(const nlohmann::json& response) {
  if (!response.is_object()) return InvalidData("(response)", "must be a JSON object");
  if (const nlohmann::json* kind = Member(response, "kind");
      kind != nullptr && (!kind->is_string() || kind->get_ref<const std::string&>() != "calendar#freeBusy"))
    return InvalidData("kind", "must be \"calendar#freeBusy\"");
  const nlohmann::json* calendars = Member(response, "calendars");
  if (calendars == nullptr || !calendars->is_object()) return InvalidData("calendars", "must be an object");
  std::vector<CalendarBusy> result;
  result.reserve(calendars->size());
  for (auto it = calendars->begin(); it != calendars->end(); ++it)
    result.push_back(CalendarBusy{it.key(), OneFreeBusyCalendar(it.key(), it.value(), "calendars." + it.key())});
  return result;
}

Result<std::vector<BusyEvent>> GoogleEventsToBusy(const nlohmann::json& events, const TimeZone& owner_zone,
                                                  ZoneSource& zones) {
  const nlohmann::json* items = &events;
  std::string path = "";
  if (events.is_object()) {
    items = Member(events, "items");
    path = "items";
    if (items == nullptr) return std::vector<BusyEvent>{};  // an empty page may omit items
  }
  if (!items->is_array()) return InvalidData(path.empty() ? "(events)" : path, "must be an array");
  std::vector<BusyEvent> result;
  for (std::size_t i = 0; i < items->size(); ++i) {
    Result<std::optional<BusyEvent>> event =
        OneGoogleEvent((*items)[i], path + "[" + std::to_string(i) + "]", owner_zone, zones);
    if (!event) return event.error();
    if (event->has_value()) result.push_back(**event);
  }
  return result;
}

}  // namespace slotwise
