// google_calendar.cpp — see google_calendar.h.
#include "providers/google_calendar.h"

#include <algorithm>
#include <utility>

#include "net/url.h"
#include "providers/free_busy_merge.h"
#include "providers/idempotency.h"
#include "providers/provider_json.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;

std::string_view SendUpdatesParam(SendUpdates send_updates) {
  switch (send_updates) {
    case SendUpdates::kAll: return "all";
    case SendUpdates::kExternalOnly: return "externalOnly";
    case SendUpdates::kNone: return "none";
  }
  return "all";
}

AttendeeResponse ParseResponseStatus(std::string_view status) {
  if (status == "needsAction") return AttendeeResponse::kNeedsAction;
  if (status == "accepted") return AttendeeResponse::kAccepted;
  if (status == "tentative") return AttendeeResponse::kTentative;
  if (status == "declined") return AttendeeResponse::kDeclined;
  return AttendeeResponse::kUnknown;
}

json EventBody(const EventSpec& spec) {
  json body = json::object();
  body["summary"] = spec.summary;
  body["description"] = spec.description;
  const std::string zone = spec.time_zone.empty() ? "UTC" : spec.time_zone;
  body["start"] = {{"dateTime", FormatRfc3339(spec.start)}, {"timeZone", zone}};
  body["end"] = {{"dateTime", FormatRfc3339(spec.end)}, {"timeZone", zone}};
  json attendees = json::array();
  for (const Attendee& attendee : spec.attendees) {
    json item = {{"email", attendee.email}};
    if (!attendee.name.empty()) item["displayName"] = attendee.name;
    if (attendee.optional) item["optional"] = true;
    if (attendee.resource) item["resource"] = true;
    attendees.push_back(std::move(item));
  }
  body["attendees"] = std::move(attendees);
  if (!spec.location.empty()) body["location"] = spec.location;
  if (spec.tentative) body["status"] = "tentative";
  if (spec.video == VideoKind::kMeet) {
    body["conferenceData"] = {
        {"createRequest",
         {{"requestId", Sha256Hex("meet:" + spec.idempotency_key).substr(0, 32)},
          {"conferenceSolutionKey", {{"type", "hangoutsMeet"}}}}}};
  }
  return body;
}

}  // namespace

Result<CreatedEvent> ParseGoogleEvent(std::string_view body) {
  std::optional<json> parsed = detail::ParseJson(body);
  if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kGoogle, "the event is not a JSON object");
  std::optional<std::string> id = detail::StringAt(*parsed, "id");
  if (!id || id->empty()) return MalformedResponse(Provider::kGoogle, "the event has no id");
  CreatedEvent event;
  event.id = *id;
  event.ical_uid = detail::StringOr(*parsed, "iCalUID");
  event.web_link = detail::StringOr(*parsed, "htmlLink");
  event.cancelled = detail::StringOr(*parsed, "status") == "cancelled";
  event.join_url = detail::StringOr(*parsed, "hangoutLink");
  if (const json* conference = detail::Member(*parsed, "conferenceData"); conference && conference->is_object()) {
    event.conference = ConferenceStatus::kSuccess;  // conferenceData without a createRequest: an attached conference
    if (const json* request = detail::Member(*conference, "createRequest")) {
      const json* status = detail::Member(*request, "status");
      const std::string code = status ? detail::StringOr(*status, "statusCode") : "";
      if (code == "pending") event.conference = ConferenceStatus::kPending;
      else if (code == "failure") event.conference = ConferenceStatus::kFailure;
      else if (code == "success") event.conference = ConferenceStatus::kSuccess;
      else event.conference = ConferenceStatus::kPending;  // asked for, no verdict yet
    }
    if (const json* entry_points = detail::Member(*conference, "entryPoints"); entry_points && entry_points->is_array()) {
      for (const json& entry : *entry_points) {
        const std::string type = detail::StringOr(entry, "entryPointType");
        if (type == "video" && event.join_url.empty()) event.join_url = detail::StringOr(entry, "uri");
        if (type == "phone") {  // label "+1 234-567-8900", uri "tel:+1-234-567-8900"
          std::string number = detail::StringOr(entry, "label");
          if (number.empty()) number = detail::StringOr(entry, "uri");
          if (number.rfind("tel:", 0) == 0) number.erase(0, 4);
          if (!number.empty()) {
            event.dial_in.push_back({number, detail::StringOr(entry, "regionCode"), detail::StringOr(entry, "pin")});
          }
        }
      }
    }
  }
  for (auto [key, instant] : {std::pair{"start", &event.start}, std::pair{"end", &event.end}}) {
    const json* when = detail::Member(*parsed, key);
    if (when == nullptr || !when->is_object()) continue;
    if (detail::StringAt(*when, "date")) event.all_day = true;  // {date: "YYYY-MM-DD"}: an all-day event
    *instant = ParseRfc3339(detail::StringOr(*when, "dateTime")).value_or(0);
  }
  if (const json* attendees = detail::Member(*parsed, "attendees"); attendees && attendees->is_array()) {
    for (const json& attendee : *attendees) {
      std::optional<std::string> email = detail::StringAt(attendee, "email");
      if (!email) continue;
      event.attendees.push_back({*email, ParseResponseStatus(detail::StringOr(attendee, "responseStatus")),
                                 detail::BoolAt(attendee, "resource").value_or(false)});
    }
  }
  return event;
}

