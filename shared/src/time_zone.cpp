// time_zone.cpp — TZif (RFC 8536) reading and UTC <-> wall-time conversion (see time_zone.h for the contract).
//
// [SECTION] TZif reading     — a bounds-checked big-endian reader, header and data-block parsing
// [SECTION] TimeZone         — FromTzif, offset lookup, wall-time resolution, offset spans
// [SECTION] Zone names and sources
#include "slotwise/time_zone.h"

#include <algorithm>
#include <limits>

#include "posix_tz_rule.h"
#include "slotwise/error_codes.h"

namespace slotwise {

struct TimeZone::Rule {
  PosixTzRule posix;
};

//-----------------------------------------------------------------------------
// [SECTION] TZif reading
//-----------------------------------------------------------------------------

namespace {

constexpr std::size_t kHeaderSize = 44;  // "TZif", version, 15 unused bytes, six 32-bit counts
constexpr std::int32_t kPrecomputeFromYear = 1800;  // footer switches are tabulated only past a last transition
constexpr std::int32_t kPrecomputeUntilYear = 2200;  // ... that is at least this recent, and up to this year

Error InvalidTzif(const std::string& name, std::string_view what) {
  return Error{codes::kInvalidTzif, "Time zone \"" + name + "\": " + std::string(what) + ".", ""};
}

// Reads big-endian integers from a byte string; callers check Has() before every read.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool Has(std::uint64_t count) const { return count <= bytes_.size() - pos_; }
  std::string_view Rest() const { return bytes_.substr(pos_); }
  void Skip(std::size_t count) { pos_ += count; }
  std::uint8_t U8() { return static_cast<std::uint8_t>(bytes_[pos_++]); }
  std::uint32_t U32() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = (value << 8) | U8();
    return value;
  }
  std::uint64_t U64() {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | U8();
    return value;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

struct Header {
  std::uint8_t version = 0;  // 0 for version 1, else '2', '3', '4', ...
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

struct LocalTimeType {
  std::int32_t utoff = 0;
  bool isdst = false;
};

struct DataBlock {
  std::vector<Instant> times;
  std::vector<std::uint8_t> type_indices;
  std::vector<LocalTimeType> types;
};

Result<Header> ReadHeader(ByteReader& reader, const std::string& name) {
  if (!reader.Has(kHeaderSize)) return InvalidTzif(name, "truncated header");
  if (reader.Rest().substr(0, 4) != "TZif") return InvalidTzif(name, "missing \"TZif\" magic");
  reader.Skip(4);
  Header header;
  header.version = reader.U8();
  if (header.version != 0 && header.version < '2') return InvalidTzif(name, "unknown version");
  reader.Skip(15);
  header.isutcnt = reader.U32();
  header.isstdcnt = reader.U32();
  header.leapcnt = reader.U32();
  header.timecnt = reader.U32();
  header.typecnt = reader.U32();
  header.charcnt = reader.U32();
  if (header.typecnt == 0 || header.charcnt == 0) return InvalidTzif(name, "no local time types or no abbreviations");
  if (header.typecnt > 256) return InvalidTzif(name, "more than 256 local time types");
  if ((header.isutcnt != 0 && header.isutcnt != header.typecnt) ||
      (header.isstdcnt != 0 && header.isstdcnt != header.typecnt)) {
    return InvalidTzif(name, "indicator counts differ from the type count");
  }
  return header;
}

// Size in bytes of a data block whose transition times are `time_size` bytes (4 in version 1, 8 after).
std::uint64_t DataBlockSize(const Header& h, std::uint64_t time_size) {
  return std::uint64_t{h.timecnt} * time_size + h.timecnt + std::uint64_t{h.typecnt} * 6 + h.charcnt +
         std::uint64_t{h.leapcnt} * (time_size + 4) + h.isstdcnt + h.isutcnt;
}

Result<DataBlock> ReadDataBlock(ByteReader& reader, const Header& h, std::size_t time_size, const std::string& name) {
  if (!reader.Has(DataBlockSize(h, time_size))) return InvalidTzif(name, "truncated data block");
  DataBlock block;
  block.times.reserve(h.timecnt);
  for (std::uint32_t i = 0; i < h.timecnt; ++i) {
    const Instant time = time_size == 4 ? Instant{static_cast<std::int32_t>(reader.U32())}
                                        : static_cast<Instant>(reader.U64());
    if (!block.times.empty() && time <= block.times.back()) {
      return InvalidTzif(name, "transition times not strictly ascending");
    }
    block.times.push_back(time);
  }
  block.type_indices.reserve(h.timecnt);
  for (std::uint32_t i = 0; i < h.timecnt; ++i) {
    const std::uint8_t index = reader.U8();
    if (index >= h.typecnt) return InvalidTzif(name, "transition type index out of range");
    block.type_indices.push_back(index);
  }
  for (std::uint32_t i = 0; i < h.typecnt; ++i) {
    LocalTimeType type;
    type.utoff = static_cast<std::int32_t>(reader.U32());
    const std::uint8_t isdst = reader.U8();
    const std::uint8_t abbr_index = reader.U8();
    if (type.utoff == std::numeric_limits<std::int32_t>::min()) return InvalidTzif(name, "UT offset -2^31");
    if (isdst > 1) return InvalidTzif(name, "isdst not 0 or 1");
    if (abbr_index >= h.charcnt) return InvalidTzif(name, "abbreviation index out of range");
    type.isdst = isdst == 1;
    block.types.push_back(type);
  }
  // Abbreviations are not kept; leap-second records are ignored (instants are POSIX time).
  reader.Skip(h.charcnt);
  reader.Skip(static_cast<std::size_t>(std::uint64_t{h.leapcnt} * (time_size + 4)));
  // Standard/wall and UT/local indicators only matter for POSIX strings without rules; checked, not kept.
  for (std::uint32_t i = 0; i < h.isstdcnt + h.isutcnt; ++i) {
    if (reader.U8() > 1) return InvalidTzif(name, "indicator not 0 or 1");
  }
  return block;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] TimeZone
//-----------------------------------------------------------------------------

Result<TimeZone> TimeZone::FromTzif(std::string name, std::string_view bytes) {
  ByteReader reader(bytes);
  Result<Header> header = ReadHeader(reader, name);
  if (!header) return header.error();
  std::size_t time_size = 4;
  if (header->version != 0) {  // version 2+: skip the 32-bit block, read the second header and 64-bit block
    const std::uint64_t v1_size = DataBlockSize(*header, 4);
    if (!reader.Has(v1_size)) return InvalidTzif(name, "truncated version 1 data block");
    reader.Skip(static_cast<std::size_t>(v1_size));
    header = ReadHeader(reader, name);
    if (!header) return header.error();
    time_size = 8;
  }
  Result<DataBlock> block = ReadDataBlock(reader, *header, time_size, name);
  if (!block) return block.error();

  std::string_view footer_text;
  if (time_size == 8) {  // footer: '\n' TZ-string '\n'
    const std::string_view rest = reader.Rest();
    const std::size_t end = rest.empty() || rest[0] != '\n' ? std::string_view::npos : rest.find('\n', 1);
    if (end == std::string_view::npos) return InvalidTzif(name, "missing or unterminated footer");
    footer_text = rest.substr(1, end - 1);
  }

  TimeZone zone;
  zone.name_ = std::move(name);
  zone.transitions_ = std::move(block.value().times);
  zone.offsets_.assign(1, block->types[0].utoff);  // RFC 8536 §3.2: type 0 before the first transition
  zone.offsets_.reserve(zone.transitions_.size() + 1);
  for (const std::uint8_t index : block->type_indices) zone.offsets_.push_back(block->types[index].utoff);

  if (!footer_text.empty()) {
    Result<PosixTzRule> rule = PosixTzRule::Parse(footer_text);
    if (!rule) return InvalidTzif(zone.name_, rule.error().message);
    const PosixTzRule& posix = rule.value();
    zone.footer_ = std::make_shared<const Rule>(Rule{posix});
    // The rule governs from the last transition on (everywhere when there are none).
    const Instant rule_from = zone.transitions_.empty() ? std::numeric_limits<Instant>::min() : zone.transitions_.back();
    zone.offsets_.back() = posix.OffsetAt(rule_from);
    // Tabulate its switches for the years lookups mostly ask about.
    const Instant precompute_from = DaysFromCivil(CivilDate{kPrecomputeFromYear, 1, 1}) * kSecondsPerDay;
    const Instant precompute_until = DaysFromCivil(CivilDate{kPrecomputeUntilYear, 1, 1}) * kSecondsPerDay;
    if (posix.has_dst() && !zone.transitions_.empty() && rule_from >= precompute_from) {
      for (auto next = posix.NextSwitch(rule_from); next && *next < precompute_until; next = posix.NextSwitch(*next)) {
        const std::int32_t offset = posix.OffsetAt(*next);
        if (offset == zone.offsets_.back()) continue;
        zone.transitions_.push_back(*next);
        zone.offsets_.push_back(offset);
      }
    }
  }

  const auto [min_it, max_it] = std::minmax_element(zone.offsets_.begin(), zone.offsets_.end());
  zone.min_offset_ = *min_it;
  zone.max_offset_ = *max_it;
  if (zone.footer_) {
    zone.min_offset_ = std::min({zone.min_offset_, zone.footer_->posix.std_offset(), zone.footer_->posix.dst_offset()});
    zone.max_offset_ = std::max({zone.max_offset_, zone.footer_->posix.std_offset(), zone.footer_->posix.dst_offset()});
  }
  return zone;
}

TimeZone TimeZone::Utc() { return TimeZone(); }

bool TimeZone::UsesRuleAt(Instant t) const {
  return footer_ && footer_->posix.has_dst() && (transitions_.empty() || t >= transitions_.back());
}

std::int32_t TimeZone::OffsetAt(Instant t) const {
  if (UsesRuleAt(t)) return footer_->posix.OffsetAt(t);
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  return offsets_[static_cast<std::size_t>(after - transitions_.begin())];
}

LocalDateTime TimeZone::ToLocal(Instant t) const { return slotwise::FromLocalSeconds(ToLocalSeconds(t)); }

std::optional<Instant> TimeZone::NextTransition(Instant t) const {
  if (UsesRuleAt(t)) return footer_->posix.NextSwitch(t);
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  if (after != transitions_.end()) return *after;
  return std::nullopt;  // past the table and no DST rule: the offset never changes again
}

// Every instant t with t + OffsetAt(t) == L lies in [L - max_offset_, L - min_offset_]; walk the spans of that window
// and keep, per span of offset o, the instant L - o when it falls inside the span.
int TimeZone::SolveLocal(std::int64_t local_seconds, Instant out[2], Instant* gap_instant) const {
  const Instant window_first = local_seconds - max_offset_;
  const Instant window_last = local_seconds - min_offset_;
  int count = 0;
  Instant span_start = window_first;
  std::int32_t offset = OffsetAt(span_start);
  *gap_instant = local_seconds - offset;
  while (true) {
    const std::optional<Instant> next = NextTransition(span_start);
    const Instant span_end = next && *next <= window_last ? *next : window_last + 1;
    const Instant candidate = local_seconds - offset;
    if (candidate >= span_start && candidate < span_end) {
      if (count < 2 && (count == 0 || out[count - 1] != candidate)) out[count++] = candidate;
    } else if (candidate >= span_end) {
      *gap_instant = candidate;  // the wall time is past this span: in a gap, keep the offset from before it
    }
    if (span_end > window_last) break;
    span_start = span_end;
    offset = OffsetAt(span_start);
  }
  return count;
}

int TimeZone::InstantsAtLocal(std::int64_t local_seconds, Instant out[2]) const {
  Instant gap_instant = 0;
  return SolveLocal(local_seconds, out, &gap_instant);
}

Instant TimeZone::FromLocalSeconds(std::int64_t local_seconds) const {
  Instant found[2] = {0, 0};
  Instant gap_instant = 0;
  return SolveLocal(local_seconds, found, &gap_instant) > 0 ? found[0] : gap_instant;
}

Instant TimeZone::FromLocal(const LocalDateTime& local) const {
  return FromLocalSeconds(slotwise::ToLocalSeconds(local));
}

std::vector<OffsetSpan> TimeZone::OffsetSpans(Instant from, Instant to) const {
  std::vector<OffsetSpan> spans;
  if (to <= from) return spans;
  Instant span_start = from;
  std::int32_t offset = OffsetAt(from);
  for (std::optional<Instant> next = NextTransition(from); next && *next < to; next = NextTransition(*next)) {
    const std::int32_t next_offset = OffsetAt(*next);
    if (next_offset == offset) continue;
    spans.push_back(OffsetSpan{span_start, *next, offset});
    span_start = *next;
    offset = next_offset;
  }
  spans.push_back(OffsetSpan{span_start, to, offset});
  return spans;
}

//-----------------------------------------------------------------------------
// [SECTION] Zone names and sources
//-----------------------------------------------------------------------------

bool IsValidZoneName(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  std::size_t component_start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const std::string_view component = name.substr(component_start, i - component_start);
      if (component.empty() || component == "." || component == "..") return false;
      component_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                         c == '+' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

Result<bool> InMemoryZoneSource::Add(const std::string& name, std::string_view tzif_bytes) {
  Result<TimeZone> zone = TimeZone::FromTzif(name, tzif_bytes);
  if (!zone) return zone.error();
  zones_.insert_or_assign(name, std::move(zone).value());
  return true;
}

const TimeZone* InMemoryZoneSource::Find(std::string_view name) {
  const auto it = zones_.find(name);
  if (it != zones_.end()) return &it->second;
  if (name == "UTC") return &zones_.emplace("UTC", TimeZone::Utc()).first->second;
  return nullptr;
}

}  // namespace slotwise
