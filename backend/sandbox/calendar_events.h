// calendar_events.h — calendar events of Google and Microsoft in the sandbox (internal): reading their times from the
// provider's JSON, deriving free/busy status, finishing server-side fields, and the busy view of a calendar.
//
// Contract: requires SandboxCore::mutex held where a SandboxState is passed. Bad JSON gives nullopt, never throws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

struct TimeRange {
  Instant start = 0;
  Instant end = 0;
  bool all_day = false;
};

// Google: start/end {dateTime (RFC 3339; without an offset the sibling timeZone is used)} or {date} (all-day, in
// `owner_zone`, end exclusive). nullopt when missing or malformed or end <= start.
std::optional<TimeRange> GoogleEventTimes(const json& resource, const TimeZone& owner_zone, ZoneCache& zones);
// Graph: start/end {dateTime (wall time), timeZone (UTC, Windows or IANA)}. nullopt when malformed or end <= start.
std::optional<TimeRange> GraphEventTimes(const json& resource, ZoneCache& zones);

// Sets show_as, is_private and attendee_emails from the resource.
void DeriveGoogleFields(CalendarEvent& event);
void DeriveGraphFields(CalendarEvent& event);

// Server-side fields: Google etag/updated/htmlLink/iCalUID/kind/organizer; Graph iCalUId/webLink/timestamps/organizer.
void FinishGoogleResource(CalendarEvent& event, std::int64_t now, const std::string& organizer_name);
void FinishGraphResource(CalendarEvent& event, std::int64_t now, const std::string& organizer_name);

struct BusyBlock {
  Instant start = 0;
  Instant end = 0;
  std::string show_as;
  const CalendarEvent* event = nullptr;
};
// Live events of `provider` that occupy `calendar` (owned by it, or with it as a non-declined attendee) and overlap
// [from, to), sorted by start.
std::vector<BusyBlock> CalendarBlocks(const SandboxState& state, const std::string& provider,
                                      const std::string& calendar, Instant from, Instant to);

// True when `calendar` (lower-case compared) is a known calendar (user or room) of the provider.
bool KnownCalendar(const SandboxCore& core, const std::string& provider, const std::string& calendar);
// The IANA zone of a calendar's owner ("UTC" when unknown).
std::string CalendarZone(const SandboxCore& core, const std::string& provider, const std::string& calendar);

// Resources attendees: a room accepts when free during the event, declines when busy. Updates the attendee entries
// of `event.resource` in the provider's format.
void AnswerRoomInvitations(SandboxCore& core, CalendarEvent& event);

}  // namespace slotwise::sandbox
