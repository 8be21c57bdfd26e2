// microsoft_graph_calendar.cpp — see microsoft_graph_calendar.h.
#include "providers/microsoft_graph_calendar.h"

#include <algorithm>
#include <utility>

#include "net/url.h"
#include "providers/free_busy_merge.h"
#include "providers/provider_json.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;

constexpr std::string_view kGraphPublicBase = "https://graph.microsoft.com/v1.0";
constexpr const char* kPreferUtc = "outlook.timezone=\"UTC\"";  // event times come back in UTC

std::shared_ptr<ConcurrencyLimiter> EnsureLimiter(MicrosoftGraphOptions& options) {
  if (!options.limiter) options.limiter = std::make_shared<ConcurrencyLimiter>(kGraphConcurrentRequestsPerMailbox);
  return options.limiter;
}

// Graph dateTimeTimeZone for a UTC instant: {"dateTime":"2026-12-01T09:00:00","timeZone":"UTC"}.
json UtcDateTime(Instant instant) {
  std::string text = FormatRfc3339(instant);
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  return {{"dateTime", text}, {"timeZone", "UTC"}};
}


AttendeeResponse ParseGraphResponse(std::string_view response) {
  if (response == "accepted") return AttendeeResponse::kAccepted;
  if (response == "tentativelyAccepted") return AttendeeResponse::kTentative;
  if (response == "declined") return AttendeeResponse::kDeclined;
  if (response == "notResponded") return AttendeeResponse::kNeedsAction;
  if (response == "organizer") return AttendeeResponse::kOrganizer;
  return AttendeeResponse::kUnknown;  // "none" and anything new
}

json EventBody(const EventSpec& spec, bool with_transaction_id) {
  json body = json::object();
  body["subject"] = spec.summary;
  body["body"] = {{"contentType", "text"}, {"content", spec.description}};
  body["start"] = UtcDateTime(spec.start);
  body["end"] = UtcDateTime(spec.end);
  json attendees = json::array();
  const Attendee* room = nullptr;
  for (const Attendee& attendee : spec.attendees) {
    json address = {{"address", attendee.email}};
    if (!attendee.name.empty()) address["name"] = attendee.name;
    const char* type = attendee.resource ? "resource" : attendee.optional ? "optional" : "required";
    attendees.push_back({{"emailAddress", std::move(address)}, {"type", type}});
    if (attendee.resource && room == nullptr) room = &attendee;
  }
  body["attendees"] = std::move(attendees);
  if (spec.tentative) body["showAs"] = "tentative";
  if (room != nullptr || !spec.location.empty()) {
    json location = {{"displayName", !spec.location.empty() ? spec.location
                                     : !room->name.empty()  ? room->name
                                                            : room->email}};
    if (room != nullptr) location["locationEmailAddress"] = room->email;
    body["location"] = std::move(location);
  }
  if (spec.video == VideoKind::kTeams) {
    body["isOnlineMeeting"] = true;
    body["onlineMeetingProvider"] = "teamsForBusiness";
  }
  if (with_transaction_id) body["transactionId"] = spec.idempotency_key;
  return body;
}

}  // namespace

namespace {

// Graph {dateTime: "YYYY-MM-DDTHH:MM:SS[.fffffff]", timeZone: "UTC"} as an instant; 0 for any other zone (every
// event request of this adapter asks for UTC with kPreferUtc).
Instant GraphUtcInstant(const json* when) {
  if (when == nullptr || !when->is_object()) return 0;
  const std::string zone = detail::StringOr(*when, "timeZone");
  if (zone != "UTC" && zone != "Etc/UTC" && zone != "Coordinated Universal Time") return 0;
  const std::string text = detail::StringOr(*when, "dateTime");
  if (text.size() < 19) return 0;
  return ParseRfc3339(text.substr(0, 19) + "Z").value_or(0);
}

}  // namespace

