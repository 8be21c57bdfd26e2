// Tests for slotwise/time_zone.h: every system zone against glibc, RFC 5545 gap/overlap cases, POSIX footer rules,
// malformed TZif bytes, offset spans, zone names and the in-memory source.
#include "slotwise/time_zone.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"

#ifndef SLOTWISE_ZONEINFO_DIR
#define SLOTWISE_ZONEINFO_DIR "/usr/share/zoneinfo"
#endif

namespace slotwise {
namespace {

const std::string kZoneinfoDir = SLOTWISE_ZONEINFO_DIR;

using testing::ReadFile;

TimeZone LoadZone(const std::string& name) {
  Result<TimeZone> zone = TimeZone::FromTzif(name, ReadFile(kZoneinfoDir + "/" + name));
  REQUIRE_MESSAGE(zone.ok(), name);
  return zone.value();
}

Instant Utc(std::int32_t y, std::int32_t mo, std::int32_t d, std::int32_t h, std::int32_t mi, std::int32_t s = 0) {
  return DaysFromCivil(CivilDate{y, mo, d}) * kSecondsPerDay + h * 3600 + mi * 60 + s;
}
std::int64_t Local(std::int32_t y, std::int32_t mo, std::int32_t d, std::int32_t h, std::int32_t mi) {
  return Utc(y, mo, d, h, mi);  // local seconds use the same arithmetic
}

// Points glibc's local time at a TZ value for the lifetime of the object, then restores the previous one.
class GlibcZone {
 public:
  explicit GlibcZone(const std::string& tz) {
    const char* old = std::getenv("TZ");
    had_old_ = old != nullptr;
    if (had_old_) old_ = old;
    setenv("TZ", tz.c_str(), 1);
    tzset();
  }
  ~GlibcZone() {
    if (had_old_) {
      setenv("TZ", old_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  GlibcZone(const GlibcZone&) = delete;
  GlibcZone& operator=(const GlibcZone&) = delete;

 private:
  bool had_old_ = false;
  std::string old_;
};

// Compares OffsetAt and ToLocal with glibc's localtime_r (under the current GlibcZone) and checks that the wall time
// maps back to t. Returns a description of the difference, or "" when they agree.
std::string CompareWithGlibc(const TimeZone& zone, Instant t) {
  const auto time = static_cast<std::time_t>(t);
  std::tm tm{};
  if (localtime_r(&time, &tm) == nullptr) return "localtime_r failed";
  const LocalDateTime local = zone.ToLocal(t);
  const LocalDateTime expected{CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
                               tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec};
  std::ostringstream out;
  if (zone.OffsetAt(t) != tm.tm_gmtoff || !(local == expected)) {
    out << zone.name() << " at " << FormatRfc3339(t) << ": offset " << zone.OffsetAt(t) << " vs glibc " << tm.tm_gmtoff;
    return out.str();
  }
  Instant found[2];
  const int count = zone.InstantsAtLocal(zone.ToLocalSeconds(t), found);
  if (count < 1 || (found[0] != t && (count < 2 || found[1] != t))) {
    out << zone.name() << " at " << FormatRfc3339(t) << ": InstantsAtLocal does not return t";
  }
  return out.str();
}

// Instants worth comparing in [from, to]: `random_count` random ones plus every offset change +-1 s and span middles.
std::vector<Instant> SampleInstants(const TimeZone& zone, Instant from, Instant to, int random_count,
                                    std::mt19937_64& random) {
  std::vector<Instant> instants;
  std::uniform_int_distribution<Instant> pick(from, to);
  for (int i = 0; i < random_count; ++i) instants.push_back(pick(random));
  for (const OffsetSpan& span : zone.OffsetSpans(from, to + 1)) {
    for (const Instant t : {span.start - 1, span.start, span.start + 1, span.start + (span.end - span.start) / 2}) {
      if (t >= from && t <= to) instants.push_back(t);
    }
  }
  return instants;
}

// RFC 5545 at every offset change in [from, to): a wall time inside a gap has no instant and resolves with the offset
// before the change; one inside an overlap has two, the first with the earlier offset. Returns the failures.
int CheckGapsAndOverlaps(const TimeZone& zone, Instant from, Instant to) {
  const std::vector<OffsetSpan> spans = zone.OffsetSpans(from, to);
  int failures = 0;
  for (std::size_t i = 1; i + 1 < spans.size(); ++i) {
    const std::int32_t before = spans[i - 1].offset, after = spans[i].offset;
    const Instant change = spans[i].start;
    const std::int64_t shift = after > before ? after - before : before - after;
    if (spans[i - 1].end - spans[i - 1].start <= 2 * shift || spans[i].end - spans[i].start <= 2 * shift) continue;
    const std::int64_t local = change + std::min(before, after) + shift / 2;  // inside the gap or overlap
    Instant found[2] = {0, 0};
    const int count = zone.InstantsAtLocal(local, found);
    const bool ok = after > before ? count == 0 && zone.FromLocalSeconds(local) == local - before
                                   : count == 2 && found[0] == local - before && found[1] == local - after &&
                                         zone.FromLocalSeconds(local) == local - before;
    if (!ok && ++failures <= 3) MESSAGE(zone.name() << ": wall time " << local << " near " << FormatRfc3339(change));
  }
  return failures;
}

// A TZif file with the given transitions (instant, type index), types (UT offset, isdst) and footer.
// version 0 writes a version 1 file (32-bit times, no footer); otherwise a minimal v1 block, then the 64-bit data.
std::string BuildTzif(char version, const std::vector<std::pair<Instant, std::uint8_t>>& transitions,
                      const std::vector<std::pair<std::int32_t, bool>>& types, const std::string& footer) {
  std::string out;
  auto put = [&out](std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  };
  auto header = [&](std::size_t timecnt, std::size_t typecnt, std::size_t charcnt) {
    out += "TZif";
    out.push_back(version);
    out.append(15, '\0');
    for (const std::size_t count : {std::size_t{0}, std::size_t{0}, std::size_t{0}, timecnt, typecnt, charcnt}) {
      put(count, 4);
    }
  };
  auto block = [&](int time_size) {
    for (const auto& [time, type] : transitions) put(static_cast<std::uint64_t>(time), time_size);
    for (const auto& [time, type] : transitions) put(type, 1);
    for (const auto& [utoff, isdst] : types) put(static_cast<std::uint32_t>(utoff), 4), put(isdst ? 1 : 0, 1), put(0, 1);
    out += std::string("ABC", 4);
  };
  if (version == 0) {
    header(transitions.size(), types.size(), 4);
    block(4);
    return out;
  }
  header(0, 1, 1);  // minimal version 1 block: one type, one abbreviation byte
  put(0, 4), put(0, 1), put(0, 1), put(0, 1);
  header(transitions.size(), types.size(), 4);
  block(8);
  return out + "\n" + footer + "\n";
}

TimeZone FooterOnlyZone(const std::string& footer) {
  Result<TimeZone> zone = TimeZone::FromTzif(footer, BuildTzif('3', {}, {{0, false}}, footer));
  REQUIRE_MESSAGE(zone.ok(), footer);
  return zone.value();
}

}  // namespace

TEST_CASE("TimeZone: every system zone agrees with glibc (1970-2037 and footer rules to 2199)") {
  const Instant kFrom = Utc(1970, 1, 1, 0, 0), kTo = Utc(2037, 12, 31, 23, 59, 59);
  const Instant kFarTo = Utc(2199, 12, 31, 23, 59, 59);
  std::mt19937_64 random(20260329);
  int zones = 0, instants = 0, mismatches = 0, parse_failures = 0, wall_time_failures = 0;
  namespace fs = std::filesystem;
  for (auto it = fs::recursive_directory_iterator(kZoneinfoDir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path relative = fs::relative(it->path(), kZoneinfoDir);
    const std::string name = relative.generic_string();
    if (it->is_directory() && (name == "posix" || name == "right")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink() || !it->is_regular_file() || name == "localtime" || name == "posixrules") continue;
    const std::string bytes = ReadFile(it->path());
    if (bytes.compare(0, 4, "TZif") != 0) continue;
    Result<TimeZone> zone = TimeZone::FromTzif(name, bytes);
    if (!zone) {
      ++parse_failures;
      MESSAGE(zone.error().message);
      continue;
    }
    ++zones;
    wall_time_failures += CheckGapsAndOverlaps(*zone, kFrom, kFarTo);
    const GlibcZone glibc(":" + it->path().string());
    std::vector<Instant> samples = SampleInstants(*zone, kFrom, kTo, 200, random);
    const std::vector<Instant> far = SampleInstants(*zone, kTo + 1, kFarTo, 30, random);
    samples.insert(samples.end(), far.begin(), far.end());
    for (const Instant t : samples) {
      ++instants;
      const std::string difference = CompareWithGlibc(*zone, t);
      if (!difference.empty() && ++mismatches <= 10) MESSAGE(difference);
    }
  }
  MESSAGE(zones << " zones, " << instants << " instants compared, " << mismatches << " mismatches");
  CHECK(zones > 300);
  CHECK(parse_failures == 0);
  CHECK(mismatches == 0);
  CHECK(wall_time_failures == 0);
}

TEST_CASE("TimeZone: RFC 5545 gaps and overlaps") {
  Instant found[2];
  SUBCASE("Europe/Berlin") {
    const TimeZone berlin = LoadZone("Europe/Berlin");
    CHECK(berlin.FromLocalSeconds(Local(2026, 3, 29, 2, 30)) == Utc(2026, 3, 29, 1, 30));  // gap: lands at 03:30
    CHECK(berlin.ToLocal(Utc(2026, 3, 29, 1, 30)) == LocalDateTime{CivilDate{2026, 3, 29}, 3 * 3600 + 30 * 60});
    CHECK(berlin.InstantsAtLocal(Local(2026, 3, 29, 2, 30), found) == 0);
    CHECK(berlin.FromLocal(LocalDateTime{CivilDate{2026, 10, 25}, 2 * 3600 + 30 * 60}) == Utc(2026, 10, 25, 0, 30));
    REQUIRE(berlin.InstantsAtLocal(Local(2026, 10, 25, 2, 30), found) == 2);
    CHECK(found[0] == Utc(2026, 10, 25, 0, 30));
    CHECK(found[1] == Utc(2026, 10, 25, 1, 30));
    REQUIRE(berlin.InstantsAtLocal(Local(2026, 6, 1, 12, 0), found) == 1);
    CHECK(found[0] == Utc(2026, 6, 1, 10, 0));
    CHECK(berlin.InstantsAtLocal(Local(2026, 3, 29, 2, 0), found) == 0);  // the gap is [02:00, 03:00)
    CHECK(berlin.InstantsAtLocal(Local(2026, 3, 29, 3, 0), found) == 1);
    CHECK(berlin.InstantsAtLocal(Local(2026, 10, 25, 3, 0), found) == 1);  // the overlap is [02:00, 03:00)
  }
  SUBCASE("America/New_York") {
    const TimeZone new_york = LoadZone("America/New_York");
    CHECK(new_york.InstantsAtLocal(Local(2026, 3, 8, 2, 30), found) == 0);
    CHECK(new_york.FromLocalSeconds(Local(2026, 3, 8, 2, 30)) == Utc(2026, 3, 8, 7, 30));  // 03:30 EDT
    REQUIRE(new_york.InstantsAtLocal(Local(2026, 11, 1, 1, 30), found) == 2);
    CHECK(found[0] == Utc(2026, 11, 1, 5, 30));
    CHECK(found[1] == Utc(2026, 11, 1, 6, 30));
    CHECK(new_york.FromLocalSeconds(Local(2026, 11, 1, 1, 30)) == Utc(2026, 11, 1, 5, 30));
  }
  SUBCASE("Australia/Sydney: southern hemisphere") {
    const TimeZone sydney = LoadZone("Australia/Sydney");
    CHECK(sydney.OffsetAt(Utc(2026, 1, 15, 0, 0)) == 11 * 3600);
    CHECK(sydney.OffsetAt(Utc(2026, 7, 15, 0, 0)) == 10 * 3600);
    CHECK(sydney.InstantsAtLocal(Local(2026, 10, 4, 2, 30), found) == 0);
    CHECK(sydney.FromLocalSeconds(Local(2026, 10, 4, 2, 30)) == Utc(2026, 10, 3, 16, 30));
    REQUIRE(sydney.InstantsAtLocal(Local(2026, 4, 5, 2, 30), found) == 2);
    CHECK(found[0] == Utc(2026, 4, 4, 15, 30));
    CHECK(found[1] == Utc(2026, 4, 4, 16, 30));
  }
  SUBCASE("Australia/Lord_Howe: 30-minute DST") {
    const TimeZone lord_howe = LoadZone("Australia/Lord_Howe");
    CHECK(lord_howe.OffsetAt(Utc(2026, 1, 15, 0, 0)) == 11 * 3600);
    CHECK(lord_howe.OffsetAt(Utc(2026, 7, 15, 0, 0)) == 10 * 3600 + 1800);
    CHECK(lord_howe.InstantsAtLocal(Local(2026, 10, 4, 2, 15), found) == 0);
    CHECK(lord_howe.FromLocalSeconds(Local(2026, 10, 4, 2, 15)) == Utc(2026, 10, 3, 15, 45));  // 02:45 +11
    REQUIRE(lord_howe.InstantsAtLocal(Local(2026, 4, 5, 1, 45), found) == 2);
    CHECK(found[0] == Utc(2026, 4, 4, 14, 45));
    CHECK(found[1] == Utc(2026, 4, 4, 15, 15));
  }
  SUBCASE("Asia/Kathmandu: +05:45") {
    const TimeZone kathmandu = LoadZone("Asia/Kathmandu");
    CHECK(kathmandu.OffsetAt(Utc(2026, 5, 1, 0, 0)) == 5 * 3600 + 45 * 60);
    CHECK(kathmandu.OffsetAt(Utc(1985, 5, 1, 0, 0)) == 5 * 3600 + 30 * 60);
    CHECK(kathmandu.ToLocal(Utc(2026, 1, 1, 0, 0)) == LocalDateTime{CivilDate{2026, 1, 1}, 5 * 3600 + 45 * 60});
    CHECK(kathmandu.FromLocalSeconds(Local(2026, 1, 1, 9, 0)) == Utc(2026, 1, 1, 3, 15));
  }
  SUBCASE("Pacific/Chatham: +12:45 / +13:45") {
    const TimeZone chatham = LoadZone("Pacific/Chatham");
    CHECK(chatham.OffsetAt(Utc(2026, 7, 1, 0, 0)) == 12 * 3600 + 45 * 60);
    CHECK(chatham.OffsetAt(Utc(2026, 1, 1, 0, 0)) == 13 * 3600 + 45 * 60);
    CHECK(chatham.InstantsAtLocal(Local(2026, 9, 27, 3, 0), found) == 0);  // gap [02:45, 03:45)
    CHECK(chatham.FromLocalSeconds(Local(2026, 9, 27, 3, 0)) == Utc(2026, 9, 26, 14, 15));
    CHECK(chatham.InstantsAtLocal(Local(2026, 4, 5, 3, 0), found) == 2);  // overlap [02:45, 03:45)
  }
  SUBCASE("America/Santiago: switches at 24:00 on Saturday") {
    const TimeZone santiago = LoadZone("America/Santiago");
    CHECK(santiago.OffsetAt(Utc(2026, 1, 15, 0, 0)) == -3 * 3600);
    CHECK(santiago.OffsetAt(Utc(2026, 7, 15, 0, 0)) == -4 * 3600);
    CHECK(santiago.InstantsAtLocal(Local(2026, 9, 6, 0, 30), found) == 0);  // Sat 24:00 -> Sun 01:00
    CHECK(santiago.FromLocalSeconds(Local(2026, 9, 6, 0, 30)) == Utc(2026, 9, 6, 4, 30));
    REQUIRE(santiago.InstantsAtLocal(Local(2026, 4, 4, 23, 30), found) == 2);
    CHECK(found[0] == Utc(2026, 4, 5, 2, 30));
    CHECK(found[1] == Utc(2026, 4, 5, 3, 30));
    // Past the table: the footer rule (first Saturday of September at 24:00).
    CHECK(santiago.OffsetAt(Utc(2100, 9, 5, 3, 59, 59)) == -4 * 3600);
    CHECK(santiago.OffsetAt(Utc(2100, 9, 5, 4, 0)) == -3 * 3600);
  }
  SUBCASE("Africa/Casablanca: Ramadan switches, then +00") {
    const TimeZone casablanca = LoadZone("Africa/Casablanca");
    CHECK(casablanca.OffsetAt(Utc(2026, 1, 15, 0, 0)) == 3600);
    CHECK(casablanca.OffsetAt(Utc(2026, 3, 1, 0, 0)) == 0);  // Ramadan
    CHECK(casablanca.InstantsAtLocal(Local(2026, 2, 15, 2, 30), found) == 2);
    CHECK(casablanca.InstantsAtLocal(Local(2026, 3, 22, 2, 30), found) == 0);
    CHECK(casablanca.FromLocalSeconds(Local(2026, 3, 22, 2, 30)) == Utc(2026, 3, 22, 2, 30));
  }
  SUBCASE("2100: the footer rule, checked against glibc too") {
    for (const char* name : {"Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago"}) {
      const TimeZone zone = LoadZone(name);
      const GlibcZone glibc(":" + kZoneinfoDir + "/" + name);
      for (const Instant t : {Utc(2100, 1, 15, 12, 0), Utc(2100, 7, 15, 12, 0), Utc(2100, 3, 28, 1, 0),
                              Utc(2100, 10, 31, 0, 59, 59), Utc(2100, 10, 31, 1, 0)}) {
        CHECK_MESSAGE(CompareWithGlibc(zone, t).empty(), CompareWithGlibc(zone, t));
      }
    }
    const TimeZone berlin = LoadZone("Europe/Berlin");
    CHECK(berlin.OffsetAt(Utc(2100, 7, 1, 12, 0)) == 7200);
    CHECK(berlin.FromLocalSeconds(Local(2100, 3, 28, 2, 30)) == Utc(2100, 3, 28, 1, 30));  // last Sunday of March
    // Beyond the tabulated years (2200) the rule is evaluated directly.
    CHECK(berlin.OffsetAt(Utc(2500, 7, 1, 12, 0)) == 7200);
    CHECK(berlin.OffsetAt(Utc(2500, 12, 1, 12, 0)) == 3600);
    CHECK(berlin.InstantsAtLocal(Local(2500, 10, 31, 2, 30), found) == 2);  // 2500-10-31 is the last Sunday
  }
}

TEST_CASE("TimeZone: POSIX footer rules agree with glibc") {
  std::mt19937_64 random(7);
  const char* kRules[] = {
      "EST5EDT,M3.2.0,M11.1.0",           "AEST-10AEDT,M10.1.0,M4.1.0/3",       "IST-1GMT0,M10.5.0,M3.5.0/1",
      "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "EET-2EEST,M3.4.4/50,M10.4.4/50",     "XXX3YYY,J60/2,J300/2",
      "XXX3YYY,59,299",                    "<+0545>-5:45",                       "NZST-12NZDT,M9.5.0,M4.1.0/3",
      "ABC-5:30DEF-6:45,M4.5.6/-25,M9.5.1/100", "CST5CDT,M3.2.0/0,M11.1.0/1",
      "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", "<-04>4<-03>,M9.1.6/24,M4.1.6/24"};
  int mismatches = 0;
  for (const char* rule : kRules) {
    const TimeZone zone = FooterOnlyZone(rule);
    const GlibcZone glibc(rule);
    // From 1971: glibc evaluates POSIX rules of every year before 1971 as if for 1970.
    for (const Instant t : SampleInstants(zone, Utc(1971, 1, 1, 0, 0), Utc(2199, 12, 31, 0, 0), 300, random)) {
      const std::string difference = CompareWithGlibc(zone, t);
      if (!difference.empty() && ++mismatches <= 10) MESSAGE(difference);
    }
  }
  CHECK(mismatches == 0);
  // Without rules, glibc reads "posixrules"; we use the tzcode default, the US rules since 2007.
  const TimeZone no_rules = FooterOnlyZone("XXX5YYY");
  CHECK(no_rules.OffsetAt(Utc(2026, 3, 8, 6, 59, 59)) == -5 * 3600);
  CHECK(no_rules.OffsetAt(Utc(2026, 3, 8, 7, 0)) == -4 * 3600);
  CHECK(no_rules.OffsetAt(Utc(2026, 11, 1, 6, 0)) == -5 * 3600);
}

TEST_CASE("TimeZone: DST all year and footer-only zones") {
  const TimeZone all_year = FooterOnlyZone("EST5EDT,0/0,J365/25");
  for (std::int32_t year = 1990; year < 2300; year += 7) {
    for (const Instant t : {Utc(year, 1, 1, 0, 0), Utc(year, 1, 1, 5, 0), Utc(year, 6, 1, 0, 0), Utc(year, 12, 31, 23, 0)}) {
      CHECK(all_year.OffsetAt(t) == -4 * 3600);
    }
  }
  CHECK(all_year.OffsetSpans(Utc(2000, 1, 1, 0, 0), Utc(2010, 1, 1, 0, 0)).size() == 1);
  CHECK(FooterOnlyZone("<+0545>-5:45").OffsetAt(Utc(2026, 1, 1, 0, 0)) == 20700);
  CHECK(FooterOnlyZone("<-05>5").OffsetAt(Utc(1800, 1, 1, 0, 0)) == -18000);
  const TimeZone cet = FooterOnlyZone("CET-1CEST,M3.5.0,M10.5.0/3");  // no transitions: the rule applies everywhere
  CHECK(cet.OffsetAt(Utc(1900, 7, 1, 0, 0)) == 7200);
  CHECK(cet.OffsetAt(Utc(1900, 12, 1, 0, 0)) == 3600);
  CHECK(TimeZone::Utc().OffsetAt(Utc(2026, 1, 1, 0, 0)) == 0);
  CHECK(TimeZone().OffsetAt(Utc(2026, 1, 1, 0, 0)) == 0);  // default-constructed = UTC
  CHECK(TimeZone().name() == "UTC");

  // Version 1: 32-bit times, no footer; type 0 before the first transition, the last type after the last.
  const std::string v1 = BuildTzif(0, {{1000, 1}, {2000, 0}, {3000, 1}}, {{3600, false}, {7200, true}}, "");
  Result<TimeZone> zone = TimeZone::FromTzif("v1", v1);
  REQUIRE(zone.ok());
  CHECK(zone->OffsetAt(-5000000000) == 3600);
  CHECK(zone->OffsetAt(999) == 3600);
  CHECK(zone->OffsetAt(1000) == 7200);
  CHECK(zone->OffsetAt(2500) == 3600);
  CHECK(zone->OffsetAt(5000000000) == 7200);
  for (const char version : {'2', '3', '4'}) {
    CHECK(TimeZone::FromTzif("v", BuildTzif(version, {{-(Instant{1} << 40), 1}}, {{0, false}, {-3600, false}}, "")).ok());
  }
}

TEST_CASE("TimeZone: malformed TZif gives an error, never a crash") {
  const std::string berlin = ReadFile(kZoneinfoDir + "/Europe/Berlin");
  REQUIRE(berlin.size() > 200);
  REQUIRE(TimeZone::FromTzif("Europe/Berlin", berlin).ok());
  for (std::size_t length = 0; length < berlin.size(); ++length) {
    const Result<TimeZone> zone = TimeZone::FromTzif("truncated", std::string_view(berlin).substr(0, length));
    REQUIRE_MESSAGE(!zone.ok(), length);
    CHECK(zone.error().code == "invalid_tzif");
  }

  std::mt19937_64 random(42);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = berlin;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) {
      bytes[random() % (round % 2 == 0 ? 120 : bytes.size())] = static_cast<char>(random() & 0xFF);
    }
    const Result<TimeZone> zone = TimeZone::FromTzif("flipped", bytes);
    if (!zone) continue;
    ++parsed;
    Instant found[2];
    for (const Instant t : {Instant{-(Instant{1} << 40)}, Instant{0}, Utc(2026, 3, 29, 1, 0), Utc(2300, 1, 1, 0, 0)}) {
      (void)zone->ToLocal(t);
      (void)zone->InstantsAtLocal(t, found);
      (void)zone->FromLocalSeconds(t);
    }
    CHECK(!zone->OffsetSpans(Utc(2020, 1, 1, 0, 0), Utc(2030, 1, 1, 0, 0)).empty());
  }
  MESSAGE(parsed << " of 3000 byte-flipped files still parsed");

  auto error_of = [](const std::string& bytes) { return TimeZone::FromTzif("bad", bytes).ok() ? "" : "invalid"; };
  CHECK(std::string(error_of(BuildTzif('2', {{2000, 0}, {1000, 0}}, {{0, false}}, ""))) == "invalid");  // descending
  CHECK(std::string(error_of(BuildTzif('2', {{1000, 3}}, {{0, false}}, ""))) == "invalid");  // type index
  CHECK(std::string(error_of(BuildTzif('2', {}, {{INT32_MIN, false}}, ""))) == "invalid");   // utoff -2^31
  CHECK(std::string(error_of(BuildTzif('1', {}, {{0, false}}, ""))) == "invalid");           // version '1'
  for (const char* footer :
       {"EST", "ES5", "<AB>5", "EST25", "EST5:60", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
        "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,366,0", "EST5EDT,M3.2.0/168,M11.1.0", "EST5EDT,M3.2.0",
        "EST5EDT,M3.2.0,M11.1.0x", "EST5EDT25", "<+05", "5", "EST5EDT,M3.2.0/,M11.1.0"}) {
    CHECK_MESSAGE(!TimeZone::FromTzif("bad", BuildTzif('3', {}, {{0, false}}, footer)).ok(), footer);
  }
}

TEST_CASE("TimeZone: OffsetSpans cover [from, to) exactly") {
  std::mt19937_64 random(5);
  for (const char* name : {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Africa/Casablanca", "UTC"}) {
    const TimeZone zone = LoadZone(name);
    for (const auto& [from, to] : {std::pair{Utc(2026, 1, 1, 0, 0), Utc(2027, 1, 1, 0, 0)},
                                   std::pair{Utc(1900, 1, 1, 0, 0), Utc(2300, 1, 1, 0, 0)},
                                   std::pair{Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 29, 1, 0) + 1},
                                   std::pair{Utc(2026, 6, 1, 0, 0), Utc(2026, 6, 2, 0, 0)}}) {
      const std::vector<OffsetSpan> spans = zone.OffsetSpans(from, to);
      REQUIRE(!spans.empty());
      CHECK(spans.front().start == from);
      CHECK(spans.back().end == to);
      for (std::size_t i = 0; i < spans.size(); ++i) {
        CHECK(spans[i].start < spans[i].end);
        CHECK(zone.OffsetAt(spans[i].start) == spans[i].offset);
        CHECK(zone.OffsetAt(spans[i].end - 1) == spans[i].offset);
        const Instant inside = spans[i].start + static_cast<Instant>(random() % static_cast<std::uint64_t>(
                                                                                 spans[i].end - spans[i].start));
        CHECK(zone.OffsetAt(inside) == spans[i].offset);
        if (i > 0) {
          CHECK(spans[i].start == spans[i - 1].end);
          CHECK(spans[i].offset != spans[i - 1].offset);
        }
      }
    }
    CHECK(zone.OffsetSpans(Utc(2026, 1, 1, 0, 0), Utc(2026, 1, 1, 0, 0)).empty());
    CHECK(zone.OffsetSpans(Utc(2026, 1, 2, 0, 0), Utc(2026, 1, 1, 0, 0)).empty());
  }
  const TimeZone berlin = LoadZone("Europe/Berlin");
  const std::vector<OffsetSpan> year = berlin.OffsetSpans(Utc(2026, 1, 1, 0, 0), Utc(2027, 1, 1, 0, 0));
  REQUIRE(year.size() == 3);
  CHECK(year[0].offset == 3600);
  CHECK(year[1].start == Utc(2026, 3, 29, 1, 0));
  CHECK(year[1].offset == 7200);
  CHECK(year[2].start == Utc(2026, 10, 25, 1, 0));
  CHECK(year[2].offset == 3600);
}

TEST_CASE("TimeZone: IsValidZoneName") {
  for (const char* good : {"UTC", "Etc/GMT+5", "Etc/GMT-14", "America/Argentina/Buenos_Aires", "EST5EDT", "a"}) {
    CHECK_MESSAGE(IsValidZoneName(good), good);
  }
  for (const char* bad : {"", "..", ".", "../etc/passwd", "America/../../etc", "/etc/passwd", "America//New_York",
                          "America/", "./UTC", "America/New York", "America\\New_York", "UTC\n", "Europe/Berlin.",
                          "Zone:1", "Asia/Tōkyō"}) {
    CHECK_MESSAGE(!IsValidZoneName(bad), bad);
  }
  CHECK(IsValidZoneName(std::string(255, 'a')));
  CHECK(!IsValidZoneName(std::string(256, 'a')));
  CHECK(!IsValidZoneName(std::string_view("UTC\0x", 5)));
}

TEST_CASE("TimeZone: InMemoryZoneSource") {
  InMemoryZoneSource source;
  const TimeZone* utc = source.Find("UTC");
  REQUIRE(utc != nullptr);
  CHECK(utc->OffsetAt(0) == 0);
  CHECK(source.Find("UTC") == utc);
  CHECK(source.Find("Europe/Berlin") == nullptr);
  REQUIRE(source.Add("Europe/Berlin", ReadFile(kZoneinfoDir + "/Europe/Berlin")).ok());
  const TimeZone* berlin = source.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  CHECK(berlin->name() == "Europe/Berlin");
  CHECK(berlin->OffsetAt(Utc(2026, 7, 1, 0, 0)) == 7200);
  const Result<bool> bad = source.Add("Broken", "TZif");
  REQUIRE(!bad.ok());
  CHECK(bad.error().code == "invalid_tzif");
  CHECK(source.Find("Broken") == nullptr);
}

}  // namespace slotwise
