// demo_org.cpp — the seeded demo organisation "Kumo" (docs/SANDBOX.md "Demo organisation"): people in Germany, Japan,
// the Netherlands and the US on Google Workspace (kumo.example) and Microsoft 365 (kumo-labs.example), rooms, Zoom
// accounts with different policies, a GoTo account, a Teams team, and a realistic week of events repeated in the
// current and the next ISO week of the UTC calendar (from the sandbox clock at seed time), at wall times in each
// person's own zone.
#include <cstdio>

#include "sandbox/http_util.h"
#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

namespace {

struct Person {
  const char* provider;
  const char* email;
  const char* name;
  const char* zone;
  const char* start;
  const char* end;
};

constexpr Person kPeople[] = {
    {"google", "lena.fischer@kumo.example", "Lena Fischer", "Europe/Berlin", "09:00", "17:00"},
    {"google", "jonas.becker@kumo.example", "Jonas Becker", "Europe/Berlin", "08:30", "16:30"},
    {"google", "ken.sato@kumo.example", "佐藤 健", "Asia/Tokyo", "09:30", "18:30"},
    {"google", "misaki.suzuki@kumo.example", "鈴木 美咲", "Asia/Tokyo", "10:00", "19:00"},
    {"google", "sho.takahashi@kumo.example", "高橋 翔", "Asia/Tokyo", "09:00", "18:00"},
    {"google", "emily.carter@kumo.example", "Emily Carter", "America/New_York", "09:00", "17:00"},
    {"microsoft", "sanne.devries@kumo-labs.example", "Sanne de Vries", "Europe/Amsterdam", "08:30", "17:00"},
    {"microsoft", "daan.jansen@kumo-labs.example", "Daan Jansen", "Europe/Amsterdam", "09:00", "17:30"},
    {"microsoft", "anna.schmidt@kumo-labs.example", "Anna Schmidt", "Europe/Berlin", "09:00", "17:00"},
    {"microsoft", "hana.yamamoto@kumo-labs.example", "山本 花", "Asia/Tokyo", "09:00", "18:00"},
    {"microsoft", "priya.patel@kumo-labs.example", "Priya Patel", "America/New_York", "08:00", "16:00"},
    {"microsoft", "marcus.hill@kumo-labs.example", "Marcus Hill", "America/Los_Angeles", "09:00", "17:00"},
};

// {owner, weekday (1 = Monday … 5 = Friday), local start, local end, title, show_as, private, all_day}
struct DemoEvent {
  const char* owner;
  int weekday;
  const char* start;
  const char* end;
  const char* title;
  const char* show_as;
  bool is_private;
  bool all_day;
};

constexpr int kDemoWeeks = 2;  // the current ISO week and the next; the week after next stays free

constexpr DemoEvent kEvents[] = {
    {"lena.fischer@kumo.example", 1, "09:30", "10:00", "Recruiting stand-up", "busy", false, false},
    {"lena.fischer@kumo.example", 2, "13:00", "15:00", "Focus time", "focus", false, false},
    {"lena.fischer@kumo.example", 3, "11:00", "12:00", "Optional: tech talk", "tentative", false, false},
    {"lena.fischer@kumo.example", 4, "14:00", "15:00", "Interview: backend engineer", "busy", false, false},
    {"lena.fischer@kumo.example", 5, "16:00", "17:00", "Doctor", "busy", true, false},
    {"jonas.becker@kumo.example", 1, "09:30", "10:00", "Recruiting stand-up", "busy", false, false},
    {"jonas.becker@kumo.example", 4, "", "", "Out of office", "oof", false, true},
    {"jonas.becker@kumo.example", 2, "10:00", "11:30", "Architecture review", "busy", false, false},
    {"ken.sato@kumo.example", 1, "10:00", "11:00", "週次定例", "busy", false, false},
    {"ken.sato@kumo.example", 3, "16:00", "17:00", "通院", "busy", true, false},
    {"ken.sato@kumo.example", 2, "13:00", "15:00", "Focus time", "focus", false, false},
    {"misaki.suzuki@kumo.example", 2, "11:00", "12:00", "採用面接", "busy", false, false},
    {"misaki.suzuki@kumo.example", 4, "15:00", "16:00", "1on1", "tentative", false, false},
    {"sho.takahashi@kumo.example", 5, "", "", "社員旅行", "busy", false, true},
    {"emily.carter@kumo.example", 1, "09:00", "09:30", "US sync", "busy", false, false},
    {"emily.carter@kumo.example", 3, "12:00", "13:00", "Lunch & learn", "free", false, false},
    {"sanne.devries@kumo-labs.example", 1, "09:00", "09:30", "Daily", "busy", false, false},
    {"sanne.devries@kumo-labs.example", 2, "14:00", "16:00", "Focus time", "busy", false, false},
    {"sanne.devries@kumo-labs.example", 5, "", "", "Koningsdag prep (all day)", "busy", false, true},
    {"daan.jansen@kumo-labs.example", 3, "10:00", "11:00", "Hiring committee", "busy", false, false},
    {"daan.jansen@kumo-labs.example", 4, "13:00", "14:00", "Maybe: vendor demo", "tentative", false, false},
    {"anna.schmidt@kumo-labs.example", 2, "", "", "Vacation", "oof", false, true},
    {"anna.schmidt@kumo-labs.example", 3, "15:00", "16:00", "Salary review", "busy", true, false},
    {"hana.yamamoto@kumo-labs.example", 1, "13:00", "14:00", "チーム会議", "busy", false, false},
    {"hana.yamamoto@kumo-labs.example", 4, "10:00", "12:00", "Working from Osaka office", "workingElsewhere", false, false},
    {"priya.patel@kumo-labs.example", 2, "09:00", "10:00", "Candidate debrief", "busy", false, false},
    {"marcus.hill@kumo-labs.example", 3, "09:00", "10:30", "Design review", "busy", false, false},
    {"marcus.hill@kumo-labs.example", 5, "14:00", "15:00", "Interview loop prep", "tentative", false, false},
};

std::string ProviderOf(const std::string& email) {
  for (const auto& person : kPeople) {
    if (email == person.email) return person.provider;
  }
  return "";
}

}  // namespace

