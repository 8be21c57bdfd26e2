// Property test for shared/solver: thousands of random small problems, each answered by the engine ("solve" through
// CallEngine) and by a deliberately naive reference written straight from docs/ENGINE.md's words (The rules) (minute by
// minute, no interval algebra). The two answers must be the same JSON text. On a
// difference the failing document is printed.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"

#include "support/system_zones.h"

using namespace slotwise;
using nlohmann::json;

namespace {

const char* const kZones[] = {"UTC",           "America/New_York",   "Europe/Berlin",    "Asia/Kolkata",
                              "Asia/Kathmandu", "Australia/Lord_Howe", "Australia/Sydney", "America/Santiago",
                              "Pacific/Chatham"};

ZoneSource& Zones() { return testing::SystemZones(); }

// =====================================================================================================================
// The reference: docs/ENGINE.md "The rules", read literally.
// =====================================================================================================================

bool EventsBlock(const Calendar& calendar, const AvailabilityQuery& q, Instant s) {
  for (const BusyEvent& e : calendar.busy) {
    if (!StatusBlocks(e.status, q.tentative_blocks)) continue;
    if (e.interval.start < s + q.duration + q.buffer_after && s - q.buffer_before < e.interval.end) return true;
  }
  return false;
}

std::int64_t LocalDayOf(const TimeZone& zone, Instant t) { return FloorDiv(zone.ToLocalSeconds(t), kSecondsPerDay); }

// Everything the reference needs about one calendar, computed once per problem (the checks stay minute by minute).
struct CalendarFacts {
  std::vector<Interval> windows;           // every working window of every nearby local date, as UTC instants
  std::vector<std::int64_t> interview_days;  // the local date of each interview event's start
  std::vector<int> working_prefix;         // prefix sums of "this minute lies in a window"
};

struct FreeLists {
  std::vector<std::size_t> participants, rooms, hosts;
  bool operator==(const FreeLists&) const = default;
};

struct Reference {
  const Problem& p;
  Instant first_minute = 0, last_end = 0;
  std::vector<CalendarFacts> facts;

  explicit Reference(const Problem& problem) : p(problem) {
    Instant lo = p.query.query_periods.front().start;
    last_end = p.query.query_periods.front().end;
    for (const Interval& period : p.query.query_periods) {
      lo = std::min(lo, period.start);
      last_end = std::max(last_end, period.end);
    }
    first_minute = FloorDiv(lo, 60) * 60;
    facts.resize(p.calendars.size());
    for (std::size_t c = 0; c < p.calendars.size(); ++c) {
      const Calendar& calendar = p.calendars[c];
      CalendarFacts& f = facts[c];
      const TimeZone& zone = *calendar.zone;
      // A window of local date d is [FromLocal(d, start), FromLocal(d, end)) (working_hours.h).
      for (std::int64_t day = LocalDayOf(zone, lo) - 1; day <= LocalDayOf(zone, last_end) + 1; ++day) {
        for (const LocalWindow& w : calendar.working_hours.windows[static_cast<std::size_t>(WeekdayFromDays(day))]) {
          f.windows.push_back({zone.FromLocalSeconds(day * kSecondsPerDay + w.start),
                               zone.FromLocalSeconds(day * kSecondsPerDay + w.end)});
        }
      }
      for (const BusyEvent& e : calendar.busy) {
        if (e.interview) f.interview_days.push_back(LocalDayOf(zone, e.interval.start));
      }
      f.working_prefix.push_back(0);
      for (Instant t = first_minute; t < last_end + 60; t += 60) {
        bool working = calendar.working_hours.around_the_clock;
        for (const Interval& w : f.windows) working |= w.start <= t && t < w.end;
        f.working_prefix.push_back(f.working_prefix.back() + working);
      }
    }
  }

  // Every minute of [s, s + duration) is working time.
  bool WholeSlotWorking(std::size_t c, Instant s) const {
    const auto a = static_cast<std::size_t>((s - first_minute) / 60);
    const auto minutes = static_cast<std::size_t>(p.query.duration / 60);
    return facts[c].working_prefix[a + minutes] - facts[c].working_prefix[a] == static_cast<int>(minutes);
  }