Result<CreatedEvent> ParseGraphEvent(std::string_view body, bool wants_online_meeting) {
  std::optional<json> parsed = detail::ParseJson(body);
  if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kGraph, "the event is not a JSON object");
  std::optional<std::string> id = detail::StringAt(*parsed, "id");
  if (!id || id->empty()) return MalformedResponse(Provider::kGraph, "the event has no id");
  CreatedEvent event;
  event.id = *id;
  event.ical_uid = detail::StringOr(*parsed, "iCalUId");
  event.web_link = detail::StringOr(*parsed, "webLink");
  event.cancelled = detail::BoolAt(*parsed, "isCancelled").value_or(false);
  if (const json* meeting = detail::Member(*parsed, "onlineMeeting"); meeting && meeting->is_object()) {
    event.join_url = detail::StringOr(*meeting, "joinUrl");
    const std::string conference_id = detail::StringOr(*meeting, "conferenceId");
    if (const std::string toll = detail::StringOr(*meeting, "tollNumber"); !toll.empty()) {
      event.dial_in.push_back({toll, "", conference_id});
    }
    if (const json* free = detail::Member(*meeting, "tollFreeNumbers"); free && free->is_array()) {
      for (const json& number : *free) {
        if (number.is_string() && !number.get<std::string>().empty()) {
          event.dial_in.push_back({number.get<std::string>(), "", conference_id});
        }
      }
    }
  }
  const bool online = detail::BoolAt(*parsed, "isOnlineMeeting").value_or(wants_online_meeting);
  if (!event.join_url.empty()) event.conference = ConferenceStatus::kSuccess;
  else if (online) event.conference = ConferenceStatus::kPending;
  if (const json* attendees = detail::Member(*parsed, "attendees"); attendees && attendees->is_array()) {
    for (const json& attendee : *attendees) {
      const json* address = detail::Member(attendee, "emailAddress");
      std::optional<std::string> email = address ? detail::StringAt(*address, "address") : std::nullopt;
      if (!email) continue;
      const json* status = detail::Member(attendee, "status");
      event.attendees.push_back({*email, ParseGraphResponse(status ? detail::StringOr(*status, "response") : ""),
                                 detail::StringOr(attendee, "type") == "resource"});
    }
  }
  event.all_day = detail::BoolAt(*parsed, "isAllDay").value_or(false);
  if (!event.all_day) {
    event.start = GraphUtcInstant(detail::Member(*parsed, "start"));
    event.end = GraphUtcInstant(detail::Member(*parsed, "end"));
  }
  return event;
}

MicrosoftGraphCalendar::MicrosoftGraphCalendar(net::HttpTransport& transport, AccessTokenSource& tokens,
                                               std::string api_base, RetryPolicy policy, RetryHooks hooks,
                                               MicrosoftGraphOptions options)
    : client_(transport, tokens, Provider::kGraph, policy, std::move(hooks), EnsureLimiter(options)),
      api_base_(std::move(api_base)),
      options_(std::move(options)) {}

std::string MicrosoftGraphCalendar::MailboxPath(std::string_view mailbox) const {
  if (mailbox.empty()) mailbox = options_.default_mailbox;
  if (mailbox == "me") return "/me";
  return "/users/" + net::PercentEncode(mailbox);
}

// [SECTION] FreeBusy

Result<std::vector<CalendarBusy>> MicrosoftGraphCalendar::FreeBusy(const std::vector<std::string>& calendar_ids,
                                                                   Interval range, std::string_view /*time_zone*/) {
  if (range.empty()) return InvalidRequest("the free/busy range is empty", "range");
  const std::int32_t interval = options_.availability_view_interval;
  if (interval < 5 || interval > 1440) {
    return InvalidRequest("availabilityViewInterval must be 5..1440 minutes", "availability_view_interval");
  }
  const std::vector<std::string> ids = detail::UniqueIds(calendar_ids);
  const std::size_t per_call = std::max<std::size_t>(1, options_.max_schedules_per_call);
  const std::vector<Interval> pieces = detail::SplitRange(range, options_.max_range_per_call);
  const std::string url = JoinUrl(api_base_, MailboxPath({}) + "/calendar/getSchedule");
  const std::vector<detail::ChunkCall> calls = detail::PlanChunkCalls(ids, per_call, pieces);
  const std::vector<detail::ChunkOutcome> outcomes =
      detail::RunChunkCalls(calls.size(), options_.parallel_calls, [&](std::size_t index) {
        const json body = {{"schedules", calls[index].ids},
                           {"startTime", UtcDateTime(calls[index].piece.start)},
                           {"endTime", UtcDateTime(calls[index].piece.end)},
                           {"availabilityViewInterval", interval}};
        net::HttpRequest request = ProviderClient::JsonRequest("POST", url, DumpJson(body));
        request.With("Prefer", kPreferUtc);
        return detail::SendChunk(client_, std::move(request), options_.default_mailbox);
      });
  detail::BusyMerger merger;
  const auto read = [&](const detail::ChunkCall& call, const net::HttpResponse& response, const auto& fail_chunk) {
    std::optional<json> parsed = detail::ParseJson(response.body);
    const json* value = parsed ? detail::Member(*parsed, "value") : nullptr;
    if (value == nullptr || !value->is_array()) {
      fail_chunk(MalformedResponse(Provider::kGraph, "getSchedule answer has no `value` array"));
      return;
    }
    for (const std::string& id : call.ids) {
      auto item = std::find_if(value->begin(), value->end(), [&](const json& schedule) {
        return EqualsIgnoreCase(detail::StringOr(schedule, "scheduleId"), id);
      });
      if (item == value->end()) {
        merger.Fail(id, Error{codes::kProviderCalendarError, id + ": missing from Graph's getSchedule answer", "value"});
        continue;
      }
      Result<std::vector<BusyEvent>> events = std::vector<BusyEvent>{};
      if (detail::Member(*item, "scheduleItems") != nullptr || detail::Member(*item, "error") != nullptr) {
        if (options_.zones != nullptr) {
          events = GraphScheduleItemsToBusy(*item, *options_.zones);
        } else {
          std::lock_guard lock(utc_zones_mutex_);
          events = GraphScheduleItemsToBusy(*item, utc_zones_);
        }
      } else {
        events = GraphAvailabilityViewToBusy(*item, call.piece.start, interval);
      }
      if (events) merger.Add(id, *events);
      else merger.Fail(id, events.error());
    }
  };
  if (std::optional<Error> broken = detail::MergeChunkOutcomes(calls, outcomes, merger, read)) return *broken;
  return merger.Take(calendar_ids);
}

