// provider_busy_common.cpp — Windows zone names and helpers shared by the provider converters (see provider_busy.h).
#include <utility>

#include "provider_busy_internal.h"
#include "slotwise/provider_busy.h"

namespace slotwise {

namespace {

// Common Windows zone names -> IANA, from CLDR windowsZones.xml (territory "001"), current IANA spellings.
constexpr std::pair<std::string_view, std::string_view> kWindowsZones[] = {
    {"UTC", "UTC"},
    {"GMT Standard Time", "Europe/London"},
    {"Greenwich Standard Time", "Atlantic/Reykjavik"},
    {"W. Europe Standard Time", "Europe/Berlin"},
    {"Romance Standard Time", "Europe/Paris"},
    {"Central Europe Standard Time", "Europe/Budapest"},
    {"Central European Standard Time", "Europe/Warsaw"},
    {"W. Central Africa Standard Time", "Africa/Lagos"},
    {"E. Europe Standard Time", "Europe/Chisinau"},
    {"FLE Standard Time", "Europe/Kyiv"},
    {"GTB Standard Time", "Europe/Bucharest"},
    {"Turkey Standard Time", "Europe/Istanbul"},
    {"Israel Standard Time", "Asia/Jerusalem"},
    {"Egypt Standard Time", "Africa/Cairo"},
    {"South Africa Standard Time", "Africa/Johannesburg"},
    {"Morocco Standard Time", "Africa/Casablanca"},
    {"Russian Standard Time", "Europe/Moscow"},
    {"Arab Standard Time", "Asia/Riyadh"},
    {"Arabian Standard Time", "Asia/Dubai"},
    {"Iran Standard Time", "Asia/Tehran"},
    {"Pakistan Standard Time", "Asia/Karachi"},
    {"West Asia Standard Time", "Asia/Tashkent"},
    {"India Standard Time", "Asia/Kolkata"},
    {"Sri Lanka Standard Time", "Asia/Colombo"},
    {"Nepal Standard Time", "Asia/Kathmandu"},
    {"Bangladesh Standard Time", "Asia/Dhaka"},
    {"SE Asia Standard Time", "Asia/Bangkok"},
    {"China Standard Time", "Asia/Shanghai"},
    {"Singapore Standard Time", "Asia/Singapore"},
    {"Taipei Standard Time", "Asia/Taipei"},
    {"W. Australia Standard Time", "Australia/Perth"},
    {"Tokyo Standard Time", "Asia/Tokyo"},
    {"Korea Standard Time", "Asia/Seoul"},
    {"AUS Central Standard Time", "Australia/Darwin"},
    {"Cen. Australia Standard Time", "Australia/Adelaide"},
    {"E. Australia Standard Time", "Australia/Brisbane"},
    {"AUS Eastern Standard Time", "Australia/Sydney"},
    {"Tasmania Standard Time", "Australia/Hobart"},
    {"New Zealand Standard Time", "Pacific/Auckland"},
    {"Hawaiian Standard Time", "Pacific/Honolulu"},
    {"Alaskan Standard Time", "America/Anchorage"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"US Mountain Standard Time", "America/Phoenix"},
    {"Mountain Standard Time", "America/Denver"},
    {"Central Standard Time", "America/Chicago"},
    {"Central Standard Time (Mexico)", "America/Mexico_City"},
    {"Eastern Standard Time", "America/New_York"},
    {"SA Pacific Standard Time", "America/Bogota"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"Newfoundland Standard Time", "America/St_Johns"},
    {"E. South America Standard Time", "America/Sao_Paulo"},
    {"Argentina Standard Time", "America/Argentina/Buenos_Aires"},
};

}  // namespace

std::optional<std::string_view> WindowsZoneToIana(std::string_view windows_name) {
  for (const auto& [windows, iana] : kWindowsZones)
    if (windows == windows_name) return iana;
  return std::nullopt;
}

const TimeZone* ResolveProviderZone(std::string_view name, ZoneSource& zones) {
  if (name == "UTC" || name == "tzone://Microsoft/Utc" || name == "Etc/UTC") return zones.Find("UTC");
  if (std::optional<std::string_view> iana = WindowsZoneToIana(name)) return zones.Find(*iana);
  if (!IsValidZoneName(name)) return nullptr;
  return zones.Find(name);
}

namespace provider_detail {

const nlohmann::json* Member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> StringMember(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = Member(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get_ref<const std::string&>();
}

std::optional<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  // Reuse the RFC 3339 grammar: the wall time read as if it were UTC gives its local seconds. A text that already
  // carries a zone ("Z" or an offset) fails because of the appended "Z".
  std::string as_utc(text);
  as_utc += 'Z';
  std::optional<Instant> local_seconds = ParseRfc3339(as_utc);
  if (!local_seconds) return std::nullopt;
  return FromLocalSeconds(*local_seconds);
}

Result<Interval> AllDayInterval(const TimeZone& zone, const CivilDate& first, const CivilDate& end_exclusive,
                                const std::string& field) {
  if (DaysFromCivil(end_exclusive) <= DaysFromCivil(first))
    return InvalidData(field, "(an exclusive end date) must be after the start date");
  return Interval{zone.FromLocal(LocalDateTime{first, 0}), zone.FromLocal(LocalDateTime{end_exclusive, 0})};
}

Result<Interval> CheckedInterval(Instant start, Instant end, const std::string& end_field) {
  if (end <= start) return InvalidData(end_field, "must be after the start");
  return Interval{start, end};
}

}  // namespace provider_detail

}  // namespace slotwise
