// Fuzz target: the engine's iCalendar reader (ICalendarToBusy, slotwise/provider_busy.h), which turns a calendar
// feed's VEVENT / VFREEBUSY text into busy time. Input: one byte choosing the owner's zone, then the text. Zones
// (for TZID parameters) from /usr/share/zoneinfo through the server's ZoneinfoDirectory.
// Properties of accepted text: every event is a non-empty half-open interval [start, end), and private events carry
// no summary.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "slotwise/provider_busy.h"

using slotwise::fuzz::SystemZones;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  static const char* const kOwners[] = {"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"};
  const slotwise::TimeZone* owner = SystemZones().Find(kOwners[input.Byte() % 4]);
  FUZZ_CHECK(owner != nullptr, "the owner's zone is missing from /usr/share/zoneinfo");
  const slotwise::Result<std::vector<slotwise::BusyEvent>> busy =
      slotwise::ICalendarToBusy(input.Rest(), *owner, SystemZones());
  if (!busy.ok()) {
    FUZZ_CHECK(!busy.error().code.empty() && !busy.error().message.empty(), "an error without code or message");
    return 0;
  }
  for (const slotwise::BusyEvent& event : *busy) {
    FUZZ_CHECK(event.interval.start < event.interval.end,
               "accepted an event from " << event.interval.start << " to " << event.interval.end);
    FUZZ_CHECK(!event.is_private || event.summary.empty(), "a private event kept its summary");
  }
  return 0;
}
