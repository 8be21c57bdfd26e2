// zones.cpp — see zones.h.
#include "sandbox/zones.h"

#include "slotwise/provider_busy.h"

namespace slotwise::sandbox {

const TimeZone* ZoneCache::Resolve(std::string_view name) { return ResolveProviderZone(name, *this); }

std::string WindowsNameFor(std::string_view iana) {
  static const std::map<std::string, std::string, std::less<>> kTable = {
      {"Europe/Berlin", "W. Europe Standard Time"},  {"Europe/Amsterdam", "W. Europe Standard Time"},
      {"Asia/Tokyo", "Tokyo Standard Time"},         {"America/New_York", "Eastern Standard Time"},
      {"America/Los_Angeles", "Pacific Standard Time"}, {"Europe/London", "GMT Standard Time"},
      {"UTC", "UTC"}};
  if (auto it = kTable.find(iana); it != kTable.end()) return it->second;
  return std::string(iana);
}

std::optional<Instant> ParseWallDateTime(std::string_view text, const TimeZone& zone) {
  // Anything with an explicit offset or Z is an instant already.
  if (text.size() > 19) {
    std::string_view tail = text.substr(19);
    std::size_t cut = 0;
    if (!tail.empty() && tail[0] == '.') {
      cut = 1;
      bool nonzero = false;
      while (cut < tail.size() && tail[cut] >= '0' && tail[cut] <= '9') nonzero |= tail[cut++] != '0';
      if (nonzero) return std::nullopt;
    }
    std::string_view rest = tail.substr(cut);
    if (!rest.empty()) return ParseRfc3339(std::string(text.substr(0, 19)) + std::string(rest));
    text = text.substr(0, 19);
  }
  auto as_utc = ParseRfc3339(std::string(text) + "Z");
  if (!as_utc) return std::nullopt;
  return zone.FromLocalSeconds(*as_utc);
}

namespace {
std::string FormatLocal(Instant instant, const TimeZone& zone) {
  std::string utc_text = FormatRfc3339(zone.ToLocalSeconds(instant));  // local wall time written as if UTC
  return utc_text.substr(0, utc_text.size() - 1);                      // drop the 'Z'
}
}  // namespace

std::string FormatGraphDateTime(Instant instant, const TimeZone& zone) { return FormatLocal(instant, zone) + ".0000000"; }

std::string FormatWithOffset(Instant instant, const TimeZone& zone) {
  std::int32_t offset = zone.OffsetAt(instant);
  if (offset == 0) return FormatRfc3339(instant);
  char sign = offset < 0 ? '-' : '+';
  std::int32_t magnitude = offset < 0 ? -offset : offset;
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", sign, magnitude / 3600, (magnitude % 3600) / 60);
  return FormatLocal(instant, zone) + buffer;
}

std::string FormatLocalDate(Instant instant, const TimeZone& zone) { return FormatLocal(instant, zone).substr(0, 10); }

}  // namespace slotwise::sandbox