void SeedDemoOrgLocked(SandboxCore& core) {
  json seed;
  seed["tenants"] = json::array({{{"id", kDemoMicrosoftTenant}, {"domain", kDemoMicrosoftDomain}, {"name", "Kumo Labs"}}});
  seed["zoom_accounts"] = json::array({
      {{"id", "kumo-zoom-secure"}, {"personal", false},
       {"settings", {{"join_before_host", false}, {"waiting_room", true}, {"passcode_required", true}}},
       {"locks", {{"waiting_room", true}, {"passcode_required", true}}}},
      {{"id", "kumo-zoom-open"}, {"personal", false},
       {"settings", {{"join_before_host", true}, {"jbh_time", 5}, {"waiting_room", false}, {"passcode_required", true}}},
       {"locks", json::object()}},
      {{"id", "emily-personal"}, {"personal", true}, {"settings", json::object()}, {"locks", json::object()}},
  });
  json users = json::array();
  for (const auto& person : kPeople) {
    users.push_back({{"provider", person.provider}, {"email", person.email}, {"name", person.name},
                     {"time_zone", person.zone},
                     {"working_hours", {{"days", {1, 2, 3, 4, 5}}, {"start", person.start}, {"end", person.end}}},
                     // Lena administers the kumo.example Workspace (the Admin SDK answers her: rooms, buildings).
                     {"admin", std::string(person.email) == "lena.fischer@kumo.example"}});
  }
  const std::pair<const char*, const char*> kZoomUsers[] = {
      {"lena.fischer@kumo.example", "kumo-zoom-secure"},  {"jonas.becker@kumo.example", "kumo-zoom-secure"},
      {"ken.sato@kumo.example", "kumo-zoom-open"},       {"marcus.hill@kumo-labs.example", "kumo-zoom-open"},
      {"emily.carter@kumo.example", "emily-personal"}};
  for (const auto& [email, account] : kZoomUsers) {
    for (const auto& person : kPeople) {
      if (std::string(person.email) != email) continue;
      users.push_back({{"provider", "zoom"}, {"email", email}, {"name", person.name}, {"time_zone", person.zone},
                       {"zoom_account", account}});
    }
  }
  for (const char* email : {"priya.patel@kumo-labs.example", "sanne.devries@kumo-labs.example"}) {
    for (const auto& person : kPeople) {
      if (std::string(person.email) == email)
        users.push_back({{"provider", "goto"}, {"email", email}, {"name", person.name}, {"time_zone", person.zone}});
    }
  }
  seed["users"] = users;
  seed["rooms"] = json::array({
      {{"provider", "google"}, {"email", "c_berlin-spree@resource.calendar.google.com"}, {"name", "Berlin · Spree"},
       {"capacity", 4}, {"building", "Berlin HQ"}, {"floor", 2}, {"time_zone", "Europe/Berlin"},
       {"domain", "kumo.example"}, {"features", {"Whiteboard", "Video conferencing"}}},
      {{"provider", "google"}, {"email", "c_berlin-tiergarten@resource.calendar.google.com"},
       {"name", "Berlin · Tiergarten"}, {"capacity", 10}, {"building", "Berlin HQ"}, {"floor", 3},
       {"time_zone", "Europe/Berlin"}, {"domain", "kumo.example"}, {"features", {"Video conferencing"}}},
      {{"provider", "google"}, {"email", "c_tokyo-fuji@resource.calendar.google.com"}, {"name", "東京 · 富士"},
       {"capacity", 6}, {"building", "Tokyo Office"}, {"floor", 12}, {"time_zone", "Asia/Tokyo"},
       {"domain", "kumo.example"}},
      {{"provider", "microsoft"}, {"email", "room-amstel@kumo-labs.example"}, {"name", "Amsterdam · Amstel"},
       {"capacity", 8}, {"building", "Amsterdam Office"}, {"floor", 1}, {"time_zone", "Europe/Amsterdam"},
       {"room_list", "amsterdam-rooms@kumo-labs.example"}},
  });
  seed["teams"] = json::array({{{"id", "b8f2c3a1-0000-4000-8000-00000000d3a0"}, {"name", "Kumo Recruiting"},
                                {"tenant", kDemoMicrosoftTenant},
                                {"channels", json::array({
                                    {{"id", "19:general-kumo@thread.tacv2"}, {"name", "General"}, {"membership_type", "standard"}},
                                    {{"id", "19:hiring-updates@thread.tacv2"}, {"name", "Hiring Updates"}, {"membership_type", "standard"}},
                                    {{"id", "19:hr-confidential@thread.tacv2"}, {"name", "HR Confidential"},
                                     {"membership_type", "private"},
                                     {"members", {"anna.schmidt@kumo-labs.example", "sanne.devries@kumo-labs.example"}}},
                                })}}});
  // Events: local wall times in the owner's zone, the same week of events in the current ISO week and in the next (a
  // demo fortnight: on a Friday evening or a weekend, the next working week has a realistic calendar too). The weeks are
  // the UTC calendar's for every owner, so "the week after next" (left free; tests book there) is one range of days
  // everywhere: anchored on each owner's own date, Tokyo's fortnight moved a week ahead on Sunday from 15:00 UTC and
  // covered the UTC week after next.
  const std::int64_t demo_monday = IsoWeekStartDay(core.Now() / kSecondsPerDay);
  json events = json::array();
  int counter = 0;
  for (int week = 0; week < kDemoWeeks; ++week) {
    for (const auto& item : kEvents) {
      std::string provider = ProviderOf(item.owner);
      std::string zone_name;
      for (const auto& person : kPeople) if (std::string(person.email) == item.owner) zone_name = person.zone;
      const TimeZone* zone = core.zones.Find(zone_name);
      if (!zone) zone = core.zones.Find("UTC");
      std::int64_t day = demo_monday + 7 * week + (item.weekday - 1);
      char id[32];
      std::snprintf(id, sizeof id, "demo%04d", counter++);
      json event = {{"provider", provider}, {"calendar", item.owner}, {"summary", item.title},
                    {"show_as", item.show_as}, {"private", item.is_private}};
      if (provider == "google") event["id"] = id;
      if (item.all_day) {
        CivilDate date = CivilFromDays(day);
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
        event["date"] = text;
      } else {
        std::int64_t start = zone->FromLocalSeconds(day * kSecondsPerDay + *ParseClockTime(item.start));
        std::int64_t end = zone->FromLocalSeconds(day * kSecondsPerDay + *ParseClockTime(item.end));
        event["start"] = FormatRfc3339(start);
        event["end"] = FormatRfc3339(end);
      }
      events.push_back(event);
    }
  }
  // A shared interview with a room booked (Google) on Thursday in Berlin, in both weeks.
  const TimeZone* berlin = core.zones.Find("Europe/Berlin");
  for (int week = 0; berlin && week < kDemoWeeks; ++week) {
    std::int64_t day = demo_monday + 7 * week + 3;
    events.push_back({{"provider", "google"}, {"calendar", "lena.fischer@kumo.example"},
                      {"id", week == 0 ? "demoroom01" : "demoroom02"},
                      {"summary", "Panel interview (room booked)"},
                      {"start", FormatRfc3339(berlin->FromLocalSeconds(day * kSecondsPerDay + 10 * 3600))},
                      {"end", FormatRfc3339(berlin->FromLocalSeconds(day * kSecondsPerDay + 11 * 3600))},
                      {"attendees", {"jonas.becker@kumo.example", "c_berlin-tiergarten@resource.calendar.google.com"}}});
  }
  seed["events"] = events;
  // Ken hosts a client meeting in Zoom on Thursday 11:00–12:00 Tokyo, in both weeks: made in Zoom, not in his calendar,
  // so only reading his Zoom meetings shows his host account busy (予定あり) then.
  const TimeZone* tokyo = core.zones.Find("Asia/Tokyo");
  json zoom_meetings = json::array();
  for (int week = 0; tokyo && week < kDemoWeeks; ++week) {
    std::int64_t day = demo_monday + 7 * week + 3;
    zoom_meetings.push_back({{"host", "ken.sato@kumo.example"}, {"topic", "取引先との打ち合わせ"},
                             {"start_time", FormatRfc3339(tokyo->FromLocalSeconds(day * kSecondsPerDay + 11 * 3600))},
                             {"duration", 60}});
  }
  seed["zoom_meetings"] = zoom_meetings;
  auto result = ApplySeedLocked(core, seed);
  (void)result;  // the demo seed is fixed data; tests check that it applies (Sandbox: demo org counts)
}

}  // namespace slotwise::sandbox
