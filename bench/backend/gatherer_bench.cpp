// gatherer_bench.cpp — the availability request path before the engine: CalendarGatherer::Collect for 20 participants
// over two weeks (960 busy events, served from the free/busy cache after the first read) and the calendars rendered as
// JSON text — measured against the engine solving the same gathered problem, in the same run (scripts/bench, section
// "gatherer"; docs/BENCHMARKS.md).
//
//   slotwise_gatherer_bench [--smoke] [--min-time S]
// Prints one JSON line (section "gatherer") on stdout and a short report on stderr. Target: a cached gather under
// 1 ms (printed PASS/MISS, never asserted).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "availability/calendar_gatherer.h"
#include "availability/free_busy_cache.h"
#include "crypto/token_vault.h"
#include "slotwise/availability.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "store/sqlite_directory_store.h"
#include "store/sqlite_store.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace {

using nlohmann::json;
using namespace slotwise;

// Every calendar's events from a table, whatever the window (the gatherer selects).
class TableSource final : public BusySource {
 public:
  Result<std::vector<CalendarBusy>> FetchBusy(const std::vector<std::string>& ids, Interval) override {
    ++calls;
    std::vector<CalendarBusy> answer;
    for (const std::string& id : ids) answer.push_back({id, events[id]});
    return answer;
  }
  std::map<std::string, std::vector<BusyEvent>> events;
  int calls = 0;
};

class OneSource final : public BusySourceFactory {
 public:
  Result<std::shared_ptr<BusySource>> SourceFor(const std::string&, std::string_view,
                                                const std::vector<std::string>&) override {
    return std::shared_ptr<BusySource>(source);
  }
  std::shared_ptr<TableSource> source = std::make_shared<TableSource>();
};

class NoHolds final : public HoldsReader {
 public:
  Result<std::vector<Hold>> ActiveHolds(const std::string&, const std::vector<std::string>&, Interval,
                                        const std::string&) override {
    return std::vector<Hold>{};
  }
};

template <class Work>
double MicrosecondsPer(double min_seconds, Work work) {
  using Clock = std::chrono::steady_clock;
  const auto begin = Clock::now();
  long rounds = 0;
  while (true) {
    work();
    ++rounds;
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    if (seconds >= min_seconds && rounds >= 3) return seconds * 1e6 / static_cast<double>(rounds);
  }
}

int Fail(const std::string& what) {
  std::fprintf(stderr, "gatherer bench: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 0.5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") min_seconds = 0.05;
    else if (arg == "--min-time" && i + 1 < argc) min_seconds = std::stod(argv[++i]);
    else return Fail("usage: slotwise_gatherer_bench [--smoke] [--min-time S]");
  }
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("slotwise-gatherer-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  Result<std::unique_ptr<SqliteStore>> database = SqliteStore::Open((folder / "bench.db").string());
  if (!database) return Fail(database.error().message);
  Result<crypto::Keyring> ring = crypto::Keyring::Parse(crypto::Keyring::NewKeySpec("k1"));
  if (!ring) return Fail(ring.error().message);
  crypto::TokenVault vault(std::move(ring).value());
  SqliteDirectoryStore directory(**database, vault);
  ZoneinfoDirectory zones("/usr/share/zoneinfo");

  Tenant tenant;
  tenant.id = tenant.name = "perf";
  tenant.calendar_provider = "google";
  tenant.time_zone = "Europe/Berlin";
  if (!directory.CreateTenant(tenant)) return Fail("cannot create the tenant");
  OneSource sources;
  json members = json::array();
  const Instant first_day = *ParseRfc3339("2026-12-06T00:00:00Z");
  for (int p = 0; p < 20; ++p) {
    Person person;
    person.tenant_id = "perf";
    person.email = "person" + std::to_string(p) + "@perf.test";
    person.time_zone = p % 2 ? "America/New_York" : "Europe/Berlin";
    person.working_hours_json = R"({"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],)"
                                R"("thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]})";
    person.max_interviews_per_day = 3;
    if (!directory.UpsertPerson(person)) return Fail("cannot add a person");
    members.push_back({{"sub", person.email}});
    std::vector<BusyEvent>& events = sources.source->events[person.email];
    for (int day = 0; day < 18; ++day) {  // three meetings a day over an 18-day window
      for (int k = 0; k < 3; ++k) {
        const Instant start = first_day + day * kSecondsPerDay + (8 + 3 * k + p % 3) * 3600;
        BusyEvent event;
        event.interval = {start, start + 3600};
        event.status = k == 1 ? BusyStatus::kTentative : BusyStatus::kBusy;
        events.push_back(event);
      }
    }
  }
  NoHolds holds;
  FreeBusyCache cache;
  CalendarGatherer gatherer(directory, holds, sources, cache);
  const json query = {
      {"participants", json::array({{{"members", members}, {"required", 3}}})},
      {"required_duration", {{"minutes", 60}}},
      {"query_periods", json::array({{{"start", "2026-12-07T00:00:00Z"}, {"end", "2026-12-21T00:00:00Z"}}})}};
  const Instant now = *ParseRfc3339("2026-12-01T08:00:00Z");

  std::size_t bytes = 0;
  bool ok = true;
  const double cold_us = MicrosecondsPer(0, [&] {
    cache.Clear();
    ok = ok && gatherer.Collect("perf", query, {now, 300, ""}).ok();
  });
  const double cached_us = MicrosecondsPer(min_seconds, [&] {
    Result<GatheredCalendars> gathered = gatherer.Collect("perf", query, {now, 300, ""});
    ok = ok && gathered.ok();
    std::string text;
    if (gathered) gathered->AppendJson(text);
    bytes = text.size();
  });
  // The peer: the engine solving the problem the gather produced (what the request does next).
  Result<GatheredCalendars> gathered = gatherer.Collect("perf", query, {now, 300, ""});
  if (!ok || !gathered) return Fail("a gather failed");
  Result<std::vector<Calendar>> calendars = gathered->ToEngineCalendars(zones);
  if (!calendars) return Fail(calendars.error().message);
  Result<Problem> problem = AssembleProblem(now, std::move(calendars).value(), query, zones);
  if (!problem) return Fail(problem.error().message);
  const double solve_us = MicrosecondsPer(min_seconds, [&] { (void)SolveProblem(*problem); });
  std::filesystem::remove_all(folder);

  const bool pass = cached_us < 1000.0;
  std::printf("%s\n", DumpJson({{"section", "gatherer"},
                                {"workload", "20 participants x 2 weeks, 960 events"},
                                {"cached_gather_us", cached_us},
                                {"cold_gather_us", cold_us},
                                {"engine_solve_us", solve_us},
                                {"calendar_json_bytes", bytes},
                                {"provider_reads", sources.source->calls}})
                          .c_str());
  std::fprintf(stderr,
               "gatherer: 20 participants x 2 weeks (960 events, %zu bytes of calendar JSON)\n"
               "  cached gather + JSON text  %9.1f us   (%.2fx the engine's solve of the same problem)\n"
               "  cold gather (cache empty)  %9.1f us\n"
               "  engine solve (peer)        %9.1f us\n"
               "  target: cached gather < 1000 us ........ %s\n",
               bytes, cached_us, cached_us / solve_us, cold_us, solve_us, pass ? "PASS" : "MISS");
  return 0;
}
