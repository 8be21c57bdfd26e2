// zones.h — time zones for the sandbox: the backend's ZoneinfoDirectory (IANA zones from /usr/share/zoneinfo) plus
// Windows names (as Graph speaks them) resolved through slotwise::ResolveProviderZone, and wall-time text helpers.
//
// Contract: thread-safe (ZoneinfoDirectory is); returned pointers live as long as the ZoneCache.
// Unknown or invalid names give nullptr / nullopt, never a crash.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "slotwise/time.h"
#include "slotwise/time_zone.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise::sandbox {

class ZoneCache : public ZoneinfoDirectory {
 public:
  using ZoneinfoDirectory::ZoneinfoDirectory;
  const TimeZone* Resolve(std::string_view name);  // IANA, Windows or "UTC"; nullptr when unknown
};

// The Windows name Graph would use for an IANA zone of the demo ("Europe/Berlin" -> "W. Europe Standard Time");
// the IANA name itself when not in the small table.
std::string WindowsNameFor(std::string_view iana);

// "2026-03-02T09:00:00[.fffffff]" (no offset; a trailing Z or offset is honoured) in `zone` -> instant.
std::optional<Instant> ParseWallDateTime(std::string_view text, const TimeZone& zone);
// Instant -> Graph's "2026-03-02T09:00:00.0000000" wall time in `zone`.
std::string FormatGraphDateTime(Instant instant, const TimeZone& zone);
// Instant -> RFC 3339 with the zone's offset ("2026-03-02T09:00:00+01:00"), as Google writes dateTime.
std::string FormatWithOffset(Instant instant, const TimeZone& zone);
// "YYYY-MM-DD" of the local date at `instant`.
std::string FormatLocalDate(Instant instant, const TimeZone& zone);

}  // namespace slotwise::sandbox