// [SECTION] Events

Result<CreatedEvent> MicrosoftGraphCalendar::SendEvent(std::string method, std::string url, std::string_view mailbox,
                                                       const EventSpec& spec, bool with_transaction_id) {
  if (spec.video == VideoKind::kMeet) {
    return InvalidRequest("Microsoft Graph cannot create a Google Meet link; use video none or teams", "video");
  }
  const std::string body = DumpJson(EventBody(spec, with_transaction_id));
  net::HttpRequest request = ProviderClient::JsonRequest(std::move(method), std::move(url), body);
  request.With("Prefer", kPreferUtc);
  Result<net::HttpResponse> sent =
      client_.Send(std::move(request), mailbox.empty() ? std::string_view(options_.default_mailbox) : mailbox);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return ParseGraphEvent(sent->body, spec.video == VideoKind::kTeams);
}

Result<CreatedEvent> MicrosoftGraphCalendar::CreateEvent(const EventSpec& spec) {
  if (Result<bool> valid = ValidateEventSpec(spec); !valid) return valid.error();
  Result<CreatedEvent> created = SendEvent("POST", JoinUrl(api_base_, MailboxPath(spec.organiser_calendar_id) + "/events"),
                                           spec.organiser_calendar_id, spec, /*with_transaction_id=*/true);
  if (created && spec.video == VideoKind::kTeams && created->join_url.empty()) {
    // Outlook made the event without its Teams meeting (onlineMeeting null): ask once more on the same event. Still
    // without a link, the event is returned as it is; the caller decides (the outbox never confirms it so).
    if (Result<CreatedEvent> again = UpdateEvent(created->id, spec)) return again;
  }
  return created;
}

Result<CreatedEvent> MicrosoftGraphCalendar::UpdateEvent(std::string_view event_id, const EventSpec& spec) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  if (spec.end <= spec.start) return InvalidRequest("the event's end must be after its start", "end");
  return SendEvent("PATCH",
                   JoinUrl(api_base_, MailboxPath(spec.organiser_calendar_id) + "/events/" + net::PercentEncode(event_id)),
                   spec.organiser_calendar_id, spec, /*with_transaction_id=*/false);
}

Result<bool> MicrosoftGraphCalendar::DeleteEvent(std::string_view event_id) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  Result<net::HttpResponse> sent = client_.Send(
      ProviderClient::JsonRequest("DELETE", JoinUrl(api_base_, MailboxPath({}) + "/events/" + net::PercentEncode(event_id))),
      options_.default_mailbox);
  if (!sent) return client_.ToError(sent.error());
  if (sent->Ok() || sent->status == 404 || sent->status == 410) return true;
  return client_.ToError(*sent);
}

Result<CreatedEvent> MicrosoftGraphCalendar::GetEvent(std::string_view event_id) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  net::HttpRequest request =
      ProviderClient::JsonRequest("GET", JoinUrl(api_base_, MailboxPath({}) + "/events/" + net::PercentEncode(event_id)));
  request.With("Prefer", kPreferUtc);
  Result<net::HttpResponse> sent = client_.Send(std::move(request), options_.default_mailbox);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return ParseGraphEvent(sent->body, false);
}

// [SECTION] Directories