  // The local date / ISO week of s already holds `limit` interview starts.
  bool LoadFull(std::size_t c, Instant s) const {
    const Calendar& calendar = p.calendars[c];
    if (!calendar.max_interviews_per_day && !calendar.max_interviews_per_week) return false;
    const std::int64_t day = LocalDayOf(*calendar.zone, s);
    std::int64_t on_day = 0, in_week = 0;
    for (std::int64_t event_day : facts[c].interview_days) {
      on_day += event_day == day;
      in_week += IsoWeekStartDay(event_day) == IsoWeekStartDay(day);
    }
    return (calendar.max_interviews_per_day && on_day >= *calendar.max_interviews_per_day) ||
           (calendar.max_interviews_per_week && in_week >= *calendar.max_interviews_per_week);
  }

  bool MemberFree(std::size_t c, Instant s) const {
    return WholeSlotWorking(c, s) && !EventsBlock(p.calendars[c], p.query, s) && !LoadFull(c, s);
  }

  // nullopt when s is not available; otherwise who is free for it.
  std::optional<FreeLists> Check(Instant s, bool grid) const {
    const AvailabilityQuery& q = p.query;
    bool in_period = false;
    for (const Interval& period : q.query_periods) in_period |= period.start <= s && s + q.duration <= period.end;
    if (!in_period || s < p.now + q.minimum_notice) return std::nullopt;
    if (grid && q.zone->ToLocal(s).second_of_day % q.start_interval != 0) return std::nullopt;
    FreeLists free;
    for (const ParticipantGroup& g : q.groups) {
      std::size_t count = 0;
      for (std::size_t m : g.members) {
        if (!MemberFree(m, s)) continue;
        ++count;
        if (std::find(free.participants.begin(), free.participants.end(), m) == free.participants.end()) {
          free.participants.push_back(m);  // first mention in query order
        }
      }
      if (count < g.required) return std::nullopt;
    }
    if (q.rooms) {
      for (std::size_t r : q.rooms->members) {
        const Calendar& room = p.calendars[r];
        const bool big_enough = !q.rooms->min_capacity || (room.capacity && *room.capacity >= *q.rooms->min_capacity);
        if (big_enough && !EventsBlock(room, q, s)) free.rooms.push_back(r);
      }
      if (free.rooms.size() < q.rooms->required) return std::nullopt;
    }
    if (q.conferencing) {
      for (std::size_t h : q.conferencing->hosts) {
        if (!EventsBlock(p.calendars[h], q, s)) free.hosts.push_back(h);
      }
      if (free.hosts.size() < q.conferencing->required) return std::nullopt;
    }
    return free;
  }

  json Subs(const std::vector<std::size_t>& list) const {
    json out = json::array();
    for (std::size_t c : list) out.push_back({{"sub", p.calendars[c].sub}});
    return out;
  }

  json Item(Instant start, Instant end, const FreeLists& free) const {
    json item = {{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(end)}, {"participants", Subs(free.participants)}};
    if (p.query.rooms) item["rooms"] = Subs(free.rooms);
    if (p.query.conferencing) item["hosts"] = Subs(free.hosts);
    return item;
  }

  json Answer() const {
    const AvailabilityQuery& q = p.query;
    json list = json::array();
    if (q.response_format == ResponseFormat::kSlots) {
      for (Instant s = first_minute; s < last_end && list.size() < q.max_results; s += 60) {
        if (std::optional<FreeLists> free = Check(s, true)) list.push_back(Item(s, s + q.duration, *free));
      }
      return {{"available_slots", list}};
    }
    // Periods: maximal runs of consecutive minutes with the same lists.
    std::optional<FreeLists> open;
    Instant open_start = 0, last = 0;
    for (Instant s = first_minute; s < last_end; s += 60) {
      std::optional<FreeLists> free = Check(s, false);
      if (free && open && last == s - 60 && *free == *open) {
        last = s;
        continue;
      }
      if (!free) continue;
      if (open) list.push_back(Item(open_start, last + q.duration, *open));
      open = free;
      open_start = last = s;
    }
    if (open) list.push_back(Item(open_start, last + q.duration, *open));
    while (list.size() > q.max_results) list.erase(list.end() - 1);
    return {{"available_periods", list}};
  }
};

// =====================================================================================================================
// Random problems
// =====================================================================================================================

struct Generator {
  std::mt19937 rng;
  explicit Generator(std::uint32_t seed) : rng(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(Int(0, static_cast<int>(v.size()) - 1))]; }
  const char* Zone() { return kZones[Int(0, 8)]; }

