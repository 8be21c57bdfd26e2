// provider_busy.h — converters from each calendar provider's free/busy representation into the one busy model
// (busy.h). Wire formats: docs/PROVIDERS.md.
//
// Index
//   [Common]     error codes, status policy, CalendarBusy, WindowsZoneToIana
//   [Google]     GoogleFreeBusyToBusy, GoogleEventsToBusy              (provider_busy_google.cpp)
//   [Graph]      GraphScheduleItemsToBusy, GraphAvailabilityViewToBusy, GraphWorkingHours (provider_busy_graph.cpp)
//   [Cronofy]    CronofyFreeBusyToBusy                                  (provider_busy_cronofy.cpp)
//   [iCalendar]  ICalendarToBusy                                        (provider_busy_icalendar.cpp)
//
// Contract shared by every converter:
// - Input is a value (parsed JSON or text); nothing is read from files, clocks or the network. Pure functions; they
//   never throw (JSON types are checked before any access). Thread-safe except that a `ZoneSource&` is used from the
//   calling thread only (ZoneSource is not thread-safe).
// - Output events are half-open UTC intervals [start, end), in input order (not merged, not clipped to the request's
//   range — the provider already clipped or not; merging is the solver's business).
// - All-day events (a date, not a date-time) cover [local midnight of the first date, local midnight of the exclusive
//   end date) in the OWNER's zone, converted with TimeZone::FromLocal: calendar days, never "+24 h", so a DST-change
//   day is 23 or 25 hours, and a midnight that falls in a gap starts at the end of the gap (RFC 5545 §3.3.5).
// - Any malformed element makes the whole call fail with an Error naming the element (`field` is a JSON path such as
//   "items[3].end.dateTime"; for iCalendar "VEVENT[2].DTEND", 0-based among components of that kind). An event whose
//   end is not after its start is an error, never silently dropped.
// - Dropped, by design: cancelled events and invitations the owner declined (they occupy no time). Free entries of
//   formats that carry nothing but free/busy (Graph availabilityView "0", Cronofy "free", iCalendar FBTYPE=FREE) are
//   dropped too, since free is the absence of busy. Free entries of formats with event details (Google transparent
//   events, Graph scheduleItems with status "free", iCalendar TRANSP:TRANSPARENT) are kept with status kFree.
//
// Error codes:
//   "invalid_provider_data"   — the input does not have the provider's documented shape.
//   "provider_calendar_error" — the provider reported an error for one calendar/schedule (not "free").
//   "unknown_time_zone"       — a zone name (IANA or Windows) that `zones` cannot resolve.
//   "unsupported_recurrence"  — a recurring master event (RRULE/RDATE or Google `recurrence`): expansion is out of
//                               scope, and dropping or using only the first instance would be silently wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/busy.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "slotwise/working_hours.h"

