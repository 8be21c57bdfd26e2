// connect_purpose.h — what a person connects an account for; it decides the scopes asked
// (ProviderRegistry::ScopesFor), so each feature asks for the least it needs.
//
// Contract: pure values. Wire names are "calendar", "calendar_rooms" and "meetings"; ParseConnectPurpose answers
// nullopt for anything else.
#pragma once

#include <optional>
#include <string_view>

namespace slotwise {

// The purposes:
// - kCalendar: their calendar (free/busy, events, Meet/Teams links on events) — no admin consent needed;
// - kCalendarRooms: the same plus the organisation's rooms (Microsoft Place.Read.All, which needs an administrator's
//   consent once per organisation);
// - kMeetings: Teams meetings for someone whose calendar is not used for free/busy. A Teams meeting is made as an
//   event with a Teams link, so on Microsoft it asks what kCalendar asks. Zoom and GoTo ask for their meeting scopes
//   whatever the purpose. Names on the wire: "calendar", "calendar_rooms", "meetings".
enum class ConnectPurpose { kCalendar, kCalendarRooms, kMeetings };
std::string_view ConnectPurposeName(ConnectPurpose purpose);
std::optional<ConnectPurpose> ParseConnectPurpose(std::string_view name);

}  // namespace slotwise