GoogleCalendar::GoogleCalendar(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                               RetryPolicy policy, RetryHooks hooks, GoogleCalendarOptions options)
    : client_(transport, tokens, Provider::kGoogle, policy, std::move(hooks), options.limiter),
      api_base_(std::move(api_base)),
      options_(std::move(options)) {}

std::string GoogleCalendar::EventUrl(std::string_view calendar_id, std::string_view event_id) const {
  std::string path = "/calendars/" + net::PercentEncode(calendar_id) + "/events";
  if (!event_id.empty()) path += "/" + net::PercentEncode(event_id);
  return JoinUrl(api_base_, path);
}

// [SECTION] FreeBusy

Result<std::vector<CalendarBusy>> GoogleCalendar::FreeBusy(const std::vector<std::string>& calendar_ids,
                                                           Interval range, std::string_view time_zone) {
  if (range.empty()) return InvalidRequest("the free/busy range is empty (Google: timeRangeEmpty)", "range");
  const std::vector<std::string> ids = detail::UniqueIds(calendar_ids);
  const std::size_t per_call = std::max<std::size_t>(1, options_.max_calendars_per_call);
  const std::vector<Interval> pieces = detail::SplitRange(range, options_.max_range_per_call);
  const std::vector<detail::ChunkCall> calls = detail::PlanChunkCalls(ids, per_call, pieces);
  const std::vector<detail::ChunkOutcome> outcomes =
      detail::RunChunkCalls(calls.size(), options_.parallel_calls, [&](std::size_t index) {
        json items = json::array();
        for (const std::string& id : calls[index].ids) items.push_back({{"id", id}});
        const json body = {{"timeMin", FormatRfc3339(calls[index].piece.start)},
                           {"timeMax", FormatRfc3339(calls[index].piece.end)},
                           {"timeZone", time_zone.empty() ? std::string("UTC") : std::string(time_zone)},
                           {"items", items}};
        return detail::SendChunk(
            client_, ProviderClient::JsonRequest("POST", JoinUrl(api_base_, "/freeBusy"), DumpJson(body)),
            options_.limit_key);
      });
  detail::BusyMerger merger;
  const auto read = [&](const detail::ChunkCall& call, const net::HttpResponse& response, const auto& fail_chunk) {
    std::optional<json> parsed = detail::ParseJson(response.body);
    Result<std::vector<CalendarBusy>> converted =
        parsed ? GoogleFreeBusyToBusy(*parsed)
               : Result<std::vector<CalendarBusy>>(MalformedResponse(Provider::kGoogle, "freeBusy body is not JSON"));
    if (!converted) {
      fail_chunk(Error{codes::kProviderError, "Google Calendar freeBusy: " + converted.error().message,
                       converted.error().field});
      return;
    }
    for (const std::string& id : call.ids) {
      auto it = std::find_if(converted->begin(), converted->end(),
                             [&](const CalendarBusy& busy) { return busy.calendar_id == id; });
      if (it == converted->end()) {  // Google may answer with a normalized (lower-cased) address
        it = std::find_if(converted->begin(), converted->end(),
                          [&](const CalendarBusy& busy) { return net::HeaderNameEquals(busy.calendar_id, id); });
      }
      if (it == converted->end()) {
        merger.Fail(id, Error{codes::kProviderCalendarError, id + ": missing from Google's freeBusy answer",
                              "calendars." + id});
      } else if (!it->busy) {
        merger.Fail(id, it->busy.error());
      } else {
        merger.Add(id, *it->busy);
      }
    }
  };
  if (std::optional<Error> broken = detail::MergeChunkOutcomes(calls, outcomes, merger, read)) return *broken;
  return merger.Take(calendar_ids);
}

