// calendar_events.cpp — see calendar_events.h.
#include "sandbox/calendar_events.h"

#include <algorithm>
#include <cctype>

#include "crypto/crypto_primitives.h"
#include "sandbox/http_util.h"
#include "slotwise/ascii.h"

namespace slotwise::sandbox {

namespace {

std::optional<Instant> GoogleInstant(const json& when, const TimeZone& owner_zone, ZoneCache& zones, bool* all_day) {
  if (!when.is_object()) return std::nullopt;
  std::string date_time = GetString(when, "dateTime");
  if (!date_time.empty()) {
    *all_day = false;
    if (auto instant = ParseRfc3339(date_time)) return instant;
    const TimeZone* zone = zones.Resolve(GetString(when, "timeZone", owner_zone.name()));
    if (!zone) return std::nullopt;
    return ParseWallDateTime(date_time, *zone);
  }
  auto date = ParseIsoDate(GetString(when, "date"));
  if (!date) return std::nullopt;
  *all_day = true;
  return owner_zone.FromLocal(LocalDateTime{*date, 0});
}

}  // namespace

std::optional<TimeRange> GoogleEventTimes(const json& resource, const TimeZone& owner_zone, ZoneCache& zones) {
  const json* start = GetMember(resource, "start");
  const json* end = GetMember(resource, "end");
  if (!start || !end) return std::nullopt;
  bool start_all_day = false, end_all_day = false;
  auto start_at = GoogleInstant(*start, owner_zone, zones, &start_all_day);
  auto end_at = GoogleInstant(*end, owner_zone, zones, &end_all_day);
  if (!start_at || !end_at || start_all_day != end_all_day || *end_at <= *start_at) return std::nullopt;
  return TimeRange{*start_at, *end_at, start_all_day};
}

std::optional<TimeRange> GraphEventTimes(const json& resource, ZoneCache& zones) {
  const json* start = GetMember(resource, "start");
  const json* end = GetMember(resource, "end");
  if (!start || !end) return std::nullopt;
  const TimeZone* start_zone = zones.Resolve(GetString(*start, "timeZone", "UTC"));
  const TimeZone* end_zone = zones.Resolve(GetString(*end, "timeZone", "UTC"));
  if (!start_zone || !end_zone) return std::nullopt;
  auto start_at = ParseWallDateTime(GetString(*start, "dateTime"), *start_zone);
  auto end_at = ParseWallDateTime(GetString(*end, "dateTime"), *end_zone);
  if (!start_at || !end_at || *end_at <= *start_at) return std::nullopt;
  return TimeRange{*start_at, *end_at, GetBool(resource, "isAllDay")};
}

void DeriveGoogleFields(CalendarEvent& event) {
  const json& r = event.resource;
  std::string event_type = GetString(r, "eventType", "default");
  if (GetString(r, "status") == "cancelled") event.show_as = "free";
  else if (GetString(r, "transparency") == "transparent") event.show_as = "free";
  else if (event_type == "outOfOffice") event.show_as = "oof";
  else if (event_type == "workingLocation") event.show_as = "workingElsewhere";
  else if (GetString(r, "status") == "tentative") event.show_as = "tentative";
  else event.show_as = "busy";
  std::string visibility = GetString(r, "visibility");
  event.is_private = visibility == "private" || visibility == "confidential";
  event.attendee_emails.clear();
  if (const json* attendees = GetMember(r, "attendees"); attendees && attendees->is_array()) {
    for (const auto& attendee : *attendees) {
      if (GetString(attendee, "responseStatus") == "declined") continue;
      std::string email = AsciiLower(GetString(attendee, "email"));
      if (!email.empty()) event.attendee_emails.push_back(email);
    }
  }
}

void DeriveGraphFields(CalendarEvent& event) {
  const json& r = event.resource;
  static const std::set<std::string> kShowAs = {"free", "tentative", "busy", "oof", "workingElsewhere"};
  std::string show_as = GetString(r, "showAs", "busy");
  event.show_as = kShowAs.count(show_as) ? show_as : "busy";
  if (GetBool(r, "isCancelled")) event.show_as = "free";
  std::string sensitivity = GetString(r, "sensitivity", "normal");
  event.is_private = sensitivity == "private" || sensitivity == "confidential";
  event.attendee_emails.clear();
  if (const json* attendees = GetMember(r, "attendees"); attendees && attendees->is_array()) {
    for (const auto& attendee : *attendees) {
      const json* status = GetMember(attendee, "status");
      if (status && GetString(*status, "response") == "declined") continue;
      const json* address = GetMember(attendee, "emailAddress");
      std::string email = address ? AsciiLower(GetString(*address, "address")) : "";
      if (!email.empty()) event.attendee_emails.push_back(email);
    }
  }
}

void FinishGoogleResource(CalendarEvent& event, std::int64_t now, const std::string& organizer_name) {
  json& r = event.resource;
  r["kind"] = "calendar#event";
  r["id"] = event.id;
  r["etag"] = "\"" + std::to_string(now) + std::to_string(event.change) + "\"";
  if (!r.contains("status")) r["status"] = "confirmed";
  if (!r.contains("created")) r["created"] = FormatRfc3339(now);
  r["updated"] = FormatRfc3339(now);
  std::string eid = crypto::Base64UrlEncode(event.id + " " + event.calendar);
  r["htmlLink"] = "https://www.google.com/calendar/event?eid=" + eid;
  if (!r.contains("iCalUID")) r["iCalUID"] = event.id + "@google.com";
  json organizer = {{"email", event.calendar}, {"self", true}};
  if (!organizer_name.empty()) organizer["displayName"] = organizer_name;
  if (!r.contains("organizer")) r["organizer"] = organizer;
  if (!r.contains("creator")) r["creator"] = organizer;
  if (!r.contains("sequence")) r["sequence"] = 0;
  if (!r.contains("reminders")) r["reminders"] = {{"useDefault", true}};
  if (!r.contains("eventType")) r["eventType"] = "default";
}

void FinishGraphResource(CalendarEvent& event, std::int64_t now, const std::string& organizer_name) {
  json& r = event.resource;
  r["@odata.etag"] = "W/\"" + std::to_string(event.change) + "\"";
  r["id"] = event.id;
  std::string stamp = FormatRfc3339(now);
  stamp.insert(stamp.size() - 1, ".0000000");
  if (!r.contains("createdDateTime")) r["createdDateTime"] = stamp;
  r["lastModifiedDateTime"] = stamp;
  if (!r.contains("iCalUId")) {
    r["iCalUId"] = "040000008200E00074C5B7101A82E00800000000" + crypto::HexEncode(crypto::RandomBytes(16));
  }
  r["webLink"] = "https://outlook.office365.com/owa/?itemid=" + net::PercentEncode(event.id) +
                 "&exvsurl=1&path=/calendar/item";
  if (!r.contains("showAs")) r["showAs"] = "busy";
  if (!r.contains("sensitivity")) r["sensitivity"] = "normal";
  if (!r.contains("isCancelled")) r["isCancelled"] = false;
  if (!r.contains("isAllDay")) r["isAllDay"] = false;
  if (!r.contains("isOnlineMeeting")) r["isOnlineMeeting"] = false;
  if (!r.contains("onlineMeetingProvider")) r["onlineMeetingProvider"] = "unknown";
  if (!r.contains("onlineMeeting")) r["onlineMeeting"] = nullptr;
  if (!r.contains("responseStatus")) r["responseStatus"] = {{"response", "organizer"}, {"time", "0001-01-01T00:00:00Z"}};
  if (!r.contains("attendees")) r["attendees"] = json::array();
  if (!r.contains("organizer")) {
    r["organizer"] = {{"emailAddress", {{"name", organizer_name}, {"address", event.calendar}}}};
  }
}

std::vector<BusyBlock> CalendarBlocks(const SandboxState& state, const std::string& provider,
                                      const std::string& calendar, Instant from, Instant to) {
  std::string wanted = AsciiLower(calendar);
  std::vector<BusyBlock> blocks;
  for (const auto& [key, event] : state.events) {
    if (event.provider != provider || event.deleted) continue;
    if (event.end <= from || event.start >= to) continue;
    bool owner = AsciiLower(event.calendar) == wanted;
    bool attendee = std::find(event.attendee_emails.begin(), event.attendee_emails.end(), wanted) !=
                    event.attendee_emails.end();
    if (!owner && !attendee) continue;
    blocks.push_back(BusyBlock{event.start, event.end, event.show_as, &event});
  }
  std::sort(blocks.begin(), blocks.end(), [](const BusyBlock& a, const BusyBlock& b) { return a.start < b.start; });
  return blocks;
}

bool KnownCalendar(const SandboxCore& core, const std::string& provider, const std::string& calendar) {
  return core.FindUser(provider, calendar) != nullptr || core.FindRoom(provider, calendar) != nullptr;
}

std::string CalendarZone(const SandboxCore& core, const std::string& provider, const std::string& calendar) {
  if (const User* user = core.FindUser(provider, calendar)) return user->time_zone;
  if (const Room* room = core.FindRoom(provider, calendar)) return room->time_zone;
  return "UTC";
}

void AnswerRoomInvitations(SandboxCore& core, CalendarEvent& event) {
  json* attendees = event.resource.is_object() && event.resource.contains("attendees") ? &event.resource["attendees"]
                                                                                       : nullptr;
  if (!attendees || !attendees->is_array()) return;
  for (auto& attendee : *attendees) {
    if (!attendee.is_object()) continue;
    std::string email;
    bool is_room = false;
    if (event.provider == "google") {
      email = GetString(attendee, "email");
      is_room = GetBool(attendee, "resource") || core.FindRoom("google", email) != nullptr;
    } else {
      const json* address = GetMember(attendee, "emailAddress");
      email = address ? GetString(*address, "address") : "";
      is_room = GetString(attendee, "type") == "resource" || core.FindRoom("microsoft", email) != nullptr;
    }
    if (!is_room || email.empty() || !core.FindRoom(event.provider, email)) continue;
    bool busy = false;
    for (const auto& block : CalendarBlocks(core.state, event.provider, email, event.start, event.end)) {
      if (block.event != nullptr && block.event->id == event.id && AsciiLower(block.event->calendar) == AsciiLower(event.calendar))
        continue;
      if (block.show_as != "free") busy = true;
    }
    if (event.provider == "google") {
      attendee["resource"] = true;
      attendee["responseStatus"] = busy ? "declined" : "accepted";
    } else {
      attendee["type"] = "resource";
      attendee["status"] = {{"response", busy ? "declined" : "accepted"}, {"time", FormatRfc3339(core.Now())}};
    }
  }
}

}  // namespace slotwise::sandbox