Result<std::string> MicrosoftGraphCalendar::ApiLink(std::string_view link) const {
  std::string base = api_base_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (link.rfind(base + "/", 0) == 0) return std::string(link);
  if (link.rfind(std::string(kGraphPublicBase) + "/", 0) == 0) return base + std::string(link.substr(kGraphPublicBase.size()));
  return MalformedResponse(Provider::kGraph, "a link points outside the API base; not followed");
}

Result<std::vector<json>> MicrosoftGraphCalendar::GetAllPages(std::string url) {
  std::vector<json> items;
  for (std::size_t page = 0; !url.empty(); ++page) {
    if (page >= options_.max_pages) {
      return MalformedResponse(Provider::kGraph, "more than " + std::to_string(options_.max_pages) + " pages");
    }
    Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest("GET", url));
    if (!sent) return client_.ToError(sent.error());
    if (!sent->Ok()) return client_.ToError(*sent);
    std::optional<json> parsed = detail::ParseJson(sent->body);
    const json* value = parsed ? detail::Member(*parsed, "value") : nullptr;
    if (value == nullptr || !value->is_array()) return MalformedResponse(Provider::kGraph, "no `value` array");
    for (const json& item : *value) items.push_back(item);
    const std::string next = detail::StringOr(*parsed, "@odata.nextLink");
    if (next.empty()) {
      url.clear();
    } else if (Result<std::string> link = ApiLink(next); link) {
      url = std::move(link).value();
    } else {
      return link.error();
    }
  }
  return items;
}

Result<std::vector<RoomInfo>> MicrosoftGraphCalendar::ListRooms() {
  Result<std::vector<json>> items = GetAllPages(JoinUrl(api_base_, "/places/microsoft.graph.room?$top=100"));
  if (!items) return items.error();
  std::vector<RoomInfo> rooms;
  for (const json& item : *items) {
    RoomInfo room;
    room.email = detail::StringOr(item, "emailAddress");
    if (room.email.empty()) continue;  // a room without a mailbox cannot be booked or queried
    room.name = detail::StringOr(item, "displayName");
    room.capacity = detail::IntAt(item, "capacity");
    room.building = detail::StringOr(item, "building");
    room.floor = detail::IdAt(item, "floorNumber").value_or(detail::StringOr(item, "floorLabel"));
    if (const json* tags = detail::Member(item, "tags"); tags && tags->is_array()) {
      for (const json& tag : *tags) {
        if (tag.is_string() && !tag.get<std::string>().empty()) room.features.push_back(tag.get<std::string>());
      }
    }
    if (detail::Member(item, "isWheelChairAccessible") && item["isWheelChairAccessible"].is_boolean() &&
        item["isWheelChairAccessible"].get<bool>()) {
      room.features.push_back("Wheelchair accessible");
    }
    for (const char* device : {"videoDeviceName", "audioDeviceName", "displayDeviceName"}) {
      if (const std::string name = detail::StringOr(item, device); !name.empty()) room.features.push_back(name);
    }
    rooms.push_back(std::move(room));
  }
  return rooms;
}

Result<std::map<std::string, std::vector<std::string>>> MicrosoftGraphCalendar::ListRoomLists() {
  Result<std::vector<json>> lists = GetAllPages(JoinUrl(api_base_, "/places/microsoft.graph.roomlist?$top=100"));
  if (!lists) return lists.error();
  std::map<std::string, std::vector<std::string>> rooms_by_list;
  for (const json& list : *lists) {
    const std::string address = AsciiLower(detail::StringOr(list, "emailAddress"));
    if (address.empty()) continue;
    Result<std::vector<json>> rooms = GetAllPages(
        JoinUrl(api_base_, "/places/" + net::PercentEncode(address) + "/microsoft.graph.roomlist/rooms?$top=100"));
    if (!rooms) return rooms.error();
    std::vector<std::string>& members = rooms_by_list[address];
    for (const json& room : *rooms) {
      if (const std::string email = AsciiLower(detail::StringOr(room, "emailAddress")); !email.empty()) {
        members.push_back(email);
      }
    }
  }
  return rooms_by_list;
}