// [SECTION] Events

Result<CreatedEvent> GoogleCalendar::GetEventIn(std::string_view calendar_id, std::string_view event_id) {
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("GET", EventUrl(calendar_id, event_id)), options_.limit_key);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  return ParseGoogleEvent(sent->body);
}

Result<CreatedEvent> GoogleCalendar::PollConference(std::string_view calendar_id, CreatedEvent event) {
  for (int attempt = 0; attempt < options_.conference_poll_attempts && event.conference == ConferenceStatus::kPending;
       ++attempt) {
    client_.hooks().sleep(options_.conference_poll_interval);
    Result<CreatedEvent> fresh = GetEventIn(calendar_id, event.id);
    if (!fresh) return event;  // the event exists; the caller sees "pending" and may re-read later
    event = std::move(fresh).value();
  }
  return event;
}

Result<CreatedEvent> GoogleCalendar::CreateEvent(const EventSpec& spec) {
  if (Result<bool> valid = ValidateEventSpec(spec); !valid) return valid.error();
  if (spec.video == VideoKind::kTeams) {
    return InvalidRequest("Google Calendar cannot create a Microsoft Teams meeting; use video none or meet", "video");
  }
  const std::string calendar_id = spec.organiser_calendar_id.empty() ? options_.default_calendar_id
                                                                     : spec.organiser_calendar_id;
  const std::string event_id = GoogleEventIdFor(spec.idempotency_key);
  json body = EventBody(spec);
  body["id"] = event_id;
  const std::string url = net::WithQuery(
      EventUrl(calendar_id, ""),
      {{"conferenceDataVersion", "1"}, {"sendUpdates", std::string(SendUpdatesParam(spec.send_updates))}});
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("POST", url, DumpJson(body)), options_.limit_key);
  if (!sent) return client_.ToError(sent.error());

  Result<CreatedEvent> created = Error{};
  if (sent->status == 409) {
    // The id exists: an earlier attempt with this idempotency key got through. Answer with that event.
    created = GetEventIn(calendar_id, event_id);
    if (!created) return created;
    if (created->cancelled) {
      return Error{codes::kConflict,
                   "an event with this idempotency key was created earlier and has since been cancelled; use a new "
                   "idempotency key to book again",
                   "duplicate"};
    }
  } else if (!sent->Ok()) {
    return client_.ToError(*sent);
  } else {
    created = ParseGoogleEvent(sent->body);
    if (!created) return created;
  }
  if (spec.video == VideoKind::kMeet) return PollConference(calendar_id, std::move(created).value());
  return created;
}