  std::string Clock(int minutes) {
    const std::string hh = std::to_string(minutes / 60), mm = std::to_string(minutes % 60);
    return (hh.size() < 2 ? "0" + hh : hh) + ":" + (mm.size() < 2 ? "0" + mm : mm);
  }

  // An instant near a DST change of a random zone (or anywhere in 2026 one time in five).
  Instant Base() {
    const Instant year_start = 1767225600;  // 2026-01-01T00:00:00Z
    if (Chance(0.2)) return year_start + Int(0, 364) * kSecondsPerDay + Int(0, 1439) * 60;
    const TimeZone* zone = Zones().Find(kZones[Int(1, 8)]);
    const std::vector<OffsetSpan> spans = zone->OffsetSpans(year_start, year_start + 366 * kSecondsPerDay);
    if (spans.size() < 2) return year_start + Int(0, 364) * kSecondsPerDay;
    const Instant change = spans[static_cast<std::size_t>(Int(1, static_cast<int>(spans.size()) - 1))].start;
    return change - Int(0, 48 * 60) * 60;
  }

  json Minutes(int m) { return {{"minutes", m}}; }

  json WorkingHours() {
    static const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    json hours = json::object();
    for (const char* day : kDays) {
      if (Chance(0.25)) continue;
      json windows = json::array();
      const int kind = Int(0, 5);
      if (kind == 0) windows.push_back({"00:00", "24:00"});
      else if (kind == 1) windows.push_back({Clock(Int(18, 23) * 60), "24:00"});
      else if (kind == 2) windows.push_back({"00:00", Clock(Int(1, 6) * 60 + Int(0, 3) * 15)});
      else {
        const int count = Int(1, 2);
        int at = Int(0, 10) * 60 + Int(0, 11) * 5;
        for (int i = 0; i < count && at < 23 * 60; ++i) {
          const int end = std::min(24 * 60, at + Int(1, 16) * 30 + Int(0, 2) * 5);
          windows.push_back({Clock(at), Clock(end)});
          at = end + Int(0, 4) * 30;
        }
      }
      hours[day] = windows;
    }
    return hours;
  }

  json Events(Instant base, bool interviews) {
    static const std::vector<std::string> kStatuses = {"busy", "tentative", "oof", "working_elsewhere", "free"};
    json events = json::array();
    const int count = Int(0, 7);
    for (int i = 0; i < count; ++i) {
      Instant start = base + Int(-24 * 60, 4 * 24 * 60) * 60;
      if (Chance(0.1)) start += Int(1, 59);  // not on a whole minute
      const Instant end = start + Int(1, 10 * 60) * 60 + (Chance(0.1) ? Int(1, 59) : 0);
      json event = {{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(end)}};
      if (Chance(0.85)) event["status"] = Pick(kStatuses);
      if (interviews && Chance(0.5)) event["interview"] = Chance(0.8);
      events.push_back(event);
    }
    return events;
  }

  json Members(const std::vector<std::string>& pool, int max_count) {
    std::vector<std::string> chosen = pool;
    std::shuffle(chosen.begin(), chosen.end(), rng);
    chosen.resize(static_cast<std::size_t>(Int(1, std::min(max_count, static_cast<int>(pool.size())))));
    json members = json::array();
    for (const std::string& sub : chosen) members.push_back({{"sub", sub}});
    return members;
  }

  json Required(std::size_t members) {
    if (Chance(0.4)) return "all";
    return Int(1, static_cast<int>(members));
  }

