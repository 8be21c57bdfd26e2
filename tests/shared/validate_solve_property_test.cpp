// Property test: booking validation agrees with the solver on random problems with conferencing accounts and host
// rule policies. Every slot "solve" returns, booked with the participants, rooms and hosts it lists, validates with
// no violation; every grid start inside the query periods that "solve" does not return, booked with every member of
// every group, every room and every host account, has at least one violation. On a failure the document is printed.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "slotwise/availability.h"
#include "slotwise/booking_validation.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"
#include "slotwise/solver.h"

#include "support/system_zones.h"

using namespace slotwise;
using nlohmann::json;

namespace {

const char* const kZones[] = {"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"};

ZoneSource& Zones() { return testing::SystemZones(); }

struct Generator {
  std::mt19937_64 rng;
  explicit Generator(std::uint64_t seed) : rng(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng); }
  template <class T>
  const T& Pick(const std::vector<T>& items) { return items[static_cast<std::size_t>(Int(0, static_cast<int>(items.size()) - 1))]; }
  static json Minutes(int m) { return {{"minutes", m}}; }
  static std::string Clock(int minutes) {
    const std::string hours = std::to_string(minutes / 60), rest = std::to_string(minutes % 60);
    return (hours.size() < 2 ? "0" + hours : hours) + ":" + (rest.size() < 2 ? "0" + rest : rest);
  }