Result<MailboxSettings> MicrosoftGraphCalendar::GetMailboxSettings(std::string_view user) {
  if (user.empty()) return InvalidRequest("the user is empty", "user");
  const std::string mailbox(user);
  Result<net::HttpResponse> sent = client_.Send(
      ProviderClient::JsonRequest("GET", JoinUrl(api_base_, "/users/" + net::PercentEncode(user) + "/mailboxSettings")),
      mailbox);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  std::optional<json> parsed = detail::ParseJson(sent->body);
  if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kGraph, "mailboxSettings is not an object");
  MailboxSettings settings;
  settings.time_zone = detail::StringOr(*parsed, "timeZone");
  if (const json* hours = detail::Member(*parsed, "workingHours"); hours && hours->is_object()) {
    static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    if (const json* days = detail::Member(*hours, "daysOfWeek"); days && days->is_array()) {
      for (const json& day : *days) {
        for (int d = 0; d < 7; ++d) {
          if (day.is_string() && day.get<std::string>() == kDays[d]) settings.working_days.push_back(d);
        }
      }
    }
    // "09:00:00.0000000" → "09:00"
    settings.working_start = detail::StringOr(*hours, "startTime").substr(0, 5);
    settings.working_end = detail::StringOr(*hours, "endTime").substr(0, 5);
    if (const json* zone = detail::Member(*hours, "timeZone"); zone && zone->is_object()) {
      settings.working_hours_time_zone = detail::StringOr(*zone, "name");
    }
  }
  return settings;
}

Result<std::vector<DirectoryUser>> MicrosoftGraphCalendar::ListUsers() {
  Result<std::vector<json>> items =
      GetAllPages(JoinUrl(api_base_, "/users?$select=id,displayName,mail,userPrincipalName&$top=100"));
  if (!items) return items.error();
  std::vector<DirectoryUser> users;
  for (const json& item : *items) {
    DirectoryUser user;
    user.id = detail::StringOr(item, "id");
    user.email = detail::StringOr(item, "mail");
    if (user.email.empty()) user.email = detail::StringOr(item, "userPrincipalName");
    user.display_name = detail::StringOr(item, "displayName");
    if (user.id.empty()) continue;
    users.push_back(std::move(user));
  }
  return users;
}

Result<std::vector<std::string>> MicrosoftGraphCalendar::VerifiedDomains() {
  Result<std::vector<json>> items = GetAllPages(JoinUrl(api_base_, "/organization?$select=id,verifiedDomains"));
  if (!items) return items.error();
  std::vector<std::string> domains;
  for (const json& organization : *items) {
    const json* verified = detail::Member(organization, "verifiedDomains");
    if (verified == nullptr || !verified->is_array()) continue;
    for (const json& domain : *verified) {
      const std::string name = AsciiLower(detail::StringOr(domain, "name"));
      if (!name.empty()) domains.push_back(name);
    }
  }
  return domains;
}

// [SECTION] Changes

Result<CalendarChanges> MicrosoftGraphCalendar::Changes(std::string_view cursor, Interval window) {
  CalendarChanges answer;
  answer.full = cursor.empty();
  std::string url;
  if (cursor.empty()) {
    url = net::WithQuery(JoinUrl(api_base_, MailboxPath({}) + "/calendarView/delta"),
                         {{"startDateTime", FormatRfc3339(window.start)}, {"endDateTime", FormatRfc3339(window.end)}});
  } else if (Result<std::string> link = ApiLink(cursor); link) {
    url = std::move(link).value();
  } else {
    return CalendarChanges{{}, "", false, true};  // a cursor this adapter would not follow: start over
  }
  for (std::size_t page = 0; page < options_.max_pages; ++page) {
    net::HttpRequest request = ProviderClient::JsonRequest("GET", url);
    request.With("Prefer", "odata.maxpagesize=" + std::to_string(options_.change_page_size));
    Result<net::HttpResponse> sent = client_.Send(std::move(request), options_.default_mailbox);
    if (!sent) return client_.ToError(sent.error());
    if (sent->status == 410 && !cursor.empty()) return CalendarChanges{{}, "", false, true};
    if (!sent->Ok()) return client_.ToError(*sent);
    std::optional<json> parsed = detail::ParseJson(sent->body);
    const json* value = parsed ? detail::Member(*parsed, "value") : nullptr;
    if (value == nullptr || !value->is_array()) return MalformedResponse(Provider::kGraph, "no `value` array");
    for (const json& item : *value) {
      const std::string id = detail::StringOr(item, "id");
      if (id.empty()) return MalformedResponse(Provider::kGraph, "a delta item without an id");
      answer.changes.push_back(EventChange{id, detail::Member(item, "@removed") != nullptr});
    }
    if (const std::string next = detail::StringOr(*parsed, "@odata.nextLink"); !next.empty()) {
      Result<std::string> link = ApiLink(next);
      if (!link) return link.error();
      url = std::move(link).value();
      continue;
    }
    answer.cursor = detail::StringOr(*parsed, "@odata.deltaLink");
    if (answer.cursor.empty()) return MalformedResponse(Provider::kGraph, "the last page has no @odata.deltaLink");
    return answer;
  }
  return MalformedResponse(Provider::kGraph, "more than " + std::to_string(options_.max_pages) + " pages");
}

}  // namespace slotwise::providers
