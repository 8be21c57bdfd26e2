// connect_purpose.h — what a person connects an account for; it decides the scopes asked
// (ProviderRegistry::ScopesFor), so each feature asks for the least it needs.
//
// Contract: pure values. Wire names are "calendar", "calendar_rooms", "meetings" and "hr_posting";
// ParseConnectPurpose answers nullopt for anything else. CheckConnectPurpose says whether a provider can be connected
// for a purpose (hr_posting is Microsoft's only); its error is `invalid_request` on field "purpose" with a sentence
// for the person.
#pragma once

#include <optional>
#include <string_view>

#include "oauth/provider.h"
#include "slotwise/result.h"

namespace slotwise {

// The purposes:
// - kCalendar: their calendar (free/busy, events, Meet/Teams links on events) — no admin consent needed;
// - kCalendarRooms: the same plus the organisation's rooms (Microsoft Place.Read.All, which needs an administrator's
//   consent once per organisation);
// - kMeetings: Teams meetings for someone whose calendar is not used for free/busy. A Teams meeting is made as an
//   event with a Teams link, so on Microsoft it asks what kCalendar asks. Zoom and GoTo ask for their meeting scopes
//   whatever the purpose;
// - kHrPosting: the HR daily update posted to a Teams channel with this person's delegated token (docs/HR.md) — the
//   Teams permissions only, no calendar. Microsoft only.
// Names on the wire: "calendar", "calendar_rooms", "meetings", "hr_posting".
enum class ConnectPurpose { kCalendar, kCalendarRooms, kMeetings, kHrPosting };
std::string_view ConnectPurposeName(ConnectPurpose purpose);
std::optional<ConnectPurpose> ParseConnectPurpose(std::string_view name);

// Ok(true) when `provider` can be connected for `purpose`; otherwise Error{invalid_request, why, "purpose"}.
Result<bool> CheckConnectPurpose(oauth::Provider provider, ConnectPurpose purpose);

// Whether a connection granted `granted_scopes` (as stored, space-separated) may use the calendar: always for Google,
// Zoom and GoTo; for Microsoft only with Calendars.ReadWrite (an hr_posting connection has none). The function check
// and the change subscription skip the calendar without it.
bool CalendarGranted(oauth::Provider provider, std::string_view granted_scopes);

// Whether a connection granted `granted_scopes` may post the HR daily update to a Teams channel: Microsoft with
// ChannelMessage.Send (what an hr_posting connection asks; operator-configured scopes may grant it to any).
bool TeamsPostingGranted(oauth::Provider provider, std::string_view granted_scopes);

}  // namespace slotwise