Result<CreatedEvent> GoogleCalendar::UpdateEvent(std::string_view event_id, const EventSpec& spec) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  if (spec.end <= spec.start) return InvalidRequest("the event's end must be after its start", "end");
  if (spec.video == VideoKind::kTeams) {
    return InvalidRequest("Google Calendar cannot create a Microsoft Teams meeting; use video none or meet", "video");
  }
  EventSpec effective = spec;
  if (effective.idempotency_key.empty()) effective.idempotency_key = std::string(event_id);
  const std::string calendar_id = spec.organiser_calendar_id.empty() ? options_.default_calendar_id
                                                                     : spec.organiser_calendar_id;
  const std::string url = net::WithQuery(
      EventUrl(calendar_id, event_id),
      {{"conferenceDataVersion", "1"}, {"sendUpdates", std::string(SendUpdatesParam(spec.send_updates))}});
  Result<net::HttpResponse> sent =
      client_.Send(ProviderClient::JsonRequest("PATCH", url, DumpJson(EventBody(effective))), options_.limit_key);
  if (!sent) return client_.ToError(sent.error());
  if (!sent->Ok()) return client_.ToError(*sent);
  Result<CreatedEvent> updated = ParseGoogleEvent(sent->body);
  if (updated && spec.video == VideoKind::kMeet) return PollConference(calendar_id, std::move(updated).value());
  return updated;
}

Result<bool> GoogleCalendar::DeleteEvent(std::string_view event_id) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  const std::string url = net::WithQuery(EventUrl(options_.default_calendar_id, event_id),
                                         {{"sendUpdates", std::string(SendUpdatesParam(options_.delete_send_updates))}});
  Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest("DELETE", url), options_.limit_key);
  if (!sent) return client_.ToError(sent.error());
  if (sent->Ok() || sent->status == 404 || sent->status == 410) return true;
  return client_.ToError(*sent);
}

Result<std::vector<RoomInfo>> GoogleCalendar::ListRooms() {
  return Error{codes::kNotSupported,
               "Google room directories need the Admin SDK (a service account with domain-wide delegation), which "
               "this adapter does not call",
               ""};
}

Result<CreatedEvent> GoogleCalendar::GetEvent(std::string_view event_id) {
  if (event_id.empty()) return InvalidRequest("the event id is empty", "event_id");
  return GetEventIn(options_.default_calendar_id, event_id);
}

// [SECTION] Changes

Result<CalendarChanges> GoogleCalendar::Changes(std::string_view cursor, Interval window) {
  CalendarChanges answer;
  answer.full = cursor.empty();
  net::Params query;
  if (cursor.empty()) {
    query = {{"timeMin", FormatRfc3339(window.start)}, {"timeMax", FormatRfc3339(window.end)}};
  } else {
    query = {{"syncToken", std::string(cursor)}};
  }
  query.emplace_back("maxResults", std::to_string(options_.change_page_size));
  std::string page_token;
  for (std::size_t page = 0; page < options_.max_change_pages; ++page) {
    net::Params params = query;
    if (!page_token.empty()) params.emplace_back("pageToken", page_token);
    const std::string url = net::WithQuery(EventUrl(options_.default_calendar_id, ""), params);
    Result<net::HttpResponse> sent = client_.Send(ProviderClient::JsonRequest("GET", url), options_.limit_key);
    if (!sent) return client_.ToError(sent.error());
    if (sent->status == 410 && !cursor.empty()) return CalendarChanges{{}, "", false, true};
    if (!sent->Ok()) return client_.ToError(*sent);
    std::optional<json> parsed = detail::ParseJson(sent->body);
    const json* items = parsed ? detail::Member(*parsed, "items") : nullptr;
    if (items == nullptr || !items->is_array()) return MalformedResponse(Provider::kGoogle, "no `items` array");
    for (const json& item : *items) {
      const std::string id = detail::StringOr(item, "id");
      if (id.empty()) return MalformedResponse(Provider::kGoogle, "an event without an id");
      answer.changes.push_back(EventChange{id, detail::StringOr(item, "status") == "cancelled"});
    }
    page_token = detail::StringOr(*parsed, "nextPageToken");
    if (!page_token.empty()) continue;
    answer.cursor = detail::StringOr(*parsed, "nextSyncToken");
    if (answer.cursor.empty()) return MalformedResponse(Provider::kGoogle, "the last page has no nextSyncToken");
    return answer;
  }
  return MalformedResponse(Provider::kGoogle, "more than " + std::to_string(options_.max_change_pages) + " pages");
}

}  // namespace slotwise::providers