namespace slotwise {

// [SECTION] Common

// One calendar's outcome inside a multi-calendar response: its events, or the provider's error for that calendar.
struct CalendarBusy {
  std::string calendar_id;
  Result<std::vector<BusyEvent>> busy = std::vector<BusyEvent>{};
};

// Windows time-zone name (as used by Exchange/Graph/Outlook) -> IANA name, from CLDR's windowsZones.xml, territory
// "001" (the zone CLDR picks for the whole Windows zone), spelled with the current IANA canonical names
// (Asia/Kolkata, not Asia/Calcutta). Covers the common zones only (see the table in provider_busy_common.cpp);
// nullopt for names not in the table. Exact, case-sensitive match.
std::optional<std::string_view> WindowsZoneToIana(std::string_view windows_name);

// Resolves a provider's zone name: "UTC" (and Graph's "tzone://Microsoft/Utc"), a Windows name from the table, or an
// IANA name, in that order, through `zones`. nullptr when nothing resolves. The pointer is owned by `zones`.
const TimeZone* ResolveProviderZone(std::string_view name, ZoneSource& zones);

// [SECTION] Google Calendar

// Converts a whole `POST /freeBusy` response
//   {"kind":"calendar#freeBusy","timeMin","timeMax","calendars":{"<id>":{"busy":[{start,end}],"errors":[…]}}}
// into one CalendarBusy per calendar id (in the JSON object's key order, i.e. sorted by id).
// - Every busy range gets status kBusy: Google's freeBusy has no other status (tentative and out-of-office events are
//   reported as plain busy; transparent events are left out by Google). No summary, is_private = false.
// - start/end are RFC 3339 and may carry offsets ("2026-12-01T10:00:00+01:00"); they are converted to UTC.
// - A calendar with a non-empty `errors` array (notFound, groupTooBig, tooManyCalendarsRequested, internalError, …)
//   gets Error{"provider_calendar_error", "<id>: <reason>…", "calendars.<id>.errors"} — never "free".
// - A malformed busy entry of one calendar gives that calendar an "invalid_provider_data" error.
// - The outer Result fails only when the document itself is malformed (not an object, wrong `kind`, `calendars`
//   missing or not an object).
Result<std::vector<CalendarBusy>> GoogleFreeBusyToBusy(const nlohmann::json& response);

// Converts `GET /calendars/{id}/events` results of the OWNER's calendar (which carry details): either the whole
// response {"kind":"calendar#events", "items":[…]} or the bare `items` array. Expects `singleEvents=true`: an item
// with a `recurrence` array is an "unsupported_recurrence" error.
// - start/end: {"dateTime"} (RFC 3339 with offset; without an offset the sibling "timeZone" is resolved via `zones`)
//   or {"date"} (all-day, dates in `owner_zone`, end date exclusive). Both ends must be of the same kind.
// - Dropped: status "cancelled"; the owner's own attendee entry (`self: true`) with responseStatus "declined".
// - Status, first match wins: eventType "outOfOffice" -> kOutOfOffice; "workingLocation" -> kWorkingElsewhere;
//   transparency "transparent" -> kFree; status "tentative", or the self attendee's responseStatus "needsAction"
//   (an invitation not yet answered) or "tentative" -> kTentative; everything else ("focusTime", "default",
//   "fromGmail", …) -> kBusy.
// - visibility "private" or "confidential" -> is_private = true and no summary; otherwise summary = "summary".
Result<std::vector<BusyEvent>> GoogleEventsToBusy(const nlohmann::json& events, const TimeZone& owner_zone,
                                                  ZoneSource& zones);

// [SECTION] Microsoft Graph

// Converts one `getSchedule` scheduleInformation item's `scheduleItems`.
// - An item with an `error` {message, responseCode} gives Error{"provider_calendar_error", "<scheduleId>:
//   <responseCode>: <message>", "error"}.
// - start/end are {"dateTime":"2026-12-01T09:00:00.0000000", "timeZone": …}: a wall time without offset (fraction
//   must be zero) in "UTC", a Windows zone name or an IANA name, resolved with ResolveProviderZone; wall time ->
//   instant by TimeZone::FromLocal.
// - status: free -> kFree, tentative -> kTentative, busy -> kBusy, oof -> kOutOfOffice, workingElsewhere ->
//   kWorkingElsewhere, unknown -> kBusy (Graph says "unknown" when it cannot tell, e.g. limited permissions on the
//   mailbox; treating it as free could double-book, so it blocks). Any other status is an error.
// - isPrivate true -> is_private = true and no summary; otherwise summary = "subject" (when present).
// A missing `scheduleItems` (Graph omits it when the caller may only see free/busy) gives an empty list.
Result<std::vector<BusyEvent>> GraphScheduleItemsToBusy(const nlohmann::json& schedule, ZoneSource& zones);

// Decodes one scheduleInformation item's `availabilityView`: character i covers
// [view_start + i*interval, view_start + (i+1)*interval), interval = `interval_minutes` (the request's
// availabilityViewInterval, 5..1440; Graph's default is 30), `view_start` = the request's startTime as a UTC instant.
// Digits: 0 free (dropped), 1 kTentative, 2 kBusy, 3 kOutOfOffice, 4 kWorkingElsewhere; consecutive equal digits are
// merged into one event. Other characters and an interval outside 5..1440 are errors; the item's `error` gives
// "provider_calendar_error" as above.
Result<std::vector<BusyEvent>> GraphAvailabilityViewToBusy(const nlohmann::json& schedule, Instant view_start,
                                                           std::int32_t interval_minutes);

// A person's working hours and the IANA zone they are local to.
struct ProviderWorkingHours {
  std::string zone_name;  // IANA name ("America/Los_Angeles"); empty when hours.around_the_clock
  WorkingHours hours;
};

// Converts one scheduleInformation item's `workingHours`
//   {"daysOfWeek":["monday",…], "startTime":"08:00:00.0000000", "endTime":"17:00:00.0000000",
//    "timeZone":{"name":"Pacific Standard Time"}}
// into one window [startTime, endTime) on each listed day (0 = Sunday). endTime "00:00:00" means midnight at the end
// of the day (86400). endTime before startTime (overnight hours) is an error. The zone name is resolved (Windows or
// IANA) and returned as its IANA name; an unresolvable or custom zone gives "unknown_time_zone". No `workingHours`
// member -> around_the_clock (docs/ENGINE.md: no working hours = available around the clock). `error` -> as above.
Result<ProviderWorkingHours> GraphWorkingHours(const nlohmann::json& schedule, ZoneSource& zones);

// [SECTION] Cronofy

// Converts `GET /v1/free_busy` results: the whole response {"pages":…, "free_busy":[…]} or the bare array of
// {calendar_id, start, end, free_busy_status}. Entries of all calendar ids are returned together (calendar_id must be
// a non-empty string). start/end are RFC 3339 times, or both dates ("2026-12-01") for all-day entries, which are
// placed in `owner_zone` (end date exclusive). free_busy_status: "busy" -> kBusy, "tentative" -> kTentative, "free" ->
// dropped; anything else is an error. Pagination is the caller's job: call once per page and concatenate.
Result<std::vector<BusyEvent>> CronofyFreeBusyToBusy(const nlohmann::json& response, const TimeZone& owner_zone);

// [SECTION] iCalendar (RFC 5545)

// Converts iCalendar text (CRLF or LF line ends; folded lines are unfolded) with VFREEBUSY and/or VEVENT components.
// - VFREEBUSY: every FREEBUSY property's comma-separated periods "start/end" or "start/duration", UTC ("…Z") as RFC
//   5545 requires. FBTYPE: BUSY (default) -> kBusy, BUSY-TENTATIVE -> kTentative, BUSY-UNAVAILABLE -> kOutOfOffice,
//   FREE -> dropped, any other value -> kBusy (RFC 5545 §3.2.9: unknown types are treated as BUSY).
// - VEVENT: DTSTART with DTEND or DURATION. Forms: UTC ("…Z"; a TZID on a UTC value is ignored), TZID=<name>
//   (resolved by ResolveProviderZone; wall time -> instant by TimeZone::FromLocal, i.e. RFC 5545 gap/overlap rules),
//   floating (no Z, no TZID: the owner's zone), VALUE=DATE (all day in the owner's zone; without DTEND/DURATION one
//   day). DURATION days/weeks are calendar days on the local clock (a "P1D" across a DST change is 23 or 25 h), its
//   hours/minutes/seconds are exact. A DATE-TIME DTSTART without DTEND/DURATION has zero length: an error.
//   Status: STATUS:CANCELLED -> dropped; X-MICROSOFT-CDO-BUSYSTATUS (Outlook: FREE, TENTATIVE, BUSY, OOF,
//   WORKINGELSEWHERE) wins when present; else TRANSP:TRANSPARENT -> kFree; STATUS:TENTATIVE -> kTentative; else kBusy.
//   CLASS:PRIVATE|CONFIDENTIAL -> is_private, no summary; else summary = unescaped SUMMARY.
//   RRULE or RDATE -> "unsupported_recurrence" (expansion is out of scope; a wrong answer is worse than none).
// - VTIMEZONE and VALARM contents and unknown properties are skipped (zones come from `zones`, not from VTIMEZONE).
Result<std::vector<BusyEvent>> ICalendarToBusy(std::string_view text, const TimeZone& owner_zone, ZoneSource& zones);

}  // namespace slotwise
