// provider_busy_test_util.h — helpers shared by the provider_busy test files: real TZif zones, RFC 3339 shorthands,
// Result accessors that fail the test (instead of asserting) on the wrong alternative.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "slotwise/provider_busy.h"
#include "support/instants.h"

#ifndef SLOTWISE_ZONEINFO_DIR
#define SLOTWISE_ZONEINFO_DIR "/usr/share/zoneinfo"
#endif

namespace doctest {
template <>
struct StringMaker<slotwise::Interval> {  // readable failures: "start/end" in RFC 3339
  static String convert(const slotwise::Interval& interval) {
    return (slotwise::FormatRfc3339(interval.start) + "/" + slotwise::FormatRfc3339(interval.end)).c_str();
  }
};
}  // namespace doctest

namespace slotwise::test {

// A zone source holding the real TZif data of the zones these tests use (loaded once, used from the test thread).
inline InMemoryZoneSource& Zones() {
  static InMemoryZoneSource zones;
  static const bool loaded = [] {
    for (const char* name : {"Europe/Berlin", "Europe/Paris", "America/Sao_Paulo", "Australia/Sydney",
                             "America/Los_Angeles", "America/New_York", "Asia/Tokyo"}) {
      std::ifstream file(std::string(SLOTWISE_ZONEINFO_DIR) + "/" + name, std::ios::binary);
      std::ostringstream bytes;
      bytes << file.rdbuf();
      (void)zones.Add(name, bytes.str());  // a failure shows up as a missing zone in Zone()
    }
    return true;
  }();
  (void)loaded;
  return zones;
}

inline const TimeZone& Zone(const char* name) {
  const TimeZone* zone = Zones().Find(name);
  REQUIRE_MESSAGE(zone != nullptr, "zone not loaded: ", name);
  return *zone;
}

using slotwise::testing::At;

inline Interval Span(const char* start, const char* end) { return Interval{At(start), At(end)}; }

// The value of a Result that must hold one.
template <class T>
const T& Ok(const Result<T>& result) {
  REQUIRE_MESSAGE(result.ok(), "unexpected error: ", (result.ok() ? std::string() : result.error().message));
  return result.value();
}

// The error of a Result that must hold one.
template <class T>
const Error& Err(const Result<T>& result) {
  REQUIRE_MESSAGE(!result.ok(), "expected an error");
  return result.error();
}

inline nlohmann::json Parse(const char* text) { return nlohmann::json::parse(text, nullptr, false); }

}  // namespace slotwise::test