  json Document() {
    const Instant base = Base();
    json calendars = json::object();
    std::vector<std::string> people, rooms, hosts;
    const int people_count = Int(1, 4);
    for (int i = 0; i < people_count; ++i) {
      std::string sub = "p";
      sub.append(std::to_string(i)).append("@acme.test");
      people.push_back(sub);
      json calendar = {{"busy", Events(base, true)}};
      if (Chance(0.8)) calendar["time_zone"] = Zone();
      if (Chance(0.75)) calendar["working_hours"] = WorkingHours();
      if (Chance(0.25)) calendar["max_interviews_per_day"] = Int(0, 3);
      if (Chance(0.15)) calendar["max_interviews_per_week"] = Int(0, 4);
      calendars[sub] = calendar;
    }
    json query;
    json groups = json::array();
    const int group_count = Int(1, 3);
    for (int g = 0; g < group_count; ++g) {
      json members = Members(people, 3);
      groups.push_back({{"members", members}, {"required", Required(members.size())}});
    }
    query["participants"] = groups;
    static const std::vector<int> kDurations = {5, 15, 30, 45, 60, 90, 120};
    query["required_duration"] = Minutes(Pick(kDurations));
    json periods = json::array();
    const int period_count = Int(1, 3);
    for (int i = 0; i < period_count; ++i) {
      const Instant start = base + Int(-6 * 60, 24 * 60) * 60 + (Chance(0.3) ? Int(1, 59) : 0);
      const Instant end = start + Int(10, 2 * 24 * 60) * 60 + (Chance(0.2) ? Int(1, 59) : 0);
      periods.push_back({{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(end)}});
    }
    query["query_periods"] = periods;
    static const std::vector<int> kIntervals = {5, 10, 15, 20, 30, 45, 60};
    if (Chance(0.8)) query["start_interval"] = Minutes(Pick(kIntervals));
    if (Chance(0.5)) {
      json buffer = json::object();
      if (Chance(0.8)) buffer["before"] = Minutes(Int(0, 4) * 10);
      if (Chance(0.8)) buffer["after"] = Minutes(Int(0, 4) * 10);
      query["buffer"] = buffer;
    }
    if (Chance(0.8)) query["time_zone"] = Zone();
    if (Chance(0.5)) query["minimum_notice"] = Minutes(Pick(std::vector<int>{0, 30, 90, 600, 1440}));
    static const std::vector<std::string> kFormats = {"slots", "overlapping_slots", "periods", "periods"};
    if (Chance(0.85)) query["response_format"] = Pick(kFormats);
    if (Chance(0.5)) query["max_results"] = Int(1, 40);
    if (Chance(0.5)) query["tentative_blocks"] = Chance(0.5);
    if (Chance(0.35)) {
      const int room_count = Int(1, 3);
      for (int i = 0; i < room_count; ++i) {
        std::string sub = "room";
      sub.append(std::to_string(i)).append("@acme.test");
        rooms.push_back(sub);
        json calendar = {{"busy", Events(base, false)}};
        if (Chance(0.8)) calendar["capacity"] = Int(0, 10);
        if (Chance(0.3)) calendar["working_hours"] = WorkingHours();  // rooms ignore working hours
        calendars[sub] = calendar;
      }
      json request = {{"members", Members(rooms, 3)}};
      if (Chance(0.7)) request["required"] = Required(request["members"].size());
      if (Chance(0.6)) request["min_capacity"] = Int(0, 8);
      query["rooms"] = request;
    }
    if (Chance(0.25)) {
      const int host_count = Int(1, 2);
      for (int i = 0; i < host_count; ++i) {
        const std::string sub = "zoom:host" + std::to_string(i);
        hosts.push_back(sub);
        calendars[sub] = {{"busy", Events(base, false)}};
      }
      if (Chance(0.5)) {
        query["conferencing"] = {{"provider", "zoom"}, {"host", hosts.front()}};
      } else {
        json members = Members(hosts, 2);
        json request = {{"members", members}};
        if (Chance(0.7)) request["required"] = Required(members.size());
        query["conferencing"] = {{"provider", "teams"}, {"hosts", request}};
      }
    }
    return {{"now", FormatRfc3339(base + Int(-24 * 60, 24 * 60) * 60)}, {"query", query}, {"calendars", calendars}};
  }
};

}  // namespace

TEST_CASE("SolverProperty: the engine agrees with the minute-by-minute reference on random problems") {
  Generator generator(20261201);
  int compared = 0, nonempty = 0;
  for (int round = 0; round < 3000; ++round) {
    const json document = generator.Document();
    const std::string text = DumpJson(document);
    const EngineAnswer engine = CallEngine("solve", text, Zones());
    Result<Problem> problem = ParseAvailabilityDocument(document, Zones());
    REQUIRE_MESSAGE(problem, "the generator made an invalid document: " << problem.error().message << "\n" << text);
    REQUIRE(engine.status == EngineStatus::kOk);
    const std::string expected = DumpJson(Reference(*problem).Answer());
    if (engine.body != expected) {
      std::cerr << "FAILING DOCUMENT (round " << round << "):\n" << text << "\nENGINE:\n" << engine.body
                << "\nREFERENCE:\n" << expected << "\n";
    }
    REQUIRE(engine.body == expected);
    ++compared;
    nonempty += expected.find("\"start\"") != std::string::npos;
  }
  CHECK(compared == 3000);
  CHECK(nonempty > 1000);  // the generator must produce problems with answers, or the comparison proves little
}
