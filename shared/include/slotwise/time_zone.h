// time_zone.h — IANA time zones read from TZif data (RFC 8536, versions 1–4), handed in as bytes.
//
// Contract:
// - `TimeZone::FromTzif` parses a TZif file's bytes (v1 data block is skipped for v2+, the 64-bit block and the footer
//   POSIX TZ string are used). Instants past the last transition follow the footer rule; instants before the first
//   transition use the first local time type (RFC 8536 §3.2). Malformed bytes give an Error (code "invalid_tzif"),
//   never a crash.
// - Offsets are "UT offset" seconds: local wall seconds = UTC seconds + offset.
// - Wall time -> instant follows RFC 5545 §3.3.5: a wall time inside a gap (skipped by a forward shift) is interpreted
//   with the offset in force before the gap, i.e. it lands the gap's length later on the wall clock; a repeated wall
//   time (overlap) means its FIRST occurrence.
// - The footer rule is used at and after the last transition (as glibc does; a consistent file agrees with its last
//   transition there). At load, its switches up to the year 2200 are added to the transition table, so almost every
//   lookup is a binary search; later instants evaluate the rule directly (O(1), no allocation).
// - Instants are seconds within ±2^62; beyond about ±2^45 s (a million years) the footer rule is held constant.
// - A TimeZone is immutable after construction: const methods are thread-safe. Copies share the parsed rule.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"
#include "slotwise/time.h"

namespace slotwise {

// A span of instants over which a zone's UT offset is constant.
struct OffsetSpan {
  Instant start;        // inclusive
  Instant end;          // exclusive
  std::int32_t offset;  // UT offset in seconds during [start, end)
};

class TimeZone {
 public:
  // Parses TZif bytes. `name` is kept for messages and output only.
  static Result<TimeZone> FromTzif(std::string name, std::string_view bytes);
  // The UTC zone (offset 0 forever), needing no data. A default-constructed TimeZone is the same.
  static TimeZone Utc();
  TimeZone() = default;

  const std::string& name() const { return name_; }

  std::int32_t OffsetAt(Instant t) const;  // UT offset in force at instant t
  LocalDateTime ToLocal(Instant t) const;  // wall-clock reading at instant t
  std::int64_t ToLocalSeconds(Instant t) const { return t + OffsetAt(t); }

  // Wall time -> the one instant RFC 5545 assigns to it (gap: shifted forward; overlap: first occurrence).
  Instant FromLocal(const LocalDateTime& local) const;
  Instant FromLocalSeconds(std::int64_t local_seconds) const;

  // Every instant whose wall time is exactly `local_seconds`, ascending: 0 (gap), 1, or 2 (overlap) of them.
  // Returns the count written to out[0..count). (Should pathological data repeat a wall time three or more times, the
  // first two are returned.)
  int InstantsAtLocal(std::int64_t local_seconds, Instant out[2]) const;

  // The spans of constant offset that cover [from, to), in order, clipped to [from, to). Empty if to <= from.
  // Adjacent spans always differ in offset (transitions that only change the abbreviation or isdst are merged).
  std::vector<OffsetSpan> OffsetSpans(Instant from, Instant to) const;

 private:
  struct Rule;  // the footer's POSIX TZ rule (std offset, optional dst offset and its start/end rules)

  // The first instant > t at which the offset may change (the offset need not differ there); nullopt if none.
  std::optional<Instant> NextTransition(Instant t) const;
  bool UsesRuleAt(Instant t) const;  // true when t is past the table and the footer rule has DST
  // InstantsAtLocal's work; also sets *gap_instant to the RFC 5545 answer used when the count is 0.
  int SolveLocal(std::int64_t local_seconds, Instant out[2], Instant* gap_instant) const;

  std::string name_ = "UTC";
  std::vector<Instant> transitions_;       // ascending transition instants (incl. footer switches up to 2200)
  std::vector<std::int32_t> offsets_{0};   // offsets_[i] in force from transitions_[i-1] to transitions_[i];
                                           // offsets_.size() == transitions_.size() + 1
  std::shared_ptr<const Rule> footer_;     // used at and after the last transition when present and with DST
  std::int32_t min_offset_ = 0;            // bounds of every offset the zone can produce (for wall-time lookups)
  std::int32_t max_offset_ = 0;
};

// A source of zones by IANA name. Implementations decide where TZif bytes come from (files natively, a bundle in the
// browser). `Find` returns nullptr for unknown or invalid names; the returned pointer stays valid for the source's
// lifetime. Not thread-safe unless an implementation says so.
class ZoneSource {
 public:
  virtual ~ZoneSource() = default;
  virtual const TimeZone* Find(std::string_view name) = 0;
};

// True for a syntactically valid IANA zone name: components of [A-Za-z0-9_+-], separated by '/', none "." or "..",
// 1..255 characters. ("UTC" and "Etc/GMT+5" are valid; "../etc/passwd" is not.)
bool IsValidZoneName(std::string_view name);

// A ZoneSource over a fixed map of name -> TZif bytes (used by tests and by the WebAssembly build, which is handed
// bytes by its host). "UTC" always resolves, even when not added.
class InMemoryZoneSource : public ZoneSource {
 public:
  // Parses and stores the zone; replaces an earlier zone of the same name. Error when the bytes do not parse.
  Result<bool> Add(const std::string& name, std::string_view tzif_bytes);
  const TimeZone* Find(std::string_view name) override;

 private:
  std::map<std::string, TimeZone, std::less<>> zones_;
};

}  // namespace slotwise
