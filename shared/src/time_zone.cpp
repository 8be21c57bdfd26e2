// time_zone.cpp — PLACEHOLDER (UTC only) until the TZif reader lands. See time_zone.h for the contract.
#include "slotwise/time_zone.h"

namespace slotwise {

struct TimeZone::Rule {};

Result<TimeZone> TimeZone::FromTzif(std::string name, std::string_view) {
  return Error{"invalid_tzif", "TZif parsing is not implemented yet: " + name, ""};
}
TimeZone TimeZone::Utc() { TimeZone z; z.name_ = "UTC"; z.offsets_ = {0}; return z; }
std::int32_t TimeZone::OffsetAt(Instant) const { return 0; }
LocalDateTime TimeZone::ToLocal(Instant t) const { return slotwise::FromLocalSeconds(t); }
Instant TimeZone::FromLocal(const LocalDateTime& local) const { return slotwise::ToLocalSeconds(local); }
Instant TimeZone::FromLocalSeconds(std::int64_t local_seconds) const { return local_seconds; }
int TimeZone::InstantsAtLocal(std::int64_t local_seconds, Instant out[2]) const { out[0] = local_seconds; return 1; }
std::vector<OffsetSpan> TimeZone::OffsetSpans(Instant from, Instant to) const {
  if (to <= from) return {};
  return {{from, to, 0}};
}
bool IsValidZoneName(std::string_view name) { return !name.empty(); }
Result<bool> InMemoryZoneSource::Add(const std::string& name, std::string_view bytes) {
  Result<TimeZone> zone = TimeZone::FromTzif(name, bytes);
  if (!zone) return zone.error();
  zones_.insert_or_assign(name, std::move(zone).value());
  return true;
}
const TimeZone* InMemoryZoneSource::Find(std::string_view name) {
  auto it = zones_.find(name);
  if (it != zones_.end()) return &it->second;
  if (name == "UTC") return &zones_.emplace("UTC", TimeZone::Utc()).first->second;
  return nullptr;
}

}  // namespace slotwise
