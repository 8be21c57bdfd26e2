// widget_test_fixtures.h — a small, hand-checkable world for the widget's state tests.
//
// Tuesday 2026-12-01. Europe/Berlin is UTC+1, Asia/Tokyo UTC+9 (no DST in December).
//   anna@x  Berlin, Mon–Fri 09:00–17:00 local = 08:00–16:00Z, busy 08:00–08:30Z (09:00–09:30 Berlin)
//   ken@x   Tokyo,  Mon–Fri 09:00–18:00 local = 00:00–09:00Z on Dec 1
//   lena@x  the recruiter: UTC, around the clock, never busy
//   room-a  capacity 4, busy 08:30–09:00Z;  room-b capacity 10, free
//   zoom:lena@x  Lena's Zoom account, join_before_host off (owner does not attend unless she is an interviewer)
// With 30-minute slots on a 30-minute grid, anna ∩ ken leaves exactly [08:30Z, 09:00Z) (09:30 Berlin, 17:30 Tokyo).
#pragma once

#include "slotwise/time_zone.h"
#include "state/widget_data.h"
#include "state/widget_model.h"
#include "support/instants.h"
#include "support/system_zones.h"

namespace slotwise::widget::testing {

inline constexpr const char* kPeople = R"({"people": [
  {"email": "lena@x", "name": "Lena Fischer", "time_zone": "Europe/Berlin", "roles": ["recruiter", "interviewer"]},
  {"email": "anna@x", "name": "Anna", "time_zone": "Europe/Berlin", "roles": ["interviewer"]},
  {"email": "ken@x", "name": "佐藤 健", "time_zone": "Asia/Tokyo", "roles": ["interviewer"]},
  {"email": "emily@x", "name": "Emily", "time_zone": "America/New_York", "roles": ["interviewer"]}
]})";

inline constexpr const char* kRooms = R"({"rooms": [
  {"email": "room-a", "name": "Spree", "capacity": 4},
  {"email": "room-b", "name": "Tiergarten", "capacity": 10}
]})";

inline constexpr const char* kHosts = R"({"host_accounts": [
  {"id": "zoom:lena@x", "provider": "zoom", "owner": "lena@x", "settings": {}}
]})";

inline constexpr const char* kDocument = R"({
  "now": "2026-11-30T08:00:00Z",
  "query": {"participants": [], "required_duration": {"minutes": 30}, "start_interval": {"minutes": 30},
            "buffer": {"before": {"minutes": 0}, "after": {"minutes": 0}}, "minimum_notice": {"minutes": 0},
            "time_zone": "Europe/Berlin", "conferencing": {"provider": "zoom"},
            "host_rules": {"host_absent_no_jbh": "refuse"}},
  "calendars": {
    "lena@x": {"time_zone": "UTC", "busy": []},
    "anna@x": {"time_zone": "Europe/Berlin",
               "working_hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                                 "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
               "busy": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T08:30:00Z", "status": "busy"},
                        {"start": "2026-12-02T10:00:00Z", "end": "2026-12-02T11:00:00Z", "status": "tentative"}]},
    "ken@x": {"time_zone": "Asia/Tokyo",
              "working_hours": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]],
                                "thu": [["09:00", "18:00"]], "fri": [["09:00", "18:00"]]},
              "busy": [{"start": "2026-12-03T00:00:00Z", "end": "2026-12-04T00:00:00Z", "status": "oof"}]},
    "emily@x": {"time_zone": "America/New_York", "busy": []},
    "room-a": {"capacity": 4, "busy": [{"start": "2026-12-01T08:30:00Z", "end": "2026-12-01T09:00:00Z"}]},
    "room-b": {"capacity": 10, "busy": []},
    "zoom:lena@x": {"busy": [], "conferencing_account": {"provider": "zoom", "owner": "lena@x", "join_before_host": false,
                                                         "passcode": {"enabled": true, "locked": true}}}
  }
})";

using slotwise::testing::At;

inline const TimeZone& Zone(const char* name) { return *slotwise::testing::SystemZones().Find(name); }
inline ZoneSource& Zones() { return slotwise::testing::SystemZones(); }

// Tuesday 1 December 2026 as a Berlin day (UTC+1): the range the fixtures' suggestions are solved over.
inline Interval Tuesday() { return {At("2026-11-30T23:00:00Z"), At("2026-12-01T23:00:00Z")}; }

// A model with the directory and the document applied, Berlin viewer, week of Nov 30, 30-minute interviews.
inline WidgetModel LoadedModel() {
  WidgetModel model;
  ApplyPageOptions(model, R"({"locale": "en", "timeZone": "Europe/Berlin", "interview": {"organizer": "lena@x"}})");
  ApplyDirectory(model, 200, kPeople, 200, kRooms, 200, kHosts);
  ApplySolveDocument(model, 200, kDocument);
  model.settings.duration_minutes = 30;
  model.viewport.first_day = DaysFromCivil({2026, 12, 1});
  model.viewport.mode = ViewMode::kDay;
  return model;
}

}  // namespace slotwise::widget::testing