  json Events(Instant base, bool interviews) {
    static const std::vector<std::string> kStatuses = {"busy", "tentative", "oof", "free"};
    json events = json::array();
    for (int i = Int(0, 5); i > 0; --i) {
      const Instant start = base + Int(-6 * 60, 30 * 60) / 5 * 5 * 60;
      json event = {{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(start + Int(1, 36) * 5 * 60)},
                    {"status", Pick(kStatuses)}};
      if (interviews && Chance(0.3)) event["interview"] = true;
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

  json Required(std::size_t members) { return Chance(0.4) ? json("all") : json(Int(1, static_cast<int>(members))); }

  json Account(const std::string& provider, const std::vector<std::string>& people) {
    static const std::vector<std::string> kScopes = {"organizer", "organization", "organizationAndFederated",
                                                     "everyone", "invited", "organizationExcludingGuests"};
    static const std::vector<std::string> kAccess = {"OPEN", "TRUSTED", "RESTRICTED"};
    json account = {{"provider", provider}, {"owner", Chance(0.75) ? Pick(people) : std::string("outsider")}};
    if (Chance(0.3)) account["account_type"] = Chance(0.5) ? "personal" : "company";
    if (Chance(0.6)) account["join_before_host"] = Chance(0.5);
    if (Chance(0.4)) account["waiting_room"] = Chance(0.5);
    if (Chance(0.4)) account["passcode"] = {{"enabled", Chance(0.5)}, {"locked", Chance(0.5)}};
    if (Chance(0.5)) account["lobby_bypass_scope"] = Pick(kScopes);
    if (Chance(0.3)) account["meet_access_type"] = Pick(kAccess);
    return account;
  }

  json Document() {
    const Instant base = 1796083200 + Int(0, 20) * kSecondsPerDay;  // December 2026
    json calendars = json::object();
    std::vector<std::string> people, rooms, hosts;
    for (int i = Int(1, 4); i > 0; --i) {
      const std::string sub = "p" + std::to_string(i);
      people.push_back(sub);
      json calendar = {{"busy", Events(base, true)}, {"time_zone", kZones[Int(0, 3)]}};
      if (Chance(0.6)) {
        const int start = Int(0, 12) * 60;
        json window = json::array({json::array({Clock(start), Clock(std::min(24 * 60, start + Int(2, 12) * 60))})});
        calendar["working_hours"] = {{"mon", window}, {"tue", window}, {"wed", window}, {"thu", window},
                                     {"fri", window}, {"sat", window}, {"sun", window}};
      }
      if (Chance(0.25)) calendar["max_interviews_per_day"] = Int(0, 2);
      calendars[sub] = calendar;
    }
    json query;
    json groups = json::array();
    for (int g = Int(1, 2); g > 0; --g) {
      json members = Members(people, 3);
      groups.push_back({{"members", members}, {"required", Required(members.size())}});
    }
    query["participants"] = groups;
    query["required_duration"] = Minutes(Pick(std::vector<int>{15, 30, 60, 90}));
    json periods = json::array();
    for (int i = Int(1, 2); i > 0; --i) {
      const Instant start = base + Int(-2 * 60, 20 * 60) * 60;
      periods.push_back({{"start", FormatRfc3339(start)}, {"end", FormatRfc3339(start + Int(60, 14 * 60) * 60)}});
    }
    query["query_periods"] = periods;
    query["start_interval"] = Minutes(Pick(std::vector<int>{15, 20, 30, 60}));
    query["time_zone"] = kZones[Int(0, 3)];
    query["max_results"] = 512;  // at most 2 × 14 h / 15 min = 112 grid starts: nothing is cut
    if (Chance(0.4)) query["buffer"] = {{"before", Minutes(Int(0, 2) * 10)}, {"after", Minutes(Int(0, 2) * 10)}};
    if (Chance(0.4)) query["minimum_notice"] = Minutes(Pick(std::vector<int>{30, 600}));
    if (Chance(0.3)) {
      for (int i = Int(1, 2); i > 0; --i) {
        const std::string sub = "room" + std::to_string(i);
        rooms.push_back(sub);
        calendars[sub] = {{"busy", Events(base, false)}, {"capacity", Int(2, 8)}};
      }
      json request = {{"members", Members(rooms, 2)}};
      if (Chance(0.5)) request["min_capacity"] = Int(2, 6);
      query["rooms"] = request;
    }
    if (Chance(0.85)) {
      static const std::vector<std::string> kProviders = {"zoom", "zoom", "teams", "google_meet", "goto"};
      const std::string provider = Pick(kProviders);
      for (int i = Int(1, 3); i > 0; --i) {
        const std::string sub = provider + ":h" + std::to_string(i);
        hosts.push_back(sub);
        calendars[sub] = {{"busy", Events(base, false)}};
        if (Chance(0.85)) calendars[sub]["conferencing_account"] = Account(provider, people);
      }
      json members = Members(hosts, 3);
      query["conferencing"] = {{"provider", provider},
                               {"hosts", {{"members", members}, {"required", Required(members.size())}}}};
      static const std::vector<std::string> kPolicies = {"refuse", "warn"};
      json policies = json::object();
      for (const char* rule : {"host_absent_no_jbh", "waiting_room_overrides_jbh", "lobby_blocks_candidate"}) {
        if (Chance(0.5)) policies[rule] = Pick(kPolicies);
      }
      query["host_rules"] = policies;
      if (Chance(0.5)) query["candidate"] = {{"external", Chance(0.6)}};
    }
    return {{"now", FormatRfc3339(base + Int(-12 * 60, 12 * 60) * 60)}, {"query", query}, {"calendars", calendars}};
  }
};

std::vector<std::string> Subs(const json& items) {
  std::vector<std::string> subs;
  for (const json& item : items) subs.push_back(item["sub"].get<std::string>());
  return subs;
}

}  // namespace

TEST_CASE("ValidateSolveProperty: validate agrees with solve on random problems with host accounts") {
  Generator generator(20261124);
  std::size_t returned = 0, refused = 0, with_rules = 0;
  for (int round = 0; round < 1000; ++round) {
    const json document = generator.Document();
    const std::string text = DumpJson(document);
    Result<Problem> parsed = ParseAvailabilityDocument(document, Zones());
    REQUIRE_MESSAGE(parsed, "the generator made an invalid document: " << parsed.error().message << "\n" << text);
    const Problem& problem = *parsed;
    const EngineAnswer engine = CallEngine("solve", text, Zones());
    REQUIRE(engine.status == EngineStatus::kOk);
    const json answer = json::parse(engine.body);

    // Every returned slot, booked as listed, validates.
    std::set<std::string> returned_starts;
    for (const json& slot : answer["available_slots"]) {
      Booking booking;
      booking.interval = {*ParseRfc3339(slot["start"].get<std::string>()), *ParseRfc3339(slot["end"].get<std::string>())};
      booking.participants = Subs(slot["participants"]);
      if (slot.contains("rooms")) booking.rooms = Subs(slot["rooms"]);
      if (problem.query.conferencing) {
        booking.provider = problem.query.conferencing->provider;
        booking.hosts = Subs(slot["hosts"]);
      }
      const BookingCheck check = ValidateBooking(problem, booking);
      if (!check.valid()) {
        std::cerr << "FAILING DOCUMENT (round " << round << "), slot " << slot.dump() << " got "
                  << DumpJson(BookingCheckToJson(check)) << "\n" << text << "\n";
      }
      REQUIRE(check.valid());
      returned_starts.insert(slot["start"].get<std::string>());
      ++returned;
      with_rules += slot.dump().find("warnings") != std::string::npos;
    }

    // Every other grid start of the query periods, booked with everyone and everything, has a violation.
    Booking everyone;
    for (std::size_t m : ComputeStartSets(problem.query, problem.calendars, problem.now).participant_order) {
      everyone.participants.push_back(problem.calendars[m].sub);
    }
    if (problem.query.rooms) {
      for (std::size_t r : problem.query.rooms->members) everyone.rooms.push_back(problem.calendars[r].sub);
    }
    if (problem.query.conferencing) {
      everyone.provider = problem.query.conferencing->provider;
      for (std::size_t h : problem.query.conferencing->hosts) everyone.hosts.push_back(problem.calendars[h].sub);
    }
    IntervalList starts;
    for (const Interval& p : problem.query.query_periods) {
      if (p.end - problem.query.duration >= p.start) starts.push_back({p.start, p.end - problem.query.duration + 1});
    }
    ForEachGridStart(MergeIntervals(std::move(starts)), *problem.query.zone, problem.query.start_interval,
                     [&](Instant s) {
                       if (returned_starts.count(FormatRfc3339(s)) != 0) return true;
                       everyone.interval = {s, s + problem.query.duration};
                       const BookingCheck check = ValidateBooking(problem, everyone);
                       if (check.valid()) {
                         std::cerr << "FAILING DOCUMENT (round " << round << "): " << FormatRfc3339(s)
                                   << " is not returned but validates\n" << text << "\n";
                       }
                       REQUIRE_FALSE(check.valid());
                       ++refused;
                       return true;
                     });
  }
  // The generator must exercise both sides (and the warnings), or the agreement proves little.
  CHECK(returned > 3000);
  CHECK(refused > 5000);
  CHECK(with_rules > 100);
}
