// demo_calendars.cpp — see demo_calendars.h.
#include "demo_calendars.h"

namespace slotwise {

namespace {

Interval At(const char* start, const char* end) { return {*ParseRfc3339(start), *ParseRfc3339(end)}; }

}  // namespace

std::vector<DemoPerson> DemoPeople() {
  return {
      {"anna@acme.test", "Anna Schmidt",
       {At("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), At("2026-12-01T13:30:00Z", "2026-12-01T14:00:00Z")}},
      {"ben@acme.test", "Ben de Vries",
       {At("2026-12-01T09:30:00Z", "2026-12-01T11:00:00Z"), At("2026-12-01T15:00:00Z", "2026-12-01T16:30:00Z")}},
      {"yamada@acme.test", "Yamada Taro",
       {At("2026-12-01T10:45:00Z", "2026-12-01T11:30:00Z"), At("2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z")}},
  };
}

}  // namespace slotwise
